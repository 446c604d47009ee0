"""Concurrent update handling that keeps each chat in order.

PTB's ``concurrent_updates(n)`` runs up to ``n`` updates at once, in any order. The bot wants
that across chats (one user's slow chart must not hold up everybody else) but not within a
chat: answers must come in the order the questions were asked, and a question must see the
follow-up context (``chat_data``) left by the one before it. ``ChatOrderedProcessor`` gives
both: updates of one chat go through an ``asyncio.Lock`` of that chat (first come, first
served), updates of different chats run side by side, and updates without a chat (inline
queries) are not serialised at all.

The chat's lock is taken *before* one of the ``max_concurrent`` running slots, so updates
waiting behind an earlier message of their chat do not occupy slots other chats need. PTB
takes its own semaphore before calling us; that one only caps how many updates may be
waiting (``MAX_PENDING_UPDATES``), further ones wait in PTB's queue, still in order.
Locks exist only while their chat has an update in flight, so memory does not grow with
the number of chats. ``in_flight`` (updates being handled or waiting for their chat) is what
the polling back-pressure watches (``app.build_application``).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

MAX_CONCURRENT_UPDATES = 64  # updates being handled at once, across all chats
MAX_PENDING_UPDATES = 4096  # updates admitted to wait for their chat before PTB queues them
MAX_BUFFERED_UPDATES = 512  # polling pauses while this many are queued or in flight (memory)


class _ChatLock:
    __slots__ = ("lock", "users")

    def __init__(self) -> None:
        self.lock = asyncio.Lock()
        self.users = 0  # updates holding or waiting for the lock


def chat_key(update: object) -> int | None:
    """The chat an update belongs to, or None (inline queries, buttons of inline messages)."""
    if isinstance(update, Update) and update.effective_chat is not None:
        return update.effective_chat.id
    return None


class ChatOrderedProcessor(BaseUpdateProcessor):
    """Up to ``max_concurrent`` updates at once; one at a time, in order, per chat."""

    def __init__(self, max_concurrent: int = MAX_CONCURRENT_UPDATES, max_pending: int = MAX_PENDING_UPDATES):
        if max_concurrent < 1:
            raise ValueError("max_concurrent must be a positive integer")
        # PTB sizes its own semaphore from ``max_concurrent_updates`` inside __init__, so the
        # property below must still give the waiting room then; the real bound is set after.
        self._running_max: int | None = None
        super().__init__(max(max_pending, max_concurrent))
        self._running_max = max_concurrent
        self._running = asyncio.BoundedSemaphore(max_concurrent)
        self._chats: dict[int, _ChatLock] = {}
        self.in_flight = 0  # updates inside do_process_update: waiting for their chat, or running

    @property
    def max_concurrent_updates(self) -> int:  # the real bound, not the waiting room
        return self._running_max if self._running_max is not None else self._max_concurrent_updates

    @property
    def current_concurrent_updates(self) -> int:
        return self._running_max - self._running._value  # noqa: SLF001 - a snapshot, as in PTB

    @property
    def chats_in_flight(self) -> int:
        """Chats with an update being handled or waiting (the size of the lock table)."""
        return len(self._chats)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        self.in_flight += 1
        try:
            await self._process_in_order(update, coroutine)
        finally:
            self.in_flight -= 1

    async def _process_in_order(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = chat_key(update)
        entry = None
        if key is not None:
            entry = self._chats.get(key)
            if entry is None:
                entry = self._chats[key] = _ChatLock()
            entry.users += 1
        started = False
        try:
            async with entry.lock if entry else contextlib.nullcontext(), self._running:
                started = True
                await coroutine
        finally:
            if not started and hasattr(coroutine, "close"):  # cancelled while waiting: no warning
                coroutine.close()
            if entry is not None:
                entry.users -= 1
                if entry.users == 0:
                    del self._chats[key]

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass
