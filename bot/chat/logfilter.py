"""Keep the bot token (and the webhook secret) out of every log line.

The Bot API puts the token in the URL path (``/bot<TOKEN>/sendMessage``), and httpx logs
each request URL at INFO; python-telegram-bot logs request parameters (among them a webhook
``secret_token``) at DEBUG, and exception texts can quote URLs. So the token must be removed
from the records themselves, not just from our own log calls.

The filter sits on the root logger's *handlers*: a filter on a logger only sees records
logged on that very logger, while a handler filter sees everything that propagates to it.
It formats the message, redacts it and stores it back without args, and pre-renders the
exception and stack text redacted (``logging.Formatter`` reuses ``record.exc_text``).
"""

from __future__ import annotations

import logging
from urllib.parse import quote

REDACTED = "[REDACTED]"


class RedactingFilter(logging.Filter):
    """Replaces each registered secret in a record's message, exception and stack text."""

    def __init__(self) -> None:
        super().__init__()
        self._secrets: set[str] = set()

    def add_secret(self, secret: str) -> None:
        """Register ``secret`` and its URL-quoted form (the token's ``:`` may be escaped)."""
        if secret:
            self._secrets.add(secret)
            self._secrets.add(quote(secret, safe=""))

    def redact(self, text: str) -> str:
        # Longest first, so a secret that contains another is replaced whole.
        for secret in sorted(self._secrets, key=len, reverse=True):
            if secret in text:
                text = text.replace(secret, REDACTED)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        if not self._secrets:
            return True
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: keep the raw pieces, redacted
            message = f"{record.msg} {record.args}"
        record.msg, record.args = self.redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


_FILTER = RedactingFilter()


def install(*secrets: str | None) -> RedactingFilter:
    """Redact ``secrets`` from every record reaching the root logger's handlers.

    Idempotent; call it again after adding root handlers (``serve`` configures logging
    first). Also quiets httpx, whose INFO lines are one per Bot API request.
    """
    for secret in secrets:
        if secret:
            _FILTER.add_secret(secret)
    for handler in logging.getLogger().handlers:
        if _FILTER not in handler.filters:
            handler.addFilter(_FILTER)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    return _FILTER
