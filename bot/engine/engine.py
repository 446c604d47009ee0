"""The engine: question text -> Query -> store look-up -> Answer.

(Interface stub; the parser and planner are filled in by the engine issue.)
"""

from __future__ import annotations

from bot.engine.answer import Answer, Choice
from bot.engine.context import Context


class Engine:
    """Answers questions against one store. Thread-safe for reads; cheap to call."""

    def __init__(self, store) -> None:
        self.store = store

    def ask(self, text: str, context: Context | None = None, lang: str | None = None) -> Answer:
        """Answer ``text``. ``context`` (mutated in place) carries follow-up state;
        ``lang`` forces the answer language (else the question's language)."""
        return Answer(status="not_understood", text="I did not understand that question.", lang=lang or "en")

    def examples(self, lang: str = "en") -> list[str]:
        """Example questions for /start and /help, in ``lang``."""
        return {
            "es": ["¿Cuánto exportó México a Rusia en 2016?", "Principales socios de México 2016"],
            "ru": ["Сколько Мексика экспортировала в Россию в 2016 году?", "Главные партнёры Мексики 2016"],
        }.get(lang, ["How much did Mexico export to Russia in 2016?", "Mexico's top export partners 2016"])
