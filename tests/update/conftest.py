"""Fixtures for the update tests: the local provider server with every provider's recorded
answers routed, a small store, and the environment pointing every provider at 127.0.0.1.

Nothing here can reach the internet: each provider's base URL is the local server, and a
test that forgets one fails on the autouse guard below (an unset URL is a closed port)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from tests.importer_fixtures import BACI, FIXTURES, WDI, small_store, small_store_template  # noqa: F401
from tests.update.server import Provider, Route

IMF = FIXTURES / "imf"
WB = FIXTURES / "worldbank_api"
BACI_SITE = FIXTURES / "baci_site"
COMTRADE_API = FIXTURES / "comtrade_api"
URL_VARS = ("TRADEFACTS_IMF_URL", "TRADEFACTS_WB_URL", "TRADEFACTS_BACI_URL", "TRADEFACTS_COMTRADE_URL")
IMF_DATA = "/2.1/data/IMF.STA,IMTS/MEX+RUS+USA.XG_FOB_USD+MG_CIF_USD..A"
BACI_ZIP = "/DATA_DOWNLOAD/baci/data/BACI_HS17_V202401.zip"
WDI_CSV = {
    "NY.GDP.MKTP.CD": WDI / "API_NY.GDP.MKTP.CD_DS2_en_csv_v2_900002.csv",
    "TX.VAL.MRCH.CD.WT": WDI / "API_TX.VAL.MRCH.CD.WT_DS2_en_csv_v2_900001.csv",
    "SP.POP.TOTL": WB / "API_SP.POP.TOTL_DS2_en_csv_v2_900003.csv",
    "BX.KLT.DINV.CD.WD": WB / "API_BX.KLT.DINV.CD.WD_DS2_en_csv_v2_900004.csv",
    "BM.KLT.DINV.CD.WD": WB / "API_BM.KLT.DINV.CD.WD_DS2_en_csv_v2_900005.csv",
    "TM.VAL.MRCH.CD.WT": WB / "API_TM.VAL.MRCH.CD.WT_DS2_en_csv_v2_900006.csv",
}
KEY = "test-subscription-key-5f2c"


def zip_of(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def wdi_zip(indicator: str) -> bytes:
    """The zip ``/v2/en/indicator/<code>?downloadformat=csv`` sends: the API_ file and two
    Metadata_ files, named with the same number."""
    csv_path = WDI_CSV[indicator]
    n = csv_path.stem.rsplit("_", 1)[1]
    return zip_of({csv_path.name: csv_path.read_bytes(),
                   f"Metadata_Country_API_{indicator}_DS2_en_csv_v2_{n}.csv":
                       (WB / "Metadata_Country_API_DS2_en_csv_v2.csv").read_bytes(),
                   f"Metadata_Indicator_API_{indicator}_DS2_en_csv_v2_{n}.csv":
                       (WB / "Metadata_Indicator_API_DS2_en_csv_v2.csv").read_bytes()})


def baci_zip(year_header: bytes | None = None) -> bytes:
    """BACI_HS17_V202401.zip from the BACI fixtures (CEPII's member names plus Readme.txt);
    ``year_header`` replaces the year files' first line (a changed layout)."""
    members = {"Readme.txt": b"BACI HS17 V202401 -- fixture\n"}
    for f in sorted(BACI.glob("*_V202401.csv")):
        data = f.read_bytes()
        if year_header is not None and f.name.startswith("BACI_"):
            data = year_header + data[data.index(b"\n"):]
        members[f.name] = data
    return zip_of(members)


def corrupt(data: bytes) -> bytes:
    """Flip bytes in the middle of the compressed data (the directory stays readable)."""
    mid = len(data) // 3
    return data[:mid] + bytes(b ^ 0xFF for b in data[mid:mid + 64]) + data[mid + 64:]


def route_all(srv: Provider) -> None:
    """Every provider's recorded answers, as the tests' default."""
    srv.route("/3.0/structure/dataflow/IMF.STA/IMTS/+",
              Route((IMF / "imts_dataflow_structure.json").read_bytes(), "application/json", head=False))
    srv.route(IMF_DATA + "?startPeriod=2021&endPeriod=2024",
              Route((IMF / "IMTS_MEX+RUS+USA_2021-2024.csv").read_bytes(), "application/vnd.sdmx.data+csv;version=1.0.0",
                    ranges=False, etag=None))
    for ind in WDI_CSV:
        srv.route(f"/v2/country/all/indicator/{ind}?format=json&per_page=1",
                  Route((WB / f"indicator_{ind}_per_page_1.json").read_bytes(), "application/json;charset=utf-8"))
        srv.route(f"/v2/en/indicator/{ind}?downloadformat=csv", Route(wdi_zip(ind), "application/zip"))
    srv.route("/CEPII/en/bdd_modele/bdd_modele_item.asp?id=37",
              Route((BACI_SITE / "bdd_modele_item_id37.html").read_bytes(), "text/html; charset=utf-8"))
    srv.route(BACI_ZIP, Route(baci_zip(), "application/x-zip-compressed"))
    srv.route("/data/v1/getDa/C/A/HS?reporterCode=484",
              Route((COMTRADE_API / "getDa_C_A_HS_MEX_2016.json").read_bytes(), "application/json"))
    srv.route("/data/v1/get/C/A/HS?reporterCode=484",
              Route((COMTRADE_API / "get_C_A_HS_MEX_2016.json").read_bytes(), "application/json", ranges=False, etag=None))


@pytest.fixture(autouse=True)
def _offline(monkeypatch):
    """Every provider URL points at a closed local port unless a test's server replaces it,
    and retries wait no time."""
    for var in URL_VARS:
        monkeypatch.setenv(var, "http://127.0.0.1:9")
    monkeypatch.setenv("TRADEFACTS_HTTP_BACKOFF", "0")
    monkeypatch.setenv("TRADEFACTS_COMTRADE_INTERVAL", "0")
    monkeypatch.delenv("COMTRADE_API_KEY", raising=False)


@pytest.fixture
def srv(monkeypatch):
    with Provider() as server:
        route_all(server)
        for var in URL_VARS:
            monkeypatch.setenv(var, server.url)
        yield server


@pytest.fixture
def store(small_store, monkeypatch) -> Path:  # noqa: F811 - the imported fixture
    monkeypatch.setenv("TRADEFACTS_DB", str(small_store))
    return small_store
