"""A local HTTP server (127.0.0.1 only) that plays the providers: it serves recorded
responses from tests/fixtures/ and misbehaves on request -- 429/5xx before answering, a
connection dropped mid-body, a body that trickles until the client gives up -- and records
every request so tests can check Range, headers and back-off."""

from __future__ import annotations

import re
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit


@dataclass
class Route:
    body: bytes
    content_type: str = "application/octet-stream"
    statuses: list[int] = field(default_factory=list)  # served (in order) before the body
    retry_after: str | None = None  # sent with those statuses
    drop_after: int | None = None  # first full GET: send this many bytes, then cut the connection
    trickle: bool = False  # send 1 KB then hold the connection open (until the client leaves)
    ranges: bool = True  # honour Range / If-Range
    etag: str | None = '"v1"'
    head: bool = True  # answer HEAD with Content-Length


@dataclass
class Seen:
    method: str
    path: str
    query: dict
    headers: dict


class Provider:
    """``with Provider() as srv: srv.route("/path", Route(...)); srv.url``"""

    def __init__(self):
        self.routes: dict[str, Route] = {}
        self.requests: list[Seen] = []
        self._lock = threading.Lock()
        self.stopping = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # quiet
                pass

            def do_HEAD(self):
                server._serve(self, head=True)

            def do_GET(self):
                server._serve(self, head=False)

        class Server(ThreadingHTTPServer):
            def handle_error(self, request, client_address):  # a client that hung up: not news
                pass

        self.httpd = Server(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    def __enter__(self) -> "Provider":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    def route(self, path_and_query: str, route: Route) -> Route:
        """Match on the path, plus the query's keys and values when given (order ignored)."""
        self.routes[_key(path_and_query)] = route
        return route

    def seen(self, path_prefix: str = "", method: str | None = None) -> list[Seen]:
        return [r for r in self.requests if r.path.startswith(path_prefix) and (method is None or r.method == method)]

    # --- serving ------------------------------------------------------------------------------
    def _find(self, path: str, query: dict) -> Route | None:
        best = None
        for (rpath, rquery), route in self.routes.items():
            if rpath == path and all(query.get(k) == v for k, v in rquery):
                if best is None or len(rquery) > best[0]:
                    best = (len(rquery), route)
        return best[1] if best else None

    def _serve(self, h: BaseHTTPRequestHandler, head: bool) -> None:
        parts = urlsplit(h.path)
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
        with self._lock:
            self.requests.append(Seen("HEAD" if head else "GET", parts.path, query, dict(h.headers.items())))
        route = self._find(parts.path, query)
        if route is None:
            return _send(h, 404, b'{"message": "not found"}', "application/json")
        if head:
            if not route.head:
                return _send(h, 405, b"", "text/plain")
            h.send_response(200)
            h.send_header("Content-Length", str(len(route.body)))
            h.send_header("Content-Type", route.content_type)
            if route.etag:
                h.send_header("ETag", route.etag)
            h.end_headers()
            return
        with self._lock:
            status = route.statuses.pop(0) if route.statuses else None
        if status is not None:
            extra = {"Retry-After": route.retry_after} if route.retry_after is not None else {}
            body = (b'{"statusCode": 429, "message": "Rate limit is exceeded. Try again in 1 seconds."}'
                    if status == 429 else b"<html><body>Service Unavailable</body></html>")
            return _send(h, status, body, "application/json" if status == 429 else "text/html", extra)
        body, start = route.body, 0
        rng = h.headers.get("Range")
        if rng and route.ranges:
            m = re.fullmatch(r"bytes=(\d+)-", rng.strip())
            if_range = h.headers.get("If-Range")
            if m and (if_range is None or if_range == route.etag):
                start = int(m.group(1))
                if start >= len(body):
                    return _send(h, 416, b"", "text/plain", {"Content-Range": f"bytes */{len(body)}"})
        piece = body[start:]
        h.send_response(206 if start else 200)
        h.send_header("Content-Type", route.content_type)
        h.send_header("Content-Length", str(len(piece)))
        if route.etag:
            h.send_header("ETag", route.etag)
        if route.ranges:
            h.send_header("Accept-Ranges", "bytes")
        if start:
            h.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
        h.end_headers()
        if route.drop_after is not None and not start:
            cut, route.drop_after = route.drop_after, None
            h.wfile.write(piece[:cut])
            h.wfile.flush()
            time.sleep(0.1)  # let the client take in those bytes before the connection goes
            h.close_connection = True
            h.connection.shutdown(socket.SHUT_RDWR)
            return
        if route.trickle:
            h.wfile.write(piece[:1024])
            h.wfile.flush()
            while not self.stopping.wait(0.05):
                pass
            h.close_connection = True
            return
        h.wfile.write(piece)


def _key(path_and_query: str) -> tuple[str, tuple]:
    parts = urlsplit(path_and_query)
    return parts.path, tuple(sorted(parse_qsl(parts.query, keep_blank_values=True)))


def _send(h, status: int, body: bytes, ctype: str, headers: dict | None = None) -> None:
    h.send_response(status)
    h.send_header("Content-Type", ctype)
    h.send_header("Content-Length", str(len(body)))
    for k, v in (headers or {}).items():
        h.send_header(k, v)
    h.end_headers()
    h.wfile.write(body)


def wait_for(predicate, timeout: float = 10.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.02)
    return False
