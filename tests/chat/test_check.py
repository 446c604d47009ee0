"""/check end to end: a Telegram update in, through the real Application, the real engine and
the bundled store, the fact-check out (private chat, group command, reply to any message)."""

from __future__ import annotations

import html

import pytest

from bot.chat.app import build_application
from bot.engine.engine import Engine
from tests.chat.conftest import TOKEN, start_app, stop_app

BOT = "tradefacts_test_bot"
CLAIMS = "In 2016, Mexico exported $179 million to Russia and imported $1.301 billion from it."


@pytest.fixture(scope="module")
def real_engine(store):
    return Engine(store)  # one per module: its name matchers take a moment to build


@pytest.fixture
async def real_app(fake, real_engine):
    app = build_application(real_engine, TOKEN, base_url=fake.url)
    await start_app(app)
    yield app
    await stop_app(app)


pytestmark = pytest.mark.usefixtures("real_app")


async def test_private_check_gives_each_claim_its_verdict_figure_and_source(fake, user, private):
    await fake.send(private, user, f"/check {CLAIMS}")
    call = await fake.wait_call("sendMessage", chat_id=private["id"], timeout=10)
    text = html.unescape(call.params["text"])
    first, second = text.split("\n\n")
    assert "MATCHES (±2%)" in first and "$178.5 million" in first and "Source: IMF, Direction of Trade Statistics" in first
    assert "CLOSE" in second and "$1.38 billion" in second and "Source: IMF" in second


async def test_group_check_at_bot_replies_to_the_asker(fake, user, group):
    update = await fake.send(group, user, f"/check@{BOT} Mexico exported $1.79 billion worth of goods to Russia in 2016.")
    call = await fake.wait_call("sendMessage", chat_id=group["id"], timeout=10)
    assert call.params["reply_parameters"]["message_id"] == update["message"]["message_id"]
    text = html.unescape(call.params["text"])
    assert "DIFFERS" in text and "$178.5 million" in text


async def test_check_in_reply_to_someone_elses_message_checks_that_message(fake, user, group, uid):
    other = fake.user(uid + 1, first_name="Bo")
    theirs = (await fake.send(group, other, "Bilateral trade between Russia and China grew 78% between 2010 and 2020.")).get("message")
    update = await fake.send(group, user, "/check", reply_to=theirs)
    call = await fake.wait_call("sendMessage", chat_id=group["id"], timeout=10)
    assert call.params["reply_parameters"]["message_id"] == update["message"]["message_id"]
    text = html.unescape(call.params["text"])
    assert "MATCHES" in text and "+77.6%" in text and "2010" in text and "2020" in text


async def test_output_is_html_escaped(fake, user, private):
    await fake.send(private, user, "/check <b>Mexico</b> exported $179 million to Russia in 2016 & more")
    call = await fake.wait_call("sendMessage", chat_id=private["id"], timeout=10)
    assert "<b>" not in call.params["text"] and "&lt;b&gt;Mexico&lt;/b&gt;" in call.params["text"]
    assert "&amp; more" in call.params["text"] and call.params["parse_mode"] == "HTML"


@pytest.mark.parametrize(("text", "expected"), [
    ("/check", "Send /check with a sentence"),
    ("/check The two presidents met in Moscow on Tuesday.", "I found no trade or investment figure"),
    ("/check México importó de Rusia 1,7 mil millones de dólares en 2016.", "DIFIERE"),
    ("/check В 2016 году Мексика экспортировала в Россию товаров на 179 млн долларов.", "СОВПАДАЕТ"),
])
async def test_usage_no_claim_and_languages(fake, user, private, text, expected):
    await fake.send(private, user, text)
    call = await fake.wait_call("sendMessage", chat_id=private["id"], timeout=10)
    assert expected in html.unescape(call.params["text"])


async def test_lang_setting_applies_to_the_check(fake, user, private):
    await fake.send(private, user, "/lang es")
    await fake.wait_call("sendMessage", chat_id=private["id"], timeout=10)
    await fake.send(private, user, "/check In 2016, Mexico exported $179 million to Russia.")
    call = await fake.wait_call("sendMessage", chat_id=private["id"], timeout=10)
    assert "COINCIDE" in html.unescape(call.params["text"]) and "178,5 millones de US$" in html.unescape(call.params["text"])
