"""Ctrl-C in the middle of a download keeps the partial file and the next run resumes it;
the IMF SDMX-CSV importer on both SDMX-CSV layouts."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from bot.cli import main
from bot.store import db
from bot.store.importers import imf_sdmx
from bot.store.importers.base import ImportFailure
from tests.update.conftest import BACI_ZIP, IMF, URL_VARS, baci_zip
from tests.update.server import Route, wait_for
from tests.update.test_update import digest, q

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_ctrl_c_keeps_the_partial_download_and_the_next_run_resumes(srv, store, tmp_path):
    srv.route(BACI_ZIP, Route(baci_zip(), "application/zip", trickle=True))
    part = store.parent / "downloads" / "baci" / "BACI_HS17_V202401.zip.part"
    env = {**os.environ, "TRADEFACTS_DB": str(store), **{v: srv.url for v in URL_VARS}}
    before = digest(store)
    proc = subprocess.Popen([sys.executable, "-m", "bot", "data", "update", "--source", "baci", "--quiet"],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert wait_for(lambda: part.exists() and part.stat().st_size >= 1024, timeout=20)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=20)
    finally:
        proc.kill()
    assert proc.returncode == 130
    assert "interrupted; the store was not changed, and partial downloads are kept" in err and "Traceback" not in err
    assert part.stat().st_size >= 1024 and digest(store) == before
    srv.route(BACI_ZIP, Route(baci_zip(), "application/zip"))
    assert main(["data", "update", "--source", "baci", "--quiet"]) == 0
    assert srv.seen(BACI_ZIP, "GET")[-1].headers["Range"] == "bytes=1024-"  # what the trickle had sent
    assert q(store, "SELECT count(*) FROM trade WHERE source_id='baci_hs17'")[0][0] > 0


def _load(store, name):
    conn = db.connect_rw(store)
    try:
        with db.transaction(conn):
            return imf_sdmx.load(conn, IMF / name, version="fixture")
    finally:
        conn.close()


def test_sdmx3_layout_keeps_annual_goods_flows_and_skips_the_rest(store):
    report = _load(store, "IMTS_GTM_2023_sdmx3.csv")
    rows = q(store, "SELECT reporter, partner, year, flow, value_usd FROM trade WHERE source_id='imf_imts' ORDER BY 2, 4")
    assert rows == [("GTM", "MEX", 2023, "export", 1234500000.0), ("GTM", "MEX", 2023, "import", 2345600000.0),
                    ("GTM", "WLD", 2023, "export", 15600000000.0)]
    assert report.skip_reasons == {"indicator MG_FOB_USD": 1, "not annual (FREQUENCY)": 1, "no value": 1}
    assert report.unknown_codes == {"G998": 1}
    _load(store, "IMTS_GTM_2023_sdmx3.csv")  # re-import replaces, never duplicates
    assert len(q(store, "SELECT 1 FROM trade WHERE source_id='imf_imts'")) == 3


@pytest.mark.parametrize("header, named", [
    ("DATAFLOW,COUNTRY,INDICATOR,COUNTERPART_COUNTRY,FREQUENCY,TIME_PERIOD,OBS_VALUE,OBS_MULTIPLIER",
     "unexpected column(s) 'OBS_MULTIPLIER'"),
    ("DATAFLOW,REF_AREA,INDICATOR,COUNTERPART_COUNTRY,FREQUENCY,TIME_PERIOD,OBS_VALUE",
     "unexpected column(s) 'REF_AREA'; missing column(s) 'COUNTRY'"),
])
def test_a_changed_layout_is_an_error_naming_the_column(store, tmp_path, header, named):
    f = tmp_path / "imts.csv"
    f.write_text(header + "\n" + "IMF.STA:IMTS(1.0.0),MEX,XG_FOB_USD,USA,A,2023,1,1\n"[: len(header.split(",")) * 40])
    conn = db.connect_rw(store)
    try:
        with pytest.raises(ImportFailure, match=named.replace("(", r"\(").replace(")", r"\)")):
            imf_sdmx.load(conn, f)
    finally:
        conn.close()
