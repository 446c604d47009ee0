"""The engine: question text -> Query (parse) -> store look-ups (intents) -> Answer.

Faces call ``Engine.ask``; it never raises for any input: every question gets an Answer
with a known status. Telegram-free and SQL-free.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace as dc_replace
from functools import cached_property

from bot.engine import parse as parser
from bot.engine.answer import Answer, Choice
from bot.engine.context import Context
from bot.engine.intents import country, rankings, trade
from bot.engine.intents.common import Ctx, source_line
from bot.engine.phrases import t
from bot.engine.query import Query
from bot.store.queries import Store

log = logging.getLogger(__name__)

HANDLERS = {
    "value": trade.value, "series": trade.series, "world_total": trade.world_total, "growth": trade.growth,
    "balance": trade.balance, "share": trade.share, "compare": trade.compare, "mirror": trade.mirror,
    "top_partners": rankings.top_partners, "partner_rank": rankings.partner_rank,
    "largest_balance": rankings.largest_balance, "products": rankings.products, "top_reporters": rankings.top_reporters,
    "fdi": country.fdi, "context": country.context, "arms": country.arms,
}
LANGS = ("en", "es", "ru")

EXAMPLES = {
    "en": ["How much did Mexico export to Russia in 2016?", "Mexico Russia trade 2007-2016", "Mexico's top import partners 2016",
           "Mexico trade balance with China", "Do Mexico and Russia report the same trade?"],
    "es": ["¿Cuánto exportó México a Rusia en 2016?", "Comercio México Rusia 2007-2016", "Principales proveedores de México 2016",
           "Balanza comercial de México con China", "PIB de Guatemala"],
    "ru": ["Сколько Мексика экспортировала в Россию в 2016 году?", "Торговля Мексики и России 2007-2016",
           "Главные импортные партнёры Мексики 2016", "Торговый баланс Мексики с Китаем", "Население Гватемалы"],
}


_S_POSSESSIVE = re.compile(r"(?<=s)'s\b")


def tidy(text: str, lang: str) -> str:
    """Sentence case for every line, and "United States'" rather than "United States's"."""
    if lang == "en":
        text = _S_POSSESSIVE.sub("'", text)
    return "\n".join(line[:1].upper() + line[1:] for line in text.split("\n"))


# intents whose handlers read all-goods totals only (no product dimension)
_TOTALS_ONLY = frozenset({"top_partners", "partner_rank", "share", "compare", "balance", "largest_balance"})


class Engine:
    """Answers questions against one store. Cheap to call; build once per process."""

    def __init__(self, store: Store) -> None:
        self.store = store

    @cached_property
    def countries(self):
        from bot.names.countries import CountryMatcher

        return CountryMatcher.from_store(self.store)

    @cached_property
    def products(self):
        from bot.names.products import ProductMatcher

        return ProductMatcher.from_store(self.store)

    def display(self, code: str, lang: str) -> str:
        try:
            return self.countries.display(code, lang)
        except Exception:  # a code the matcher does not know (a group): the store's own name
            c = self.store.countries.get(code)
            return c.display(lang) if c else code

    def _np(self, code: str, lang: str) -> str:
        from bot.engine.intents.common import with_article

        return with_article(self.display(code, lang), lang)

    def examples(self, lang: str = "en") -> list[str]:
        """Example questions for /start and /help, in ``lang``."""
        return list(EXAMPLES.get(lang, EXAMPLES["en"]))

    def ask(self, text: str, context: Context | None = None, lang: str | None = None,
            fallback_lang: str | None = None) -> Answer:
        """Answer ``text``. ``context`` (mutated in place) carries follow-up state;
        ``lang`` forces the answer language (else the context's, else the question's, else
        ``fallback_lang``: the user's interface language when the question has no cues)."""
        fallback = fallback_lang if fallback_lang in LANGS else "en"
        try:
            return self._ask(text if isinstance(text, str) else str(text), context, lang, fallback)
        except Exception:  # never a traceback to the user: log it, answer plainly
            log.exception("engine failed on a question")
            lang = lang if lang in LANGS else (context.lang if context and context.lang in LANGS else fallback)
            msg = {"en": "Sorry, something went wrong while answering. The error was logged.",
                   "es": "Perdón, algo falló al responder. El error quedó registrado.",
                   "ru": "Извините, при ответе произошла ошибка. Она записана в журнал."}[lang]
            return Answer(status="error", text=msg, lang=lang)

    def _ask(self, text: str, context: Context | None, lang: str | None, fallback: str) -> Answer:
        text = text.replace("\x00", " ").strip()
        detected = parser.detect_language(text, fallback) if text else fallback
        lang = lang if lang in LANGS else (context.lang if context and context.lang in LANGS else detected)
        if not text:
            return Answer(status="not_understood", text=t("not_understood", lang), lang=lang)
        last = context.last_query if context else None
        p = parser.parse(text, self.countries, self.products, last)
        readings = []
        if p.status == "ambiguous":
            if any(len(r.candidates) > 1 for r in p.ambiguous):
                return self._ambiguous(text, [r for r in p.ambiguous if len(r.candidates) > 1][0], lang)
            # one candidate, matched through a typo: answer, and say how the name was read
            readings = [t("reading", lang, surface=r.surface, name=self.display(r.code, lang)) for r in p.ambiguous]
            p.status = "ok"
        if p.product_choices and p.product_span and p.status == "ok" and self.store.has_product_data():
            return self._which_product(text, p, lang)  # "iron": ores (2601) or iron and steel (72)? only asked when it matters
        if p.status == "future":
            kind = "indicator" if p.query is not None and p.query.intent in ("context", "fdi") or p.concepts & {"gdp", "population", "fdi"} \
                else "trade"
            return Answer(status="no_data", text=t("future", lang, year=self._latest_year(kind)), lang=lang, query=p.query)
        if p.regions and (p.query is None or (not p.query.partner and not p.query.partners)
                          or p.status == "need_reporter") and (p.query is None or p.query.intent not in ("context", "fdi", "arms")):
            return Answer(status="no_data", text=t("no_region", lang, region=p.regions[0]), lang=lang, query=p.query)
        if p.status == "unknown_place":
            text = t("not_a_country_place", lang, names=", ".join(f"\u201c{n}\u201d" for n in p.unknown_names))
            return Answer(status="not_understood", text=text, lang=lang, query=p.query)
        if p.status == "need_reporter":
            q = p.query
            example = self.display("DEU" if q.reporter == "MEX" else "MEX", lang)
            text = t("need_reporter_m" if q.flow == "import" else "need_reporter", lang, example=example,
                     partner=self._np(q.reporter, lang))
            if p.unknown_names:
                text += " " + t("not_a_country", lang, names=", ".join(f"\u201c{n}\u201d" for n in p.unknown_names))
            return Answer(status="not_understood", text=tidy(text, lang), lang=lang, query=q)
        q = p.query
        if q is None and p.regions:
            return Answer(status="no_data", text=t("no_region", lang, region=p.regions[0]), lang=lang)
        if q is not None:
            if p.regions and not q.partner and not q.partners and q.intent not in ("context", "fdi", "arms", "mixed_ratio"):
                return Answer(status="no_data", text=t("no_region", lang, region=p.regions[0]), lang=lang, query=q)
            if q.intent == "mixed_ratio":
                return Answer(status="not_understood", text=t("mixed_ratio", lang, country=self.display(q.reporter, lang)),
                              lang=lang, query=q)
            if q.reporter == "WLD" and q.intent == "top_partners":
                q.intent = "top_reporters"
            elif q.reporter == "WLD" and not q.reporters[1:]:
                return Answer(status="no_data", text=t("world_reporter", lang), lang=lang, query=q)
        if p.query is None or p.query.intent not in HANDLERS or not (p.query.reporter or p.query.reporters):
            return Answer(status="not_understood", text=t("not_understood", lang), lang=lang, query=p.query)
        q = p.query
        if q.partner == "WLD" and q.intent in ("value", "series"):  # "exports to the world" = total exports
            q.intent, q.partner = "world_total", None
        if q.intent in ("value", "series", "share", "balance", "mirror", "partner_rank") and not q.partner and q.intent != "balance":
            if q.intent in ("value", "series"):
                q.intent = "world_total"
            else:
                return Answer(status="not_understood", text=t("need_partner", lang, reporter=self.display(q.reporter, lang)), lang=lang, query=q)
        if q.product and q.intent in _TOTALS_ONLY:
            # "where does India buy most of its oil": these intents rank or divide all-goods totals only;
            # answered as such they would pass totals off as oil. The product intent says what it has.
            q.intent = "products"
        ctx = Ctx(self.store, self.display, lang, relative_years=p.relative_years, since=p.since,
                  order_only=p.order_only, balance_word=p.balance_word, wants_growth="growth" in p.concepts)
        if q.intent in parser.FAN_OUT and (len(q.partners) > 1 or len(q.reporters) > 1) and q.partner != "WLD":
            answer = self._fan_out(ctx, q)
        else:
            answer = HANDLERS[q.intent](ctx, q)
        if p.notes and answer.status in ("ok", "no_data"):
            answer.text = "\n".join(t(n, lang) for n in p.notes) + "\n" + answer.text
        answer.text = tidy(answer.text, lang)
        if readings and answer.status in ("ok", "no_data"):
            answer.text = " ".join(readings) + "\n" + answer.text
        if p.truncated:
            answer.text += "\n" + t("truncated", lang)
        if answer.status == "ok" and context is not None and answer.query is not None:
            context.last_query = answer.query.to_dict()
        return answer

    def _fan_out(self, ctx: Ctx, q: Query) -> Answer:
        """One answer per partner (or reporter) of a coordinated group, joined: "share of China
        and the US in Mexico's imports" gives both shares, never only the first."""
        parts = []
        if len(q.reporters) > 1:
            for r in q.reporters[:6]:
                parts.append(HANDLERS[q.intent](ctx, dc_replace(q, reporter=r, reporters=[], partners=[], years=list(q.years))))
        else:
            for p in q.partners[:6]:
                parts.append(HANDLERS[q.intent](ctx, dc_replace(q, partner=p, partners=[], reporters=[], years=list(q.years))))
        ok = [a for a in parts if a.status == "ok"]
        if not ok:
            return parts[0]
        lines, results, table = [], [], []
        for a in parts:
            body = a.text[: -len(a.source_line)].rstrip("\n") if a.source_line and a.text.endswith(a.source_line) else a.text
            lines.append(body)
            results += a.results
            table += a.table
        src = source_line(ctx, results)
        merged = ok[0].query
        merged.partners, merged.reporters = list(q.partners), list(q.reporters)
        return Answer(status="ok", text="\n".join(lines + [src]), lang=ctx.lang, query=merged, results=results,
                      source_line=src, table=table)

    def _which_product(self, text: str, p: parser.Parse, lang: str) -> Answer:
        a, b = p.product_span
        choices = []
        for code in p.product_choices[:6]:
            prod = self.store.products.get(code)
            label = f"HS {code}" + (f" {prod.description[:60]}" if prod else "")
            choices.append(Choice(label=label, question=text[:a] + f"HS {code}" + text[b:], value=code))
        return Answer(status="ambiguous", text=t("which_product", lang), lang=lang, choices=choices,
                      query=Query(intent="", reporter=None))

    def _ambiguous(self, text: str, ref: parser.CountryRef, lang: str) -> Answer:
        choices = []
        for code in ref.candidates[:6]:
            name = self.display(code, lang)
            choices.append(Choice(label=name, question=text[:ref.start] + name + text[ref.end:], value=code))
        return Answer(status="ambiguous", text=t("which_country", lang, name=ref.surface), lang=lang, choices=choices,
                      query=Query(intent="", reporter=None))

    def _latest_year(self, kind: str = "trade") -> int:
        """The last year of the data sets of ``kind`` (trade: the bilateral sources, not the
        World Bank totals; indicator: GDP, population, FDI)."""
        cov = [c["last_year"] for c in self.store.coverage() if c["kind"] == kind and c["last_year"]]
        return max(cov) if cov else 0
