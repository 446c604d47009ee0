"""A small store for the name matchers, built once per session (~2.5 s): countries and their
names (datahub + CLDR via Babel, Gapminder), HS codes, and the historic states and IMF
groups that the DOTS group file registers (SUN, YUG, CSK, DDR, SCG, ..., WLD, G:EURO_AREA)."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture(scope="session")
def names_store(tmp_path_factory):
    from bot.store.db import connect_rw, transaction
    from bot.store.importers import countries, dots, hs
    from bot.store.queries import Store

    path = tmp_path_factory.mktemp("names") / "names.sqlite"
    conn = connect_rw(path)
    with transaction(conn):
        countries.load_datahub(conn, DATA / "country_codes_datahub.csv")
        countries.load_gapminder_entities(conn, DATA / "gapminder_country_entities.csv")
        hs.load_codes(conn, DATA / "hs_codes_datahub.csv")
        dots.load_groups(conn, DATA / "imf_dots_country_to_groups_annual.csv.gz")
    conn.close()
    store = Store.open(path)
    yield store
    store.close()


@pytest.fixture(scope="session")
def country_matcher(names_store):
    from bot.names import CountryMatcher

    return CountryMatcher.from_store(names_store)


@pytest.fixture(scope="session")
def product_matcher(names_store):
    from bot.names import ProductMatcher

    return ProductMatcher.from_store(names_store)
