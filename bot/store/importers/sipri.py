"""SIPRI arms transfers between countries, trend-indicator values (TIV, millions),
aggregated by ORDER year (not delivery year). Non-state recipients have no code and are
reported, not stored; historic states are registered with SIPRI's own names."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from bot.store.figures import Source
from bot.store.importers.comtrade_quadrennial import renamed
from bot.store.importers.base import (BatchWriter, CountryCodes, CsvRows, ImportReport, delete_source_rows,
                                      parse_number, parse_year, progress_bar, record_file, register_source, timed)

SOURCE = Source(
    id="sipri_at", name="SIPRI Arms Transfers Database (trend-indicator values)", publisher="Stockholm International Peace Research Institute",
    version="trade registers to 2018 (arms-trade-networks@d450d249)", licence="SIPRI: free for non-commercial use with attribution",
    citation="SIPRI Arms Transfers Database", valuation="trend-indicator value (TIV): volume of major arms, not financial value",
    unit="TIV million", url="https://www.sipri.org/databases/armstransfers", priority=30, kind="arms",
    coverage="13,591 supplier-recipient pairs, order years 1950-2018",
    notes="SIPRI TIV figures do not represent sales prices; aggregated here by order year.")


def load(conn: sqlite3.Connection, path: Path, *, progress: bool = False) -> ImportReport:
    start = time.perf_counter()
    report = ImportReport(SOURCE.id, path.name)
    register_source(conn, SOURCE, 1.0)
    codes = CountryCodes(conn, report, SOURCE.id)
    rows = CsvRows(path, required=["supplier_iso3", "recipient_iso3", "order_year", "tiv_millions", "supplier", "recipient"])
    c = rows.index
    delete_source_rows(conn, SOURCE.id, ["arms_transfers"])
    sql = "INSERT INTO arms_transfers(supplier, recipient, year, basis, source_id, tiv_m) VALUES (?, ?, ?, 'order_year', ?, ?)"
    with progress_bar(path.name, progress) as bar:
        writer = BatchWriter(conn, sql, path, "supplier, recipient and order year", bar)
        for line, r in rows:
            supplier = codes.register(renamed(r[c["supplier_iso3"]]), r[c["supplier"]], "other")
            recipient = codes.register(renamed(r[c["recipient_iso3"]]), r[c["recipient"]], "other")
            if supplier is None or recipient is None:
                report.skipped += 1
                continue
            year = parse_year(r[c["order_year"]], path, line, "order_year")
            v = parse_number(r[c["tiv_millions"]], path, line, "tiv_millions")
            if v is not None:
                writer.add(line, (supplier, recipient, year, SOURCE.id, v))
        writer.flush()
    report.rows = writer.count
    record_file(conn, report, path)
    return timed(report, start)
