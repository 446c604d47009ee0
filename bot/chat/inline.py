"""Inline mode: ``@bot mexico russia exports 2016`` in any chat.

Inline answers are context-free (no follow-ups, no /lang: an inline query has no chat), so
the same query gets the same answer for everyone: ``is_personal=False`` and a five-minute
``cache_time`` let Telegram's servers answer repeated queries without calling us.

Results: the answer as an article, always. A chart answer also gets a photo result with the
answer as caption, but only where the bot has somewhere to put the picture: Telegram takes
inline photos only as an HTTPS URL or as the file_id of a photo already uploaded. With
``--inline-media-chat`` (``TRADEFACTS_INLINE_MEDIA_CHAT``: a private channel where the bot is
an admin) the chart is uploaded there once, silently, and its file_id offered; the file_ids
are remembered per answer text (``bot_data``, in memory: after a restart a chart is uploaded
once more), so a chart is uploaded once however often it is asked for. Without a media chat, or if the upload fails, the
article alone goes out: the numbers are in it. An ambiguous question offers one article per
reading, each already answered.
"""

from __future__ import annotations

import hashlib
import html
import logging
from collections import OrderedDict

from telegram import (InlineQueryResultArticle, InlineQueryResultCachedPhoto, InputTextMessageContent, LinkPreviewOptions,
                      Update)
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.chat import reply
from bot.chat.handlers import deps
from bot.chat.reply import CAPTION_LIMIT, TEXT_LIMIT, tg_len
from bot.engine.answer import Answer
from bot.engine.context import Context

logger = logging.getLogger(__name__)

CACHE_TIME = 300
MAX_CHOICES = 5
TITLE_MAX = 100
DESCRIPTION_MAX = 200
PHOTO_IDS_KEY = "inline_photo_ids"  # bot_data: answer digest -> uploaded chart's file_id
MAX_PHOTO_IDS = 2000


def _cut(text: str, limit: int) -> str:
    """``text`` trimmed to ``limit`` (Telegram's UTF-16 count), with "…" when cut."""
    text = text.strip()
    if tg_len(text) <= limit:
        return text
    text = text[: limit - 1]
    while tg_len(text) > limit - 1:
        text = text[:-1]
    return text.rstrip() + "…"


def _digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:32]


def article(answer: Answer, title: str | None = None) -> InlineQueryResultArticle:
    """An article whose message is the answer text (escaped for HTML)."""
    first, _, rest = answer.text.strip().partition("\n")
    return InlineQueryResultArticle(
        id=_digest(str(title), answer.text),
        title=_cut(title or first or "…", TITLE_MAX),
        description=_cut(answer.text if title else rest or first, DESCRIPTION_MAX) or None,
        input_message_content=InputTextMessageContent(
            html.escape(_cut(answer.text, TEXT_LIMIT)) or "…",
            parse_mode=ParseMode.HTML,
            link_preview_options=LinkPreviewOptions(is_disabled=True),
        ),
    )


def results_for(engine, question: str) -> tuple[Answer, list[InlineQueryResultArticle]]:
    """The answer and its articles: one, or one per reading if ambiguous."""
    answer = engine.ask(question, context=Context(), lang=None)
    if answer.status == "ambiguous" and answer.choices:
        readings = [(c.label, engine.ask(c.question, context=Context(), lang=None)) for c in answer.choices[:MAX_CHOICES]]
        return answer, [article(a, title=label) for label, a in readings]
    return answer, [article(answer)]


async def chart_photo(context: ContextTypes.DEFAULT_TYPE, answer: Answer, update_id: int) -> InlineQueryResultCachedPhoto | None:
    """The chart of ``answer`` as a photo result (uploading it to the media chat once), or None."""
    media_chat = deps(context).inline_media_chat
    if media_chat is None or answer.chart is None:
        return None
    key = _digest("photo", answer.text)
    ids: OrderedDict = context.bot_data.setdefault(PHOTO_IDS_KEY, OrderedDict())
    file_id = ids.get(key)
    if file_id is None:
        png = await reply.render_chart(answer, update_id)
        if png is None:
            return None
        try:
            message = await context.bot.send_photo(media_chat, png, disable_notification=True,
                                                   filename=reply.file_stem(answer) + ".png")
        except TelegramError as exc:
            logger.warning("inline query %s: could not upload the chart to the media chat: %r", update_id, exc)
            return None
        file_id = ids[key] = message.photo[-1].file_id
        while len(ids) > MAX_PHOTO_IDS:
            ids.popitem(last=False)
    caption = html.escape(_cut(answer.text, CAPTION_LIMIT - 16)) if answer.text else None
    return InlineQueryResultCachedPhoto(id=key, photo_file_id=file_id, caption=caption, parse_mode=ParseMode.HTML,
                                        title=_cut(answer.text.partition("\n")[0], TITLE_MAX) or None)


async def inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer an inline query; an empty query gets no results (nothing to answer yet)."""
    query = update.inline_query
    text = " ".join(query.query.split())
    if not text:
        await query.answer([], cache_time=CACHE_TIME, is_personal=False)
        return
    answer, results = results_for(deps(context).engine, text)
    photo = await chart_photo(context, answer, update.update_id)
    await query.answer([*results, photo] if photo else results, cache_time=CACHE_TIME, is_personal=False)
