"""Any input gets an Answer with a known status; nothing raises (property-based)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.engine.answer import STATUSES
from bot.engine.context import Context
from bot.engine.engine import Engine

ADVERSARIAL = [
    "'; DROP TABLE trade; --", "Mexico' OR 1=1 --", "%s %d %(x)s {} {0} {query}", "<b>Mexico</b> & <i>Russia</i>",
    "**Mexico** _exports_ [link](http://x)", "Mex\u200bico exports to Rus\u200bsia 2016", "\u202eMexico exports\u202c",
    "🇲🇽 ➡️ 🇷🇺 2016 💰", "Mexico exports to Russia 99999999999", "Mexico exports to Russia -5",
    "Mexico exports to Russia 0000", " ".join(["Mexico Russia China Guatemala Spain"] * 100), "", "   \n\t ",
    "\x00\x01\x02", "a" * 5000, "2016 2017 2018 " * 50,
]


@pytest.fixture(scope="module")
def engine(store):
    return Engine(store)


@pytest.mark.parametrize("text", ADVERSARIAL)
def test_adversarial_questions_get_an_answer(engine, text):
    answer = engine.ask(text, Context())
    assert answer.status in STATUSES and answer.status != "error" and isinstance(answer.text, str) and answer.text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_arbitrary_unicode_never_raises(engine, text):
    answer = engine.ask(text, Context())
    assert answer.status in STATUSES and answer.status != "error"
