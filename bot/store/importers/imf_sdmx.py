"""IMF International Trade in Goods by partner country (IMTS, the successor of DOTS), as
SDMX-CSV from the IMF's SDMX API (``api.imf.org/external/sdmx``).

Two SDMX-CSV layouts are accepted (one row per observation, columns named by concept):

- SDMX-CSV 1.0 (the SDMX 2.1 API, ``Accept: application/vnd.sdmx.data+csv;version=1.0.0``)::

      DATAFLOW,COUNTRY,INDICATOR,COUNTERPART_COUNTRY,FREQUENCY,TIME_PERIOD,OBS_VALUE,SCALE,...
      IMF.STA:IMTS(1.0.0),USA,XG_FOB_USD,CAN,A,2024,349397894619,6,...

- SDMX-CSV 2.0 (the SDMX 3.0 API): ``STRUCTURE,STRUCTURE_ID,ACTION,COUNTRY,...`` with
  ``dataflow,IMF.STA:IMTS(1.0.0),I,USA,...``.

What is imported, and why:

- ``INDICATOR`` XG_FOB_USD -> ``export`` (goods, FOB), MG_CIF_USD -> ``import`` (goods,
  CIF), the pair DOTS published; every other indicator (imports FOB, balances) is skipped
  and counted;
- annual rows only (``FREQUENCY`` A); monthly and quarterly rows are skipped and counted;
- ``OBS_VALUE`` is in US dollars (the IMTS series are ``..._USD``; ``SCALE`` 6 is how the
  portal *displays* them, in millions, not a factor applied to the value); a ``UNIT_MULT``
  column, if the IMF ever sends one, is applied as a power of ten; a ``UNIT`` other than
  USD is an error. An empty or ``NaN`` value is a missing figure, never zero;
- ``COUNTRY`` / ``COUNTERPART_COUNTRY`` are ISO alpha-3 codes (IMF's own for a few: KOS,
  as in DOTS), ``G001`` is the World (``WLD``); other IMF groups (``G163`` euro area, ...)
  and codes the store does not know are skipped and reported, never guessed.

A column outside the known SDMX concepts is an error naming it: a new attribute could
change what a value means, and a wrong number is worse than none. Re-importing replaces
this source's rows reporter-year by reporter-year (a partner dropped by a revision
disappears too).
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections import Counter
from pathlib import Path

from bot.store.figures import Source
from bot.store.importers.base import (BatchWriter, CountryCodes, CsvRows, ImportFailure, parse_number, parse_year,
                                      progress_bar, record_file, register_source, timed)
from bot.store.importers.comtrade import NotedReport

SOURCE_ID = "imf_imts"
WORLD, IMF_WORLD = "WLD", "G001"
FLOWS = {"XG_FOB_USD": "export", "MG_CIF_USD": "import"}
REQUIRED = ["COUNTRY", "INDICATOR", "COUNTERPART_COUNTRY", "FREQUENCY", "TIME_PERIOD", "OBS_VALUE"]
HEADS = {"DATAFLOW", "STRUCTURE", "STRUCTURE_ID", "ACTION"}
# attributes the IMF publishes with IMTS, and common SDMX ones that do not change a value
ATTRIBUTES = {"SCALE", "PRECISION", "DECIMALS_DISPLAYED", "DECIMALS", "TRADE_FLOW", "VALUATION", "UNIT",
              "DERIVATION_TYPE", "OVERLAP", "STATUS", "OBS_STATUS", "OBS_CONF", "CONF_STATUS", "COMMENT",
              "OBS_COMMENT", "TIME_FORMAT", "UNIT_MULT", "UNIT_MEASURE", "PUBLICATION_DATE", "LASTACTUALDATE"}
KNOWN = set(REQUIRED) | HEADS | ATTRIBUTES
INSERT = ("INSERT INTO trade(reporter, partner, year, flow, product, source_id, value_usd)"
          " VALUES (?, ?, ?, ?, 'TOTAL', ?, ?)")
_STRUCTURE = re.compile(r"^[A-Z0-9_.]+:IMTS\(", re.IGNORECASE)


def make_source(version: str) -> Source:
    return Source(
        id=SOURCE_ID, name="IMF International Trade in Goods by partner country (IMTS)",
        publisher="International Monetary Fund", version=version,
        licence="IMF Copyright and Usage: free to use with attribution",
        citation="IMF, International Trade in Goods (IMTS)", valuation="exports FOB, imports CIF", unit="US$",
        url="https://data.imf.org/en/datasets/IMF.STA:IMTS", priority=9, kind="trade",
        coverage="bilateral goods trade as downloaded (annual)",
        notes="Successor of DOTS. XG_FOB_USD / MG_CIF_USD in US$; some figures are IMF estimates from partner data.")


def check_header(path: Path, header: list[str]) -> None:
    """Missing required columns or unknown ones: one error naming them (the layout changed)."""
    missing = [c for c in REQUIRED if c not in header]
    unexpected = [c for c in header if c and c not in KNOWN]
    if not missing and not unexpected:
        return
    parts = []
    if unexpected:
        parts.append(f"unexpected column(s) {', '.join(repr(c) for c in unexpected)}")
    if missing:
        parts.append(f"missing column(s) {', '.join(repr(c) for c in missing)}")
    raise ImportFailure(path, "the IMF SDMX-CSV layout changed: " + "; ".join(parts)
                        + f" (expected {','.join(REQUIRED)} plus known attributes)", line=1)


def _multiplier(text: str, path: Path, line: int) -> float:
    t = text.strip()
    if not t:
        return 1.0
    if not re.fullmatch(r"-?\d{1,2}", t):
        raise ImportFailure(path, f"UNIT_MULT is not a power of ten: {t[:20]!r}", line, "UNIT_MULT")
    return 10.0 ** int(t)


def load(conn: sqlite3.Connection, path: Path, *, progress: bool = False, version: str | None = None) -> NotedReport:
    start = time.perf_counter()
    rows = CsvRows(path, required=[])
    try:
        check_header(path, rows.header)
    except ImportFailure:
        rows.close()
        raise
    c = rows.index
    report = NotedReport(SOURCE_ID, path.name)
    register_source(conn, make_source(version or f"SDMX download {path.name}"), 1.0)
    codes = CountryCodes(conn, report, SOURCE_ID)
    if WORLD not in codes.known:
        codes.register(WORLD, "World", "group")
    i_rep, i_ind, i_par, i_freq = c["COUNTRY"], c["INDICATOR"], c["COUNTERPART_COUNTRY"], c["FREQUENCY"]
    i_time, i_val = c["TIME_PERIOD"], c["OBS_VALUE"]
    i_unit, i_mult, i_struct = c.get("UNIT"), c.get("UNIT_MULT"), c.get("STRUCTURE_ID", c.get("DATAFLOW"))
    reasons: Counter = report.skip_reasons
    area: dict[str, str | None] = {}
    cleared: set[tuple[str, int]] = set()

    def code(text: str) -> str | None:
        t = text.strip().upper()
        if t not in area:
            area[t] = WORLD if t == IMF_WORLD else (t if t in codes.known else None)
        return area[t]

    data_columns = [i for i, h in enumerate(rows.header) if h not in HEADS]
    with progress_bar(path.name, progress) as bar:
        writer = BatchWriter(conn, INSERT, path, "reporter, partner, year and indicator", bar)
        for line, r in rows:
            if not any(r[i].strip() for i in data_columns):
                continue  # the IMF's shape of "no observations": one row of blanks
            if i_struct is not None and r[i_struct].strip() and not _STRUCTURE.match(r[i_struct].strip()):
                raise ImportFailure(path, f"not an IMTS row: {r[i_struct].strip()[:40]!r}", line,
                                    rows.header[i_struct])
            flow = FLOWS.get(r[i_ind].strip().upper())
            if flow is None:
                reasons[f"indicator {r[i_ind].strip() or '(blank)'}"] += 1
                continue
            if r[i_freq].strip().upper() != "A":
                reasons["not annual (FREQUENCY)"] += 1
                continue
            if i_unit is not None and r[i_unit].strip() and r[i_unit].strip().upper() != "USD":
                raise ImportFailure(path, f"unit {r[i_unit].strip()!r}, expected USD", line, "UNIT")
            reporter, partner = code(r[i_rep]), code(r[i_par])
            if reporter is None or partner is None:
                for raw, found in ((r[i_rep], reporter), (r[i_par], partner)):
                    if found is None:
                        report.unknown_codes[raw.strip().upper() or "(blank)"] += 1
                report.skipped += 1
                continue
            year = parse_year(r[i_time], path, line, "TIME_PERIOD")
            value = parse_number(r[i_val], path, line, "OBS_VALUE")
            if value is None:
                reasons["no value"] += 1
                continue
            if i_mult is not None:
                value *= _multiplier(r[i_mult], path, line)
            if (reporter, year) not in cleared:
                conn.execute("DELETE FROM trade WHERE reporter = ? AND year = ? AND source_id = ?",
                             (reporter, year, SOURCE_ID))
                cleared.add((reporter, year))
            writer.add(line, (reporter, partner, year, flow, SOURCE_ID, round(value, 2)))
        writer.flush()
    report.rows = writer.count
    report.skipped += sum(reasons.values())
    record_file(conn, report, path)
    return timed(report, start)
