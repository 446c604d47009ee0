"""Query plans of the Store API on a store with product rows: no statement may scan ``trade``
(neither the table nor an index, from end to end), and each must seek at least the key
columns listed, so that none reads a pair's or a reporter's rows of every product and year.

This is what keeps the product and totals intents fast on a store of 100+ million BACI rows
(bench/run_all.py measures that); here it is checked with ``EXPLAIN QUERY PLAN`` on a small
store, before and after ``ANALYZE`` (whose statistics change the planner's choices).
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from bot.store.ingest import import_files
from bot.store.queries import Store
from tests.importer_fixtures import (BACI_2016, BACI_2017, BACI_COUNTRIES, BACI_PRODUCTS, COMTRADE_SITE, WDI_TX,
                                     small_store_template)  # noqa: F401

QUIET = {"progress": False, "log": lambda s: None}
HS = "870840"  # in the BACI fixture: exported MEX -> USA in 2016 and 2017


@pytest.fixture(scope="module", params=["no statistics", "after ANALYZE"])
def product_store(request, small_store_template, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("plans") / "store.sqlite"
    path.write_bytes(small_store_template.read_bytes())
    import_files(path, "baci", [BACI_COUNTRIES, BACI_PRODUCTS, BACI_2016, BACI_2017], **QUIET)
    import_files(path, "comtrade", [COMTRADE_SITE], **QUIET)  # totals, partner by partner
    import_files(path, "wdi", [WDI_TX], **QUIET)  # totals to the World
    if request.param == "after ANALYZE":
        conn = sqlite3.connect(path)
        conn.execute("ANALYZE")
        conn.close()
    return path


# (shape, call, key columns the trade seek must bind). Product shapes first, then totals.
SHAPES = [
    ("top products of a pair-year", lambda s: s.products_ranked("MEX", "USA", 2016, "export"),
     ["reporter", "partner", "year", "flow"]),
    ("one product across years", lambda s: s.trade_series("MEX", "USA", "export", product=HS),
     ["reporter", "partner", "year", "flow", "product"]),
    ("one product across years, mirror", lambda s: s.trade_series("USA", "MEX", "import", product=HS, mirror=True),
     ["reporter", "partner", "year", "flow", "product"]),
    ("a reporter's partners for one product", lambda s: s.partners_ranked("MEX", 2016, "export", product=HS),
     ["reporter", "partner", "year", "flow", "product"]),
    ("one product, one pair-year", lambda s: s.trade_value("MEX", "USA", 2016, "export", HS),
     ["reporter", "partner", "year", "flow", "product"]),
    ("years with products for a pair", lambda s: s.product_years("MEX", "USA", "export"),
     ["reporter", "partner", "year", "flow"]),
    ("product data for a reporter", lambda s: s.has_product_data("MEX"), ["reporter"]),
    ("product data for a reporter-year", lambda s: s.has_product_data("MEX", 2016), ["reporter", "partner", "year"]),
    ("product data at all", lambda s: s.has_product_data(), ["reporter"]),
    ("total, one pair-year", lambda s: s.trade_value("MEX", "USA", 2016, "export"),
     ["reporter", "partner", "year", "flow", "product"]),
    ("total, the partner's mirror", lambda s: s.mirror_value("MEX", "USA", 2016, "export"),
     ["reporter", "partner", "year", "flow", "product"]),
    ("total across years", lambda s: s.trade_series("MEX", "USA", "export", 2010, 2020),
     ["reporter", "partner", "year", "flow", "product"]),
    ("world total across years", lambda s: s.world_total("MEX", "export"),
     ["reporter", "partner", "year", "flow", "product"]),
    ("a reporter's partners ranked", lambda s: s.partners_ranked("MEX", 2016, "export"),
     ["reporter", "year", "flow", "product"]),
    ("years with totals for a reporter", lambda s: s.trade_years("MEX"), ["reporter", "year"]),
    ("years with totals for a pair", lambda s: s.trade_years("MEX", "USA", "export"),
     ["reporter", "partner", "year", "flow", "product"]),
    ("years with totals, one source", lambda s: s.trade_years("MEX", source="comtrade_hs"), ["reporter", "year"]),
]

_SEEK = re.compile(r"^SEARCH (?:trade|t) USING (?:COVERING )?(?:INDEX \w+|PRIMARY KEY) \((?P<cols>[^)]*)\)")


def _statements(store: Store, call) -> list[str]:
    """The SQL (parameters expanded) that ``call`` runs against ``trade``."""
    seen: list[str] = []
    store.conn.set_trace_callback(seen.append)
    try:
        call(store)
    finally:
        store.conn.set_trace_callback(None)
    return [s for s in seen if re.search(r"\b(FROM|JOIN) trade\b", s)]


@pytest.mark.parametrize("shape, call, key", SHAPES, ids=[s[0] for s in SHAPES])
def test_no_scan_of_trade_and_the_key_is_sought(product_store, shape, call, key):
    store = Store.open(product_store)
    try:
        store.sources, store.countries  # noqa: B018 - reference tables, loaded before tracing
        statements = _statements(store, call)
        assert statements, f"{shape}: no statement on trade was run"
        for sql in statements:
            plan = [row[3] for row in store.conn.execute("EXPLAIN QUERY PLAN " + sql)]
            on_trade = [p for p in plan if re.match(r"^(SCAN|SEARCH) (trade|t)\b", p)]
            assert on_trade, f"{shape}: trade not in the plan {plan}"
            for step in on_trade:
                assert not step.startswith("SCAN"), f"{shape}: full scan {step!r} in {plan} for {sql}"
                cols = {c.split("=")[0].split(">")[0].split("<")[0].strip() for c in _SEEK.match(step)["cols"].split(" AND ")}
                assert set(key) <= cols, f"{shape}: seeks only {sorted(cols)}, needs {key}: {step!r} for {sql}"
    finally:
        store.close()


def test_the_shapes_find_the_rows(product_store):
    """The rewritten shapes still return what the plain queries would (the plans are no use
    on wrong answers): checked against straightforward SQL on the same store."""
    store = Store.open(product_store)
    conn = store.conn
    try:
        series = store.trade_series("MEX", "USA", "export", product=HS)
        plain = conn.execute("SELECT source_id, year, value_usd FROM trade WHERE reporter='MEX' AND partner='USA'"
                             " AND flow='export' AND product=?", (HS,)).fetchall()
        assert sorted((f.source_id, f.year, f.value) for f in series) == sorted(plain)
        assert {y for _, y, _ in plain} == {2016, 2017}
        partners = store.partners_ranked("MEX", 2016, "export", product=HS)
        plain = conn.execute("SELECT partner, value_usd FROM trade WHERE reporter='MEX' AND year=2016 AND flow='export'"
                             " AND product=? AND source_id='baci_hs17' ORDER BY value_usd DESC", (HS,)).fetchall()
        assert [(f.partner, f.value) for f in partners] == plain and plain
        assert store.product_years("MEX", "USA", "export") == [2016, 2017]
        assert store.has_product_data("MEX") and store.has_product_data("MEX", 2017)
        assert not store.has_product_data("MEX", 2015)
        years = conn.execute("SELECT DISTINCT year FROM trade WHERE reporter='MEX' AND product='TOTAL' ORDER BY year")
        assert store.trade_years("MEX") == [y for (y,) in years]
        assert store.trade_years("MEX", "USA", "export", source="comtrade_hs") == [2016]
    finally:
        store.close()


def test_a_store_with_the_old_full_index_gets_the_partial_one_on_its_next_write(tmp_path):
    """Stores built before the index became partial held every product row in it: the next
    writable open (a build or an import) replaces it, keeping the totals."""
    from bot.store import db

    path = tmp_path / "old.sqlite"
    conn = db.connect_rw(path)
    conn.execute("DROP INDEX trade_by_reporter")
    conn.execute("CREATE INDEX trade_by_reporter ON trade (reporter, year, flow, product, value_usd)")
    conn.execute("INSERT INTO trade VALUES ('MEX', 'RUS', 2016, 'export', 'TOTAL', 'imf_dots', 1.0, NULL)")
    conn.execute("INSERT INTO trade VALUES ('MEX', 'RUS', 2016, 'export', '870840', 'baci_hs17', 2.0, NULL)")
    conn.close()
    db.connect_rw(path).close()
    conn = sqlite3.connect(path)
    try:
        (sql,) = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'trade_by_reporter'").fetchone()
        assert "WHERE product = 'TOTAL'" in sql
        assert conn.execute("SELECT count(*) FROM trade INDEXED BY trade_by_reporter WHERE product = 'TOTAL'"
                            ).fetchone() == (1,)
    finally:
        conn.close()
