"""The Bot API server misbehaving at the network level: dropped connections, time-outs,
errors while polling. No crash, no duplicate answer, no lost question."""

from __future__ import annotations

import pytest

from bot.chat import request as chat_request
from tests.chat.conftest import answers, settle
from tests.chat.fakebotapi import DROP

APOLOGY = "Sorry, something went wrong"


@pytest.fixture(autouse=True)
def _short_timeouts(monkeypatch):
    monkeypatch.setattr(chat_request, "READ_TIMEOUT", 0.3)


def _texts(fake, chat) -> list[str]:
    return [c.params.get("text") or c.params.get("caption") for c in answers(fake, chat)]


@pytest.mark.usefixtures("app")
@pytest.mark.parametrize(("method", "question"), [("sendMessage", "first question"), ("sendPhoto", "chart please")])
async def test_a_connection_dropped_before_the_answer_was_taken_is_retried_once(fake, user, private, method, question):
    fake.fail_next(method, status=DROP)
    await fake.send(private, user, question)
    await fake.wait_call(method, chat_id=private["id"])
    await fake.send(private, user, "second question")
    await fake.wait_call("sendMessage", chat_id=private["id"], where=lambda c: "second" in c.params["text"])
    await settle(fake, private, user)
    texts = _texts(fake, private)
    assert len(texts) == 2 and texts[1] == "You asked: second question"
    assert not [t for t in texts if t.startswith(APOLOGY)]


@pytest.mark.usefixtures("app")
async def test_a_time_out_after_the_answer_arrived_sends_neither_a_copy_nor_an_apology(fake, user, private, caplog):
    fake.fail_next("sendMessage", status=200, delay=0.6)  # answered, but after the read time-out
    await fake.send(private, user, "first question")
    await fake.wait_call("sendMessage", chat_id=private["id"])
    await fake.send(private, user, "second question")
    await fake.wait_call("sendMessage", chat_id=private["id"], where=lambda c: "second" in c.params["text"])
    await settle(fake, private, user)
    assert _texts(fake, private) == ["You asked: first question", "You asked: second question"]
    assert "timed out" in caplog.text.lower()


@pytest.mark.usefixtures("app")
@pytest.mark.parametrize("status", [502, DROP])
async def test_polling_survives_errors_and_loses_no_question(fake, user, private, status):
    fake.fail_next("getUpdates", status=status, count=2)
    await fake.send(private, user, "asked while polling failed")
    await fake.send(private, user, "and another")
    await settle(fake, private, user)
    assert _texts(fake, private) == ["You asked: asked while polling failed", "You asked: and another"]


@pytest.mark.usefixtures("app")
async def test_slow_polling_answers_lose_no_question(fake, user, private):
    fake.fail_next("getUpdates", status=200, delay=1.0)
    await fake.send(private, user, "asked while the server was slow")
    await settle(fake, private, user)
    assert _texts(fake, private) == ["You asked: asked while the server was slow"]
