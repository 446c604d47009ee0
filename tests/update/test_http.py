"""The shared download code against the local server: back-off on 429/5xx, resume after a
dropped connection, restart when the file changed, checks, reuse, and no internet."""

from __future__ import annotations

import json
import time

import pytest

from bot.store.update.http import Http, UpdateError
from tests.update.server import Provider, Route

BODY = bytes(range(256)) * 800  # 200 KB


@pytest.fixture
def server():
    with Provider() as s:
        yield s


def client() -> Http:
    """Retries as in real use, but the back-off is recorded (``Http.waits``), not slept."""
    return Http(sleep=lambda seconds: None, base=0.5, retries=4)


@pytest.mark.parametrize("statuses, retry_after, expected_waits", [
    ([429], "7", [7.0]),                   # Retry-After is honoured exactly
    ([503, 502], None, [0.5, 1.0]),        # no Retry-After: exponential back-off (x1.25 jitter at most)
    ([429, 500, 504], "0", [0.0, 0.0, 0.0]),
])
def test_retries_429_and_5xx_with_backoff(server, statuses, retry_after, expected_waits):
    server.route("/f", Route(b'{"ok": true}', "application/json", statuses=list(statuses), retry_after=retry_after))
    with client() as http:
        assert http.get_json(server.url + "/f") == {"ok": True}
        waits = http.waits
    assert len(server.seen("/f")) == len(statuses) + 1
    assert len(waits) == len(expected_waits)
    for got, want in zip(waits, expected_waits):
        assert want <= got <= want * 1.25 + 1e-9


def test_gives_up_after_the_retries_with_one_line(server):
    server.route("/f", Route(b"x", statuses=[503] * 10))
    with client() as http, pytest.raises(UpdateError) as exc:
        http.get_text(server.url + "/f", what="the test file")
    assert "HTTP 503" in str(exc.value) and "\n" not in str(exc.value)
    assert len(server.seen("/f")) == 5  # first try + 4 retries


def test_dropped_connection_resumes_with_range(server, tmp_path):
    server.route("/big.zip", Route(BODY, drop_after=70_000))
    with client() as http:
        got = http.download(server.url + "/big.zip", tmp_path / "big.zip")
    assert (tmp_path / "big.zip").read_bytes() == BODY and got.size == len(BODY)
    gets = server.seen("/big.zip", "GET")
    assert len(gets) == 2 and "Range" not in gets[0].headers
    resumed_at = int(gets[1].headers["Range"].removeprefix("bytes=").rstrip("-"))
    assert 0 < resumed_at <= 70_000 and gets[1].headers.get("If-Range") == '"v1"'
    assert not (tmp_path / "big.zip.part").exists()


def test_a_partial_file_from_an_earlier_run_is_resumed(server, tmp_path):
    server.route("/big.zip", Route(BODY))
    (tmp_path / "big.zip.part").write_bytes(BODY[:50_000])
    (tmp_path / "big.zip.part.json").write_text(json.dumps({"url": server.url + "/big.zip", "params": {},
                                                            "etag": '"v1"', "started_at": time.time()}))
    with client() as http:
        got = http.download(server.url + "/big.zip", tmp_path / "big.zip")
    assert got.resumed_from == 50_000 and (tmp_path / "big.zip").read_bytes() == BODY
    assert server.seen("/big.zip", "GET")[0].headers["Range"] == "bytes=50000-"


@pytest.mark.parametrize("case, route", [
    ("file changed on the server (If-Range fails)", Route(BODY, etag='"v2"')),
    ("server ignores Range", Route(BODY, ranges=False)),
])
def test_partial_file_is_restarted_when_it_cannot_be_resumed(server, tmp_path, case, route):
    server.route("/big.zip", route)
    (tmp_path / "big.zip.part").write_bytes(b"\x00" * 50_000)  # bytes of an older file
    (tmp_path / "big.zip.part.json").write_text(json.dumps({"url": server.url + "/big.zip", "params": {},
                                                            "etag": '"v1"', "started_at": time.time()}))
    with client() as http:
        http.download(server.url + "/big.zip", tmp_path / "big.zip")
    assert (tmp_path / "big.zip").read_bytes() == BODY, case


def test_size_check_and_reuse_with_checksum(server, tmp_path):
    server.route("/big.zip", Route(BODY))
    dest = tmp_path / "big.zip"
    with client() as http:
        with pytest.raises(UpdateError, match="announces 204,800 bytes, expected 1,000"):
            http.download(server.url + "/big.zip", dest, expected_size=1000)
        http.download(server.url + "/big.zip", dest)
        n = len(server.seen("/big.zip", "GET"))
        again = http.download(server.url + "/big.zip", dest)  # finished and intact: reused
        assert again.reused and len(server.seen("/big.zip", "GET")) == n
        dest.write_bytes(b"tampered" + BODY[8:])  # same size, other bytes: the SHA-256 differs
        fresh = http.download(server.url + "/big.zip", dest)
    assert not fresh.reused and dest.read_bytes() == BODY


def test_unreachable_host_fails_fast_with_one_line():
    start = time.perf_counter()
    with Http(base=0) as http, pytest.raises(UpdateError) as exc:
        http.get_json("http://127.0.0.1:9/x", what="IMF IMTS structure")
    text = str(exc.value)
    assert text.startswith("cannot reach 127.0.0.1:9 for IMF IMTS structure (no internet connection?)")
    assert "\n" not in text and time.perf_counter() - start < 5
