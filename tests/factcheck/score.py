"""The fact-check table's score: how many of its claims are found and judged right.

    .venv/bin/python -m tests.factcheck.score [--db STORE] [-v]

Prints claims expected, claims found with the expected reading and verdict, claims missed or
misjudged, and claims invented (found where the table has none). The test
(``test_claims_table.py``) requires every row; this script says how far off a change is.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

TABLE_PATH = Path(__file__).parent / "claims.yaml"
FIELDS = ("kind", "reporter", "partner", "flow", "years", "metric")


def load_table() -> list[dict]:
    return yaml.safe_load(TABLE_PATH.read_text(encoding="utf-8"))


def claim_problems(expected: dict, got) -> list[str]:
    """What differs between an expected claim (a table row's) and a checked one; [] when right."""
    import math

    c, v, view = got.claim, got.verdict, got.view
    out = []
    for key in FIELDS:
        if key in expected and getattr(c, key) != expected[key]:
            out.append(f"{key}: {getattr(c, key)!r} != {expected[key]!r}")
    if v.verdict != expected["verdict"]:
        out.append(f"verdict: {v.verdict} != {expected['verdict']}")
    if "store" in expected:
        value = view.value if view is not None else None
        if value is None or not math.isclose(value, expected["store"], rel_tol=2e-4, abs_tol=1e-3):
            out.append(f"store: {value!r} != {expected['store']!r}")
    if "matched" in expected and (v.matched is None or v.matched.kind != expected["matched"]):
        out.append(f"matched: {v.matched.kind if v.matched else None} != {expected['matched']}")
    if "problem" in expected and v.problem != expected["problem"]:
        out.append(f"problem: {v.problem} != {expected['problem']}")
    return out


def main(argv: list[str] | None = None) -> int:
    from bot import config
    from bot.engine.engine import Engine
    from bot.factcheck import FactChecker
    from bot.store.queries import Store

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", help="store file (default: the configured store)")
    ap.add_argument("-v", action="store_true", help="list every wrong claim")
    args = ap.parse_args(argv)
    checker = FactChecker(Engine(Store.open(args.db or config.store_path())))
    expected_n = right = invented = 0
    for row in load_table():
        report = checker.check(row["text"])
        want = row["claims"]
        expected_n += len(want)
        invented += max(0, len(report.checked) - len(want))
        for i, exp in enumerate(want):
            got = report.checked[i] if i < len(report.checked) else None
            problems = ["not found"] if got is None else claim_problems(exp, got)
            right += not problems
            if problems and args.v:
                print(f"- {row['text'][:90]}\n    claim {i + 1}: {'; '.join(problems)}")
    share = right / expected_n * 100 if expected_n else 0.0
    print(f"sentences: {len(load_table())}; claims in the table: {expected_n}; found and judged right: {right} "
          f"({share:.1f}%); claims invented: {invented}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
