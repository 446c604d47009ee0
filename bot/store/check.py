"""Integrity checks for ``tradefacts data check``: row counts per source against what the
importers recorded, orphan codes, duplicate keys, impossible values, missing provenance."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from bot.store.schema import FIGURE_TABLES

CODE_COLUMNS = {"trade": ("reporter", "partner"), "indicators": ("code",),
                "fdi_bilateral": ("host", "investor"), "arms_transfers": ("supplier", "recipient")}
KEYS = {"trade": "reporter, partner, year, flow, product, source_id", "indicators": "code, indicator, year, source_id",
        "fdi_bilateral": "host, investor, year, measure, source_id", "arms_transfers": "supplier, recipient, year, basis, source_id"}


@dataclass
class CheckResult:
    name: str
    ok: bool
    detail: str


def table_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Rows per table (sqlite-utils' introspection: no hand-written catalogue queries)."""
    import sqlite_utils

    db = sqlite_utils.Database(conn)
    return {name: db[name].count for name in db.table_names()}


def run_checks(conn: sqlite3.Connection) -> list[CheckResult]:
    results = []
    counts = table_counts(conn)
    missing = [t for t in ("sources", "countries", "products", *FIGURE_TABLES) if t not in counts]
    results.append(CheckResult("schema", not missing, "all tables present" if not missing else f"missing: {', '.join(missing)}"))
    quick = conn.execute("PRAGMA quick_check").fetchone()[0]
    results.append(CheckResult("sqlite integrity", quick == "ok", quick))

    recorded = dict(conn.execute("SELECT source_id, sum(rows) FROM source_files GROUP BY source_id").fetchall())
    kinds = dict(conn.execute("SELECT id, kind FROM sources").fetchall())
    for sid, kind in sorted(kinds.items()):
        if kind == "reference":
            continue
        actual = sum(conn.execute(f"SELECT count(*) FROM {t} WHERE source_id=?", (sid,)).fetchone()[0] for t in FIGURE_TABLES)
        want = recorded.get(sid, 0)
        results.append(CheckResult(f"rows of {sid}", actual == want and actual > 0,
                                   f"{actual:,} rows in the store, {want:,} recorded by its imports"))

    for table, cols in CODE_COLUMNS.items():
        orphans = set()
        for col in cols:
            orphans |= {r[0] for r in conn.execute(
                f"SELECT DISTINCT {col} FROM {table} WHERE {col} NOT IN (SELECT code FROM countries)")}
        results.append(CheckResult(f"{table}: country codes", not orphans,
                                   "all known" if not orphans else "unknown: " + ", ".join(sorted(orphans)[:20])))

    for table, key in KEYS.items():
        dup = conn.execute(f"SELECT count(*) FROM (SELECT 1 FROM {table} GROUP BY {key} HAVING count(*) > 1)").fetchone()[0]
        results.append(CheckResult(f"{table}: duplicate keys", dup == 0, f"{dup} duplicated keys"))

    bad = conn.execute("SELECT count(*) FROM trade WHERE value_usd < 0 OR value_usd != value_usd").fetchone()[0]
    results.append(CheckResult("trade: values", bad == 0, f"{bad} negative or NaN trade values"))

    orphan_products = conn.execute(
        "SELECT count(DISTINCT product) FROM trade WHERE product != 'TOTAL' AND product NOT IN (SELECT code FROM products)").fetchone()[0]
    results.append(CheckResult("trade: product codes", orphan_products == 0, f"{orphan_products} product codes without a description"))

    unsourced = conn.execute(
        "SELECT count(*) FROM sources WHERE trim(citation) = '' OR trim(licence) = '' OR trim(version) = ''").fetchone()[0]
    results.append(CheckResult("sources: provenance", unsourced == 0, f"{unsourced} sources without citation, licence or version"))
    return results
