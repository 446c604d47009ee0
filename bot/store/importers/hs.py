"""HS product codes and descriptions (datahub harmonized-system, from UN Comtrade)."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from bot.store.figures import Source
from bot.store.importers.base import CsvRows, ImportFailure, ImportReport, record_file, register_source, timed

SOURCE = Source(
    id="datahub_hs", name="Harmonized System codes and descriptions", publisher="Datahub core datasets (data from UN Comtrade)",
    version="github.com/datasets/harmonized-system@905e5a0f", licence="ODC-PDDL",
    citation="Datahub, harmonized-system (UN Comtrade HS descriptions)", valuation="", unit="", kind="reference",
    url="https://github.com/datasets/harmonized-system")


def load_codes(conn: sqlite3.Connection, path: Path, *, progress: bool = False) -> ImportReport:
    start = time.perf_counter()
    report = ImportReport(SOURCE.id, path.name)
    register_source(conn, SOURCE, 1.0)
    rows = CsvRows(path, required=["section", "hscode", "description", "parent", "level"])
    c = rows.index
    out = []
    for line, r in rows:
        code = r[c["hscode"]].strip()
        if code == "TOTAL":  # the file's own root row ("Total of all HS2022 commodities")
            out.append((code, 0, r[c["description"]].strip(), None, None))
            continue
        if not code.isdigit() or len(code) not in (2, 4, 6):
            raise ImportFailure(path, f"not an HS code: {code!r}", line, "hscode")
        level = r[c["level"]].strip()
        if level != str(len(code)):
            raise ImportFailure(path, f"level {level!r} does not match code {code}", line, "level")
        out.append((code, int(level), r[c["description"]].strip(), r[c["parent"]].strip() or None, r[c["section"]].strip() or None))
    conn.executemany("INSERT OR REPLACE INTO products(code, level, description, parent, section) VALUES (?,?,?,?,?)", out)
    report.rows = len(out)
    record_file(conn, report, path)
    return timed(report, start)


def load_sections(conn: sqlite3.Connection, path: Path, *, progress: bool = False) -> ImportReport:
    start = time.perf_counter()
    report = ImportReport(SOURCE.id, path.name)
    rows = CsvRows(path, required=["section", "name"])
    out = [(r[rows.index["section"]].strip(), r[rows.index["name"]].strip()) for _, r in rows]
    conn.executemany("INSERT OR REPLACE INTO product_sections(section, name) VALUES (?,?)", out)
    report.rows = len(out)
    record_file(conn, report, path)
    return timed(report, start)
