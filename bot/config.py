"""Settings from the environment and flags: where the store and the bundled data live,
the bot token and the Bot API server.

Secrets are read here and nowhere else; ``Settings.__repr__`` never shows the token.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def data_dir() -> Path:
    """The folder with the bundled source files (``data/`` of the project).

    ``TRADEFACTS_DATA_DIR`` overrides it; otherwise the ``data/`` folder beside the package
    (an editable install, a checkout, or the Docker image, which copies the whole project).
    """
    env = os.environ.get("TRADEFACTS_DATA_DIR")
    if env:
        return Path(env).expanduser()
    return PACKAGE_DIR.parent / "data"


def store_path() -> Path:
    """The SQLite store: ``TRADEFACTS_DB`` or ``<user data dir>/tradefacts/tradefacts.sqlite``.

    The store lives outside the installed package so that upgrades and read-only installs
    never touch it.
    """
    env = os.environ.get("TRADEFACTS_DB")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("tradefacts", appauthor=False)) / "tradefacts.sqlite"


class SecretError(ValueError):
    """The token could not be read; the message never contains the token."""


def read_token(token_file: str | None = None) -> str | None:
    """The bot token from ``--token-file`` or ``TELEGRAM_BOT_TOKEN`` (file wins)."""
    if token_file:
        try:
            token = Path(token_file).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise SecretError(f"cannot read the token file {token_file}: {exc.strerror}") from None
        if not token:
            raise SecretError(f"the token file {token_file} is empty")
        return token
    token = os.environ.get("TELEGRAM_BOT_TOKEN", "").strip()
    return token or None


@dataclass
class Settings:
    token: str | None = field(default=None, repr=False)
    api_base_url: str | None = None
    db: Path = field(default_factory=store_path)

    @classmethod
    def from_env(cls, token_file: str | None = None, api_base_url: str | None = None) -> "Settings":
        return cls(
            token=read_token(token_file),
            api_base_url=api_base_url or os.environ.get("TELEGRAM_API_BASE_URL") or None,
        )
