"""IMF Direction of Trade Statistics (DOTS), the bundled bilateral goods trade tables.

One input row (reporter, partner, year) carries both the reporter's exports (FOB) and its
imports (CIF); each becomes its own ``trade`` row. The partner's mirror figure is simply the
row with reporter and partner swapped. Historic entities (USSR, Yugoslavia, ...) and IMF
country groups are named by the file itself and registered from it.
"""

from __future__ import annotations

import re
import sqlite3
import time
from pathlib import Path

from bot.store.figures import Source
from bot.store.importers.base import (BatchWriter, CountryCodes, CsvRows, ImportReport, delete_source_rows,
                                      parse_number, parse_year, progress_bar, record_file, register_source, timed)

SOURCE = Source(
    id="imf_dots", name="IMF Direction of Trade Statistics (DOTS)", publisher="International Monetary Fund",
    version="January 2022 vintage",
    licence="IMF Copyright and Usage: free to use with attribution",
    citation="IMF, Direction of Trade Statistics", valuation="exports FOB, imports CIF", unit="US$ million",
    url="https://data.imf.org/", priority=10, kind="trade",
    coverage="bilateral goods trade, 205 reporters x 219 partners, 1960-2020",
    notes="Some reporters' rows are IMF estimates from partner data (DOTS practice).")
FACTOR = 1e6
WORLD = "WLD"
INSERT = "INSERT INTO trade(reporter, partner, year, flow, product, source_id, value_usd) VALUES (?,?,?,?, 'TOTAL', ?, ?)"


def group_code(name: str) -> str:
    """A stable code for an IMF partner group: WLD for World, else ``G:<SLUG>``."""
    if name.strip().lower() == "world":
        return WORLD
    return "G:" + re.sub(r"[^A-Z0-9]+", "_", name.strip().upper()).strip("_")


def _write(writer: BatchWriter, path: Path, line: int, r: list[str], c: dict, reporter: str, partner: str, year: int) -> None:
    for column, flow in (("exports_fob_usd_m", "export"), ("imports_cif_usd_m", "import")):
        v = parse_number(r[c[column]], path, line, column)
        if v is not None:
            writer.add(line, (reporter, partner, year, flow, SOURCE.id, round(v * FACTOR, 2)))


def load_bilateral(conn: sqlite3.Connection, path: Path, *, progress: bool = False) -> ImportReport:
    start = time.perf_counter()
    report = ImportReport(SOURCE.id, path.name)
    register_source(conn, SOURCE, FACTOR)
    codes = CountryCodes(conn, report, SOURCE.id)
    rows = CsvRows(path, required=["reporter_iso3", "partner_iso3", "year", "exports_fob_usd_m", "imports_cif_usd_m",
                                   "reporter_name_imf", "partner_name_imf"])
    c = rows.index
    delete_source_rows(conn, SOURCE.id, ["trade"], "AND partner NOT LIKE 'G:%' AND partner != ?", (WORLD,))
    with progress_bar(path.name, progress) as bar:
        writer = BatchWriter(conn, INSERT, path, "reporter, partner, year and flow", bar)
        for line, r in rows:
            reporter = codes.register(r[c["reporter_iso3"]], r[c["reporter_name_imf"]], "other")
            partner = codes.register(r[c["partner_iso3"]], r[c["partner_name_imf"]], "other")
            if reporter is None or partner is None:
                report.skipped += 1
                continue
            year = parse_year(r[c["year"]], path, line, "year")
            _write(writer, path, line, r, c, reporter, partner, year)
        writer.flush()
    report.rows = writer.count
    record_file(conn, report, path)
    return timed(report, start)


def load_groups(conn: sqlite3.Connection, path: Path, *, progress: bool = False) -> ImportReport:
    """Flows to IMF groups and to the World (a country's total merchandise trade)."""
    start = time.perf_counter()
    report = ImportReport(SOURCE.id, path.name)
    register_source(conn, SOURCE, FACTOR)
    codes = CountryCodes(conn, report, SOURCE.id)
    rows = CsvRows(path, required=["reporter_iso3", "partner_group", "year", "exports_fob_usd_m", "imports_cif_usd_m",
                                   "reporter_name_imf"])
    c = rows.index
    delete_source_rows(conn, SOURCE.id, ["trade"], "AND (partner LIKE 'G:%' OR partner = ?)", (WORLD,))
    groups: dict[str, str] = {}
    with progress_bar(path.name, progress) as bar:
        writer = BatchWriter(conn, INSERT, path, "reporter, group, year and flow", bar)
        for line, r in rows:
            reporter = codes.register(r[c["reporter_iso3"]], r[c["reporter_name_imf"]], "other")
            name = r[c["partner_group"]].strip()
            if name not in groups:
                groups[name] = codes.register(group_code(name), name, "group") if name else None
            partner = groups[name]
            if reporter is None or partner is None:
                report.skipped += 1
                continue
            year = parse_year(r[c["year"]], path, line, "year")
            _write(writer, path, line, r, c, reporter, partner, year)
        writer.flush()
    report.rows = writer.count
    record_file(conn, report, path)
    return timed(report, start)
