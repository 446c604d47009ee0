"""IMF IMTS (International Trade in Goods by partner country, the successor of DOTS) through
the IMF's SDMX API (``https://api.imf.org/external/sdmx``).

- release: ``GET /3.0/structure/dataflow/IMF.STA/IMTS/+`` (SDMX-JSON structure) gives the
  dataflow's version and its ``lastUpdatedAt`` annotation;
- data: ``GET /2.1/data/IMF.STA,IMTS/<reporters>.XG_FOB_USD+MG_CIF_USD..A`` with
  ``startPeriod``/``endPeriod`` and ``Accept: application/vnd.sdmx.data+csv;version=1.0.0``
  (SDMX-CSV, read by ``importers/imf_sdmx.py``); the key is COUNTRY.INDICATOR.
  COUNTERPART_COUNTRY.FREQUENCY, an empty position meaning every partner;
- reporters go ten to a request, paced at two requests a second (the IMF asks for at most
  ten requests per five seconds); each response is saved as it arrives, so an interrupted
  run fetches only the requests it had not finished.

Default scope: every reporter the store knows from DOTS (else every country) and every
year, so IMTS (priority above DOTS) fully replaces DOTS for those reporters; with
``--years``, answers about other years keep using DOTS.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path
from urllib.parse import urlencode

from bot.store.importers import imf_sdmx
from bot.store.importers.base import ImportFailure, ImportReport
from bot.store.update.core import (Ctx, Download, Plan, source_figures, source_reporters, store_countries,
                                   stored_vintage)
from bot.store.update.http import Downloaded, UpdateError, discard
from bot.store.update.verify import csv_header

PROVIDER = "imf"
DEFAULT_URL = "https://api.imf.org/external/sdmx"
URL_VAR = "TRADEFACTS_IMF_URL"
ACCEPT_CSV = "application/vnd.sdmx.data+csv;version=1.0.0"
PER_REQUEST = 10
PACE = ("imf", 0.5)
BYTES_PER_FIGURE = 85  # the length of one row of IMTS in SDMX-CSV 1.0, with its attributes
SOURCE_IDS = [imf_sdmx.SOURCE_ID]


def release_of(structure) -> str:
    """``IMF.STA:IMTS 1.0.0, updated 2026-01-31`` from the dataflow structure message."""
    try:
        flows = structure["data"]["dataflows"]
        flow = next(f for f in flows if f.get("id") == "IMTS")
    except (KeyError, TypeError, StopIteration):
        raise UpdateError("IMF API: the IMTS dataflow is not in the structure answer") from None
    version = str(flow.get("version") or "?")
    updated = ""
    for a in flow.get("annotations") or []:
        if isinstance(a, dict) and a.get("id") == "lastUpdatedAt":
            updated = str(a.get("value") or a.get("title") or a.get("text") or "")
    agency = flow.get("agencyID") or "IMF.STA"
    return f"{agency}:IMTS {version}, updated {updated[:10]}" if updated else f"{agency}:IMTS {version}"


def _reporters(ctx: Ctx) -> list[str]:
    if ctx.reporters:
        return ctx.reporters
    known = source_reporters(ctx.store, "imf_dots")
    if known:
        return sorted(known)
    return sorted(c for c, (_, _, kind) in store_countries(ctx.store).items()
                  if kind == "country" and len(c) == 3 and c.isalpha())


def plan(ctx: Ctx) -> Plan:
    base = ctx.env_url(URL_VAR, DEFAULT_URL)
    structure = ctx.http.get_json(f"{base}/3.0/structure/dataflow/IMF.STA/IMTS/+", what="IMF IMTS structure")
    release = release_of(structure)
    reporters = _reporters(ctx)
    params = {}
    if ctx.years:
        params = {"startPeriod": str(ctx.years[0]), "endPeriod": str(ctx.years[-1])}
    folder = ctx.folder(PROVIDER)
    downloads = []
    for i in range(0, len(reporters), PER_REQUEST):
        chunk = reporters[i:i + PER_REQUEST]
        key = f"{'+'.join(chunk)}.{'+'.join(imf_sdmx.FLOWS)}..A"
        url = f"{base}/2.1/data/IMF.STA,IMTS/{key}" + (f"?{urlencode(params)}" if params else "")
        tag = hashlib.sha1(url.encode()).hexdigest()[:10]
        downloads.append(Download(url, folder / f"imts_{chunk[0]}-{chunk[-1]}_{tag}.csv",
                                  label=f"IMTS {chunk[0]}..{chunk[-1]}", headers={"Accept": ACCEPT_CSV}, pace=PACE))
    years = f"{ctx.years[0]}-{ctx.years[-1]}" if ctx.years else "all years"
    p = Plan(PROVIDER, "IMF IMTS", release, downloads,
             scope={"reporters": reporters, "years": [ctx.years[0], ctx.years[-1]] if ctx.years else None})
    p.notes.append(f"{len(reporters)} reporter(s), {years}, exports FOB and imports CIF to every partner")
    held = source_figures(ctx.store, "imf_dots", reporters)
    if held:
        span = 1.0 if not ctx.years else min(1.0, len(ctx.years) / 61)  # DOTS: 61 years
        p.size_note = (f"the API announces no size; about {held * span * BYTES_PER_FIGURE / 1e6:,.0f} MB"
                       f" (DOTS holds {held:,} figures for these reporters)")
    else:
        p.size_note = "the API announces no size"
    if ctx.years:
        p.notes.append("answers for years outside --years keep using DOTS (one source per answer)")
    vintage = stored_vintage(ctx.store, PROVIDER)
    if (vintage and vintage.get("release") == release and not ctx.force
            and set(reporters) <= set(vintage.get("scope", {}).get("reporters") or [])
            and vintage.get("scope", {}).get("years") == p.scope["years"]):
        p.up_to_date = True
        p.notes.append(f"{release} is already loaded for these reporters (downloaded"
                       f" {vintage.get('downloaded_at', '?')[:10]})")
    return p


def prepare(ctx: Ctx, plan: Plan, got: Downloaded) -> list[Path]:
    """Check the SDMX-CSV header before anything is imported (a changed layout names its column)."""
    if got.size == 0:
        return []  # no observation for these reporters
    header = csv_header(got.path)
    if header and header[0].startswith("<"):
        discard(got.path)
        raise UpdateError(f"IMF API: {got.path.name} is not SDMX-CSV (starts {header[0][:40]!r})")
    try:
        imf_sdmx.check_header(got.path, header)
    except ImportFailure as exc:
        discard(got.path)
        raise UpdateError(str(exc)) from None
    return [got.path]


def load(conn: sqlite3.Connection, ctx: Ctx, plan: Plan, files: list[Path]) -> list[ImportReport]:
    reports = []
    for f in files:
        report = imf_sdmx.load(conn, f, progress=ctx.progress, version=plan.release)
        reports.append(report)
        ctx.log(report.summary())
    return reports
