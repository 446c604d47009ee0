"""The HTTP client of the bot: PTB's ``HTTPXRequest`` plus a retry of requests that surely
failed.

Retried (``SERVER_ERROR_RETRIES`` times, after ``SERVER_ERROR_BACKOFF`` s, doubling):

* an answer with a 5xx status: the Bot API (or a proxy in front of it) says the request was
  not carried out;
* a connection that could not be made: the request never left;
* a connection the server closed without any answer (httpx's ``RemoteProtocolError``): a
  server that took the request answers it, so this is a restart or a proxy dropping it. (A
  server that carried the request out and then died before a single byte of the answer
  would get a copy: the one case where a retry can duplicate, and far rarer than a drop.)

Never retried: a time-out after the request was sent (PTB's ``TimedOut``), because a slow
server usually carries the request out anyway and a second attempt would post it twice.
The handlers then log it and send no apology either (``handlers.on_error``). 429 (flood
control) is the rate limiter's business (``AIORateLimiter`` waits ``retry_after`` and
retries); 4xx errors are final. So an answer hit by one 5xx still arrives exactly once.

Updates the library cannot read (``getUpdates`` only): python-telegram-bot parses a whole
batch at once, so one update it cannot parse (a newer Bot API object, a malformed one) fails
the batch, the offset never moves past it, and the bot stops answering anyone. Each update is
tried on its own here; one that fails is logged and handed on as a bare ``{"update_id": N}``,
which no handler matches, so the offset moves on (``sanitize_updates``).

Back-pressure (``getUpdates`` only): python-telegram-bot fetches updates as fast as Telegram
hands them out and queues them all in memory, so a burst of 10,000 questions would sit in the
bot's RAM (and be dropped at a restart) instead of on Telegram's servers, which keep them for
24 hours. With ``hold_while`` set, a poll waits while that callable says the bot has enough
on its plate, so at most about one batch (100 updates) more than the limit is ever held.

One speed fix rides along: httpcore asks ``import sniffio`` on every lock it takes (about
25 times per answer). sniffio is optional and anyio 4 no longer installs it; a missing module
is searched for on disk each time (~50 us), which cost about a millisecond per answer. When
it is missing, it is marked missing once (``sys.modules["sniffio"] = None``: the import then
fails at once, and httpcore assumes asyncio, which is what runs the bot).
"""

from __future__ import annotations

import asyncio
import importlib.util
import json
import logging
import sys
from collections.abc import Callable

import httpx
from telegram import Update
from telegram.error import NetworkError, TimedOut
from telegram.request import HTTPXRequest, RequestData

logger = logging.getLogger(__name__)

SERVER_ERROR_RETRIES = 2
SERVER_ERROR_BACKOFF = 0.5  # seconds before the first retry
READ_TIMEOUT = 5.0  # seconds to wait for an answer (PTB's default); charts: see reply.py
RETRIED_NETWORK_ERRORS = (httpx.ConnectError, httpx.RemoteProtocolError)
HOLD_MAX = 30.0  # seconds a poll waits for room at most (then it fetches anyway)

if "sniffio" not in sys.modules and importlib.util.find_spec("sniffio") is None:
    sys.modules["sniffio"] = None  # type: ignore[assignment]  # see the module docstring


def sanitize_updates(payload: bytes) -> bytes:
    """A getUpdates answer with every update the library cannot parse replaced by its bare id."""
    try:
        data = json.loads(payload)
        updates = data["result"]
    except (ValueError, KeyError, TypeError):
        return payload  # not a list of updates: let the library report it
    if not isinstance(updates, list):
        return payload
    changed = False
    for i, update in enumerate(updates):
        try:
            Update.de_json(update, None)
        except Exception as exc:  # noqa: BLE001 - whatever the parser raises
            update_id = update.get("update_id") if isinstance(update, dict) else None
            if not isinstance(update_id, int):
                continue  # nothing to move the offset with; the library will say what is wrong
            logger.warning("update %s cannot be read (%s: %s); skipped", update_id, type(exc).__name__, exc)
            updates[i] = {"update_id": update_id}
            changed = True
    return json.dumps(data).encode() if changed else payload


class RetryingRequest(HTTPXRequest):
    """``HTTPXRequest`` that retries 5xx answers and refused connections (see the module)."""

    def __init__(self, *args, retries: int = SERVER_ERROR_RETRIES, backoff: float | None = None, **kwargs) -> None:
        kwargs.setdefault("read_timeout", READ_TIMEOUT)
        super().__init__(*args, **kwargs)
        self.retries = retries
        self._backoff = backoff
        self.hold_while: Callable[[], bool] | None = None  # getUpdates waits while this is true

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout=HTTPXRequest.DEFAULT_NONE,
        write_timeout=HTTPXRequest.DEFAULT_NONE,
        connect_timeout=HTTPXRequest.DEFAULT_NONE,
        pool_timeout=HTTPXRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        api_method = url.rsplit("/", 1)[-1]  # never log the URL: it holds the token
        if api_method == "getUpdates" and self.hold_while is not None:
            await self._wait_for_room()
        backoff = SERVER_ERROR_BACKOFF if self._backoff is None else self._backoff
        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            try:
                code, payload = await super().do_request(
                    url, method, request_data, read_timeout=read_timeout, write_timeout=write_timeout,
                    connect_timeout=connect_timeout, pool_timeout=pool_timeout,
                )
            except NetworkError as exc:
                if last or isinstance(exc, TimedOut) or not isinstance(exc.__cause__, RETRIED_NETWORK_ERRORS):
                    raise
                logger.warning("%s: the connection to the Bot API failed (%s); retrying",
                               api_method, type(exc.__cause__).__name__)
            else:
                if code < 500 or last:
                    if api_method == "getUpdates" and code == 200:
                        payload = sanitize_updates(payload)
                    return code, payload
                logger.warning("%s: the Bot API answered %d; retrying", api_method, code)
            await asyncio.sleep(backoff * 2**attempt)
        raise AssertionError("unreachable")

    async def _wait_for_room(self) -> None:
        """Wait (polling every 20 ms, at most ``HOLD_MAX`` s) until ``hold_while`` is false."""
        deadline = asyncio.get_running_loop().time() + HOLD_MAX
        while self.hold_while() and asyncio.get_running_loop().time() < deadline:
            await asyncio.sleep(0.02)
