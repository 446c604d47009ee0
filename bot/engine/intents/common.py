"""Helpers every intent shares: names in the answer's language, the source line, year
resolution against what the store really has, and the "no data" answers."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.engine.answer import Answer
from bot.engine.phrases import flow_word, t
from bot.engine.query import Query
from bot.render.numbers import money, percent
from bot.store.figures import Figure
from bot.store.queries import Store


@dataclass
class Ctx:
    """What an intent needs: the store, the name display function, the language."""

    store: Store
    display: "callable"
    lang: str
    relative_years: int | None = None
    since: int | None = None
    # roles came from word order alone ("China US trade deficit"), and the word asked for:
    # a balance may then be read from the side that matches the word
    order_only: bool = False
    balance_word: str | None = None  # "surplus" | "deficit"
    wants_growth: bool = False  # "GDP growth", "population growth": a change over time
    # look-ups already made while answering this one question (a question about two partners
    # reads the same rankings twice); a Ctx lives for one question, so nothing goes stale
    memo: dict = field(default_factory=dict)

    def name(self, code: str | None) -> str:
        return self.display(code, self.lang) if code else ""

    def np(self, code: str | None) -> str:
        """The name as a noun phrase in a sentence: "the United States", "the Netherlands" (en)."""
        return with_article(self.name(code), self.lang)

    def money(self, v: float) -> str:
        return money(v, self.lang)

    def pct(self, v: float, decimals: int = 1) -> str:
        return percent(v, self.lang, decimals)


_REPORTED = {"en": ("reported by", "mirror"), "es": ("según", "espejo"), "ru": ("данные", "зеркальные данные")}

# The unit each figure is in, said in the source line of indicator data sets: one data set
# (World Bank GDP and population) carries figures in several units, so the line names the
# units of the figures shown, never the data set's first unit.
UNIT_LABELS = {
    "USD": {"en": "current US$", "es": "US$ corrientes", "ru": "долл. США в текущих ценах"},
    "persons": {"en": "people", "es": "personas", "ru": "человек"},
    "percent_of_gdp": {"en": "% of GDP", "es": "% del PIB", "ru": "% ВВП"},
    "TIV": {"en": "SIPRI trend-indicator value (TIV)", "es": "valor indicador de tendencia del SIPRI (TIV)",
            "ru": "показатель тренда SIPRI (TIV)"},
}
UNIT_LABELS["TIV_million"] = UNIT_LABELS["TIV"]
_VALUATION = {
    "exports FOB, imports CIF": {"es": "exportaciones FOB, importaciones CIF", "ru": "экспорт FOB, импорт CIF"},
    "exports as reported (FOB)": {"es": "exportaciones declaradas (FOB)", "ru": "экспорт по данным экспортёра (FOB)"},
    "trend-indicator value (TIV): volume of major arms, not financial value":
        {"es": "valor indicador de tendencia (TIV): volumen de armas principales, no valor financiero",
         "ru": "показатель тренда (TIV): объём основных вооружений, а не денежная стоимость"},
    "net FDI flows, as reported by the host": {"es": "flujos netos de IED, según el país receptor",
                                               "ru": "чистые потоки ПИИ по данным принимающей страны"},
}


def unit_label(unit: str, lang: str) -> str:
    labels = UNIT_LABELS.get(unit)
    return (labels.get(lang) or labels["en"]) if labels else unit


def _valuation(ctx: Ctx, src, figures: list[Figure]) -> str:
    """Trade data sets: their valuation (FOB/CIF). Indicator data sets: the units of the
    figures shown ("people" for population, "current US$" for GDP)."""
    if src.kind == "indicator":
        units = list(dict.fromkeys(f.unit for f in figures if f.source_id == src.id))
        return {"es": " y ", "ru": " и "}.get(ctx.lang, " and ").join(unit_label(u, ctx.lang) for u in units)
    if not src.valuation:
        return ""
    return _VALUATION.get(src.valuation, {}).get(ctx.lang, src.valuation)


def source_line(ctx: Ctx, figures: list[Figure], *, note: str = "") -> str:
    """One line naming dataset, vintage, who reported the figures (and the mirror side), valuation.

    "Source: IMF, Direction of Trade Statistics, January 2022 vintage; reported by Mexico
    (mirror: Russia); exports FOB, imports CIF"
    """
    by_source: dict[str, tuple[list[str], list[str]]] = {}
    for f in figures:
        own, mirror = by_source.setdefault(f.source_id, ([], []))
        who = f.reported_by if f.reported_by in ctx.store.countries else None
        if who:
            target = mirror if f.mirror else own
            if who not in target:
                target.append(who)
    reported, mirror_word = _REPORTED.get(ctx.lang, _REPORTED["en"])
    parts = []
    for sid, (own, mirror) in by_source.items():
        src = ctx.store.sources.get(sid)
        if src is None:
            continue
        line = f"{src.citation}, {src.version}"
        if own or mirror:
            who = ", ".join(ctx.name(c) for c in own)
            if mirror and who:
                who += f" ({mirror_word}: {', '.join(ctx.name(c) for c in mirror)})"
            elif mirror:  # only the partner's figures: "reported by China (mirror)"
                who = f"{', '.join(ctx.name(c) for c in mirror)} ({mirror_word})"
            line += f"; {reported} {who}" if ctx.lang != "ru" else f"; {reported}: {who}"
        valuation = _valuation(ctx, src, figures)
        if valuation:
            line += f"; {valuation}"
        parts.append(line)
    text = f"{t('source', ctx.lang)}: " + " | ".join(parts) if parts else ""
    return text + (f". {note}" if note else "")


def years_text(years: list[int]) -> str:
    """1960–2020, or a short list when the years are not consecutive (every 4th year)."""
    if not years:
        return "—"
    if years == list(range(years[0], years[-1] + 1)):
        return f"{years[0]}\u2013{years[-1]}"
    if len(years) <= 8:
        return ", ".join(map(str, years))
    return f"{years[0]}\u2013{years[-1]} ({len(years)} years)"


@dataclass
class YearChoice:
    years: list[int]
    defaulted: bool  # no year asked: the latest was taken (and the answer says so)
    missing: list[int]


def resolve_years(q: Query, available: list[int], ctx: Ctx, *, want_range: bool = False, default_span: int = 10) -> YearChoice:
    """Pick the years to answer for, from the years the store has.

    No year -> the latest (said explicitly). "last N years"/"since Y" count from the latest
    year in the store. A year not in the store is reported as missing, never replaced,
    unless the user asked for the latest.
    """
    if not available:
        return YearChoice([], False, list(q.years))
    latest = available[-1]
    if ctx.relative_years:
        return YearChoice([y for y in available if y > latest - ctx.relative_years], False, [])
    if ctx.since:
        return YearChoice([y for y in available if y >= ctx.since], False, [] if ctx.since <= latest else [ctx.since])
    if q.years:
        have = [y for y in q.years if y in available]
        missing = [y for y in q.years if y not in available]
        if q.year_range_given:
            return YearChoice(have, False, [] if have else missing)
        if missing and q.latest:
            return YearChoice([latest], True, [])
        return YearChoice(have, False, missing)
    if want_range:
        return YearChoice([y for y in available if y > latest - default_span], True, [])
    return YearChoice([latest], True, [])


_ES_COMMON_NOUNS = ("Exportaciones ", "Importaciones ", "Comercio ", "Balanza ", "Flujo ", "Transferencias ", "IED,")


def mid_sentence(ctx: Ctx, what: str) -> str:
    """A Spanish title used inside a sentence starts with a common noun: lower-case it
    ("no hay cifra para exportaciones de México"); names keep their capital."""
    if ctx.lang == "es" and what.startswith(_ES_COMMON_NOUNS[:-1]):
        return what[:1].lower() + what[1:]
    return what


def no_year_answer(ctx: Ctx, q: Query, dataset: str, what: str, missing: list[int], available: list[int]) -> Answer:
    what = mid_sentence(ctx, what)
    if not available or not missing:  # nothing to list: say plainly that there is no figure
        return Answer(status="no_data", text=t("no_data", ctx.lang, what=what), lang=ctx.lang, query=q)
    text = t("no_year", ctx.lang, dataset=dataset, what=what, year=", ".join(map(str, missing)),
             years=years_text(available))
    return Answer(status="no_data", text=text, lang=ctx.lang, query=q)


def pair_label(ctx: Ctx, reporter: str, partner: str | None, flow: str | None) -> str:
    if partner:
        return f"{ctx.name(reporter)} \u2192 {ctx.name(partner)}, {flow_word(flow, ctx.lang)}"
    return f"{ctx.name(reporter)}, {flow_word(flow, ctx.lang)}"


def latest_note(ctx: Ctx, defaulted: bool) -> str:
    return f" ({t('latest_note', ctx.lang)})" if defaulted else ""


def year_note(ctx: Ctx, year: int, defaulted: bool) -> str:
    """The year for use inside parentheses: "2020, latest year available" (no nested brackets)."""
    return f"{year}, {t('latest_note', ctx.lang)}" if defaulted else str(year)


def pct_change(a: float, b: float) -> float | None:
    return (b - a) / abs(a) * 100 if a else None


_TITLES = {
    "en": {"export": "{r}'s exports to {p}", "import": "{r}'s imports from {p}", "total": "{r}'s total trade with {p}",
           "balance": "{r}'s trade balance with {p}",
           "export_w": "{r}'s total exports", "import_w": "{r}'s total imports", "total_w": "{r}'s total trade",
           "balance_w": "{r}'s overall trade balance"},
    "es": {"export": "Exportaciones de {r} a {p}", "import": "Importaciones de {r} desde {p}", "total": "Comercio total de {r} con {p}",
           "balance": "Balanza comercial de {r} con {p}",
           "export_w": "Exportaciones totales de {r}", "import_w": "Importaciones totales de {r}", "total_w": "Comercio total de {r}",
           "balance_w": "Balanza comercial total de {r}"},
    "ru": {"export": "{r} \u2192 {p}: экспорт", "import": "{r} \u2190 {p}: импорт", "total": "{r} \u2194 {p}: товарооборот",
           "balance": "{r} \u2194 {p}: торговое сальдо",
           "export_w": "{r}: общий экспорт", "import_w": "{r}: общий импорт", "total_w": "{r}: общий товарооборот",
           "balance_w": "{r}: общее торговое сальдо"},
}


_THE_EXACT = {"netherlands", "philippines", "bahamas", "gambia", "maldives", "comoros", "seychelles", "united states",
              "united kingdom", "united arab emirates", "czech republic", "dominican republic", "central african republic",
              "european union", "euro area", "world", "middle east", "ussr", "soviet union", "holy see"}


def with_article(name: str, lang: str) -> str:
    """English puts "the" before some country names after a preposition ("exports to the United States")."""
    low = name.lower()
    if lang == "en" and (low in _THE_EXACT or low.endswith((" islands", " republic")) or low.startswith("united ")):
        return f"the {name}"
    return name


def title(ctx: Ctx, reporter: str, partner: str | None, flow: str | None, product: str | None = None) -> str:
    flow = flow or "total"
    world = partner in (None, "WLD")
    key = f"{flow}_w" if world else flow
    text = _TITLES.get(ctx.lang, _TITLES["en"])[key].format(r=ctx.np(reporter), p=ctx.np(partner))
    if product:
        p = ctx.store.products.get(product)
        text += f" \u2014 HS {product}" + (f" ({p.description})" if p else "")
    return text
