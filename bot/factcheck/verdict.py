"""Claimed figure vs the store's: matches, close, differs, or can't check — with the tolerance.

The rules, stated in every answer:

* money: **matches** within ±2% of the store's figure, or within the rounding of the claimed
  figure when that is coarser ("$1.3 billion" stands for 1.25–1.35 billion: ±3.8%), at most
  ±5%; "about/nearly/almost" widen it to ±5%; "more than X" / "less than X" match when the
  store's figure is on that side of X. **close** within ±10%, or when the claim matches
  another figure for the same flow: the partner's mirror figure (the other valuation, CIF
  vs FOB) or another source.
* shares: the same, in percentage points: "27 percent" matches 26.5–27.5 % (or ±2% of the
  store's share); close within ±10% of it.
* changes ("rose 25%"): matches within the claim's rounding or ±2% of the change; close
  within ±10% of it (same direction); multiples ("fivefold", "doubled") within ±5% of the
  ratio, close ±10%.
* ranks: matches on the same place; close one place off.

A verdict is never given against a figure the store does not have: that is **can't check**,
with the engine's reason (no data for that year, no product data, ...).
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.factcheck.amounts import Amount
from bot.factcheck.extract import Claim
from bot.factcheck.lookup import Alternative, StoreView

MATCH_PCT, ROUNDING_CAP_PCT, APPROX_PCT, CLOSE_PCT = 2.0, 5.0, 5.0, 10.0
MULTIPLE_PCT = 5.0
BOUND_SLACK = 0.005  # "more than $1 billion" still holds for a store figure of $0.998 billion (its own rounding)

VERDICTS = ("matches", "close", "differs", "cant_check")


@dataclass
class Tolerance:
    """How far the store's figure may be from the claim and still match, for the answer to say."""

    kind: str  # default | rounding | approx | above | below | multiple | rank | points
    pct: float | None = None  # relative, in %
    points: float | None = None  # absolute, in percentage points (shares, changes)


@dataclass
class Verdict:
    verdict: str
    tolerance: Tolerance | None = None
    diff_pct: float | None = None  # (claimed - store) / |store| * 100
    matched: Alternative | None = None  # the other figure the claim matches (close)
    swapped: bool = False  # the claim matches the opposite flow
    problem: str | None = None  # can't check: why (claim problem or store reason)


def _money_tolerance(fig: Amount) -> Tolerance:
    if fig.qualifier == "approx":
        return Tolerance("approx", APPROX_PCT)
    if fig.qualifier in ("above", "below"):
        return Tolerance(fig.qualifier)
    rounding = abs(fig.half_unit / fig.value) * 100 if fig.value else 0.0
    if rounding > MATCH_PCT:
        return Tolerance("rounding", min(rounding, ROUNDING_CAP_PCT))
    return Tolerance("default", MATCH_PCT)


def _money_matches(claimed: float, store: float, tol: Tolerance) -> bool:
    if tol.kind == "above":
        return store >= claimed * (1 - BOUND_SLACK) if claimed >= 0 else store <= claimed * (1 - BOUND_SLACK)
    if tol.kind == "below":
        return store <= claimed * (1 + BOUND_SLACK) if claimed >= 0 else store >= claimed * (1 + BOUND_SLACK)
    return abs(claimed - store) <= abs(store) * tol.pct / 100 + 1e-9


def _diff(claimed: float, store: float) -> float | None:
    return (claimed - store) / abs(store) * 100 if store else None


def _close(claimed: float, store: float) -> bool:
    return store != 0 and abs(claimed - store) <= abs(store) * CLOSE_PCT / 100


def judge(claim: Claim, view: StoreView) -> Verdict:
    """The verdict for one claim given what the store says."""
    if claim.problem:
        return Verdict("cant_check", problem=claim.problem)
    if view.status != "ok" or view.value is None:
        return Verdict("cant_check", problem="no_data")
    if claim.kind == "value":
        return _money(claim, view)
    if claim.kind == "share":
        return _points(claim, view, claim.figure)
    if claim.kind == "rank":
        return _rank(claim, view)
    if claim.figure.kind == "percent":
        return _points(claim, view, claim.figure)
    return _multiple(claim, view)


def _money(claim: Claim, view: StoreView) -> Verdict:
    fig: Amount = claim.figure  # type: ignore[assignment]
    tol = _money_tolerance(fig)
    claimed, store = claim.claimed, view.value
    diff = _diff(claimed, store)
    if claim.metric == "balance" and claimed > 0 > store and not _has_sign_word(claim):
        claimed = -claimed  # "a trade balance of $5 billion" with no surplus/deficit word: compare sizes
    if _money_matches(claimed, store, tol):
        if view.mirror is not None:  # it agrees with the partner's figure, not the reporter's own
            return Verdict("close", tol, diff, matched=view.mirror)
        return Verdict("matches", tol, diff)
    for alt in view.alternatives:
        if _money_matches(claimed, alt.value, tol):
            return Verdict("close", tol, diff, matched=alt)
    swapped = bool(view.opposite and _money_matches(claimed, view.opposite.value, tol))
    if tol.kind in ("above", "below"):
        near = _close(claimed, store)
        return Verdict("close" if near else "differs", tol, diff, swapped=swapped)
    return Verdict("close" if _close(claimed, store) else "differs", tol, diff, swapped=swapped)


def _has_sign_word(claim: Claim) -> bool:
    low = claim.quote.lower()
    return any(w in low for w in ("surplus", "deficit", "superávit", "superavit", "déficit", "профицит", "дефицит"))


def _points(claim: Claim, view: StoreView, fig: Amount) -> Verdict:
    """Shares and percent changes: compared in percentage points."""
    claimed, store = claim.claimed, view.value
    base = abs(store)
    share_pct = APPROX_PCT if fig.qualifier == "approx" else MATCH_PCT
    points = max(fig.half_unit, base * share_pct / 100)
    tol = Tolerance("approx" if fig.qualifier == "approx" else "points", share_pct, points)
    diff = _diff(claimed, store)
    opposite_sign = claim.kind == "growth" and claimed * store < 0
    if fig.qualifier == "above" and claimed <= store and not opposite_sign:
        return Verdict("matches", Tolerance("above"), diff)
    if fig.qualifier == "below" and claimed >= store and not opposite_sign:
        return Verdict("matches", Tolerance("below"), diff)
    if abs(claimed - store) <= points + 1e-9 and not opposite_sign:
        return Verdict("matches", tol, diff)
    for alt in view.alternatives:
        if abs(claimed - alt.value) <= max(fig.half_unit, abs(alt.value) * share_pct / 100) and claimed * alt.value >= 0:
            return Verdict("close", tol, diff, matched=alt)
    near = abs(claimed - store) <= max(points, base * CLOSE_PCT / 100) and not opposite_sign
    return Verdict("close" if near else "differs", tol, diff)


def _multiple(claim: Claim, view: StoreView) -> Verdict:
    claimed, store = claim.claimed, view.value
    tol = Tolerance("multiple", MULTIPLE_PCT)
    diff = _diff(claimed, store)
    if claim.figure.qualifier == "above":
        if store >= claimed * (1 - BOUND_SLACK):
            return Verdict("matches", Tolerance("above"), diff)
    elif abs(claimed - store) <= store * MULTIPLE_PCT / 100:
        return Verdict("matches", tol, diff)
    for alt in view.alternatives:
        if abs(claimed - alt.value) <= alt.value * MULTIPLE_PCT / 100:
            return Verdict("close", tol, diff, matched=alt)
    return Verdict("close" if _close(claimed, store) else "differs", tol, diff)


def _rank(claim: Claim, view: StoreView) -> Verdict:
    claimed, store = int(claim.claimed), int(view.value)
    tol = Tolerance("rank")
    if claimed == store:
        return Verdict("matches", tol, 0.0)
    return Verdict("close" if abs(claimed - store) == 1 else "differs", tol, None)
