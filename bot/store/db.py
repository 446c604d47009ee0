"""Opening the store, transactions, and building a new store without readers ever seeing
a half-built one.

- Faces (CLI ``ask``, the bot) open the store read-only through a ``file:...?mode=ro`` URI,
  so nothing they do can change it.
- ``data import`` writes inside one transaction: a failure rolls back and the file is left
  as it was (SQLite's rollback journal also undoes a process killed halfway on next open).
- ``data build`` writes a new file beside the target and swaps it in with ``os.replace``
  (atomic on POSIX): open connections keep reading the old file until they reopen.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Iterator

from bot.store.schema import DDL, SCHEMA_VERSION


class StoreMissing(FileNotFoundError):
    """The store file does not exist (yet)."""


def connect_rw(path: Path | str) -> sqlite3.Connection:
    """A writable connection; creates the schema if needed."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)  # we issue BEGIN/COMMIT ourselves
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA cache_size=-200000")  # 200 MB page cache for imports
    _drop_full_trade_index(conn)
    conn.executescript(DDL)
    conn.execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
    return conn


def _drop_full_trade_index(conn: sqlite3.Connection) -> None:
    """Stores built before the totals index became partial (schema.py) hold every product row
    in it too: drop it, so the DDL recreates it partial (one pass over the table, once)."""
    row = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'trade_by_reporter'").fetchone()
    if row and row[0] and "WHERE" not in row[0].upper():
        conn.execute("DROP INDEX trade_by_reporter")


def connect_ro(path: Path | str) -> sqlite3.Connection:
    """A read-only connection (``mode=ro``): a write through it fails.

    ``check_same_thread=False`` lets the bot answer from worker threads; reads on one
    connection are serialised by SQLite itself.
    """
    path = Path(path)
    if not path.exists():
        raise StoreMissing(f"no store at {path}; run `tradefacts data build`")
    uri = f"file:{path.resolve().as_posix()}?mode=ro"
    conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
    conn.execute("PRAGMA query_only=1")
    return conn


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """All-or-nothing: commit on success, roll back on any exception (then re-raise)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))


def now_utc() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


@contextmanager
def building(target: Path | str) -> Iterator[sqlite3.Connection]:
    """Yield a connection to a fresh store that replaces ``target`` only if the block succeeds.

    The new file is written next to the target (same filesystem, so the rename is atomic)
    and removed on failure; the old store is untouched until the final ``os.replace``.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.building-{os.getpid()}")
    for leftover in (tmp, tmp.with_name(tmp.name + "-journal")):
        leftover.unlink(missing_ok=True)
    conn = connect_rw(tmp)
    try:
        yield conn
        conn.execute("PRAGMA optimize")
        conn.close()
        os.replace(tmp, target)
    except BaseException:
        conn.close()
        tmp.unlink(missing_ok=True)
        tmp.with_name(tmp.name + "-journal").unlink(missing_ok=True)
        raise


def refresh_coverage(conn: sqlite3.Connection, sources: Iterable[str] | None = None) -> None:
    """Recount rows and year ranges per source (once per build/import, so /sources is instant).

    ``sources``: recount only these (an import passes the sources it touched; the others
    keep their counts). ``trade`` may hold hundreds of millions of product rows: it is read
    in ONE pass with per-source ``FILTER`` aggregates, never with ``GROUP BY source_id``
    (which would sort every row in a temporary b-tree).
    """
    from bot.store.schema import FIGURE_TABLES

    exact = _take_exact_coverage(conn) if sources is not None else set()
    if sources is None:
        conn.execute("DELETE FROM source_coverage")
        wanted = [r[0] for r in conn.execute("SELECT id FROM sources ORDER BY id")]
    else:
        wanted = sorted(set(sources))
        for s in wanted:  # (the trade row of a source kept exact stays)
            keep = " AND tbl != 'trade'" if s in exact else ""
            conn.execute(f"DELETE FROM source_coverage WHERE source_id = ?{keep}", (s,))
    if not wanted:
        return
    for table in FIGURE_TABLES:
        if table != "trade":  # small tables: grouping is cheap
            marks = ",".join("?" * len(wanted))
            conn.execute(
                f"INSERT INTO source_coverage(source_id, tbl, rows, first_year, last_year)"
                f" SELECT source_id, '{table}', count(*), min(year), max(year) FROM {table}"
                f" WHERE source_id IN ({marks}) GROUP BY source_id", wanted)
            continue
        counted = [s for s in wanted if s not in exact]
        for chunk in (counted[i:i + 50] for i in range(0, len(counted), 50)):
            parts = ", ".join("count(*) FILTER (WHERE source_id = ?), min(year) FILTER (WHERE source_id = ?),"
                              " max(year) FILTER (WHERE source_id = ?)" for _ in chunk)
            where = "" if sources is None and len(counted) <= 50 else f" WHERE source_id IN ({','.join('?' * len(chunk))})"
            params = [s for s in chunk for _ in range(3)] + ([] if not where else chunk)
            row = conn.execute(f"SELECT {parts} FROM trade{where}", params).fetchone()
            conn.executemany(
                "INSERT INTO source_coverage(source_id, tbl, rows, first_year, last_year) VALUES (?, 'trade', ?, ?, ?)",
                [(s, *row[3 * i:3 * i + 3]) for i, s in enumerate(chunk) if row[3 * i]])


def keep_exact_trade_coverage(conn: sqlite3.Connection, source_id: str, deleted: int, inserted: int,
                              years: Iterable[int]) -> bool:
    """An importer that knows exactly how many ``trade`` rows of ``source_id`` it deleted and
    inserted (BACI: whole years) updates the source's coverage itself, so that
    ``refresh_coverage`` need not count them again: on a store of 100 million product rows
    that count is a 20-second pass over the whole table, on every import.

    Exact only when the previous count is known: the source's coverage row, or no earlier
    file of the source at all (then it had no rows). Otherwise returns False and the source
    is recounted as usual."""
    years = list(years)
    row = conn.execute("SELECT rows, first_year, last_year FROM source_coverage WHERE source_id = ? AND tbl = 'trade'",
                       (source_id,)).fetchone()
    if row is None:
        if conn.execute("SELECT 1 FROM source_files WHERE source_id = ? LIMIT 1", (source_id,)).fetchone():
            return False
        row = (0, None, None)
    rows = row[0] - deleted + inserted
    lo = min([y for y in (row[1], *years) if y is not None], default=None)
    hi = max([y for y in (row[2], *years) if y is not None], default=None)
    conn.execute("INSERT OR REPLACE INTO source_coverage(source_id, tbl, rows, first_year, last_year)"
                 " VALUES (?, 'trade', ?, ?, ?)", (source_id, rows, lo, hi))
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS coverage_exact(source_id TEXT PRIMARY KEY)")
    conn.execute("INSERT OR IGNORE INTO temp.coverage_exact VALUES (?)", (source_id,))
    return True


def _take_exact_coverage(conn: sqlite3.Connection) -> set[str]:
    """The sources whose trade coverage an importer kept exact in this transaction (see above)."""
    if not conn.execute("SELECT 1 FROM temp.sqlite_master WHERE name = 'coverage_exact'").fetchone():
        return set()
    out = {r[0] for r in conn.execute("SELECT source_id FROM temp.coverage_exact")}
    conn.execute("DELETE FROM temp.coverage_exact")
    return out
