"""The store answers the questions the data issue names, with provenance, through its API."""

from __future__ import annotations

import sqlite3

import pytest


def test_mexico_exports_to_russia_2016_as_mexico_reports_them(store):
    figures = store.trade_value("MEX", "RUS", 2016, "export", source="imf_dots")
    assert len(figures) == 1
    f = figures[0]
    assert f.value == pytest.approx(178.53e6)
    assert (f.reporter, f.partner, f.year, f.flow, f.unit) == ("MEX", "RUS", 2016, "export", "USD")
    assert f.reported_by == "MEX" and not f.mirror
    src = store.sources[f.source_id]
    assert "Direction of Trade" in src.name and src.valuation == "exports FOB, imports CIF"


def test_the_same_flow_as_russia_reports_it_is_a_mirror_figure(store):
    [f] = store.mirror_value("MEX", "RUS", 2016, "export", source="imf_dots")
    assert f.mirror and f.reported_by == "RUS"
    assert (f.reporter, f.partner, f.flow) == ("MEX", "RUS", "export")
    raw = store.conn.execute(
        "SELECT value_usd FROM trade WHERE reporter='RUS' AND partner='MEX' AND year=2016 AND flow='import' AND source_id='imf_dots'"
    ).fetchone()[0]
    assert f.value == raw


def test_several_sources_for_one_flow_are_kept_apart_best_first(store):
    figures = store.trade_value("MEX", "RUS", 2016, "export")
    assert [f.source_id for f in figures] == ["imf_dots", "comtrade_penppml"]
    assert figures[1].value == pytest.approx(111.9e6, rel=1e-3)


def test_mexico_partners_2016_ranked_by_exports(store):
    ranked = store.partners_ranked("MEX", 2016, "export", limit=5)
    assert ranked[0].partner == "USA" and ranked[0].value == pytest.approx(302_580.9e6)
    values = [f.value for f in ranked]
    assert values == sorted(values, reverse=True)
    assert {f.source_id for f in ranked} == {"imf_dots"}
    assert all(store.countries[f.partner].kind != "group" for f in ranked)
    full = store.partners_ranked("MEX", 2016, "export")
    assert "RUS" in [f.partner for f in full] and "WLD" not in [f.partner for f in full]


def test_mexico_exports_to_the_world_2007_2016(store):
    series = store.world_total("MEX", "export", 2007, 2016, source="imf_dots")
    assert [f.year for f in series] == list(range(2007, 2017))
    assert series[-1].value == 373_954e6  # as the file has it (rounded to US$ million there)
    wdi = store.world_total("MEX", "export", 2016, 2016, source="wdi")
    assert wdi[0].value == 373_948_000_000


def test_gdp_of_guatemala(store):
    gdp = store.indicator("GTM", "NY.GDP.MKTP.CD", 2016, 2016)
    assert len(gdp) == 1 and gdp[0].unit == "USD" and gdp[0].value > 6e10
    assert store.sources[gdp[0].source_id].licence.startswith("CC BY 4.0")


@pytest.mark.parametrize("indicator, code, year, expected", [
    ("BX.KLT.DINV.CD.WD", "MEX", 2016, 38_899_523_620),
    ("BM.KLT.DINV.CD.WD", "MEX", 2016, 7_869_652_880),
])
def test_fdi_in_current_dollars(store, indicator, code, year, expected):
    [f] = store.indicator(code, indicator, year, year)
    assert f.value == pytest.approx(expected)


def test_historic_entities_and_groups_have_names(store):
    assert store.countries["SUN"].name == "USSR"  # named by the IMF DOTS file itself
    assert store.countries["WLD"].kind == "group"


def test_the_api_connection_is_read_only(store):
    with pytest.raises(sqlite3.OperationalError):
        store.conn.execute("DELETE FROM trade")


def test_coverage_lists_every_source_with_years(store):
    cov = {c["id"]: c for c in store.coverage()}
    assert cov["imf_dots"]["first_year"] == 1960 and cov["imf_dots"]["last_year"] == 2020
    assert cov["comtrade_penppml"]["last_year"] == 2016
    assert all(c["licence"] for c in cov.values())


def test_bundled_store_passes_its_integrity_checks(store):
    from bot.store.check import run_checks

    failed = [r for r in run_checks(store.conn) if not r.ok]
    assert failed == []


def test_product_data_is_absent_from_the_bundled_store(store):
    assert not store.has_product_data()
    assert store.products_ranked("MEX", "RUS", 2016, "export") == []
