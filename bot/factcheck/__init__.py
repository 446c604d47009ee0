"""Fact-check: find the trade and investment claims of a sentence or paragraph and give each a
verdict (matches / close / differs / can't check) against the store, with the store's figure
and its source. Built on the engine: its parser reads each claim, its intents look it up.

Modules, one job each: ``amounts`` (money and percentages in en/es/ru), ``markers`` (ranks,
multiples, what a percentage is), ``sentences`` (sentences and clauses), ``extract`` (claims),
``lookup`` (the store's figures through the engine), ``verdict`` (the comparison rules),
``report`` (text and JSON), ``checker`` (all of it, for the faces).
"""

from bot.factcheck.checker import FactChecker, Report

__all__ = ["FactChecker", "Report"]
