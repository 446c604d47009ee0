"""Flood control: how many questions one user (and one group) may ask before the bot says
"slow down" instead of answering.

Each user has a token bucket of ``USER_LIMIT.burst`` questions that refills completely in
``USER_LIMIT.window`` seconds (one question back every ``window / burst`` seconds); each
group chat has one too (``GROUP_LIMIT``), shared by its members. A question needs a token
from every bucket it belongs to. Without one it is dropped, never queued: the bot replies
once with a short slow-down message, then stays quiet for that bucket's window, so a flood
costs at most one extra message per window.

Why these numbers: Telegram lets a bot send about 30 messages/s overall and 20 a minute
into one group. Eight questions in half a minute is more than a person types, and fifteen a
minute per group keeps a group's answers (plus the odd slow-down) under Telegram's 20 even
when an answer takes two messages now and then. The rate limiter (``AIORateLimiter``) still
paces what goes out; flood control keeps one user from making everyone else wait behind it.

The clock is injectable (tests move it by hand) and idle buckets are forgotten, so memory
follows the number of recently active users, not every user ever seen.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum


@dataclass(frozen=True)
class Limit:
    """``burst`` questions at once, refilled at ``burst`` per ``window`` seconds."""

    burst: int
    window: float

    def __post_init__(self) -> None:
        if self.burst < 1 or self.window <= 0:
            raise ValueError("a limit needs burst >= 1 and window > 0")


USER_LIMIT = Limit(burst=8, window=30.0)  # per user, in every chat together
GROUP_LIMIT = Limit(burst=15, window=60.0)  # per group chat, all its members together


class Verdict(Enum):
    ANSWER = "answer"  # within the limits: answer it
    WARN = "warn"  # over a limit: drop it and say "slow down" (first time this window)
    DROP = "drop"  # over a limit, already told: drop it silently


@dataclass
class _Bucket:
    limit: Limit
    tokens: float
    at: float  # when ``tokens`` was last brought up to date
    quiet_until: float = float("-inf")  # no second slow-down message before this time

    def refill(self, now: float) -> None:
        rate = self.limit.burst / self.limit.window
        self.tokens = min(float(self.limit.burst), self.tokens + (now - self.at) * rate)
        self.at = now


class FloodControl:
    """Token buckets per user and per group chat; ``check`` decides one question."""

    def __init__(
        self,
        user: Limit = USER_LIMIT,
        group: Limit | None = GROUP_LIMIT,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.user_limit, self.group_limit, self.clock = user, group, clock
        self._buckets: dict[tuple[str, int], _Bucket] = {}
        self._swept = clock()

    def check(self, user_id: int | None, group_id: int | None = None) -> Verdict:
        """Take a token for a question from ``user_id`` (in group ``group_id``, if any)."""
        now = self.clock()
        self._sweep(now)
        buckets = []
        if user_id is not None:
            buckets.append(self._bucket(("user", user_id), self.user_limit, now))
        if group_id is not None and self.group_limit is not None:
            buckets.append(self._bucket(("group", group_id), self.group_limit, now))
        empty = [b for b in buckets if b.tokens < 1]
        if not empty:
            for b in buckets:
                b.tokens -= 1
            return Verdict.ANSWER
        if any(now >= b.quiet_until for b in empty):
            for b in empty:
                b.quiet_until = now + b.limit.window
            return Verdict.WARN
        return Verdict.DROP

    def __len__(self) -> int:
        """Buckets held in memory (users and groups seen within the last window or so)."""
        return len(self._buckets)

    def _bucket(self, key: tuple[str, int], limit: Limit, now: float) -> _Bucket:
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = self._buckets[key] = _Bucket(limit, float(limit.burst), now)
        else:
            bucket.refill(now)
        return bucket

    def _sweep(self, now: float) -> None:
        """Once per longest window, forget buckets that are full again and not muted."""
        longest = max(self.user_limit.window, self.group_limit.window if self.group_limit else 0.0)
        if now - self._swept < longest:
            return
        self._swept = now
        for key, bucket in list(self._buckets.items()):
            bucket.refill(now)
            if bucket.tokens >= bucket.limit.burst and now >= bucket.quiet_until:
                del self._buckets[key]
