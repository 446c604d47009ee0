"""Fuzz benchmark: 100,000 hostile or random questions through the engine.

    python bench/fuzz_bench.py [--store PATH] [-n 100000] [--seed N]

Inputs are drawn from four generators, in turn: arbitrary Unicode (any code point but lone
surrogates, up to Telegram's 4,096 characters), question-shaped soups of country names,
metric words, years and junk (tests/reliability/test_engine_fuzz.py's word list), the
adversarial corpus (SQL fragments, format strings, markup, zero-width and right-to-left
characters, huge years), and real questions of tests/engine/questions.yaml with random
edits (characters dropped, doubled, swapped or replaced). Every other question is asked as a
follow-up of the one before, in one context, as in a chat.

A failure is: an exception out of ``Engine.ask``, an answer with status "error" (the
engine caught something), an unknown status, an empty text, or a JSON form that does not
parse. Prints the failure count (target 0), questions/s, and p50/p99/max latency; the first
failures are written out with their seeds so they can be replayed. Never fails a build.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

MAX_MESSAGE = 4096
ADVERSARIAL = [
    "'; DROP TABLE trade; --", "Mexico' OR 1=1 --", "%s %d %(x)s {} {0} {query}", "<b>Mexico</b> & <i>Russia</i>",
    "**Mexico** _exports_ [link](http://x)", "Mex\u200bico exports to Rus\u200bsia 2016", "\u202eMexico exports\u202c",
    "🇲🇽 ➡️ 🇷🇺 2016 💰", "Mexico exports to Russia 99999999999", "Mexico exports to Russia -5", "", "   \n\t ",
    "\x00\x01\x02", "Mexico exports to Russia in 1e309", "Mexico exports to Russia in ٢٠١٦", "' UNION SELECT * FROM sources --",
]


def _words() -> list[str]:
    from tests.reliability.test_engine_fuzz import WORDS

    return WORDS


def _questions() -> list[str]:
    import yaml

    rows = yaml.safe_load((ROOT / "tests" / "engine" / "questions.yaml").read_text(encoding="utf-8"))
    return [r["q"] for r in rows]


def _unicode(rng: random.Random) -> str:
    n = min(MAX_MESSAGE, int(rng.expovariate(1 / 60)))
    out = []
    for _ in range(n):
        r = rng.random()
        if r < 0.5:
            out.append(chr(rng.randint(32, 126)))
        elif r < 0.8:
            out.append(chr(rng.choice([rng.randint(0x400, 0x4FF), rng.randint(0xC0, 0x24F), rng.randint(0x2000, 0x206F)])))
        else:
            c = rng.randint(0, 0x10FFFF)
            out.append(chr(c) if not 0xD800 <= c <= 0xDFFF else "?")
    return "".join(out)


def _soup(rng: random.Random, words: list[str]) -> str:
    return " ".join(rng.choice(words) if rng.random() < 0.85 else _unicode(rng)[:12]
                    for _ in range(rng.randint(0, 40)))[:MAX_MESSAGE]


def _mutated(rng: random.Random, questions: list[str]) -> str:
    chars = list(rng.choice(questions))
    for _ in range(rng.randint(0, 6)):
        if not chars:
            break
        i = rng.randrange(len(chars))
        op = rng.randrange(4)
        if op == 0:
            del chars[i]
        elif op == 1:
            chars.insert(i, chars[i])
        elif op == 2 and i + 1 < len(chars):
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
        else:
            chars[i] = chr(rng.randint(32, 0x4FF))
    return "".join(chars)


def main() -> int:
    from bot.engine.answer import STATUSES
    from bot.engine.context import Context
    from bot.engine.engine import Engine
    from bot.store.build import ensure_store
    from bot.store.queries import Store

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--store", default=os.environ.get("TRADEFACTS_DB") or str(Path(tempfile.gettempdir()) / "tradefacts-bench.sqlite"))
    ap.add_argument("-n", type=int, default=100_000, help="questions to ask (default 100,000)")
    ap.add_argument("--seed", type=int, default=None, help="random seed (default: a new one, printed)")
    args = ap.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    path = ensure_store(Path(args.store), ROOT / "data", progress=False)
    engine = Engine(Store.open(path))
    engine.ask("warm up")
    words, questions = _words(), _questions()
    makers = [lambda: _unicode(rng), lambda: _soup(rng, words), lambda: rng.choice(ADVERSARIAL), lambda: _mutated(rng, questions)]
    import logging

    logging.disable(logging.CRITICAL)  # the engine logs what it catches; we count it instead
    failures: list[tuple[int, str, str]] = []
    latencies: list[float] = []
    statuses: dict[str, int] = {}
    context = Context()
    start = time.perf_counter()
    for i in range(args.n):
        text = makers[i % len(makers)]()
        if i % 2 == 0:
            context = Context()
        t0 = time.perf_counter()
        try:
            answer = engine.ask(text, context)
            problem = None
            if answer.status not in STATUSES or answer.status == "error":
                problem = f"status {answer.status}"
            elif not (isinstance(answer.text, str) and answer.text.strip()):
                problem = "empty text"
            else:
                json.loads(answer.to_json())
        except Exception as exc:  # noqa: BLE001 - counting is the point
            problem = f"{type(exc).__name__}: {exc}"
        latencies.append(time.perf_counter() - t0)
        if problem:
            failures.append((i, problem, text))
        else:
            statuses[answer.status] = statuses.get(answer.status, 0) + 1
        if (i + 1) % 10_000 == 0:
            print(f"  {i + 1:,} asked, {len(failures)} failures", file=sys.stderr, flush=True)
    elapsed = time.perf_counter() - start
    latencies.sort()
    ms = lambda q: latencies[min(len(latencies) - 1, int(q * (len(latencies) - 1)))] * 1000  # noqa: E731
    print(f"fuzz: {args.n:,} questions (seed {seed}) on {path}")
    print(f"failures            {len(failures):>10,}   (target 0)")
    print(f"questions/s         {args.n / elapsed:>10,.0f}")
    print(f"latency p50/p99/max {ms(0.5):>7.1f} / {ms(0.99):.1f} / {latencies[-1] * 1000:.1f} ms"
          f"   (mean {statistics.fmean(latencies) * 1000:.1f} ms)")
    print("statuses            " + ", ".join(f"{k} {v:,}" for k, v in sorted(statuses.items())))
    for i, problem, text in failures[:10]:
        print(f"  #{i}: {problem}: {text[:120]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
