"""Start-up, persistence across a restart, and webhook mode."""

from __future__ import annotations

import socket

import pytest

from bot.chat.app import ALLOWED_UPDATES, build_application
from bot.chat.serve import webhook_params
from tests.chat.conftest import TOKEN, start_app, stop_app
from tests.chat.stubengine import CHOICES, StubEngine


@pytest.mark.usefixtures("app")
async def test_command_menu_is_set_in_english_spanish_and_russian(fake):
    calls = fake.calls_for("setMyCommands")
    by_lang = {c.params.get("language_code"): c.params["commands"] for c in calls}
    assert set(by_lang) == {None, "en", "es", "ru"}
    for commands in by_lang.values():
        assert [c["command"] for c in commands] == ["ask", "check", "start", "help", "sources", "lang"]
    assert by_lang["es"][0]["description"].startswith("Haz una pregunta")
    assert by_lang["ru"][0]["description"].startswith("Задать вопрос")


async def test_failing_command_menu_does_not_stop_the_bot(fake, user, private):
    fake.fail_next("setMyCommands", status=500, count=4)
    app = build_application(StubEngine(), TOKEN, base_url=fake.url)
    await start_app(app)
    try:
        await fake.send(private, user, "still here?")
        call = await fake.wait_call("sendMessage", chat_id=private["id"])
        assert call.params["text"] == "You asked: still here?"
    finally:
        await stop_app(app)


async def test_context_and_buttons_survive_a_restart(fake, user, private, tmp_path):
    path = tmp_path / "state" / "telegram.pickle"
    first = build_application(StubEngine(), TOKEN, base_url=fake.url, persistence_path=path)
    await start_app(first)
    try:
        await fake.send(private, user, "/lang es")
        await fake.wait_call("sendMessage", chat_id=private["id"])
        await fake.send(private, user, "Georgia exports")
        choices = await fake.wait_call("sendMessage", chat_id=private["id"])
    finally:
        await stop_app(first)  # flushes the pickle
    assert path.exists()

    engine = StubEngine()
    second = build_application(engine, TOKEN, base_url=fake.url, persistence_path=path)
    await start_app(second)
    try:
        data = choices.params["reply_markup"]["inline_keyboard"][1][0]["callback_data"]
        await fake.queue(fake.callback_update(choices.response, user, data))
        answer = await fake.wait_call("sendMessage", chat_id=private["id"])
    finally:
        await stop_app(second)
    assert answer.params["text"] == f"You asked: {CHOICES[1].question}"
    (call,) = engine.calls
    assert call.lang == "es"  # /lang from before the restart
    assert call.context.last_query == {"intent": "value", "text": "Georgia exports"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def test_webhook_mode_answers_only_updates_with_the_secret(fake, engine, user, private):
    port = _free_port()
    url = f"http://127.0.0.1:{port}/telegram/hook"
    app = build_application(engine, TOKEN, base_url=fake.url)
    await app.initialize()
    await app.post_init(app)
    await app.updater.start_webhook(**webhook_params(url, "127.0.0.1", port, "s3cret_Token-1"),
                                    allowed_updates=ALLOWED_UPDATES)
    await app.start()
    try:
        assert fake.webhook == {"url": url, "secret_token": "s3cret_Token-1"}
        forged = fake.text_update(private, user, "forged question")
        assert await fake.deliver(forged, secret="wrong") == 403
        assert await fake.deliver(forged, use_secret=False) == 403
        assert await fake.deliver(fake.text_update(private, user, "real question")) == 200
        call = await fake.wait_call("sendMessage", chat_id=private["id"])
        assert call.params["text"] == "You asked: real question"
        assert [c.text for c in engine.calls] == ["real question"]
    finally:
        await stop_app(app)


def test_webhook_params_listen_on_the_url_path_and_always_have_a_secret():
    params = webhook_params("https://bot.example.org/tg/hook", "0.0.0.0", 8443, None)
    assert params["url_path"] == "tg/hook"
    assert params["webhook_url"] == "https://bot.example.org/tg/hook"
    assert (params["listen"], params["port"]) == ("0.0.0.0", 8443)
    assert len(params["secret_token"]) >= 32
    assert params["secret_token"] != webhook_params("https://x.org/", "h", 1, None)["secret_token"]
    with pytest.raises(ValueError, match="secret token") as exc:
        webhook_params("https://x.org/", "h", 1, "bad secret!")
    assert "bad secret!" not in str(exc.value)
