"""``tradefacts data update`` end to end, every provider against the local server: dry run,
import with vintage, failures that leave the store exactly as it was."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from bot.cli import main
from tests.update.conftest import BACI_ZIP, COMTRADE_API, IMF, IMF_DATA, KEY, baci_zip, corrupt
from tests.update.server import Route

TODAY = date.today().isoformat()
IMF_ARGS = ["--source", "imf", "--reporters", "MEX,RUS,USA", "--years", "2021-2024"]


def digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def q(store: Path, sql: str, params: tuple = ()) -> list[tuple]:
    conn = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def update(*args: str) -> int:
    return main(["data", "update", "--quiet", *args])


def test_dry_run_lists_releases_and_sizes_and_changes_nothing(srv, store, capsys, monkeypatch):
    monkeypatch.setenv("COMTRADE_API_KEY", KEY)
    before = digest(store)
    assert update("--dry-run", "--reporters", "MEX", "--years", "2016") == 0
    out = capsys.readouterr().out
    assert "imf       IMF IMTS, latest release IMF.STA:IMTS 1.0.0, updated 2026-01-30" in out
    assert "wdi       World Bank WDI, latest release 2025-01-28: 6 download(s)" in out
    assert f"BACI_HS17_V202401.zip: {len(baci_zip()) / 1024:,.1f} KB" in out
    assert "comtrade  UN Comtrade, latest release Comtrade+ final data, last released 2023-11-28" in out
    assert "total to download:" in out
    assert digest(store) == before
    data_gets = [r for r in srv.requests if r.method == "GET" and (r.path.startswith(("/2.1/data", "/DATA_DOWNLOAD"))
                 or "downloadformat" in r.query or r.path == "/data/v1/get/C/A/HS")]
    assert data_gets == []  # only metadata and HEAD


def test_wdi_update_imports_with_vintage_and_then_is_up_to_date(srv, store, capsys):
    assert update("--source", "wdi") == 0
    assert q(store, "SELECT value FROM indicators WHERE code='MEX' AND indicator='SP.POP.TOTL' AND year=2023"
                    " AND source_id='wdi_csv'") == [(128455567.0,)]
    assert q(store, "SELECT value_usd FROM trade WHERE reporter='USA' AND partner='WLD' AND flow='import'"
                    " AND year=2022 AND source_id='wdi_csv'") == [(3376000000000.0,)]
    assert q(store, "SELECT version FROM sources WHERE id='wdi_csv'") == [(f"2025-01-28, downloaded {TODAY}",)]
    gets = len(srv.seen("/v2/en/indicator", "GET"))
    assert gets == 6
    assert update("--source", "wdi") == 0  # same release: nothing fetched
    assert len(srv.seen("/v2/en/indicator", "GET")) == gets
    assert not list((store.parent / "downloads" / "wdi").glob("*.zip"))  # imported downloads are removed


def test_vintage_reaches_sources_and_the_answer_source_line(srv, store, capsys):
    from bot.chat.messages import sources_list
    from bot.engine.engine import Engine
    from bot.store.queries import Store

    assert update("--source", "wdi") == 0
    s = Store.open(store)
    try:
        assert f"2025-01-28, downloaded {TODAY}" in sources_list(s.coverage(), "en")
        answer = Engine(s).ask("GDP of Mexico in 2016")
    finally:
        s.close()
    assert answer.status == "ok", answer.text
    assert f"World Bank, World Development Indicators, 2025-01-28, downloaded {TODAY}" in answer.source_line


def test_imf_update_imports_imts_figures(srv, store, capsys):
    assert update(*IMF_ARGS) == 0
    rows = dict(((r, p, y, f), v) for r, p, y, f, v in q(
        store, "SELECT reporter, partner, year, flow, value_usd FROM trade WHERE source_id='imf_imts'"))
    assert rows[("MEX", "RUS", 2024, "export")] == 501230000
    assert rows[("USA", "WLD", 2024, "export")] == 2065411250609
    assert ("RUS", "MEX", 2024, "export") not in rows  # empty cell: missing, never zero
    assert not any(p == "G163" for _, p, _, _ in rows)  # IMF groups other than the World are not guessed
    (req,) = srv.seen(IMF_DATA)
    assert req.query == {"startPeriod": "2021", "endPeriod": "2024"}
    assert req.headers["Accept"] == "application/vnd.sdmx.data+csv;version=1.0.0"
    assert q(store, "SELECT version, priority FROM sources WHERE id='imf_imts'") == [
        (f"IMF.STA:IMTS 1.0.0, updated 2026-01-30, downloaded {TODAY}", 9)]


def test_imf_changed_schema_names_the_column_and_changes_nothing(srv, store, capsys):
    text = (IMF / "IMTS_MEX+RUS+USA_2021-2024.csv").read_bytes().replace(b",OBS_VALUE,", b",OBS_VALUE_USD,", 1)
    srv.route(IMF_DATA + "?startPeriod=2021&endPeriod=2024", Route(text, "text/csv", ranges=False, etag=None))
    before = digest(store)
    assert update(*IMF_ARGS) == 1
    err = capsys.readouterr().err.strip()
    assert "unexpected column(s) 'OBS_VALUE_USD'" in err and "missing column(s) 'OBS_VALUE'" in err
    assert len(err.splitlines()) == 1 and err.endswith("the store was not changed")
    assert digest(store) == before


def test_baci_update_resumes_a_dropped_download_and_imports_every_year(srv, store, capsys):
    srv.routes[next(k for k in srv.routes if k[0] == BACI_ZIP)].drop_after = 1500
    assert update("--source", "baci") == 0
    years = q(store, "SELECT year, count(*) FROM trade WHERE source_id='baci_hs17' GROUP BY year")
    assert [y for y, _ in years] == [2016, 2017] and all(n > 0 for _, n in years)
    assert q(store, "SELECT version FROM sources WHERE id='baci_hs17'") == [(f"V202401, downloaded {TODAY}",)]
    gets = srv.seen(BACI_ZIP, "GET")
    assert len(gets) == 2 and gets[1].headers["Range"].startswith("bytes=")
    assert update("--source", "baci") == 0  # V202401 already loaded: not fetched again
    assert len(srv.seen(BACI_ZIP, "GET")) == 2


def test_baci_corrupt_zip_is_deleted_and_the_next_run_recovers(srv, store, capsys):
    srv.route(BACI_ZIP, Route(corrupt(baci_zip()), "application/zip"))
    before = digest(store)
    assert update("--source", "baci") == 1
    err = capsys.readouterr().err
    assert "BACI_HS17_V202401.zip is damaged" in err and "run again to download it anew" in err
    assert digest(store) == before
    assert not (store.parent / "downloads" / "baci" / "BACI_HS17_V202401.zip").exists()
    srv.route(BACI_ZIP, Route(baci_zip(), "application/zip"))
    assert update("--source", "baci") == 0
    assert q(store, "SELECT count(*) FROM trade WHERE source_id='baci_hs17'")[0][0] > 0


def test_a_failure_in_one_source_rolls_back_every_source(srv, store, capsys):
    """wdi imports first in the run's one transaction; BACI's changed layout then fails it."""
    srv.route(BACI_ZIP, Route(baci_zip(year_header=b"t,i,j,k,v,quantity"), "application/zip"))
    before = digest(store)
    assert update("--source", "wdi,baci") == 1
    err = capsys.readouterr().err
    assert "unexpected column(s) 'quantity'; missing column(s) 'q'" in err
    assert digest(store) == before
    assert q(store, "SELECT count(*) FROM indicators WHERE source_id='wdi_csv'") == [(0,)]


def test_comtrade_needs_a_key(srv, store, capsys):
    assert update("--source", "comtrade", "--reporters", "MEX", "--years", "2016") == 1
    assert "set COMTRADE_API_KEY" in capsys.readouterr().err
    assert srv.requests == []


def test_comtrade_update_with_key_rate_limit_and_no_key_leak(srv, store, capsys, monkeypatch):
    monkeypatch.setenv("COMTRADE_API_KEY", KEY)
    data_route = srv.routes[next(k for k in srv.routes if k[0] == "/data/v1/get/C/A/HS")]
    data_route.statuses, data_route.retry_after = [429], "0"
    assert update("--source", "comtrade", "--reporters", "MEX", "--years", "2016", "--keep-downloads") == 0
    rows = q(store, "SELECT partner, flow, value_usd, source_id FROM trade WHERE reporter='MEX' AND year=2016"
                    " ORDER BY partner, flow")
    records = json.loads((COMTRADE_API / "get_C_A_HS_MEX_2016.json").read_text())["data"]
    to_usa = next(r["primaryValue"] for r in records if r["flowCode"] == "X" and r["partnerCode"] == 842)
    assert ("USA", "export", to_usa, "comtrade_hs") in rows and ("WLD", "import", 387064000000.0, "comtrade_hs") in rows
    assert ("S19", "export") not in {(p, f) for p, f, _, _ in rows}  # "Other Asia, nes": no country, skipped
    gets = srv.seen("/data/v1/get/C/A/HS")
    assert len(gets) == 2  # a 429, then the answer
    assert gets[-1].query["cmdCode"] == "TOTAL" and gets[-1].query["flowCode"] == "X,M"
    assert all(r.headers.get("Ocp-Apim-Subscription-Key") == KEY for r in srv.requests)
    assert not any(KEY in str(r.query) for r in srv.requests)
    on_disk = b"".join(p.read_bytes() for p in (store.parent / "downloads").rglob("*") if p.is_file())
    assert on_disk and KEY.encode() not in on_disk
    version = q(store, "SELECT version FROM sources WHERE id='comtrade_hs'")[0][0]
    assert version == f"Comtrade+ final data, last released 2023-11-28, downloaded {TODAY}"


def test_no_internet_is_one_line_not_a_traceback(store, capsys):
    before = digest(store)
    assert update("--source", "wdi") == 1
    err = capsys.readouterr().err
    assert err.startswith("tradefacts: cannot reach 127.0.0.1:9") and "no internet connection?" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert digest(store) == before


@pytest.mark.parametrize("args, message", [
    (["--source", "nasdaq"], "unknown source 'nasdaq'"),
    (["--source", "imf", "--years", "20x4"], "not a year or range: '20x4'"),
    (["--source", "imf", "--reporters", "Atlantis"], "unknown reporter(s) 'Atlantis'"),
    (["--source", "comtrade", "--reporters", "MEX"], "set COMTRADE_API_KEY"),
])
def test_bad_arguments_get_a_clear_line(store, capsys, args, message):
    assert update(*args) in (1, 2)
    assert message in capsys.readouterr().err
