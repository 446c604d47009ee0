"""The ``tradefacts data update`` sub-command: its arguments and its one-line failures.

Kept beside the update code so ``bot/cli.py`` only registers it. Nothing heavy is imported
until the command runs (``ask`` starts without httpx or the importers)."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Callable

SOURCES = ["imf", "wdi", "baci", "comtrade"]


def add_parser(data, store_path: Callable, data_dir: Callable) -> None:
    u = data.add_parser(
        "update", help="download the latest releases (IMF IMTS, World Bank WDI, CEPII BACI, UN Comtrade) and import them",
        description="Download the latest releases from the official providers and import them in one transaction."
                    " Downloads resume after an interruption; --dry-run only lists what would be fetched.")
    u.add_argument("--source", action="append", metavar="NAME",
                   help=f"provider(s) to update: {', '.join(SOURCES)} (repeat or comma-separate; default: all)")
    u.add_argument("--years", help="years, e.g. 2016-2024 or 2022,2023 (IMF, BACI, Comtrade; default: all published)")
    u.add_argument("--reporters", help="ISO3 codes, e.g. MEX,USA (IMF, Comtrade; default for IMF: every DOTS reporter)")
    u.add_argument("--partners", help="Comtrade partners, ISO3 codes (default: every partner)")
    u.add_argument("--products", help="Comtrade HS codes, e.g. 8703,870323 (default: TOTAL)")
    u.add_argument("--baci-hs", default="17", choices=["92", "96", "02", "07", "12", "17", "22"],
                   help="BACI HS revision (default 17)")
    u.add_argument("--release", help="BACI release to fetch, e.g. V202601 (default: the latest on CEPII's page)")
    u.add_argument("--dry-run", action="store_true", help="list what would be fetched and how big; change nothing")
    u.add_argument("--force", action="store_true", help="fetch and import even if the release is already loaded")
    u.add_argument("--download-dir", help="where downloads go (default: 'downloads' beside the store)")
    u.add_argument("--keep-downloads", action="store_true", help="keep the downloaded files after the import")
    u.add_argument("--quiet", action="store_true", help="no progress bars")
    u.set_defaults(func=lambda args: cmd_data_update(args, store_path, data_dir))


def _split(text: str | None) -> list[str]:
    return [t.strip() for t in (text or "").split(",") if t.strip()]


def _err(msg: str) -> None:
    print(f"tradefacts: {msg}", file=sys.stderr)


def cmd_data_update(args: argparse.Namespace, store_path: Callable, data_dir: Callable) -> int:
    from bot.store.build import ensure_store
    from bot.store.importers.base import ImportFailure
    from bot.store.update import run
    from bot.store.update.core import parse_years, resolve_reporters
    from bot.store.update.http import Http, UpdateError

    sources = [s.lower() for item in (args.source or []) for s in _split(item)] or list(SOURCES)
    unknown = [s for s in sources if s not in SOURCES]
    if unknown:
        _err(f"unknown source {unknown[0]!r}; choose from {', '.join(SOURCES)}")
        return 2
    sources = [s for s in run.ORDER if s in sources]
    quiet = args.quiet
    log = (lambda s: None) if quiet else (lambda s: print(s, file=sys.stderr))
    try:
        store = ensure_store(store_path(args), data_dir(args), progress=not quiet, log=log)
        downloads = Path(args.download_dir).expanduser() if args.download_dir else store.parent / "downloads"
        with Http() as http:
            ctx = run.make_ctx(
                store, downloads, http,
                years=parse_years(args.years, latest=date.today().year) if args.years else None,
                reporters=resolve_reporters(store, _split(args.reporters)) if args.reporters else None,
                partners=resolve_reporters(store, _split(args.partners)) if args.partners else None,
                products=_split(args.products) or None, baci_hs=args.baci_hs, release=args.release,
                force=args.force, explicit=bool(args.source), progress=not quiet and sys.stderr.isatty(), log=log)
            outcome = run.update(ctx, sources, dry_run=args.dry_run, keep_downloads=args.keep_downloads)
    except (UpdateError, ImportFailure) as exc:
        _err(f"{exc}; the store was not changed")
        return 1
    except OSError as exc:  # disk full, permissions: no traceback either
        _err(f"{exc.strerror or exc}{': ' + str(exc.filename) if exc.filename else ''}; the store was not changed")
        return 1
    except KeyboardInterrupt:
        _err("interrupted; the store was not changed, and partial downloads are kept: run the same command"
             " again to resume")
        return 130
    if not args.dry_run and outcome.imported == {}:
        print("nothing to update")
    return 0
