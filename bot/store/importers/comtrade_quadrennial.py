"""UN Comtrade bilateral merchandise exports every 4th year, 1964-2016, as compiled in the
penppml R package (exporter, importer, year, exports in US$)."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from bot.store.figures import Source
from bot.store.importers.base import (BatchWriter, CountryCodes, CsvRows, ImportReport, delete_source_rows,
                                      parse_number, parse_year, progress_bar, record_file, register_source, timed)

SOURCE = Source(
    id="comtrade_penppml", name="UN Comtrade bilateral exports, every 4th year (penppml compilation)",
    publisher="UN Comtrade, compiled by the penppml authors", version="penppml 0.2.4 (trade.rda)",
    licence="UN Comtrade: free use with attribution; package MIT",
    citation="UN Comtrade via penppml (Zylkin et al.)", valuation="exports as reported (FOB)", unit="US$",
    url="https://github.com/tomzylkin/penppml", priority=30, kind="trade",
    coverage="210 exporters x 262 importers, 1964, 1968, ..., 2016 (every 4th year)")

# ISO 3166 changed these alpha-3 codes for the same country (ISO 3166-3): the data use the old ones.
ISO_RENAMED = {"ROM": "ROU", "ZAR": "COD", "TMP": "TLS"}


def renamed(code: str) -> str:
    code = code.strip().upper()
    return ISO_RENAMED.get(code, code)


def load(conn: sqlite3.Connection, path: Path, *, progress: bool = False) -> ImportReport:
    start = time.perf_counter()
    report = ImportReport(SOURCE.id, path.name)
    register_source(conn, SOURCE, 1.0)
    codes = CountryCodes(conn, report, SOURCE.id)
    rows = CsvRows(path, required=["exporter_iso3", "importer_iso3", "year", "exports_usd"])
    c = rows.index
    delete_source_rows(conn, SOURCE.id, ["trade"])
    sql = "INSERT INTO trade(reporter, partner, year, flow, product, source_id, value_usd) VALUES (?, ?, ?, 'export', 'TOTAL', ?, ?)"
    with progress_bar(path.name, progress) as bar:
        writer = BatchWriter(conn, sql, path, "exporter, importer and year", bar)
        for line, r in rows:
            exporter = codes.check(renamed(r[c["exporter_iso3"]]))
            importer = codes.check(renamed(r[c["importer_iso3"]]))
            if exporter is None or importer is None:
                report.skipped += 1
                continue
            year = parse_year(r[c["year"]], path, line, "year")
            v = parse_number(r[c["exports_usd"]], path, line, "exports_usd")
            if v is not None:
                writer.add(line, (exporter, importer, year, SOURCE.id, v))
        writer.flush()
    report.rows = writer.count
    record_file(conn, report, path)
    return timed(report, start)
