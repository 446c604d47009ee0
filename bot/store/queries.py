"""The store's Python API: every look-up the engine needs, each returning ``Figure`` values
that carry their source. Parameterised SQL only; this is the only module (with the
importers) that speaks SQL.

Query shapes are written for a store with hundreds of millions of product rows (BACI), where
anything that reads a pair's or a reporter's every row is too slow. The rules (checked by
tests/test_query_plans.py with ``EXPLAIN QUERY PLAN``):

- totals say ``product = 'TOTAL'`` literally, so SQLite may use the partial index
  ``trade_by_reporter`` (schema.py);
- "over years" iterates the years (a recursive CTE bounded by the years the store holds)
  and seeks each one in the primary key, instead of scanning the pair's rows of every
  product and year;
- "a reporter's partners" for one product seeks (reporter, partner, year, flow, product)
  once per country instead of reading the reporter's rows.
"""

from __future__ import annotations

import sqlite3
from dataclasses import MISSING, dataclass, fields
from functools import cached_property
from pathlib import Path

from bot.store.db import connect_ro
from bot.store.figures import Figure, Source

TOTAL = "TOTAL"
WORLD = "WLD"
OPPOSITE = {"export": "import", "import": "export"}
# Figure's defaults, so that the fast construction in Store._figures keeps up with new fields
_FIGURE_DEFAULTS = {f.name: f.default for f in fields(Figure) if f.default is not MISSING}
_FIGURE_FACTORIES = {f.name: f.default_factory for f in fields(Figure) if f.default_factory is not MISSING}


@dataclass(frozen=True)
class Country:
    code: str
    iso2: str | None
    name: str
    name_es: str | None
    name_ru: str | None
    kind: str

    def display(self, lang: str = "en") -> str:
        return {"es": self.name_es, "ru": self.name_ru}.get(lang) or self.name


@dataclass(frozen=True)
class Product:
    code: str
    level: int
    description: str


class Store:
    """Read-only access to one store file."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    @classmethod
    def open(cls, path: Path | str) -> "Store":
        return cls(connect_ro(path))

    def close(self) -> None:
        self.conn.close()

    # --- reference tables -------------------------------------------------------------
    @cached_property
    def sources(self) -> dict[str, Source]:
        cols = "id, name, publisher, version, licence, citation, valuation, unit, url, coverage, notes, priority, kind"
        return {r[0]: Source(*r) for r in self.conn.execute(f"SELECT {cols} FROM sources ORDER BY priority, id")}

    @cached_property
    def countries(self) -> dict[str, Country]:
        rows = self.conn.execute("SELECT code, iso2, name, name_es, name_ru, kind FROM countries")
        return {r[0]: Country(*r) for r in rows}

    def country_names(self) -> list[tuple[str, str, str, str]]:
        """(code, lang, name, kind) for every known name and alias."""
        return self.conn.execute("SELECT code, lang, name, kind FROM country_names").fetchall()

    @cached_property
    def products(self) -> dict[str, Product]:
        rows = self.conn.execute("SELECT code, level, description FROM products")
        return {r[0]: Product(*r) for r in rows}

    def meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    # --- trade ----------------------------------------------------------------------------
    def _figures(self, rows, *, mirror: bool = False) -> list[Figure]:
        """Rows -> Figures, best source first then by year. The hot path of every series:
        an intent ranking all countries by their world totals makes ~40,000 of them, so they
        are made without the frozen dataclass's ``__init__`` (3x faster; same fields, equal
        and hashable alike)."""
        out = []
        new, defaults, factories = object.__new__, _FIGURE_DEFAULTS, list(_FIGURE_FACTORIES.items())
        for reporter, partner, year, flow, product, source_id, value, quantity in rows:
            f = new(Figure)
            if mirror:  # a row reported by `reporter` about the opposite flow: flip it back
                reporter, partner, flow, reported_by = partner, reporter, OPPOSITE[flow], reporter
            else:
                reported_by = reporter
            d = f.__dict__
            d.update(defaults)
            for name, factory in factories:
                d[name] = factory()
            d.update(reporter=reporter, partner=partner, year=year, flow=flow, value=value, unit="USD",
                     source_id=source_id, product=None if product == TOTAL else product,
                     reported_by=reported_by, mirror=mirror, quantity=quantity)
            out.append(f)
        priority = {sid: src.priority for sid, src in self.sources.items()}
        return sorted(out, key=lambda f: (priority.get(f.source_id, 99), f.year))

    def _priority(self, source_id: str) -> int:
        s = self.sources.get(source_id)
        return s.priority if s else 99

    _COLS = "reporter, partner, year, flow, product, source_id, value_usd, quantity"
    _TCOLS = "t.reporter, t.partner, t.year, t.flow, t.product, t.source_id, t.value_usd, t.quantity"
    # The years to visit, one row each: from max(start, first year held) to min(end, last year
    # held); 1900-2100 when the store has no coverage table rows yet. Parameters: start, end.
    _YEARS = ("WITH RECURSIVE y(n) AS ("
              " SELECT max(?, coalesce((SELECT min(first_year) FROM source_coverage WHERE tbl = 'trade'), 1900))"
              " UNION ALL SELECT n + 1 FROM y"
              " WHERE n < min(?, coalesce((SELECT max(last_year) FROM source_coverage WHERE tbl = 'trade'), 2100))) ")
    _COUNTRIES = "(SELECT code FROM countries)"

    @staticmethod
    def _product_term(product: str | None, col: str = "product") -> tuple[str, list]:
        """``product = 'TOTAL'`` as a literal (the partial index needs it), else a parameter."""
        if not product or product == TOTAL:
            return f"{col} = '{TOTAL}'", []
        return f"{col} = ?", [product]

    def trade_value(self, reporter: str, partner: str, year: int, flow: str, product: str | None = None,
                    source: str | None = None) -> list[Figure]:
        """The reporter's own figure for one flow, one row per source (best source first)."""
        term, extra = self._product_term(product)
        sql = f"SELECT {self._COLS} FROM trade WHERE reporter=? AND partner=? AND year=? AND flow=? AND {term}"
        params: list = [reporter, partner, year, flow, *extra]
        if source:
            sql += " AND source_id=?"
            params.append(source)
        return self._figures(self.conn.execute(sql, params))

    def mirror_value(self, reporter: str, partner: str, year: int, flow: str, product: str | None = None,
                     source: str | None = None) -> list[Figure]:
        """The same flow as the partner reports it (MEX exports to RUS = RUS imports from MEX)."""
        term, extra = self._product_term(product)
        sql = f"SELECT {self._COLS} FROM trade WHERE reporter=? AND partner=? AND year=? AND flow=? AND {term}"
        params: list = [partner, reporter, year, OPPOSITE[flow], *extra]
        if source:
            sql += " AND source_id=?"
            params.append(source)
        return self._figures(self.conn.execute(sql, params), mirror=True)

    def trade_series(self, reporter: str, partner: str, flow: str, start: int | None = None, end: int | None = None,
                     product: str | None = None, source: str | None = None, mirror: bool = False) -> list[Figure]:
        """Figures over years (all sources unless one is named), ordered by source then year."""
        r, p, f = (partner, reporter, OPPOSITE[flow]) if mirror else (reporter, partner, flow)
        term, extra = self._product_term(product, "t.product")
        sql = (f"{self._YEARS} SELECT {self._TCOLS} FROM y CROSS JOIN trade t"
               f" WHERE t.reporter=? AND t.partner=? AND t.year=y.n AND t.flow=? AND {term}")
        params: list = [start if start is not None else 0, end if end is not None else 9999, r, p, f, *extra]
        if source:
            sql += " AND t.source_id=?"
            params.append(source)
        return self._figures(self.conn.execute(sql, params), mirror=mirror)

    def world_total(self, reporter: str, flow: str, start: int | None = None, end: int | None = None,
                    source: str | None = None) -> list[Figure]:
        """A country's total exports or imports (partner = World), every source that has it."""
        return self.trade_series(reporter, WORLD, flow, start, end, source=source)

    def best_source(self, reporter: str, year: int, flow: str, product: str | None = None) -> str | None:
        """The preferred source with partner-level rows for this reporter-year-flow."""
        if not product or product == TOTAL:
            rows = self.conn.execute(
                f"SELECT DISTINCT source_id FROM trade WHERE reporter=? AND year=? AND flow=? AND product='{TOTAL}'",
                (reporter, year, flow)).fetchall()
        else:  # product rows are not in the index: one key seek per partner
            rows = self.conn.execute(
                f"SELECT DISTINCT t.source_id FROM countries c CROSS JOIN trade t WHERE t.reporter=? AND t.partner=c.code"
                " AND t.year=? AND t.flow=? AND t.product=?", (reporter, year, flow, product)).fetchall()
        ids = sorted((r[0] for r in rows), key=self._priority)
        return ids[0] if ids else None

    def partners_ranked(self, reporter: str, year: int, flow: str, product: str | None = None,
                        source: str | None = None, limit: int | None = None, countries_only: bool = True) -> list[Figure]:
        """A reporter's partners in one year, largest first, from ONE source (never mixed).

        ``countries_only`` leaves out the World and country groups (and keeps historic
        states, which were real partners in their years).
        """
        source = source or self.best_source(reporter, year, flow, product)
        if source is None:
            return []
        if not product or product == TOTAL:
            sql = (f"SELECT {self._COLS} FROM trade WHERE reporter=? AND year=? AND flow=? AND product='{TOTAL}'"
                   " AND source_id=? ORDER BY value_usd DESC")
            rows = self.conn.execute(sql, (reporter, year, flow, source))
        else:  # one key seek per country, then the (few hundred) rows are sorted
            sql = (f"SELECT {self._TCOLS} FROM countries c CROSS JOIN trade t WHERE t.reporter=? AND t.partner=c.code"
                   " AND t.year=? AND t.flow=? AND t.product=? AND t.source_id=? ORDER BY t.value_usd DESC")
            rows = self.conn.execute(sql, (reporter, year, flow, product, source))
        kept = []
        countries = self.countries
        for row in rows:
            if countries_only and (row[1] == WORLD or (row[1] in countries and countries[row[1]].kind == "group")):
                continue
            kept.append(row)
            if limit and len(kept) >= limit:
                break
        return self._figures(kept)  # one source, one year: the sort keeps the value order

    def first_and_place(self, reporter: str, year: int, flow: str, partner: str,
                        source: str) -> tuple[tuple[str, float, float] | None, int | None]:
        """The first partner of a year and ``partner``'s place, without building the ranking.

        Over the countries (no World, no groups) with a positive value in ``source``: ``flow``
        export or import ranks by that flow, ``total`` by exports + imports. Returns ((first
        partner, its exports, its imports) — for one flow the other is 0; of partners tied
        first, the first by code — and the place of ``partner``: 1 + the number of partners
        with more, so ties share a place; None when it has no positive value). One statement per year
        in SQLite instead of ~200 Figures in Python: a rank history reads one per year.
        """
        flows = ("export", "import") if flow == "total" else (flow,)
        sql = (f"WITH v AS (SELECT partner, sum(CASE WHEN flow='export' THEN value_usd ELSE 0 END) AS x,"
               f" sum(CASE WHEN flow='import' THEN value_usd ELSE 0 END) AS m FROM trade"
               f" WHERE reporter=? AND year=? AND flow IN ({','.join('?' * len(flows))}) AND product='{TOTAL}'"
               " AND source_id=? AND partner != ? AND partner NOT IN (SELECT code FROM countries WHERE kind='group')"
               " GROUP BY partner HAVING x + m > 0),"
               " r AS (SELECT partner, x, m, row_number() OVER (ORDER BY x + m DESC, partner) AS n,"
               " rank() OVER (ORDER BY x + m DESC) AS place FROM v)"
               " SELECT partner, x, m, n, place FROM r WHERE n = 1 OR partner = ?")
        rows = self.conn.execute(sql, (reporter, year, *flows, source, WORLD, partner)).fetchall()
        first = next(((p, x, m) for p, x, m, n, place in rows if n == 1), None)
        place = next((place for p, x, m, n, place in rows if p == partner), None)
        return first, place

    def products_ranked(self, reporter: str, partner: str, year: int, flow: str, level: int = 6,
                        source: str | None = None, limit: int | None = 10) -> list[Figure]:
        """Top products of one pair-year (product-level sources only), largest first."""
        sql = (f"SELECT {self._COLS} FROM trade WHERE reporter=? AND partner=? AND year=? AND flow=?"
               f" AND product != '{TOTAL}' AND length(product) = ?")
        params: list = [reporter, partner, year, flow, level]
        if source:
            sql += " AND source_id=?"
            params.append(source)
        sql += " ORDER BY value_usd DESC"
        if limit:
            sql += " LIMIT ?"
            params.append(limit)
        return self._figures(self.conn.execute(sql, params))

    def has_product_data(self, reporter: str | None = None, year: int | None = None) -> bool:
        """Whether any product-level trade is loaded (for a reporter / year when given)."""
        holders = [sid for sid, src in self.sources.items() if src.kind == "product_trade"]
        if not holders or not self.conn.execute(
                f"SELECT 1 FROM source_coverage WHERE tbl = 'trade' AND rows > 0"
                f" AND source_id IN ({','.join('?' * len(holders))}) LIMIT 1", holders).fetchone():
            return False  # no product source holds trade rows (the bundled store)
        if reporter is None:  # reporter by reporter (the key's first column), first product row wins
            sql, params = f"SELECT 1 FROM countries c CROSS JOIN trade t WHERE t.reporter = c.code AND t.product != '{TOTAL}'", []
            if year is not None:
                sql = (f"SELECT 1 FROM countries a CROSS JOIN countries b CROSS JOIN trade t WHERE t.reporter = a.code"
                       f" AND t.partner = b.code AND t.year = ? AND t.product != '{TOTAL}'")
                params = [year]
        elif year is None:  # the reporter's key range, stopping at its first product row
            sql, params = f"SELECT 1 FROM trade WHERE reporter = ? AND product != '{TOTAL}'", [reporter]
        else:  # one key seek per partner
            sql, params = (f"SELECT 1 FROM countries c CROSS JOIN trade t WHERE t.reporter = ? AND t.partner = c.code"
                           f" AND t.year = ? AND t.product != '{TOTAL}'"), [reporter, year]
        return self.conn.execute(sql + " LIMIT 1", params).fetchone() is not None

    def product_years(self, reporter: str, partner: str, flow: str) -> list[int]:
        """Years with product-level (HS) rows for a pair and flow (one key seek per year)."""
        rows = self.conn.execute(
            f"{self._YEARS} SELECT n FROM y WHERE EXISTS (SELECT 1 FROM trade WHERE reporter=? AND partner=?"
            f" AND year=y.n AND flow=? AND product != '{TOTAL}') ORDER BY n", (0, 9999, reporter, partner, flow))
        return [r[0] for r in rows]

    def trade_years(self, reporter: str, partner: str | None = None, flow: str | None = None,
                    source: str | None = None) -> list[int]:
        """Years with total-trade figures for a reporter (and partner / flow / source): one
        seek per year (the primary key with a partner, else the totals index)."""
        sql = f"SELECT 1 FROM trade WHERE reporter=? AND year=y.n AND product='{TOTAL}'"
        params: list = [0, 9999, reporter]
        for col, val in (("partner", partner), ("flow", flow), ("source_id", source)):
            if val:
                sql += f" AND {col}=?"
                params.append(val)
        if not flow:
            sql += " AND flow IN ('export', 'import')"
        rows = self.conn.execute(f"{self._YEARS} SELECT n FROM y WHERE EXISTS ({sql}) ORDER BY n", params)
        return [r[0] for r in rows]

    # --- indicators, FDI, arms ----------------------------------------------------------------
    def indicator(self, code: str, indicator: str, start: int | None = None, end: int | None = None,
                  source: str | None = None) -> list[Figure]:
        sql = ("SELECT i.year, i.value, i.source_id, d.unit FROM indicators i JOIN indicator_defs d USING (indicator)"
               " WHERE i.code=? AND i.indicator=? AND i.year BETWEEN ? AND ?")
        params: list = [code, indicator, start if start is not None else 0, end if end is not None else 9999]
        if source:
            sql += " AND i.source_id=?"
            params.append(source)
        out = [Figure(code, None, y, None, v, unit, s, reported_by=code, indicator=indicator)
               for y, v, s, unit in self.conn.execute(sql, params)]
        return sorted(out, key=lambda f: (self._priority(f.source_id), f.year))

    def indicator_defs(self) -> dict[str, tuple[str, str, str]]:
        """indicator -> (name, unit, description)."""
        return {r[0]: (r[1], r[2], r[3]) for r in self.conn.execute("SELECT indicator, name, unit, description FROM indicator_defs")}

    def fdi_bilateral(self, host: str, investor: str, start: int | None = None, end: int | None = None) -> list[Figure]:
        sql = ("SELECT year, value_usd, source_id, measure FROM fdi_bilateral WHERE host=? AND investor=?"
               " AND year BETWEEN ? AND ? ORDER BY year")
        rows = self.conn.execute(sql, (host, investor, start if start is not None else 0, end if end is not None else 9999))
        return [Figure(host, investor, y, "fdi_in", v, "USD", s, reported_by=host, indicator=f"fdi_{m}")
                for y, v, s, m in rows]

    def fdi_bilateral_coverage(self) -> tuple[int, int, int | None, int | None]:
        """(host countries, investor countries, first year, last year) of the bilateral FDI table."""
        return self.conn.execute(
            "SELECT count(DISTINCT host), count(DISTINCT investor), min(year), max(year) FROM fdi_bilateral").fetchone()

    def arms(self, supplier: str, recipient: str, start: int | None = None, end: int | None = None) -> list[Figure]:
        sql = ("SELECT year, tiv_m, source_id FROM arms_transfers WHERE supplier=? AND recipient=?"
               " AND year BETWEEN ? AND ? ORDER BY year")
        rows = self.conn.execute(sql, (supplier, recipient, start if start is not None else 0, end if end is not None else 9999))
        return [Figure(supplier, recipient, y, "arms_export", v, "TIV_million", s, reported_by=None,
                       indicator="SIPRI.TIV.order_year") for y, v, s in rows]

    # --- what is loaded ---------------------------------------------------------------------
    def coverage(self) -> list[dict]:
        """Per source: rows and year range across all figure tables, for /sources and `data sources`."""
        stats = {r[0]: r[1:] for r in self.conn.execute(
            "SELECT source_id, sum(rows), min(first_year), max(last_year) FROM source_coverage GROUP BY source_id")}
        out = []
        for sid, src in self.sources.items():
            rows, lo, hi = stats.get(sid, (0, None, None))
            out.append({"id": sid, "name": src.name, "version": src.version, "licence": src.licence,
                        "unit": src.unit, "valuation": src.valuation, "kind": src.kind,
                        "rows": rows, "first_year": lo, "last_year": hi})
        return out
