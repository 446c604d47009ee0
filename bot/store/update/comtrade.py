"""UN Comtrade final annual goods data through its API (needs ``COMTRADE_API_KEY``, a free
subscription key from comtradedeveloper.un.org, sent as the ``Ocp-Apim-Subscription-Key``
header so it never appears in a URL, a log or a file).

- release: ``GET /data/v1/getDa/C/A/HS?reporterCode=..&period=..`` lists each reporter-year
  dataset with ``totalRecords`` and ``lastReleased`` (what ``--dry-run`` shows; a year the
  reporter has not released yet is left out and said so);
- data: ``GET /data/v1/get/C/A/HS?reporterCode=..&period=..&flowCode=X,M&cmdCode=TOTAL
  &partner2Code=0&customsCode=C00&motCode=0&includeDesc=true&maxRecords=250000`` (the total
  rows the importer keeps, so no breakdown rows are fetched) answers
  ``{"elapsedTime": .., "count": N, "data": [{typeCode, freqCode, ..., primaryValue, ...}], "error": ""}``
  whose records carry the same fields as the Comtrade+ CSV: they are written out as that
  CSV and imported by ``importers/comtrade.py``;
- limits: one call per second (the API answers 429 beyond its rate; ``Retry-After`` is
  honoured), at most 250,000 records a call (a full answer is an error asking for a
  narrower query rather than silently truncated data), 500 calls a day on the free tier.

Scope: ``--reporters`` and ``--years`` are required; ``--partners`` (default: every partner)
and ``--products`` (HS codes, default TOTAL) narrow it.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import sqlite3
from pathlib import Path
from urllib.parse import urlencode

from bot.store.importers import comtrade as comtrade_importer
from bot.store.importers.base import ImportReport
from bot.store.update.core import Ctx, Download, Plan, store_countries
from bot.store.update.http import Downloaded, UpdateError, discard
from bot.store.update.verify import columns_error

PROVIDER = "comtrade"
DEFAULT_URL = "https://comtradeapi.un.org"
URL_VAR = "TRADEFACTS_COMTRADE_URL"
KEY_VAR = "COMTRADE_API_KEY"
MAX_RECORDS = 250_000
PERIODS_PER_CALL = 5


def _interval() -> float:
    try:
        return max(0.0, float(os.environ.get("TRADEFACTS_COMTRADE_INTERVAL", "1.1")))
    except ValueError:
        return 1.1


def api_key() -> str | None:
    return (os.environ.get(KEY_VAR) or "").strip() or None


def m49_codes(store: Path, codes: list[str]) -> dict[str, int]:
    """store code -> the area code Comtrade uses (ISO numeric, or its own: USA 842, FRA 251...)."""
    countries = store_countries(store)
    own = {iso: num for num, iso in comtrade_importer.COMTRADE_NUMERIC.items()}
    out, missing = {}, []
    for c in codes:
        num = own.get(c) or countries.get(c, (None, None, None))[1]
        if num is None:
            missing.append(c)
        else:
            out[c] = int(num)
    if missing:
        raise UpdateError(f"Comtrade: no UN area code known for {', '.join(missing)}")
    return out


def plan(ctx: Ctx) -> Plan:
    key = api_key()
    if key is None:
        if ctx.explicit:
            raise UpdateError(f"Comtrade needs a subscription key: set {KEY_VAR} (free at comtradedeveloper.un.org)")
        return Plan(PROVIDER, "UN Comtrade", "", skipped=f"no {KEY_VAR} set")
    if not ctx.reporters or not ctx.years:
        if ctx.explicit:
            raise UpdateError("Comtrade needs --reporters and --years (e.g. --reporters MEX --years 2022-2023)")
        return Plan(PROVIDER, "UN Comtrade", "", skipped="needs --reporters and --years")
    base = ctx.env_url(URL_VAR, DEFAULT_URL)
    headers = {"Ocp-Apim-Subscription-Key": key}
    reporters = m49_codes(ctx.store, ctx.reporters)
    partners = m49_codes(ctx.store, ctx.partners) if ctx.partners else {}
    products = ",".join(ctx.products) if ctx.products else "TOTAL"
    folder = ctx.folder(PROVIDER)
    p = Plan(PROVIDER, "UN Comtrade", "", scope={"reporters": ctx.reporters, "years": ctx.years,
                                                 "partners": ctx.partners, "products": products})
    released, records = [], 0
    pace = ("comtrade", _interval())
    for code, num in reporters.items():
        ctx.http.pace(*pace)
        avail = ctx.http.get_json(f"{base}/data/v1/getDa/C/A/HS?{urlencode({'reporterCode': num, 'period': ','.join(map(str, ctx.years))})}",
                                  headers=headers, what=f"Comtrade data availability for {code}")
        rows = avail.get("data") if isinstance(avail, dict) else None
        if not isinstance(rows, list):
            raise UpdateError(f"Comtrade: unexpected data-availability answer for {code}")
        have = sorted({int(r["period"]) for r in rows if isinstance(r, dict) and str(r.get("period", "")).isdigit()})
        missing = [y for y in ctx.years if y not in have]
        if missing:
            p.notes.append(f"{code}: not released yet for {', '.join(map(str, missing))}")
        released += [str(r.get("lastReleased"))[:10] for r in rows if isinstance(r, dict) and r.get("lastReleased")]
        records += sum(int(r.get("totalRecords") or 0) for r in rows if isinstance(r, dict))
        for i in range(0, len(have), PERIODS_PER_CALL):
            periods = have[i:i + PERIODS_PER_CALL]
            query = {"reporterCode": num, "period": ",".join(map(str, periods)), "flowCode": "X,M",
                     "cmdCode": products, "partner2Code": 0, "customsCode": "C00", "motCode": 0,
                     "includeDesc": "true", "maxRecords": MAX_RECORDS}
            if partners:
                query["partnerCode"] = ",".join(str(n) for n in partners.values())
            url = f"{base}/data/v1/get/C/A/HS?{urlencode(query)}"
            span = f"{periods[0]}-{periods[-1]}" if len(periods) > 1 else str(periods[0])
            p.downloads.append(Download(url, folder / f"comtrade_{code}_{span}_{hashlib.sha1(url.encode()).hexdigest()[:10]}.json",
                                        label=f"Comtrade {code} {span}", headers=headers, pace=pace))
    p.release = f"Comtrade+ final data, last released {max(released)}" if released else "Comtrade+ final data"
    p.size_note = (f"the API announces no size; the {len(p.downloads)} call(s) ask for totals only"
                   f" (the whole datasets hold {records:,} records)")
    if not p.downloads:
        p.skipped = "nothing released for these reporters and years"
    return p


def _cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "True" if v else "False"
    return str(v)


def prepare(ctx: Ctx, plan: Plan, got: Downloaded) -> list[Path]:
    """JSON answer -> the Comtrade+ CSV layout, after checking errors, truncation and fields."""
    try:
        obj = json.loads(got.path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        discard(got.path)
        raise UpdateError(f"Comtrade: {got.path.name} is not JSON ({exc})") from None
    if not isinstance(obj, dict) or not isinstance(obj.get("data"), list):
        discard(got.path)
        raise UpdateError(f"Comtrade: {got.path.name} has no 'data' list")
    if obj.get("error"):
        discard(got.path)
        raise UpdateError(f"Comtrade API error: {str(obj['error'])[:200]}")
    data = obj["data"]
    if len(data) >= MAX_RECORDS or (isinstance(obj.get("count"), int) and obj["count"] > len(data)):
        discard(got.path)
        raise UpdateError(f"Comtrade: {got.path.name} holds the maximum {MAX_RECORDS:,} records, so it may be cut"
                          " short; ask for fewer years, partners or products")
    if not data:
        return []
    fields = list(data[0].keys())
    problem = columns_error(got.path.name, fields, comtrade_importer.REQUIRED)
    if problem:
        discard(got.path)
        raise UpdateError(problem)
    out = got.path.with_suffix(".csv")
    with open(out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(fields)
        for rec in data:
            w.writerow([_cell(rec.get(k)) for k in fields])
    return [out]


def load(conn: sqlite3.Connection, ctx: Ctx, plan: Plan, files: list[Path]) -> list[ImportReport]:
    reports = []
    for f in files:
        report = comtrade_importer.load(conn, f, progress=ctx.progress)
        reports.append(report)
        ctx.log(report.summary())
    return reports
