"""Concurrent updates: chats are handled side by side, each chat in order; charts are drawn
off the event loop."""

from __future__ import annotations

import asyncio
import threading

import pytest

from bot.chat.concurrency import MAX_CONCURRENT_UPDATES, ChatOrderedProcessor
from tests.chat.conftest import answers, settle

pytestmark = pytest.mark.usefixtures("app")


def test_the_application_handles_updates_concurrently(app):
    assert isinstance(app.update_processor, ChatOrderedProcessor)
    assert app.concurrent_updates == MAX_CONCURRENT_UPDATES > 1


@pytest.mark.parametrize("slow", ["chart", "network"])
async def test_answers_in_one_chat_keep_their_order_when_the_first_is_slower(fake, engine, user, private, uid, slow):
    if slow == "chart":
        engine.chart_gate.clear()  # the chart of the first question is held until we say so
        first = "chart of Mexico exports"
    else:
        fake.fail_next("sendMessage", status=200, delay=0.3, chat_id=private["id"])  # its answer takes 0.3 s to send
        first = "first question"
    await fake.send(private, user, first)
    await fake.send(private, user, "second question")
    # Meanwhile another chat is answered: a slow answer holds up only its own chat.
    other_user, other = fake.user(uid + 50_000), fake.private_chat(uid + 50_000)
    await fake.send(other, other_user, "other chat")
    await fake.wait_call("sendMessage", chat_id=other["id"], timeout=2)
    if slow == "chart":
        assert answers(fake, private) == []
        assert [c.text for c in engine.calls if c.text != "other chat"] == [first]  # the second one waits its turn
        engine.chart_gate.set()
    await settle(fake, private, user)
    sent = answers(fake, private)
    assert [c.params.get("text") or c.params.get("caption") for c in sent] == [
        "Series &lt;chart of Mexico exports&gt; &amp; chart" if slow == "chart" else "You asked: first question",
        "You asked: second question",
    ]
    assert sent[0].at < sent[1].at


async def test_chart_rendering_runs_off_the_event_loop(fake, engine, user, private, uid):
    engine.chart_gate.clear()
    await fake.send(private, user, "chart of Chile exports")
    # While the chart is being drawn (held), the event loop keeps answering other chats.
    for n in range(3):
        other_user, other = fake.user(uid + 60_000 + n), fake.private_chat(uid + 60_000 + n)
        await fake.send(other, other_user, f"meanwhile {n}")
        await fake.wait_call("sendMessage", chat_id=other["id"], timeout=2)
    engine.chart_gate.set()
    await fake.wait_call("sendPhoto", chat_id=private["id"])
    assert engine.render_threads and all(name.startswith("chart") for name in engine.render_threads)
    assert threading.main_thread().name not in engine.render_threads


async def test_many_chats_at_once_each_in_order_and_no_lock_left_behind(app, fake, engine, uid):
    chats = [(fake.user(uid + 70_000 + n), fake.private_chat(uid + 70_000 + n)) for n in range(30)]
    for i in range(3):
        for n, (user, chat) in enumerate(chats):
            await fake.send(chat, user, f"chat {n} question {i}")
    await asyncio.gather(*(settle(fake, chat, user) for user, chat in chats))
    for n, (_, chat) in enumerate(chats):
        assert [c.params["text"] for c in answers(fake, chat)] == [f"You asked: chat {n} question {i}" for i in range(3)]
    assert app.update_processor.chats_in_flight == 0  # per-chat locks are dropped when idle


async def test_processor_serialises_one_chat_and_runs_chats_side_by_side():
    from telegram import Chat, Message, Update

    def update(update_id: int, chat_id: int) -> Update:
        chat = Chat(chat_id, "private")
        return Update(update_id, message=Message(update_id, None, chat))  # type: ignore[arg-type]

    processor = ChatOrderedProcessor(max_concurrent=4)
    log: list[str] = []
    running = {"now": 0, "max": 0}

    async def handle(name: str, delay: float) -> None:
        running["now"] += 1
        running["max"] = max(running["max"], running["now"])
        log.append(f"start {name}")
        await asyncio.sleep(delay)
        log.append(f"end {name}")
        running["now"] -= 1

    jobs = [
        processor.process_update(update(1, 1), handle("a1", 0.05)),
        processor.process_update(update(2, 1), handle("a2", 0.0)),
        processor.process_update(update(3, 2), handle("b1", 0.0)),
        processor.process_update(update(4, 3), handle("c1", 0.01)),
    ]
    await asyncio.gather(*jobs)
    assert log.index("end a1") < log.index("start a2")  # one chat: in order, one at a time
    assert log.index("end b1") < log.index("end a1")  # another chat did not wait for it
    assert running["max"] == 3
    assert processor.chats_in_flight == 0

    bounded = ChatOrderedProcessor(max_concurrent=2)
    running.update(now=0, max=0)
    await asyncio.gather(*(bounded.process_update(update(10 + n, 100 + n), handle(f"x{n}", 0.01)) for n in range(6)))
    assert running["max"] == 2 and bounded.max_concurrent_updates == 2

