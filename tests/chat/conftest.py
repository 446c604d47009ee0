"""Fixtures: a fake Bot API server and the real Application polling it with a stub engine."""

from __future__ import annotations

import itertools
import ssl
import time
from collections.abc import AsyncIterator, Iterator

import httpx._transports.default as httpx_transport
import pytest
from telegram.ext import Application

from bot.chat import request as chat_request
from bot.chat.app import ALLOWED_UPDATES, build_application
from tests.chat.fakebotapi import Call, FakeBotAPI
from tests.chat.stubengine import StubEngine

TOKEN = "123456789:AAtest-token_for-the-fake-server"
_ids = itertools.count(1)


def sources_text(lang: str) -> str:
    return {"es": "Fuentes: UN Comtrade <2016> & FMI"}.get(lang, "Sources: UN Comtrade <2016> & IMF")


async def start_app(app: Application) -> None:
    """What ``run_polling`` does, minus the signal handling and the blocking loop."""
    await app.initialize()
    if app.post_init:
        await app.post_init(app)
    await app.updater.start_polling(allowed_updates=ALLOWED_UPDATES, timeout=5)
    await app.start()


async def stop_app(app: Application) -> None:
    if app.updater.running:
        await app.updater.stop()
    if app.running:
        await app.stop()
    await app.shutdown()


async def settle(fake: FakeBotAPI, chat: dict, user: dict) -> None:
    """Wait until every update queued so far in ``chat`` has been handled.

    Updates of one chat are handled in order, and the press of an unknown button is
    answered (answerCallbackQuery, "expired") without counting against flood control, so
    its answer marks the end of what came before it.
    """
    message = {"message_id": 1, "date": int(time.time()), "chat": chat, "from": fake.bot_user(), "text": "…"}
    update = fake.callback_update(message, user, "settle:unknown-button")
    query_id = update["callback_query"]["id"]
    await fake.queue(update)
    await fake.wait_call("answerCallbackQuery", where=lambda c: c.params.get("callback_query_id") == query_id)


def answers(fake: FakeBotAPI, chat: dict) -> list[Call]:
    """What the bot sent into ``chat`` successfully (messages and photos), in order."""
    return [c for c in fake.calls if c.method in ("sendMessage", "sendPhoto") and c.status == 200
            and c.params.get("chat_id") == chat["id"]]


@pytest.fixture(autouse=True)
def _fast_retries(monkeypatch) -> None:
    """Retries after a 5xx wait 10 ms, not half a second."""
    monkeypatch.setattr(chat_request, "SERVER_ERROR_BACKOFF", 0.01)


@pytest.fixture(autouse=True, scope="session")
def _one_tls_context() -> Iterator[None]:
    """Share one TLS context among the tests' httpx clients.

    Each Application makes two httpx clients and each loads the CA bundle (~20 ms), which
    would be most of the suite's time; the tests only talk plain HTTP to 127.0.0.1 anyway.
    """
    original = httpx_transport.create_ssl_context
    shared: list[ssl.SSLContext] = []

    def create_ssl_context(verify=True, cert=None, trust_env=True):  # same signature as httpx's
        if verify is not True or cert is not None:
            return original(verify=verify, cert=cert, trust_env=trust_env)
        if not shared:
            shared.append(original(verify=verify, cert=cert, trust_env=trust_env))
        return shared[0]

    httpx_transport.create_ssl_context = create_ssl_context
    yield
    httpx_transport.create_ssl_context = original


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotAPI]:
    server = FakeBotAPI()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
def engine() -> StubEngine:
    return StubEngine()


@pytest.fixture
async def app(fake: FakeBotAPI, engine: StubEngine) -> AsyncIterator[Application]:
    application = build_application(engine, TOKEN, base_url=fake.url, sources_text=sources_text)
    await start_app(application)
    yield application
    await stop_app(application)


@pytest.fixture
def uid() -> int:
    """A fresh id for this test's user and private chat (groups use its negative)."""
    return 10_000 + next(_ids)


@pytest.fixture
def user(fake: FakeBotAPI, uid: int) -> dict:
    return fake.user(uid)


@pytest.fixture
def private(fake: FakeBotAPI, uid: int) -> dict:
    return fake.private_chat(uid)


@pytest.fixture
def group(fake: FakeBotAPI, uid: int) -> dict:
    return fake.group_chat(-1_000_000_000_000 - uid)
