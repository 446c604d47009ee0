"""Small pure pieces of the chat layer: splitting, mentions, languages, redaction."""

from __future__ import annotations

import logging

import pytest
from telegram import Message, MessageEntity

from bot.chat import logfilter
from bot.chat.handlers import strip_mentions
from bot.chat.inline import _cut
from bot.chat.messages import COMMANDS, LANGS, _TEXTS, pick_lang
from bot.chat.reply import split_text, tg_len


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("short", 10, ["short"]),
        ("aaaa bbbb cccc", 9, ["aaaa bbbb", "cccc"]),
        ("aaaa bbbb cccc", 8, ["aaaa", "bbbb", "cccc"]),
        ("line one\nline two words", 16, ["line one", "line two words"]),
        ("x" * 25, 10, ["x" * 10, "x" * 10, "x" * 5]),
        ("", 10, [""]),
    ],
)
def test_split_text(text, limit, expected):
    assert split_text(text, limit) == expected


def test_split_text_counts_emoji_as_two_units():
    chunks = split_text("😀" * 10, 5)
    assert all(tg_len(c) <= 5 for c in chunks) and "".join(chunks) == "😀" * 10


def test_cut_marks_truncation():
    assert _cut("abc", 5) == "abc"
    assert _cut("abcdefgh", 5) == "abcd…" and tg_len(_cut("😀" * 9, 5)) <= 5


def _message(text: str, entities: list[MessageEntity]) -> Message:
    return Message.de_json({"message_id": 1, "date": 0, "chat": {"id": 1, "type": "group"}, "text": text,
                            "entities": [e.to_dict() for e in entities]}, None)


def test_strip_mentions_uses_utf16_offsets():
    text = "😀 @TradeBot exports of Chile"  # the emoji takes two UTF-16 units
    message = _message(text, [MessageEntity("mention", 3, 9)])
    assert strip_mentions(message, "tradebot", 42) == ("😀 exports of Chile", True)


def test_strip_mentions_ignores_other_users_and_finds_text_mentions():
    other = _message("@someone hi", [MessageEntity("mention", 0, 8)])
    assert strip_mentions(other, "tradebot", 42) == ("@someone hi", False)
    bot = {"id": 42, "is_bot": True, "first_name": "TradeFacts"}
    named = _message("TradeFacts exports", [MessageEntity("text_mention", 0, 10, user=bot)])
    named = Message.de_json({**named.to_dict(), "entities": [{"type": "text_mention", "offset": 0, "length": 10,
                                                               "user": bot}]}, None)
    assert strip_mentions(named, "tradebot", 42) == ("exports", True)


@pytest.mark.parametrize(
    ("candidates", "expected"),
    [(("es",), "es"), ((None, "ru-RU"), "ru"), (("de", "es-MX"), "es"), ((None, None), "en"), (("pt",), "en")],
)
def test_pick_lang(candidates, expected):
    assert pick_lang(*candidates) == expected


def test_every_string_and_command_menu_exists_in_every_language():
    for key, variants in _TEXTS.items():
        assert set(variants) == set(LANGS), key
    assert [c for c, _ in COMMANDS["es"]] == [c for c, _ in COMMANDS["en"]] == [c for c, _ in COMMANDS["ru"]]


def test_redacting_filter_cleans_message_args_and_traceback():
    secret = "555:redact-unit-test-secret"
    flt = logfilter.RedactingFilter()
    flt.add_secret(secret)
    try:
        raise ValueError(f"url /bot{secret}/x")
    except ValueError as exc:
        record = logging.LogRecord("t", logging.ERROR, __file__, 1, "calling %s", (f"/bot{secret}/y",),
                                   (type(exc), exc, exc.__traceback__))
    assert flt.filter(record)
    assert record.getMessage() == "calling /bot[REDACTED]/y"
    assert secret not in record.exc_text and "[REDACTED]" in record.exc_text
    quoted = logging.LogRecord("t", logging.INFO, __file__, 1, "555%3Aredact-unit-test-secret", None, None)
    flt.filter(quoted)
    assert quoted.getMessage() == "[REDACTED]"
