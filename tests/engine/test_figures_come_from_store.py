"""Every money figure in an answer's text is a store figure of ``results`` (or a sum or
difference of them, which the text names): nothing estimated, interpolated or hard-coded."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
import yaml

from bot.engine.engine import Engine
from bot.render.numbers import money

TABLE = yaml.safe_load((Path(__file__).parent / "questions.yaml").read_text(encoding="utf-8"))
ENGLISH_OK = [r["q"] for r in TABLE if r["lang"] == "en" and r["status"] == "ok"]
MONEY = re.compile(r"-?\$[\d,]+(?:\.\d+)?(?: (?:million|billion|trillion))?")


@pytest.fixture(scope="module")
def engine(store):
    return Engine(store)


def _allowed(answer) -> set[str]:
    values = set()
    for f in answer.results:
        values.add(f.value)
        values.update(v for v in f.extra.values() if isinstance(v, (int, float)))
    for a, b in itertools.permutations(list(values), 2):
        values.update({a - b, a + b} | ({a / b} if b else set()))
    return {money(abs(v), "en") for v in values} | {money(v, "en") for v in values}


@pytest.mark.parametrize("question", ENGLISH_OK)
def test_every_money_figure_in_the_text_is_from_the_results(engine, question):
    answer = engine.ask(question)
    assert answer.status == "ok"
    shown = [m.group(0).lstrip("-") for m in MONEY.finditer(answer.text)]
    allowed = _allowed(answer)
    strays = [s for s in shown if s not in allowed]
    assert not strays, f"figures not traceable to results: {strays}\n{answer.text}"


def test_the_text_names_the_results_primary_figure(engine):
    answer = engine.ask("How much did Mexico export to Russia in 2016?")
    assert "$178.5 million" in answer.text
    assert answer.results[0].value == 178_530_000.0
    assert "IMF, Direction of Trade Statistics" in answer.text and "reported by Mexico" in answer.text
