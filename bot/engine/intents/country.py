"""Country-level intents: FDI (country and bilateral), context (GDP, population, GDP per
capita, ratios between two countries) and SIPRI arms transfers."""

from __future__ import annotations

from dataclasses import replace

from bot.engine.answer import Answer, ChartSpec
from bot.engine.intents.common import Ctx, latest_note, no_year_answer, resolve_years, source_line
from bot.engine.phrases import t
from bot.engine.query import Query
from bot.render.numbers import number
from bot.render.sparkline import sparkline
from bot.store.figures import Figure

FDI_USD = {"fdi_inflow": "BX.KLT.DINV.CD.WD", "fdi_outflow": "BM.KLT.DINV.CD.WD"}
FDI_PCT = {"fdi_inflow": "BX.KLT.DINV.WD.GD.ZS", "fdi_outflow": "BM.KLT.DINV.WD.GD.ZS"}
GDP, POP = "NY.GDP.MKTP.CD", "SP.POP.TOTL"


def _table(figs: list[Figure]) -> list[dict]:
    return [{"country": f.reporter, "partner": f.partner, "indicator": f.indicator, "year": f.year, "value": f.value,
             "unit": f.unit, "source": f.source_id} for f in figs]


def _fmt(ctx: Ctx, f: Figure) -> str:
    if f.unit == "USD":
        return ctx.money(f.value)
    if f.unit == "percent_of_gdp":
        return ctx.pct(f.value, 2) + (" of GDP" if ctx.lang == "en" else " del PIB" if ctx.lang == "es" else " ВВП")
    if f.unit in ("TIV_million", "TIV"):  # country totals come in TIV units, pair figures in millions: show both as millions
        millions = f.value if f.unit == "TIV_million" else f.value / 1e6
        word = {"en": "millions", "es": "millones", "ru": "млн"}.get(ctx.lang, "millions")
        return f"{number(millions, ctx.lang)} TIV ({word})"
    if f.unit == "persons":
        n = number(f.value, ctx.lang)
        if ctx.lang == "es":
            return n + (" de personas" if n.endswith(("millones", "millón", "mil millones")) else " personas")
        return n + {"en": " people", "ru": " человек"}.get(ctx.lang, "")
    return number(f.value, ctx.lang)


def _by_year(figs: list[Figure]) -> dict[int, Figure]:
    if not figs:
        return {}
    sid = figs[0].source_id
    return {f.year: f for f in figs if f.source_id == sid}


def _fdi_compare(ctx: Ctx, q: Query) -> Answer:
    """The same FDI figure (net inflows or outflows) for several countries, one year."""
    metric = q.metric if q.metric in FDI_USD else "fdi_inflow"
    series = {c: _by_year(ctx.store.indicator(c, FDI_USD[metric])) for c in q.reporters[:4]}
    sets = [set(s) for s in series.values() if s]
    if not sets:
        return Answer("no_data", t("no_data", ctx.lang, what=t("fdi_in" if metric == "fdi_inflow" else "fdi_out", ctx.lang)), ctx.lang, q)
    shared = sorted(set.intersection(*sets)) if len(sets) == len(series) else []
    if q.years:
        year, defaulted = q.years[-1], False
    elif shared:
        year, defaulted = shared[-1], True
    else:
        return no_year_answer(ctx, q, "World Bank WDI", t("fdi_in", ctx.lang), [], [])
    label = t("fdi_in" if metric == "fdi_inflow" else "fdi_out", ctx.lang)
    lines = [f"{label}, {year}{latest_note(ctx, defaulted)}:"]
    rows = []
    for c, s in series.items():
        f = s.get(year)
        if f is None:
            lines.append(f"\u2022 {ctx.name(c)}: " + t("no_data", ctx.lang, what=str(year)))
            continue
        rows.append(f)
        lines.append(f"\u2022 {ctx.name(c)}: {ctx.money(f.value)}")
    if not rows:
        return no_year_answer(ctx, q, "World Bank WDI", label, [year], sorted(set.union(*sets)))
    src = source_line(ctx, rows)
    chart = ChartSpec("bar", f"{label}, {year}", [ctx.name(f.reporter) for f in rows], [f.value for f in rows],
                      source_line=src, lang=ctx.lang)
    q.years, q.metric = [year], metric
    return Answer("ok", "\n".join(lines + [src]), ctx.lang, q, rows, chart=chart, source_line=src, table=_table(rows))


def fdi(ctx: Ctx, q: Query) -> Answer:
    if len(q.reporters) >= 2 and not q.partner:
        return _fdi_compare(ctx, q)
    if q.partner and q.reporter:
        return _fdi_bilateral(ctx, q)
    metric = q.metric if q.metric in FDI_USD else "fdi_inflow"
    q.metric = metric
    usd = _by_year(ctx.store.indicator(q.reporter, FDI_USD[metric]))
    if not usd:
        return Answer(status="no_data", text=t("no_data", ctx.lang, what=f"{t('fdi_in' if metric == 'fdi_inflow' else 'fdi_out', ctx.lang)}, {ctx.name(q.reporter)}"),
                      lang=ctx.lang, query=q)
    label = f"{t('fdi_in' if metric == 'fdi_inflow' else 'fdi_out', ctx.lang)}, {ctx.name(q.reporter)}"
    if q.year_range_given or ctx.relative_years or ctx.since or len(q.years) > 2:
        choice = resolve_years(q, sorted(usd), ctx, want_range=True)
        figs = [usd[y] for y in choice.years]
        if not figs:
            return no_year_answer(ctx, q, "World Bank WDI", label, choice.missing, sorted(usd))
        src = source_line(ctx, figs)
        text = f"{label}, {figs[0].year}\u2013{figs[-1].year}: {sparkline([f.value for f in figs])}\n" + \
               f"{figs[0].year}: {ctx.money(figs[0].value)} \u2192 {figs[-1].year}: {ctx.money(figs[-1].value)}\n{src}"
        chart = ChartSpec("line", label, [str(f.year) for f in figs], [f.value for f in figs], source_line=src, lang=ctx.lang)
        q.years = [f.year for f in figs]
        return Answer("ok", text, ctx.lang, q, figs, chart=chart, source_line=src, table=_table(figs))
    choice = resolve_years(q, sorted(usd), ctx)
    if choice.missing:
        return no_year_answer(ctx, q, "World Bank WDI", label, choice.missing, sorted(usd))
    year = choice.years[0]
    f = usd[year]
    results = [f]
    line = f"{label}, {year}{latest_note(ctx, choice.defaulted)}: {ctx.money(f.value)}"
    pct = [p for p in ctx.store.indicator(q.reporter, FDI_PCT[metric], year, year)]
    if pct:
        line += f" ({_fmt(ctx, pct[0])})"
        results.append(pct[0])
    src = source_line(ctx, results)
    q.years = [year]
    return Answer("ok", f"{line}.\n{src}", ctx.lang, q, results, source_line=src, table=_table(results))


def _fdi_bilateral(ctx: Ctx, q: Query) -> Answer:
    host, investor = q.reporter, q.partner
    figs = ctx.store.fdi_bilateral(host, investor)
    if not figs:
        hosts, investors, first, last = ctx.store.fdi_bilateral_coverage()
        text = t("no_fdi_pair", ctx.lang, investor=ctx.np(investor), host=ctx.np(host), hosts=hosts, investors=investors,
                 first=first, last=last)
        # what the store does have: the host's FDI inflows from all countries, for the year asked (or latest)
        inflows = _by_year(ctx.store.indicator(host, FDI_USD["fdi_inflow"]))
        year = q.years[-1] if q.years and q.years[-1] in inflows else (max(inflows) if inflows and not q.years else None)
        if year is not None:
            f = inflows[year]
            src = source_line(ctx, [f])
            text += "\n" + t("fdi_instead", ctx.lang, host=ctx.name(host), year=year, value=ctx.money(f.value)) + "\n" + src
            return Answer("no_data", text, ctx.lang, q, [f], source_line=src, table=_table([f]))
        return Answer("no_data", text, ctx.lang, q)
    by_year = {f.year: f for f in figs}
    label = t("fdi_bilateral", ctx.lang, investor=ctx.np(investor), host=ctx.np(host))
    choice = resolve_years(q, sorted(by_year), ctx, want_range=bool(q.year_range_given or ctx.relative_years or ctx.since))
    if not choice.years:
        return no_year_answer(ctx, q, "UNCTAD", label, choice.missing, sorted(by_year))
    chosen = [by_year[y] for y in choice.years]
    src = source_line(ctx, chosen)
    if len(chosen) == 1:
        f = chosen[0]
        text = f"{label}, {f.year}{latest_note(ctx, choice.defaulted)}: {ctx.money(f.value)}.\n{src}"
        q.years = [f.year]
        return Answer("ok", text, ctx.lang, q, chosen, source_line=src, table=_table(chosen))
    text = f"{label}, {chosen[0].year}\u2013{chosen[-1].year}: {sparkline([f.value for f in chosen])}\n" + \
           "; ".join(f"{f.year}: {ctx.money(f.value)}" for f in chosen[-5:]) + f"\n{src}"
    q.years = [f.year for f in chosen]
    return Answer("ok", text, ctx.lang, q, chosen, source_line=src, table=_table(chosen))


def _metric_series(ctx: Ctx, code: str, metric: str) -> tuple[dict[int, Figure], dict[int, Figure], list[int]]:
    """GDP and population figures of one country and the years the metric can be given for."""
    gdp = _by_year(ctx.store.indicator(code, GDP))
    pop = _by_year(ctx.store.indicator(code, POP))
    if metric == "gdp_per_capita":
        available = sorted(set(gdp) & set(pop))
    else:
        available = sorted(gdp if metric == "gdp" else pop)
    return gdp, pop, available


def _metric_value(metric: str, gdp: dict[int, Figure], pop: dict[int, Figure], y: int) -> float:
    if metric == "gdp_per_capita":
        return gdp[y].value / pop[y].value
    return (gdp if metric == "gdp" else pop)[y].value


def _context_over_time(ctx: Ctx, q: Query, metric: str) -> Answer:
    """"Mexico GDP per capita 2010-2020", "population growth India 2010-2020": each country
    from the first to the last year asked, with the change (and average annual growth)."""
    lines, results = [], []
    label = t(metric, ctx.lang)
    chart = None
    for code in (q.reporters or [q.reporter])[:4]:
        gdp, pop, available = _metric_series(ctx, code, metric)
        choice = resolve_years(q, available, ctx, want_range=True)
        years = choice.years
        if ctx.wants_growth and len(q.years) == 1 and q.years[0] in available:  # "GDP growth in 2020": from the year before
            years = [y for y in available if y <= q.years[0]][-2:]
        if len(years) < 2:
            missing = choice.missing or q.years
            lines.append(no_year_answer(ctx, q, "World Bank WDI", f"{label}, {ctx.name(code)}", missing, available).text)
            continue
        values = {y: _metric_value(metric, gdp, pop, y) for y in years}
        y0, y1 = years[0], years[-1]
        fmt = (lambda v: ctx.money(v)) if metric != "population" else (lambda v: number(v, ctx.lang))
        change = values[y1] - values[y0]
        pct = (change / values[y0] * 100) if values[y0] else None
        head = f"{ctx.name(code)}, {label}, {y0}\u2013{y1}: {sparkline([values[y] for y in years])}" if not ctx.wants_growth \
            else f"{ctx.name(code)}, {label}"
        lines.append(head)
        sign = lambda v: "+" if v >= 0 else "\u2212"  # noqa: E731
        pct_text = f"{sign(pct)}{ctx.pct(abs(pct))}, " if pct is not None else ""
        line = f"{y0}: {fmt(values[y0])} \u2192 {y1}: {fmt(values[y1])} ({pct_text}{sign(change)}{fmt(abs(change))})"
        if y1 - y0 > 1 and values[y0] > 0 and values[y1] > 0:
            cagr = ((values[y1] / values[y0]) ** (1 / (y1 - y0)) - 1) * 100
            line += "; " + t("cagr", ctx.lang, cagr=("+" if cagr >= 0 else "\u2212") + ctx.pct(abs(cagr)))
        if metric == "gdp_per_capita":
            line += f" ({t('computed_pc', ctx.lang)})"
        lines.append(line + ".")
        shown = years if not ctx.wants_growth else [y0, y1]
        for y in shown:
            if metric == "gdp_per_capita":  # the computed ratio travels with the GDP figure it comes from
                results += [replace(gdp[y], extra={**gdp[y].extra, "gdp_per_capita": values[y]}), pop[y]]
            else:
                results.append((gdp if metric == "gdp" else pop)[y])
        if chart is None and not ctx.wants_growth:
            chart = ChartSpec("line", f"{ctx.name(code)}, {label}", [str(y) for y in years], [values[y] for y in years],
                              unit="USD" if metric != "population" else "persons", lang=ctx.lang)
        q.years = shown
    if not results:
        return Answer("no_data", "\n".join(lines), ctx.lang, q)
    if metric != "population":
        lines.append(t("nominal_note", ctx.lang))
    src = source_line(ctx, results)
    if chart is not None:
        chart.source_line = src
    return Answer("ok", "\n".join(lines + [src]), ctx.lang, q, results, chart=chart, source_line=src, table=_table(results))


def context(ctx: Ctx, q: Query) -> Answer:
    codes = q.reporters or [q.reporter]
    metric = q.metric or "gdp"
    if q.year_range_given or ctx.relative_years or ctx.since or len(q.years) > 2 or ctx.wants_growth:
        return _context_over_time(ctx, q, metric)
    lines, results = [], []
    per_country: dict[str, float] = {}
    year_used = None
    common = None
    if len(codes) >= 2 and not q.years:  # a comparison is made for one year: the latest all of them have
        sets = [set(_metric_series(ctx, c, metric)[2]) for c in codes[:4]]
        shared = set.intersection(*sets) if all(sets) else set()
        common = max(shared) if shared else None
    for code in codes[:4]:
        gdp, pop, available = _metric_series(ctx, code, metric)
        if common is not None:
            choice = resolve_years(q, [y for y in available if y <= common], ctx)
        else:
            choice = resolve_years(q, available, ctx)
        if not choice.years:
            what = f"{t(metric, ctx.lang)}, {ctx.name(code)}"
            missing_text = no_year_answer(ctx, q, "World Bank WDI", what, choice.missing or q.years, available).text
            lines.append(missing_text)
            continue
        y = choice.years[0]
        year_used = y
        note = latest_note(ctx, choice.defaulted)
        if metric == "gdp_per_capita":
            g, p = gdp[y], pop[y]
            per = g.value / p.value
            per_country[code] = per
            lines.append(f"{ctx.name(code)}, {t('gdp_per_capita', ctx.lang)}, {y}{note}: {ctx.money(per)} "
                         f"({t('gdp', ctx.lang)} {ctx.money(g.value)} / {number(p.value, ctx.lang)}; {t('computed', ctx.lang)}).")
            results += [g, p]
        else:
            f = (gdp if metric == "gdp" else pop)[y]
            per_country[code] = f.value
            lines.append(f"{ctx.name(code)}, {t(metric, ctx.lang)}, {y}{note}: {_fmt(ctx, f)}.")
            results.append(f)
    if not results:
        return Answer("no_data", "\n".join(lines), ctx.lang, q)
    lines = [line for line in lines if line]
    if len(per_country) >= 2:
        (a, va), (b, vb) = sorted(per_country.items(), key=lambda kv: kv[1], reverse=True)[:2]
        if vb:
            ratio = va / vb
            # "Hungary is 1.0 times Poland" reads as a slip: two figures this close are said to be so
            said = t("about_same", ctx.lang, a=ctx.np(a), b=ctx.np(b)) if ratio < 1.01 else \
                t("times", ctx.lang, a=ctx.np(a), ratio=number(ratio, ctx.lang, 2) if ratio < 100 else number(ratio, ctx.lang), b=ctx.np(b))
            lines.append(said + f" ({t(metric, ctx.lang)}; {t('computed', ctx.lang)}).")
    src = source_line(ctx, results)
    q.years = [year_used] if year_used else []
    chart = None
    if len(per_country) >= 2:
        chart = ChartSpec("bar", t(metric, ctx.lang), [ctx.name(c) for c in per_country], list(per_country.values()),
                          unit="USD" if metric != "population" else "persons", source_line=src, lang=ctx.lang)
    return Answer("ok", "\n".join(lines + [src]), ctx.lang, q, results, chart=chart, source_line=src, table=_table(results))


_ARMS_TOP = {
    "top_suppliers": {"en": "Largest arms suppliers to {c}, {span}", "es": "Mayores proveedores de armas de {c}, {span}",
                      "ru": "Крупнейшие поставщики вооружений ({c}), {span}"},
    "top_recipients": {"en": "Largest recipients of arms from {c}, {span}", "es": "Mayores receptores de armas de {c}, {span}",
                       "ru": "Крупнейшие получатели вооружений ({c}), {span}"},
}
ARMS_WINDOW = 10  # "who supplies arms to India?": the last ten order years SIPRI has, summed


def _arms_ranking(ctx: Ctx, q: Query) -> Answer:
    """"Who sells weapons to Saudi Arabia?", "Who buys Russian arms?": SIPRI pair figures of
    every supplier (or recipient), summed over the years asked (default: the last ten)."""
    country, suppliers = q.reporter, q.metric == "top_suppliers"
    others = [c for c, info in ctx.store.countries.items() if c != country and info.kind != "group"]
    pairs = {o: (ctx.store.arms(o, country) if suppliers else ctx.store.arms(country, o)) for o in others}
    pairs = {o: figs for o, figs in pairs.items() if figs}
    if not pairs:
        what = t("arms_line", ctx.lang, supplier="\u2026" if suppliers else ctx.name(country),
                 recipient=ctx.name(country) if suppliers else "\u2026")
        return Answer("no_data", t("no_data", ctx.lang, what=what), ctx.lang, q)
    last = max(f.year for figs in pairs.values() for f in figs)
    if q.years:
        lo, hi = q.years[0], q.years[-1]
    else:
        lo = ctx.since or (last - (ctx.relative_years or ARMS_WINDOW) + 1)
        hi = last
    totals = []
    for o, figs in pairs.items():
        chosen = [f for f in figs if lo <= f.year <= hi]
        if chosen:
            totals.append((sum(f.value for f in chosen), o, chosen))
    if not totals:
        return no_year_answer(ctx, q, "SIPRI", ctx.name(country), [lo] if lo == hi else list(range(lo, hi + 1)),
                              sorted({f.year for figs in pairs.values() for f in figs}))
    totals.sort(key=lambda x: -x[0])
    top = totals[: min(q.top_n or 5, 20)]
    span = str(lo) if lo == hi else f"{lo}\u2013{hi}"
    word = {"en": "millions", "es": "millones", "ru": "млн"}.get(ctx.lang, "millions")
    lines = [_ARMS_TOP[q.metric][ctx.lang if ctx.lang in ("en", "es", "ru") else "en"].format(c=ctx.np(country), span=span)
             + f" (TIV, {word}):"]
    lines += [f"{i}. {ctx.name(o)}: {number(v, ctx.lang)}" for i, (v, o, _) in enumerate(top, 1)]
    lines.append(t("arms_caveat", ctx.lang))
    figs = [f for _, _, chosen in top for f in chosen]
    src = source_line(ctx, figs)
    q.years = list(range(lo, hi + 1))
    return Answer("ok", "\n".join(lines + [src]), ctx.lang, q, figs, source_line=src, table=_table(figs))


def _arms_total_series(ctx: Ctx, q: Query, figs: dict[int, Figure], label: str) -> Answer:
    """A country's arms exports or imports over years (SIPRI TIV, in millions)."""
    choice = resolve_years(q, sorted(figs), ctx, want_range=True)
    chosen = [figs[y] for y in choice.years]
    if not chosen:
        return no_year_answer(ctx, q, "SIPRI", label, choice.missing or q.years, sorted(figs))
    peak = max(chosen, key=lambda f: f.value)
    src = source_line(ctx, chosen)
    text = (f"{label}, {chosen[0].year}\u2013{chosen[-1].year}: {sparkline([f.value for f in chosen])}\n"
            f"{chosen[0].year}: {_fmt(ctx, chosen[0])} \u2192 {chosen[-1].year}: {_fmt(ctx, chosen[-1])}; "
            f"{t('peak', ctx.lang)} {_fmt(ctx, peak)} ({peak.year}).\n{t('arms_caveat_total', ctx.lang)}\n{src}")
    chart = ChartSpec("line", label, [str(f.year) for f in chosen], [f.value / 1e6 if f.unit == "TIV" else f.value for f in chosen],
                      unit="TIV", source_line=src, lang=ctx.lang)
    q.years = [f.year for f in chosen]
    return Answer("ok", text, ctx.lang, q, chosen, chart=chart, source_line=src, table=_table(chosen))


def arms(ctx: Ctx, q: Query) -> Answer:
    supplier, recipient = q.reporter, q.partner
    if not recipient and q.metric in _ARMS_TOP:
        return _arms_ranking(ctx, q)
    if not recipient:
        ind = "SIPRI.TIV.IMPORTS" if q.flow == "import" else "SIPRI.TIV.EXPORTS"
        figs = _by_year(ctx.store.indicator(supplier, ind))
        label = ("Arms imports" if ind.endswith("IMPORTS") else "Arms exports") if ctx.lang == "en" else \
                ("Importaciones de armas" if ind.endswith("IMPORTS") else "Exportaciones de armas") if ctx.lang == "es" else \
                ("Импорт вооружений" if ind.endswith("IMPORTS") else "Экспорт вооружений")
        label = f"{label}, {ctx.name(supplier)}"
        if not figs:
            return Answer("no_data", t("no_data", ctx.lang, what=label), ctx.lang, q)
        if q.year_range_given or ctx.relative_years or ctx.since or len(q.years) > 2:
            return _arms_total_series(ctx, q, figs, label)
        choice = resolve_years(q, sorted(figs), ctx)
        if not choice.years:
            return no_year_answer(ctx, q, "SIPRI", label, choice.missing, sorted(figs))
        f = figs[choice.years[-1]]
        src = source_line(ctx, [f])
        text = f"{label}, {f.year}{latest_note(ctx, choice.defaulted)}: {_fmt(ctx, f)}.\n{t('arms_caveat_total', ctx.lang)}\n{src}"
        q.years = [f.year]
        return Answer("ok", text, ctx.lang, q, [f], source_line=src, table=_table([f]))
    figs = ctx.store.arms(supplier, recipient)
    if not figs:
        return Answer("no_data", t("no_arms", ctx.lang, supplier=ctx.name(supplier), recipient=ctx.name(recipient)), ctx.lang, q)
    by_year = {f.year: f for f in figs}
    if q.years and not q.year_range_given:
        chosen = [by_year[y] for y in q.years if y in by_year]
        if not chosen:
            return no_year_answer(ctx, q, "SIPRI", t("arms_line", ctx.lang, supplier=ctx.name(supplier), recipient=ctx.name(recipient)),
                                  q.years, sorted(by_year))
    else:
        # the default window ends at the data set's last year (not the pair's), so "the last
        # ten years" means the same as in the supplier/recipient rankings
        last = max([c["last_year"] for c in ctx.store.coverage() if c["id"] == figs[-1].source_id and c["last_year"]]
                   or [max(by_year)])
        lo = q.years[0] if q.years else (ctx.since or (last - (ctx.relative_years or ARMS_WINDOW) + 1))
        hi = q.years[-1] if q.years else last
        chosen = [f for f in figs if lo <= f.year <= hi]
        if not chosen:
            return no_year_answer(ctx, q, "SIPRI", t("arms_line", ctx.lang, supplier=ctx.name(supplier), recipient=ctx.name(recipient)),
                                  [lo] if lo == hi else list(range(lo, hi + 1)), sorted(by_year))
    label = t("arms_line", ctx.lang, supplier=ctx.name(supplier), recipient=ctx.name(recipient))
    total = sum(f.value for f in chosen)
    if q.years and not q.year_range_given:
        years_span = f"{chosen[0].year}\u2013{chosen[-1].year}" if len(chosen) > 1 else str(chosen[0].year)
    else:  # the window asked for (orders are not placed every year: the years listed are those with orders)
        years_span = f"{lo}\u2013{hi}" if lo != hi else str(lo)
    lines = [f"{label}, {years_span}: {number(total, ctx.lang)} TIV (millions)" if ctx.lang == "en" else
             f"{label}, {years_span}: {number(total, ctx.lang)} TIV (millones)" if ctx.lang == "es" else
             f"{label}, {years_span}: {number(total, ctx.lang)} TIV (млн)"]
    shown = chosen if len(chosen) <= 12 else chosen[-12:]
    lines.append(("\u2026 " if len(shown) < len(chosen) else "") + "; ".join(f"{f.year}: {number(f.value, ctx.lang)}" for f in shown))
    lines.append(t("arms_caveat", ctx.lang))
    src = source_line(ctx, chosen)
    q.years = [f.year for f in chosen]
    return Answer("ok", "\n".join(lines + [src]), ctx.lang, q, chosen, source_line=src, table=_table(chosen))
