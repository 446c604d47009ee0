"""The store's tables. One place for the DDL, so every importer writes the same shape.

Design choices (why):
- ``trade`` holds every trade figure, totals and product-level alike; ``product`` is an HS
  code or ``TOTAL``. The primary key includes ``source_id``: several sources may hold the
  same flow and are never merged. ``WITHOUT ROWID`` clusters rows by the key, so a
  pair-year look-up and a pair's series are range scans with no extra index.
- ``trade_by_reporter`` serves "a reporter's partners in a year, ranked" and the years a
  reporter has totals for. It is PARTIAL (``product = 'TOTAL'``): product-level rows
  (BACI: ~10 million a year) are never in it, so they cost no index bytes and no index
  updates on import; the product shapes are served by the primary key alone (a pair-year's
  products is a range; "a reporter's partners for one product" is one key seek per partner;
  "one product across years" one seek per year). Queries on totals must say
  ``product = 'TOTAL'`` literally (not a bound parameter) for SQLite to use a partial index.
- Values are stored in US dollars (not millions); the unit each source published in, and the
  factor applied, are kept in ``sources``.
- Countries include historic entities and groups (``kind``), so that every code in a
  figure resolves to a name; names in several languages and aliases live in
  ``country_names`` for the name matcher.
"""

from __future__ import annotations

SCHEMA_VERSION = "1"

DDL = """
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS sources (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    publisher   TEXT NOT NULL,
    version     TEXT NOT NULL,
    licence     TEXT NOT NULL,
    citation    TEXT NOT NULL,
    valuation   TEXT NOT NULL DEFAULT '',
    unit        TEXT NOT NULL,
    unit_factor REAL NOT NULL DEFAULT 1,
    url         TEXT NOT NULL DEFAULT '',
    coverage    TEXT NOT NULL DEFAULT '',
    notes       TEXT NOT NULL DEFAULT '',
    priority    INTEGER NOT NULL DEFAULT 50,
    kind        TEXT NOT NULL DEFAULT 'trade'
);

CREATE TABLE IF NOT EXISTS source_files (
    source_id   TEXT NOT NULL REFERENCES sources(id),
    file_name   TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    rows        INTEGER NOT NULL,
    skipped     INTEGER NOT NULL DEFAULT 0,
    imported_at TEXT NOT NULL,
    PRIMARY KEY (source_id, file_name)
);

CREATE TABLE IF NOT EXISTS source_coverage (
    source_id  TEXT NOT NULL,
    tbl        TEXT NOT NULL,
    rows       INTEGER NOT NULL,
    first_year INTEGER,
    last_year  INTEGER,
    PRIMARY KEY (source_id, tbl)
);

CREATE TABLE IF NOT EXISTS import_issues (
    source_id TEXT NOT NULL,
    file_name TEXT NOT NULL,
    kind      TEXT NOT NULL,
    detail    TEXT NOT NULL,
    count     INTEGER NOT NULL,
    PRIMARY KEY (source_id, file_name, kind, detail)
);

CREATE TABLE IF NOT EXISTS countries (
    code    TEXT PRIMARY KEY,
    iso2    TEXT,
    numeric INTEGER,
    name    TEXT NOT NULL,
    name_es TEXT,
    name_ru TEXT,
    kind    TEXT NOT NULL CHECK (kind IN ('country', 'historic', 'group', 'other')),
    origin  TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS country_names (
    code   TEXT NOT NULL REFERENCES countries(code),
    lang   TEXT NOT NULL,
    name   TEXT NOT NULL,
    kind   TEXT NOT NULL,
    origin TEXT NOT NULL,
    PRIMARY KEY (code, lang, name)
);

CREATE TABLE IF NOT EXISTS products (
    code        TEXT PRIMARY KEY,
    level       INTEGER NOT NULL,
    description TEXT NOT NULL,
    parent      TEXT,
    section     TEXT
);

CREATE TABLE IF NOT EXISTS product_sections (
    section TEXT PRIMARY KEY,
    name    TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS trade (
    reporter  TEXT NOT NULL,
    partner   TEXT NOT NULL,
    year      INTEGER NOT NULL,
    flow      TEXT NOT NULL CHECK (flow IN ('export', 'import')),
    product   TEXT NOT NULL DEFAULT 'TOTAL',
    source_id TEXT NOT NULL,
    value_usd REAL NOT NULL,
    quantity  REAL,
    PRIMARY KEY (reporter, partner, year, flow, product, source_id)
) WITHOUT ROWID;

CREATE INDEX IF NOT EXISTS trade_by_reporter
    ON trade (reporter, year, flow, product, value_usd) WHERE product = 'TOTAL';

CREATE TABLE IF NOT EXISTS indicator_defs (
    indicator   TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    unit        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT ''
);

CREATE TABLE IF NOT EXISTS indicators (
    code      TEXT NOT NULL,
    indicator TEXT NOT NULL,
    year      INTEGER NOT NULL,
    source_id TEXT NOT NULL,
    value     REAL NOT NULL,
    PRIMARY KEY (code, indicator, year, source_id)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS fdi_bilateral (
    host      TEXT NOT NULL,
    investor  TEXT NOT NULL,
    year      INTEGER NOT NULL,
    measure   TEXT NOT NULL,
    source_id TEXT NOT NULL,
    value_usd REAL NOT NULL,
    PRIMARY KEY (host, investor, year, measure, source_id)
) WITHOUT ROWID;

CREATE INDEX IF NOT EXISTS fdi_by_investor ON fdi_bilateral (investor, year);

CREATE TABLE IF NOT EXISTS arms_transfers (
    supplier  TEXT NOT NULL,
    recipient TEXT NOT NULL,
    year      INTEGER NOT NULL,
    basis     TEXT NOT NULL,
    source_id TEXT NOT NULL,
    tiv_m     REAL NOT NULL,
    PRIMARY KEY (supplier, recipient, year, basis, source_id)
) WITHOUT ROWID;

CREATE INDEX IF NOT EXISTS arms_by_recipient ON arms_transfers (recipient, year);
"""

# Tables whose rows belong to one source (used by re-import, check and atomic replace).
FIGURE_TABLES = ("trade", "indicators", "fdi_bilateral", "arms_transfers")
