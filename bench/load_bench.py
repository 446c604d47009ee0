"""Load benchmark: a burst of questions from many chats, then a long soak, through the fake
Bot API server; counts what was answered, lost and duplicated, and watches the bot's memory.

    python bench/load_bench.py [--store PATH] [--burst 10000] [--chats 500] [--soak 50000]

The bot runs in its own process exactly as in bench/bot_bench.py (long polling, the real
engine and the bundled store, rate limiter and flood control off: this measures the bot, not
Telegram's limits). This process runs the fake server and plays 500 group chats asking with
``/ask``, so every answer replies to its question and can be matched to it.

1. burst: ``--burst`` questions (``--chats`` chats taking turns) queued at once.
   Targets: all answered, 0 lost, 0 duplicated; throughput and p99 round trip printed; the
   bot's peak RSS (VmHWM) <= 150 MB.
2. soak: ``--soak`` more questions, each chat asking again as soon as it is answered. RSS is
   read after the first 10% (warm-up) and at the end: growth <= 10% (no leak).
Prints figures and verdicts; never fails a build.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import bot_bench  # noqa: E402 - the bot process, the driver and the question pools

RSS_TARGET_MB = 150.0
SOAK_GROWTH_TARGET = 0.10


def memory_mb(pid: int) -> tuple[float, float]:
    """(current RSS, peak RSS) of ``pid`` in MB, from /proc; NaN where unknown."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return float("nan"), float("nan")
    values = {}
    for line in status.splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0]) / 1024
    return values.get("VmRSS", float("nan")), values.get("VmHWM", float("nan"))


class CountingRun(bot_bench.Run):
    """A run that also counts messages the bot posted twice (same reply-to, same content)."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.seen: set[tuple] = set()
        self.duplicated = 0

    def on_call(self, call) -> None:
        if call.method in ("sendMessage", "sendPhoto") and call.status == 200:
            reply = call.params.get("reply_parameters") or {}
            key = (call.params.get("chat_id"), reply.get("message_id"), call.method,
                   call.params.get("text") or call.params.get("caption"))
            self.duplicated += key in self.seen
            self.seen.add(key)
        super().on_call(call)


class CountingDriver(bot_bench.Driver):
    duplicated = 0  # over all runs so far

    def _new_run(self, name: str) -> bot_bench.Run:
        run = CountingRun(name)
        run.cpu = {"bot": -bot_bench.cpu_seconds(self.bot_pid), "driver": -bot_bench.cpu_seconds()}
        return run

    async def _finish(self, run: CountingRun) -> None:
        await super()._finish(run)
        self.duplicated += run.duplicated


async def bench(args: argparse.Namespace, db: Path) -> None:
    from tests.chat.fakebotapi import FakeBotAPI

    text_questions, _ = bot_bench.load_questions(db)
    fake = FakeBotAPI()
    await fake.start()
    log = tempfile.NamedTemporaryFile(prefix="tradefacts-load-bench-", suffix=".log", delete=False)
    log.close()
    proc = await bot_bench.start_bot(fake.url, db, log.name, args.concurrency)
    driver = CountingDriver(fake, proc.pid)
    bot_bench.RUN_TIMEOUT = args.timeout
    people = driver.chats(args.chats)

    def plan(total: int, offset: int = 0) -> list[tuple[dict, dict, str]]:
        per_chat = -(-total // args.chats)
        items = [(*people[c], text_questions[(offset + c * per_chat + i) % len(text_questions)])
                 for i in range(per_chat) for c in range(args.chats)]
        return items[:total]

    results = {}
    try:
        await fake.wait_call("setMyCommands", language_code="ru", timeout=bot_bench.BOT_START_TIMEOUT)
        ready_rss, _ = memory_mb(proc.pid)
        burst = await driver.paced(f"burst: {args.burst:,} from {args.chats} chats", plan(args.burst), 1e9)
        results["burst"] = (burst, driver.duplicated, memory_mb(proc.pid))
        if args.soak:
            warm = max(args.chats, args.soak // 10)
            first = await driver.flat_out(f"soak warm-up ({warm:,})", bot_bench.by_chat(plan(warm, 7)))
            warm_rss, _ = memory_mb(proc.pid)
            rest = await driver.flat_out(f"soak ({args.soak - warm:,} more)", bot_bench.by_chat(plan(args.soak - warm, 11)))
            end_rss, peak = memory_mb(proc.pid)
            results["soak"] = (first, rest, warm_rss, end_rss, peak)
    finally:
        await bot_bench.stop_bot(proc)
        await fake.stop()

    print(f"store {db}; bot in its own process, {args.concurrency} updates at once, no rate limiter, no flood control;"
          f" {os.cpu_count()} CPUs")
    print(f"bot RSS when ready: {ready_rss:.0f} MB\n")
    burst, dups, (rss, peak) = results["burst"]
    print(f"{burst['name']}")
    print(f"  answered {burst['answered']:,} of {burst['asked']:,} (target all)   lost {burst['lost']:,} (target 0)"
          f"   duplicated {dups:,} (target 0)")
    print(f"  throughput {burst['answers_per_s']:,.0f} answers/s over {burst['seconds']:.1f} s;"
          f" round trip p50 {burst['p50']:,.0f} ms, p99 {burst['p99']:,.0f} ms (queueing: the whole burst waits at once)")
    print(f"  bot peak RSS {peak:.0f} MB (target <= {RSS_TARGET_MB:.0f} MB): {'met' if peak <= RSS_TARGET_MB else 'NOT met'}")
    if "soak" in results:
        first, rest, warm_rss, end_rss, peak = results["soak"]
        growth = (end_rss - warm_rss) / warm_rss if warm_rss else float("nan")
        total = first["asked"] + rest["asked"]
        answered = first["answered"] + rest["answered"]
        print(f"\nsoak: {total:,} questions, each chat asking again when answered")
        print(f"  answered {answered:,}, lost {total - answered:,}, duplicated {driver.duplicated:,}"
              f"; {rest['answers_per_s']:,.0f} answers/s, p99 {rest['p99']:,.0f} ms")
        print(f"  RSS after warm-up {warm_rss:.1f} MB -> at the end {end_rss:.1f} MB: {growth:+.1%}"
              f" (target <= {SOAK_GROWTH_TARGET:+.0%}): {'met' if growth <= SOAK_GROWTH_TARGET else 'NOT met'};"
              f" peak {peak:.0f} MB")
    lost = burst["lost"] + (results["soak"][0]["lost"] + results["soak"][1]["lost"] if "soak" in results else 0)
    if lost or proc.returncode not in (0, -signal.SIGINT):
        print(f"bot log: {log.name} (exit code {proc.returncode})")
    else:
        os.unlink(log.name)


def main() -> None:
    from bot.chat.concurrency import MAX_CONCURRENT_UPDATES
    from bot.store.build import ensure_store

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", default=os.environ.get("TRADEFACTS_DB")
                    or str(Path(tempfile.gettempdir()) / "tradefacts-bench.sqlite"))
    ap.add_argument("--burst", type=int, default=10_000, help="questions in the burst")
    ap.add_argument("--chats", type=int, default=500, help="chats asking")
    ap.add_argument("--soak", type=int, default=50_000, help="questions in the soak (0: none)")
    ap.add_argument("--concurrency", type=int, default=MAX_CONCURRENT_UPDATES)
    ap.add_argument("--timeout", type=float, default=600.0, help="seconds a run may take before the rest counts as lost")
    args = ap.parse_args()
    db = ensure_store(Path(args.store), ROOT / "data", progress=False)
    asyncio.run(bench(args, db))


if __name__ == "__main__":
    main()
