"""BACI import benchmark: tradefacts' importer against the sqlite3 shell's ``.import``.

    python bench/import_bench.py [--rows 2000000] [--repeat 3] [--engines pandas,python]

1. Generates a CSV in the BACI layout (``t,i,j,k,v,q``; about 200 exporters x 200
   importers x 5,000 HS6 products, heavy-tailed pair sizes, values with 3 decimals, q blank
   for about 8% of rows, sorted by exporter, importer, product like CEPII's files) plus the
   release's ``country_codes`` companion, in a temporary folder deleted afterwards (never in
   data/ or the bundled store). The values are random, not data.
2. Imports it with ``bot.store.ingest.import_files`` (the real ``tradefacts data import
   baci`` path: one transaction, the store's primary key and index) into a fresh small store,
   in a child process whose peak RSS is reported.
3. Times ``sqlite3 FILE ".import --csv CSV baci"`` into a bare table (no key, no index).
4. For context, times the sqlite3 shell doing the whole job in C: ``.import`` into a
   staging table, then ``INSERT INTO trade SELECT ... ORDER BY key`` (index rebuilt after),
   i.e. what the schema costs without any Python.
5. Reports store bytes per imported row and the median of 1,000 pair-year look-ups.

Figures and ratios only, no pass/fail (timings on shared machines vary: medians are shown).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SQLITE3 = shutil.which("sqlite3") or "/usr/bin/sqlite3"
YEAR = 2016
DATA_NAME = f"BACI_HS17_Y{YEAR}_V202401.csv"
CODES_NAME = "country_codes_V202401.csv"
COMTRADE_OWN = {840: 842, 250: 251, 356: 699, 756: 757, 578: 579}  # ISO numeric -> the code BACI uses


# --- the data ------------------------------------------------------------------------------------
def baci_countries() -> list[tuple[int, str, str]]:
    """(BACI numeric code, ISO3, name) of every country in the bundled code table."""
    import csv

    countries = []
    with open(ROOT / "data" / "country_codes_datahub.csv", encoding="utf-8-sig", newline="") as f:
        for r in csv.DictReader(f):
            num, iso3 = r["ISO3166-1-numeric"].strip(), r["ISO3166-1-Alpha-3"].strip()
            if num.isdigit() and len(iso3) == 3:
                countries.append((COMTRADE_OWN.get(int(num), int(num)), iso3, r["CLDR display name"] or iso3))
    return countries


def generate(folder: Path, rows: int, seed: int = 2016) -> Path:
    import csv

    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)
    countries = baci_countries()
    random.Random(seed).shuffle(countries)
    countries = sorted(countries[:200])
    with open(folder / CODES_NAME, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["country_code", "country_name", "country_iso2", "country_iso3"])
        w.writerows([(num, name, "", iso3) for num, iso3, name in countries])
    with open(ROOT / "data" / "hs_codes_datahub.csv", encoding="utf-8", newline="") as f:
        products = sorted(r["hscode"] for r in csv.DictReader(f) if r["level"] == "6")[:5000]
    product_ints = np.array([int(p) for p in products])
    popularity = rng.pareto(1.2, len(products)) + 1
    popularity /= popularity.sum()
    codes = np.array([c for c, _, _ in countries])
    ii, jj = np.meshgrid(codes, codes, indexing="ij")
    pairs = np.stack([ii.ravel(), jj.ravel()], axis=1)
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    weights = rng.lognormal(0, 1.6, len(pairs))
    per_pair = np.minimum(np.floor(weights / weights.sum() * rows).astype(int), len(products))
    while per_pair.sum() < rows:  # top up to exactly `rows`
        room = np.flatnonzero(per_pair < len(products))
        add = rng.choice(room, min(rows - per_pair.sum(), len(room)), replace=False)
        per_pair[add] += 1
    parts_i, parts_j, parts_k = [], [], []
    for (i, j), m in zip(pairs, per_pair):
        if m:
            chosen = np.sort(rng.choice(len(products), m, replace=False, p=popularity))
            parts_i.append(np.full(m, i))
            parts_j.append(np.full(m, j))
            parts_k.append(product_ints[chosen])
    k = np.concatenate(parts_k)
    n = len(k)
    v = np.maximum(np.round(rng.lognormal(2.0, 2.5, n), 3), 0.001)
    q = np.round(rng.lognormal(1.0, 2.5, n), 3)
    q[rng.random(n) < 0.08] = np.nan
    frame = pd.DataFrame({"t": YEAR, "i": np.concatenate(parts_i), "j": np.concatenate(parts_j), "k": k, "v": v, "q": q})
    path = folder / DATA_NAME
    frame.to_csv(path, index=False, float_format="%.3f", na_rep="", lineterminator="\n")
    return path


def small_store(path: Path) -> Path:
    from bot.store import db
    from bot.store.importers import countries, hs

    conn = db.connect_rw(path)
    with db.transaction(conn):
        countries.load_datahub(conn, ROOT / "data" / "country_codes_datahub.csv")
        hs.load_codes(conn, ROOT / "data" / "hs_codes_datahub.csv")
        db.refresh_coverage(conn)
    conn.close()
    return path


# --- the runs ------------------------------------------------------------------------------------
def child_import(store: str, csv_path: str) -> None:
    """Runs in a child process: the import exactly as `tradefacts data import baci` does it."""
    from bot.store.ingest import import_files

    start = time.perf_counter()
    reports = import_files(Path(store), "baci", [Path(csv_path)], progress=False, log=lambda s: None)
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "rows": reports[-1].rows, "rss_mb": peak_rss_mb(),
                      "summary": reports[-1].summary()}))


def peak_rss_mb() -> float:
    """This process's peak RSS. VmHWM belongs to the process's own memory map; ru_maxrss is not
    used when VmHWM exists because Linux carries the parent's peak into a spawned child's."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_import(template: Path, folder: Path, data: Path, engine: str) -> dict:
    store = folder / f"store-{engine}.sqlite"
    shutil.copyfile(template, store)
    env = {**os.environ, "TRADEFACTS_BACI_ENGINE": engine, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, __file__, "--child-import", str(store), str(data)], env=env,
                         capture_output=True, text=True, check=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["store"] = store
    result["added_bytes"] = store.stat().st_size - template.stat().st_size
    return result


def run_sqlite_import(folder: Path, data: Path) -> float:
    db_path = folder / "bare.sqlite"
    db_path.unlink(missing_ok=True)
    start = time.perf_counter()
    subprocess.run([SQLITE3, str(db_path), f".import --csv {data} baci"], check=True)
    seconds = time.perf_counter() - start
    (count,) = sqlite3.connect(db_path).execute("SELECT count(*) FROM baci").fetchone()
    db_path.unlink()
    return seconds if count else float("nan")


def run_sqlite_into_schema(template: Path, folder: Path, data: Path) -> float:
    """The whole job in the sqlite3 shell, no Python: staging .import, map codes, sorted insert."""
    store = folder / "store-shell.sqlite"
    shutil.copyfile(template, store)
    script = f"""
CREATE TEMP TABLE stage(t INTEGER, i INTEGER, j INTEGER, k INTEGER, v REAL, q REAL);
.import --csv --skip 1 {data} stage
CREATE TEMP TABLE codes(code INTEGER, name TEXT, iso2 TEXT, iso3 TEXT);
.import --csv --skip 1 {data.parent / CODES_NAME} codes
BEGIN;
DROP INDEX trade_by_reporter;
INSERT INTO trade(reporter, partner, year, flow, product, source_id, value_usd, quantity)
  SELECT a.iso3, b.iso3, s.t, 'export', printf('%06d', s.k), 'baci_hs17', round(s.v * 100000) / 100.0, nullif(s.q, '')
  FROM stage s JOIN codes a ON a.code = s.i JOIN codes b ON b.code = s.j ORDER BY 1, 2, 5;
CREATE INDEX trade_by_reporter ON trade (reporter, year, flow, product, value_usd) WHERE product = 'TOTAL';
COMMIT;
"""
    start = time.perf_counter()
    subprocess.run([SQLITE3, str(store)], input=script, text=True, check=True)
    seconds = time.perf_counter() - start
    store.unlink()
    return seconds


def lookups(store: Path, n: int = 1000) -> tuple[float, float]:
    """Median ms of n pair-year look-ups: top-10 products of a pair-year, and one figure."""
    from bot.store.queries import Store

    s = Store.open(store)
    try:
        sample = s.conn.execute("SELECT reporter, partner, product FROM trade WHERE source_id = 'baci_hs17'"
                                " ORDER BY random() LIMIT ?", (n,)).fetchall()
        ranked, single = [], []
        for reporter, partner, product in sample:
            t = time.perf_counter()
            s.products_ranked(reporter, partner, YEAR, "export", limit=10)
            ranked.append(time.perf_counter() - t)
            t = time.perf_counter()
            s.trade_value(reporter, partner, YEAR, "export", product)
            single.append(time.perf_counter() - t)
        return statistics.median(ranked) * 1000, statistics.median(single) * 1000
    finally:
        s.close()


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--rows", type=int, default=2_000_000)
    p.add_argument("--repeat", type=int, default=3, help="runs of each timing (the median is shown)")
    p.add_argument("--engines", default="pandas,python", help="importer readers to time (pandas, python)")
    p.add_argument("--no-shell-schema", action="store_true", help="skip the sqlite3-shell-into-schema run")
    p.add_argument("--child-import", nargs=2, metavar=("STORE", "CSV"), help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.child_import:
        child_import(*args.child_import)
        return 0
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    with tempfile.TemporaryDirectory(prefix="tradefacts-bench-") as tmp:
        folder = Path(tmp)
        t = time.perf_counter()
        data = generate(folder, args.rows)
        size_mb = data.stat().st_size / 1e6
        print(f"generated {args.rows:,} BACI rows ({size_mb:.1f} MB) in {time.perf_counter() - t:.1f} s: {data}",
              file=sys.stderr)
        template = small_store(folder / "template.sqlite")
        runs: dict[str, list] = {e: [] for e in engines}
        bare: list[float] = []
        shell: list[float] = []
        for r in range(args.repeat):  # interleaved, so slow phases of the machine hit every row alike
            bare.append(run_sqlite_import(folder, data))
            for e in engines:
                runs[e].append(run_import(template, folder, data, e))
            if not args.no_shell_schema:
                shell.append(run_sqlite_into_schema(template, folder, data))
            print(f"run {r + 1}/{args.repeat}: sqlite3 .import {bare[-1]:.2f} s; "
                  + "; ".join(f"{e} {runs[e][-1]['seconds']:.2f} s" for e in engines), file=sys.stderr)
        first = runs[engines[0]][-1]
        ranked_ms, single_ms = lookups(first["store"])
        bare_s = statistics.median(bare)
        rows = first["rows"]

        def line(label, seconds, rss=None, note=""):
            rss_text = f"{rss:8.0f} MB" if rss is not None else f"{'':>11}"
            print(f"{label:44} {seconds:8.2f} {rows / seconds:12,.0f} {rss_text}  {note}")

        print(f"\nBACI import benchmark: {rows:,} rows ({size_mb:.1f} MB CSV), median of {args.repeat} run(s)")
        print(f"{'':44} {'seconds':>8} {'rows/s':>12} {'peak RSS':>11}")
        line("sqlite3 .import --csv, bare table", bare_s, note=f"(min {min(bare):.2f})")
        for e in engines:
            secs = [x["seconds"] for x in runs[e]]
            line(f"tradefacts data import baci ({e} reader)", statistics.median(secs), max(x["rss_mb"] for x in runs[e]),
                 f"(min {min(secs):.2f}; ratio {bare_s / statistics.median(secs):.2f})")
        if shell:
            line("sqlite3 shell into the trade schema, no Python", statistics.median(shell),
                 note=f"(min {min(shell):.2f}; staging .import + sorted INSERT + index)")
        best = min(engines, key=lambda e: statistics.median(x["seconds"] for x in runs[e]))
        ratio = bare_s / statistics.median(x["seconds"] for x in runs[best])
        print(f"\nratio, importer ({best}) rows/s / sqlite3 .import rows/s: {ratio:.2f}  (target >= 0.5)")
        print(f"store bytes per imported row: {first['added_bytes'] / rows:.0f}")
        print(f"pair-year look-up, median of 1000: top-10 products {ranked_ms:.3f} ms; one figure {single_ms:.3f} ms")
        print(f"import summary: {first['summary']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
