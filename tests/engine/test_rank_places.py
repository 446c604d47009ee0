"""The store's one-statement ranking (``Store.first_and_place``, used by rank histories) gives
the same first partner, figure and place as the full ranking the other intents read."""

from __future__ import annotations

import pytest

from bot.engine.intents.common import Ctx
from bot.engine.intents.rankings import _ranked, first_and_place

CASES = [("USA", "MEX"), ("USA", "CHN"), ("BRA", "CHN"), ("RUS", "DEU"), ("CHL", "CHN"), ("MEX", "RUS"),
         ("DEU", "FRA"), ("IND", "ARE"), ("JPN", "KOR"), ("KAZ", "RUS")]
YEARS = [1962, 1975, 1989, 1995, 2003, 2008, 2012, 2016, 2019, 2020]


def _full(ctx, reporter, year, flow, partner):
    """From the full ranking: the first partner and the place (ties share the better place)."""
    ranked = [f for f in _ranked(ctx, reporter, year, flow) if f.value > 0]
    if not ranked:
        return None, None
    mine = next((f for f in ranked if f.partner == partner), None)
    return ranked[0], (1 + sum(f.value > mine.value for f in ranked) if mine else None)


@pytest.mark.parametrize("flow", ["export", "import", "total"])
@pytest.mark.parametrize(("reporter", "partner"), CASES)
def test_first_and_place_agree_with_the_full_ranking(store, reporter, partner, flow):
    ctx = Ctx(store, lambda code, lang: code, "en")
    compared = 0
    for year in YEARS:
        fast = first_and_place(ctx, reporter, year, flow, partner)
        slow = _full(ctx, reporter, year, flow, partner)
        if slow[0] is None:
            assert fast == (None, None)
            continue
        (ff, fp), (sf, sp) = fast, slow
        assert (ff.flow, ff.source_id, ff.year) == (sf.flow, sf.source_id, sf.year), year
        assert ff.partner == sf.partner or ff.value == sf.value, year  # two tied first: either
        assert ff.value == pytest.approx(sf.value) and fp == sp, year
        assert ff.extra == pytest.approx(sf.extra) if sf.extra else True
        compared += 1
    assert compared >= 5  # the years above have data for these pairs
