"""World Bank WDI: the indicators the store answers with, from the World Bank API.

- release: ``GET /v2/country/all/indicator/<code>?format=json&per_page=1`` answers
  ``[{"page":1,"pages":..,"per_page":1,"total":N,"sourceid":"2","lastupdated":"2025-12-16"}, [row]]``
  (an error is ``[{"message":[{"id":"120","key":"Invalid value","value":"..."}]}]``);
- data: ``GET /v2/en/indicator/<code>?downloadformat=csv``, the zip the "CSV" button gives:
  ``API_<code>_DS2_en_csv_v2_<n>.csv`` (the wide layout ``importers/wdi_csv.py`` reads) plus
  two ``Metadata_*.csv`` files. The zip is CRC-checked and its API_ file imported; the
  file's own "Last Updated Date" becomes the release.

One file per indicator (all countries, all years), so ``--years``/``--reporters`` do not
apply. When every indicator's ``lastupdated`` equals the release already loaded, nothing is
fetched (``--force`` reloads).
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from bot.store.importers import wdi_csv
from bot.store.importers.base import ImportReport
from bot.store.update.core import Ctx, Download, Plan, stored_vintage
from bot.store.update.http import Downloaded, UpdateError
from bot.store.update.verify import extract, open_zip, test_zip

PROVIDER = "wdi"
DEFAULT_URL = "https://api.worldbank.org"
URL_VAR = "TRADEFACTS_WB_URL"
# GDP, population, FDI net inflows / outflows (current US$), merchandise exports / imports
INDICATORS = ["NY.GDP.MKTP.CD", "SP.POP.TOTL", "BX.KLT.DINV.CD.WD", "BM.KLT.DINV.CD.WD",
              "TX.VAL.MRCH.CD.WT", "TM.VAL.MRCH.CD.WT"]
SOURCE_IDS = [wdi_csv.SOURCE_ID]


def _release(meta, indicator: str) -> tuple[str, int | None]:
    """(lastupdated, total rows) from the API's first page, or a clear error."""
    if (isinstance(meta, list) and meta and isinstance(meta[0], dict) and "message" in meta[0]):
        msgs = meta[0]["message"] if isinstance(meta[0]["message"], list) else [meta[0]["message"]]
        text = "; ".join(str(m.get("value") or m.get("key")) for m in msgs if isinstance(m, dict))
        raise UpdateError(f"World Bank API: {indicator}: {text or 'error'}")
    if not (isinstance(meta, list) and len(meta) == 2 and isinstance(meta[0], dict)):
        raise UpdateError(f"World Bank API: {indicator}: unexpected answer (not [metadata, rows])")
    updated = str(meta[0].get("lastupdated") or "").strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", updated):
        raise UpdateError(f"World Bank API: {indicator}: no 'lastupdated' date in the metadata")
    total = meta[0].get("total")
    return updated, int(total) if isinstance(total, int) else None


def plan(ctx: Ctx) -> Plan:
    base = ctx.env_url(URL_VAR, DEFAULT_URL)
    folder = ctx.folder(PROVIDER)
    dates, downloads, figures = {}, [], 0
    for ind in INDICATORS:
        meta = ctx.http.get_json(f"{base}/v2/country/all/indicator/{ind}?format=json&per_page=1",
                                 what=f"World Bank {ind} metadata")
        dates[ind], total = _release(meta, ind)
        figures += total or 0
        url = f"{base}/v2/en/indicator/{ind}?downloadformat=csv"
        downloads.append(Download(url, folder / f"API_{ind}_DS2_en_csv_v2.zip", label=f"WDI {ind}",
                                  size=ctx.http.size(url, what=f"World Bank {ind} CSV")))
    release = max(dates.values())
    p = Plan(PROVIDER, "World Bank WDI", release, downloads, scope={"indicators": INDICATORS})
    if len(set(dates.values())) > 1:
        p.notes.append("indicators last updated on different days: " + ", ".join(f"{i} {d}" for i, d in dates.items()))
    if figures:
        p.notes.append(f"{figures:,} country-year cells published (all countries and years)")
    if ctx.years or ctx.reporters:
        p.notes.append("--years/--reporters do not apply: each WDI file holds all countries and years")
    held = stored_vintage(ctx.store, PROVIDER)
    if held and held.get("release") == release and not ctx.force:
        p.up_to_date = True
        p.notes.append(f"release {release} is already loaded (downloaded {held.get('downloaded_at', '?')[:10]})")
    return p


def prepare(ctx: Ctx, plan: Plan, got: Downloaded) -> list[Path]:
    """CRC-check the zip and take out its API_<indicator> CSV."""
    ind = next(i for i in INDICATORS if got.path.name.startswith(f"API_{i}_"))
    zf = open_zip(got.path, f"WDI {ind}")
    with zf:
        test_zip(zf, got.path, f"WDI {ind}")
        members = [m for m in zf.namelist() if re.fullmatch(rf"API_{re.escape(ind)}_DS2_[^/]*\.csv", Path(m).name)]
        if len(members) != 1:
            raise UpdateError(f"WDI {ind}: {got.path.name} holds no API_{ind}_DS2_*.csv (members:"
                              f" {', '.join(zf.namelist()[:6]) or 'none'})")
        out = ctx.folder(PROVIDER) / "extracted"
        out.mkdir(exist_ok=True)
        return [extract(zf, members[0], out, got.path, f"WDI {ind}")]


def load(conn: sqlite3.Connection, ctx: Ctx, plan: Plan, files: list[Path]) -> list[ImportReport]:
    reports = []
    for f in files:
        report = wdi_csv.load(conn, f, progress=ctx.progress)
        reports.append(report)
        ctx.log(report.summary())
    return reports
