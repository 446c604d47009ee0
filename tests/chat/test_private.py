"""Private chat: commands, questions, escaping, charts, long answers, language, follow-ups."""

from __future__ import annotations

import html

import pytest

from tests.chat.conftest import sources_text
from tests.chat.stubengine import EXAMPLES, PNG

pytestmark = pytest.mark.usefixtures("app")


async def test_start_greets_with_example_buttons(fake, user, private):
    await fake.send(private, user, "/start")
    call = await fake.wait_call("sendMessage", chat_id=private["id"])
    assert call.params["parse_mode"] == "HTML"
    buttons = [row[0] for row in call.params["reply_markup"]["inline_keyboard"]]
    assert [b["text"] for b in buttons] == EXAMPLES["en"]
    assert all(len(b["callback_data"].encode()) <= 64 for b in buttons)


async def test_example_button_asks_it_and_keeps_the_keyboard(fake, engine, user, private):
    await fake.send(private, user, "/start")
    greeting = await fake.wait_call("sendMessage", chat_id=private["id"])
    data = greeting.params["reply_markup"]["inline_keyboard"][1][0]["callback_data"]
    await fake.queue(fake.callback_update(greeting.response, user, data))
    answer = await fake.wait_call("sendMessage", chat_id=private["id"])
    assert answer.params["text"] == html.escape(f"You asked: {EXAMPLES['en'][1]}")
    assert fake.calls_for("answerCallbackQuery")
    assert not fake.calls_for("editMessageReplyMarkup")  # examples can be pressed again


@pytest.mark.parametrize(
    ("language_code", "marker"),
    [("en", "I can tell you"), ("es", "Puedo decirte"), ("ru", "Я могу рассказать"), ("de", "I can tell you")],
)
async def test_help_in_the_users_language(fake, private, uid, language_code, marker):
    await fake.send(private, fake.user(uid, language_code=language_code), "/help")
    call = await fake.wait_call("sendMessage", chat_id=private["id"])
    text = call.params["text"]
    assert marker in text
    examples = EXAMPLES.get(language_code, EXAMPLES["en"])
    assert all(html.escape(ex) in text for ex in examples)
    assert "@" + fake.username in text


async def test_sources_lists_the_injected_text_escaped(fake, user, private):
    await fake.send(private, user, "/sources")
    call = await fake.wait_call("sendMessage", chat_id=private["id"])
    assert call.params["text"] == html.escape(sources_text("en"))


async def test_question_is_answered_with_html_escaped_text(fake, engine, user, private):
    await fake.send(private, user, "<b>Mexico</b> & Russia?")
    call = await fake.wait_call("sendMessage", chat_id=private["id"])
    assert call.params["text"] == "You asked: &lt;b&gt;Mexico&lt;/b&gt; &amp; Russia?"
    assert call.params["parse_mode"] == "HTML"
    assert "reply_parameters" not in call.params  # private chats need no quoting
    assert engine.calls[-1].text == "<b>Mexico</b> & Russia?"


async def test_chart_answer_is_one_photo_with_the_text_as_caption(fake, user, private):
    await fake.send(private, user, "chart mexico")
    call = await fake.wait_call("sendPhoto", chat_id=private["id"])
    assert call.files["photo"].data == PNG
    assert call.files["photo"].filename == "tradefacts-series.png"
    assert call.params["caption"] == "Series &lt;chart mexico&gt; &amp; chart"
    assert call.params["parse_mode"] == "HTML"
    assert not fake.calls_for("sendMessage", chat_id=private["id"])


async def test_long_chart_answer_falls_back_to_text_then_photo(fake, user, private):
    await fake.send(private, user, "longchart")
    text = await fake.wait_call("sendMessage", chat_id=private["id"])
    photo = await fake.wait_call("sendPhoto", chat_id=private["id"])
    assert text.params["text"].startswith("Long &amp; detailed: figures")
    assert "caption" not in photo.params
    assert fake.calls.index(text) < fake.calls.index(photo)


async def test_very_long_answer_is_split_into_messages(fake, user, private):
    await fake.send(private, user, "huge")
    expected = "\n".join(f"line {i} & more text here" for i in range(400))  # about 10,000 characters
    parts = [await fake.wait_call("sendMessage", chat_id=private["id"]) for _ in range(3)]
    texts = [html.unescape(p.params["text"]) for p in parts]
    assert "\n".join(texts) == expected  # cut at line breaks, nothing lost
    assert all(len(t) <= 4096 for t in texts)


async def test_unknown_command_points_to_help(fake, engine, user, private):
    await fake.send(private, user, "/frobnicate")
    call = await fake.wait_call("sendMessage", chat_id=private["id"])
    assert "/help" in call.params["text"]
    assert engine.calls == []


@pytest.mark.parametrize("lang", ["es", "ru", "en"])
async def test_lang_command_sets_the_answer_language(fake, engine, user, private, lang):
    await fake.send(private, user, f"/lang {lang}")
    await fake.wait_call("sendMessage", chat_id=private["id"])
    await fake.send(private, user, "Mexico exports 2016")
    await fake.wait_call("sendMessage", chat_id=private["id"])
    assert engine.calls[-1].lang == lang


async def test_lang_auto_clears_it_and_bad_argument_shows_usage(fake, engine, user, private):
    for text in ("/lang es", "/lang auto", "/lang xx"):
        await fake.send(private, user, text)
        reply = await fake.wait_call("sendMessage", chat_id=private["id"])
    assert "/lang en" in reply.params["text"] and "auto" in reply.params["text"]
    await fake.send(private, user, "Mexico exports 2016")
    await fake.wait_call("sendMessage", chat_id=private["id"])
    assert engine.calls[-1].lang is None  # the engine picks the question's language


async def test_follow_up_context_is_kept_per_chat(app, fake, engine, user, private, uid):
    await fake.send(private, user, "Mexico exports to Russia 2016")
    await fake.wait_call("sendMessage", chat_id=private["id"])
    await fake.send(private, user, "and 2015?")
    await fake.wait_call("sendMessage", chat_id=private["id"])
    first, second = engine.calls
    assert first.context.last_query is None
    assert second.context.last_query == {"intent": "value", "text": "Mexico exports to Russia 2016"}
    assert app.chat_data[private["id"]]["context"]["last_query"]["text"] == "and 2015?"

    other = fake.private_chat(uid + 500_000)  # another chat starts fresh
    await fake.send(other, fake.user(other["id"]), "and 2014?")
    await fake.wait_call("sendMessage", chat_id=other["id"])
    assert engine.calls[-1].context.last_query is None
