"""A stand-in for ``bot.engine.engine.Engine`` with canned answers, for the chat tests.

The real engine is developed separately; the chat layer depends only on its interface
(``ask(text, context=, lang=) -> Answer`` and ``examples(lang)``), which this stub mimics.
Which answer comes back is chosen by a keyword in the question.
"""

from __future__ import annotations

import copy
import threading
import struct
import zlib
from dataclasses import dataclass

from bot.engine.answer import Answer, ChartSpec, Choice
from bot.engine.context import Context
from bot.engine.query import Query


def tiny_png() -> bytes:
    """A valid 1x1 PNG, made by hand so the tests need neither matplotlib nor Pillow."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


PNG = tiny_png()
CSV = "source,UN Comtrade 2016\nreporter,partner,year,value_usd\nMEX,RUS,2016,1639000000\n"
# Longer than 64 bytes on purpose: choice buttons must not depend on the callback_data limit.
CHOICES = [
    Choice("Georgia (country)", "How much did Georgia, the country in the Caucasus, export to Russia in 2016?", "GEO"),
    Choice("Georgia (US state)", "How much did the US state of Georgia (not the country) export to Russia in 2016?", "US-GA"),
]
EXAMPLES = {
    "en": ["Mexico exports to Russia 2016", "Top partners of Mexico 2016", "Chile copper exports 2015",
           "Trade balance of Spain 2014", "GDP of Peru 2016"],
    "es": ["Exportaciones de México a Rusia 2016", "Principales socios de México 2016"],
    "ru": ["Экспорт Мексики в Россию 2016", "Главные партнёры Мексики 2016"],
}


class StubAnswer(Answer):
    """An Answer whose chart and CSV are canned (no render module needed)."""

    png: bytes | None = None
    csv: str | None = None
    gate: threading.Event | None = None  # rendering waits for it (a slow chart, held by a test)
    threads: list[str] | None = None  # where rendering ran

    def chart_png(self) -> bytes | None:
        if self.threads is not None:
            self.threads.append(threading.current_thread().name)
        if self.gate is not None and not self.gate.wait(10):
            raise RuntimeError("the test never released the chart")
        if self.png == b"fail":
            raise RuntimeError("renderer exploded on purpose")
        return self.png

    def csv_text(self) -> str | None:
        return self.csv


def make_answer(status: str, text: str, *, lang: str = "en", intent: str = "value", png: bytes | None = None,
                csv: str | None = None, choices: list[Choice] | None = None) -> StubAnswer:
    answer = StubAnswer(status=status, text=text, lang=lang, query=Query(intent=intent), choices=choices or [])
    if png is not None:
        answer.chart = ChartSpec(kind="line", title="t", labels=["2016"], values=[1.0])
    answer.png, answer.csv = png, csv
    return answer


@dataclass
class AskCall:
    text: str
    context: Context  # a copy, as it was when the engine was called
    lang: str | None


class StubEngine:
    """Keywords: ``boom`` raises, ``georgia`` is ambiguous, ``longchart``/``chart`` have a
    chart (``badchart``: its rendering fails; every chart waits for ``chart_gate``, set
    unless a test clears it to hold the rendering), ``csv`` has a table, ``huge`` is over
    4096 characters; anything else echoes."""

    def __init__(self) -> None:
        self.calls: list[AskCall] = []
        self.chart_gate = threading.Event()
        self.chart_gate.set()
        self.render_threads: list[str] = []

    def examples(self, lang: str = "en") -> list[str]:
        return EXAMPLES.get(lang, EXAMPLES["en"])

    def ask(self, text: str, context: Context | None = None, lang: str | None = None,
            fallback_lang: str | None = None) -> Answer:
        answer = self._answer(text, context, lang, fallback_lang)
        if isinstance(answer, StubAnswer) and answer.png is not None:
            answer.gate, answer.threads = self.chart_gate, self.render_threads
        return answer

    def _answer(self, text: str, context: Context | None, lang: str | None, fallback_lang: str | None) -> Answer:
        self.calls.append(AskCall(text, copy.deepcopy(context), lang))
        self.fallback_langs = [*getattr(self, "fallback_langs", []), fallback_lang]
        low = text.lower()
        if "boom" in low:
            raise RuntimeError("engine exploded on purpose")
        if context is not None:  # what a real engine does: remember the question for follow-ups
            context.last_query = {"intent": "value", "text": text}
        out_lang = lang or "en"
        if "georgia" in low and "export to russia" not in low:
            return make_answer("ambiguous", "Which Georgia do you mean?", lang=out_lang, choices=CHOICES)
        if "realchart" in low:  # the real Answer: chart_png/csv_text go through bot.render
            return Answer(status="ok", text="Mexico exports to Russia, 2014-2016", lang=out_lang,
                          query=Query(intent="series"), source_line="IMF DOTS",
                          chart=ChartSpec(kind="line", title="Mexico → Russia", labels=["2014", "2015", "2016"],
                                          values=[1.0e9, 1.2e9, 1.6e9]),
                          table=[{"year": 2016, "value_usd": 1.6e9}])
        if "badchart" in low:
            return make_answer("ok", "Text that had a chart", lang=out_lang, png=b"fail")
        if "longchart" in low:
            return make_answer("ok", "Long & detailed: " + "figures " * 200, lang=out_lang, intent="series", png=PNG)
        if "chart" in low:
            return make_answer("ok", f"Series <{text}> & chart", lang=out_lang, intent="series", png=PNG)
        if "csv" in low:
            return make_answer("ok", "Top partners of Mexico, 2016", lang=out_lang, intent="top_partners", csv=CSV)
        if "huge" in low:
            return make_answer("ok", "\n".join(f"line {i} & more text here" for i in range(400)), lang=out_lang)
        return make_answer("ok", f"You asked: {text}", lang=out_lang)
