"""Failures: the user always gets a short apology, the log gets the update id, and the
token never reaches the log."""

from __future__ import annotations

import logging

import pytest
from telegram.ext import AIORateLimiter

from bot.chat.app import build_application
from bot.chat.request import SERVER_ERROR_RETRIES
from tests.chat.conftest import answers, settle, start_app, stop_app
from tests.chat.stubengine import PNG, StubEngine

APOLOGY = "Sorry, something went wrong"


def _error_records(caplog, update_id: int) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.levelno >= logging.ERROR and f"update {update_id} " in r.getMessage()]


@pytest.mark.usefixtures("app")
async def test_engine_exception_gets_an_apology_and_a_logged_error(fake, user, private, caplog):
    update = await fake.send(private, user, "boom")
    call = await fake.wait_call("sendMessage", chat_id=private["id"])
    assert call.params["text"].startswith(APOLOGY)
    assert "Traceback" not in call.params["text"] and "exploded" not in call.params["text"]
    (record,) = _error_records(caplog, update["update_id"])
    assert record.exc_info and "exploded on purpose" in str(record.exc_info[1])


@pytest.mark.usefixtures("app")
async def test_engine_exception_in_group_apologises_as_a_reply_in_the_users_language(fake, uid, group):
    update = await fake.send(group, fake.user(uid, language_code="es"), "/ask boom")
    call = await fake.wait_call("sendMessage", chat_id=group["id"])
    assert call.params["text"].startswith("Lo siento")
    assert call.params["reply_parameters"]["message_id"] == update["message"]["message_id"]


@pytest.mark.usefixtures("app")
async def test_failed_question_does_not_change_the_follow_up_context(fake, engine, user, private):
    for text in ("Mexico exports 2016", "boom", "and 2015?"):
        await fake.send(private, user, text)
        await fake.wait_call("sendMessage", chat_id=private["id"])
    assert engine.calls[-1].context.last_query["text"] == "Mexico exports 2016"


@pytest.mark.usefixtures("app")
@pytest.mark.parametrize(
    ("method", "status", "question"),
    [("sendMessage", 500, "first question"), ("sendMessage", 502, "first question"), ("sendPhoto", 503, "chart please")],
)
async def test_server_error_is_retried_and_the_answer_arrives_exactly_once(fake, user, private, method, status, question):
    fake.fail_next(method, status=status)
    await fake.send(private, user, question)
    failed = await fake.wait_call(method, chat_id=private["id"])
    retried = await fake.wait_call(method, chat_id=private["id"])
    assert (failed.status, retried.status) == (status, 200)
    await fake.send(private, user, "second question")
    await fake.wait_call("sendMessage", chat_id=private["id"], where=lambda c: "second" in c.params["text"])
    await settle(fake, private, user)
    sent = answers(fake, private)
    assert len(sent) == 2  # the answer once (no duplicate, none lost), then the next one
    if method == "sendPhoto":
        assert sent[0].files["photo"].data == PNG and sent[0].params["caption"].startswith("Series")
    else:
        assert sent[0].params["text"] == "You asked: first question"
    assert sent[1].params["text"] == "You asked: second question"
    assert not [c for c in fake.calls if c.params.get("text", "").startswith(APOLOGY)]


@pytest.mark.usefixtures("app")
async def test_server_errors_that_persist_end_in_an_apology(fake, user, private, caplog):
    fake.fail_next("sendMessage", status=500, count=SERVER_ERROR_RETRIES + 1)
    update = await fake.send(private, user, "first question")
    failed = [await fake.wait_call("sendMessage", chat_id=private["id"]) for _ in range(SERVER_ERROR_RETRIES + 1)]
    apology = await fake.wait_call("sendMessage", chat_id=private["id"])
    assert {c.status for c in failed} == {500}
    assert apology.params["text"].startswith(APOLOGY)
    assert _error_records(caplog, update["update_id"])
    await fake.send(private, user, "second question")
    after = await fake.wait_call("sendMessage", chat_id=private["id"])
    assert after.params["text"] == "You asked: second question"


@pytest.mark.usefixtures("app")
async def test_blocked_bot_does_not_retry_or_apologise(fake, user, private, caplog):
    fake.fail_next("sendMessage", status=403)
    update = await fake.send(private, user, "first question")
    await fake.wait_call("sendMessage", chat_id=private["id"])
    await fake.send(private, user, "second question")
    after = await fake.wait_call("sendMessage", chat_id=private["id"])
    assert after.params["text"] == "You asked: second question"  # no apology was tried between
    assert _error_records(caplog, update["update_id"])


@pytest.mark.usefixtures("app")
async def test_chart_failure_still_sends_the_text(fake, user, private, caplog):
    await fake.send(private, user, "badchart")
    call = await fake.wait_call("sendMessage", chat_id=private["id"])
    assert call.params["text"] == "Text that had a chart"
    assert any("chart rendering failed" in r.getMessage() for r in caplog.records)
    assert not fake.calls_for("sendPhoto")


@pytest.mark.usefixtures("app")
async def test_inline_query_failure_is_logged(fake, user, caplog):
    update = fake.inline_update(user, "boom")
    await fake.queue(update)
    await fake.queue(fake.inline_update(user, "sentinel"))
    await fake.wait_call("answerInlineQuery")
    assert _error_records(caplog, update["update_id"])


# PTB warns about the type of a fractional retry_after; Telegram itself sends whole seconds.
@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_telegram_flood_control_429_is_retried_by_the_rate_limiter_exactly_once(fake, user, private):
    app = build_application(StubEngine(), "42:flood", base_url=fake.url, rate_limiter=AIORateLimiter(max_retries=1))
    await start_app(app)
    try:
        fake.fail_next("sendMessage", status=429, retry_after=0.05)
        await fake.send(private, user, "Mexico exports")
        first = await fake.wait_call("sendMessage", chat_id=private["id"])
        second = await fake.wait_call("sendMessage", chat_id=private["id"])
        assert first.status == 429 and second.status == 200
        assert second.params["text"] == "You asked: Mexico exports"
        assert second.at - first.at >= 0.05  # it waited as told
        await fake.send(private, user, "and Chile?")
        await settle(fake, private, user)
        # Exactly once: no duplicate, nothing lost, the next answer after it.
        assert [c.params["text"] for c in answers(fake, private)] == ["You asked: Mexico exports", "You asked: and Chile?"]
    finally:
        await stop_app(app)


async def test_token_never_appears_in_the_logs(fake, user, private, caplog):
    token = "987654321:SECRET-never-log-me_0123456789abcdef"
    engine = StubEngine()
    app = build_application(engine, token, base_url=fake.url)
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="httpx")  # httpx logs every URL, token included
    await start_app(app)
    try:
        await fake.send(private, user, "boom")  # an error, logged with its traceback
        await fake.wait_call("sendMessage", chat_id=private["id"])
        fake.fail_next("sendMessage", status=500)  # a Bot API error, logged too
        await fake.send(private, user, "Mexico exports")
        await fake.wait_call("sendMessage", chat_id=private["id"])
        await fake.wait_call("sendMessage", chat_id=private["id"])
        leaky = logging.getLogger("tests.leaky")
        try:
            raise RuntimeError(f"GET {fake.url}/bot{token}/getMe failed")
        except RuntimeError:
            leaky.exception("a library error quoting %s", f"/bot{token}/getMe")
    finally:
        await stop_app(app)
    assert any("HTTP Request" in r.getMessage() for r in caplog.records)  # the URLs were logged...
    assert "[REDACTED]" in caplog.text  # ...with the token cut out
    assert "Traceback" in caplog.text
    assert token not in caplog.text
    assert token.split(":")[1] not in caplog.text
    shown = " ".join(str(c.params) for c in fake.calls)  # what users were sent: the apology, answers
    assert APOLOGY in shown and token.split(":")[1] not in shown
    for record in caplog.records:
        assert token not in record.getMessage()
        assert token not in (record.exc_text or "")
