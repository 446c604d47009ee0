"""Inline mode: articles with the answer, shared cache, one article per reading, and the
chart as a photo where a media chat is configured."""

from __future__ import annotations

import html

import pytest

from bot.chat.app import build_application
from tests.chat.conftest import TOKEN, start_app, stop_app
from tests.chat.stubengine import CHOICES, PNG, StubEngine



@pytest.mark.usefixtures("app")
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


@pytest.mark.usefixtures("app")
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


@pytest.mark.usefixtures("app")
async def test_chart_answer_inline_without_a_media_chat_is_an_article_only(fake, user):
    update = fake.inline_update(user, "chart mexico")
    await fake.queue(update)
    call = await fake.wait_call("answerInlineQuery", inline_query_id=update["inline_query"]["id"])
    assert [r["type"] for r in call.params["results"]] == ["article"]


@pytest.mark.usefixtures("app")
async def test_empty_inline_query_gets_no_results(fake, engine, user):
    update = fake.inline_update(user, "  ")
    await fake.queue(update)
    call = await fake.wait_call("answerInlineQuery", inline_query_id=update["inline_query"]["id"])
    assert call.params["results"] == []
    assert engine.calls == []


@pytest.mark.usefixtures("app")
async def test_message_posted_via_our_inline_mode_is_not_a_question(fake, engine, user, private):
    update = fake.text_update(private, user, "You asked: mexico")
    update["message"]["via_bot"] = fake.bot_user()
    await fake.queue(update)
    await fake.send(private, user, "sentinel")
    await fake.wait_call("sendMessage", chat_id=private["id"])
    assert [c.text for c in engine.calls] == ["sentinel"]


MEDIA_CHAT = -100777


@pytest.fixture
async def media_app(fake):
    app = build_application(StubEngine(), TOKEN, base_url=fake.url, inline_media_chat=MEDIA_CHAT)
    await start_app(app)
    yield app
    await stop_app(app)


@pytest.mark.usefixtures("media_app")
async def test_with_a_media_chat_a_chart_answer_also_offers_the_chart_as_a_photo_uploaded_once(fake, user):
    for attempt in range(2):
        update = fake.inline_update(user, "chart mexico")
        await fake.queue(update)
        call = await fake.wait_call("answerInlineQuery", inline_query_id=update["inline_query"]["id"])
        article, photo = call.params["results"]
        assert article["type"] == "article" and photo["type"] == "photo"
        assert photo["caption"].startswith("Series") and photo["parse_mode"] == "HTML"
    uploads = fake.calls_for("sendPhoto", chat_id=MEDIA_CHAT)
    assert len(uploads) == 1 and uploads[0].files["photo"].data == PNG  # the second query reused its file_id
    assert uploads[0].params["disable_notification"] is True
    assert photo["photo_file_id"] == uploads[0].response["photo"][-1]["file_id"]


@pytest.mark.usefixtures("media_app")
async def test_a_failed_upload_still_answers_with_the_article(fake, user):
    fake.fail_next("sendPhoto", status=400, description="Bad Request: chat not found")
    update = fake.inline_update(user, "chart mexico")
    await fake.queue(update)
    call = await fake.wait_call("answerInlineQuery", inline_query_id=update["inline_query"]["id"])
    assert [r["type"] for r in call.params["results"]] == ["article"]


@pytest.mark.usefixtures("media_app")
async def test_text_answers_upload_nothing(fake, user):
    update = fake.inline_update(user, "mexico exports")
    await fake.queue(update)
    call = await fake.wait_call("answerInlineQuery", inline_query_id=update["inline_query"]["id"])
    assert [r["type"] for r in call.params["results"]] == ["article"]
    assert fake.calls_for("sendPhoto") == []
