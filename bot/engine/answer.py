"""What the engine returns to every face: numbers, text, choices, and what to draw.

An ``Answer`` is face-neutral: ``text`` is plain text (the Telegram face escapes it for
HTML), ``chart`` is a description of a chart that ``bot.render.chart`` turns into PNG bytes
only when a face asks for it (so text answers never pay for matplotlib), and ``table``
holds the rows a face can offer as CSV.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from bot.engine.query import Query
from bot.store.figures import Figure

STATUSES = ("ok", "ambiguous", "no_data", "not_understood", "error")


@dataclass
class Choice:
    """One option offered back to the user when a question is ambiguous.

    ``question`` is the full question rewritten with the choice resolved, so that pressing a
    button is simply asking that question: no hidden state is needed to answer it.
    """

    label: str
    question: str
    value: str = ""


@dataclass
class ChartSpec:
    """A small chart to draw: ``kind`` is ``line`` (series) or ``bar`` (rankings, compare)."""

    kind: str
    title: str
    labels: list[str]
    values: list[float]
    unit: str = "USD"
    source_line: str = ""
    series_name: str = ""
    lang: str = "en"


@dataclass
class Answer:
    status: str
    text: str
    lang: str = "en"
    query: Query | None = None
    results: list[Figure] = field(default_factory=list)
    choices: list[Choice] = field(default_factory=list)
    chart: ChartSpec | None = None
    source_line: str = ""
    table: list[dict] = field(default_factory=list)  # rows for CSV export

    def to_dict(self) -> dict:
        return {
            "status": self.status,
            "query": self.query.to_dict() if self.query else None,
            "results": [f.to_dict() for f in self.results],
            "choices": [{"label": c.label, "question": c.question, "value": c.value} for c in self.choices],
            "text": self.text,
            "lang": self.lang,
            "source": self.source_line,
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)

    def chart_png(self) -> bytes | None:
        """Render the chart (lazily imports matplotlib); None when the answer has no chart."""
        if self.chart is None:
            return None
        from bot.render.chart import render_png

        return render_png(self.chart)

    def csv_text(self) -> str | None:
        """The figures behind the answer as CSV, source line first; None when there is no table."""
        if not self.table:
            return None
        from bot.render.table import to_csv

        return to_csv(self.table, self.source_line)
