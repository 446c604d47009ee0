"""A one-line picture of a series in text, e.g. ``▁▂▄▅▇█``.

A text answer about a series ("exports of Chile to China 2000-2016") reads better with
its shape next to the numbers, and a sparkline costs nothing: no image, no matplotlib,
works in every Telegram client and in a terminal.

Scaling is min-max over the known values, so the lowest value is always ``▁`` and the
highest ``█``, whatever their sign (a trade balance going from -5 to +3 billion still
spans the whole range). A flat series has no shape to show and is drawn at mid height
(``▄``). Missing values (``None``, NaN, ±inf) are drawn as ``GAP`` (a space), so the
positions of the remaining years stay aligned.
"""

from __future__ import annotations

import math

BLOCKS = "▁▂▃▄▅▆▇█"
GAP = " "
FLAT = BLOCKS[3]  # ▄: a flat series sits at mid height


def sparkline(values: list[float | None]) -> str:
    """One block character per value; ``""`` for an empty list."""
    known = [v for v in values if _is_known(v)]
    if not known:
        return GAP * len(values)
    lo, hi = min(known), max(known)
    return "".join(_block(v, lo, hi) if _is_known(v) else GAP for v in values)


def _is_known(value: float | None) -> bool:
    return value is not None and math.isfinite(value)


def _block(value: float, lo: float, hi: float) -> str:
    if hi == lo:
        return FLAT
    step = (value - lo) / (hi - lo) * (len(BLOCKS) - 1)
    return BLOCKS[int(step + 0.5)]  # round half up: the top value always reaches █
