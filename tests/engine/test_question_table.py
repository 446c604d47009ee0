"""The question table: every question in tests/engine/questions.yaml parses as expected and,
where it is answerable, answers with the store's own figure."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bot.engine.engine import Engine

TABLE = yaml.safe_load((Path(__file__).parent / "questions.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def engine(store):
    return Engine(store)


def _id(row: dict) -> str:
    return row["q"][:60] or "<empty>"


@pytest.mark.parametrize("row", TABLE, ids=[_id(r) for r in TABLE])
def test_question(engine, row):
    answer = engine.ask(row["q"])
    assert answer.status == row["status"], answer.text
    assert answer.lang == row["lang"] or not row["q"].strip()
    q = answer.query
    if "intent" in row and row["status"] in ("ok",):
        assert q.intent == row["intent"]
    for key in ("reporter", "partner", "flow", "metric"):
        if key in row and row["status"] == "ok":
            assert getattr(q, key) == row[key], f"{key}: {getattr(q, key)!r} != {row[key]!r}"
    if "years" in row and row["status"] == "ok":
        assert q.years == row["years"]
    if "partners" in row:
        assert q.partners == row["partners"]
    if "reporters" in row:
        assert q.reporters == row["reporters"]
    if "top_n" in row:
        assert len(answer.results) == row["top_n"] and q.top_n == row["top_n"]
    if row.get("first_partner"):
        assert answer.results[0].partner == row["first_partner"]
    if "value" in row:
        assert answer.results[0].value == pytest.approx(row["value"])
    if "choices" in row:
        assert [c.value for c in answer.choices][: len(row["choices"])] == row["choices"]
    if row.get("mentions_import_command"):
        assert "tradefacts data import" in answer.text
    if row.get("says_years"):
        assert re.search(r"19\d\d\u20132020", answer.text), answer.text
    if row.get("says_reading"):
        assert "Reading \u201c" in answer.text
    if row["status"] == "ok":
        assert answer.source_line and answer.source_line in answer.text


def test_table_is_big_and_covers_every_intent_in_three_languages():
    assert len(TABLE) >= 200
    intents = {r.get("intent") for r in TABLE if r["status"] == "ok"}
    assert intents >= {"value", "series", "world_total", "top_partners", "partner_rank", "share", "balance",
                       "largest_balance", "growth", "compare", "fdi", "context", "arms", "mirror"}
    assert {r["lang"] for r in TABLE} == {"en", "es", "ru"}
