"""Entry points for ``tradefacts serve``: run the bot by long polling or behind a webhook.

``run_polling``/``run_webhook`` take explicit arguments; ``serve_from_cli`` maps the CLI's
parsed arguments onto them (token, store, engine, /sources text, persistence file).

Both block until SIGINT/SIGTERM (PTB's ``run_polling``/``run_webhook`` handle the signals,
flush the persistence and shut down cleanly). They configure logging *before* building the
Application so the token-redacting filter lands on the real root handlers.

In production a rate limiter is always on: it keeps the bot under Telegram's limits (about
30 messages/s overall, 20/min per group) and retries a 429 after the time Telegram asks for.
Flood control (``bot.chat.flood``, on by default) answers a user or group asking faster
than that with one slow-down message instead of a growing queue.
"""

from __future__ import annotations

import gc
import logging
import re
import secrets
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from telegram.ext import AIORateLimiter

from bot.chat import logfilter
from bot.chat.app import ALLOWED_UPDATES, build_application

EXIT_USAGE = 2
# Telegram's rule for X-Telegram-Bot-Api-Secret-Token.
_SECRET_RE = re.compile(r"[A-Za-z0-9_-]{1,256}")


def default_persistence_path(store_path: Path) -> Path:
    """``telegram-state.pickle`` beside the store: one folder holds all the bot's state."""
    return Path(store_path).with_name("telegram-state.pickle")


def parse_listen(listen: str) -> tuple[str, int]:
    """``HOST:PORT`` (``[::1]:8443`` for IPv6) -> (host, port)."""
    host, sep, port = listen.rpartition(":")
    if not sep or not host or not port.isdigit():
        raise ValueError(f"--listen wants HOST:PORT, got {listen!r}")
    return host.strip("[]"), int(port)


def configure_logging(*secrets_: str | None, level: int = logging.INFO) -> None:
    """Log to stderr (unless logging is already set up) with the secrets redacted."""
    if not logging.getLogger().handlers:
        logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logfilter.install(*secrets_)


def freeze_startup_heap() -> None:
    """Keep the garbage collector's full passes short while serving.

    The engine's tables, the libraries and the Application are loaded once and live until
    exit, yet a full collection walks them all (some 90 ms measured in bench/bot_bench.py, a
    stall felt by every chat at that moment). ``gc.freeze`` moves what exists now out of the
    collector's sight; objects made while serving are collected as usual.
    """
    gc.collect()
    gc.freeze()


def webhook_params(url: str, listen_host: str, listen_port: int, secret_token: str | None) -> dict:
    """Arguments for PTB's ``run_webhook``/``start_webhook``.

    The local server listens on the path of the public ``url`` (a reverse proxy forwards the
    path unchanged). Without a ``secret_token`` a random one is made: Telegram then sends it
    with every update and PTB answers 403 to any POST without it, so a webhook is never open
    to forged updates.
    """
    if secret_token is None:
        secret_token = secrets.token_urlsafe(32)
    if not _SECRET_RE.fullmatch(secret_token):
        raise ValueError("the secret token must be 1-256 characters from A-Z, a-z, 0-9, _ and -")
    return {
        "listen": listen_host,
        "port": int(listen_port),
        "url_path": urlsplit(url).path.strip("/"),
        "webhook_url": url,
        "secret_token": secret_token,
    }


def run_polling(
    engine,
    token: str,
    *,
    base_url: str | None = None,
    sources_text: Callable[[str], str] | None = None,
    persistence_path: str | Path | None = None,
    inline_media_chat: int | str | None = None,
    coverage: Callable[[], list[dict]] | None = None,
) -> None:
    """Run the bot with long polling until interrupted."""
    configure_logging(token)
    app = build_application(
        engine,
        token,
        base_url=base_url,
        sources_text=sources_text,
        persistence_path=persistence_path,
        rate_limiter=AIORateLimiter(max_retries=2),
        inline_media_chat=inline_media_chat,
        coverage=coverage,
    )
    freeze_startup_heap()
    app.run_polling(allowed_updates=ALLOWED_UPDATES)


def run_webhook(
    engine,
    token: str,
    url: str,
    listen_host: str,
    listen_port: int,
    secret_token: str | None = None,
    *,
    base_url: str | None = None,
    sources_text: Callable[[str], str] | None = None,
    persistence_path: str | Path | None = None,
    inline_media_chat: int | str | None = None,
    coverage: Callable[[], list[dict]] | None = None,
) -> None:
    """Register ``url`` as the webhook and serve it on ``listen_host:listen_port`` until interrupted."""
    params = webhook_params(url, listen_host, listen_port, secret_token)
    configure_logging(token, params["secret_token"])
    app = build_application(
        engine,
        token,
        base_url=base_url,
        sources_text=sources_text,
        persistence_path=persistence_path,
        rate_limiter=AIORateLimiter(max_retries=2),
        inline_media_chat=inline_media_chat,
        coverage=coverage,
    )
    freeze_startup_heap()
    app.run_webhook(**params, allowed_updates=ALLOWED_UPDATES)


def load_engine(args, db: Path):
    """The engine the bot answers with: built on first use, following the store file, so a
    new data build (or import) while the bot runs is picked up by itself (``bot.engine.live``)."""
    from bot.cli import open_store
    from bot.engine.engine import Engine
    from bot.engine.live import LiveEngine, warm

    return LiveEngine(db, engine=warm(Engine(open_store(args))))


def serve_from_cli(args) -> int:
    """``tradefacts serve`` (and ``demo`` with a token): read the settings, then run the bot.

    Attributes read from ``args`` (all optional): ``token_file``, ``api_base_url``,
    ``webhook``, ``listen`` (HOST:PORT), ``secret_token`` (else $TELEGRAM_WEBHOOK_SECRET),
    ``persistence`` (else beside the store), ``inline_media_chat`` (else
    $TRADEFACTS_INLINE_MEDIA_CHAT), plus ``db``/``data_dir`` for the store.
    Returns an exit code; a missing token is a one-line message, never a traceback.
    """
    import os
    import sys

    from bot import config
    from bot.chat.messages import sources_list

    settings = config.Settings.from_env(getattr(args, "token_file", None), getattr(args, "api_base_url", None))
    if not settings.token:
        print("tradefacts: no bot token: set TELEGRAM_BOT_TOKEN or pass --token-file", file=sys.stderr)
        return EXIT_USAGE
    webhook = getattr(args, "webhook", None)
    if webhook:
        try:  # validate before the store is loaded or anything starts
            host, port = parse_listen(getattr(args, "listen", None) or "127.0.0.1:8443")
            secret = getattr(args, "secret_token", None) or os.environ.get("TELEGRAM_WEBHOOK_SECRET") or None
            webhook_params(webhook, host, port, secret)
        except ValueError as exc:
            print(f"tradefacts: {exc}", file=sys.stderr)
            return EXIT_USAGE
    db = Path(args.db).expanduser() if getattr(args, "db", None) else config.store_path()
    engine = load_engine(args, db)
    common = {
        "base_url": settings.api_base_url,
        "sources_text": lambda lang: sources_list(engine.coverage(), lang),
        "coverage": engine.coverage,
        "persistence_path": getattr(args, "persistence", None) or default_persistence_path(db),
        "inline_media_chat": getattr(args, "inline_media_chat", None) or os.environ.get("TRADEFACTS_INLINE_MEDIA_CHAT") or None,
    }
    if not webhook:
        run_polling(engine, settings.token, **common)
        return 0
    run_webhook(engine, settings.token, webhook, host, port, secret, **common)
    return 0
