"""``tradefacts check TEXT [--json] [--lang en|es|ru]``: the fact-check on the command line.

Lives with the fact-check so ``bot/cli.py`` only registers it. The text is the arguments
joined, or standard input (``-`` or no argument with a pipe): a whole paragraph or article.
Exit codes: 0 when claims were found and checked (whatever the verdicts), 3 when the text
has no checkable claim, 2 for no text at all.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

EXIT_NO_CLAIMS, EXIT_USAGE = 3, 2


def add_parser(sub, engine_of: Callable[[argparse.Namespace], object]) -> None:
    """Register ``check`` on the top-level subparsers; ``engine_of(args)`` opens the engine."""
    c = sub.add_parser("check", help="fact-check the trade and investment figures of a sentence or paragraph")
    c.add_argument("text", nargs="*", help="the text (quote it), or - to read it from standard input")
    c.add_argument("--json", action="store_true", help="one JSON object per claim (claim, verdict, store figures, sources)")
    c.add_argument("--lang", choices=["en", "es", "ru"], help="answer language (default: the text's language)")
    c.set_defaults(func=lambda args: cmd_check(args, engine_of))


def _text(args: argparse.Namespace) -> str | None:
    if args.text and args.text != ["-"]:
        return " ".join(args.text)
    if args.text == ["-"] or not sys.stdin.isatty():
        return sys.stdin.read()
    return None


def cmd_check(args: argparse.Namespace, engine_of) -> int:
    from bot.factcheck import FactChecker

    text = _text(args)
    if text is None or not text.strip():
        print('tradefacts: give a text to check, e.g. tradefacts check "In 2016, Mexico exported $179 million to Russia."',
              file=sys.stderr)
        return EXIT_USAGE
    report = FactChecker(engine_of(args)).check(text, lang=args.lang)
    if args.json:
        for obj in report.to_dicts():
            print(json.dumps(obj, ensure_ascii=False), flush=True)
        if not report.checked:
            print(report.text, file=sys.stderr)
    else:
        print(report.text)
    return 0 if report.checked else EXIT_NO_CLAIMS
