"""What the store says about a claim, asked through the engine's own intents.

A claim becomes a ``Query`` and runs through ``bot.engine.engine.HANDLERS`` (the same code
that answers ``tradefacts ask``), so the figure, the year resolution, the "no data" wording
and the source line are the engine's. On top of the engine's main figure this module gathers
the figures a careful checker also looks at, each named: the partner's mirror figure (the
same flow as the other country reports it, with the other valuation, CIF/FOB), and the same
flow in another source (UN Comtrade beside IMF DOTS, World Bank WDI beside DOTS for totals).
Store access goes through the read-only ``Store`` API only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.engine.answer import Answer
from bot.engine.engine import HANDLERS, tidy
from bot.engine.intents.common import Ctx, source_line, title
from bot.engine.intents.trade import OPPOSITE_FLOW, pair_series
from bot.engine.phrases import flow_word, ordinal
from bot.engine.query import Query
from bot.factcheck.extract import Claim
from bot.store.figures import Figure


@dataclass
class Alternative:
    """Another figure for the same claim: the partner's mirror, another source."""

    kind: str  # mirror | other_source | opposite_flow
    label: str
    value: float
    display: str
    figures: list[Figure]
    source_line: str


@dataclass
class StoreView:
    """The store's answer to a claim: ``value`` is comparable with ``Claim.claimed`` (US$,
    percent, place, ratio or percent change); None when the store has no figure."""

    status: str  # ok | no_data
    label: str
    value: float | None = None
    display: str = ""
    figures: list[Figure] = field(default_factory=list)
    source_line: str = ""
    years: list[int] = field(default_factory=list)
    defaulted_year: bool = False  # the claim gave no year: the engine took the latest
    alternatives: list[Alternative] = field(default_factory=list)
    opposite: Alternative | None = None  # the other flow (a swapped exports/imports shows up here)
    reason: str = ""  # why there is no figure (the engine's own words)
    reference: StoreView | None = None  # for a claim the store cannot check: what it has nearby
    mirror: Alternative | None = None  # the main figure is the partner's mirror (the reporter has none)


def _ctx(engine, lang: str, since: int | None = None) -> Ctx:
    return Ctx(engine.store, engine.display, lang, since=since)


def _run(engine, ctx: Ctx, q: Query) -> Answer:
    answer = HANDLERS[q.intent](ctx, q)
    answer.text = tidy(answer.text, ctx.lang)
    return answer


def _reason(answer: Answer) -> str:
    lines = [ln for ln in answer.text.split("\n") if ln and ln != answer.source_line]
    return " ".join(lines)


def _no_data(label: str, answer: Answer) -> StoreView:
    return StoreView("no_data", label, reason=_reason(answer), source_line=answer.source_line, figures=list(answer.results))


def look_up(engine, claim: Claim, lang: str) -> StoreView:
    """The store's figure(s) for ``claim`` (never raises for a store without the data)."""
    ctx = _ctx(engine, lang, claim.since)
    kind, metric = claim.kind, claim.metric
    if metric == "fdi":
        return _fdi(engine, ctx, claim)
    if metric == "gdp":
        return _gdp(engine, ctx, claim)
    if claim.product:
        return _product(engine, ctx, claim)
    if kind == "value":
        return _value(engine, ctx, claim)
    if kind == "share":
        return _share(engine, ctx, claim)
    if kind == "rank":
        return _rank(engine, ctx, claim)
    return _growth(engine, ctx, claim)


# --- money ------------------------------------------------------------------------------
def _value(engine, ctx: Ctx, c: Claim) -> StoreView:
    balance = c.metric == "balance" or c.flow == "balance"
    flow = "balance" if balance else (c.flow or "total")
    if balance:
        q = Query(intent="balance", reporter=c.reporter, partner=c.partner, flow="balance", years=list(c.years))
    elif c.partner:
        q = Query(intent="value", reporter=c.reporter, partner=c.partner, flow=flow, years=list(c.years))
    else:
        q = Query(intent="world_total", reporter=c.reporter, flow=flow, years=list(c.years))
    label = title(ctx, c.reporter, c.partner, flow)
    answer = _run(engine, ctx, q)
    if answer.status != "ok" or not answer.results:
        view = _no_data(label, answer)
        if c.years:  # what the store has: the latest year
            latest = _value(engine, ctx, Claim(**{**c.__dict__, "years": [], "year_given": False}))
            view.reference = latest if latest.status == "ok" else None
        return view
    main = answer.results[0]
    year = main.year
    view = StoreView("ok", f"{label}, {year}", main.value, ctx.money(main.value), [main], source_line(ctx, [main]),
                     [year], defaulted_year=not c.years)
    if main.mirror and c.partner:  # the reporter publishes nothing for the pair: only the partner's figure
        view.mirror = Alternative("mirror", _mirror_label(ctx, c.partner, c.reporter, flow), main.value,
                                  view.display, [main], view.source_line)
        return view
    if c.partner is None:  # world totals: the engine already shows a second source
        for other in answer.results[1:]:
            src = engine.store.sources.get(other.source_id)
            view.alternatives.append(Alternative("other_source", src.citation if src else other.source_id, other.value,
                                                 ctx.money(other.value), [other], source_line(ctx, [other])))
    elif flow in ("export", "import"):
        view.alternatives += _flow_alternatives(ctx, c.reporter, c.partner, year, flow, main)
        view.opposite = _opposite(ctx, c.reporter, c.partner, year, flow)
    else:  # total or balance: the partner's own figures for the pair
        _sid, mirror = pair_series(ctx, c.reporter, c.partner, flow, mirror=True)
        m = mirror.get(year)
        if m is not None:
            view.alternatives.append(Alternative("mirror", _mirror_label(ctx, c.partner, c.reporter, flow), m.value,
                                                 ctx.money(m.value), [m], source_line(ctx, [m])))
    return view


def _mirror_label(ctx: Ctx, partner: str, reporter: str, flow: str) -> str:
    """"Russia's mirror figure (its imports from Mexico, CIF)"."""
    p, r = ctx.name(partner), ctx.name(reporter)
    if flow in ("export", "import"):
        mflow = OPPOSITE_FLOW[flow]
        valuation = "CIF" if mflow == "import" else "FOB"
        prep = {"en": {"import": "from", "export": "to"}, "es": {"import": "desde", "export": "a"}}.get(ctx.lang, {}).get(mflow, "")
        return {"en": f"{p}'s mirror figure (its {flow_word(mflow, 'en')} {prep} {r}, {valuation})",
                "es": f"cifra espejo de {p} (sus {flow_word(mflow, 'es')} {prep} {r}, {valuation})",
                "ru": f"зеркальные данные ({p}, {flow_word(mflow, 'ru')}, {valuation})"}.get(ctx.lang, "")
    return {"en": f"{p}'s mirror figures (as {p} reports the pair)", "es": f"cifras espejo de {p} (según {p})",
            "ru": f"зеркальные данные ({p})"}.get(ctx.lang, "")


def _flow_alternatives(ctx: Ctx, reporter: str, partner: str, year: int, flow: str, main: Figure) -> list[Alternative]:
    """The partner's mirror figure (every source) and the reporter's figure in other sources."""
    store = ctx.store
    out: list[Alternative] = []
    for m in store.mirror_value(reporter, partner, year, flow):
        label = _mirror_label(ctx, partner, reporter, flow)
        if m.source_id != main.source_id:
            src = store.sources.get(m.source_id)
            label += f" \u2014 {src.citation}" if src else ""
        out.append(Alternative("mirror", label, m.value, ctx.money(m.value), [m], source_line(ctx, [m])))
    for o in store.trade_value(reporter, partner, year, flow):
        if o.source_id == main.source_id:
            continue
        src = store.sources.get(o.source_id)
        out.append(Alternative("other_source", src.citation if src else o.source_id, o.value, ctx.money(o.value), [o],
                               source_line(ctx, [o])))
    return out


def _opposite(ctx: Ctx, reporter: str, partner: str, year: int, flow: str) -> Alternative | None:
    """The other flow of the same pair and year: a claim with exports and imports swapped matches it."""
    other = OPPOSITE_FLOW[flow]
    figs = ctx.store.trade_value(reporter, partner, year, other)
    if not figs:
        return None
    f = figs[0]
    return Alternative("opposite_flow", title(ctx, reporter, partner, other), f.value, ctx.money(f.value), [f],
                       source_line(ctx, [f]))


def _fdi(engine, ctx: Ctx, c: Claim) -> StoreView:
    if c.kind != "value":
        return StoreView("no_data", title(ctx, c.reporter, c.partner, c.flow))
    q = Query(intent="fdi", reporter=c.reporter, partner=c.partner, years=list(c.years), metric=c.fdi_metric)
    answer = _run(engine, ctx, q)
    label = answer.text.split(",")[0] if answer.text else "FDI"
    usd = [f for f in answer.results if f.unit == "USD"]
    if answer.status != "ok" or not usd:
        view = _no_data(label, answer)
        if usd:  # bilateral FDI missing: the host's total inflows, as the engine suggests
            f = usd[0]
            view.reference = StoreView("ok", label, f.value, ctx.money(f.value), [f], source_line(ctx, [f]), [f.year])
        return view
    f = usd[0] if len(usd) == 1 or not c.years else next((u for u in usd if u.year == c.years[-1]), usd[-1])
    head = answer.text.split("\n")[0]
    label = head.rsplit(":", 1)[0] if ":" in head else head
    return StoreView("ok", label, f.value, ctx.money(f.value), [f], source_line(ctx, [f]), [f.year],
                     defaulted_year=not c.years)


def _gdp(engine, ctx: Ctx, c: Claim) -> StoreView:
    q = Query(intent="context", reporter=c.reporter, reporters=[c.reporter], years=list(c.years), metric="gdp")
    answer = _run(engine, ctx, q)
    if answer.status != "ok" or not answer.results:
        return _no_data("GDP", answer)
    f = answer.results[0]
    label = answer.text.split("\n")[0].rsplit(":", 1)[0]
    return StoreView("ok", label, f.value, ctx.money(f.value), [f], source_line(ctx, [f]), [f.year], defaulted_year=not c.years)


def _product(engine, ctx: Ctx, c: Claim) -> StoreView:
    """A product-level claim: the engine's answer when product data is loaded; else why not,
    with the all-goods figure of the pair as a reference (not a verdict)."""
    flow = c.flow if c.flow in ("export", "import") else "export"
    q = Query(intent="products", reporter=c.reporter, partner=c.partner, flow=flow, years=list(c.years), product=c.product)
    label = title(ctx, c.reporter, c.partner, flow, c.product)
    answer = _run(engine, ctx, q)
    if answer.status == "ok" and answer.results and c.kind == "value":
        f = answer.results[0]
        return StoreView("ok", f"{label}, {f.year}", f.value, ctx.money(f.value), [f], source_line(ctx, [f]), [f.year])
    view = _no_data(label, answer)
    if c.kind == "value":
        total = _value(engine, ctx, Claim(**{**c.__dict__, "product": None}))
        view.reference = total if total.status == "ok" else None
    return view


# --- share, rank, growth ----------------------------------------------------------------
def _share(engine, ctx: Ctx, c: Claim) -> StoreView:
    flow = c.flow if c.flow in ("export", "import", "total") else "total"
    q = Query(intent="share", reporter=c.reporter, partner=c.partner, flow=flow, years=list(c.years))
    answer = _run(engine, ctx, q)
    label = title(ctx, c.reporter, c.partner, flow)
    if answer.status != "ok" or len(answer.results) < 2 or not answer.results[1].value:
        return _no_data(label, answer)
    f, w = answer.results[0], answer.results[1]
    share = f.value / w.value * 100
    shown = f"{ctx.pct(share, 2 if share < 1 else 1)} ({ctx.money(f.value)} / {ctx.money(w.value)})"
    return StoreView("ok", f"{label}, {f.year}", share, shown, [f, w], answer.source_line, [f.year],
                     defaulted_year=not c.years)


def _rank(engine, ctx: Ctx, c: Claim) -> StoreView:
    flow = c.flow if c.flow in ("export", "import", "total") else "total"
    q = Query(intent="partner_rank", reporter=c.reporter, partner=c.partner, flow=flow, years=list(c.years))
    answer = _run(engine, ctx, q)
    label = title(ctx, c.reporter, c.partner, flow)
    if answer.status != "ok" or not answer.results or "rank" not in answer.results[0].extra:
        return _no_data(label, answer)
    f = answer.results[0]
    pos, of = f.extra["rank"], f.extra["ranked_partners"]
    of_word = {"en": "of", "es": "de", "ru": "из"}.get(ctx.lang, "of")
    shown = f"{ordinal(pos, ctx.lang)} {of_word} {of} ({ctx.money(f.value)})"
    return StoreView("ok", f"{label}, {f.year}", float(pos), shown, [f], answer.source_line, [f.year],
                     defaulted_year=not c.years)


def _growth(engine, ctx: Ctx, c: Claim) -> StoreView:
    flow = c.flow if c.flow in ("export", "import", "total", "balance") else "total"
    q = Query(intent="growth", reporter=c.reporter, partner=c.partner or None, flow=flow, years=list(c.years))
    answer = _run(engine, ctx, q)
    label = title(ctx, c.reporter, c.partner, flow)
    if answer.status != "ok" or len(answer.results) < 2 or not answer.results[0].value:
        return _no_data(label, answer)
    a, b = answer.results[0], answer.results[1]
    ratio = b.value / a.value
    view = StoreView("ok", f"{label}, {a.year}\u2013{b.year}", _growth_value(c, ratio),
                     _growth_display(ctx, a, b, ratio), [a, b], answer.source_line, [a.year, b.year],
                     defaulted_year=not c.years)
    if c.partner and flow in ("export", "import"):  # the same growth in the partner's statistics
        _, mirror = pair_series(ctx, c.reporter, c.partner, flow, mirror=True)
        ma, mb = mirror.get(a.year), mirror.get(b.year)
        if ma and mb and ma.value:
            r = mb.value / ma.value
            view.alternatives.append(Alternative("mirror", _mirror_label(ctx, c.partner, c.reporter, flow), _growth_value(c, r),
                                                 _growth_display(ctx, ma, mb, r), [ma, mb], source_line(ctx, [ma, mb])))
    return view


def _growth_value(c: Claim, ratio: float) -> float:
    """A ratio for "fivefold"-style claims, a percent change for "rose 25%"."""
    return (ratio - 1) * 100 if c.figure.kind == "percent" else ratio


def _growth_display(ctx: Ctx, a: Figure, b: Figure, ratio: float) -> str:
    change = (ratio - 1) * 100
    sign = "+" if change >= 0 else "\u2212"
    times = f"\u00d7{ratio:.2f}".replace(".", "," if ctx.lang != "en" else ".")
    return f"{ctx.money(a.value)} ({a.year}) \u2192 {ctx.money(b.value)} ({b.year}): {sign}{ctx.pct(abs(change))}, {times}"
