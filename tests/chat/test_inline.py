"""Inline mode: articles with the answer, shared cache, one article per reading."""

from __future__ import annotations

import html

import pytest

from tests.chat.stubengine import CHOICES

pytestmark = pytest.mark.usefixtures("app")


async def test_inline_query_gets_an_article_with_the_answer(fake, engine, user):
    update = fake.inline_update(user, "mexico  russia exports 2016 <b>&")
    await fake.queue(update)
    call = await fake.wait_call("answerInlineQuery", inline_query_id=update["inline_query"]["id"])
    assert call.params["cache_time"] == 300
    assert call.params["is_personal"] is False
    (result,) = call.params["results"]
    assert result["type"] == "article"
    content = result["input_message_content"]
    assert content["message_text"] == html.escape("You asked: mexico russia exports 2016 <b>&")
    assert content["parse_mode"] == "HTML"
    assert result["title"] == "You asked: mexico russia exports 2016 <b>&"  # titles are plain text
    assert engine.calls[-1].context.last_query is None  # no follow-up state in inline mode
    assert engine.calls[-1].lang is None


async def test_ambiguous_inline_query_offers_one_answered_article_per_choice(fake, user):
    update = fake.inline_update(user, "georgia exports")
    await fake.queue(update)
    call = await fake.wait_call("answerInlineQuery", inline_query_id=update["inline_query"]["id"])
    results = call.params["results"]
    assert [r["title"] for r in results] == [c.label for c in CHOICES]
    assert [r["input_message_content"]["message_text"] for r in results] == [
        html.escape(f"You asked: {c.question}") for c in CHOICES
    ]
    assert len({r["id"] for r in results}) == len(results)


async def test_chart_answer_inline_is_an_article(fake, user):
    update = fake.inline_update(user, "chart mexico")
    await fake.queue(update)
    call = await fake.wait_call("answerInlineQuery", inline_query_id=update["inline_query"]["id"])
    assert [r["type"] for r in call.params["results"]] == ["article"]


async def test_empty_inline_query_gets_no_results(fake, engine, user):
    update = fake.inline_update(user, "  ")
    await fake.queue(update)
    call = await fake.wait_call("answerInlineQuery", inline_query_id=update["inline_query"]["id"])
    assert call.params["results"] == []
    assert engine.calls == []


async def test_message_posted_via_our_inline_mode_is_not_a_question(fake, engine, user, private):
    update = fake.text_update(private, user, "You asked: mexico")
    update["message"]["via_bot"] = fake.bot_user()
    await fake.queue(update)
    await fake.send(private, user, "sentinel")
    await fake.wait_call("sendMessage", chat_id=private["id"])
    assert [c.text for c in engine.calls] == ["sentinel"]
