"""Fixtures for the importer tests: a SMALL store (countries + HS codes only, built once per
session in well under a second and copied for each test) and helpers.

tests/conftest.py belongs to the lead; test modules import what they need from here:
``from tests.importer_fixtures import small_store, small_store_template  # noqa: F401``.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
FIXTURES = ROOT / "tests" / "fixtures"
BACI = FIXTURES / "baci"
COMTRADE = FIXTURES / "comtrade"
WDI = FIXTURES / "wdi"

BACI_2016 = BACI / "BACI_HS17_Y2016_V202401.csv"
BACI_2017 = BACI / "BACI_HS17_Y2017_V202401.csv"
BACI_COUNTRIES = BACI / "country_codes_V202401.csv"
BACI_COUNTRIES_OLD = BACI / "country_codes_V202001_oldlayout.csv"
BACI_PRODUCTS = BACI / "product_codes_HS17_V202401.csv"
COMTRADE_SITE = COMTRADE / "TradeData_fixture_MEX_2016.csv"
COMTRADE_API = COMTRADE / "comtradeapicall_getFinalData_fixture_USA_2016.csv"
WDI_TX = WDI / "API_TX.VAL.MRCH.CD.WT_DS2_en_csv_v2_900001.csv"
WDI_GDP = WDI / "API_NY.GDP.MKTP.CD_DS2_en_csv_v2_900002.csv"
WDI_BULK = WDI / "WDICSV.csv"


def build_small_store(path: Path) -> Path:
    """Countries (ISO codes, names) and HS codes: what the importers need to resolve codes."""
    from bot.store import db
    from bot.store.importers import countries, hs

    conn = db.connect_rw(path)
    try:
        with db.transaction(conn):
            countries.load_datahub(conn, DATA / "country_codes_datahub.csv")
            hs.load_codes(conn, DATA / "hs_codes_datahub.csv")
            db.refresh_coverage(conn)
    finally:
        conn.close()
    return path


@pytest.fixture(scope="session")
def small_store_template(tmp_path_factory) -> Path:
    return build_small_store(tmp_path_factory.mktemp("small-store") / "template.sqlite")


@pytest.fixture
def small_store(small_store_template, tmp_path) -> Path:
    """A fresh copy of the small store for one test."""
    path = tmp_path / "store.sqlite"
    shutil.copyfile(small_store_template, path)
    return path


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def rows_of(store: Path, sql: str, params: tuple = ()) -> list[tuple]:
    import sqlite3

    conn = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()
