"""Inline mode: ``@bot mexico russia exports 2016`` in any chat.

Inline answers are context-free (no follow-ups, no /lang: an inline query has no chat), so
the same query gets the same answer for everyone: ``is_personal=False`` and a five-minute
``cache_time`` let Telegram's servers answer repeated queries without calling us.

Results are articles only. A chart would need a photo result, which Telegram accepts only
as an HTTPS URL or the file_id of a photo already uploaded somewhere; the bot has neither
(no public file host, no dump chat), so charts and CSV stay in the private and group chats.
An ambiguous question offers one article per reading, each already answered.
"""

from __future__ import annotations

import hashlib
import html

from telegram import InlineQueryResultArticle, InputTextMessageContent, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from bot.chat.handlers import deps
from bot.chat.reply import TEXT_LIMIT, tg_len
from bot.engine.answer import Answer
from bot.engine.context import Context

CACHE_TIME = 300
MAX_CHOICES = 5
TITLE_MAX = 100
DESCRIPTION_MAX = 200


def _cut(text: str, limit: int) -> str:
    """``text`` trimmed to ``limit`` (Telegram's UTF-16 count), with "…" when cut."""
    text = text.strip()
    if tg_len(text) <= limit:
        return text
    text = text[: limit - 1]
    while tg_len(text) > limit - 1:
        text = text[:-1]
    return text.rstrip() + "…"


def article(answer: Answer, title: str | None = None) -> InlineQueryResultArticle:
    """An article whose message is the answer text (escaped for HTML)."""
    first, _, rest = answer.text.strip().partition("\n")
    result_id = hashlib.sha256(f"{title}\0{answer.text}".encode()).hexdigest()[:32]
    return InlineQueryResultArticle(
        id=result_id,
        title=_cut(title or first or "…", TITLE_MAX),
        description=_cut(answer.text if title else rest or first, DESCRIPTION_MAX) or None,
        input_message_content=InputTextMessageContent(
            html.escape(_cut(answer.text, TEXT_LIMIT)) or "…",
            parse_mode=ParseMode.HTML,
            link_preview_options=LinkPreviewOptions(is_disabled=True),
        ),
    )


def results_for(engine, question: str) -> list[InlineQueryResultArticle]:
    """The inline results for ``question``: one article, or one per reading if ambiguous."""
    answer = engine.ask(question, context=Context(), lang=None)
    if answer.status == "ambiguous" and answer.choices:
        return [article(engine.ask(c.question, context=Context(), lang=None), title=c.label) for c in answer.choices[:MAX_CHOICES]]
    return [article(answer)]


async def inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer an inline query; an empty query gets no results (nothing to answer yet)."""
    query = update.inline_query
    text = " ".join(query.query.split())
    results = results_for(deps(context).engine, text) if text else []
    await query.answer(results, cache_time=CACHE_TIME, is_personal=False)
