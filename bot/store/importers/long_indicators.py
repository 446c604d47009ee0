"""Country-year indicator tables in long layout (``iso3, year, value...``): one loader
driven by a small spec, so each bundled indicator file is a few lines of metadata."""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from bot.store.figures import Source
from bot.store.importers.base import (BatchWriter, CountryCodes, CsvRows, ImportReport, parse_number, parse_year,
                                      progress_bar, record_file, register_source, timed)


@dataclass(frozen=True)
class IndicatorDef:
    indicator: str  # WDI code where one exists (NY.GDP.MKTP.CD), else a dotted id (SIPRI.TIV.EXPORTS)
    name: str
    unit: str  # USD, persons, percent_of_gdp, TIV
    description: str = ""


@dataclass(frozen=True)
class LongSpec:
    source: Source
    code_column: str
    year_column: str
    columns: dict[str, IndicatorDef]  # file column -> indicator
    factor: float = 1.0
    name_column: str | None = None  # lets the file register codes it names (World Bank aggregates)


def define(conn: sqlite3.Connection, d: IndicatorDef) -> None:
    conn.execute("INSERT OR REPLACE INTO indicator_defs(indicator, name, unit, description) VALUES (?,?,?,?)",
                 (d.indicator, d.name, d.unit, d.description))


def load_long(conn: sqlite3.Connection, path: Path, spec: LongSpec, *, progress: bool = False) -> ImportReport:
    start = time.perf_counter()
    src = spec.source
    report = ImportReport(src.id, path.name)
    register_source(conn, src, spec.factor)
    for d in spec.columns.values():
        define(conn, d)
        conn.execute("DELETE FROM indicators WHERE source_id = ? AND indicator = ?", (src.id, d.indicator))
    codes = CountryCodes(conn, report, src.id)
    required = [spec.code_column, spec.year_column, *spec.columns] + ([spec.name_column] if spec.name_column else [])
    rows = CsvRows(path, required=required)
    c = rows.index
    targets = [(c[col], col, d.indicator) for col, d in spec.columns.items()]
    sql = "INSERT INTO indicators(code, indicator, year, source_id, value) VALUES (?,?,?,?,?)"
    with progress_bar(path.name, progress) as bar:
        writer = BatchWriter(conn, sql, path, "country, indicator and year", bar)
        for line, r in rows:
            raw = r[c[spec.code_column]]
            code = codes.register(raw, r[c[spec.name_column]], "other") if spec.name_column else codes.check(raw)
            if code is None:
                report.skipped += 1
                continue
            year = parse_year(r[c[spec.year_column]], path, line, spec.year_column)
            for i, col, indicator in targets:
                v = parse_number(r[i], path, line, col)
                if v is not None:
                    writer.add(line, (code, indicator, year, src.id, v * spec.factor))
        writer.flush()
    report.rows = writer.count
    record_file(conn, report, path)
    return timed(report, start)
