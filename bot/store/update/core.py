"""The shapes every provider module shares: what an update run knows (``Ctx``), what a
provider plans to fetch (``Plan`` of ``Download``s), and the read-only facts it needs from
the store (its countries, the vintage it already holds).

A provider module (imf, wdi, baci, comtrade) has three functions:

- ``plan(ctx) -> Plan``: ask the provider what its latest release is and list the downloads
  with their sizes (HEAD / provider metadata). Network, but no download and no store change:
  this is all ``--dry-run`` does;
- ``prepare(ctx, plan, downloaded) -> list[Path]``: check what arrived (zip integrity,
  schema, truncation) and return the files to import; a damaged file is deleted so the next
  run fetches it anew;
- ``load(conn, ctx, plan, files) -> list[ImportReport]``: import through the existing
  importers inside the caller's transaction.
"""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from bot.store.update.http import Http, UpdateError


@dataclass
class Download:
    url: str  # full URL, query included (never a secret: keys go in ``headers``)
    dest: Path
    label: str
    headers: dict = field(default_factory=dict, repr=False)
    size: int | None = None  # bytes the server announces, when it does
    reuse_for: float | None = 86400.0  # see Http.download
    pace: tuple[str, float] | None = None  # (api, seconds between calls): the provider's rate limit


@dataclass
class Plan:
    provider: str
    title: str
    release: str  # e.g. "V202601", "2025-12-16", "IMF.STA:IMTS 1.0.0, updated 2026-01-31"
    downloads: list[Download] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    up_to_date: bool = False
    size_note: str = ""  # when the provider does not announce sizes
    scope: dict = field(default_factory=dict)  # what this update covers (years, reporters, ...)
    skipped: str = ""  # why the provider is left out of this run (no key, ...)


@dataclass
class Ctx:
    store: Path
    downloads: Path
    http: Http
    now: str  # download time, ISO 8601 UTC
    years: list[int] | None = None
    reporters: list[str] | None = None
    partners: list[str] | None = None
    products: list[str] | None = None
    baci_hs: str = "17"
    release: str | None = None
    force: bool = False
    explicit: bool = False  # the provider was named with --source (so a missing key is an error)
    progress: bool = False
    log: Callable[[str], None] = print

    def env_url(self, var: str, default: str) -> str:
        """The provider's base URL: ``var`` from the environment (the tests' local server)."""
        return (os.environ.get(var) or default).rstrip("/")

    def folder(self, provider: str) -> Path:
        path = self.downloads / provider
        path.mkdir(parents=True, exist_ok=True)
        return path


# --- read-only facts from the store ------------------------------------------------------------
def _ro(store: Path) -> sqlite3.Connection:
    from bot.store.db import connect_ro

    return connect_ro(store)


def store_countries(store: Path) -> dict[str, tuple[str, int | None, str]]:
    """code -> (name, numeric, kind) for every entity the store knows."""
    conn = _ro(store)
    try:
        return {code: (name, num, kind) for code, name, num, kind in
                conn.execute("SELECT code, name, numeric, kind FROM countries")}
    finally:
        conn.close()


def source_reporters(store: Path, source_id: str) -> list[str]:
    conn = _ro(store)
    try:
        return [r for (r,) in conn.execute("SELECT DISTINCT reporter FROM trade WHERE reporter IN"
                                           " (SELECT code FROM countries) AND source_id = ?", (source_id,))]
    finally:
        conn.close()


def source_figures(store: Path, source_id: str, reporters: list[str]) -> int:
    """How many figures a source holds for these reporters (to estimate a download's size)."""
    conn = _ro(store)
    try:
        n = 0
        for r in reporters:
            n += conn.execute("SELECT count(*) FROM trade WHERE reporter = ? AND source_id = ?", (r, source_id)).fetchone()[0]
        return n
    finally:
        conn.close()


def resolve_reporters(store: Path, names: list[str]) -> list[str]:
    """ISO3 codes (or exact English names) -> store codes; an unknown one is an error naming it."""
    countries = store_countries(store)
    by_name = {name.lower(): code for code, (name, _, _) in countries.items()}
    out, unknown = [], []
    for raw in names:
        t = raw.strip()
        if not t:
            continue
        code = t.upper() if t.upper() in countries else by_name.get(t.lower())
        (out if code else unknown).append(code or t)
    if unknown:
        raise UpdateError(f"unknown reporter(s) {', '.join(repr(u) for u in unknown)}: give ISO3 codes such as MEX,USA")
    return list(dict.fromkeys(out))


_YEARS = re.compile(r"^(\d{4})?\s*(-)?\s*(\d{4})?$")


def parse_years(text: str, *, latest: int) -> list[int]:
    """``2016-2024``, ``2020,2022``, ``2019-`` (to ``latest``) -> sorted years."""
    years: set[int] = set()
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        m = _YEARS.match(part)
        if not m or not (m.group(1) or m.group(3)):
            raise UpdateError(f"not a year or range: {part!r} (write 2016-2024 or 2020,2022)")
        first = int(m.group(1) or 1948)
        last = int(m.group(3) or (latest if m.group(2) else first))
        if not 1948 <= first <= last <= 2100:
            raise UpdateError(f"not a plausible year range: {part!r}")
        years.update(range(first, last + 1))
    if not years:
        raise UpdateError("--years is empty")
    return sorted(years)


def human_size(n: int | None) -> str:
    if n is None:
        return "size not announced"
    size = float(n)
    for unit in ("bytes", "KB", "MB", "GB", "TB"):
        if size < 1024 or unit == "TB":
            return f"{size:,.0f} {unit}" if unit == "bytes" else f"{size:,.1f} {unit}"
        size /= 1024
    return f"{n} bytes"


def stored_vintage(store: Path, provider: str) -> dict | None:
    from bot.store.update import vintage

    conn = _ro(store)
    try:
        return vintage.for_provider(conn, provider)
    finally:
        conn.close()
