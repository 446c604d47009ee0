"""End to end with the real engine and the bundled store: Telegram update in, the store's
figure with its source out, through the real Application and the fake Bot API server."""

from __future__ import annotations

import html

import pytest

from bot.chat.app import build_application
from bot.chat.messages import sources_list
from bot.engine.engine import Engine
from tests.chat.conftest import TOKEN, start_app, stop_app


@pytest.fixture
async def real_app(fake, store):
    engine = Engine(store)
    coverage = store.coverage()
    app = build_application(engine, TOKEN, base_url=fake.url, sources_text=lambda lang: sources_list(coverage, lang),
                            coverage=store.coverage)
    await start_app(app)
    yield app
    await stop_app(app)


pytestmark = pytest.mark.usefixtures("real_app")


async def test_a_question_gets_the_store_figure_and_its_source(fake, user, private):
    await fake.send(private, user, "How much did Mexico export to Russia in 2016?")
    call = await fake.wait_call("sendMessage", chat_id=private["id"], timeout=10)
    text = html.unescape(call.params["text"])
    assert "$178.5 million" in text and "IMF, Direction of Trade Statistics" in text and "reported by Mexico" in text


async def test_a_series_comes_as_a_chart_with_the_numbers_in_the_caption(fake, user, private):
    await fake.send(private, user, "Mexico Russia trade 2007-2016")
    call = await fake.wait_call("sendPhoto", chat_id=private["id"], timeout=15)
    assert call.files["photo"].data[:8] == b"\x89PNG\r\n\x1a\n"
    caption = html.unescape(call.params["caption"])
    assert "2007" in caption and "2016" in caption and "Source: IMF" in caption


async def test_an_ambiguous_name_asks_back_and_the_button_answers(fake, user, private):
    await fake.send(private, user, "Korea exports to Mexico 2016")
    ask = await fake.wait_call("sendMessage", chat_id=private["id"], timeout=10)
    buttons = [b for row in ask.params["reply_markup"]["inline_keyboard"] for b in row]
    assert [b["text"] for b in buttons][:2] == ["South Korea", "North Korea"]
    await fake.queue(fake.callback_update(ask.response, user, buttons[0]["callback_data"]))
    answer = await fake.wait_call("sendMessage", chat_id=private["id"], timeout=10,
                                  where=lambda c: "South Korea" in html.unescape(c.params["text"]) and "$" in c.params["text"])
    assert "Source: IMF" in html.unescape(answer.params["text"])


async def test_follow_up_in_the_same_chat(fake, user, private):
    await fake.send(private, user, "Mexico exports to Russia 2016")
    await fake.wait_call("sendMessage", chat_id=private["id"], timeout=10)
    await fake.send(private, user, "and 2015?")
    call = await fake.wait_call("sendMessage", chat_id=private["id"], timeout=10)
    assert "2015" in call.params["text"] and "Russia" in call.params["text"]


async def test_spanish_question_spanish_answer(fake, user, private):
    await fake.send(private, user, "¿Cuánto exportó México a Rusia en 2016?")
    call = await fake.wait_call("sendMessage", chat_id=private["id"], timeout=10)
    assert "178,5 millones de US$" in html.unescape(call.params["text"])


async def test_sources_command_lists_the_loaded_datasets(fake, user, private):
    await fake.send(private, user, "/sources")
    call = await fake.wait_call("sendMessage", chat_id=private["id"], timeout=10)
    assert "Direction of Trade" in html.unescape(call.params["text"])


async def test_help_says_how_fresh_each_data_set_is(fake, user, private, store):
    await fake.send(private, user, "/help")
    call = await fake.wait_call("sendMessage", chat_id=private["id"], timeout=10)
    text = html.unescape(call.params["text"])
    dots = next(c for c in store.coverage() if c["id"] == "imf_dots")
    assert "Latest year in each data set:" in text
    assert f"• {dots['name']}: {dots['last_year']}" in text and dots["last_year"] == 2020
