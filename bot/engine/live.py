"""An engine that follows its store file, so a long-running bot picks up new data by itself.

``tradefacts data build`` writes a new store beside the old one and swaps it in with
``os.replace``; ``data import`` commits into the file in place. Either way a running bot would
go on answering from what it loaded at start: the old file (still open after the swap) or
stale caches (country names, sources, coverage) over new rows.

``LiveEngine`` looks at the file (``os.stat``: inode, size, mtime; a few microseconds) at most
once every ``check_every`` seconds while questions come in. When it changed, a new ``Store``
and ``Engine`` are opened and warmed on a background thread while the current ones keep
answering; the next question after that goes to the new engine. A store that fails to open
(a half-copied file put there by hand, say) is logged and the old engine keeps serving, so
readers never see a half-built store and never lose the one they have.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

from bot.engine.answer import Answer
from bot.engine.context import Context
from bot.engine.engine import Engine
from bot.store.queries import Store

log = logging.getLogger(__name__)

CHECK_EVERY = 2.0  # seconds between looks at the store file


def _signature(path: Path) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def warm(engine: Engine) -> Engine:
    """Load what the first question would otherwise load (name matchers, sources, coverage)."""
    engine.countries, engine.products, engine.store.sources  # noqa: B018 - cached on first use
    engine.store.coverage()
    return engine


class LiveEngine:
    """``Engine``'s interface (``ask``, ``examples``, ``store``) over whatever store is at ``path``."""

    def __init__(self, path: Path | str, *, engine: Engine | None = None, check_every: float = CHECK_EVERY,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.path = Path(path)
        self.check_every, self.clock = check_every, clock
        self._signature = _signature(self.path)
        self._engine = engine or warm(Engine(Store.open(self.path)))
        self._checked = clock()
        self._loading: threading.Thread | None = None
        self.reloads = 0  # how many times a new store was taken up

    @property
    def engine(self) -> Engine:
        self._maybe_reload()
        return self._engine

    @property
    def store(self) -> Store:
        return self.engine.store

    def ask(self, text: str, context: Context | None = None, lang: str | None = None,
            fallback_lang: str | None = None) -> Answer:
        return self.engine.ask(text, context=context, lang=lang, fallback_lang=fallback_lang)

    def examples(self, lang: str = "en") -> list[str]:
        return self._engine.examples(lang)

    def coverage(self) -> list[dict]:
        return self.engine.store.coverage()

    def wait_loaded(self, timeout: float | None = None) -> None:
        """Wait for a reload in progress (tests and benchmarks)."""
        loading = self._loading
        if loading is not None:
            loading.join(timeout)

    # --- internals ------------------------------------------------------------------------
    def _maybe_reload(self) -> None:
        now = self.clock()
        if now - self._checked < self.check_every or self._loading is not None:
            return
        self._checked = now
        signature = _signature(self.path)
        if signature is None or signature == self._signature:
            return
        self._loading = threading.Thread(target=self._load, args=(signature,), name="store-reload", daemon=True)
        self._loading.start()

    def _load(self, signature: tuple[int, int, int]) -> None:
        try:
            engine = warm(Engine(Store.open(self.path)))
        except Exception:  # not a usable store: keep the one we have, look again later
            log.exception("the store at %s changed but could not be opened; still serving the previous one", self.path)
            self._signature = signature
            self._loading = None
            return
        old, self._engine, self._signature = self._engine, engine, signature
        self.reloads += 1
        self._loading = None
        log.info("store %s changed: now answering from the new one", self.path)
        # Questions already running on the old engine finish there; its connection closes
        # with the last reference (sqlite3 closes on garbage collection).
        del old
