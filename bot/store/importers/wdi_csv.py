"""World Bank World Development Indicators as published in CSV, WIDE layout (one row per
country and indicator, one column per year), melted to long rows on import.

Two layouts are accepted, told apart by their first lines:

- the per-indicator API download ``API_<INDICATOR>_DS2_en_csv_v2_<n>.csv`` (from
  ``api.worldbank.org/v2/en/indicator/<INDICATOR>?downloadformat=csv``): a UTF-8 file with a
  byte-order mark and four preamble lines::

      "Data Source","World Development Indicators",
      <blank>
      "Last Updated Date","2025-01-28",
      <blank>
      "Country Name","Country Code","Indicator Name","Indicator Code","1960",...,"2024",

  every line ending in a comma (an empty last column, ignored);
- the bulk ``WDICSV.csv`` from ``WDI_CSV.zip`` (all indicators): no preamble, header
  ``Country Name,Country Code,Indicator Name,Indicator Code,1960,...``.

Merchandise exports/imports (``TX.VAL.MRCH.CD.WT`` / ``TM.VAL.MRCH.CD.WT``) become ``trade``
rows reporter -> World (``WLD``), like the bundled WDI series; every other indicator goes to
``indicators`` with an ``indicator_defs`` row (name from the file; unit ``USD`` for current
US$ series, ``percent_of_gdp`` for ``.ZS`` series "% of GDP", else ``value``; an existing
definition is kept). Empty cells are missing values, never zero. World Bank aggregates
(regions, income groups) not yet in the store are registered with the file's name.

Source ``wdi_csv``, version = the file's "Last Updated Date" when it has one. Re-importing
an indicator replaces this source's rows for that indicator.
"""

from __future__ import annotations

import csv
import re
import sqlite3
import time
from pathlib import Path

from bot.store.figures import Source
from bot.store.importers.base import (BatchWriter, CountryCodes, CsvRows, open_text, ImportFailure, ImportReport, parse_number, progress_bar,
                                      record_file, register_source, timed)
from bot.store.importers.wdi import TRADE_FLOWS

SOURCE_ID = "wdi_csv"
WORLD = "WLD"
ID_COLUMNS = ["Country Name", "Country Code", "Indicator Name", "Indicator Code"]
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d|2100)$")
_PREAMBLE_LINES = 10


def make_source(version: str) -> Source:
    return Source(
        id=SOURCE_ID, name="World Bank World Development Indicators (CSV download)", publisher="World Bank",
        version=version, licence="CC BY 4.0", citation="World Bank, World Development Indicators",
        valuation="as published; merchandise trade in current US$ (exports FOB, imports CIF as reported by WTO)",
        unit="per indicator (see indicator_defs); trade in US$", url="https://data.worldbank.org/", priority=18,
        kind="indicator", coverage="as downloaded",
        notes="Wide CSV melted to long; empty cells are missing values. Aggregates registered from the file's names.")


def unit_for(code: str, name: str) -> str:
    """USD for current-US$ series (a ``.CD`` code segment and "US$" in the name: not PPP
    "international $"), percent_of_gdp for ``.ZS`` "% of GDP" series, else ``value``."""
    segments = code.upper().split(".")
    if "CD" in segments[1:] and "US$" in name and "constant" not in name.lower():
        return "USD"
    if segments[-1] == "ZS" and "% of GDP" in name:
        return "percent_of_gdp"
    return "value"


class WideRows(CsvRows):
    """CsvRows for the WDI wide layout: finds the header under the optional preamble and
    keeps the preamble's key/value lines (``Last Updated Date``)."""

    def __init__(self, path: Path | str):  # noqa: D107 - replaces CsvRows' header handling
        self.path = Path(path)
        if not self.path.is_file():
            raise ImportFailure(self.path, "file not found")
        if self.path.stat().st_size == 0:
            raise ImportFailure(self.path, "the file is empty (0 bytes)", line=1)
        self._fh = open_text(self.path)
        self._reader = csv.reader(self._fh)
        self.preamble: dict[str, str] = {}
        header = None
        for _ in range(_PREAMBLE_LINES):
            try:
                row = self._next_row()
            except ImportFailure:
                self._fh.close()
                raise
            if row is None:
                break
            cells = [c.strip() for c in row]
            looks_like_header = (sum(c in ID_COLUMNS for c in cells) >= 2
                                 or sum(bool(_YEAR.match(c)) for c in cells) >= 3)
            if looks_like_header:
                header = cells
                break
            if len(cells) >= 2 and cells[0]:
                self.preamble[cells[0]] = cells[1]
        if header is None:
            self._fh.close()
            raise ImportFailure(self.path, "no WDI header (Country Name, Country Code, Indicator Name, Indicator Code,"
                                f" years) in the first {_PREAMBLE_LINES} lines", line=1)
        self.header_line = self._reader.line_num
        self.header = header
        missing = [c for c in ID_COLUMNS if c not in header]
        if missing:
            self._fh.close()
            raise ImportFailure(self.path, f"missing column(s) {', '.join(repr(m) for m in missing)};"
                                f" found {', '.join(h for h in header if h) or 'none'}", line=self.header_line)
        self.index = {name: i for i, name in enumerate(header)}
        self.years = [(i, int(h)) for i, h in enumerate(header) if _YEAR.match(h)]
        if not self.years:
            self._fh.close()
            raise ImportFailure(self.path, "no year columns (1960, 1961, ...) in the header", line=self.header_line)


def load(conn: sqlite3.Connection, path: Path, *, progress: bool = False) -> ImportReport:
    start = time.perf_counter()
    rows = WideRows(path)
    updated = rows.preamble.get("Last Updated Date", "").strip()
    version = updated or f"bulk file {path.name} (no date in the file)"
    source = make_source(version)
    report = ImportReport(SOURCE_ID, path.name)
    register_source(conn, source, 1.0)
    codes = CountryCodes(conn, report, SOURCE_ID)
    c = rows.index
    i_name, i_code, i_iname, i_icode = (c[k] for k in ID_COLUMNS)
    years = rows.years
    indicators: dict[str, str | None] = {}  # indicator -> trade flow, or None for an indicator row
    country_cache: dict[str, str | None] = {}
    ind_sql = "INSERT INTO indicators(code, indicator, year, source_id, value) VALUES (?,?,?,?,?)"
    trade_sql = ("INSERT INTO trade(reporter, partner, year, flow, product, source_id, value_usd)"
                 " VALUES (?, ?, ?, ?, 'TOTAL', ?, ?)")
    with progress_bar(path.name, progress) as bar:
        ind_writer = BatchWriter(conn, ind_sql, path, "country, indicator and year", bar)
        trade_writer = BatchWriter(conn, trade_sql, path, "country, indicator and year", bar)
        for line, r in rows:
            raw_code = r[i_code].strip()
            if not raw_code:
                raise ImportFailure(path, "empty country code", line, "Country Code")
            indicator = r[i_icode].strip()
            if not indicator:
                raise ImportFailure(path, "empty indicator code", line, "Indicator Code")
            if indicator not in indicators:
                indicators[indicator] = _start_indicator(conn, codes, indicator, r[i_iname].strip())
            flow = indicators[indicator]
            if raw_code not in country_cache:
                country_cache[raw_code] = codes.register(raw_code, r[i_name], "other")
            code = country_cache[raw_code]
            if code is None:
                report.skipped += 1
                continue
            for i, year in years:
                cell = r[i]
                if not cell or cell.isspace():
                    continue
                v = parse_number(cell, path, line, str(year))
                if v is None:
                    continue
                if flow is None:
                    ind_writer.add(line, (code, indicator, year, SOURCE_ID, v))
                else:
                    trade_writer.add(line, (code, WORLD, year, flow, SOURCE_ID, v))
        ind_writer.flush()
        trade_writer.flush()
    report.rows = ind_writer.count + trade_writer.count
    record_file(conn, report, path)
    return timed(report, start)


def _start_indicator(conn: sqlite3.Connection, codes: CountryCodes, indicator: str, name: str) -> str | None:
    """First sight of an indicator in the file: clear this source's old rows for it (so a
    re-import replaces them) and define it. Returns the trade flow for the merchandise series."""
    flow = TRADE_FLOWS.get(indicator)
    # ``reporter/code IN (countries)`` lets SQLite seek by the key prefix instead of a full scan.
    if flow is not None:
        codes.register(WORLD, "World", "group")
        conn.execute("DELETE FROM trade WHERE reporter IN (SELECT code FROM countries) AND partner = ?"
                     " AND source_id = ? AND flow = ? AND product = 'TOTAL'", (WORLD, SOURCE_ID, flow))
        return flow
    conn.execute("INSERT OR IGNORE INTO indicator_defs(indicator, name, unit, description) VALUES (?,?,?,?)",
                 (indicator, name or indicator, unit_for(indicator, name), "World Bank WDI"))
    conn.execute("DELETE FROM indicators WHERE code IN (SELECT code FROM countries) AND indicator = ?"
                 " AND source_id = ?", (indicator, SOURCE_ID))
    return None
