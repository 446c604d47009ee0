"""Groups: answer /ask, mentions and replies to the bot; never ordinary chatter."""

from __future__ import annotations

import html

import pytest

from tests.chat.stubengine import PNG

pytestmark = pytest.mark.usefixtures("app")

BOT = "tradefacts_test_bot"


async def _bot_message_in(fake, group, user) -> dict:
    """Make the bot say something in ``group`` and return that message."""
    await fake.send(group, user, "/ask Mexico exports 2016")
    call = await fake.wait_call("sendMessage", chat_id=group["id"])
    return call.response


@pytest.mark.parametrize(
    ("text", "question"),
    [
        (f"/ask@{BOT} Mexico exports to Russia 2016", "Mexico exports to Russia 2016"),
        ("/ask Mexico exports to Russia 2016", "Mexico exports to Russia 2016"),
        (f"@{BOT} Mexico exports to Russia 2016", "Mexico exports to Russia 2016"),
        (f"What did Chile export, @{BOT.upper()} ?", "What did Chile export, ?"),
    ],
    ids=["ask-at-bot", "ask", "mention-first", "mention-inside"],
)
async def test_addressed_question_is_answered_as_a_reply(fake, engine, user, group, text, question):
    update = await fake.send(group, user, text)
    call = await fake.wait_call("sendMessage", chat_id=group["id"])
    assert call.params["reply_parameters"]["message_id"] == update["message"]["message_id"]
    assert call.params["text"] == html.escape(f"You asked: {question}")
    assert [c.text for c in engine.calls] == [question]


@pytest.mark.parametrize(
    "chatter",
    ["hello everyone", "Mexico exports to Russia 2016", "/ask@some_other_bot Mexico exports", "@someone_else look"],
)
async def test_ordinary_chatter_is_ignored(fake, engine, user, group, chatter):
    await fake.send(group, user, chatter)
    # Updates are handled in order: once the /ask that follows is answered, the chatter was seen.
    await fake.send(group, user, "/ask sentinel")
    call = await fake.wait_call("sendMessage", chat_id=group["id"])
    assert call.params["text"] == "You asked: sentinel"
    assert len(fake.calls_for("sendMessage", chat_id=group["id"])) == 1
    assert [c.text for c in engine.calls] == ["sentinel"]


async def test_reply_to_the_bot_is_a_follow_up(fake, engine, user, group):
    bot_message = await _bot_message_in(fake, group, user)
    update = await fake.send(group, user, "and 2015?", reply_to=bot_message)
    call = await fake.wait_call("sendMessage", chat_id=group["id"])
    assert call.params["reply_parameters"]["message_id"] == update["message"]["message_id"]
    assert engine.calls[-1].text == "and 2015?"
    assert engine.calls[-1].context.last_query["text"] == "Mexico exports 2016"


async def test_reply_to_someone_else_is_ignored(fake, engine, user, group, uid):
    other = fake.user(uid + 1, first_name="Bo")
    their = (await fake.send(group, other, "I think exports fell")).get("message")
    await fake.send(group, user, "no, they rose", reply_to=their)
    await fake.send(group, user, "/ask sentinel")
    await fake.wait_call("sendMessage", chat_id=group["id"])
    assert [c.text for c in engine.calls] == ["sentinel"]


async def test_chart_answer_in_group_is_one_photo_replying(fake, user, group):
    update = await fake.send(group, user, f"/ask@{BOT} chart of Mexico exports")
    call = await fake.wait_call("sendPhoto", chat_id=group["id"])
    assert call.files["photo"].data == PNG
    assert call.params["reply_parameters"]["message_id"] == update["message"]["message_id"]
    assert call.params["caption"].startswith("Series &lt;chart of Mexico exports&gt;")
    assert not fake.calls_for("sendMessage", chat_id=group["id"])


async def test_ask_without_question_shows_usage(fake, engine, user, group):
    await fake.send(group, user, f"/ask@{BOT}")
    call = await fake.wait_call("sendMessage", chat_id=group["id"])
    assert call.params["text"].startswith("Ask me a question")
    assert engine.calls == []


async def test_start_in_group_explains_how_to_ask(fake, user, group):
    await fake.send(group, user, f"/start@{BOT}")
    call = await fake.wait_call("sendMessage", chat_id=group["id"])
    assert "/ask" in call.params["text"]
    assert call.params["reply_markup"]["inline_keyboard"]


async def test_migration_to_supergroup_keeps_the_context(app, fake, engine, user, group):
    await _bot_message_in(fake, group, user)
    new_id = group["id"] - 7
    await fake.queue(fake.migrate_update(group, user, new_id))
    supergroup = fake.group_chat(new_id)
    await fake.send(supergroup, user, "/ask and 2015?")
    await fake.wait_call("sendMessage", chat_id=new_id)
    assert engine.calls[-1].context.last_query["text"] == "Mexico exports 2016"


@pytest.mark.parametrize("question", [f"/ask@{BOT} longchart of Mexico exports", "/ask", f"@{BOT} boom"],
                         ids=["text-then-photo", "usage", "apology"])
async def test_in_a_forum_topic_every_message_goes_to_that_topic(fake, user, group, question):
    group = {**group, "is_forum": True}
    update = fake.text_update(group, user, question)
    update["message"].update(message_thread_id=77, is_topic_message=True)
    await fake.queue(update)
    first = await fake.wait_call(("sendMessage"), chat_id=group["id"])
    assert first.params["message_thread_id"] == 77
    if question.startswith(f"/ask@{BOT} longchart"):
        photo = await fake.wait_call("sendPhoto", chat_id=group["id"])
        assert photo.params["message_thread_id"] == 77  # not a reply: without the id it would land in General
