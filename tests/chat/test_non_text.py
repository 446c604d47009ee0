"""Updates that are not text questions: ignored, or answered politely; never a crash.

Each row is one update as Telegram sends it. After it, a real question in the same chat must
still be answered, and nothing may be logged at ERROR level.
"""

from __future__ import annotations

import logging
import time

import pytest

from tests.chat.conftest import answers, settle

NOT_TEXT = "I read text questions only"


def _sticker() -> dict:
    return {"sticker": {"file_id": "stk1", "file_unique_id": "u1", "type": "regular", "width": 512, "height": 512,
                        "is_animated": False, "is_video": False, "emoji": "👍"}}


def _photo() -> dict:
    return {"photo": [{"file_id": "ph1", "file_unique_id": "u2", "width": 90, "height": 90}], "caption": "look"}


def _voice() -> dict:
    return {"voice": {"file_id": "vc1", "file_unique_id": "u3", "duration": 3}}


def _document() -> dict:
    return {"document": {"file_id": "dc1", "file_unique_id": "u4", "file_name": "x.csv"}}


def _location() -> dict:
    return {"location": {"latitude": 19.4, "longitude": -99.1}}


CONTENT = {"sticker": _sticker, "photo": _photo, "voice": _voice, "document": _document, "location": _location}


def _message(fake, chat: dict, sender: dict, **content) -> dict:
    return {"message_id": next(fake._message_ids), "date": int(time.time()), "chat": chat, "from": sender, **content}


def _member(chat: dict, user: dict, member: dict, old: str, new: str) -> dict:
    return {"chat": chat, "from": user, "date": int(time.time()),
            "old_chat_member": {"status": old, "user": member}, "new_chat_member": {"status": new, "user": member}}


@pytest.mark.usefixtures("app")
@pytest.mark.parametrize("kind", sorted(CONTENT))
async def test_private_non_text_message_gets_a_polite_pointer(fake, user, private, kind, caplog):
    await fake.queue(fake._update(message=_message(fake, private, user, **CONTENT[kind]())))
    polite = await fake.wait_call("sendMessage", chat_id=private["id"])
    assert polite.params["text"].startswith(NOT_TEXT)
    await fake.send(private, user, "Mexico exports")
    answer = await fake.wait_call("sendMessage", chat_id=private["id"])
    assert answer.params["text"] == "You asked: Mexico exports"
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def _ignored_updates(fake, user: dict, private: dict, group: dict) -> dict[str, dict]:
    other_bot = {"id": 555, "is_bot": True, "first_name": "OtherBot", "username": "other_bot"}
    channel = {"id": -1009999, "type": "channel", "title": "News"}
    edited = _message(fake, private, user, text="Mexico exports to Russia 2016", edit_date=int(time.time()))
    return {
        "group sticker": {"message": _message(fake, group, user, **_sticker())},
        "group photo": {"message": _message(fake, group, user, **_photo())},
        "group voice": {"message": _message(fake, group, user, **_voice())},
        "edited message": {"edited_message": edited},
        "edited group message": {"edited_message": _message(fake, group, user, text="/ask Mexico", edit_date=1)},
        "channel post": {"channel_post": _message(fake, channel, user, text="Mexico exports to Russia 2016")},
        "edited channel post": {"edited_channel_post": _message(fake, channel, user, text="x", edit_date=1)},
        "bot added to group": {"my_chat_member": _member(group, user, fake.bot_user(), "left", "member")},
        "user joined": {"chat_member": _member(group, user, user, "left", "member")},
        "new members message": {"message": _message(fake, group, user, new_chat_members=[user])},
        "member left message": {"message": _message(fake, group, user, left_chat_member=user)},
        "title changed": {"message": _message(fake, group, user, new_chat_title="Trade")},
        "pinned": {"message": _message(fake, group, user, pinned_message=_message(fake, group, user, text="hi"))},
        "other bot, private": {"message": _message(fake, private, other_bot, text="Mexico exports")},
        "other bot, group /ask": {"message": {**_message(fake, group, other_bot, text="/ask Mexico exports"),
                                              "entities": [{"type": "bot_command", "offset": 0, "length": 4}]}},
        "other bot, group mention": {"message": {**_message(fake, group, other_bot,
                                                            text=f"@{fake.username} Mexico exports"),
                                                 "entities": [{"type": "mention", "offset": 0,
                                                               "length": len(fake.username) + 1}]}},
        "poll": {"poll": {"id": "p1", "persistent_id": "pp1", "question": "Which?", "options": [{"persistent_id": "o1", "text": "a", "voter_count": 0}],
                          "total_voter_count": 0, "is_closed": False, "is_anonymous": True, "type": "regular",
                          "allows_multiple_answers": False}},
    }


@pytest.mark.usefixtures("app")
async def test_other_updates_are_ignored_without_errors(fake, user, private, group, caplog):
    updates = _ignored_updates(fake, user, private, group)
    for payload in updates.values():
        await fake.queue(fake._update(**payload))
    await fake.send(private, user, "still here?")
    await fake.wait_call("sendMessage", chat_id=private["id"], where=lambda c: "still here" in c.params["text"])
    await settle(fake, private, user)
    await settle(fake, group, user)
    assert [c.params["text"] for c in answers(fake, private)] == ["You asked: still here?"]
    assert answers(fake, group) == []
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], [r.getMessage() for r in caplog.records]


@pytest.mark.usefixtures("app")
async def test_an_update_the_library_cannot_read_is_skipped_not_blocking_the_queue(fake, user, private, caplog):
    """One unparseable update (here a poll missing fields this python-telegram-bot requires)
    would fail the whole getUpdates batch and stall the offset forever: it is skipped."""
    bad = await fake.queue(fake._update(poll={"id": "p2", "question": "?"}))
    await fake.send(private, user, "after the bad one")
    answer = await fake.wait_call("sendMessage", chat_id=private["id"])
    assert answer.params["text"] == "You asked: after the bad one"
    assert f"update {bad} cannot be read" in caplog.text
    await fake.send(private, user, "and the next")  # the offset moved past it
    assert (await fake.wait_call("sendMessage", chat_id=private["id"])).params["text"] == "You asked: and the next"
