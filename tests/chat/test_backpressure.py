"""Back-pressure: while the bot has enough on its plate, polling pauses, so a burst of
questions waits on the Bot API server (Telegram keeps updates for 24 hours), not in the bot's
memory, and none is lost."""

from __future__ import annotations

import asyncio

from bot.chat import app as chat_app
from tests.chat.conftest import TOKEN, answers, settle, start_app, stop_app
from tests.chat.stubengine import StubEngine


async def test_polling_pauses_while_the_bot_is_full_and_nothing_is_lost(fake, monkeypatch, uid):
    """Back-pressure: questions the bot cannot take yet stay on the server, not in its memory."""
    monkeypatch.setattr(chat_app, "MAX_BUFFERED_UPDATES", 20)
    engine = StubEngine()
    engine.chart_gate.clear()  # every chart waits: the bot fills up
    application = chat_app.build_application(engine, TOKEN, base_url=fake.url, flood_control=False)
    await start_app(application)
    try:
        people = [(fake.user(uid + 90_000 + n), fake.private_chat(uid + 90_000 + n)) for n in range(150)]
        for user, chat in people:
            await fake.send(chat, user, "chart please")
        await asyncio.sleep(0.5)
        held = application.update_queue.qsize() + application.update_processor.in_flight
        assert 20 <= held <= 20 + 100  # the limit, plus at most the one batch fetched before it
        assert len(fake.delivered) <= 20 + 100  # the rest is still waiting on the server
        engine.chart_gate.set()
        for _ in people:
            await fake.wait_call("sendPhoto", timeout=20)
        await asyncio.gather(*(settle(fake, chat, user) for user, chat in people[-5:]))
        got = [[c.method for c in answers(fake, chat)] for _, chat in people]
        assert got == [["sendPhoto"]] * len(people)  # all answered, once
    finally:
        engine.chart_gate.set()
        await stop_app(application)
