"""World Bank WDI series bundled in long layout (``iso3, year, value``), one file per
indicator, from the open-numbers WDI mirror (one vintage, Oct 2025).

Merchandise exports/imports become ``trade`` rows towards the World (``WLD``) under their
own source, beside IMF DOTS's world totals: two sources, never merged. FDI net flows in
current US$ go to ``indicators``.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from bot.store.figures import Source
from bot.store.importers.base import (BatchWriter, CountryCodes, CsvRows, ImportReport, parse_number, parse_year,
                                      progress_bar, record_file, register_source, timed)
from bot.store.importers.long_indicators import IndicatorDef, LongSpec, load_long

SOURCE = Source(
    id="wdi", name="World Bank World Development Indicators", publisher="World Bank",
    version="October 2025 release (open-numbers mirror)", licence="CC BY 4.0",
    citation="World Bank, World Development Indicators", valuation="current US$",
    unit="US$", url="https://data.worldbank.org/", priority=20, kind="indicator",
    coverage="about 200 economies, 1960-2024")

FDI_IN = IndicatorDef("BX.KLT.DINV.CD.WD", "Foreign direct investment, net inflows (BoP, current US$)", "USD")
FDI_OUT = IndicatorDef("BM.KLT.DINV.CD.WD", "Foreign direct investment, net outflows (BoP, current US$)", "USD")
INDICATORS = {d.indicator: d for d in (FDI_IN, FDI_OUT)}
TRADE_FLOWS = {"TX.VAL.MRCH.CD.WT": "export", "TM.VAL.MRCH.CD.WT": "import"}  # merchandise trade, current US$
WORLD = "WLD"


def load_indicator(conn: sqlite3.Connection, path: Path, indicator: str, *, progress: bool = False) -> ImportReport:
    spec = LongSpec(SOURCE, "iso3", "year", {"value": INDICATORS[indicator]})
    return load_long(conn, path, spec, progress=progress)


def load_trade_total(conn: sqlite3.Connection, path: Path, indicator: str, *, progress: bool = False) -> ImportReport:
    """A merchandise exports/imports file -> trade rows reporter -> WLD."""
    start = time.perf_counter()
    flow = TRADE_FLOWS[indicator]
    report = ImportReport(SOURCE.id, path.name)
    register_source(conn, SOURCE, 1.0)
    codes = CountryCodes(conn, report, SOURCE.id)
    rows = CsvRows(path, required=["iso3", "year", "value"])
    c = rows.index
    conn.execute("DELETE FROM trade WHERE source_id = ? AND partner = ? AND flow = ?", (SOURCE.id, WORLD, flow))
    sql = "INSERT INTO trade(reporter, partner, year, flow, product, source_id, value_usd) VALUES (?, ?, ?, ?, 'TOTAL', ?, ?)"
    with progress_bar(path.name, progress) as bar:
        writer = BatchWriter(conn, sql, path, "country and year", bar)
        for line, r in rows:
            code = codes.check(r[c["iso3"]])
            if code is None:
                report.skipped += 1
                continue
            year = parse_year(r[c["year"]], path, line, "year")
            v = parse_number(r[c["value"]], path, line, "value")
            if v is not None:
                writer.add(line, (code, WORLD, year, flow, SOURCE.id, v))
        writer.flush()
    report.rows = writer.count
    record_file(conn, report, path)
    return timed(report, start)
