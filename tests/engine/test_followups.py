"""Follow-up questions reuse the context of the last answer: the same Context object the chat
bot keeps per chat."""

from __future__ import annotations

import pytest

from bot.engine.context import Context
from bot.engine.engine import Engine


@pytest.fixture(scope="module")
def engine(store):
    return Engine(store)


@pytest.mark.parametrize("first, follow, expect", [
    ("Mexico exports to Russia 2016", "and 2015?", {"reporter": "MEX", "partner": "RUS", "flow": "export", "years": [2015]}),
    ("Mexico exports to Russia 2016", "what about imports?", {"reporter": "MEX", "partner": "RUS", "flow": "import", "years": [2016]}),
    ("Mexico exports to Russia 2016", "and Guatemala?", {"reporter": "MEX", "partner": "GTM", "flow": "export", "years": [2016]}),
    ("¿Cuánto exportó México a Rusia en 2016?", "¿y en 2015?", {"reporter": "MEX", "partner": "RUS", "years": [2015]}),
    ("Сколько Мексика экспортировала в Россию в 2016 году?", "а в 2015?", {"reporter": "MEX", "partner": "RUS", "years": [2015]}),
    ("Mexico's top import partners 2016", "and 2010?", {"reporter": "MEX", "years": [2010]}),
])
def test_follow_up_changes_only_what_it_names(engine, first, follow, expect):
    ctx = Context()
    assert engine.ask(first, ctx).status == "ok"
    answer = engine.ask(follow, ctx)
    assert answer.status == "ok", answer.text
    for key, value in expect.items():
        assert getattr(answer.query, key) == value


def test_context_survives_a_json_round_trip(engine):
    ctx = Context()
    engine.ask("Mexico exports to Russia 2016", ctx)
    restored = Context.from_dict(ctx.to_dict())
    assert engine.ask("and 2015?", restored).query.years == [2015]


def test_without_context_a_bare_follow_up_is_not_understood(engine):
    assert engine.ask("and 2015?").status == "not_understood"


@pytest.mark.parametrize("first, follow", [
    ("Mexico exports to Russia 2016", "Wales exports 2019"),  # not a country: a new question, not "2019 for Mexico"
    ("Mexico exports to Russia 2016", "weather in Paris 2019"),
    ("¿Cuánto exportó México a Rusia en 2016?", "exportaciones de Cataluña 2019"),
    ("Сколько Мексика экспортировала в Россию в 2016 году?", "экспорт Татарстана 2019"),
])
def test_a_question_with_an_unknown_word_is_not_read_as_a_follow_up(engine, first, follow):
    ctx = Context()
    assert engine.ask(first, ctx).status == "ok"
    answer = engine.ask(follow, ctx)
    assert answer.status == "not_understood", answer.text
    assert not answer.results

