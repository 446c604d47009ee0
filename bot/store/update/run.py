"""``tradefacts data update``: plan, download, verify, then import everything at once.

Order of work, and why:

1. plan every provider (their latest release and what to fetch) -- ``--dry-run`` stops here;
2. download and check every file, all providers, before touching the store: a network
   failure or a damaged file ends the run with the store unchanged, and what was already
   downloaded is kept for the next run (partial files resume);
3. import every provider in ONE transaction with its vintage (``vintage.py``): any failure,
   Ctrl-C included, rolls the whole update back;
4. only then delete the downloads (``--keep-downloads`` keeps them).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from types import ModuleType
from typing import Callable

from bot.store import db
from bot.store.update import baci, comtrade, imf, vintage, wdi
from bot.store.update.core import Ctx, Plan, human_size
from bot.store.update.http import Downloaded, Http, discard, partial_size

PROVIDERS: dict[str, ModuleType] = {"wdi": wdi, "imf": imf, "comtrade": comtrade, "baci": baci}
ORDER = ["imf", "wdi", "comtrade", "baci"]  # the order of `--source` help and of the dry-run


@dataclass
class Outcome:
    plans: list[Plan]
    imported: dict[str, list] | None = None  # provider -> reports (None for a dry run)


def now_utc() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def make_ctx(store: Path, downloads: Path, http: Http, **opts) -> Ctx:
    return Ctx(store=store, downloads=downloads, http=http, now=now_utc(), **opts)


def plan_all(ctx: Ctx, sources: list[str]) -> list[Plan]:
    return [PROVIDERS[s].plan(ctx) for s in sources]


def describe(plans: list[Plan]) -> list[str]:
    """The dry-run listing: per provider its release, each download and its size."""
    lines, total, unknown = [], 0, False
    for p in plans:
        if p.skipped:
            lines.append(f"{p.provider:9} skipped: {p.skipped}")
            continue
        state = "up to date, nothing to fetch" if p.up_to_date else f"{len(p.downloads)} download(s)"
        lines.append(f"{p.provider:9} {p.title}, latest release {p.release}: {state}")
        if not p.up_to_date:
            for d in p.downloads:
                have = partial_size(d.dest)
                extra = f" ({human_size(have)} already downloaded, resumes)" if have else ""
                lines.append(f"{'':9}   {d.label}: {human_size(d.size) if d.size is not None else 'size not announced'}"
                             f"{extra}  {d.url}")
                if d.size is None:
                    unknown = True
                else:
                    total += d.size - have
            if p.size_note:
                lines.append(f"{'':9}   {p.size_note}")
        for n in p.notes:
            lines.append(f"{'':9}   note: {n}")
    lines.append(f"total to download: {human_size(total)}{' plus the sizes not announced' if unknown else ''}")
    return lines


def fetch_all(ctx: Ctx, plans: list[Plan]) -> dict[str, list[Path]]:
    """Download and check every file; returns provider -> files to import."""
    out: dict[str, list[Path]] = {}
    for p in plans:
        if p.skipped or p.up_to_date:
            continue
        module = PROVIDERS[p.provider]
        files: list[Path] = []
        for d in p.downloads:
            if d.pace:
                ctx.http.pace(*d.pace)
            got: Downloaded = ctx.http.download(d.url, d.dest, headers=d.headers, what=d.label,
                                                progress=ctx.progress, reuse_for=d.reuse_for)
            how = "reused from the last run" if got.reused else (
                f"resumed at {got.resumed_from:,} bytes" if got.resumed_from else "downloaded")
            ctx.log(f"{d.label}: {human_size(got.size)} {how}, sha256 {got.sha256[:12]}")
            p.scope.setdefault("files", []).append({"name": d.dest.name, "bytes": got.size, "sha256": got.sha256})
            files += module.prepare(ctx, p, got)
        out[p.provider] = files
    return out


def import_all(ctx: Ctx, plans: list[Plan], files: dict[str, list[Path]]) -> dict[str, list]:
    """One transaction for every provider, vintage included."""
    conn = db.connect_rw(ctx.store)
    imported: dict[str, list] = {}
    touched: set[str] = set()
    try:
        with db.transaction(conn):
            for p in plans:
                if p.provider not in files:
                    continue
                reports = PROVIDERS[p.provider].load(conn, ctx, p, files[p.provider])
                imported[p.provider] = reports
                sources = sorted({sid.strip() for r in reports for sid in r.source_id.split(",") if sid.strip()})
                touched.update(sources)
                vintage.write(conn, sources, {"provider": p.provider, "release": p.release,
                                              "downloaded_at": ctx.now, "scope": p.scope})
            db.refresh_coverage(conn, touched)  # recount only what this update touched (BACI-scale stores)
            db.set_meta(conn, "last_update_at", ctx.now)
    finally:
        conn.close()
    return imported


def cleanup(plans: list[Plan], files: dict[str, list[Path]]) -> None:
    for p in plans:
        for d in p.downloads:
            discard(d.dest)
        for f in files.get(p.provider, []):
            Path(f).unlink(missing_ok=True)
    for p in plans:
        for d in p.downloads:
            extracted = d.dest.parent / "extracted"
            if extracted.is_dir() and not any(extracted.iterdir()):
                shutil.rmtree(extracted, ignore_errors=True)


def update(ctx: Ctx, sources: list[str], *, dry_run: bool = False, keep_downloads: bool = False,
           out: Callable[[str], None] = print) -> Outcome:
    plans = plan_all(ctx, sources)
    if dry_run:
        for line in describe(plans):
            out(line)
        return Outcome(plans)
    for p in plans:
        if p.skipped:
            out(f"{p.provider}: skipped ({p.skipped})")
        elif p.up_to_date:
            out(f"{p.provider}: {p.release} already loaded; nothing to do (--force reloads)")
    files = fetch_all(ctx, plans)
    if not files:
        return Outcome(plans, {})
    imported = import_all(ctx, plans, files)
    if not keep_downloads:
        cleanup([p for p in plans if p.provider in imported], files)
    for p in plans:
        if p.provider in imported:
            rows = sum(r.rows for r in imported[p.provider])
            out(f"{p.provider}: {p.release} imported ({rows:,} rows); {vintage.label(p.release, ctx.now)}")
    return Outcome(plans, imported)
