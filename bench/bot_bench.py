"""Bot benchmark: the real Application with the real engine and the bundled store, driven
through the test suite's fake Bot API server on 127.0.0.1.

    python bench/bot_bench.py [--store PATH] [--chats 50] [--questions 20] [--rates 100 200]

The bot runs in its own process, as in production (long polling, updates of different
chats handled concurrently), with the rate limiter and flood control off and logging set
up as ``tradefacts serve`` does (INFO, token redacted; into a temporary file). This process
runs the fake server and plays the users: group chats asking with ``/ask``, so that every
answer replies to its question and can be timed. Round trip = from queuing the update to
the first sendMessage/sendPhoto of its answer reaching the server.

Runs, each bounded in count and time (whatever is unanswered after RUN_TIMEOUT is "LOST"):

1. text, paced: ``chats x questions`` text questions of tests/engine/questions.yaml (those
   whose answer has no chart), issued at each of ``--rates`` questions/s (open loop):
   messages/s and round-trip p50/p99 at that load.
2. text, flat out: the same, each chat asking again as soon as it is answered: the bot's
   capacity (latency there is queueing: ``chats`` questions are always waiting).
3. charts, paced: ``--chart-chats x --chart-questions`` series questions such as "Mexico
   Russia trade 2007-2016" at ``--chart-rate``/s: round trip with the PNG rendered.

Targets (text): >= 200 messages/s, and p99 <= 50 ms at that load. It prints the figures and
the bot's CPU time per answer; it never fails a build. ``--profile FILE`` runs the bot
under cProfile.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TOKEN = "4242424242:bench-token-never-used-against-telegram"
BOT_START_TIMEOUT = 60.0
RUN_TIMEOUT = 120.0  # per run: whatever is unanswered by then is reported as lost
TEXT_TARGET_MSGS_PER_S = 200
TEXT_TARGET_P99_MS = 50.0
CHART_QUESTIONS = [
    "Mexico Russia trade 2007-2016",
    "Mexico exports to Russia 2010-2016",
    "Chile exports to China 2012-2020",
    "Germany exports to France 2010-2019",
    "Brazil exports to Argentina 2008-2018",
    "Spain exports to Mexico 2007-2015",
]


def cpu_seconds(pid: int | None = None) -> float:
    """CPU time (user + system) of process ``pid`` (this one if None); NaN where unknown."""
    if pid is None:
        return time.process_time()
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return float("nan")


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] if values else float("nan")


# ----- the bot's process ---------------------------------------------------------------------


def run_bot(base_url: str, db: str, log_file: str, concurrency: str) -> None:
    """The bot as ``tradefacts serve`` runs it, minus the rate limiter and flood control."""
    import logging

    from bot.chat.app import ALLOWED_UPDATES, build_application
    from bot.chat.messages import sources_list
    from bot.chat.serve import configure_logging, freeze_startup_heap
    from bot.engine.engine import Engine
    from bot.store.queries import Store

    logging.basicConfig(filename=log_file, level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    configure_logging(TOKEN)
    store = Store.open(Path(db))
    engine = Engine(store)
    engine.ask("Mexico exports to Russia 2016")  # warm caches, as a running bot would have
    engine.ask(CHART_QUESTIONS[0]).chart_png()  # matplotlib imported and its fonts loaded
    coverage = store.coverage()
    app = build_application(engine, TOKEN, base_url=base_url, sources_text=lambda lang: sources_list(coverage, lang),
                            rate_limiter=None, flood_control=False, concurrent_updates=int(concurrency))
    freeze_startup_heap()
    app.run_polling(allowed_updates=ALLOWED_UPDATES)


# ----- this process: the fake server and the users --------------------------------------------


@dataclass
class Run:
    name: str
    asked: dict[tuple[int, int], float] = field(default_factory=dict)  # (chat, message id) -> queued at
    latency_ms: list[float] = field(default_factory=list)
    photo_first: int = 0
    messages: int = 0  # everything the bot sent into the run's chats
    first_at: float = 0.0
    last_at: float = 0.0
    done: asyncio.Event = field(default_factory=asyncio.Event)
    cpu: dict[str, float] = field(default_factory=dict)  # CPU seconds used, "bot" and "driver"
    waiters: dict[int, asyncio.Future] = field(default_factory=dict)  # chat -> next answer (flat out)

    def on_call(self, call) -> None:
        if call.method not in ("sendMessage", "sendPhoto") or call.status != 200:
            return
        chat = call.params.get("chat_id")
        reply = call.params.get("reply_parameters") or {}
        self.messages += 1
        self.last_at = call.at
        t0 = self.asked.pop((chat, reply.get("message_id")), None)
        if t0 is None:
            return  # the second part of a long answer, or not ours
        self.latency_ms.append((call.at - t0) * 1000)
        self.photo_first += call.method == "sendPhoto"
        waiter = self.waiters.pop(chat, None)
        if waiter is not None and not waiter.done():
            waiter.set_result(None)
        if not self.asked:
            self.done.set()

    def report(self, total: int) -> dict:
        answered = len(self.latency_ms)
        seconds = max(self.last_at - self.first_at, 1e-9)
        return {
            "name": self.name, "asked": total, "answered": answered, "lost": total - answered,
            "messages": self.messages, "seconds": seconds, "answers_per_s": answered / seconds,
            "msgs_per_s": self.messages / seconds, "p50": pct(self.latency_ms, 50),
            "p99": pct(self.latency_ms, 99), "mean": statistics.fmean(self.latency_ms) if self.latency_ms else float("nan"),
            "photo_first": self.photo_first,
            "bot_cpu_ms": self.cpu.get("bot", float("nan")) * 1000 / max(answered, 1),
            "driver_cpu_ms": self.cpu.get("driver", float("nan")) * 1000 / max(answered, 1),
        }


class Driver:
    def __init__(self, fake, bot_pid: int | None = None) -> None:
        self.fake = fake
        self.bot_pid = bot_pid
        self.run: Run | None = None
        self.next_chat = 1_000_000_000_001
        fake.listeners.append(self._on_call)

    def _on_call(self, call) -> None:
        if self.run is not None:
            self.run.on_call(call)

    def chats(self, n: int) -> list[tuple[dict, dict]]:
        out = []
        for _ in range(n):
            chat_id, self.next_chat = self.next_chat, self.next_chat + 1
            out.append((self.fake.group_chat(-chat_id), self.fake.user(chat_id % 1_000_000_000)))
        return out

    async def ask(self, run: Run, chat: dict, user: dict, question: str) -> None:
        update = self.fake.text_update(chat, user, f"/ask {question}")
        run.asked[(chat["id"], update["message"]["message_id"])] = time.perf_counter()
        await self.fake.queue(update)

    async def paced(self, name: str, plan: list[tuple[dict, dict, str]], rate: float) -> dict:
        """Ask the questions of ``plan`` at ``rate``/s overall, not waiting for answers."""
        run = self.run = self._new_run(name)
        run.first_at = start = time.perf_counter()
        for i, (chat, user, question) in enumerate(plan):
            delay = start + i / rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            await self.ask(run, chat, user, question)
        await self._finish(run)
        return run.report(len(plan))

    async def flat_out(self, name: str, per_chat: list[tuple[dict, dict, list[str]]]) -> dict:
        """Every chat asks its questions one after the other, each as soon as the last is answered."""
        run = self.run = self._new_run(name)
        loop = asyncio.get_running_loop()

        async def chat_loop(chat: dict, user: dict, questions: list[str]) -> None:
            for question in questions:
                answered = run.waiters[chat["id"]] = loop.create_future()
                await self.ask(run, chat, user, question)
                await answered

        run.first_at = time.perf_counter()
        try:
            await asyncio.wait_for(asyncio.gather(*(chat_loop(*c) for c in per_chat)), RUN_TIMEOUT)
        except TimeoutError:
            pass
        await self._finish(run)
        return run.report(sum(len(q) for _, _, q in per_chat))

    def _new_run(self, name: str) -> Run:
        run = Run(name)
        run.cpu = {"bot": -cpu_seconds(self.bot_pid) if self.bot_pid else float("nan"), "driver": -cpu_seconds()}
        return run

    async def _finish(self, run: Run) -> None:
        deadline = time.perf_counter() + RUN_TIMEOUT
        while run.asked and time.perf_counter() < deadline:
            run.done.clear()
            try:
                await asyncio.wait_for(run.done.wait(), deadline - time.perf_counter())
            except TimeoutError:
                break
        run.cpu["bot"] += cpu_seconds(self.bot_pid) if self.bot_pid else float("nan")
        run.cpu["driver"] += cpu_seconds()
        await asyncio.sleep(0.2)  # the last parts of long answers
        self.run = None


async def start_bot(fake_url: str, db: Path, log_file: str, concurrency: int, profile: str = "") -> asyncio.subprocess.Process:
    """The bot's own process (``run_bot``), polling the fake server at ``fake_url``."""
    return await asyncio.create_subprocess_exec(
        sys.executable, __file__, "--bot-process", fake_url, str(db), log_file, str(concurrency), profile,
        cwd=ROOT, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
    )


async def stop_bot(proc: asyncio.subprocess.Process) -> None:
    """Ctrl-C for the bot (a clean stop, persistence flushed); killed if it takes over 15 s."""
    if proc.returncode is None:
        proc.send_signal(signal.SIGINT)
    try:
        await asyncio.wait_for(proc.wait(), 15)
    except TimeoutError:
        proc.kill()


def by_chat(items: list[tuple[dict, dict, str]]) -> list[tuple[dict, dict, list[str]]]:
    """(chat, user, question) items grouped per chat, in order: the plans of ``flat_out``."""
    chats: dict[int, tuple[dict, dict, list[str]]] = {}
    for chat, user, question in items:
        chats.setdefault(chat["id"], (chat, user, []))[2].append(question)
    return list(chats.values())


def load_questions(db: Path) -> tuple[list[str], list[str]]:
    """Text questions of the table (their answer has no chart) and chart questions."""
    import yaml

    from bot.engine.engine import Engine
    from bot.store.queries import Store

    rows = yaml.safe_load((ROOT / "tests/engine/questions.yaml").read_text(encoding="utf-8"))
    store = Store.open(db)
    engine = Engine(store)
    text = [r["q"] for r in rows if r["q"].strip() and engine.ask(r["q"]).chart is None]
    charts = [q for q in CHART_QUESTIONS if engine.ask(q).chart is not None]
    store.close()
    return text, charts or CHART_QUESTIONS[:1]


def line(r: dict) -> str:
    out = (f"{r['name']:34} {r['answered']:5}/{r['asked']:<5} {r['seconds']:6.2f} s {r['msgs_per_s']:6.0f} msgs/s"
           f"  p50 {r['p50']:6.1f} ms  p99 {r['p99']:7.1f} ms   bot CPU {r['bot_cpu_ms']:4.1f} ms/answer")
    if r["lost"]:
        out += f"   LOST {r['lost']}"
    return out


def verdict(flat: dict, at_target: dict | None) -> str:
    """The targets: >= 200 text messages/s, and p99 <= 50 ms at (at least) that load."""
    parts = [f"capacity {flat['msgs_per_s']:.0f} msgs/s (target >= {TEXT_TARGET_MSGS_PER_S}): "
             + ("met" if flat["msgs_per_s"] >= TEXT_TARGET_MSGS_PER_S else "NOT met")]
    if at_target is None:
        parts.append(f"no paced run at >= {TEXT_TARGET_MSGS_PER_S}/s to judge p99 by")
    else:
        ok = at_target["p99"] <= TEXT_TARGET_P99_MS and not at_target["lost"]
        parts.append(f"p99 at {at_target['rate']:g} q/s {at_target['p99']:.1f} ms (target <= {TEXT_TARGET_P99_MS:.0f} ms): "
                     + ("met" if ok else "NOT met"))
    return "text targets: " + "; ".join(parts)


async def bench(args: argparse.Namespace, db: Path) -> bool:
    from tests.chat.fakebotapi import FakeBotAPI

    text_questions, chart_questions = load_questions(db)
    fake = FakeBotAPI()
    await fake.start()
    log = tempfile.NamedTemporaryFile(prefix="tradefacts-bot-bench-", suffix=".log", delete=False)
    log.close()
    proc = await start_bot(fake.url, db, log.name, args.concurrency, args.profile or "")
    driver = Driver(fake, proc.pid)
    n, q = args.chats, args.questions

    def plan(pool: list[str], chats: int, per_chat: int) -> list[tuple[dict, dict, str]]:
        """Question i of every chat, then question i + 1 of every chat, ...; chats take turns."""
        people = driver.chats(chats)
        return [(*people[c], pool[(c * per_chat + i) % len(pool)]) for i in range(per_chat) for c in range(chats)]

    paced: list[dict] = []
    try:
        await fake.wait_call("setMyCommands", language_code="ru", timeout=BOT_START_TIMEOUT)
        await driver.paced("warm-up", plan(text_questions, 5, 4), 100)
        for rate in args.rates:
            result = await driver.paced(f"text, paced at {rate:g} q/s ({n}x{q})", plan(text_questions, n, q), rate)
            paced.append({**result, "rate": rate})
        flat = await driver.flat_out(f"text, flat out ({n} chats x {q})", by_chat(plan(text_questions, n, q)))
        cn, cq = args.chart_chats, args.chart_questions
        charts = await driver.paced(f"charts, paced at {args.chart_rate:g}/s ({cn}x{cq})",
                                    plan(chart_questions, cn, cq), args.chart_rate)
    finally:
        await stop_bot(proc)
        await fake.stop()

    print(f"store {db}: {len(text_questions)} text questions of the table, {len(chart_questions)} chart questions")
    print(f"bot: own process, long polling the fake Bot API on 127.0.0.1, {args.concurrency} updates at once, "
          "no rate limiter, no flood control")
    print(f"{os.cpu_count()} CPUs; round trip = update queued -> first sendMessage/sendPhoto of its answer received\n")
    for result in [*paced, flat, charts]:
        print(line(result))
    at_target = min((r for r in paced if r["rate"] >= TEXT_TARGET_MSGS_PER_S), key=lambda r: r["rate"], default=None)
    print("\n" + verdict(flat, at_target))
    photos = sum(r["photo_first"] for r in [*paced, flat])
    print(f"chart answers: {charts['photo_first']} of {charts['answered']} came as photos"
          + (f"; {photos} text-run answers came with a chart" if photos else ""))
    lost = sum(r["lost"] for r in [*paced, flat, charts])
    if lost or proc.returncode not in (0, -signal.SIGINT):
        print(f"bot log: {log.name} (exit code {proc.returncode})")
        return False
    os.unlink(log.name)
    return True


def main() -> None:
    if len(sys.argv) == 7 and sys.argv[1] == "--bot-process":
        if not sys.argv[6]:
            run_bot(*sys.argv[2:6])
            return
        import cProfile

        cProfile.run("run_bot(*sys.argv[2:6])", sys.argv[6])
        return
    from bot.chat.concurrency import MAX_CONCURRENT_UPDATES
    from bot.store.build import ensure_store

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", default=os.environ.get("TRADEFACTS_DB")
                    or str(Path(tempfile.gettempdir()) / "tradefacts-bench.sqlite"))
    ap.add_argument("--chats", type=int, default=50)
    ap.add_argument("--questions", type=int, default=20, help="questions per chat")
    ap.add_argument("--rates", type=float, nargs="+", default=[100.0, 200.0],
                    help="text questions per second of the paced runs (one run each)")
    ap.add_argument("--chart-chats", type=int, default=10)
    ap.add_argument("--chart-questions", type=int, default=3, help="chart questions per chat")
    ap.add_argument("--chart-rate", type=float, default=10.0, help="chart questions per second")
    ap.add_argument("--concurrency", type=int, default=MAX_CONCURRENT_UPDATES, help="updates the bot handles at once")
    ap.add_argument("--profile", metavar="FILE", help="profile the bot's process (cProfile) into FILE")
    args = ap.parse_args()
    db = ensure_store(Path(args.store), ROOT / "data", progress=False)
    asyncio.run(bench(args, db))


if __name__ == "__main__":
    main()
