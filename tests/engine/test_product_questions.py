"""Product questions once product-level data is loaded (the small BACI fixture, in US$
thousands, into a small store): the figure of the HS code asked, the top products of a pair,
and a question back when a product word names several codes. Without product data (the
bundled store) the same questions say how to import it (tests/engine/questions.yaml)."""

from __future__ import annotations

import pytest

from bot.engine.engine import Engine
from bot.store.ingest import import_files
from bot.store.queries import Store
from tests.importer_fixtures import BACI_2016, BACI_COUNTRIES, small_store, small_store_template  # noqa: F401


@pytest.fixture
def engine(small_store):  # noqa: F811
    import_files(small_store, "baci", [BACI_COUNTRIES, BACI_2016], progress=False, log=lambda s: None)
    store = Store.open(small_store)
    yield Engine(store)
    store.close()


@pytest.mark.parametrize("question, code, value", [
    ("gear boxes Mexico → US 2016", "870840", 9_876_543_210.0),
    ("exportaciones de cajas de cambio de México a Estados Unidos 2016", "870840", 9_876_543_210.0),
    ("HS 870840 exports from Mexico to the United States in 2016", "870840", 9_876_543_210.0),
])
def test_a_product_figure_is_the_stores_row(engine, question, code, value):
    answer = engine.ask(question)
    assert answer.status == "ok", answer.text
    assert answer.query.product == code
    assert answer.results[0].value == pytest.approx(value)
    assert answer.results[0].product == code


def test_top_products_of_a_pair_come_largest_first(engine):
    answer = engine.ask("What does Mexico sell to the US? 2016")
    assert answer.status == "ok", answer.text
    values = [f.value for f in answer.results]
    assert values == sorted(values, reverse=True) and answer.results[0].product == "870323"


def test_a_product_word_with_several_codes_is_asked_back(engine):
    answer = engine.ask("iron exports from Mexico to China 2016")
    assert answer.status == "ambiguous"
    assert [c.value for c in answer.choices] == ["2601", "72"]
    assert all("HS " in c.question for c in answer.choices)  # pressing a choice asks the resolved question
