"""Shared fixtures. The full bundled store is built once per test session (about 20 s) from
the project's own data/ into a temporary folder; tests never touch the user's store."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"


@pytest.fixture(scope="session")
def bundled_store_path(tmp_path_factory) -> Path:
    from bot.store.build import build_store

    path = tmp_path_factory.mktemp("store") / "tradefacts.sqlite"
    build_store(path, DATA, progress=False, log=lambda s: None)
    return path


@pytest.fixture(scope="session")
def store(bundled_store_path):
    from bot.store.queries import Store

    s = Store.open(bundled_store_path)
    yield s
    s.close()


@pytest.fixture(autouse=True)
def _no_user_store(monkeypatch, tmp_path):
    """No test may read or write the real user store or token by accident."""
    monkeypatch.setenv("TRADEFACTS_DB", str(tmp_path / "unset-store.sqlite"))
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
