"""The fact-check: text in, one verdict per claim out, on one engine and its store.

    checker = FactChecker(engine)
    report = checker.check("In 2016, Mexico exported $179 million to Russia and imported $1.301 billion from it.")
    report.text          # what the CLI prints and the bot sends
    report.to_dicts()    # ``tradefacts check --json``: one object per claim

Telegram-free and SQL-free like the engine it runs on. It never raises for any input: a
claim whose check fails is reported as "can't check" (and logged), the others still come.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from bot.factcheck.extract import Extractor
from bot.factcheck.lookup import look_up
from bot.factcheck.report import Checked, w
from bot.factcheck.verdict import Verdict, judge

log = logging.getLogger(__name__)


@dataclass
class Report:
    """Every claim found in a text, checked; ``lang`` is the answer's language."""

    lang: str
    checked: list[Checked] = field(default_factory=list)
    truncated: bool = False
    too_many: bool = False
    engine: object = None

    @property
    def text(self) -> str:
        if not self.checked:
            return w("no_claims", self.lang)
        parts = [c.text(i, self.engine) for i, c in enumerate(self.checked, 1)]
        if self.too_many:
            parts.append(w("too_many", self.lang, n=len(self.checked)))
        if self.truncated:
            parts.append(w("truncated", self.lang))
        return "\n\n".join(parts)

    def to_dicts(self) -> list[dict]:
        return [c.to_dict(self.engine) for c in self.checked]

    def verdicts(self) -> list[str]:
        return [c.verdict.verdict for c in self.checked]


class FactChecker:
    """Checks the trade and investment claims of a text against one engine's store."""

    def __init__(self, engine) -> None:
        self.engine = engine
        self.extractor = Extractor(engine)

    def check(self, text: str, lang: str | None = None) -> Report:
        """``lang`` forces the answer language; else the text's own (en/es/ru)."""
        try:
            extraction = self.extractor.extract(text if isinstance(text, str) else str(text), lang)
        except Exception:  # never a traceback to the user
            log.exception("fact-check extraction failed")
            return Report(lang if lang in ("en", "es", "ru") else "en", engine=self.engine)
        report = Report(extraction.lang, truncated=extraction.truncated, too_many=extraction.too_many, engine=self.engine)
        for claim in extraction.claims:
            claim.lang = extraction.lang
            try:
                view = look_up(self.engine, claim, extraction.lang) if claim.problem is None else None
                verdict = judge(claim, view) if view is not None else Verdict("cant_check", problem=claim.problem)
                report.checked.append(Checked(claim, view, verdict, extraction.lang))
            except Exception:
                log.exception("fact-check of one claim failed")
                report.checked.append(Checked(claim, None, Verdict("cant_check", problem="error"), extraction.lang, error=True))
        return report
