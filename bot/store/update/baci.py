"""CEPII BACI: the latest release of one HS revision (default HS 2017), one multi-GB zip.

- release: the BACI page (``/CEPII/en/bdd_modele/bdd_modele_item.asp?id=37``) links the
  zips ``BACI_HS17_V202601.zip``; the highest version for the revision is taken (or
  ``--release V202601``). Only the file names are read from the page, so a change of its
  markup does not matter; the zip is fetched from ``/DATA_DOWNLOAD/baci/data/<name>``;
- download: streamed to disk with resume (HTTP Range), its size checked against the
  announced Content-Length; kept until imported (its name carries the release, so a failed
  import never re-downloads it);
- checks: the zip directory, the members a release holds (``BACI_HS17_Y<year>_V<v>.csv`` per
  year, ``country_codes_V<v>.csv``, ``product_codes_HS17_V<v>.csv``), each year file's header
  (exactly ``t,i,j,k,v,q``) and every member's CRC as it is extracted;
- import: country codes, product codes, then year by year (extract one member, import it,
  delete it: disk use stays at the zip plus one year), all in the run's one transaction.

``--years`` picks year files; ``--reporters`` does not apply (a year file holds everyone).
"""

from __future__ import annotations

import re
import sqlite3
import zipfile
from pathlib import Path

from bot.store.importers import baci as baci_importer
from bot.store.importers.base import ImportReport
from bot.store.update.core import Ctx, Download, Plan, stored_vintage
from bot.store.update.http import Downloaded, UpdateError, partial_size
from bot.store.update.verify import columns_error, csv_header, extract, open_zip

PROVIDER = "baci"
DEFAULT_URL = "https://www.cepii.fr"
URL_VAR = "TRADEFACTS_BACI_URL"
PAGE = "/CEPII/en/bdd_modele/bdd_modele_item.asp?id=37"
DATA = "/DATA_DOWNLOAD/baci/data/"
_ZIP = re.compile(r"BACI_HS(\d\d)_V(\d{6}[a-z]?)\.zip", re.IGNORECASE)


def _version_key(v: str) -> tuple[str, str]:
    return v[:6], v[6:]


def latest_release(html: str, hs: str) -> str | None:
    found = {v for h, v in _ZIP.findall(html) if h == hs}
    return max(found, key=_version_key) if found else None


def plan(ctx: Ctx) -> Plan:
    base = ctx.env_url(URL_VAR, DEFAULT_URL)
    hs = ctx.baci_hs
    if ctx.release:
        version = ctx.release.upper().lstrip("V")
        if not re.fullmatch(r"\d{6}[A-Z]?", version):
            raise UpdateError(f"--release {ctx.release!r}: a BACI release looks like V202601")
        version = version[:6] + version[6:].lower()
    else:
        html = ctx.http.get_text(base + PAGE, what="the CEPII BACI page")
        version = latest_release(html, hs)
        if version is None:
            raise UpdateError(f"the CEPII BACI page links no BACI_HS{hs}_V*.zip; name the release with"
                              " --release V202601 (and the revision with --baci-hs)")
    name = f"BACI_HS{hs}_V{version}.zip"
    url = base + DATA + name
    dest = ctx.folder(PROVIDER) / name
    size = ctx.http.size(url, what=name)
    release = f"V{version}"
    p = Plan(PROVIDER, f"CEPII BACI HS{hs}", release,
             [Download(url, dest, label=name, size=size, reuse_for=None)],
             scope={"hs": hs, "years": ctx.years})
    have = partial_size(dest)
    if have:
        p.notes.append(f"{have:,} bytes already downloaded: the download resumes there")
    if dest.is_file():
        p.notes.append(f"{name} already downloaded (not yet imported)")
    if ctx.reporters:
        p.notes.append("--reporters does not apply: each BACI year file holds every country")
    held = stored_vintage(ctx.store, PROVIDER)
    held_years = set((held or {}).get("scope", {}).get("years_loaded") or [])
    wanted = set(ctx.years or [])
    if (held and held.get("release") == release and held.get("scope", {}).get("hs") == hs and not ctx.force
            and (not wanted or wanted <= held_years) and (wanted or not held.get("scope", {}).get("years"))):
        p.up_to_date = True
        p.notes.append(f"{release} is already loaded (downloaded {held.get('downloaded_at', '?')[:10]})")
    return p


def _members(zf: zipfile.ZipFile, hs: str, version: str) -> tuple[str, str, dict[int, str]]:
    names = {Path(m).name: m for m in zf.namelist()}
    countries = names.get(f"country_codes_V{version}.csv")
    products = names.get(f"product_codes_HS{hs}_V{version}.csv")
    years = {}
    for base, member in names.items():
        m = re.fullmatch(rf"BACI_HS{hs}_Y(\d{{4}})_V{re.escape(version)}\.csv", base)
        if m:
            years[int(m.group(1))] = member
    missing = [n for n, v in ((f"country_codes_V{version}.csv", countries),
                              (f"product_codes_HS{hs}_V{version}.csv", products)) if v is None]
    if not years:
        missing.append(f"BACI_HS{hs}_Y<year>_V{version}.csv")
    if missing:
        raise UpdateError(f"BACI: the zip lacks {', '.join(missing)} (it holds: {', '.join(list(names)[:8])})")
    return countries, products, years


def prepare(ctx: Ctx, plan: Plan, got: Downloaded) -> list[Path]:
    """Check the zip's directory and members now (before any import) and which years to load."""
    version = plan.release[1:]
    with open_zip(got.path, "BACI") as zf:
        _, _, years = _members(zf, ctx.baci_hs, version)
    if ctx.years:
        absent = [y for y in ctx.years if y not in years]
        if absent and not set(ctx.years) & set(years):
            raise UpdateError(f"BACI {plan.release} has no year {', '.join(map(str, absent))}; it covers"
                              f" {min(years)}-{max(years)}")
        if absent:
            plan.notes.append(f"not in {plan.release}: {', '.join(map(str, absent))}")
    return [got.path]


def load(conn: sqlite3.Connection, ctx: Ctx, plan: Plan, files: list[Path]) -> list[ImportReport]:
    path = files[0]
    version, hs = plan.release[1:], ctx.baci_hs
    out = ctx.folder(PROVIDER) / "extracted"
    out.mkdir(exist_ok=True)
    reports = []
    with open_zip(path, "BACI") as zf:
        countries, products, years = _members(zf, hs, version)
        chosen = sorted(y for y in years if not ctx.years or y in ctx.years)
        for member in (countries, products):
            f = extract(zf, member, out, path, "BACI")
            try:
                reports.append(baci_importer.load(conn, f, progress=False))
                ctx.log(reports[-1].summary())
            finally:
                f.unlink(missing_ok=True)
        for i, year in enumerate(chosen, 1):
            ctx.log(f"BACI {plan.release}: year {year} ({i}/{len(chosen)})")
            f = extract(zf, years[year], out, path, "BACI")
            try:
                problem = columns_error(f.name, csv_header(f), baci_importer.HEADER, exact=True)
                if problem:
                    raise UpdateError(problem)
                reports.append(baci_importer.load(conn, f, progress=ctx.progress))
                ctx.log(reports[-1].summary())
            finally:
                f.unlink(missing_ok=True)
    plan.scope["years_loaded"] = chosen
    return reports
