"""The downloaded-format importers (BACI, Comtrade+, WDI CSV) on hand-made fixtures in the
published layouts: figures come back through the store API in US dollars, sources and
files are recorded, unknown codes are reported, and re-imports never duplicate rows.
All fixture values are invented (see tests/fixtures/*/README.md)."""

from __future__ import annotations

import gzip
import shutil

import pytest

from bot.store.ingest import import_files
from bot.store.queries import Store
from tests.importer_fixtures import (BACI_2016, BACI_2017, BACI_COUNTRIES, BACI_COUNTRIES_OLD, BACI_PRODUCTS,  # noqa: F401
                                     COMTRADE_API, COMTRADE_SITE, WDI_BULK, WDI_GDP, WDI_TX, rows_of, small_store,
                                     small_store_template)

QUIET = dict(progress=False, log=lambda s: None)

# format, files, [(store method, args, kwargs, expected value, expected quantity or ...)]
CASES = {
    "baci": (["BACI_2016", "BACI_2017"], [
        # v is in thousands of US$: 9876543.210 -> 9,876,543,210 US$
        ("trade_value", ("MEX", "USA", 2016, "export", "870840"), 9_876_543_210.0, 432_100.5),
        ("trade_value", ("MEX", "USA", 2017, "export", "870840"), 10_234_567_890.0, 450_123.0),
        # k "10121" is HS 010121; a blank q is an unknown quantity, not zero
        ("trade_value", ("MEX", "RUS", 2016, "export", "010121"), 250_500.0, None),
        ("trade_value", ("MEX", "RUS", 2016, "export", "271012"), 88_125.0, None),  # q = NA
        # CEPII's own codes: 842 USA, 251 France, 699 India
        ("trade_value", ("USA", "MEX", 2016, "export", "271012"), 18_234_567_891.0, 34_567_890.0),
        ("trade_value", ("FRA", "MEX", 2016, "export", "300490"), 310_456_002.0, 2_210.125),
        ("trade_value", ("MEX", "IND", 2016, "export", "870840"), 5_432_100.0, 230.4),
    ]),
    "comtrade": (["COMTRADE_SITE", "COMTRADE_API"], [
        ("trade_value", ("MEX", "WLD", 2016, "export"), 373_939_000_000.5, None),  # partner 0 / W00 = World
        ("trade_value", ("MEX", "WLD", 2016, "import"), 387_064_000_000.0, None),
        ("trade_value", ("MEX", "USA", 2016, "export"), 302_654_000_000.0, None),  # not the motCode/customs breakdowns
        ("trade_value", ("MEX", "RUS", 2016, "export", "870840"), 1_200_000.0, 45.0),  # netWgt kg -> tons
        ("trade_value", ("MEX", "RUS", 2016, "export", "080450"), 2_210_000.0, 1_450.0),  # "80450" restored
        ("trade_value", ("USA", "MEX", 2016, "import"), 294_151_000_000.0, None),
        ("trade_value", ("USA", "MEX", 2016, "export", "870840"), 7_400_000_000.0, 980_000.0),  # API file, no ISO
        ("trade_value", ("CHN", "MEX", 2016, "export"), 32_550_000_000.0, None),
    ]),
    "wdi": (["WDI_TX", "WDI_GDP", "WDI_BULK"], [
        ("trade_value", ("MEX", "WLD", 2016, "export"), 373_900_000_000.0, None),
        ("trade_value", ("RUS", "WLD", 2016, "import"), 191_600_000_000.0, None),
        ("trade_value", ("LCN", "WLD", 2017, "export"), 1_098_765_000_000.0, None),  # a WB aggregate
        ("indicator", ("MEX", "NY.GDP.MKTP.CD", 2016, 2016), 1_112_233_000_000.0, "USD"),
        ("indicator", ("EMU", "NY.GDP.MKTP.CD", 2016, 2016), 11_950_000_000_000.5, "USD"),
        ("indicator", ("MEX", "BX.KLT.DINV.WD.GD.ZS", 2016, 2016), 3.4205, "percent_of_gdp"),
        ("indicator", ("MEX", "NY.GDP.PCAP.PP.CD", 2016, 2016), 19_130.5, "value"),  # international $, not US$
        ("indicator", ("XKX", "SP.POP.TOTL", 2016, 2016), 1_777_557.0, "value"),
    ]),
}
SOURCES = {
    "baci": [("baci_hs17", "V202401", 5, "product_trade", "FOB (CEPII reconciled mirror flows)", "Etalab Open Licence 2.0",
              "CEPII BACI (Gaulier & Zignago 2010)", 1000.0)],
    "comtrade": [("comtrade_hs", None, 15, "product_trade", "exports FOB, imports CIF (as reported)", None, None, 1.0)],
    "wdi": [("wdi_csv", None, 18, "indicator", None, "CC BY 4.0", None, 1.0)],
}
ROW_COUNTS = {"baci": 24 + 4, "comtrade": 13 + 5, "wdi": 16 + 7 + 11}


def _files(names):
    return [globals()[n] for n in names]


def _import(store, fmt, names):
    return import_files(store, fmt, _files(names), **QUIET)


def _figure_rows(store, fmt):
    ids = [s[0] for s in SOURCES[fmt]]
    marks = ",".join("?" * len(ids))
    trade = rows_of(store, f"SELECT * FROM trade WHERE source_id IN ({marks}) ORDER BY 1,2,3,4,5,6", tuple(ids))
    ind = rows_of(store, f"SELECT * FROM indicators WHERE source_id IN ({marks}) ORDER BY 1,2,3,4", tuple(ids))
    return trade + ind


@pytest.mark.parametrize("fmt", sorted(CASES))
def test_figures_come_back_through_the_store_api(small_store, fmt):
    names, checks = CASES[fmt]
    _import(small_store, fmt, names)
    store = Store.open(small_store)
    try:
        for method, args, value, extra in checks:
            if method == "trade_value":
                figs = store.trade_value(*args)
                assert len(figs) == 1, (args, figs)
                assert figs[0].value == pytest.approx(value, rel=0, abs=0.005), args
                assert figs[0].unit == "USD"
                assert figs[0].quantity == (pytest.approx(extra) if extra is not None else None), args
                assert figs[0].source_id == SOURCES[fmt][0][0]
            else:
                figs = store.indicator(*args)
                assert [f.value for f in figs] == [pytest.approx(value)], args
                assert figs[0].unit == extra and figs[0].source_id == "wdi_csv"
    finally:
        store.close()


@pytest.mark.parametrize("fmt", sorted(CASES))
def test_source_and_files_are_recorded(small_store, fmt):
    names, _ = CASES[fmt]
    reports = _import(small_store, fmt, names)
    for sid, version, priority, kind, valuation, licence, citation, factor in SOURCES[fmt]:
        (row,) = rows_of(small_store, "SELECT version, priority, kind, valuation, licence, citation, unit_factor"
                                      " FROM sources WHERE id = ?", (sid,))
        expected = (version, priority, kind, valuation, licence, citation, factor)
        assert all(e is None or e == got for e, got in zip(expected, row)), (row, expected)
        files = dict(rows_of(small_store, "SELECT file_name, rows FROM source_files WHERE source_id = ?", (sid,)))
        for f in _files(names):
            if f.name.startswith(("country_codes", "product_codes")):
                continue
            assert f.name in files, files
    (count,) = rows_of(small_store, "SELECT sum(rows) FROM source_coverage WHERE source_id IN ('baci_hs17',"
                                    " 'comtrade_hs', 'wdi_csv')")[0]
    assert count == ROW_COUNTS[fmt] == sum(r.rows for r in reports)


@pytest.mark.parametrize("fmt", sorted(CASES))
def test_reimport_replaces_and_never_duplicates(small_store, fmt):
    names, _ = CASES[fmt]
    _import(small_store, fmt, names)
    first = _figure_rows(small_store, fmt)
    _import(small_store, fmt, names)
    _import(small_store, fmt, list(reversed(names)))
    assert _figure_rows(small_store, fmt) == first
    assert len(first) == ROW_COUNTS[fmt]


# --- unknown codes are counted and reported, never silently dropped ---------------------
@pytest.mark.parametrize("fmt, names, code, rows", [
    ("baci", ["BACI_2016"], "490 (S19 Other Asia, nes)", 2),  # mapped with the companion file beside it
    ("comtrade", ["COMTRADE_SITE"], "490 S19", 1),
])
def test_unknown_codes_are_reported(small_store, fmt, names, code, rows):
    (report,) = _import(small_store, fmt, names)
    assert report.unknown_codes == {code: rows}
    assert report.skipped >= rows
    assert code in report.summary() and "skipped" in report.summary()
    assert rows_of(small_store, "SELECT detail, count FROM import_issues WHERE kind = 'unknown_code'") == [(code, rows)]


def test_wdi_registers_aggregates_with_the_files_names(small_store):
    reports = _import(small_store, "wdi", ["WDI_TX", "WDI_BULK"])
    assert {c for r in reports for c in r.registered_codes} >= {"LCN", "WLD", "SSF", "XKX"}
    names = dict(rows_of(small_store, "SELECT code, name FROM countries WHERE code IN ('LCN', 'SSF', 'XKX')"))
    assert names == {"LCN": "Latin America & Caribbean", "SSF": "Sub-Saharan Africa", "XKX": "Kosovo"}


# --- BACI specifics -------------------------------------------------------------------------
def _alone(tmp_path, *files):
    """Copy files to a folder of their own (no companion beside them)."""
    folder = tmp_path / "download"
    folder.mkdir(exist_ok=True)
    out = []
    for f in files:
        shutil.copyfile(f, folder / f.name)
        out.append(folder / f.name)
    return out


@pytest.mark.parametrize("companion, expect_notes", [
    (None, "store's ISO numeric codes"),
    ("current", "country_codes_V202401.csv"),
    ("old", "country_codes_V202001_oldlayout.csv"),
])
def test_baci_country_codes_sources(small_store, tmp_path, companion, expect_notes):
    (data,) = _alone(tmp_path, BACI_2016)
    files = {None: [], "current": [BACI_COUNTRIES], "old": [BACI_COUNTRIES_OLD]}[companion] + [data]
    reports = import_files(small_store, "baci", files, **QUIET)
    report = reports[-1]
    assert expect_notes in report.summary()
    assert report.rows == 24 and report.skipped == 2
    label = "490" if companion is None else "490 (- Other Asia, not elsewhere specified)" if companion == "old" else "490 (S19 Other Asia, nes)"
    assert report.unknown_codes == {label: 2}
    store = Store.open(small_store)
    try:  # 842 is the USA whichever way the codes were mapped
        assert store.trade_value("USA", "MEX", 2016, "export", "870840")[0].value == 7_654_321_098.0
    finally:
        store.close()


def test_baci_reimport_of_a_year_replaces_only_that_year(small_store, tmp_path):
    import_files(small_store, "baci", [BACI_2016, BACI_2017], **QUIET)
    (folder_2016,) = _alone(tmp_path, BACI_2016)
    lines = folder_2016.read_text().splitlines(keepends=True)
    kept = [ln for ln in lines if ",870840," not in ln]  # the revised 2016 file drops HS 870840
    folder_2016.write_text("".join(kept))
    import_files(small_store, "baci", [folder_2016], **QUIET)
    years = dict(rows_of(small_store, "SELECT year, count(*) FROM trade WHERE source_id = 'baci_hs17' GROUP BY year"))
    assert years == {2016: 24 - 5, 2017: 4}  # 6 lines of 870840, one of them to an unknown code
    assert rows_of(small_store, "SELECT count(*) FROM trade WHERE year = 2016 AND product = '870840'") == [(0,)]


def test_baci_product_codes_add_descriptions(small_store):
    (report,) = import_files(small_store, "baci", [BACI_PRODUCTS], **QUIET)
    assert report.rows == 14
    store = Store.open(small_store)
    try:
        assert store.products["870840"].description  # from the store's HS table, kept
        assert store.products["080450"].level == 6
    finally:
        store.close()


def _trade_dump(store):
    return rows_of(store, "SELECT * FROM trade ORDER BY 1,2,3,4,5,6")


def test_baci_fast_and_reference_readers_agree(small_store_template, tmp_path, monkeypatch):
    """The pandas block reader and the pure-Python reference reader store identical rows,
    also across many small blocks (block boundaries) and from a gzip file."""
    import random

    from bot.store.importers import baci

    rng = random.Random(7)
    codes = [4, 8, 12, 32, 36, 76, 124, 156, 251, 276, 392, 410, 484, 490, 643, 699, 710, 757, 826, 842]
    lines = ["t,i,j,k,v,q"]
    for i in codes:
        for j in codes:
            if i != j:
                for k in sorted(rng.sample(range(10000, 999999), 6)):
                    q = rng.choice(["", "NA", f"{rng.uniform(0, 1e4):.3f}"])
                    lines.append(f"2016,{i},{j},{k},{rng.lognormvariate(3, 3):.3f},{q}")
    folder = tmp_path / "gen"
    folder.mkdir()
    plain = folder / "BACI_HS17_Y2016_V202401.csv"
    plain.write_text("\n".join(lines) + "\n")
    packed = folder / "BACI_HS17_Y2016_V202401.csv.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    monkeypatch.setattr(baci, "BLOCK_BYTES", 997)  # many blocks, cut mid-line
    dumps = {}
    for engine in ("pandas", "python"):
        for f in (plain, packed):
            monkeypatch.setenv("TRADEFACTS_BACI_ENGINE", engine)
            store = tmp_path / f"{engine}-{f.suffix}.sqlite"
            shutil.copyfile(small_store_template, store)
            (report,) = import_files(store, "baci", [f], **QUIET)
            assert report.rows + report.skipped == len(lines) - 1
            dumps[(engine, f.suffix)] = _trade_dump(store)
    first = dumps[("python", ".csv")]
    assert len(first) > 1000
    assert all(d == first for d in dumps.values())


def test_baci_rows_stay_out_of_the_totals_index_and_a_failure_rolls_back(small_store, tmp_path):
    """Product rows go only into the primary key (the secondary index is partial, totals
    only), so an import writes one b-tree; a failure still leaves the store as it was."""
    from bot.store.importers.base import ImportFailure
    from tests.importer_fixtures import sha256

    (bad,) = _alone(tmp_path, BACI_2016)
    bad.write_text(bad.read_text() + "2016,842,484,870840,1.000,\n")
    before = sha256(small_store)
    with pytest.raises(ImportFailure, match=r"line 28: duplicate row"):
        import_files(small_store, "baci", [BACI_COUNTRIES, bad], **QUIET)
    assert sha256(small_store) == before
    (report,) = import_files(small_store, "baci", [BACI_2016], **QUIET)
    assert report.rows > 0
    indexed = rows_of(small_store, "SELECT count(*) FROM trade INDEXED BY trade_by_reporter WHERE product = 'TOTAL'")
    totals = rows_of(small_store, "SELECT count(*) FROM trade WHERE product = 'TOTAL'")
    products = rows_of(small_store, "SELECT count(*) FROM trade WHERE product != 'TOTAL'")
    assert indexed == totals and products[0][0] == report.rows


def test_coverage_after_imports_and_re_imports_matches_a_full_recount(small_store):
    """BACI keeps its source's row count by arithmetic (deleted, inserted) and the other
    sources of an import are recounted: either way /sources shows what a full count shows."""
    import_files(small_store, "baci", [BACI_COUNTRIES, BACI_2016], **QUIET)
    import_files(small_store, "baci", [BACI_COUNTRIES, BACI_2016, BACI_2017], **QUIET)  # 2016 again: replaced
    import_files(small_store, "comtrade", [COMTRADE_SITE], **QUIET)
    kept = rows_of(small_store, "SELECT source_id, rows, first_year, last_year FROM source_coverage"
                                " WHERE tbl = 'trade' ORDER BY source_id")
    counted = rows_of(small_store, "SELECT source_id, count(*), min(year), max(year) FROM trade"
                                   " GROUP BY source_id ORDER BY source_id")
    assert kept == counted and {"baci_hs17", "comtrade_hs"} <= {r[0] for r in kept}


# --- Comtrade specifics --------------------------------------------------------------------
def test_comtrade_rule_skips_re_exports_breakdowns_and_monthly_rows(small_store):
    (report,) = import_files(small_store, "comtrade", [COMTRADE_SITE], **QUIET)
    assert report.skip_reasons == {
        "breakdown row (partner2/customs/mode of supply/transport not total)": 3, "flow RX": 1,
        "not annual (freqCode)": 1}
    assert report.rows == 13 and report.skipped == 6
    text = report.summary()
    assert "flow RX ×1" in text and "breakdown row" in text
    store = Store.open(small_store)
    try:  # the USA total is the C00/motCode 0 row, not the sea-transport or customs breakdown
        assert [f.value for f in store.trade_value("MEX", "USA", 2016, "export")] == [302_654_000_000.0]
        assert store.trade_value("MEX", "USA", 2016, "export", source="comtrade_hs")[0].quantity is None
        assert store.sources["comtrade_hs"].priority == 15
    finally:
        store.close()


# --- WDI specifics ---------------------------------------------------------------------------
def test_wdi_empty_cells_are_missing_and_version_is_the_update_date(small_store):
    import_files(small_store, "wdi", [WDI_TX, WDI_GDP], **QUIET)
    store = Store.open(small_store)
    try:
        assert [f.year for f in store.world_total("MEX", "export")] == [2014, 2015, 2016, 2017]
        assert store.world_total("ABW", "export") == []  # a row of empty cells adds nothing
        assert store.sources["wdi_csv"].version == "2025-01-28"
        assert store.indicator_defs()["NY.GDP.MKTP.CD"] == ("GDP (current US$)", "USD", "World Bank WDI")
    finally:
        store.close()


def test_wdi_reimport_replaces_values(small_store, tmp_path):
    import_files(small_store, "wdi", [WDI_TX], **QUIET)
    (revised,) = _alone(tmp_path, WDI_TX)
    revised.write_bytes(revised.read_bytes().replace(b'"373900000000"', b'"373999000000"'))
    import_files(small_store, "wdi", [revised], **QUIET)
    assert rows_of(small_store, "SELECT value_usd FROM trade WHERE reporter = 'MEX' AND year = 2016") == [(373_999_000_000.0,)]
    assert rows_of(small_store, "SELECT count(*) FROM trade WHERE source_id = 'wdi_csv'") == [(16,)]


# --- the command line ------------------------------------------------------------------------
def test_cli_import_prints_a_summary(small_store, capsys):
    from bot.cli import main

    rc = main(["--db", str(small_store), "data", "import", "baci", str(BACI_2016), "--quiet"])
    out, err = capsys.readouterr()
    assert rc == 0, err
    assert "24 rows into baci_hs17" in out and "490 (S19 Other Asia, nes) ×2" in out
    assert "imported 1 file(s)" in out


def test_cli_bad_file_is_one_line_and_exit_1(small_store, tmp_path, capsys):
    from bot.cli import main
    from tests.importer_fixtures import sha256

    (bad,) = _alone(tmp_path, BACI_2016)
    bad.write_text(bad.read_text().replace("2016,484,643,870840,1234.567", "2016,484,643,870840,12x4.567"))
    before = sha256(small_store)
    rc = main(["--db", str(small_store), "data", "import", "baci", str(bad), "--quiet"])
    out, err = capsys.readouterr()
    assert rc == 1
    assert err.startswith("tradefacts: ") and err.count("\n") == 1 and "Traceback" not in err
    assert "BACI_HS17_Y2016_V202401.csv, line 13, column 'v'" in err
    assert sha256(small_store) == before
