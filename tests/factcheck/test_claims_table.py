"""The fact-check table: every sentence of tests/factcheck/claims.yaml gives exactly the claims
the table lists, read as listed, with the listed verdict and the store's figure (computed from
the store with SQL when the table was written, not by the code under test)."""

from __future__ import annotations

import pytest

from bot.engine.engine import Engine
from bot.factcheck import FactChecker
from tests.factcheck.score import claim_problems, load_table

TABLE = load_table()


@pytest.fixture(scope="module")
def checker(store):
    return FactChecker(Engine(store))


@pytest.mark.parametrize("row", TABLE, ids=[r["text"][:70] for r in TABLE])
def test_sentence(checker, row):
    report = checker.check(row["text"])
    assert report.lang == row["lang"]
    got, want = report.checked, row["claims"]
    assert len(got) == len(want), [c.claim.quote for c in got]
    for i, (expected, checked) in enumerate(zip(want, got), 1):
        assert not claim_problems(expected, checked), f"claim {i}: {claim_problems(expected, checked)}\n{report.text}"
    for checked in got:  # the store's figure and its source line are always shown when the store has one
        if checked.view is not None and checked.view.status == "ok":
            assert checked.view.display in report.text and checked.view.source_line in report.text


def test_table_is_big_and_varied():
    claims = [c for r in TABLE for c in r["claims"]]
    assert len(TABLE) >= 60
    assert {r["lang"] for r in TABLE} == {"en", "es", "ru"}
    assert sum(1 for r in TABLE if not r["claims"]) >= 8  # sentences with no checkable claim
    assert sum(1 for r in TABLE if len(r["claims"]) >= 2) >= 15  # several claims in one sentence or paragraph
    assert {c["kind"] for c in claims} == {"value", "share", "rank", "growth"}
    assert {c["verdict"] for c in claims} == {"matches", "close", "differs", "cant_check"}
    assert sum(1 for c in claims if c["verdict"] == "differs") >= 6  # deliberately wrong figures


def test_a_deliberately_wrong_figure_differs_and_shows_the_store_figure(checker):
    report = checker.check("In 2016, Mexico exported $1.79 billion to Russia.")
    assert report.verdicts() == ["differs"]
    assert "$178.5 million" in report.text and "Source: IMF, Direction of Trade Statistics" in report.text


def test_json_has_claim_verdict_figures_and_sources(checker):
    (obj,) = checker.check("In 2016, Mexico exported $179 million to Russia.").to_dicts()
    assert obj["claim"]["claimed"] == {"text": "$179 million", "value": 179e6, "kind": "money", "unit": "USD",
                                       "qualifier": None, "rounding": 5e5}
    assert obj["verdict"] == "matches" and obj["tolerance"] == "±2%"
    assert obj["store"]["figures"][0]["value"] == 178530000.0 and obj["store"]["figures"][0]["source_id"] == "imf_dots"
    assert obj["store"]["source"].startswith("Source: IMF")
    assert [a["kind"] for a in obj["alternatives"]] == ["mirror", "other_source"]


@pytest.mark.parametrize("lang, word", [("en", "MATCHES"), ("es", "COINCIDE"), ("ru", "СОВПАДАЕТ")])
def test_answer_language_can_be_forced(checker, lang, word):
    report = checker.check("In 2016, Mexico exported $179 million to Russia.", lang=lang)
    assert report.lang == lang and word in report.text


@pytest.mark.parametrize("text", ["", "   ", "\x00", "$$$ 1,2,3 %%% млрд", "2016 2017 2018", "a" * 20000,
                                  "In 2016 Mexico exported $ to Russia", "Mexico " * 500 + "$5 billion"])
def test_bad_input_gets_an_answer_not_a_traceback(checker, text):
    report = checker.check(text)
    assert isinstance(report.text, str) and report.text
