"""The bot's update handlers: small async functions, registered in ``bot.chat.app``.

Who gets an answer:
* private chat: every text message is a question;
* groups (privacy mode on, but we check anyway, so turning it off never makes the bot
  chatty): ``/ask <question>`` (PTB's CommandHandler already ignores ``/ask@otherbot``),
  messages that mention the bot, and replies to the bot's own messages (follow-ups).
* anywhere: ``/check <text>``, or ``/check`` in reply to any message, fact-checks the text's
  trade figures against the store (``bot.factcheck``).

The engine is called directly on the event loop: it is synchronous and fast (a few
milliseconds of SQLite look-ups), so a hop to a worker thread would cost more than it
saves. Chart rendering, the one slow step (matplotlib), runs in a thread (see ``reply``).
Updates of different chats are handled concurrently, those of one chat one at a time and
in order (``concurrency.ChatOrderedProcessor``), so two messages of the same chat never race
on the follow-up context and their answers never overtake each other.

Flood control: every handler that is about to reply to a message or a button asks
``admit`` first. Over the limits (``flood``) the question is dropped, not queued; the first
dropped one of a window gets a short slow-down message. Inline queries are not counted:
Telegram sends one per keystroke and caches the answers.

The follow-up state (``Context``) lives per chat in ``chat_data["context"]`` as a plain
dict; with persistence configured it survives restarts.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from telegram import Message, MessageEntity, Update
from telegram.constants import ChatType
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError, TimedOut
from telegram.ext import ApplicationHandlerStop, ContextTypes, filters

from bot.chat import keyboards, reply
from bot.chat.flood import FloodControl, Verdict
from bot.chat.messages import LANGS, help_text, pick_lang, t
from bot.engine.context import Context

logger = logging.getLogger(__name__)

CONTEXT_KEY = "context"  # chat_data key of the follow-up Context (as a dict)
DEPS_KEY = "deps"  # bot_data key of ChatDeps (bot_data is never persisted)
MAX_EXAMPLES = 5


@dataclass(frozen=True)
class ChatDeps:
    """What the handlers need from outside the chat layer: the engine and the sources text."""

    engine: Any  # bot.engine.engine.Engine or anything with ask() and examples()
    sources_text: Callable[[str], str] | None = None
    flood: FloodControl | None = None  # None: no flood control
    inline_media_chat: int | str | None = None  # where inline mode uploads charts (None: articles only)
    coverage: Callable[[], list[dict]] | None = None  # Store.coverage() rows: /help says how fresh the data is


def deps(context: ContextTypes.DEFAULT_TYPE) -> ChatDeps:
    return context.bot_data[DEPS_KEY]


def chat_context(context: ContextTypes.DEFAULT_TYPE) -> Context:
    return Context.from_dict(context.chat_data.get(CONTEXT_KEY) if context.chat_data is not None else None)


def ui_lang(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """Language of the bot's own strings: /lang setting, else the user's Telegram language."""
    user = update.effective_user
    return pick_lang(chat_context(context).lang, user.language_code if user else None)


def is_group(update: Update) -> bool:
    chat = update.effective_chat
    return chat is not None and chat.type in (ChatType.GROUP, ChatType.SUPERGROUP)


def topic(update: Update) -> int | None:
    """The forum topic the update came from (supergroups with topics), so that every message
    of the answer goes there and not to the General topic; None elsewhere."""
    message = update.effective_message
    return message.message_thread_id if message is not None and message.is_topic_message else None


def _reply_to(update: Update, message: Message | None) -> int | None:
    """In groups answers reply to the asker's message; in private chats they need not."""
    return message.message_id if message is not None and is_group(update) else None


async def admit(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Flood control: True to go on and reply; False when the question is to be dropped.

    The first dropped question of a window gets the slow-down message (a reply in groups).
    """
    flood = deps(context).flood
    user = update.effective_user
    if flood is None or user is None:
        return True
    verdict = flood.check(user.id, update.effective_chat.id if is_group(update) else None)
    if verdict is Verdict.ANSWER:
        return True
    logger.log(logging.INFO if verdict is Verdict.WARN else logging.DEBUG,
               "flood control: dropped update %s", update.update_id)
    if verdict is Verdict.WARN and update.effective_chat is not None:
        await reply.send_text(
            context.bot,
            update.effective_chat.id,
            t("slow_down", ui_lang(update, context)),
            reply_to=_reply_to(update, update.effective_message),
            thread_id=topic(update),
        )
    return False


async def answer_question(update: Update, context: ContextTypes.DEFAULT_TYPE, question: str, reply_to: int | None) -> None:
    """Ask the engine with this chat's follow-up context and send the answer.

    Exceptions propagate to the Application's error handler, which apologises in the chat
    and logs the update id: the one place where failures are handled.
    """
    chat = update.effective_chat
    assert chat is not None
    ctx = chat_context(context)
    user = update.effective_user
    answer = deps(context).engine.ask(question, context=ctx, lang=ctx.lang,
                                      fallback_lang=pick_lang(None, user.language_code if user else None))
    context.chat_data[CONTEXT_KEY] = ctx.to_dict()  # only after a successful ask
    await reply.send_answer(
        context.bot, chat.id, answer, lang=pick_lang(ctx.lang, answer.lang), reply_to=reply_to,
        update_id=update.update_id, thread_id=topic(update)
    )


def strip_mentions(message: Message, username: str, bot_id: int) -> tuple[str, bool]:
    """The message text without mentions of the bot, and whether there was one.

    Entity offsets are in UTF-16 code units, so the cut is made on the UTF-16 encoding.
    """
    text = message.text or ""
    data = text.encode("utf-16-le")
    found = False
    for entity in sorted(message.entities, key=lambda e: e.offset, reverse=True):
        span = data[entity.offset * 2 : (entity.offset + entity.length) * 2].decode("utf-16-le")
        if (entity.type == MessageEntity.MENTION and span.lower() == f"@{username}".lower()) or (
            entity.type == MessageEntity.TEXT_MENTION and entity.user and entity.user.id == bot_id
        ):
            data = data[: entity.offset * 2] + data[(entity.offset + entity.length) * 2 :]
            found = True
    return " ".join(data.decode("utf-16-le").split()), found


def _sent_via_us(message: Message, bot_id: int) -> bool:
    """A message posted through our own inline mode is an answer, not a question."""
    return message.via_bot is not None and message.via_bot.id == bot_id


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start: greeting and example questions as buttons."""
    if not await admit(update, context):
        return
    lang = ui_lang(update, context)
    text = t("greeting", lang)
    if is_group(update):
        text += "\n" + t("group_hint", lang)
    examples = deps(context).engine.examples(lang)[:MAX_EXAMPLES]
    await reply.send_text(
        context.bot,
        update.effective_chat.id,
        text,
        reply_to=_reply_to(update, update.effective_message),
        markup=keyboards.examples_keyboard(examples) if examples else None,
        thread_id=topic(update),
    )


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/help: what can be asked, with examples in the user's language."""
    if not await admit(update, context):
        return
    lang = ui_lang(update, context)
    coverage = deps(context).coverage
    text = help_text(lang, deps(context).engine.examples(lang)[:MAX_EXAMPLES], context.bot.username,
                     coverage() if coverage else None)
    if is_group(update):
        text += "\n" + t("group_hint", lang)
    await reply.send_text(context.bot, update.effective_chat.id, text, reply_to=_reply_to(update, update.effective_message), thread_id=topic(update))


async def sources_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/sources: the loaded data sets, as described by the injected ``sources_text``."""
    if not await admit(update, context):
        return
    lang = ui_lang(update, context)
    sources_text = deps(context).sources_text
    text = (sources_text(lang) if sources_text else "") or t("no_sources", lang)
    await reply.send_text(context.bot, update.effective_chat.id, text, reply_to=_reply_to(update, update.effective_message), thread_id=topic(update))


async def lang_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/lang en|es|ru forces the answer language for this chat; /lang auto clears it."""
    if not await admit(update, context):
        return
    ctx = chat_context(context)
    arg = context.args[0].lower() if context.args else ""
    if arg in LANGS:
        ctx.lang = arg
        text = t("lang_set", arg)
    elif arg == "auto":
        ctx.lang = None
        text = t("lang_auto", ui_lang(update, context))
    else:
        lang = ui_lang(update, context)
        text = t("lang_usage", lang, current=ctx.lang or "auto")
    context.chat_data[CONTEXT_KEY] = ctx.to_dict()
    await reply.send_text(context.bot, update.effective_chat.id, text, reply_to=_reply_to(update, update.effective_message), thread_id=topic(update))


async def ask_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/ask <question> (and /ask@bot <question>): the way to ask in a group."""
    if not await admit(update, context):
        return
    message = update.effective_message
    question = " ".join(context.args or [])
    if not question:
        lang = ui_lang(update, context)
        examples = deps(context).engine.examples(lang)
        text = t("ask_usage", lang, example=examples[0] if examples else "…")
        await reply.send_text(context.bot, update.effective_chat.id, text, reply_to=_reply_to(update, message), thread_id=topic(update))
        return
    await answer_question(update, context, question, _reply_to(update, message))


CHECKER_KEY = "factcheck"  # bot_data key of the fact-checker, made on the first /check
_COMMAND = re.compile(r"^/\S*\s*")


def fact_checker(context: ContextTypes.DEFAULT_TYPE) -> Any:
    """The fact-checker over this bot's engine (``bot.factcheck``), made once; None when the
    engine has no store to check against (a stand-in engine)."""
    checker = context.bot_data.get(CHECKER_KEY)
    if checker is None:
        engine = deps(context).engine
        if not hasattr(engine, "store"):
            return None
        from bot.factcheck import FactChecker

        checker = context.bot_data[CHECKER_KEY] = FactChecker(engine)
    return checker


async def check_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/check <text> (and /check@bot <text>), or /check in reply to any message: a verdict for
    every trade figure of the text, against the store. Line breaks of the text are kept."""
    if not await admit(update, context):
        return
    message = update.effective_message
    text = _COMMAND.sub("", message.text or "", count=1).strip()
    replied = message.reply_to_message
    if not text and replied is not None:
        text = (replied.text or replied.caption or "").strip()
    ctx = chat_context(context)
    lang = ui_lang(update, context)
    checker = fact_checker(context)
    if not text or checker is None:
        key = "check_usage" if checker is not None else "check_unavailable"
        await reply.send_text(context.bot, update.effective_chat.id, t(key, lang), reply_to=_reply_to(update, message), thread_id=topic(update))
        return
    report = checker.check(text, lang=ctx.lang)
    out = report.text if report.checked else t("check_none", ctx.lang or lang)
    await reply.send_text(context.bot, update.effective_chat.id, out, reply_to=_reply_to(update, message), thread_id=topic(update))


async def private_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Private chat: any text message is a question."""
    message = update.effective_message
    if _sent_via_us(message, context.bot.id):
        return
    question, _ = strip_mentions(message, context.bot.username, context.bot.id)
    if question and await admit(update, context):
        await answer_question(update, context, question, None)


async def group_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Group chat: answer only mentions of the bot and replies to its messages."""
    message = update.effective_message
    bot = context.bot
    if _sent_via_us(message, bot.id):
        return
    question, mentioned = strip_mentions(message, bot.username, bot.id)
    replied = message.reply_to_message is not None and message.reply_to_message.from_user is not None
    replied = replied and message.reply_to_message.from_user.id == bot.id
    if (mentioned or replied) and question and await admit(update, context):
        await answer_question(update, context, question, message.message_id)


class _FromBot(filters.MessageFilter):
    """A message whose sender is a bot (not one a user sent through a bot's inline mode)."""

    def filter(self, message: Message) -> bool:
        return bool(message.from_user and message.from_user.is_bot)


FROM_BOT = _FromBot(name="FROM_BOT")


async def ignore(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stop here: no other handler sees this update."""
    raise ApplicationHandlerStop


async def not_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Private chat, a sticker, photo, voice note, file...: say what the bot can read."""
    if not await admit(update, context):
        return
    await reply.send_text(context.bot, update.effective_chat.id, t("not_text", ui_lang(update, context)), thread_id=topic(update))


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Private chat, a command we do not have: point to /help rather than stay silent."""
    if not await admit(update, context):
        return
    await reply.send_text(context.bot, update.effective_chat.id, t("unknown_command", ui_lang(update, context)), thread_id=topic(update))


async def ask_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An example or choice button: ask its question as if the user had typed it."""
    query = update.callback_query
    data: keyboards.AskButton = query.data
    await query.answer()
    if query.message is None:  # a button on an inline-mode message: nowhere to answer
        return
    if not await admit(update, context):  # before the choices go: they can be pressed later
        return
    if data.once:
        try:
            await query.edit_message_reply_markup(reply_markup=None)
        except BadRequest as exc:  # e.g. message too old to edit; the answer matters more
            logger.info("could not remove the choices keyboard: %s", exc)
        context.drop_callback_data(query)
    await answer_question(update, context, data.question, _reply_to(update, query.message))


async def csv_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The CSV button: send the answer's table as a document."""
    query = update.callback_query
    data: keyboards.CsvButton = query.data
    await query.answer()
    if query.message is None or not await admit(update, context):
        return
    await context.bot.send_document(
        query.message.chat.id,
        data.csv.encode("utf-8"),
        filename=data.filename,
        reply_parameters=reply.reply_params(_reply_to(update, query.message)),
        message_thread_id=topic(update),
    )


async def expired_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A button whose data is gone (evicted from the cache, or a restart without persistence)."""
    await update.callback_query.answer(t("button_expired", ui_lang(update, context)), show_alert=True)


async def migrate_chat(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A group became a supergroup (new chat id): carry its follow-up context over."""
    context.application.migrate_chat_data(message=update.effective_message)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log every failure with its update id; apologise in the chat, never show a traceback."""
    update_id = update.update_id if isinstance(update, Update) else None
    if isinstance(context.error, TimedOut):
        # Sent, but no answer in time: it has most likely arrived. Neither a copy nor an
        # apology under a correct answer (see bot.chat.request).
        logger.warning("update %s: the Bot API timed out on a send; not repeated", update_id)
        return
    logger.error("update %s failed: %r", update_id, context.error, exc_info=context.error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if isinstance(context.error, (Forbidden, RetryAfter)):  # blocked, or flood control: sending more won't help
        return
    try:
        await reply.send_text(
            context.bot,
            update.effective_chat.id,
            t("apology", ui_lang(update, context)),
            reply_to=_reply_to(update, update.effective_message),
            thread_id=topic(update),
        )
    except TelegramError as exc:
        logger.warning("could not send the apology for update %s: %r", update_id, exc)
