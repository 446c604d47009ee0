"""HTTP for ``data update``: polite retries, resumable downloads, one-line failures.

Why plain httpx (already installed with python-telegram-bot) rather than a provider client
library: every provider here is a handful of GET requests, the downloads need HTTP Range
resume and byte-exact checks that no client library offers, and the tests point each provider
at a local server through one base-URL setting (``TRADEFACTS_*_URL``).

- ``request`` retries HTTP 429 and 5xx (honouring ``Retry-After``) and dropped connections,
  with exponential back-off; a host that cannot be reached at all fails after two quick
  retries with ``UpdateError("cannot reach HOST ... (no internet connection?)")``.
- ``download`` streams to ``NAME.part``; a dropped connection, a retry or the next run
  continues from the bytes already on disk with ``Range`` (``If-Range`` guards against the
  file having changed on the server, which restarts it). The finished file must match the
  announced size; it is renamed into place only when complete, with a ``NAME.json`` record
  (size, SHA-256, ETag) that lets a later run reuse it after re-checking the checksum.
  Ctrl-C keeps the partial file for the next run.
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import os
import random
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

import httpx

USER_AGENT = "tradefacts-data-update/0.1 (+https://github.com/; data desk tool)"
RETRY_STATUS = frozenset({429, 500, 502, 503, 504, 520, 522, 524})


class UpdateError(Exception):
    """An update step failed; the message is one line for the user (no secrets in it)."""


def backoff_base() -> float:
    """Seconds before the first retry (doubles each time). ``TRADEFACTS_HTTP_BACKOFF``
    overrides it (the tests use a tiny value so retries do not slow the suite)."""
    try:
        return max(0.0, float(os.environ.get("TRADEFACTS_HTTP_BACKOFF", "2")))
    except ValueError:
        return 2.0


def _retry_after(resp: httpx.Response) -> float | None:
    value = resp.headers.get("Retry-After", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def host_of(url: str) -> str:
    return urlsplit(url).netloc or url


@dataclass
class Downloaded:
    path: Path
    size: int
    sha256: str
    resumed_from: int = 0
    reused: bool = False


class Http:
    """One client per update run. ``sleep`` is injectable so tests can record the back-off."""

    def __init__(self, *, retries: int = 6, timeout: float = 60.0, max_wait: float = 300.0,
                 sleep: Callable[[float], None] = time.sleep, base: float | None = None):
        self.retries, self.max_wait, self.sleep = retries, max_wait, sleep
        self.base = backoff_base() if base is None else base
        self.client = httpx.Client(timeout=httpx.Timeout(timeout, connect=20.0), follow_redirects=True,
                                   headers={"User-Agent": USER_AGENT})
        self.waits: list[float] = []  # every back-off slept, for the log and the tests
        self._last_call: dict[str, float] = {}

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> "Http":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- pacing and back-off ----------------------------------------------------------------
    def pace(self, key: str, min_interval: float) -> None:
        """Keep at least ``min_interval`` seconds between calls to one API (its rate limit)."""
        if min_interval <= 0:
            return
        last = self._last_call.get(key)
        if last is not None:
            wait = last + min_interval - time.monotonic()
            if wait > 0:
                self.sleep(wait)
        self._last_call[key] = time.monotonic()

    def _wait(self, attempt: int, resp: httpx.Response | None = None) -> None:
        told = _retry_after(resp) if resp is not None else None
        delay = told if told is not None else self.base * (2 ** attempt) * (1 + 0.25 * random.random())
        delay = min(delay, self.max_wait)
        self.waits.append(delay)
        if delay > 0:
            self.sleep(delay)

    def _wait_connect(self, failures: int, url: str, what: str, exc: httpx.ConnectError) -> None:
        """A host that refuses or does not resolve: two short waits, not the long back-off
        (without internet the command should say so in seconds); the third failure ends it."""
        if failures > 2:
            raise UpdateError(f"cannot reach {host_of(url)} for {what} (no internet connection?): {_reason(exc)}") from None
        delay = min(1.0, self.base) * failures
        self.waits.append(delay)
        if delay > 0:
            self.sleep(delay)

    # --- plain requests ----------------------------------------------------------------------
    def request(self, method: str, url: str, *, params: dict | None = None, headers: dict | None = None,
                what: str = "") -> httpx.Response:
        """A complete (non-streamed) response with status < 400; retries as described above."""
        what = what or host_of(url)
        connect_failures = 0
        attempt = 0
        while True:
            try:
                resp = self.client.request(method, url, params=params, headers=headers)
            except httpx.ConnectError as exc:
                connect_failures += 1
                self._wait_connect(connect_failures, url, what, exc)
                continue
            except (httpx.TimeoutException, httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as exc:
                if attempt >= self.retries:
                    raise UpdateError(f"{what}: {host_of(url)} kept failing ({_reason(exc)}) after"
                                      f" {attempt + 1} tries") from None
                self._wait(attempt)
                attempt += 1
                continue
            if resp.status_code in RETRY_STATUS and attempt < self.retries:
                self._wait(attempt, resp)
                attempt += 1
                continue
            if resp.status_code >= 400:
                raise UpdateError(f"{what}: HTTP {resp.status_code} from {host_of(url)}{_body_hint(resp)}")
            return resp

    def get_json(self, url: str, *, params: dict | None = None, headers: dict | None = None, what: str = ""):
        resp = self.request("GET", url, params=params, headers={"Accept": "application/json", **(headers or {})},
                            what=what)
        try:
            return resp.json()
        except ValueError:
            raise UpdateError(f"{what or host_of(url)}: the answer is not JSON"
                              f" (starts {resp.text[:60]!r})") from None

    def get_text(self, url: str, *, params: dict | None = None, headers: dict | None = None, what: str = "") -> str:
        return self.request("GET", url, params=params, headers=headers, what=what).text

    def size(self, url: str, *, what: str = "") -> int | None:
        """The size the server announces (HEAD Content-Length), None when it does not say."""
        try:
            resp = self.request("HEAD", url, headers={"Accept-Encoding": "identity"}, what=what)
        except UpdateError as exc:
            if "HTTP 405" in str(exc) or "HTTP 501" in str(exc):
                return None
            raise
        length = resp.headers.get("Content-Length")
        return int(length) if length and length.isdigit() else None

    # --- resumable downloads -------------------------------------------------------------------
    def download(self, url: str, dest: Path, *, params: dict | None = None, headers: dict | None = None,
                 what: str = "", progress: bool = False, expected_size: int | None = None,
                 reuse_for: float | None = 86400.0) -> Downloaded:
        """Fetch ``url`` to ``dest`` (see the module docstring).

        A finished ``dest`` from an earlier run (an import that failed) is reused when its
        record matches the URL, its SHA-256 still matches and it is younger than
        ``reuse_for`` seconds (None: always, for files whose name carries their release).
        A partial file is resumed on the same terms unless the server gave a validator
        (ETag / Last-Modified), which ``If-Range`` then checks."""
        dest = Path(dest)
        dest.parent.mkdir(parents=True, exist_ok=True)
        what = what or dest.name
        reused = _reusable(dest, url, params, reuse_for)
        if reused is not None:
            return reused
        part, part_meta = dest.with_name(dest.name + ".part"), dest.with_name(dest.name + ".part.json")
        meta = _read_json(part_meta)
        stale = (reuse_for is not None and not (meta.get("etag") or meta.get("last_modified"))
                 and time.time() - float(meta.get("started_at") or 0) > reuse_for)
        if meta.get("url") != url or meta.get("params") != (params or {}) or stale:
            part.unlink(missing_ok=True)
            meta = {"url": url, "params": params or {}, "started_at": time.time()}
        start_size = part.stat().st_size if part.exists() else 0
        attempt = connect_failures = 0
        bar = None
        try:
            while True:
                have = part.stat().st_size if part.exists() else 0
                req_headers = {"Accept-Encoding": "identity", **(headers or {})}
                if have:
                    req_headers["Range"] = f"bytes={have}-"
                    validator = meta.get("etag") or meta.get("last_modified")
                    if validator:
                        req_headers["If-Range"] = validator
                try:
                    with self.client.stream("GET", url, params=params, headers=req_headers) as resp:
                        if resp.status_code in RETRY_STATUS and attempt < self.retries:
                            resp.read()
                            self._wait(attempt, resp)
                            attempt += 1
                            continue
                        if resp.status_code == 416 and have:
                            total = _total_from_range(resp.headers.get("Content-Range", ""))
                            if total == have:
                                break  # the partial file was already complete
                            part.unlink(missing_ok=True)
                            continue
                        if resp.status_code >= 400:
                            resp.read()
                            raise UpdateError(f"{what}: HTTP {resp.status_code} from {host_of(url)}{_body_hint(resp)}")
                        if resp.status_code == 206:
                            first = _first_from_range(resp.headers.get("Content-Range", ""))
                            if first != have:
                                part.unlink(missing_ok=True)  # not the range asked for: start over
                                continue
                            total = _total_from_range(resp.headers.get("Content-Range", ""))
                            mode = "ab"
                        else:  # 200: the whole file (the server ignored Range, or it changed)
                            have, mode = 0, "wb"
                            length = resp.headers.get("Content-Length")
                            total = int(length) if length and length.isdigit() else None
                        meta.update(etag=resp.headers.get("ETag"), last_modified=resp.headers.get("Last-Modified"),
                                    total=total)
                        _write_json(part_meta, meta)
                        if expected_size is not None and total is not None and total != expected_size:
                            raise UpdateError(f"{what}: the server announces {total:,} bytes, expected"
                                              f" {expected_size:,}")
                        if progress and bar is None:
                            bar = _bar(what, total, have)
                        elif bar is not None:
                            bar.reset(total=total)
                            bar.update(have)
                        with open(part, mode) as out:
                            for chunk in resp.iter_raw():  # as received: a chunk size would hold back bytes a drop then loses
                                out.write(chunk)
                                out.flush()  # on disk at once: even a killed run keeps what arrived
                                if bar is not None:
                                    bar.update(len(chunk))
                    break
                except httpx.ConnectError as exc:
                    connect_failures += 1
                    self._wait_connect(connect_failures, url, what, exc)
                except (httpx.TimeoutException, httpx.RemoteProtocolError, httpx.ReadError) as exc:
                    # a dropped connection: keep what arrived, ask for the rest
                    if attempt >= self.retries:
                        got = part.stat().st_size if part.exists() else 0
                        raise UpdateError(f"{what}: the connection to {host_of(url)} kept dropping ({_reason(exc)});"
                                          f" {got:,} bytes kept in {part.name}, run again to resume") from None
                    self._wait(attempt)
                    attempt += 1
        finally:
            if bar is not None:
                bar.close()
        size = part.stat().st_size if part.exists() else 0
        total = meta.get("total")
        if total is not None and size != total:
            raise UpdateError(f"{what}: got {size:,} bytes, the server announced {total:,}; {part.name} kept,"
                              " run again to resume")
        if expected_size is not None and size != expected_size:
            raise UpdateError(f"{what}: got {size:,} bytes, expected {expected_size:,}")
        digest = sha256_file(part)
        os.replace(part, dest)
        part_meta.unlink(missing_ok=True)
        _write_json(_record_path(dest), {"url": url, "params": params or {}, "size": size, "sha256": digest,
                                         "etag": meta.get("etag"), "last_modified": meta.get("last_modified"),
                                         "downloaded_at": time.time()})
        return Downloaded(dest, size, digest, resumed_from=start_size)


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def discard(dest: Path) -> None:
    """Forget a downloaded file (damaged, or imported): the file, its record, any partial."""
    dest = Path(dest)
    for p in (dest, _record_path(dest), dest.with_name(dest.name + ".part"), dest.with_name(dest.name + ".part.json")):
        p.unlink(missing_ok=True)


def partial_size(dest: Path) -> int:
    part = Path(dest).with_name(Path(dest).name + ".part")
    return part.stat().st_size if part.exists() else 0


def _record_path(dest: Path) -> Path:
    return dest.with_name(dest.name + ".json")


def _reusable(dest: Path, url: str, params: dict | None, reuse_for: float | None) -> Downloaded | None:
    record = _read_json(_record_path(dest))
    if not dest.is_file() or record.get("url") != url or record.get("params") != (params or {}):
        return None
    if reuse_for is not None and time.time() - float(record.get("downloaded_at") or 0) > reuse_for:
        discard(dest)
        return None
    if dest.stat().st_size != record.get("size") or sha256_file(dest) != record.get("sha256"):
        discard(dest)  # changed or damaged on disk since it was downloaded
        return None
    return Downloaded(dest, record["size"], record["sha256"], reused=True)


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _write_json(path: Path, obj: dict) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(obj), encoding="utf-8")
    os.replace(tmp, path)


_RANGE = re.compile(r"bytes\s+(\d+)-(\d+)/(\d+|\*)")
_UNSAT = re.compile(r"bytes\s+\*/(\d+)")


def _first_from_range(value: str) -> int | None:
    m = _RANGE.match(value.strip())
    return int(m.group(1)) if m else None


def _total_from_range(value: str) -> int | None:
    m = _RANGE.match(value.strip())
    if m:
        return int(m.group(3)) if m.group(3) != "*" else None
    m = _UNSAT.match(value.strip())
    return int(m.group(1)) if m else None


def _reason(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:160]


def _body_hint(resp: httpx.Response) -> str:
    """A short, single-line excerpt of an error body (APIs explain 401/403 there)."""
    try:
        text = resp.text
    except (httpx.ResponseNotRead, UnicodeDecodeError):
        return ""
    try:
        obj = json.loads(text)
        if isinstance(obj, dict):
            text = str(obj.get("message") or obj.get("error") or obj.get("title") or text)
    except ValueError:
        pass
    text = " ".join(text.split())
    if not text or text.lstrip().startswith("<"):
        return ""
    return f": {text[:160]}"


def _bar(desc: str, total: int | None, initial: int):
    from tqdm import tqdm

    return tqdm(total=total, initial=initial, desc=desc, unit="B", unit_scale=True, unit_divisor=1024,
                mininterval=0.5, leave=True)
