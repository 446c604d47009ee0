"""How one engine ``Answer`` becomes Telegram messages.

All text goes out with HTML parse mode and is escaped here, whatever its origin (the user's
words echoed by the engine, country names, fixed strings), so ``<b>`` or ``&`` in a question
come back literally and can never break or inject markup.

Shape of a reply: a chart answer is one photo with the answer as caption; when the text is
too long for a caption (1024 characters) it is sent as text first, then the photo. Text is
split at line breaks into messages of at most 4096 characters. The keyboard (choices of an
ambiguous question, or the CSV button) goes on the last message. In groups only the first
message replies to the asker, so a normal answer is exactly one message replying to them.
"""

from __future__ import annotations

import asyncio
import html
import logging
import re
from concurrent.futures import ThreadPoolExecutor

from telegram import InlineKeyboardMarkup, LinkPreviewOptions, Message, ReplyParameters
from telegram.constants import ParseMode
from telegram.ext import ExtBot

from bot.chat import keyboards
from bot.engine.answer import Answer

logger = logging.getLogger(__name__)

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
_NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


def tg_len(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units), so emoji and rare scripts fit too."""
    return len(text.encode("utf-16-le")) // 2


def split_text(text: str, limit: int = TEXT_LIMIT) -> list[str]:
    """Split plain ``text`` into chunks of at most ``limit``, preferring line then word breaks.

    Splitting happens before escaping so an entity such as ``&amp;`` is never cut; the limit
    applies to the text after entity parsing, i.e. to the plain text.
    """
    chunks: list[str] = []
    rest = text
    while tg_len(rest) > limit:
        cut = limit
        while tg_len(rest[:cut]) > limit:  # surrogate pairs count twice
            cut -= 1
        window = rest[: cut + 1]  # one more: a break right at the limit is a clean cut
        for sep in ("\n", " "):  # a line break if there is one in the second half, else a space
            brk = window.rfind(sep)
            if brk > 0 and brk >= cut // 2:
                cut = brk
                break
        chunks.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    chunks.append(rest)
    return [c for c in chunks if c] or [""]


def file_stem(answer: Answer) -> str:
    """``tradefacts-<intent>``: the file name of the chart and CSV of an answer."""
    intent = getattr(answer.query, "intent", None) or "answer"
    return "tradefacts-" + (re.sub(r"[^A-Za-z0-9_-]+", "_", intent) or "answer")


def reply_params(reply_to: int | None) -> ReplyParameters | None:
    # allow_sending_without_reply: if the asker deleted the question, still answer.
    return ReplyParameters(reply_to, allow_sending_without_reply=True) if reply_to else None


async def send_text(
    bot: ExtBot,
    chat_id: int,
    text: str,
    *,
    reply_to: int | None = None,
    markup: InlineKeyboardMarkup | None = None,
    thread_id: int | None = None,
) -> Message:
    """Send plain ``text`` escaped as HTML, split if long; returns the last message.
    ``thread_id``: the forum topic to post in (None: the chat itself)."""
    chunks = split_text(text)
    message: Message | None = None
    for i, chunk in enumerate(chunks):
        message = await bot.send_message(
            chat_id,
            html.escape(chunk),
            parse_mode=ParseMode.HTML,
            link_preview_options=_NO_PREVIEW,
            reply_parameters=reply_params(reply_to) if i == 0 else None,
            reply_markup=markup if i == len(chunks) - 1 else None,
            message_thread_id=thread_id,
        )
    assert message is not None
    return message


def _markup(answer: Answer, lang: str, update_id: int | None) -> InlineKeyboardMarkup | None:
    if answer.status == "ambiguous" and answer.choices:
        return keyboards.choices_keyboard(answer.choices)
    try:
        csv = answer.csv_text()
    except Exception:  # a missing CSV must not cost the user the answer itself
        logger.exception("CSV export failed for update %s", update_id)
        return None
    return keyboards.csv_keyboard(csv, file_stem(answer) + ".csv", lang) if csv else None


# matplotlib takes tens of milliseconds a chart (more on first import), so charts are drawn
# off the event loop. The renderer draws one chart at a time anyway (matplotlib is not
# thread-safe; bot.render.chart holds a lock), so one thread of our own does it: waiting
# renders then queue here instead of parking threads of the loop's default executor.
_CHART_THREAD = ThreadPoolExecutor(max_workers=1, thread_name_prefix="chart")


async def render_chart(answer: Answer, update_id: int | None) -> bytes | None:
    """The PNG of ``answer`` (None: no chart, or it failed: logged), drawn off the event loop."""
    if answer.chart is None:
        return None  # no chart, no hop (nor a wait behind other charts)
    try:
        return await asyncio.get_running_loop().run_in_executor(_CHART_THREAD, answer.chart_png)
    except Exception:  # without the chart the text answer is still worth sending
        logger.exception("chart rendering failed for update %s", update_id)
        return None


async def send_answer(
    bot: ExtBot,
    chat_id: int,
    answer: Answer,
    *,
    lang: str,
    reply_to: int | None = None,
    update_id: int | None = None,
    thread_id: int | None = None,
) -> None:
    """Send ``answer`` to ``chat_id`` (in forum topic ``thread_id``, if any; see the module
    docstring for the shape)."""
    markup = _markup(answer, lang, update_id)
    png = await render_chart(answer, update_id)
    if png is None:
        await send_text(bot, chat_id, answer.text, reply_to=reply_to, markup=markup, thread_id=thread_id)
        return
    filename = file_stem(answer) + ".png"
    if answer.text and tg_len(answer.text) <= CAPTION_LIMIT:
        await bot.send_photo(
            chat_id,
            png,
            caption=html.escape(answer.text),
            parse_mode=ParseMode.HTML,
            filename=filename,
            reply_parameters=reply_params(reply_to),
            reply_markup=markup,
            message_thread_id=thread_id,
        )
        return
    if answer.text:
        await send_text(bot, chat_id, answer.text, reply_to=reply_to, thread_id=thread_id)
        reply_to = None
    await bot.send_photo(chat_id, png, filename=filename, reply_parameters=reply_params(reply_to), reply_markup=markup,
                         message_thread_id=thread_id)
