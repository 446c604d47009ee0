"""UNCTAD bilateral FDI net flows into developing host countries, 1980-2012
(as used in Aisbett, Busse & Nunnenkamp 2018). Missing values (NA) are not stored."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from bot.store.figures import Source
from bot.store.importers.base import (BatchWriter, CountryCodes, CsvRows, ImportReport, delete_source_rows,
                                      parse_number, parse_year, progress_bar, record_file, register_source, timed)
from bot.store.importers.comtrade_quadrennial import renamed

SOURCE = Source(
    id="unctad_fdi", name="UNCTAD bilateral FDI flows (Aisbett, Busse & Nunnenkamp 2018 extract)", publisher="UNCTAD",
    version="ABN 2018 replication data (modeling-fdi@72a6f920)", licence="UNCTAD terms of use (no licence file in the repository)",
    citation="UNCTAD bilateral FDI statistics, via Aisbett, Busse & Nunnenkamp (2018), Review of World Economics 154(1)",
    valuation="net FDI flows, as reported by the host", unit="US$ million", url="https://unctad.org/fdistatistics",
    priority=30, kind="fdi", coverage="122 developing hosts x 39 source countries, 1980-2012")
FACTOR = 1e6


def load(conn: sqlite3.Connection, path: Path, *, progress: bool = False) -> ImportReport:
    start = time.perf_counter()
    report = ImportReport(SOURCE.id, path.name)
    register_source(conn, SOURCE, FACTOR)
    codes = CountryCodes(conn, report, SOURCE.id)
    rows = CsvRows(path, required=["host_iso3", "source_iso3", "year", "fdi_net_flow_usd_m"])
    c = rows.index
    delete_source_rows(conn, SOURCE.id, ["fdi_bilateral"])
    sql = "INSERT INTO fdi_bilateral(host, investor, year, measure, source_id, value_usd) VALUES (?, ?, ?, 'net_flow', ?, ?)"
    with progress_bar(path.name, progress) as bar:
        writer = BatchWriter(conn, sql, path, "host, source country and year", bar)
        for line, r in rows:
            host, investor = codes.check(renamed(r[c["host_iso3"]])), codes.check(renamed(r[c["source_iso3"]]))
            if host is None or investor is None:
                report.skipped += 1
                continue
            year = parse_year(r[c["year"]], path, line, "year")
            v = parse_number(r[c["fdi_net_flow_usd_m"]], path, line, "fdi_net_flow_usd_m")
            if v is not None:
                writer.add(line, (host, investor, year, SOURCE.id, round(v * FACTOR, 2)))
        writer.flush()
    report.rows = writer.count
    record_file(conn, report, path)
    return timed(report, start)
