"""Performance at full scale (issue #6): one script, one table of figures, targets and ratios.

    .venv/bin/python bench/run_all.py                      # full scale (long: see below)
    .venv/bin/python bench/run_all.py --rows 2000000 --product-rows 10000000 --queries 300   # quick
    .venv/bin/python bench/run_all.py --parts cold,engine  # only some parts

Runs from a fresh clone after ``make test`` (``make demo`` lacks pyyaml/aiohttp, which the
engine and bot parts need: those parts then say they were skipped). Everything it writes goes
to a temporary folder that is deleted at the end (``--keep DIR`` keeps the big store and the
generated layout for a later ``--query-store DIR/scale.sqlite``).

1. import: a BACI-layout year file of ``--rows`` rows (default 20 million; random values in
   the published layout, generated here and deleted: a benchmark volume, never data) through
   ``tradefacts data import baci`` into a copy of the bundled store, next to the ``sqlite3``
   shell's ``.import`` of the same file into a bare table (when the shell is missing, Python's
   csv + executemany is the floor, and the table says so). Peak RSS of the import process.
2. queries: the same store grown to ``--product-rows`` product rows (default 100 million) by
   importing more years, each through ``tradefacts data import baci``; then ``--queries``
   look-ups of each product shape (top products of a pair-year, one product across years, a
   reporter's partners for one product) and each totals shape, through the Store API the
   engine calls. p50/p99 against the targets (50 ms, 5 ms) and the raw SQL floor.
3. engine: bench/engine_bench.py's question table (p50/p99 per stage vs the SQL floor), on
   the bundled store and on the big store.
4. cold start: ``tradefacts ask "Mexico exports to Russia 2016"`` from process start to the
   printed answer (median of ``--cold-runs``), and ``tradefacts serve`` from process start to
   its first getUpdates (ready) against the fake Bot API server of the tests.
5. size: store bytes per product row after the import, against 3x the gzip of its CSV.

Each part prints how long it took; the table shows the scale actually measured next to the
target's scale. Nothing is extrapolated. Timings on a shared 2-core machine vary: figures are
medians or percentiles of many runs, never pass/fail (no test depends on them).
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import os
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))  # the other benchmarks' parts

FULL_ROWS = 20_000_000
FULL_PRODUCT_ROWS = 100_000_000
VERSION = "V202401"
CODES_NAME = f"country_codes_{VERSION}.csv"
FIRST_YEAR = 2016  # the import file's year; more years go backwards from it
QUESTION = "Mexico exports to Russia 2016"
TOKEN = "4242424242:run-all-bench-token-never-sent-to-telegram"


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value.replace("_", "")) if value else default


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] if values else float("nan")


def ms(x: float) -> str:
    return f"{x:.3f}" if x < 1 else f"{x:.2f}"


def tradefacts_cmd() -> list[str]:
    """The installed console script if there is one (what users run), else ``python -m bot``."""
    script = Path(sys.executable).with_name("tradefacts")
    return [str(script)] if script.exists() else [sys.executable, "-m", "bot"]


# --- the table ----------------------------------------------------------------------------------
@dataclass
class Row:
    part: str
    figure: str
    measured: str
    target: str = ""
    ratio: float | None = None  # measured / target bound (or importer / .import)
    ok: bool | None = None
    scale: str = ""


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    timings: list[tuple[str, float]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, *args, **kw) -> None:
        self.rows.append(Row(*args, **kw))

    def print(self) -> None:
        print("\ntradefacts performance (bench/run_all.py)\n")
        head = f"{'part':8} {'figure':48} {'measured':>16} {'target':>18} {'ratio':>7} {'ok':>4}  scale measured"
        print(head)
        print("-" * len(head))
        for r in self.rows:
            ratio = f"{r.ratio:7.2f}" if r.ratio is not None else f"{'':7}"
            ok = {True: "yes", False: "NO", None: ""}[r.ok]
            print(f"{r.part:8} {r.figure:48} {r.measured:>16} {r.target:>18} {ratio} {ok:>4}  {r.scale}")
        print("\ntime per part: " + "; ".join(f"{name} {secs:.0f} s" for name, secs in self.timings))
        for note in self.notes:
            print(f"note: {note}")


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# --- the generated BACI layout ----------------------------------------------------------------------
class BaciLayout:
    """Which (exporter, importer, product) rows a year file has: about 200 x 200 countries and
    5,000 HS6 products, heavy-tailed pair sizes (a pair-year holds at most every product, as in
    BACI), sorted by exporter, importer, product like CEPII's files. Deterministic for a
    (rows, seed); every year has the same rows with new random values."""

    def __init__(self, rows: int, seed: int = 2016):
        import numpy as np

        self.rng = np.random.default_rng(seed)
        rng = self.rng
        from import_bench import baci_countries

        countries = baci_countries()
        import random

        random.Random(seed).shuffle(countries)
        major = {"MEX", "RUS", "USA", "CHN", "DEU", "BRA", "FRA", "GBR", "JPN", "IND", "CHL", "ESP", "GTM", "ARG"}
        keep = [c for c in countries if c[1] in major]
        keep += [c for c in countries if c[1] not in major][:200 - len(keep)]
        self.countries = sorted(keep)
        self.iso = {num: iso3 for num, iso3, _ in self.countries}
        with open(ROOT / "data" / "hs_codes_datahub.csv", encoding="utf-8", newline="") as f:
            products = sorted(r["hscode"] for r in csv.DictReader(f) if r["level"] == "6")[:5000]
        self.products = products
        product_ints = np.array([int(p) for p in products])
        logp = np.log(rng.pareto(1.2, len(products)) + 1)
        codes = np.array([c for c, _, _ in self.countries])
        ii, jj = np.meshgrid(codes, codes, indexing="ij")
        pairs = np.stack([ii.ravel(), jj.ravel()], axis=1)
        pairs = pairs[pairs[:, 0] != pairs[:, 1]]
        if rows > len(pairs) * len(products):
            raise SystemExit(f"--rows {rows:,} is more than {len(pairs):,} pairs x {len(products):,} products")
        weights = rng.lognormal(0, 1.6, len(pairs))
        per_pair = np.minimum(np.floor(weights / weights.sum() * rows).astype(np.int64), len(products))
        while per_pair.sum() < rows:  # top up to exactly `rows`
            room = np.flatnonzero(per_pair < len(products))
            add = rng.choice(room, min(rows - int(per_pair.sum()), len(room)), replace=False)
            per_pair[add] += 1
        keep_pairs = per_pair > 0
        pairs, per_pair = pairs[keep_pairs], per_pair[keep_pairs]
        self.i = np.repeat(pairs[:, 0], per_pair).astype(np.int32)
        self.j = np.repeat(pairs[:, 1], per_pair).astype(np.int32)
        k = np.empty(rows, dtype=np.int32)
        at = 0
        for m in per_pair:  # m products per pair, popular ones more likely (Gumbel top-m)
            keys = logp + rng.gumbel(size=len(products))
            chosen = np.sort(np.argpartition(-keys, m - 1)[:m]) if m < len(products) else np.arange(len(products))
            k[at:at + m] = product_ints[chosen]
            at += m
        self.k = k
        self.rows = rows
        self.biggest_pair = (self.iso[int(pairs[per_pair.argmax(), 0])], self.iso[int(pairs[per_pair.argmax(), 1])],
                             int(per_pair.max()))

    def write_codes(self, folder: Path) -> Path:
        path = folder / CODES_NAME
        with open(path, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["country_code", "country_name", "country_iso2", "country_iso3"])
            w.writerows([(num, name, "", iso3) for num, iso3, name in self.countries])
        return path

    def write_year(self, folder: Path, year: int, chunk: int = 2_000_000) -> Path:
        import numpy as np
        import pandas as pd

        rng = np.random.default_rng(year)
        path = folder / f"BACI_HS17_Y{year}_{VERSION}.csv"
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write("t,i,j,k,v,q\n")
            for s in range(0, self.rows, chunk):
                e = min(self.rows, s + chunk)
                n = e - s
                v = np.maximum(np.round(rng.lognormal(2.0, 2.5, n), 3), 0.001)
                q = np.round(rng.lognormal(1.0, 2.5, n), 3)
                q[rng.random(n) < 0.08] = np.nan
                frame = pd.DataFrame({"t": year, "i": self.i[s:e], "j": self.j[s:e], "k": self.k[s:e], "v": v, "q": q})
                frame.to_csv(f, index=False, header=False, float_format="%.3f", na_rep="", lineterminator="\n")
        return path

    def sample(self, n: int, seed: int = 7) -> list[tuple[str, str, str]]:
        """n (exporter ISO3, importer ISO3, HS6) keys of real rows, drawn by row (big pairs often)."""
        import numpy as np

        at = np.random.default_rng(seed).integers(0, self.rows, n)
        return [(self.iso[int(self.i[x])], self.iso[int(self.j[x])], f"{int(self.k[x]):06d}") for x in at]


# --- child processes --------------------------------------------------------------------------------
def vm_hwm_mb() -> float:
    """This process's own peak RSS (VmHWM): unlike ru_maxrss of a child it does not carry the
    parent's peak over the fork."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def rss_child(out: str, argv: list[str]) -> int:
    """``tradefacts ARGV`` in this process (the console script's own ``main``), then its peak RSS."""
    from bot.cli import main

    start = time.perf_counter()
    code = main(argv)
    Path(out).write_text(json.dumps({"code": code, "seconds": time.perf_counter() - start, "rss_mb": vm_hwm_mb()}))
    return code


def run_tradefacts_measured(argv: list[str], folder: Path) -> dict:
    out = folder / "child.json"
    out.unlink(missing_ok=True)
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, __file__, "--rss-child", str(out), "--", *argv],
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True)
    wall = time.perf_counter() - t
    if proc.returncode != 0 or not out.exists():
        raise SystemExit(f"tradefacts {' '.join(argv)} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    result = json.loads(out.read_text())
    result["wall"] = wall
    result["stdout"] = proc.stdout
    return result


def trade_rows(store: Path, product: bool = True) -> int:
    conn = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT sum(c.rows) FROM source_coverage c JOIN sources s ON s.id = c.source_id"
                           " WHERE c.tbl = 'trade' AND s.kind " + ("=" if product else "!=") + " 'product_trade'").fetchone()
        return int(row[0] or 0)
    finally:
        conn.close()


# --- part 1: import ------------------------------------------------------------------------------
def sqlite_floor(data: Path, folder: Path) -> tuple[float, str]:
    """Seconds for the bare-table floor, and what the floor was."""
    bare = folder / "bare.sqlite"
    bare.unlink(missing_ok=True)
    shell = shutil.which("sqlite3")
    start = time.perf_counter()
    if shell:
        subprocess.run([shell, str(bare), f".import --csv {data} baci"], check=True)
        what = "sqlite3 shell .import"
    else:
        conn = sqlite3.connect(bare)
        with open(data, newline="") as f:
            reader = csv.reader(f)
            next(reader)
            conn.execute("CREATE TABLE baci(t, i, j, k, v, q)")
            conn.executemany("INSERT INTO baci VALUES (?,?,?,?,?,?)", reader)
        conn.commit()
        conn.close()
        what = "Python csv + executemany (no sqlite3 shell on this machine)"
    seconds = time.perf_counter() - start
    bare.unlink()
    return seconds, what


def gzip_bytes(path: Path) -> int:
    """Size of the file gzip-compressed at the default level (what `gzip FILE` writes)."""
    comp = zlib.compressobj(6, zlib.DEFLATED, 31)
    size = 0
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(8 << 20), b""):
            size += len(comp.compress(chunk))
    return size + len(comp.flush())


# --- part 2: queries --------------------------------------------------------------------------------
def time_calls(fn, args_list: list[tuple]) -> tuple[list[float], int]:
    """ms per call, and how many calls returned something."""
    out, hits = [], 0
    for args in args_list:
        t = time.perf_counter()
        res = fn(*args)
        out.append((time.perf_counter() - t) * 1000)
        hits += bool(res)
    return out, hits


def query_part(store_path: Path, layout: BaciLayout, years: list[int], n: int, report: Report, scale: str) -> None:
    import random

    from bot.store.queries import Store

    store = Store.open(store_path)
    store.conn.execute("PRAGMA cache_size=-64000")  # what a long-running reader would have warm
    rnd = random.Random(11)
    keys = layout.sample(n)
    big = layout.biggest_pair
    product_shapes = [
        ("top 10 products of a pair-year", lambda r, p, k, y: store.products_ranked(r, p, y, "export", limit=10)),
        ("one product across years", lambda r, p, k, y: store.trade_series(r, p, "export", product=k)),
        ("a reporter's partners for one product", lambda r, p, k, y: store.partners_ranked(r, y, "export", product=k, limit=10)),
    ]
    dots = [code for (code,) in store.conn.execute(
        "SELECT DISTINCT reporter FROM trade INDEXED BY trade_by_reporter WHERE reporter IN"
        f" ({','.join('?' * len(layout.iso))}) AND year = 2016 AND flow = 'export' AND product = 'TOTAL'"
        " AND source_id = 'imf_dots'", list(layout.iso.values()))]
    pairs = [(rnd.choice(dots), rnd.choice(dots), rnd.randint(1995, 2020)) for _ in range(n)]
    pairs = [(a, b, y) for a, b, y in pairs if a != b] or [("MEX", "RUS", 2016)]
    totals_shapes = [
        ("total, one pair-year (+ mirror)", lambda a, b, y: store.trade_value(a, b, y, "export") + store.mirror_value(a, b, y, "export")),
        ("total across all years", lambda a, b, y: store.trade_series(a, b, "export")),
        ("world total across years", lambda a, b, y: store.world_total(a, "export")),
        ("a reporter's partners ranked", lambda a, b, y: store.partners_ranked(a, y, "export")),
        ("years with totals for a reporter", lambda a, b, y: store.trade_years(a)),
    ]
    floor, _ = time_calls(lambda a, b, y: store.conn.execute(
        "SELECT value_usd FROM trade WHERE reporter=? AND partner=? AND year=? AND flow='export' AND product='TOTAL'",
        (a, b, y)).fetchall(), pairs)
    for name, fn in product_shapes:
        fn(*keys[0], years[0])  # warm
        args = [(r, p, k, rnd.choice(years)) for r, p, k in keys]
        if name.startswith("top"):  # and the worst case: the pair with the most products
            args[: max(1, n // 20)] = [(big[0], big[1], keys[0][2], y) for y in years][: max(1, n // 20)]
        t, hits = time_calls(fn, args)
        report.add("queries", f"{name}: p50 / p99", f"{ms(pct(t, 50))} / {ms(pct(t, 99))} ms", "p99 <= 50 ms",
                   pct(t, 99) / 50, pct(t, 99) <= 50, f"{scale}; {len(t)} calls, {hits} found")
    for name, fn in totals_shapes:
        fn(*pairs[0])
        t, hits = time_calls(fn, pairs)
        report.add("queries", f"{name}: p50 / p99", f"{ms(pct(t, 50))} / {ms(pct(t, 99))} ms", "p99 <= 5 ms",
                   pct(t, 99) / 5, pct(t, 99) <= 5, f"{scale}; {len(t)} calls, {hits} found")
    report.add("queries", "raw SQL floor (one total): p50 / p99", f"{ms(pct(floor, 50))} / {ms(pct(floor, 99))} ms",
               "floor", scale=scale)
    store.close()


# --- part 3: engine ---------------------------------------------------------------------------------
def engine_part(store_path: Path, label: str, rounds: int, report: Report) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    import engine_bench

    n, rows = engine_bench.measure(store_path, rounds)
    floor = rows[-1][1]
    for stage, p50, p99, target in rows:
        ratio, ok = None, None
        if target.startswith("p99"):
            ratio, ok = p99 / 10, p99 <= 10
        elif target.startswith("median"):
            ratio, ok = p50 / 50, p50 <= 50
        report.add("engine", f"{stage}: p50 / p99", f"{ms(p50)} / {ms(p99)} ms", target or f"{p50 / floor:.0f}x SQL floor",
                   ratio, ok, f"{label}; {n} questions x {rounds}")


# --- part 4: cold start ---------------------------------------------------------------------------
def cold_ask(store: Path, runs: int) -> list[float]:
    """Seconds from process start to the answer's first line on stdout."""
    out = []
    env = {**os.environ}
    env.pop("TELEGRAM_BOT_TOKEN", None)
    for _ in range(runs):
        t = time.perf_counter()
        proc = subprocess.Popen([*tradefacts_cmd(), "--db", str(store), "ask", QUESTION], stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, env=env)
        first = proc.stdout.readline()
        out.append(time.perf_counter() - t)
        proc.communicate()
        if not first.strip() or proc.returncode != 0:
            raise SystemExit(f"tradefacts ask failed ({proc.returncode}): {first!r}")
    return out


async def _bot_start(store: Path, folder: Path, runs: int) -> tuple[list[float], list[float]]:
    from tests.chat.fakebotapi import FakeBotAPI

    class Timed(FakeBotAPI):
        ready_at: float | None = None

        async def _m_getUpdates(self, params, files):
            if self.ready_at is None:
                self.ready_at = time.perf_counter()
            return await super()._m_getUpdates(params, files)

    ready, first_answer = [], []
    for r in range(runs):
        fake = Timed()
        await fake.start()
        env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN}
        t = time.perf_counter()
        proc = await asyncio.create_subprocess_exec(
            *tradefacts_cmd(), "--db", str(store), "serve", "--api-base-url", fake.url,
            "--persistence", str(folder / f"bot-state-{r}.pickle"), env=env,
            stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL)
        try:
            deadline = t + 60
            while fake.ready_at is None and time.perf_counter() < deadline and proc.returncode is None:
                await asyncio.sleep(0.005)
            if fake.ready_at is None:
                raise SystemExit("the bot did not start polling within 60 s")
            ready.append(fake.ready_at - t)
            chat, user = fake.private_chat(555), fake.user(555)
            asked = time.perf_counter()
            await fake.send(chat, user, QUESTION)
            await fake.wait_call("sendMessage", chat_id=555, timeout=30)
            first_answer.append(time.perf_counter() - asked)
        finally:
            if proc.returncode is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    await asyncio.wait_for(proc.wait(), 20)
                except TimeoutError:
                    proc.kill()
                    await proc.wait()
            await fake.stop()
    return ready, first_answer


# --- main ------------------------------------------------------------------------------------------
def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--rows", type=int, default=env_int("TRADEFACTS_BENCH_ROWS", FULL_ROWS),
                   help=f"rows of the import file (default {FULL_ROWS:,}; env TRADEFACTS_BENCH_ROWS)")
    p.add_argument("--product-rows", type=int, default=env_int("TRADEFACTS_BENCH_PRODUCT_ROWS", FULL_PRODUCT_ROWS),
                   help=f"product rows of the query store (default {FULL_PRODUCT_ROWS:,}; env TRADEFACTS_BENCH_PRODUCT_ROWS)")
    p.add_argument("--queries", type=int, default=1000, help="look-ups per query shape")
    p.add_argument("--rounds", type=int, default=3, help="rounds of the question table")
    p.add_argument("--cold-runs", type=int, default=7, help="runs of each cold start")
    p.add_argument("--parts", default="import,queries,engine,cold,size")
    p.add_argument("--bundled", type=Path, help="an existing bundled store to copy (default: built here)")
    p.add_argument("--query-store", type=Path, help="a big store kept by an earlier --keep (skips building it)")
    p.add_argument("--keep", type=Path, help="keep the big store and its layout in this folder")
    if sys.argv[1:2] == ["--rss-child"]:  # run_all.py --rss-child OUT -- TRADEFACTS-ARGS...
        return rss_child(sys.argv[2], sys.argv[4:])
    args = p.parse_args()
    parts = {x.strip() for x in args.parts.split(",") if x.strip()}
    report = Report()
    started = time.perf_counter()
    tmp = tempfile.mkdtemp(prefix="tradefacts-run-all-", dir=os.environ.get("TRADEFACTS_BENCH_TMP"))
    folder = Path(tmp)
    try:
        run(args, parts, folder, report)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    report.timings.append(("total", time.perf_counter() - started))
    report.print()
    return 0


def run(args, parts: set[str], folder: Path, report: Report) -> None:
    # the bundled store (every part starts from it)
    t = time.perf_counter()
    bundled = folder / "bundled.sqlite"
    if args.bundled:
        shutil.copyfile(args.bundled, bundled)
    else:
        log("building the bundled store from data/")
        subprocess.run([*tradefacts_cmd(), "--db", str(bundled), "data", "build", "--quiet"], check=True,
                       stdout=subprocess.DEVNULL)
    report.timings.append(("bundled store", time.perf_counter() - t))
    big = args.query_store
    layout: BaciLayout | None = None
    years: list[int] = []
    need_big = bool(parts & {"queries"}) or ("engine" in parts and big is not None)

    if "import" in parts or "size" in parts or (need_big and big is None):
        t = time.perf_counter()
        log(f"generating the BACI layout: {args.rows:,} rows per year")
        layout = BaciLayout(args.rows)
        codes = layout.write_codes(folder)
        data = layout.write_year(folder, FIRST_YEAR)
        csv_bytes = data.stat().st_size
        log(f"generated {data.name}: {csv_bytes / 1e6:,.0f} MB in {time.perf_counter() - t:.0f} s")
        scale = f"{args.rows:,} rows, {csv_bytes / 1e6:,.0f} MB CSV"
        if args.rows != FULL_ROWS:
            scale += f" (target scale {FULL_ROWS:,})"
        floor_s, floor_what = sqlite_floor(data, folder) if "import" in parts else (None, "")
        store = folder / "scale.sqlite"
        shutil.copyfile(bundled, store)
        log("importing through tradefacts data import baci")
        res = run_tradefacts_measured(["--db", str(store), "data", "import", "baci", str(codes), str(data), "--quiet"], folder)
        rows = trade_rows(store)
        years.append(FIRST_YEAR)
        if "import" in parts:
            ours = rows / res["wall"]
            bare = args.rows / floor_s
            report.add("import", f"floor: {floor_what}", f"{bare:,.0f} rows/s", scale=f"{scale}; {floor_s:.1f} s")
            report.add("import", "tradefacts data import baci (key + index)", f"{ours:,.0f} rows/s", ">= 0.5x floor",
                       ours / bare, ours / bare >= 0.5, f"{rows:,} rows in {res['wall']:.1f} s (process start to exit)")
            report.add("import", "peak RSS of the import process", f"{res['rss_mb']:,.0f} MB", "<= 1024 MB",
                       res["rss_mb"] / 1024, res["rss_mb"] <= 1024, scale)
        if "size" in parts:
            gz = gzip_bytes(data)
            added = store.stat().st_size - bundled.stat().st_size
            per_row, gz_row = added / rows, gz / args.rows
            report.add("size", "store bytes per product row", f"{per_row:.1f} B", f"<= 3 x gzip = {3 * gz_row:.1f} B",
                       per_row / (3 * gz_row), per_row <= 3 * gz_row, f"{rows:,} rows; gzip CSV {gz_row:.1f} B/row")
        report.timings.append(("import" if "import" in parts else "first year", time.perf_counter() - t))
        data.unlink()
        if need_big and big is None:
            big = store

    if "queries" in parts:
        t = time.perf_counter()
        if args.query_store:
            meta = json.loads((args.query_store.parent / "scale.json").read_text())
            layout, years = BaciLayout(meta["rows"]), meta["years"]
        else:
            year = FIRST_YEAR
            while trade_rows(big) < args.product_rows:
                year -= 1
                ty = time.perf_counter()
                data = layout.write_year(folder, year)
                gen = time.perf_counter() - ty
                res = run_tradefacts_measured(["--db", str(big), "data", "import", "baci", str(codes), str(data), "--quiet"], folder)
                data.unlink()
                years.append(year)
                held = trade_rows(big)
                log(f"year {year}: generated in {gen:.0f} s, imported in {res['seconds']:.0f} s"
                    f" ({args.rows / res['seconds']:,.0f} rows/s, peak RSS {res['rss_mb']:.0f} MB); store holds {held:,} product rows")
                report.notes.append(f"import of year {year} into a store of {held - args.rows:,} product rows:"
                                    f" {args.rows / res['seconds']:,.0f} rows/s, peak RSS {res['rss_mb']:.0f} MB")
            if args.keep:
                args.keep.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(big, args.keep / "scale.sqlite")
                (args.keep / "scale.json").write_text(json.dumps({"rows": args.rows, "years": years}))
        held = trade_rows(big)
        size = big.stat().st_size
        scale = f"{held:,} product rows, {size / 1e9:.1f} GB"
        if held < FULL_PRODUCT_ROWS:
            scale += f" (target scale {FULL_PRODUCT_ROWS:,})"
        report.timings.append(("build big store", time.perf_counter() - t))
        t = time.perf_counter()
        log(f"queries on {scale}")
        query_part(big, layout, years, args.queries, report, scale)
        report.add("size", "big store bytes per row (whole file)",
                   f"{size / (held + trade_rows(big, product=False)):.1f} B", scale=scale)
        report.timings.append(("queries", time.perf_counter() - t))

    if "engine" in parts:
        t = time.perf_counter()
        try:
            import yaml  # noqa: F401
        except ImportError:
            report.notes.append("engine part skipped: pyyaml missing (run `make test` to install the test extras)")
        else:
            log("engine question table, bundled store")
            engine_part(bundled, "bundled store", args.rounds, report)
            if big is not None and big.exists():
                log("engine question table, big store")
                engine_part(big, f"bundled + {trade_rows(big):,} product rows", args.rounds, report)
        report.timings.append(("engine", time.perf_counter() - t))

    if "cold" in parts:
        t = time.perf_counter()
        stores = [("bundled store", bundled)] + ([("big store", big)] if big is not None and big.exists() else [])
        for label, path in stores:
            log(f"cold start, {label}")
            secs = cold_ask(path, args.cold_runs)
            med = statistics.median(secs)
            report.add("cold", f"ask \"{QUESTION}\": median", f"{med:.2f} s", "<= 1.5 s", med / 1.5, med <= 1.5,
                       f"{label}; {len(secs)} runs, max {max(secs):.2f} s")
        try:
            import aiohttp  # noqa: F401
        except ImportError:
            report.notes.append("bot start skipped: aiohttp missing (run `make test` to install the test extras)")
        else:
            log("bot start against the fake Bot API server")
            ready, answer = asyncio.run(_bot_start(bundled, folder, max(3, args.cold_runs // 2)))
            med = statistics.median(ready)
            report.add("cold", "bot start to ready (first getUpdates): median", f"{med:.2f} s", "<= 2 s", med / 2,
                       med <= 2, f"bundled store; {len(ready)} runs, max {max(ready):.2f} s")
            report.add("cold", "then first answer to a private question: median", f"{statistics.median(answer) * 1000:.0f} ms",
                       scale=f"{len(answer)} runs")
        report.timings.append(("cold start", time.perf_counter() - t))


if __name__ == "__main__":
    sys.exit(main())
