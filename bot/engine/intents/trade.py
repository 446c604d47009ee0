"""Bilateral and world trade intents: value, series, world total, growth, balance, share,
compare, mirror. Every number shown is a store figure or plain arithmetic on store figures
from ONE source (sums, differences, ratios), and the text says which."""

from __future__ import annotations

from bot.engine.answer import Answer, ChartSpec
from bot.engine.intents.common import (Ctx, latest_note, mid_sentence, no_year_answer, pct_change, resolve_years,
                                       source_line, title, year_note, years_text)
from bot.engine.phrases import flow_word, t
from bot.engine.query import Query
from bot.render.sparkline import sparkline
from bot.store.figures import Figure

WORLD = "WLD"
OPPOSITE_FLOW = {"export": "import", "import": "export"}
MIRROR_THRESHOLD = 0.25  # show the partner's mirror figure when it differs by more than 25 %


def pair_series(ctx: Ctx, reporter: str, partner: str, flow: str, product: str | None = None,
                mirror: bool = False) -> tuple[str | None, dict[int, Figure]]:
    """All years of one flow from the best source that has it: (source id, {year: Figure}).

    ``total`` and ``balance`` are computed per year from exports and imports of the SAME
    source and reporter (never across sources).
    """
    store = ctx.store
    if flow in ("export", "import"):
        figs = store.trade_series(reporter, partner, flow, product=product, mirror=mirror)
        if not figs:
            return None, {}
        best = figs[0].source_id
        return best, {f.year: f for f in figs if f.source_id == best}
    xs = store.trade_series(reporter, partner, "export", product=product, mirror=mirror)
    ms = store.trade_series(reporter, partner, "import", product=product, mirror=mirror)
    for sid in dict.fromkeys([f.source_id for f in xs]):
        x = {f.year: f for f in xs if f.source_id == sid}
        m = {f.year: f for f in ms if f.source_id == sid}
        years = sorted(set(x) & set(m))
        if not years:
            continue
        out = {}
        for y in years:
            value = x[y].value + m[y].value if flow == "total" else x[y].value - m[y].value
            out[y] = Figure(reporter, partner, y, flow, value, "USD", sid, product=product, reported_by=x[y].reported_by,
                            mirror=mirror, extra={"exports": x[y].value, "imports": m[y].value})
        return sid, out
    return None, {}


def _dataset(ctx: Ctx, sid: str | None) -> str:
    src = ctx.store.sources.get(sid or "")
    return src.citation if src else "the store"


def _no_pair(ctx: Ctx, q: Query) -> Answer:
    what = mid_sentence(ctx, title(ctx, q.reporter, q.partner, q.flow, q.product))
    return Answer(status="no_data", text=t("no_data", ctx.lang, what=what), lang=ctx.lang, query=q)


def _mirror_line(ctx: Ctx, f: Figure) -> tuple[str, Figure | None]:
    """The partner's own figure for the same flow, when it differs by more than 25 %."""
    if f.partner in (None, WORLD) or f.flow not in ("export", "import"):
        return "", None
    mirrors = [m for m in ctx.store.mirror_value(f.reporter, f.partner, f.year, f.flow) if m.source_id == f.source_id]
    if not mirrors:
        return "", None
    m = mirrors[0]
    if f.value and abs(m.value - f.value) / abs(f.value) <= MIRROR_THRESHOLD:
        return "", m
    change = pct_change(f.value, m.value) or 0.0
    src = ctx.store.sources[m.source_id]
    valuation = "CIF" if f.flow == "export" else "FOB"
    if "CIF" not in src.valuation:
        valuation = src.valuation
    mflow = OPPOSITE_FLOW[f.flow]
    prep = {"en": {"import": "from", "export": "to"}, "es": {"import": "desde", "export": "a"}}.get(ctx.lang, {}).get(mflow, "")
    line = t("mirror_line", ctx.lang, partner=ctx.np(m.reported_by), mflow=flow_word(mflow, ctx.lang), prep=prep,
             reporter=ctx.np(f.reporter), valuation=valuation, value=ctx.money(m.value), gap=ctx.pct(abs(change), 0),
             direction=t("higher" if change >= 0 else "lower", ctx.lang))
    return line, m


PERSPECTIVE_BELOW = 0.01  # a flow under 1 % of the reporter's largest gets a sense of scale
HOURS_PER_YEAR = 24 * 365


_DURATIONS = (  # (unit in hours, shown from this many units, en, es, ru)
    (24.0, 2, "days", "días", "дн."),
    (1.0, 1.5, "hours", "horas", "ч"),
    (1 / 60, 1.5, "minutes", "minutos", "мин"),
    (1 / 3600, 1, "seconds", "segundos", "с"),
)


def _duration(hours: float, lang: str) -> str | None:
    """"about 5 hours", "unos 3 minutos", "примерно 40 с": the largest unit that reads well."""
    for unit, least, *words in _DURATIONS:
        n = hours / unit
        if n >= least:
            word = {"en": words[0], "es": words[1], "ru": words[2]}.get(lang, words[0])
            some = "unas" if word == "horas" else "unos"  # horas is feminine
            return {"es": f"{some} {n:.0f} {word}", "ru": f"примерно {n:.0f} {word}"}.get(lang, f"about {n:.0f} {word}")
    return None


def _perspective(ctx: Ctx, f: Figure) -> tuple[str, Figure | None]:
    """"About 5 hours of Mexico's exports to the United States": a small flow measured against
    the reporter's largest flow of the same kind, year and source (computed, never typed)."""
    if f.flow not in ("export", "import") or f.partner in (None, WORLD) or f.product or f.value <= 0:
        return "", None
    top = ctx.store.partners_ranked(f.reporter, f.year, f.flow, source=f.source_id, limit=1)
    if not top or top[0].partner == f.partner or f.value >= top[0].value * PERSPECTIVE_BELOW:
        return "", None
    hours = f.value / top[0].value * HOURS_PER_YEAR
    amount = _duration(hours, ctx.lang)
    if amount is None:  # under a second of the big flow: no useful picture
        return "", None
    what = title(ctx, f.reporter, top[0].partner, f.flow)
    if ctx.lang == "es":
        what = what[:1].lower() + what[1:]
    line = t("perspective", ctx.lang, amount=amount, what=what, year=f.year)
    return line, top[0]


def value(ctx: Ctx, q: Query) -> Answer:
    if len(q.years) == 2 and not q.year_range_given:
        return growth(ctx, q)
    if q.year_range_given or ctx.relative_years or ctx.since or len(q.years) > 2:
        return series(ctx, q)
    sid, by_year = pair_series(ctx, q.reporter, q.partner, q.flow, q.product)
    choice = resolve_years(q, sorted(by_year), ctx)
    if not by_year or choice.missing or (choice.defaulted and _mirror_is_newer(ctx, q, max(by_year))):
        mirrored = _mirror_instead(ctx, q)
        if mirrored is not None:
            return mirrored
    if not by_year:
        return _no_pair(ctx, q)
    if choice.missing:
        return no_year_answer(ctx, q, _dataset(ctx, sid), title(ctx, q.reporter, q.partner, q.flow), choice.missing, sorted(by_year))
    year = choice.years[0]
    f = by_year[year]
    lines = [f"{title(ctx, q.reporter, q.partner, q.flow, q.product)}, {year}{latest_note(ctx, choice.defaulted)}: {ctx.money(f.value)}."]
    results = [f]
    if q.flow in ("total", "balance"):
        x, m = f.extra["exports"], f.extra["imports"]
        lines.append(f"{flow_word('export', ctx.lang).capitalize()} {ctx.money(x)}, {flow_word('import', ctx.lang)} {ctx.money(m)}.")
    mline, mfig = _mirror_line(ctx, f)
    if mline:
        lines.append(mline)
        results.append(mfig)
    pline, pfig = _perspective(ctx, f)
    if pline:
        lines.append(pline)
        results.append(pfig)
    src = source_line(ctx, results)
    return Answer(status="ok", text="\n".join(lines + [src]), lang=ctx.lang, query=_with_years(q, [year]), results=results,
                  source_line=src, table=_table(ctx, results))


MIRROR_NEWER_BY = 3  # no year asked, and the partner's figures run this many years later: show the newer one


def _mirror_is_newer(ctx: Ctx, q: Query, own_last: int) -> bool:
    """The reporter's own series stops years before the partner's (Taiwan in Comtrade to 2016,
    Hong Kong's DOTS figures to 2020): "the latest" is then the partner's mirror figure."""
    if q.partner in (None, WORLD) or q.product:
        return False
    _, mirror = pair_series(ctx, q.reporter, q.partner, q.flow, mirror=True)
    return bool(mirror) and max(mirror) >= own_last + MIRROR_NEWER_BY


def _mirror_instead(ctx: Ctx, q: Query) -> Answer | None:
    """The reporter's own statistics lack the flow (North Korea, Taiwan in DOTS) or the year:
    the partner's figure for the same flow, said to be the partner's (never passed off as
    the reporter's)."""
    if q.partner in (None, WORLD) or q.product:
        return None
    sid, by_year = pair_series(ctx, q.reporter, q.partner, q.flow, mirror=True)
    if not by_year:
        return None
    choice = resolve_years(q, sorted(by_year), ctx)
    if choice.missing or not choice.years:
        return None
    year = choice.years[0]
    f = by_year[year]
    flow = q.flow if q.flow in ("export", "import") else None
    valuation = {"export": "CIF", "import": "FOB"}.get(flow or "", "")
    mflow = OPPOSITE_FLOW[flow] if flow else q.flow
    prep = {"en": {"import": "from", "export": "to"}, "es": {"import": "desde", "export": "a"}}.get(ctx.lang, {}).get(mflow, "")
    own = {"en": "its ", "es": "su " if mflow == "total" else "sus "}.get(ctx.lang, "")
    what = own + flow_word(mflow, ctx.lang) + (f" {prep} {ctx.np(q.reporter)}" if prep else "")
    has_own_years = bool(pair_series(ctx, q.reporter, q.partner, q.flow)[1])
    lines = [f"{title(ctx, q.reporter, q.partner, q.flow)}, {year}{latest_note(ctx, choice.defaulted)}: {ctx.money(f.value)}.",
             t("mirror_only_year" if has_own_years else "mirror_only", ctx.lang, reporter=ctx.np(q.reporter),
               partner=ctx.np(q.partner), what=what, valuation=f", {valuation}" if valuation else "", year=year)]
    if q.flow in ("total", "balance"):
        x, m = f.extra["exports"], f.extra["imports"]
        lines.insert(1, f"{flow_word('export', ctx.lang).capitalize()} {ctx.money(x)}, {flow_word('import', ctx.lang)} {ctx.money(m)}.")
    src = source_line(ctx, [f])
    q.years = [year]
    return Answer(status="ok", text="\n".join(lines + [src]), lang=ctx.lang, query=q, results=[f], source_line=src,
                  table=_table(ctx, [f]))


def _with_years(q: Query, years: list[int]) -> Query:
    q.years = list(years)
    return q


def _table(ctx: Ctx, figures: list[Figure]) -> list[dict]:
    return [{"reporter": f.reporter, "partner": f.partner, "year": f.year, "flow": f.flow, "product": f.product,
             "value_usd": f.value, "source": f.source_id, "reported_by": f.reported_by, "mirror": f.mirror} for f in figures]


def _series_answer(ctx: Ctx, q: Query, sid: str | None, by_year: dict[int, Figure], label: str) -> Answer:
    choice = resolve_years(q, sorted(by_year), ctx, want_range=True)
    if not choice.years:
        return no_year_answer(ctx, q, _dataset(ctx, sid), label, choice.missing or q.years, sorted(by_year))
    figs = [by_year[y] for y in choice.years]
    if len(figs) == 1:
        q.years = choice.years
        q.year_range_given = False
        q.intent = "value" if q.partner not in (None, WORLD) else "world_total"
    values = [f.value for f in figs]
    peak = max(figs, key=lambda f: f.value)
    spark = sparkline(values)
    head = f"{label}, {figs[0].year}\u2013{figs[-1].year}: {spark}"
    body = t("first_last_peak", ctx.lang, first_year=figs[0].year, first=ctx.money(figs[0].value),
             last_year=figs[-1].year, last=ctx.money(figs[-1].value), peak=ctx.money(peak.value), peak_year=peak.year)
    gaps = [y for y in range(figs[0].year, figs[-1].year + 1) if y not in by_year]
    lines = [head, body]
    if gaps:
        lines.append(("No figures for: " if ctx.lang == "en" else "Sin cifras para: " if ctx.lang == "es" else "Нет данных за: ") + years_text(gaps))
    src = source_line(ctx, figs)
    chart = ChartSpec(kind="line", title=f"{label}, {figs[0].year}\u2013{figs[-1].year}", labels=[str(f.year) for f in figs], values=values, unit="USD",
                      source_line=src, lang=ctx.lang)
    q.years = [f.year for f in figs]
    return Answer(status="ok", text="\n".join(lines + [src]), lang=ctx.lang, query=q, results=figs, chart=chart,
                  source_line=src, table=_table(ctx, figs))


def series(ctx: Ctx, q: Query) -> Answer:
    q.intent = "series"
    sid, by_year = pair_series(ctx, q.reporter, q.partner, q.flow, q.product)
    label = title(ctx, q.reporter, q.partner, q.flow, q.product)
    if not by_year and q.partner not in (None, WORLD) and not q.product:
        sid, by_year = pair_series(ctx, q.reporter, q.partner, q.flow, mirror=True)
        if by_year:  # the reporter does not report this flow: the partner's figures, said to be theirs
            answer = _series_answer(ctx, q, sid, by_year, label)
            if answer.status == "ok":
                note = t("mirror_series", ctx.lang, reporter=ctx.np(q.reporter), partner=ctx.np(q.partner))
                head, _, rest = answer.text.partition("\n")
                answer.text = f"{head}\n{note}\n{rest}"
            return answer
    if not by_year:
        return _no_pair(ctx, q)
    return _series_answer(ctx, q, sid, by_year, label)


def world_total(ctx: Ctx, q: Query) -> Answer:
    q.partner = None
    sid, by_year = pair_series(ctx, q.reporter, WORLD, q.flow or "total")
    if not by_year:
        return _no_pair(ctx, q)
    label = title(ctx, q.reporter, None, q.flow)
    if q.year_range_given or ctx.relative_years or ctx.since or len(q.years) > 2:
        return _series_answer(ctx, q, sid, by_year, label)
    if len(q.years) == 2:
        return growth(ctx, q)
    choice = resolve_years(q, sorted(by_year), ctx)
    if choice.missing:
        return no_year_answer(ctx, q, _dataset(ctx, sid), label, choice.missing, sorted(by_year))
    year = choice.years[0]
    f = by_year[year]
    results = [f]
    lines = [f"{label}, {year}{latest_note(ctx, choice.defaulted)}: {ctx.money(f.value)}."]
    # a second, independent source for the same total, shown apart (never merged)
    if q.flow in ("export", "import"):
        others = [o for o in ctx.store.world_total(q.reporter, q.flow, year, year) if o.source_id != f.source_id]
        for o in others[:1]:
            src = ctx.store.sources[o.source_id]
            lines.append(f"{src.citation}: {ctx.money(o.value)}.")
            results.append(o)
    src = source_line(ctx, results)
    q.years = [year]
    return Answer(status="ok", text="\n".join(lines + [src]), lang=ctx.lang, query=q, results=results, source_line=src,
                  table=_table(ctx, results))


def growth(ctx: Ctx, q: Query) -> Answer:
    q.intent = "growth"
    partner = q.partner or WORLD
    sid, by_year = pair_series(ctx, q.reporter, partner, q.flow or "total", q.product)
    if not by_year:
        return _no_pair(ctx, q)
    available = sorted(by_year)
    if ctx.since or ctx.relative_years:  # "since 2018", "over the last 5 years": from then to the latest year
        start = ctx.since if ctx.since else available[-1] - ctx.relative_years
        y0 = min((y for y in available if y >= start), default=None)
        y1 = available[-1]
    elif len(q.years) >= 2:
        y0, y1 = q.years[0], q.years[-1]
    elif len(q.years) == 1:
        y1 = q.years[0]
        y0 = max((y for y in available if y < y1), default=None)
    else:
        y1 = available[-1]
        y0 = available[-2] if len(available) > 1 else None
    missing = [y for y in (y0, y1) if y is None or y not in by_year]
    if missing:
        return no_year_answer(ctx, q, _dataset(ctx, sid), title(ctx, q.reporter, q.partner, q.flow), [y for y in missing if y] or q.years, available)
    a, b = by_year[y0], by_year[y1]
    change = b.value - a.value
    pct = pct_change(a.value, b.value)
    sign = "+" if change >= 0 else "\u2212"
    pct_text = (("+" if pct >= 0 else "\u2212") + ctx.pct(abs(pct))) if pct is not None else "n/a"
    line = t("growth_line", ctx.lang, what=title(ctx, q.reporter, q.partner, q.flow, q.product), a=ctx.money(a.value), y0=y0,
             b=ctx.money(b.value), y1=y1, change=sign + ctx.money(abs(change)), pct=pct_text)
    lines = [line]
    if y1 - y0 > 1 and a.value > 0 and b.value > 0:
        cagr = ((b.value / a.value) ** (1 / (y1 - y0)) - 1) * 100
        lines.append(t("cagr", ctx.lang, cagr=("+" if cagr >= 0 else "\u2212") + ctx.pct(abs(cagr))) + ".")
    src = source_line(ctx, [a, b])
    q.years = [y0, y1]
    return Answer(status="ok", text="\n".join(lines + [src]), lang=ctx.lang, query=q, results=[a, b], source_line=src,
                  table=_table(ctx, [a, b]))


def balance(ctx: Ctx, q: Query) -> Answer:
    q.flow = "balance"
    partner = q.partner or WORLD
    sid, by_year = pair_series(ctx, q.reporter, partner, "balance")
    if not by_year:
        return _no_pair(ctx, q)
    if ctx.order_only and ctx.balance_word and q.partner and not (q.year_range_given or ctx.relative_years or ctx.since):
        # "China US trade deficit": nothing but word order says whose balance; the side that
        # has the deficit asked about is the one meant (the US), if its own figures say so
        year = (q.years or [max(by_year)])[-1]
        mine = by_year.get(year)
        rsid, reverse = pair_series(ctx, q.partner, q.reporter, "balance")
        theirs = reverse.get(year)
        wants_negative = ctx.balance_word == "deficit"
        if mine is not None and theirs is not None and (mine.value < 0) != wants_negative and (theirs.value < 0) == wants_negative:
            q.reporter, q.partner, partner, sid, by_year = q.partner, q.reporter, q.reporter, rsid, reverse
    if q.year_range_given or ctx.relative_years or ctx.since or len(q.years) > 2:
        return _series_answer(ctx, q, sid, by_year, title(ctx, q.reporter, q.partner, "balance"))
    choice = resolve_years(q, sorted(by_year), ctx)
    if choice.missing:
        return no_year_answer(ctx, q, _dataset(ctx, sid), title(ctx, q.reporter, q.partner, "balance"), choice.missing, sorted(by_year))
    year = choice.years[0]
    f = by_year[year]
    kind = t("surplus" if f.value >= 0 else "deficit", ctx.lang)
    line = t("balance_line", ctx.lang, reporter=ctx.np(q.reporter), kind=kind,
             partner=ctx.np(partner) if partner != WORLD else ("the world" if ctx.lang == "en" else "el mundo" if ctx.lang == "es" else "мир"),
             year=f"{year}{latest_note(ctx, choice.defaulted)}", value=ctx.money(abs(f.value)),
             x=ctx.money(f.extra["exports"]), m=ctx.money(f.extra["imports"]))
    src = source_line(ctx, [f])
    q.years = [year]
    return Answer(status="ok", text=f"{line}\n{src}", lang=ctx.lang, query=q, results=[f], source_line=src, table=_table(ctx, [f]))


_ES_FLOW_OF = {"export": "de las exportaciones", "import": "de las importaciones", "total": "del comercio total"}


def share(ctx: Ctx, q: Query) -> Answer:
    flow = q.flow if q.flow in ("export", "import", "total") else "total"
    q.flow = flow
    sid, by_year = pair_series(ctx, q.reporter, q.partner, flow)
    if not by_year:
        return _no_pair(ctx, q)
    _, world = pair_series_from(ctx, q.reporter, WORLD, flow, sid)
    available = sorted(set(by_year) & set(world))
    if not available:
        return _no_share_total(ctx, q, sid, by_year)
    choice = resolve_years(q, available, ctx)
    if choice.missing or not choice.years:
        return no_year_answer(ctx, q, _dataset(ctx, sid), title(ctx, q.reporter, q.partner, flow), choice.missing, available)
    year = choice.years[0]
    f, w = by_year[year], world[year]
    share_pct = f.value / w.value * 100 if w.value else 0.0
    flow_text = _ES_FLOW_OF[flow] if ctx.lang == "es" else flow_word(flow, ctx.lang)
    line = t("share_line", ctx.lang, partner=ctx.np(q.partner), partner_nom=ctx.name(q.partner),
             share=ctx.pct(share_pct, 2 if share_pct < 1 else 1), reporter=ctx.np(q.reporter), flow=flow_text,
             year=f"{year}{latest_note(ctx, choice.defaulted)}", value=ctx.money(f.value), total=ctx.money(w.value))
    src = source_line(ctx, [f, w])
    q.years = [year]
    return Answer(status="ok", text=f"{line}\n{src}", lang=ctx.lang, query=q, results=[f, w], source_line=src,
                  table=_table(ctx, [f, w]))


def pair_series_from(ctx: Ctx, reporter: str, partner: str, flow: str, source: str | None) -> tuple[str | None, dict[int, Figure]]:
    """``pair_series`` restricted to one source (a share's numerator and denominator)."""
    if source is None:
        return None, {}
    if flow in ("export", "import"):
        figs = ctx.store.trade_series(reporter, partner, flow, source=source)
        return source, {f.year: f for f in figs}
    sid, by_year = pair_series(ctx, reporter, partner, flow)
    if sid == source:
        return sid, by_year
    xs = {f.year: f for f in ctx.store.trade_series(reporter, partner, "export", source=source)}
    ms = {f.year: f for f in ctx.store.trade_series(reporter, partner, "import", source=source)}
    out = {}
    for y in sorted(set(xs) & set(ms)):
        value = xs[y].value + ms[y].value if flow == "total" else xs[y].value - ms[y].value
        out[y] = Figure(reporter, partner, y, flow, value, "USD", source, reported_by=xs[y].reported_by,
                        extra={"exports": xs[y].value, "imports": ms[y].value})
    return source, out


def _no_share_total(ctx: Ctx, q: Query, sid: str | None, by_year: dict[int, Figure]) -> Answer:
    """The pair's flow exists but its source has no world total for the reporter: no share
    (never a ratio across two sources); show the flow that is there."""
    what = title(ctx, q.reporter, q.partner, q.flow)
    text = t("no_share_total", ctx.lang, what=what[:1].lower() + what[1:] if ctx.lang == "es" else what,
             dataset=_dataset(ctx, sid), reporter=ctx.np(q.reporter))
    years = [y for y in q.years if y in by_year] or [max(by_year)]
    f = by_year[years[-1]]
    src = source_line(ctx, [f])
    what = what[:1].lower() + what[1:] if ctx.lang == "es" else what
    text += "\n" + t("pair_instead", ctx.lang, what=what, year=f.year, value=ctx.money(f.value)) + "\n" + src
    q.years = [f.year]
    return Answer(status="no_data", text=text, lang=ctx.lang, query=q, results=[f], source_line=src, table=_table(ctx, [f]))


_COMPARE_HEAD = {
    "en": {"export": "Exports to {p}", "import": "Imports from {p}", "total": "Total trade with {p}", "balance": "Trade balance with {p}",
           "export_w": "Total exports", "import_w": "Total imports", "total_w": "Total trade", "balance_w": "Overall trade balance"},
    "es": {"export": "Exportaciones a {p}", "import": "Importaciones desde {p}", "total": "Comercio total con {p}",
           "balance": "Balanza comercial con {p}", "export_w": "Exportaciones totales", "import_w": "Importaciones totales",
           "total_w": "Comercio total", "balance_w": "Balanza comercial total"},
    "ru": {"export": "Экспорт (направление: {p})", "import": "Импорт (источник: {p})", "total": "Товарооборот (партнёр: {p})",
           "balance": "Торговое сальдо (партнёр: {p})", "export_w": "Общий экспорт", "import_w": "Общий импорт",
           "total_w": "Общий товарооборот", "balance_w": "Общее торговое сальдо"},
}


def _ratio(ctx: Ctx, a: float, b: float) -> str:
    """"1.04", "2.9", "30": enough digits that two close figures do not read as equal."""
    ratio = a / b
    text = f"{ratio:.2f}" if ratio < 2 else f"{ratio:.1f}" if ratio < 100 else f"{ratio:.0f}"
    return text.replace(".", "," if ctx.lang != "en" else ".")


def compare(ctx: Ctx, q: Query) -> Answer:
    """Several partners of one reporter ("Germany's exports to France or the US"), or several
    reporters with one partner or the world ("Japan vs South Korea exports to China")."""
    by_reporter = len(q.reporters) >= 2 and not q.partners
    flow = q.flow or "total"
    if by_reporter:
        keys = list(dict.fromkeys(q.reporters))
        series = {r: pair_series(ctx, r, q.partner or WORLD, flow) for r in keys}
    else:
        keys = list(dict.fromkeys(q.partners or ([q.partner] if q.partner else [])))
        series = {p: pair_series(ctx, q.reporter, p, flow) for p in keys}
    # one source for the whole comparison: the best-ranked source among those that cover most of them
    sources = [s[0] for s in series.values() if s[0]]
    if not sources:
        return _no_pair(ctx, q)
    sid = max(dict.fromkeys(sources), key=lambda x: sources.count(x))
    available = sorted(set().union(*[set(s[1]) for s in series.values() if s[0] == sid]))
    choice = resolve_years(q, available, ctx)
    if not choice.years:
        return no_year_answer(ctx, q, _dataset(ctx, sid), title(ctx, q.reporter, None, flow), choice.missing, available)
    year = choice.years[0]
    rows: list[Figure] = []
    missing = []
    for k in keys:
        ssid, by_year = series[k]
        f = by_year.get(year) if ssid == sid else None
        (rows.append(f) if f is not None else missing.append(k))
    if not rows:
        return _no_pair(ctx, q)
    rows.sort(key=lambda f: f.value, reverse=True)
    label = (lambda f: ctx.name(f.reporter)) if by_reporter else (lambda f: ctx.name(f.partner))
    noun = (lambda f: ctx.np(f.reporter)) if by_reporter else (lambda f: ctx.np(f.partner))
    if by_reporter:
        heads = _COMPARE_HEAD.get(ctx.lang, _COMPARE_HEAD["en"])
        key = flow if q.partner not in (None, WORLD) else f"{flow}_w"
        head = heads[key].format(p=ctx.np(q.partner)) + f", {year}{latest_note(ctx, choice.defaulted)}:"
    else:
        head = f"{ctx.name(q.reporter)}, {flow_word(flow, ctx.lang)}, {year}{latest_note(ctx, choice.defaulted)}:"
    lines = [head] + [f"\u2022 {label(r)}: {ctx.money(r.value)}" for r in rows]
    if len(rows) >= 2 and rows[1].value > 0 and rows[0].value > 0:
        lines.append(t("times", ctx.lang, a=noun(rows[0]), ratio=_ratio(ctx, rows[0].value, rows[1].value), b=noun(rows[1])) + ".")
    if missing:
        lines.append(t("no_data", ctx.lang, what=", ".join(ctx.name(m) for m in missing) + f" ({year})"))
    src = source_line(ctx, rows)
    chart = ChartSpec(kind="bar", title=head.rstrip(":"), labels=[label(r) for r in rows], values=[r.value for r in rows],
                      source_line=src, lang=ctx.lang)
    q.intent, q.years, q.flow = "compare", [year], flow
    if by_reporter:
        q.reporters = keys
    else:
        q.partners = keys
    return Answer(status="ok", text="\n".join(lines + [src]), lang=ctx.lang, query=q, results=rows, chart=chart,
                  source_line=src, table=_table(ctx, rows))


def mirror(ctx: Ctx, q: Query) -> Answer:
    r, p = q.reporter, q.partner
    sid, x = pair_series(ctx, r, p, "export")
    _, mx = pair_series(ctx, r, p, "export", mirror=True)
    available = sorted(set(x) & set(mx))
    choice = resolve_years(q, available, ctx)
    if not choice.years:
        return no_year_answer(ctx, q, _dataset(ctx, sid), title(ctx, r, p, "total"), choice.missing, available)
    year = choice.years[0]
    lines = [t("mirror_title", ctx.lang, a=ctx.np(r), b=ctx.np(p), year=year_note(ctx, year, choice.defaulted))]
    results = []
    for a, b in ((r, p), (p, r)):
        own = [f for f in ctx.store.trade_value(a, b, year, "export") if f.source_id == sid]
        mir = [f for f in ctx.store.mirror_value(a, b, year, "export") if f.source_id == sid]
        if not own or not mir:
            continue
        gap = pct_change(own[0].value, mir[0].value)
        gap_text = (("+" if gap >= 0 else "\u2212") + ctx.pct(abs(gap))) if gap is not None else "n/a"
        head = title(ctx, a, b, "export")
        lines.append(f"\u2022 {head[:1].upper() + head[1:]}: {ctx.money(own[0].value)} ({ctx.name(a)}, FOB) vs "
                     f"{ctx.money(mir[0].value)} ({ctx.name(b)}, CIF); {t('gap', ctx.lang)} {gap_text}")
        results += [own[0], mir[0]]
    if not results:
        return _no_pair(ctx, q)
    lines.append(t("mirror_reasons", ctx.lang))
    src = source_line(ctx, results)
    q.years, q.flow = [year], "export"
    return Answer(status="ok", text="\n".join(lines + [src]), lang=ctx.lang, query=q, results=results, source_line=src,
                  table=_table(ctx, results))
