"""/check with an engine that has no store (the chat tests' stand-in): a plain "not available"."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.usefixtures("app")


async def test_check_without_a_store_says_it_is_unavailable(fake, engine, user, private):
    await fake.send(private, user, "/check In 2016, Mexico exported $179 million to Russia.")
    call = await fake.wait_call("sendMessage", chat_id=private["id"])
    assert call.params["text"] == "Fact-checking is not available right now."
    assert engine.calls == []  # the question engine is not asked either
