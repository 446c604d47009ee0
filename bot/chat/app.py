"""The one place where the Telegram Application is built and its handlers registered.

Everything outside the chat layer comes in as arguments (the engine, the token, a function
describing the data sources), so the same Application runs against Telegram, a local Bot
API server, or the fake server of the test suite (``base_url``).

Updates are handled concurrently (``concurrent_updates`` at once) but in order within each
chat (``concurrency.ChatOrderedProcessor``); questions beyond the flood limits get a
slow-down message instead of an answer (``flood``); the HTTP client retries 5xx answers
(``request``); an optional rate limiter paces what goes out.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from telegram import BotCommand, Update
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    BaseRateLimiter,
    CallbackQueryHandler,
    CommandHandler,
    InlineQueryHandler,
    InvalidCallbackData,
    MessageHandler,
    PersistenceInput,
    PicklePersistence,
    filters,
)

from bot.chat import handlers, inline, logfilter
from bot.chat.concurrency import MAX_BUFFERED_UPDATES, MAX_CONCURRENT_UPDATES, ChatOrderedProcessor
from bot.chat.flood import FloodControl
from bot.chat.keyboards import AskButton, CsvButton
from bot.chat.messages import COMMANDS
from bot.chat.request import RetryingRequest

logger = logging.getLogger(__name__)

# The only update kinds the bot handles; asking for these alone also spares edited messages.
ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY, Update.INLINE_QUERY]

# Command menu languages; the menu without a language code (English) is the fallback.
COMMAND_LANGS = ("en", "es", "ru")


async def set_commands(application: Application) -> None:
    """post_init: publish the command menu in en/es/ru. Cosmetic, so a failure only warns."""
    try:
        await application.bot.set_my_commands([BotCommand(c, d) for c, d in COMMANDS["en"]])
        for lang in COMMAND_LANGS:
            await application.bot.set_my_commands([BotCommand(c, d) for c, d in COMMANDS[lang]], language_code=lang)
    except TelegramError as exc:
        logger.warning("could not set the command menu: %r", exc)


def register_handlers(application: Application) -> None:
    """Wire the handlers (order matters: commands before the catch-all text handlers)."""
    new_message = filters.UpdateType.MESSAGE  # edits of old questions are not new questions
    # Other bots are never asking (two bots answering each other would never stop).
    application.add_handler(MessageHandler(handlers.FROM_BOT, handlers.ignore), group=-1)
    application.add_handler(CommandHandler("start", handlers.start, filters=new_message))
    application.add_handler(CommandHandler("help", handlers.help_command, filters=new_message))
    application.add_handler(CommandHandler("sources", handlers.sources_command, filters=new_message))
    application.add_handler(CommandHandler("lang", handlers.lang_command, filters=new_message))
    application.add_handler(CommandHandler("ask", handlers.ask_command, filters=new_message))
    application.add_handler(CommandHandler("check", handlers.check_command, filters=new_message))
    text = filters.TEXT & ~filters.COMMAND & new_message
    application.add_handler(MessageHandler(text & filters.ChatType.PRIVATE, handlers.private_text))
    application.add_handler(MessageHandler(text & filters.ChatType.GROUPS, handlers.group_text))
    application.add_handler(
        MessageHandler(filters.COMMAND & filters.ChatType.PRIVATE & new_message, handlers.unknown_command)
    )
    application.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, handlers.migrate_chat))
    # Stickers, photos, voice, files... in a private chat: say politely what the bot reads.
    application.add_handler(MessageHandler(
        filters.ChatType.PRIVATE & new_message & ~filters.TEXT & ~filters.StatusUpdate.ALL, handlers.not_text))
    application.add_handler(CallbackQueryHandler(handlers.ask_button, pattern=AskButton))
    application.add_handler(CallbackQueryHandler(handlers.csv_button, pattern=CsvButton))
    application.add_handler(CallbackQueryHandler(handlers.expired_button, pattern=InvalidCallbackData))
    application.add_handler(InlineQueryHandler(inline.inline_query))
    application.add_error_handler(handlers.on_error)


def build_application(
    engine,
    token: str,
    *,
    base_url: str | None = None,
    sources_text: Callable[[str], str] | None = None,
    persistence_path: str | Path | None = None,
    rate_limiter: BaseRateLimiter | None = None,
    flood_control: FloodControl | bool = True,
    inline_media_chat: int | str | None = None,
    concurrent_updates: int = MAX_CONCURRENT_UPDATES,
    coverage: Callable[[], list[dict]] | None = None,
) -> Application:
    """Build the bot's Application (not started).

    ``base_url`` is a Bot API server root such as ``http://127.0.0.1:8081``; ``sources_text``
    renders /sources in a language; ``persistence_path`` is a pickle file keeping each chat's
    follow-up context and the buttons' data across restarts (None: memory only);
    ``rate_limiter`` paces outgoing requests (None: none). ``flood_control``: True for the
    default limits (``flood.USER_LIMIT``, ``flood.GROUP_LIMIT``), a ``FloodControl`` for
    others, False for none. ``concurrent_updates``: updates handled at once across chats.
    ``inline_media_chat``: a chat (a private channel of the bot's owner) where inline mode
    uploads charts so it can offer them as photos (``inline``); None: inline answers are text.
    ``coverage``: the store's ``coverage()`` rows, for the latest year per data set in /help.
    """
    logfilter.install(token)
    processor = ChatOrderedProcessor(concurrent_updates)
    updates_request = RetryingRequest(retries=0)  # polling retries itself; this one skips unreadable updates
    builder = (
        ApplicationBuilder()
        .token(token)
        .arbitrary_callback_data(True)
        .post_init(set_commands)
        .concurrent_updates(processor)
        .request(RetryingRequest(connection_pool_size=max(256, 2 * concurrent_updates)))
        .get_updates_request(updates_request)
    )
    if base_url:
        root = base_url.rstrip("/")
        builder = builder.base_url(f"{root}/bot").base_file_url(f"{root}/file/bot")
    if persistence_path is not None:
        Path(persistence_path).parent.mkdir(parents=True, exist_ok=True)
        persistence = PicklePersistence(
            filepath=persistence_path,
            store_data=PersistenceInput(bot_data=False, chat_data=True, user_data=False, callback_data=True),
            update_interval=30,
        )
        builder = builder.persistence(persistence)
    if rate_limiter is not None:
        builder = builder.rate_limiter(rate_limiter)
    application = builder.build()
    # Back-pressure: no new poll while this many updates are queued or being handled.
    updates_request.hold_while = lambda: application.update_queue.qsize() + processor.in_flight >= MAX_BUFFERED_UPDATES
    flood = flood_control if isinstance(flood_control, FloodControl) else FloodControl() if flood_control else None
    application.bot_data[handlers.DEPS_KEY] = handlers.ChatDeps(engine, sources_text, flood, inline_media_chat, coverage)
    register_handlers(application)
    return application
