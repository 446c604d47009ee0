"""Inline keyboards and the data their buttons carry.

The Application is built with PTB's *arbitrary callback data*: a button carries a Python
object, PTB sends Telegram a short id (always within the 64-byte limit) and keeps the object
in its callback data cache, saved by the persistence so buttons survive a restart. That is
why a choice button can carry a whole rewritten question, in Cyrillic, far beyond 64 bytes.
The objects must stay small, picklable, module-level dataclasses; renaming or moving them
makes an existing state file unreadable (PTB then refuses to start until it is removed).
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.chat.messages import t
from bot.engine.answer import Choice

# Telegram shows about this many characters on a button; longer labels are cut with "…".
LABEL_MAX = 60


@dataclass(frozen=True)
class AskButton:
    """Pressing it asks ``question``. ``once``: a one-shot choice whose keyboard is removed."""

    question: str
    once: bool = False


@dataclass(frozen=True)
class CsvButton:
    """Pressing it sends ``csv`` as a document named ``filename``."""

    csv: str
    filename: str


def _label(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= LABEL_MAX else text[: LABEL_MAX - 1] + "…"


def examples_keyboard(examples: list[str]) -> InlineKeyboardMarkup:
    """One button per example question (kept after a press: examples can be tried again)."""
    return InlineKeyboardMarkup([[InlineKeyboardButton(_label(q), callback_data=AskButton(q))] for q in examples])


def choices_keyboard(choices: list[Choice]) -> InlineKeyboardMarkup:
    """One button per reading of an ambiguous question; the keyboard goes once one is picked."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(_label(c.label), callback_data=AskButton(c.question, once=True))] for c in choices]
    )


def csv_keyboard(csv: str, filename: str, lang: str) -> InlineKeyboardMarkup:
    """The "CSV" button under an answer that has a table behind it."""
    return InlineKeyboardMarkup([[InlineKeyboardButton(t("csv_button", lang), callback_data=CsvButton(csv, filename))]])
