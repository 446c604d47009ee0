"""UN Comtrade (Comtrade+) final data, as downloaded from comtradeplus.un.org or saved from
the API (``comtradeapicall.getFinalData(...)`` -> DataFrame -> ``to_csv``).

Layout (47 columns, one row per reporter-partner-commodity-flow-period and breakdown):
``typeCode, freqCode, refPeriodId, refYear, refMonth, period, reporterCode, reporterISO,
reporterDesc, flowCode, flowDesc, partnerCode, partnerISO, partnerDesc, partner2Code,
partner2ISO, partner2Desc, classificationCode, classificationSearchCode,
isOriginalClassification, cmdCode, cmdDesc, aggrLevel, isLeaf, customsCode, customsDesc,
mosCode, motCode, motDesc, qtyUnitCode, qtyUnitAbbr, qty, isQtyEstimated, altQtyUnitCode,
altQtyUnitAbbr, altQty, isAltQtyEstimated, netWgt, isNetWgtEstimated, grossWgt,
isGrossWgtEstimated, cifvalue, fobvalue, primaryValue, legacyEstimationFlag, isReported,
isAggregate``. Extra columns (a pandas index column) are ignored.

What is imported, and why (the rule against double counting):

- goods (``typeCode`` C), annual (``freqCode`` A) rows only;
- ``flowCode`` X -> ``export``, M -> ``import``; re-exports/re-imports (RX, RM) and the
  other flows (inward/outward processing, ...) are skipped and counted;
- only the rows that are the TOTAL over every other breakdown: ``partner2Code`` 0 (second
  partner = World), ``customsCode`` C00 (all customs procedures), ``mosCode`` 0 (all modes
  of supply) and ``motCode`` 0 (all modes of transport). Comtrade+ "plus" downloads also
  carry the rows broken down by those dimensions; they add up to the total row, so keeping
  them would count the same trade twice. A blank cell counts as the total (older exports
  leave the columns empty when there is no breakdown). Every other row is skipped and counted;
- partner ``0`` / ``W00`` is the World (``WLD``); ``cmdCode`` TOTAL -> product ``TOTAL``,
  else the HS code (a leading zero lost by a spreadsheet is restored: ``10121`` -> ``010121``);
- value = ``primaryValue`` in US dollars (exports FOB, imports CIF, as reported);
  quantity = ``netWgt`` (kg) / 1000, i.e. metric tons like BACI; 0 or blank -> unknown.

One source per classification searched (``classificationSearchCode``, else
``classificationCode``): ``comtrade_hs`` (HS as reported), ``comtrade_h6`` (converted to
HS 2022), ... Re-importing replaces exactly the same figures (same reporter, partner, year,
flow, product and source); the same figure twice in one file is an error naming the line.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bot.store.figures import Source
from bot.store.importers.base import (BATCH, CountryCodes, CsvRows, ImportFailure, ImportReport, parse_number,
                                      parse_year, progress_bar, record_file, register_source, timed)

WORLD = "WLD"
PRIORITY = 15
REQUIRED = ["typeCode", "freqCode", "refYear", "reporterCode", "reporterISO", "flowCode", "partnerCode", "partnerISO",
            "partner2Code", "classificationCode", "cmdCode", "customsCode", "mosCode", "motCode", "netWgt",
            "primaryValue"]
FLOWS = {"X": "export", "M": "import"}
CLASSIFICATIONS = {"HS": "HS as reported", "H0": "HS 1992", "H1": "HS 1996", "H2": "HS 2002", "H3": "HS 2007",
                   "H4": "HS 2012", "H5": "HS 2017", "H6": "HS 2022", "S1": "SITC Rev. 1", "S2": "SITC Rev. 2",
                   "S3": "SITC Rev. 3", "S4": "SITC Rev. 4", "B4": "BEC Rev. 4", "B5": "BEC Rev. 5"}

# UN Comtrade (and CEPII BACI, which uses the same codes) number a few areas differently
# from ISO 3166-1 numeric, because the reporting area includes territories: USA 842 (with
# Puerto Rico, US Virgin Is.), France 251 (with Monaco), Italy 381 (with San Marino),
# Norway 579 (with Svalbard), India 699, Switzerland 757 (with Liechtenstein); and historic
# reporters Belgium-Luxembourg 58, Netherlands Antilles 530, Serbia and Montenegro 891.
# Every other code is the ISO numeric code (``countries.numeric``).
COMTRADE_NUMERIC = {842: "USA", 251: "FRA", 381: "ITA", 579: "NOR", 699: "IND", 757: "CHE",
                    58: "BLX", 530: "ANT", 891: "SCG"}


@dataclass
class NotedReport(ImportReport):
    """An ImportReport that also says why rows were skipped and anything worth knowing."""

    skip_reasons: Counter = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        text = super().summary()
        if self.skip_reasons:
            text += "; skipped by rule: " + ", ".join(f"{why} ×{n:,}" for why, n in self.skip_reasons.most_common())
        if self.notes:
            text += "; " + "; ".join(self.notes)
        return text


def numeric_codes(conn: sqlite3.Connection) -> dict[int, str]:
    """UN/ISO numeric area code -> the store's country code (ISO numeric plus Comtrade's own)."""
    known = {code for (code,) in conn.execute("SELECT code FROM countries")}
    out = {num: code for num, code in conn.execute("SELECT numeric, code FROM countries WHERE numeric IS NOT NULL")}
    out.update({num: code for num, code in COMTRADE_NUMERIC.items() if code in known})
    return out


def hs_code(text: str) -> str | None:
    """An HS code as text, with a leading zero restored (Excel drops it); None if not one."""
    t = text.strip()
    if not t.isdigit() or not 1 <= len(t) <= 6:
        return None
    return t.zfill(len(t) + len(t) % 2)


_SAFE_ID = re.compile(r"[^a-z0-9]+")


def source_for(classification: str, version: str) -> Source:
    cl = classification.strip().upper()
    sid = "comtrade_" + _SAFE_ID.sub("_", cl.lower()).strip("_") if cl else "comtrade"
    label = CLASSIFICATIONS.get(cl, cl or "classification not given")
    return Source(
        id=sid, name=f"UN Comtrade final annual data ({label})", publisher="United Nations Statistics Division (UN Comtrade)",
        version=version, licence="UN Comtrade terms of use: free use with attribution",
        citation="United Nations, UN Comtrade database", valuation="exports FOB, imports CIF (as reported)", unit="US$",
        url="https://comtradeplus.un.org/", priority=PRIORITY, kind="product_trade",
        coverage="as downloaded (annual goods, totals over customs procedure / mode of transport / second partner)",
        notes="primaryValue in US$; quantity = net weight in metric tons (netWgt/1000). Re-exports and re-imports not loaded.")


def _is_total(text: str, total: str) -> bool:
    t = text.strip()
    return t == "" or t.upper() == total


def load(conn: sqlite3.Connection, path: Path, *, progress: bool = False) -> ImportReport:
    start = time.perf_counter()
    rows = CsvRows(path, required=REQUIRED)
    c = rows.index
    report = NotedReport("comtrade", path.name)
    known = {code for (code,) in conn.execute("SELECT code FROM countries")}
    by_number = numeric_codes(conn)
    area_cache: dict[tuple[str, str], str | None] = {}

    def area(code_text: str, iso_text: str, line: int, column: str) -> str | None:
        key = (code_text, iso_text)
        if key in area_cache:
            return area_cache[key]
        iso = iso_text.strip().upper()
        t = code_text.strip()
        try:
            num = int(float(t)) if t else None
        except ValueError:
            raise ImportFailure(path, f"not an area code: {t[:40]!r}", line, column) from None
        if num == 0 or iso == "W00":
            if WORLD not in known:  # a store without the bundled DOTS groups
                CountryCodes(conn, report, "comtrade").register(WORLD, "World", "group")
                known.add(WORLD)
            found = WORLD
        elif iso in known:
            found = iso
        else:
            found = by_number.get(num) if num is not None else None
        area_cache[key] = found
        return found

    version = f"Comtrade+ download {path.name}"
    sources: dict[str, Source] = {}
    seen: set[tuple] = set()
    sql = ("INSERT OR REPLACE INTO trade(reporter, partner, year, flow, product, source_id, value_usd, quantity)"
           " VALUES (?,?,?,?,?,?,?,?)")
    i_type, i_freq, i_flow = c["typeCode"], c["freqCode"], c["flowCode"]
    i_p2, i_cus, i_mos, i_mot = c["partner2Code"], c["customsCode"], c["mosCode"], c["motCode"]
    i_cmd, i_val, i_wgt, i_year = c["cmdCode"], c["primaryValue"], c["netWgt"], c["refYear"]
    i_rep, i_rep_iso, i_par, i_par_iso = c["reporterCode"], c["reporterISO"], c["partnerCode"], c["partnerISO"]
    i_cls = c["classificationCode"]
    i_search = c.get("classificationSearchCode")
    batch: list[tuple] = []
    per_source: Counter = Counter()
    reasons = report.skip_reasons
    with progress_bar(path.name, progress) as bar:
        for line, r in rows:
            if r[i_type].strip().upper() not in ("C", ""):
                reasons["not goods (typeCode)"] += 1
                continue
            if r[i_freq].strip().upper() != "A":
                reasons["not annual (freqCode)"] += 1
                continue
            flow = FLOWS.get(r[i_flow].strip().upper())
            if flow is None:
                reasons[f"flow {r[i_flow].strip() or '(blank)'}"] += 1
                continue
            if not (_is_total(r[i_p2], "0") and _is_total(r[i_cus], "C00") and _is_total(r[i_mos], "0")
                    and _is_total(r[i_mot], "0")):
                reasons["breakdown row (partner2/customs/mode of supply/transport not total)"] += 1
                continue
            reporter = area(r[i_rep], r[i_rep_iso], line, "reporterCode")
            partner = area(r[i_par], r[i_par_iso], line, "partnerCode")
            if reporter is None or partner is None:
                if reporter is None:
                    report.unknown_codes[f"{r[i_rep].strip()} {r[i_rep_iso].strip()}".strip()] += 1
                if partner is None:
                    report.unknown_codes[f"{r[i_par].strip()} {r[i_par_iso].strip()}".strip()] += 1
                report.skipped += 1
                continue
            year = parse_year(r[i_year], path, line, "refYear")
            cmd = r[i_cmd].strip()
            if cmd.upper() == "TOTAL":
                product = "TOTAL"
            else:
                product = hs_code(cmd)
                if product is None:
                    raise ImportFailure(path, f"not an HS code or TOTAL: {cmd[:40]!r}", line, "cmdCode")
            value = parse_number(r[i_val], path, line, "primaryValue")
            if value is None:
                reasons["no primaryValue"] += 1
                continue
            weight = parse_number(r[i_wgt], path, line, "netWgt")
            quantity = weight / 1000 if weight else None
            cls = (r[i_search].strip() if i_search is not None else "") or r[i_cls].strip()
            src = sources.get(cls)
            if src is None:
                src = sources[cls] = source_for(cls, version)
                register_source(conn, src, 1.0)
            key = (reporter, partner, year, flow, product, src.id)
            if key in seen:
                raise ImportFailure(path, f"duplicate row: {reporter}->{partner} {year} {flow} {product} appears twice"
                                    " (same reporter, partner, year, flow, commodity and totals)", line)
            seen.add(key)
            per_source[src.id] += 1
            batch.append((*key, value, quantity))
            if len(batch) >= BATCH:
                conn.executemany(sql, batch)
                bar.update(len(batch))
                batch.clear()
        conn.executemany(sql, batch)
        bar.update(len(batch))
    report.rows = sum(per_source.values())
    report.skipped += sum(reasons.values())
    if not report.rows:
        why = ", ".join(f"{k} ×{n}" for k, n in reasons.most_common()) or "no data rows"
        unknown = f"; unknown areas: {', '.join(report.unknown_codes)}" if report.unknown_codes else ""
        raise ImportFailure(path, f"nothing to import: no annual goods export/import total rows ({why}{unknown})")
    report.source_id = ", ".join(sorted(per_source))
    for sid, n in per_source.items():
        record_file(conn, NotedReport(sid, path.name, rows=n, skipped=report.skipped,
                                      unknown_codes=report.unknown_codes), path)
    return timed(report, start)
