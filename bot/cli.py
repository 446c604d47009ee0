"""The command line face: ``tradefacts data ...``, ``ask``, ``check``, ``serve``, ``demo``.

Thin by design: it parses arguments, calls the store/engine/chat APIs and turns every
expected failure into a one-line message and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
from pathlib import Path

from bot import config

EXIT_USAGE, EXIT_FAILED = 2, 1


def _store_path(args: argparse.Namespace) -> Path:
    return Path(args.db).expanduser() if getattr(args, "db", None) else config.store_path()


def _data_dir(args: argparse.Namespace) -> Path:
    return Path(args.data_dir).expanduser() if getattr(args, "data_dir", None) else config.data_dir()


def _err(msg: str) -> None:
    print(f"tradefacts: {msg}", file=sys.stderr)


def open_store(args: argparse.Namespace, *, quiet: bool = False):
    """Open the store read-only, building it from data/ first if it is missing."""
    from bot.store.build import ensure_store
    from bot.store.queries import Store

    log = (lambda s: None) if quiet else (lambda s: print(s, file=sys.stderr))
    path = ensure_store(_store_path(args), _data_dir(args), progress=not quiet and sys.stderr.isatty(), log=log)
    store = Store.open(path)
    try:
        version = store.meta("schema_version")  # reads the file: a broken one fails here, not mid-answer
    except sqlite3.DatabaseError as exc:
        store.close()
        raise NotAStore(f"{path} is not a readable tradefacts store ({exc}); rebuild it with `tradefacts data build`"
                        " or point --db / TRADEFACTS_DB at another file") from None
    if version is None:
        store.close()
        raise NotAStore(f"{path} is an SQLite file but not a tradefacts store; rebuild it with `tradefacts data build`")
    return store


class NotAStore(Exception):
    """The file at the store path is not a store this version can read."""


# --- data ---------------------------------------------------------------------------------
def cmd_data_build(args) -> int:
    from bot.store.build import build_store

    build_store(_store_path(args), _data_dir(args), progress=not args.quiet,
                log=(lambda s: None) if args.quiet else print)
    return 0


def cmd_data_import(args) -> int:
    from bot.store.build import ensure_store
    from bot.store.ingest import import_files

    store = ensure_store(_store_path(args), _data_dir(args), progress=not args.quiet)
    import_files(store, args.format, [Path(f) for f in args.files], progress=not args.quiet)
    print(f"imported {len(args.files)} file(s) into {store}")
    return 0


def cmd_data_formats(args) -> int:
    from bot.store.importers import FORMATS

    for name, imp in sorted(FORMATS.items()):
        print(f"{name:22} {imp.description}")
    return 0


def cmd_data_sources(args) -> int:
    store = open_store(args)
    cov = store.coverage()
    if args.json:
        print(json.dumps(cov, ensure_ascii=False, indent=1))
        return 0
    for c in cov:
        years = f"{c['first_year']}-{c['last_year']}" if c["first_year"] else "reference table"
        print(f"{c['id']:22} {c['rows']:>10,} rows  {years:15} {c['name']}")
        print(f"{'':22} version: {c['version']}; licence: {c['licence']}; unit: {c['unit'] or '-'}")
    return 0


def cmd_data_check(args) -> int:
    from bot.store.check import run_checks, table_counts

    store = open_store(args)
    print("tables: " + ", ".join(f"{name} {n:,}" for name, n in table_counts(store.conn).items()))
    results = run_checks(store.conn)
    for r in results:
        print(f"{'ok  ' if r.ok else 'FAIL'} {r.name}: {r.detail}")
    failed = [r for r in results if not r.ok]
    print(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    return EXIT_FAILED if failed else 0


# --- ask ------------------------------------------------------------------------------------
def _engine(args):
    from bot.engine.engine import Engine

    return Engine(open_store(args, quiet=True))


def _print_answer(answer, args) -> None:
    if args.json:
        print(answer.to_json(), flush=True)
    else:
        print(answer.text)
        for i, c in enumerate(answer.choices, 1):
            print(f"  {i}. {c.label}")
    if args.chart and answer.chart is not None:
        Path(args.chart).write_bytes(answer.chart_png())
        if not args.json:
            print(f"(chart written to {args.chart})")


def cmd_ask(args) -> int:
    """One question, a stream of questions (``-``: one per line), or an interactive prompt."""
    from bot.engine.context import Context

    engine = _engine(args)
    if args.question and args.question != ["-"]:
        answer = engine.ask(" ".join(args.question), lang=args.lang)
        _print_answer(answer, args)
        return 0 if answer.status in ("ok", "ambiguous") else 3
    context = Context(lang=args.lang)
    interactive = not args.question and sys.stdin.isatty()
    choices: list = []  # the last answer's choices: typing their number picks one
    while True:
        try:
            line = input("? ") if interactive else sys.stdin.readline()
        except EOFError:
            break
        if not interactive and line == "":
            break
        line = line.strip()
        if not line:
            if args.json and not interactive:
                _print_answer(engine.ask("", context, lang=args.lang), args)
            continue
        if line.isdigit() and choices and 0 < int(line) <= len(choices):
            line = choices[int(line) - 1].question
        answer = engine.ask(line, context, lang=args.lang)
        choices = answer.choices
        _print_answer(answer, args)
    return 0


# --- serve ------------------------------------------------------------------------------------
def cmd_serve(args) -> int:
    """Run the Telegram bot (long polling, or a webhook with --webhook)."""
    from bot.chat.serve import serve_from_cli

    return serve_from_cli(args)


# --- demo -----------------------------------------------------------------------------------
def cmd_demo(args) -> int:
    """Build the store if needed and answer sample questions; with a token, run the bot."""
    from bot.demo import run_demo

    return run_demo(args)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="tradefacts", description="Exact, sourced answers about trade and investment.")
    p.add_argument("--db", help="store file (default: $TRADEFACTS_DB or the user data directory)")
    p.add_argument("--data-dir", help="folder with the bundled source files (default: the project's data/)")
    sub = p.add_subparsers(dest="command", required=True)

    data = sub.add_parser("data", help="build, import, list and check the store").add_subparsers(dest="data_command", required=True)
    b = data.add_parser("build", help="(re)build the store from the bundled files in data/")
    b.add_argument("--quiet", action="store_true", help="no progress bars")
    b.set_defaults(func=cmd_data_build)
    i = data.add_parser("import", help="add downloaded files (BACI, Comtrade, WDI, ...) to the store")
    i.add_argument("format", help="file format; `tradefacts data formats` lists them")
    i.add_argument("files", nargs="+", help="files to import (plain or .gz CSV)")
    i.add_argument("--quiet", action="store_true", help="no progress bars")
    i.set_defaults(func=cmd_data_import)
    data.add_parser("formats", help="list the formats `data import` accepts").set_defaults(func=cmd_data_formats)
    s = data.add_parser("sources", help="what is loaded, with coverage and licence")
    s.add_argument("--json", action="store_true", help="machine-readable output")
    s.set_defaults(func=cmd_data_sources)
    data.add_parser("check", help="integrity checks (row counts, orphans, duplicates)").set_defaults(func=cmd_data_check)
    from bot.store.update.cli import add_parser as add_update_parser  # `data update` lives with its code

    add_update_parser(data, _store_path, _data_dir)

    a = sub.add_parser("ask", help="answer a question (no question: interactive prompt; '-': one question per line from stdin)")
    a.add_argument("question", nargs="*", help="the question (quote it), or - to read questions from standard input")
    a.add_argument("--json", action="store_true", help="print one JSON object per answer")
    a.add_argument("--chart", metavar="FILE.png", help="write the chart (series, rankings, comparisons) to this PNG file")
    a.add_argument("--lang", choices=["en", "es", "ru"], help="answer language (default: the question's language)")
    a.set_defaults(func=cmd_ask)
    from bot.factcheck.cli import add_parser as add_check_parser  # `check` lives with the fact-check

    add_check_parser(sub, _engine)

    sv = sub.add_parser("serve", help="run the Telegram bot (token from TELEGRAM_BOT_TOKEN or --token-file)")
    sv.add_argument("--token-file", help="file holding the bot token (instead of TELEGRAM_BOT_TOKEN)")
    sv.add_argument("--api-base-url", help="Bot API server root (default: $TELEGRAM_API_BASE_URL or api.telegram.org)")
    sv.add_argument("--webhook", metavar="URL", help="run behind a webhook at this public URL instead of long polling")
    sv.add_argument("--listen", metavar="HOST:PORT", default="127.0.0.1:8443", help="where the webhook server listens")
    sv.add_argument("--secret-token", help="webhook secret token (default: $TELEGRAM_WEBHOOK_SECRET)")
    sv.add_argument("--persistence", metavar="FILE", help="file for per-chat context (default: beside the store)")
    sv.add_argument("--inline-media-chat", metavar="CHAT",
                    help="chat id or @channel where inline mode uploads charts to offer them as photos"
                         " (default: $TRADEFACTS_INLINE_MEDIA_CHAT; unset: inline answers are text only)")
    sv.set_defaults(func=cmd_serve)

    sub.add_parser("demo", help="build the store and answer sample questions (runs the bot if TELEGRAM_BOT_TOKEN is set)").set_defaults(func=cmd_demo)
    return p


def _loaded(module: str, name: str) -> type:
    """An exception class, if its module was imported (else no exception can be one of it).
    Keeps ``ask`` from importing every importer just to name their error (cold start)."""
    mod = sys.modules.get(module)
    return getattr(mod, name) if mod is not None else type(f"_NotLoaded{name}", (Exception,), {})


def main(argv: list[str] | None = None) -> int:
    from bot.store.db import StoreMissing

    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (StoreMissing, config.SecretError, NotAStore) as exc:
        _err(str(exc))
        return EXIT_FAILED
    except sqlite3.DatabaseError as exc:  # e.g. `data check` on a file that is not a database
        _err(f"the store {_store_path(args)} cannot be read: {exc}")
        return EXIT_FAILED
    except BrokenPipeError:  # `tradefacts ask ... | head`: the reader left, nothing to say
        return 0
    except OSError as exc:  # an unwritable or missing folder for the store, a full disk...
        where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
        _err(f"{exc.strerror or exc}{where}")
        return EXIT_FAILED
    except KeyboardInterrupt:
        _err("interrupted; nothing was changed")
        return 130
    except Exception as exc:
        import_failure = _loaded("bot.store.importers.base", "ImportFailure")
        unknown_format = _loaded("bot.store.ingest", "UnknownFormat")
        if isinstance(exc, (import_failure, unknown_format)):
            _err(str(exc))
            return EXIT_USAGE if isinstance(exc, unknown_format) else EXIT_FAILED
        if os.environ.get("TRADEFACTS_DEBUG"):
            raise
        # A bug, not bad input: one line for the user, the traceback on request.
        _err(f"unexpected error ({type(exc).__name__}: {exc}); run again with TRADEFACTS_DEBUG=1 for the details")
        return EXIT_FAILED
