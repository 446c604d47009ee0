"""Rankings: a reporter's top partners, where one partner ranks, largest surpluses or
deficits, and top products (product-level data only)."""

from __future__ import annotations

from dataclasses import replace

from bot.engine.answer import Answer, ChartSpec
from bot.engine.intents.common import Ctx, latest_note, no_year_answer, resolve_years, source_line, title
from bot.engine.intents.trade import WORLD, _table, pair_series
from bot.engine.phrases import flow_word, ordinal, t
from bot.engine.query import Query
from bot.store.figures import Figure

DEFAULT_TOP, MAX_TOP = 5, 20


def _lower_es(ctx: Ctx, text: str) -> str:
    """Spanish titles start with a common noun ("Exportaciones de ..."): lower-case it mid-sentence."""
    return text[:1].lower() + text[1:] if ctx.lang == "es" else text


def _ranked(ctx: Ctx, reporter: str, year: int, flow: str) -> list[Figure]:
    """Every partner of a reporter in one year, largest first, from one source; totals and
    balances are computed per partner from exports and imports of that source. Kept for the
    rest of the question (``ctx.memo``): callers must not change the list."""
    key = ("ranked", reporter, year, flow)
    if key not in ctx.memo:
        ctx.memo[key] = _rank_partners(ctx, reporter, year, flow)
    return ctx.memo[key]


def _rank_partners(ctx: Ctx, reporter: str, year: int, flow: str) -> list[Figure]:
    store = ctx.store
    if flow in ("export", "import"):
        return store.partners_ranked(reporter, year, flow)
    xs = {f.partner: f for f in store.partners_ranked(reporter, year, "export")}
    ms = {f.partner: f for f in store.partners_ranked(reporter, year, "import")}
    sid = next(iter(xs.values())).source_id if xs else None
    out = []
    for p in set(xs) | set(ms):
        x, m = xs.get(p), ms.get(p)
        xv, mv = (x.value if x else 0.0), (m.value if m else 0.0)
        if (x and x.source_id != sid) or (m and m.source_id != sid):
            continue
        value = xv + mv if flow == "total" else xv - mv
        out.append(Figure(reporter, p, year, flow, value, "USD", sid, reported_by=reporter, extra={"exports": xv, "imports": mv}))
    return sorted(out, key=lambda f: f.value, reverse=True)


def first_and_place(ctx: Ctx, reporter: str, year: int, flow: str, partner: str) -> tuple[Figure | None, int | None]:
    """The first partner of ``reporter`` in ``year`` (as in ``_ranked``, positive values only)
    and ``partner``'s place among them; the store does the ranking when one source holds the
    flows (a rank history asks this for every year), else the full ranking is read."""
    store = ctx.store
    sid = store.best_source(reporter, year, "export" if flow == "total" else flow) if flow in FLOWS_RANKED else None
    if sid is not None and (flow != "total" or store.best_source(reporter, year, "import") == sid):
        top, place = store.first_and_place(reporter, year, flow, partner, sid)
        if top is None:
            return None, None
        p, x, m = top
        if flow == "total":
            return Figure(reporter, p, year, flow, x + m, "USD", sid, reported_by=reporter,
                          extra={"exports": x, "imports": m}), place
        return store.trade_value(reporter, p, year, flow, source=sid)[0], place
    ranked = [f for f in _ranked(ctx, reporter, year, flow) if f.value > 0]
    if not ranked:
        return None, None
    return ranked[0], next((i for i, f in enumerate(ranked, 1) if f.partner == partner), None)


FLOWS_RANKED = ("export", "import", "total")  # what the store can rank by itself


def _years(ctx: Ctx, reporter: str, flow: str) -> tuple[str | None, list[int]]:
    """Years in which the reporter's partners can be ranked: those of the best bilateral trade
    source that has the reporter (a source with world totals only, such as WDI, ranks nothing)."""
    flows = ("export", "import") if flow in ("total", "balance") else (flow,)
    for sid, src in ctx.store.sources.items():  # in priority order
        if src.kind not in ("trade", "product_trade"):
            continue
        years = sorted(set.intersection(*[set(ctx.store.trade_years(reporter, flow=f, source=sid)) for f in flows]))
        if years:
            return sid, years
    return None, []


def top_partners(ctx: Ctx, q: Query) -> Answer:
    flow = q.flow if q.flow in ("export", "import", "total") else "total"
    q.flow = flow
    sid, available = _years(ctx, q.reporter, flow)
    choice = resolve_years(q, available, ctx)
    if not choice.years:
        return no_year_answer(ctx, q, "IMF DOTS", title(ctx, q.reporter, None, flow), choice.missing, available)
    year = choice.years[-1]
    ranked = _ranked(ctx, q.reporter, year, flow)
    if not ranked:
        return no_year_answer(ctx, q, "IMF DOTS", title(ctx, q.reporter, None, flow), [year], available)
    if q.metric == "count":
        return _count_partners(ctx, q, ranked, year, flow, choice.defaulted)
    n = min(q.top_n or DEFAULT_TOP, MAX_TOP)
    top = ranked[:n]
    _, world = pair_series(ctx, q.reporter, WORLD, flow)
    total = world.get(year)
    head = t("top_title", ctx.lang, reporter=ctx.np(q.reporter), n=len(top), flow=flow_word(flow, ctx.lang),
             year=f"{year}{latest_note(ctx, choice.defaulted)}")
    lines = [head + ":"]
    same_source = bool(total and total.value and total.source_id == top[0].source_id)
    if same_source:  # each partner carries the total its share is computed against
        top = [replace(f, extra={**f.extra, "world_total": total.value, "share_pct": f.value / total.value * 100}) for f in top]
    for i, f in enumerate(top, 1):
        share = f" ({ctx.pct(f.extra['share_pct'])})" if same_source else ""
        lines.append(f"{i}. {ctx.name(f.partner)}: {ctx.money(f.value)}{share}")
    results = list(top) + ([total] if total else [])
    src = source_line(ctx, results)
    if same_source:
        lines.append(f"{'Shares of' if ctx.lang == 'en' else 'Cuotas sobre' if ctx.lang == 'es' else 'Доли от'} {ctx.money(total.value)} ({_lower_es(ctx, title(ctx, q.reporter, None, flow))}).")
    chart = ChartSpec(kind="bar", title=head, labels=[ctx.name(f.partner) for f in top], values=[f.value for f in top],
                      source_line=src, lang=ctx.lang)
    q.years, q.top_n = [year], n
    return Answer(status="ok", text="\n".join(lines + [src]), lang=ctx.lang, query=q, results=list(top), chart=chart,
                  source_line=src, table=_table(ctx, results))


def _count_partners(ctx: Ctx, q: Query, ranked: list[Figure], year: int, flow: str, defaulted: bool) -> Answer:
    """"How many countries does Mexico trade with?": partners with a non-zero figure."""
    nonzero = [f for f in ranked if f.value > 0]
    src = source_line(ctx, nonzero[:1])
    text = t("count_line", ctx.lang, reporter=ctx.np(q.reporter), n=len(nonzero), flow=flow_word(flow, ctx.lang),
             year=f"{year}{latest_note(ctx, defaulted)}")
    q.years = [year]
    return Answer(status="ok", text=f"{text}\n{src}", lang=ctx.lang, query=q, results=nonzero[:1], source_line=src,
                  table=_table(ctx, nonzero))


def _rank_history(ctx: Ctx, q: Query, flow: str, available: list[int]) -> Answer:
    """"When did China become Brazil's largest trading partner?": the partner's rank in every
    year of one source, and since when it has been first."""
    years = [y for y in available if not q.years or q.years[0] <= y <= q.years[-1]]
    firsts: dict[int, Figure] = {}
    pos_by_year: dict[int, int] = {}
    for y in reversed(years):  # newest first: a run of first places ending in the latest year stops the scan early
        first, pos = first_and_place(ctx, q.reporter, y, flow, q.partner)
        if first is None:
            continue
        firsts[y] = first
        if pos is not None:
            pos_by_year[y] = pos
        newest = max(firsts)
        if firsts[newest].partner == q.partner and first.partner != q.partner:
            break  # first since the year after this one; older years do not change the answer
    if not firsts:
        return no_year_answer(ctx, q, "IMF DOTS", title(ctx, q.reporter, q.partner, flow), q.years, available)
    last = max(firsts)
    top_years = sorted(y for y, f in firsts.items() if f.partner == q.partner)
    args = dict(partner=ctx.np(q.partner), reporter=ctx.np(q.reporter), flow=flow_word(flow, ctx.lang))
    results = []
    if top_years and top_years[-1] == last:
        start = last
        while start - 1 in firsts and firsts[start - 1].partner == q.partner:
            start -= 1
        before = firsts.get(start - 1)
        line = t("rank_since", ctx.lang, since=start, last=last, **args)
        results = [firsts[start], firsts[last]]
        if before is not None:
            line += " " + t("rank_before", ctx.lang, year=start - 1, other=ctx.np(before.partner))
            results.append(before)
    elif top_years:
        line = t("rank_was_first", ctx.lang, years=years_list(top_years), last=last, pos=ordinal(pos_by_year.get(last, 0), ctx.lang),
                 first=ctx.np(firsts[last].partner), **args)
        results = [firsts[top_years[-1]], firsts[last]]
    else:
        line = t("rank_never_first", ctx.lang, first_year=min(firsts), last=last, first=ctx.np(firsts[last].partner),
                 pos=ordinal(pos_by_year.get(last, 0), ctx.lang) if last in pos_by_year else "\u2014", **args)
        results = [firsts[last]]
    src = source_line(ctx, results)
    q.years = sorted(firsts)
    return Answer(status="ok", text=f"{line}\n{src}", lang=ctx.lang, query=q, results=results, source_line=src,
                  table=_table(ctx, results))


def years_list(years: list[int]) -> str:
    """Runs of years: "1995–1999, 2003"."""
    runs, start, prev = [], years[0], years[0]
    for y in years[1:] + [None]:
        if y is not None and y == prev + 1:
            prev = y
            continue
        runs.append(str(start) if start == prev else f"{start}\u2013{prev}")
        if y is not None:
            start = prev = y
    return ", ".join(runs)


def top_reporters(ctx: Ctx, q: Query) -> Answer:
    """"The world's biggest exporters": countries ranked by their total exports (or imports)
    in one year of one source: of the sources with world totals, the one that covers most
    countries in its latest well-covered year (one primary-key look-up per country and year)."""
    flow = q.flow if q.flow in ("export", "import") else "export"
    q.flow = flow
    store = ctx.store
    countries = [c for c, info in store.countries.items() if info.kind == "country"]
    last_years = {c["id"]: c["last_year"] for c in store.coverage() if c["last_year"]}

    def figures(sid: str, year: int) -> list[Figure]:
        out = []
        for c in countries:
            out += store.trade_value(c, WORLD, year, flow, source=sid)
        return out

    # sources with world totals at all: probed on a few large reporters, not on every country
    probe = [c for c in ("USA", "CHN", "DEU", "JPN", "FRA") if c in store.countries]
    candidates = []
    for sid, src in store.sources.items():
        if src.kind in ("trade", "indicator") and sid in last_years:
            held = set().union(*[set(store.trade_years(c, WORLD, flow, source=sid)) for c in probe]) if probe else set()
            if held:
                candidates.append((sid, max(held)))
    best: tuple[int, str, int, list[Figure]] | None = None
    for sid, last in candidates:
        years = [q.years[-1]] if q.years else [last - k for k in range(3)]
        for year in years:
            figs = figures(sid, year)
            if not figs:
                continue
            if best is None or len(figs) > len(best[3]) * 1.1 or (len(figs) >= len(best[3]) * 0.9 and year > best[2]):
                best = (len(figs), sid, year, figs)
            if not q.years and len(figs) >= 0.9 * len(countries) * 0.8:
                break  # the latest year is well covered: no need to look further back
    if best is None:
        if q.years:
            return no_year_answer(ctx, q, "IMF DOTS / World Bank WDI", flow_word(flow, ctx.lang), q.years[-1:], [])
        return Answer(status="no_data", text=t("no_data", ctx.lang, what=flow_word(flow, ctx.lang)), lang=ctx.lang, query=q)
    _, sid, year, figs = best
    defaulted = not q.years
    figs = sorted(figs, key=lambda f: f.value, reverse=True)
    top = figs[: min(q.top_n or DEFAULT_TOP, MAX_TOP)]
    head = t("top_reporters_title", ctx.lang, who=t("exporters" if flow == "export" else "importers", ctx.lang), n=len(top),
             year=f"{year}{latest_note(ctx, defaulted)}", countries=len(figs))
    lines = [head] + [f"{i}. {ctx.name(f.reporter)}: {ctx.money(f.value)}" for i, f in enumerate(top, 1)]
    src = source_line(ctx, top)
    chart = ChartSpec(kind="bar", title=head.rstrip(":"), labels=[ctx.name(f.reporter) for f in top], values=[f.value for f in top],
                      source_line=src, lang=ctx.lang)
    q.years, q.top_n, q.reporter = [year], len(top), None
    return Answer(status="ok", text="\n".join(lines + [src]), lang=ctx.lang, query=q, results=top, chart=chart,
                  source_line=src, table=_table(ctx, top))


def partner_rank(ctx: Ctx, q: Query) -> Answer:
    flow = q.flow if q.flow in ("export", "import", "total") else "total"
    q.flow = flow
    sid, available = _years(ctx, q.reporter, flow)
    if q.metric == "since":
        return _rank_history(ctx, q, flow, available)
    choice = resolve_years(q, available, ctx)
    if not choice.years:
        return no_year_answer(ctx, q, "IMF DOTS", title(ctx, q.reporter, q.partner, flow), choice.missing, available)
    year = choice.years[-1]
    ranked = [f for f in _ranked(ctx, q.reporter, year, flow) if f.value > 0]
    pos = next((i for i, f in enumerate(ranked, 1) if f.partner == q.partner), None)
    if pos is None:
        return Answer(status="no_data", text=t("no_data", ctx.lang, what=f"{title(ctx, q.reporter, q.partner, flow)}, {year}"),
                      lang=ctx.lang, query=q)
    # the figure carries its place, so faces (the fact-check) read the rank, not the text
    f = replace(ranked[pos - 1], extra={**ranked[pos - 1].extra, "rank": pos, "ranked_partners": len(ranked)})
    # the share is of the reporter's world total from the same source (as in top_partners);
    # without one, of the sum over the ranked partners, and the line says so
    _, world = pair_series(ctx, q.reporter, WORLD, flow)
    w = world.get(year)
    results = [f]
    if w is not None and w.source_id == f.source_id and w.value:
        share, of_what = f.value / w.value * 100, t("of_world_total", ctx.lang)
        results.append(w)
    else:
        share, of_what = f.value / sum(r.value for r in ranked) * 100, t("of_partner_sum", ctx.lang)
    line = t("rank_line", ctx.lang, partner=ctx.np(q.partner), rank=ordinal(pos, ctx.lang), total=len(ranked),
             reporter=ctx.np(q.reporter), flow=flow_word(flow, ctx.lang), year=f"{year}{latest_note(ctx, choice.defaulted)}",
             value=ctx.money(f.value), share=ctx.pct(share, 2 if share < 1 else 1), of_what=of_what)
    src = source_line(ctx, results)
    q.years = [year]
    return Answer(status="ok", text=f"{line}\n{src}", lang=ctx.lang, query=q, results=results, source_line=src,
                  table=_table(ctx, results))


def largest_balance(ctx: Ctx, q: Query) -> Answer:
    sid, available = _years(ctx, q.reporter, "balance")
    choice = resolve_years(q, available, ctx)
    if not choice.years:
        return no_year_answer(ctx, q, "IMF DOTS", title(ctx, q.reporter, None, "balance"), choice.missing, available)
    year = choice.years[-1]
    ranked = _ranked(ctx, q.reporter, year, "balance")
    deficit = q.metric == "deficit"
    ranked = sorted([f for f in ranked if (f.value < 0) == deficit], key=lambda f: abs(f.value), reverse=True)
    top = ranked[: min(q.top_n or DEFAULT_TOP, MAX_TOP)]
    if not top:
        return Answer(status="no_data", text=t("no_data", ctx.lang, what=title(ctx, q.reporter, None, "balance")), lang=ctx.lang, query=q)
    kinds = t("deficits" if deficit else "surpluses", ctx.lang)
    lines = [t("largest_line", ctx.lang, reporter=ctx.np(q.reporter), kinds=kinds, year=f"{year}{latest_note(ctx, choice.defaulted)}")]
    lines += [f"{i}. {ctx.name(f.partner)}: {ctx.money(abs(f.value))}" for i, f in enumerate(top, 1)]
    src = source_line(ctx, top)
    chart = ChartSpec(kind="bar", title=lines[0].rstrip(":"), labels=[ctx.name(f.partner) for f in top],
                      values=[abs(f.value) for f in top], source_line=src, lang=ctx.lang)
    q.years, q.flow = [year], "balance"
    return Answer(status="ok", text="\n".join(lines + [src]), lang=ctx.lang, query=q, results=top, chart=chart,
                  source_line=src, table=_table(ctx, top))


def products(ctx: Ctx, q: Query) -> Answer:
    """Top products of a pair, or one product's value: needs product-level data (BACI/Comtrade)."""
    flow = q.flow if q.flow in ("export", "import") else "export"
    q.flow = flow
    year = q.years[-1] if q.years else None
    what = _lower_es(ctx, title(ctx, q.reporter, q.partner, flow, q.product)) + (f", {year}" if year else "")
    if not ctx.store.has_product_data(q.reporter):
        return _no_products(ctx, q, what, flow)
    if q.product:
        from bot.engine.intents.trade import value as value_intent

        if q.partner:
            return value_intent(ctx, q)
    if not q.partner:
        return Answer(status="not_understood", text=t("need_partner", ctx.lang, reporter=ctx.name(q.reporter)), lang=ctx.lang, query=q)
    product_years = ctx.store.product_years(q.reporter, q.partner, flow)
    choice = resolve_years(q, product_years, ctx)
    if not choice.years:
        return Answer(status="no_data", text=t("no_products", ctx.lang, what=what), lang=ctx.lang, query=q)
    year = choice.years[-1]
    top = ctx.store.products_ranked(q.reporter, q.partner, year, flow, limit=min(q.top_n or 10, MAX_TOP))
    if not top:
        return Answer(status="no_data", text=t("no_products", ctx.lang, what=what), lang=ctx.lang, query=q)
    sid = top[0].source_id
    top = [f for f in top if f.source_id == sid]
    head = f"{title(ctx, q.reporter, q.partner, flow)}, {year}{latest_note(ctx, choice.defaulted)}:"
    lines = [head]
    for i, f in enumerate(top, 1):
        p = ctx.store.products.get(f.product)
        lines.append(f"{i}. HS {f.product} {p.description if p else ''}: {ctx.money(f.value)}")
    src = source_line(ctx, top)
    chart = ChartSpec(kind="bar", title=head.rstrip(":"), labels=[f"HS {f.product}" for f in top], values=[f.value for f in top],
                      source_line=src, lang=ctx.lang)
    q.years = [year]
    return Answer(status="ok", text="\n".join(lines + [src]), lang=ctx.lang, query=q, results=top, chart=chart,
                  source_line=src, table=_table(ctx, top))


def _no_products(ctx: Ctx, q: Query, what: str, flow: str) -> Answer:
    """No product-level data: say so, name the import command, and give the pair's total
    flow (all goods) for the year asked, which the store does have."""
    text = t("no_products", ctx.lang, what=what)
    if not q.partner:
        return Answer(status="no_data", text=text, lang=ctx.lang, query=q)
    sid, by_year = pair_series(ctx, q.reporter, q.partner, flow)
    year = q.years[-1] if q.years else (max(by_year) if by_year else None)
    f = by_year.get(year) if year is not None else None
    if f is None:
        return Answer(status="no_data", text=text, lang=ctx.lang, query=q)
    src = source_line(ctx, [f])
    text += "\n" + t("pair_instead", ctx.lang, what=_lower_es(ctx, title(ctx, q.reporter, q.partner, flow)) + f" ({t('all_goods', ctx.lang)})",
                     year=f.year, value=ctx.money(f.value)) + "\n" + src
    return Answer(status="no_data", text=text, lang=ctx.lang, query=q, results=[f], source_line=src, table=_table(ctx, [f]))
