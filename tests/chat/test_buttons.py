"""Inline keyboards: choices of an ambiguous question, the CSV button, expired buttons."""

from __future__ import annotations

import html

import pytest

from tests.chat.stubengine import CHOICES, CSV

pytestmark = pytest.mark.usefixtures("app")


def _buttons(call) -> list[dict]:
    return [b for row in call.params["reply_markup"]["inline_keyboard"] for b in row]


@pytest.mark.parametrize("pick", [0, 1])
async def test_ambiguous_question_offers_choices_and_a_press_answers_it(fake, engine, user, private, pick):
    await fake.send(private, user, "Georgia exports")
    ask = await fake.wait_call("sendMessage", chat_id=private["id"])
    buttons = _buttons(ask)
    assert [b["text"] for b in buttons] == [c.label for c in CHOICES]
    assert all(len(b["callback_data"].encode()) <= 64 for b in buttons)  # questions themselves are longer
    assert all(len(c.question.encode()) > 64 for c in CHOICES)

    press = fake.callback_update(ask.response, user, buttons[pick]["callback_data"])
    await fake.queue(press)
    answered = await fake.wait_call("answerCallbackQuery", callback_query_id=press["callback_query"]["id"])
    edit = await fake.wait_call("editMessageReplyMarkup", chat_id=private["id"])
    answer = await fake.wait_call("sendMessage", chat_id=private["id"])
    assert answer.params["text"] == html.escape(f"You asked: {CHOICES[pick].question}")
    assert engine.calls[-1].text == CHOICES[pick].question
    assert edit.params["message_id"] == ask.response["message_id"]
    assert "reply_markup" not in edit.response  # the choices are gone
    assert fake.calls.index(answered) < fake.calls.index(answer)


async def test_choice_press_in_group_replies_to_the_keyboard_message(fake, engine, user, group):
    await fake.send(group, user, "/ask Georgia exports")
    ask = await fake.wait_call("sendMessage", chat_id=group["id"])
    await fake.queue(fake.callback_update(ask.response, user, _buttons(ask)[0]["callback_data"]))
    answer = await fake.wait_call("sendMessage", chat_id=group["id"])
    assert answer.params["reply_parameters"]["message_id"] == ask.response["message_id"]
    assert engine.calls[-1].text == CHOICES[0].question


async def test_pressing_a_used_choice_again_says_the_button_expired(fake, engine, user, private):
    await fake.send(private, user, "Georgia exports")
    ask = await fake.wait_call("sendMessage", chat_id=private["id"])
    data = _buttons(ask)[0]["callback_data"]
    await fake.queue(fake.callback_update(ask.response, user, data))
    await fake.wait_call("sendMessage", chat_id=private["id"])
    again = fake.callback_update(ask.response, user, _buttons(ask)[1]["callback_data"])
    await fake.queue(again)
    alert = await fake.wait_call("answerCallbackQuery", callback_query_id=again["callback_query"]["id"])
    assert alert.params["show_alert"] is True
    assert "expired" in alert.params["text"]
    assert len(engine.calls) == 2


async def test_unknown_button_data_is_answered_not_crashing(fake, engine, user, private):
    await fake.send(private, user, "Mexico exports")
    message = (await fake.wait_call("sendMessage", chat_id=private["id"])).response
    press = fake.callback_update(message, user, "x" * 64)
    await fake.queue(press)
    alert = await fake.wait_call("answerCallbackQuery", callback_query_id=press["callback_query"]["id"])
    assert "expired" in alert.params["text"]


@pytest.mark.parametrize("where", ["private", "group"])
async def test_csv_button_sends_the_table_as_a_document(fake, user, private, group, where):
    chat = private if where == "private" else group
    await fake.send(chat, user, "/ask top partners csv" if where == "group" else "top partners csv")
    answer = await fake.wait_call("sendMessage", chat_id=chat["id"])
    (button,) = _buttons(answer)
    assert button["text"] == "CSV"
    await fake.queue(fake.callback_update(answer.response, user, button["callback_data"]))
    doc = await fake.wait_call("sendDocument", chat_id=chat["id"])
    assert doc.files["document"].data.decode("utf-8") == CSV
    assert doc.files["document"].filename == "tradefacts-top_partners.csv"
    if where == "group":
        assert doc.params["reply_parameters"]["message_id"] == answer.response["message_id"]
    # the CSV button stays: it can be pressed again
    await fake.queue(fake.callback_update(answer.response, user, button["callback_data"]))
    await fake.wait_call("sendDocument", chat_id=chat["id"])


async def test_plain_answer_has_no_keyboard(fake, user, private):
    await fake.send(private, user, "Mexico exports")
    answer = await fake.wait_call("sendMessage", chat_id=private["id"])
    assert "reply_markup" not in answer.params


async def test_real_answer_renders_its_chart_and_csv(fake, user, private):
    """Integration with bot.render: a plain engine Answer, not the stub's canned bytes."""
    pytest.importorskip("bot.render.chart")
    pytest.importorskip("bot.render.table")
    await fake.send(private, user, "realchart")
    photo = await fake.wait_call("sendPhoto", chat_id=private["id"], timeout=10)  # first matplotlib import
    assert photo.files["photo"].data.startswith(b"\x89PNG\r\n\x1a\n")
    assert photo.params["caption"] == "Mexico exports to Russia, 2014-2016"
    (button,) = _buttons(photo)
    await fake.queue(fake.callback_update(photo.response, user, button["callback_data"]))
    doc = await fake.wait_call("sendDocument", chat_id=private["id"])
    assert doc.files["document"].filename == "tradefacts-series.csv"
    assert "IMF DOTS" in doc.files["document"].data.decode() and "2016" in doc.files["document"].data.decode()
