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
from typing import Iterator

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
    conn.executescript(DDL)
    conn.execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
    return conn


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


def refresh_coverage(conn: sqlite3.Connection) -> None:
    """Recount rows and year ranges per source (once per build/import, so /sources is instant)."""
    from bot.store.schema import FIGURE_TABLES

    conn.execute("DELETE FROM source_coverage")
    for table in FIGURE_TABLES:
        conn.execute(
            f"INSERT INTO source_coverage(source_id, tbl, rows, first_year, last_year)"
            f" SELECT source_id, '{table}', count(*), min(year), max(year) FROM {table} GROUP BY source_id")
