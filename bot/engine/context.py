"""Per-conversation context for follow-up questions ("and 2015?", "what about imports?").

It is a small, JSON-serialisable value so that any face can keep it: the CLI prompt in
memory, the Telegram bot in ``chat_data`` (saved by PTB persistence across restarts).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Context:
    last_query: dict | None = None  # Query.to_dict() of the last answered question
    lang: str | None = None  # language forced by the user (/lang), else None

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict | None) -> "Context":
        if not d:
            return cls()
        return cls(last_query=d.get("last_query"), lang=d.get("lang"))
