"""The perspective line measures a small flow in time of the reporter's largest one."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("hours", "lang", "text"), [
    (120.0, "en", "about 5 days"), (5.2, "en", "about 5 hours"), (1.2, "en", "about 72 minutes"),
    (0.05, "es", "unos 3 minutos"), (0.0179, "en", "about 64 seconds"), (0.01, "ru", "примерно 36 с"),
    (1e-5, "en", None),  # under a second: no perspective line at all
])
def test_perspective_duration_reads_in_a_sensible_unit(hours, lang, text):
    from bot.engine.intents.trade import _duration

    assert _duration(hours, lang) == text
