"""Engine benchmark: the question table, p50/p99 per stage (parse, query+compose), and the
median chart render, each next to the raw SQL look-up floor for the same data.

    python bench/engine_bench.py [--store PATH] [--rounds 3]

Targets (issue #3): text answer p99 <= 10 ms; chart median <= 50 ms. Prints figures and ratios;
it never fails a build.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def measure(path: Path, rounds: int = 3) -> tuple[int, list[tuple[str, float, float, str]]]:
    """The question table through the engine on the store at ``path``: (questions, rows of
    (stage, p50 ms, p99 ms, target)); the last row is the raw SQL floor. bench/run_all.py
    calls this too."""
    import yaml

    from bot.engine import parse as parser
    from bot.engine.engine import Engine
    from bot.store.queries import Store

    store = Store.open(path)
    engine = Engine(store)
    questions = [r["q"] for r in yaml.safe_load((ROOT / "tests/engine/questions.yaml").read_text(encoding="utf-8")) if r["q"].strip()]
    engine.ask("warm up Mexico exports to Russia 2016")

    parse_t, total_t, charts = [], [], []
    for _ in range(rounds):
        for q in questions:
            t0 = time.perf_counter()
            parser.parse(q, engine.countries, engine.products)
            t1 = time.perf_counter()
            answer = engine.ask(q)
            t2 = time.perf_counter()
            parse_t.append((t1 - t0) * 1000)
            total_t.append((t2 - t1) * 1000)
            if answer.chart is not None and len(charts) < 40:
                c0 = time.perf_counter()
                answer.chart_png()
                charts.append((time.perf_counter() - c0) * 1000)
    sql = []
    for _ in range(2000):
        s0 = time.perf_counter()
        store.conn.execute("SELECT value_usd FROM trade WHERE reporter='MEX' AND partner='RUS' AND year=2016 AND flow='export'").fetchall()
        sql.append((time.perf_counter() - s0) * 1000)
    store.close()
    query_compose = [max(0.0, t - p) for t, p in zip(total_t, parse_t)]
    return len(questions), [
        ("parse", statistics.median(parse_t), pct(parse_t, 99), ""),
        ("query + compose (no chart)", statistics.median(query_compose), pct(query_compose, 99), ""),
        ("text answer, end to end", statistics.median(total_t), pct(total_t, 99), "p99 <= 10 ms"),
        ("chart render (first excluded)", statistics.median(charts[1:] or charts), pct(charts[1:] or charts, 99), "median <= 50 ms"),
        ("raw SQL pair-year look-up", statistics.median(sql), pct(sql, 99), "floor"),
    ]


def main() -> None:
    from bot.store.build import ensure_store

    ap = argparse.ArgumentParser()
    ap.add_argument("--store", default=os.environ.get("TRADEFACTS_DB") or str(Path(tempfile.gettempdir()) / "tradefacts-bench.sqlite"))
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    path = ensure_store(Path(args.store), ROOT / "data", progress=False)
    n, rows = measure(path, args.rounds)
    floor = rows[-1][1]
    print(f"{n} questions x {args.rounds} rounds; store {path}")
    print(f"{'stage':32} {'p50 ms':>9} {'p99 ms':>9} {'p50/SQL':>9}  target")
    for name, p50, p99, target in rows:
        print(f"{name:32} {p50:9.3f} {p99:9.3f} {p50 / floor:9.0f}x  {target}")


if __name__ == "__main__":
    main()
