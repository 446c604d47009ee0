"""Each source's vintage: which release the store holds and when it was downloaded.

Kept in the existing tables, no schema change:

- ``meta`` key ``vintage:<source_id>``: JSON ``{"provider", "release", "downloaded_at",
  "scope", "files"}`` (scope = the years/reporters the update covered; files = what was
  fetched, with sizes and SHA-256);
- ``sources.version`` becomes ``"<release>, downloaded <date>"``. Every answer's source line
  and ``/sources`` already print the version, so the vintage reaches both faces without
  touching them.
"""

from __future__ import annotations

import json
import sqlite3


def label(release: str, downloaded_at: str) -> str:
    return f"{release}, downloaded {downloaded_at[:10]}"


def write(conn: sqlite3.Connection, source_ids: list[str], info: dict) -> None:
    """Record ``info`` for every source an update touched (inside the import transaction)."""
    text = json.dumps(info, sort_keys=True)
    version = label(info["release"], info["downloaded_at"])
    for sid in source_ids:
        conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (f"vintage:{sid}", text))
        conn.execute("UPDATE sources SET version = ? WHERE id = ?", (version, sid))


def read_all(conn: sqlite3.Connection) -> dict[str, dict]:
    """source_id -> vintage record, for every source an update has written."""
    out = {}
    for key, value in conn.execute("SELECT key, value FROM meta WHERE key LIKE 'vintage:%'"):
        try:
            out[key.split(":", 1)[1]] = json.loads(value)
        except ValueError:
            continue
    return out


def for_provider(conn: sqlite3.Connection, provider: str) -> dict | None:
    """The latest vintage an update of ``provider`` wrote (None before the first update)."""
    found = [v for v in read_all(conn).values() if v.get("provider") == provider]
    return max(found, key=lambda v: v.get("downloaded_at", "")) if found else None
