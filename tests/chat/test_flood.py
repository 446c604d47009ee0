"""Flood control: past the limit a user (or a group) gets one polite slow-down message per
window and the extra questions are dropped, never queued. Time is a hand-moved clock."""

from __future__ import annotations

import pytest

from bot.chat.app import build_application
from bot.chat.flood import GROUP_LIMIT, USER_LIMIT, FloodControl, Limit, Verdict
from bot.chat.handlers import DEPS_KEY
from bot.chat.messages import t
from tests.chat.conftest import TOKEN, answers, settle, start_app, stop_app

BOT = "tradefacts_test_bot"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def limits() -> dict:
    """The limits of the bot under test (a test overrides them by parametrising)."""
    return {}


@pytest.fixture
async def flood_app(fake, engine, clock, limits):
    app = build_application(engine, TOKEN, base_url=fake.url, flood_control=FloodControl(clock=clock, **limits))
    await start_app(app)
    yield app
    await stop_app(app)


def texts(fake, chat) -> list[str]:
    return [c.params["text"] for c in answers(fake, chat)]


def asked(n: int, prefix: str = "question") -> list[str]:
    return [f"You asked: {prefix} {i}" for i in range(n)]


def test_default_limits(app):
    flood = app.bot_data[DEPS_KEY].flood
    assert (flood.user_limit, flood.group_limit) == (USER_LIMIT, GROUP_LIMIT)
    assert USER_LIMIT == Limit(burst=8, window=30.0)
    assert GROUP_LIMIT.burst * 60 / GROUP_LIMIT.window < 20  # under Telegram's 20 messages/min per group


@pytest.mark.usefixtures("flood_app")
async def test_a_burst_of_twelve_gets_eight_answers_and_one_slow_down(fake, engine, user, private, uid):
    other_user, other = fake.user(uid + 90_000), fake.private_chat(uid + 90_000)
    for i in range(12):
        await fake.send(private, user, f"question {i}")
        if i % 4 == 0:  # another user asks at the same time
            await fake.send(other, other_user, f"other {i // 4}")
    await settle(fake, private, user)
    await settle(fake, other, other_user)
    assert texts(fake, private) == asked(8) + [t("slow_down", "en")]
    assert [c.text for c in engine.calls if c.text.startswith("question")] == [f"question {i}" for i in range(8)]
    assert texts(fake, other) == asked(3, "other")  # unaffected


@pytest.mark.usefixtures("flood_app")
async def test_after_the_window_it_answers_again_and_says_slow_down_once_per_window(fake, clock, user, private):
    for i in range(12):
        await fake.send(private, user, f"question {i}")
    await settle(fake, private, user)
    assert len(answers(fake, private)) == 9

    clock.now += 10  # a third of the window: 8 * 10/30 = 2.7 questions back
    for i in range(4):
        await fake.send(private, user, f"later {i}")
    await settle(fake, private, user)
    assert texts(fake, private)[9:] == asked(2, "later")  # the other two dropped, and no second slow-down

    clock.now += 20  # a whole window since the slow-down: 0.7 + 5.3 = 6 questions back
    for i in range(7):
        await fake.send(private, user, f"again {i}")
    await settle(fake, private, user)
    assert texts(fake, private)[11:] == asked(6, "again") + [t("slow_down", "en")]


@pytest.mark.parametrize("limits", [{"user": Limit(1, 30)}])
@pytest.mark.parametrize("lang", ["es", "ru"])
@pytest.mark.usefixtures("flood_app")
async def test_the_slow_down_message_is_in_the_users_language(fake, uid, private, lang):
    user = fake.user(uid, language_code=lang)
    for i in range(3):
        await fake.send(private, user, f"question {i}")
    await settle(fake, private, user)
    assert texts(fake, private) == asked(1) + [t("slow_down", lang)]
    assert t("slow_down", lang) != t("slow_down", "en")


@pytest.mark.parametrize("limits", [{"group": Limit(3, 60)}])
@pytest.mark.usefixtures("flood_app")
async def test_a_group_has_its_own_limit_and_the_slow_down_replies_to_the_asker(fake, uid, group):
    members = [fake.user(uid + 100 * n, first_name=f"M{n}") for n in range(5)]
    updates = [await fake.send(group, member, f"/ask@{BOT} question {n}") for n, member in enumerate(members)]
    await settle(fake, group, members[0])
    sent = answers(fake, group)
    assert [c.params["text"] for c in sent] == asked(3) + [t("slow_down", "en")]
    assert sent[3].params["reply_parameters"]["message_id"] == updates[3]["message"]["message_id"]
    other = fake.group_chat(group["id"] - 1)  # another group is not affected
    await fake.send(other, members[4], "/ask question 0")
    await settle(fake, other, members[4])
    assert texts(fake, other) == asked(1)


@pytest.mark.parametrize("limits", [{"user": Limit(1, 30)}])
@pytest.mark.usefixtures("flood_app")
async def test_buttons_count_and_inline_queries_do_not(fake, user, private):
    for text in ("georgia exports", "first", "second"):
        await fake.queue(fake.inline_update(user, text))
    for _ in range(3):
        await fake.wait_call("answerInlineQuery")
    await fake.send(private, user, "Georgia exports")  # the one question allowed: choices
    ask = await fake.wait_call("sendMessage", chat_id=private["id"])
    button = ask.params["reply_markup"]["inline_keyboard"][0][0]
    await fake.queue(fake.callback_update(ask.response, user, button["callback_data"]))
    await settle(fake, private, user)
    assert texts(fake, private)[1:] == [t("slow_down", "en")]
    assert fake.calls_for("answerCallbackQuery")  # the press itself was acknowledged


async def test_flood_control_can_be_turned_off(fake, engine, user, private):
    app = build_application(engine, TOKEN, base_url=fake.url, flood_control=False)
    await start_app(app)
    try:
        for i in range(12):
            await fake.send(private, user, f"question {i}")
        await settle(fake, private, user)
    finally:
        await stop_app(app)
    assert texts(fake, private) == asked(12)
    assert app.bot_data[DEPS_KEY].flood is None


def test_flood_control_buckets_and_memory():
    clock = Clock()
    flood = FloodControl(Limit(2, 10), Limit(3, 60), clock=clock)
    assert [flood.check(1) for _ in range(4)] == [Verdict.ANSWER, Verdict.ANSWER, Verdict.WARN, Verdict.DROP]
    assert flood.check(2, group_id=-5) is Verdict.ANSWER  # users are independent
    assert [flood.check(3, group_id=-5) for _ in range(2)] == [Verdict.ANSWER, Verdict.ANSWER]
    assert flood.check(4, group_id=-5) is Verdict.WARN  # the group's bucket is empty
    assert flood.check(4) is Verdict.ANSWER  # the same user in private is fine
    clock.now += 5  # half the user window: one token back for user 1, still muted
    assert [flood.check(1), flood.check(1)] == [Verdict.ANSWER, Verdict.DROP]
    assert len(flood) == 5
    clock.now += 60  # everything refilled and unmuted: idle buckets are forgotten
    assert flood.check(9) is Verdict.ANSWER
    assert len(flood) == 1
    with pytest.raises(ValueError):
        Limit(0, 30)
