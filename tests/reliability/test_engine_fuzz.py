"""Property-based: whatever a chat sends, the engine gives an Answer with a known status, a
text to show and a JSON form; it never raises, and no figure comes without its source.

CI runs a few thousand examples (arbitrary Unicode up to Telegram's 4,096 characters, and
question-shaped soups of names, metric words, years and junk), the same ones each run
(derandomized: a red build is a real bug, never bad luck); bench/fuzz_bench.py runs 100,000
fresh ones and prints the failure count and questions/s.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.engine.answer import STATUSES, Answer
from bot.engine.context import Context
from bot.engine.engine import Engine

MAX_MESSAGE = 4096  # Telegram's limit for a text message

WORDS = [
    "Mexico", "Mexcio", "Russia", "Rusia", "China", "PRC", "the US", "Korea", "Congo", "Guinea", "Niger", "Sudan",
    "México", "Rusia", "Estados Unidos", "Мексика", "России", "Китай", "США", "Guatemala", "Virgin Islands",
    "exports", "imports", "trade", "balance", "surplus", "deficit", "share", "growth", "FDI", "investment", "GDP",
    "population", "arms", "rank", "top", "vs", "compared", "exportaciones", "importó", "balanza comercial",
    "экспорт", "импорт", "торговый баланс", "инвестиции", "and 2015?", "what about imports?", "and Guatemala?",
    "2016", "2007-2016", "since 2010", "last decade", "1960", "2030", "99999999999", "-5", "0", "'16",
    "870840", "gear boxes", "crude oil", "wine", "swine", "cars", "%s", "{}", "{0}", "<b>", "&amp;", "'; DROP TABLE trade; --",
    "\u200b", "\u202e", "🇲🇽", "💰", "\n", "\t", "?", "¿", "→", "->", "%", "$", "€", "млрд", "mil millones",
]

question_soup = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=12)), max_size=60).map(" ".join)


@pytest.fixture(scope="module")
def engine(store) -> Engine:
    return Engine(store)


SOURCES: set[str] = set()


@pytest.fixture(scope="module", autouse=True)
def _sources(store) -> None:
    SOURCES.update(store.sources)


def _check(answer: Answer) -> None:
    assert isinstance(answer, Answer)
    assert answer.status in STATUSES and answer.status != "error", answer.text
    assert isinstance(answer.text, str) and answer.text.strip()
    json.loads(answer.to_json())  # the CLI's --json and the bot's CSV are built from this
    for figure in answer.results or []:
        assert figure.source_id in SOURCES, figure


FUZZ = settings(max_examples=1500, deadline=None, database=None, derandomize=True,  # same examples every CI run
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])


@FUZZ
@given(st.text(max_size=MAX_MESSAGE))
def test_arbitrary_unicode_up_to_a_full_message(engine, text):
    _check(engine.ask(text, Context()))


@FUZZ
@given(question_soup, st.sampled_from([None, "en", "es", "ru"]))
def test_question_shaped_soup_with_a_follow_up(engine, text, lang):
    context = Context()
    _check(engine.ask("Mexico exports to Russia 2016", context, lang=lang))
    _check(engine.ask(text[:MAX_MESSAGE], context, lang=lang))  # as a follow-up of a real question



def _five_hundred_names(store) -> str:
    names = [c.name for c in list(store.countries.values())]
    return " ".join((names * (500 // len(names) + 1))[:500])


@pytest.mark.parametrize("make", [
    lambda s: _five_hundred_names(s),
    lambda s: "Mexico exports to Russia " + "2016 " * 800,
    lambda s: "x" * MAX_MESSAGE,
    lambda s: "Mexico " + "\u0301" * 2000 + " Russia",  # a pile of combining accents
    lambda s: "Mexico\u00a0exports\u2009to\u2028Russia\u20602016",  # odd spaces and separators
    lambda s: "MEXICO EXPORTS TO RUSSIA IN 2016!!!",
    lambda s: "mexico exports to russia in 2016 " + "<script>alert(1)</script>",
    lambda s: "Mexico exports to Russia in %(year)s {year} ${year}",
    lambda s: "Mexico exports to Russia in 2016.5",
    lambda s: "Mexico exports to Russia in 1e309",
    lambda s: "Mexico exports to Russia in ٢٠١٦",  # Arabic-Indic digits
    lambda s: "Mexico exports to Russia in ２０１６",  # full-width digits
])
def test_adversarial_shapes(engine, store, make):
    _check(engine.ask(make(store), Context()))
