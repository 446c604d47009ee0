"""Question text -> ``Query``: language, years, countries and their roles, flow, intent.

The parser knows words, not data: it never touches the store. Country and product names
come from ``bot.names`` matchers; meaning words from ``vocabulary``. Anything it cannot
decide (an ambiguous country, a weak match) is returned as a problem for the engine to ask
back about, never guessed.
"""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, field

from bot.engine.query import Query
from bot.engine.roles import CountryRef, annotate, compare_roles, groups, roles_general, roles_share_rank
from bot.engine.vocabulary import IN, OF, PARTNER_FROM, PARTNER_TO, WITH, Token, concepts_of, fold, tokenize
from bot.engine.years import parse_years

__all__ = ["CountryRef", "Parse", "parse", "detect_language"]

MAX_TEXT = 1000  # characters read from a question; the rest is ignored (said in the answer)
_TOP_N = re.compile(r"(?:top|first|largest|biggest|main|principales|primeros|mayores|топ|первые|крупнейши[ех])[\s-]*(\d{1,2})\b|\b(\d{1,2})\s+(?:largest|biggest|main|top|principales|mayores|крупнейш|главн)", re.I)
_SPANISH_HINTS = {"hola", "gracias", "buenos", "buenas", "quien", "como", "cuanto", "cuanta", "cuantos", "que", "exporto", "importo", "de", "del", "los", "las", "el", "la",
                  "con", "entre", "comercio", "exportaciones", "importaciones", "principales", "socios", "y", "en",
                  "desde", "hacia", "vendio", "compro", "balanza", "cual", "donde", "mas", "inversion", "pib", "poblacion",
                  # chat Spanish: present-tense verbs and "q" for "que" ("q tanto exporta argentina a brasil")
                  "exporta", "exportan", "importa", "importan", "vende", "venden", "compra", "compran", "tanto", "q",
                  "exportaron", "importaron"}


def detect_language(text: str, default: str = "en") -> str:
    """ru when the text is mostly Cyrillic, es when Spanish cues outnumber English ones, en on
    English cues, else ``default`` (the user's interface language, when a face knows it)."""
    cyr = sum(1 for ch in text if "\u0400" <= ch <= "\u04ff")
    lat = sum(1 for ch in text if ch.isascii() and ch.isalpha())
    if cyr and cyr >= lat * 0.5:
        return "ru"
    if "¿" in text or "¡" in text or "ñ" in text.lower():
        return "es"
    words = [t.text for t in tokenize(text)]
    es = sum(1 for w in words if w in _SPANISH_HINTS)
    en = sum(1 for w in words if w in {"how", "much", "did", "does", "the", "of", "to", "from", "what", "with", "and",
                                        "in", "trade", "exports", "imports", "top", "partners", "which", "is", "was"})
    if es > en:
        return "es"
    return "en" if en else default


@dataclass
class Parse:
    """What the parser found; ``query`` is None when it could not form one."""

    lang: str
    query: Query | None = None
    status: str = "ok"  # ok | ambiguous | not_understood | future | need_reporter
    ambiguous: list[CountryRef] = field(default_factory=list)
    product_choices: list[str] = field(default_factory=list)
    product_span: tuple[int, int] | None = None  # where the ambiguous product word is (for the choices)
    concepts: set[str] = field(default_factory=set)
    countries: list[CountryRef] = field(default_factory=list)
    relative_years: int | None = None  # "last N years": N, resolved against the store
    since: int | None = None
    truncated: bool = False
    follow_up: bool = False
    order_only: bool = False  # reporter and partner were told apart by word order alone
    unknown_names: list[str] = field(default_factory=list)  # capitalised words that are no country
    notes: list[str] = field(default_factory=list)  # currency / quantity / sub-annual asked: said in the answer
    regions: list[str] = field(default_factory=list)  # "Latin America": a region the store has no figures for
    balance_word: str | None = None  # "surplus" / "deficit" when the question says which


_ARTICLE_WORDS = {"the", "el", "la", "los", "las"}
FAN_OUT = ("share", "balance", "growth", "partner_rank")  # intents answered once per country when several are named
_SHARE_PHRASE = re.compile(r"\bhow much of\b|\bwhat part of\b|\bhow important\b|\bimportance of\b|\bque parte de\b|"
                           r"\bque proporcion\b|\bque tan importante\b|\bimportancia de\b|какая часть|какую часть|какой процент|"
                           r"насколько важ")
# "how dependent is Mexico on the US", "cuánto depende Chile de China", "зависимость Казахстана от Китая":
# a share, and the dependent country is named first (whatever its case or marker), the other second
_DEPEND_PHRASE = re.compile(r"\bdepend(?:s|ent|ence|ency|e|en|encia|iente)?\b|зависи\w*|зависим\w*")
_COUNT_PHRASE = re.compile(r"\bhow many (?:countries|partners|nations|markets|trading partners)\b|"
                           r"\bcuantos (?:paises|socios|mercados)\b|скольк\w* (?:стран|партн|рынк)")
_WHEN_PHRASE = re.compile(r"\bsince when\b|\bdesde cuando\b|с какого года|с каких пор|в каком году|\bwhat year\b|\bque ano\b|"
                          r"\bovertake|\bovertook|\bsurpass|\bsupero\b|\bsuperado\b|обогнал|обошел|опередил")
# things the store does not have: the answer is still the annual US$ figure, with a note saying so
_NOTES = (
    ("note_currency", re.compile(r"\b(?:in|en) (?:pesos|euros?|yuan|renminbi|rupees|reais|soles|rubles|roubles|yen|pounds|"
                                 r"local currency|moneda local|rublos)\b|(?:в рублях|в евро|в юанях|в национальной валюте)\b")),
    ("note_quantity", re.compile(r"\b(?:tons|tonnes|tonnage|toneladas|kilos|kilograms|kg|barrels|barriles|volume in)\b|"
                                 r"\bтонн|\bбаррел")),
    ("note_subannual", re.compile(r"\b(?:q[1-4]|h[12]|first half|second half|quarter|quarterly|monthly|primer semestre|"
                                  r"segundo semestre|trimestre|mensual|january|february|march|april|june|july|august|"
                                  r"september|october|november|december|enero|febrero|marzo|abril|junio|julio|agosto|"
                                  r"septiembre|octubre|noviembre|diciembre)\b|квартал|полугоди|месяц|январ|феврал|март[ае]?\b|"
                                  r"апрел|июн|июл|август|сентябр|октябр|ноябр|декабр")),
)
_PER_CAPITA_PHRASE = re.compile(r"\bper (?:person|head|inhabitant)\b|\bpor (?:habitante|persona|cabeza)\b|на (?:человека|жителя|душу)")
_FUTURE = re.compile(r"(?<![^\W\d_])[^\W\d_]{3,}r[áé]n?(?![^\W\d_])")  # Spanish future tense: exportará, crecerán, será
_FUTURE_FOLDED = re.compile(r"next year|coming years|years ahead|proximo ano|proximos anos|ano que viene|"
                            r"следующем году|следующий год|ближайшие годы|в будущем|in the future|en el futuro")


def _marker(tokens: list[Token], start: int) -> str:
    """The role word just before a country mention (to/from/with/of/in), articles skipped."""
    before = [t.text for t in tokens if t.end <= start]
    while before and before[-1] in _ARTICLE_WORDS:
        before.pop()
    words = before[-2:]
    if not words:
        return "none"
    w = words[-1]
    prev = words[-2] if len(words) > 1 else ""
    if w in PARTNER_TO and w not in IN:
        return "to"
    if w in ("в", "во", "en", "in"):
        return "in"  # resolved later: Russian "в" + accusative means "to"
    if w in ("de", "del"):
        # Spanish "de": "exportaciones de México" (of) but "importó ... de Rusia" (from)
        return "of" if concepts_of(prev) & {"export", "import", "trade", "balance", "share", "growth", "partners"} and not prev.endswith("o") else "de"
    if w in PARTNER_FROM:
        return "from"
    if w in WITH or w in ("and", "y", "e", "и", "or", "o", "u", "или"):
        return "with"
    if w in OF:
        return "of"
    if w in ("for", "para", "для"):
        return "for"  # "a bigger market for China": the country whose flow it is
    return "none"


def parse(text: str, countries, products=None, context_query: dict | None = None) -> Parse:
    """Parse ``text``. ``countries``/``products`` are the name matchers from ``bot.names``."""
    truncated = len(text) > MAX_TEXT
    text = text[:MAX_TEXT]
    lang = detect_language(text)
    result = Parse(lang=lang, truncated=truncated)
    tokens = tokenize(text)

    ys = parse_years(text)
    years, is_range = ys.years, ys.is_range
    result.relative_years, result.since = ys.last_n, ys.since

    # countries (their spans are then masked out of the word analysis)
    refs: list[CountryRef] = []
    for m in countries.find(text):
        marker = "demonym" if getattr(m, "kind", "") == "demonym" else _marker(tokens, m.start)
        after = text[m.end:m.end + 2]
        if after in ("'s", "’s") or text[m.end:m.end + 1] in ("'", "’") or m.text.endswith(("'s", "’s")):
            marker = "possessive"
        ref = CountryRef(m.candidates[0], m.start, m.end, m.text, marker, list(m.candidates), bool(m.ambiguous),
                         fuzzy=getattr(m, "kind", "") == "fuzzy")
        annotate(ref, tokens, lang)
        refs.append(ref)
    unknown_places = _unknown_places(text, tokens, refs, countries, lang)
    for ref in unknown_places:
        if ref.candidates:
            refs.append(ref)
    refs.sort(key=lambda r: r.start)
    masked = [(r.start, r.end) for r in refs] + ys.spans
    words = [t for t in tokens if not any(a <= t.start < b for a, b in masked)]
    concepts: set[str] = set()
    for t in words:
        found = concepts_of(t.text)
        if found & {"trader_m", "trader_x"}:  # "importers of Russian goods" = Russia's buyers
            found = (found - {"export", "import"}) | ({"market", "partners"} if "trader_m" in found else {"supplier", "partners"})
        if found & {"market", "supplier"}:  # "buyers", "покупатели": a partner word, not a flow of the reporter
            found = found - {"export", "import", "buyverb", "sellverb"}
        concepts |= found
    if "percent" in concepts and "growth" in concepts and _percent_of_change(words):
        concepts.discard("share")  # "percentage change", "percent increase": growth, not a share
    folded = fold(text)
    if _PER_CAPITA_PHRASE.search(folded):
        concepts.add("per_capita")
    if _SHARE_PHRASE.search(folded):
        concepts.add("share")  # "how much of Canada's exports go to the US", "qué parte de", "какая часть"
    if _DEPEND_PHRASE.search(folded):
        concepts |= {"share", "depend"}
    if _FUTURE.search(text) or _FUTURE_FOLDED.search(folded):
        concepts.add("future")  # "¿cuánto exportará ...?", "el próximo año", "в следующем году"
    if "goods" in [t.text for t in words] and concepts & {"market", "supplier"}:
        concepts.discard("products")  # "importers of Russian goods": all goods, no product
    if _COUNT_PHRASE.search(folded):
        concepts.add("count")
    if _WHEN_PHRASE.search(folded):
        concepts.add("when")
    result.notes = [key for key, pattern in _NOTES if pattern.search(folded)]
    result.regions = countries.regions(text) if hasattr(countries, "regions") else []
    result.concepts, result.countries = concepts, refs

    product = None
    if products is not None:
        pm = [p for p in products.find(text) if not any(a <= p.start < b for a, b in masked)]
        if pm:
            if pm[0].ambiguous and len(pm[0].candidates) > 1:
                result.product_choices = list(pm[0].candidates[:5])
                result.product_span = (pm[0].start, pm[0].end)
            product = pm[0].candidates[0]

    ambiguous = [r for r in refs if r.ambiguous]
    if ambiguous:
        result.status, result.ambiguous = "ambiguous", ambiguous
    elif any(not r.candidates for r in unknown_places):
        result.status = "unknown_place"  # "Mexico exports to Europe": not a country the data has
        result.unknown_names = [r.surface for r in unknown_places if not r.candidates]

    top_n = None
    m = _TOP_N.search(text)
    if m:
        top_n = int(m.group(1) or m.group(2))
    latest = "latest" in concepts

    q = Query(intent="", years=years, top_n=top_n, latest=latest, year_range_given=is_range, product=product)
    flow = _flow(concepts)
    codes = _dedupe(refs)
    if flow == "total" and "more" in concepts and {"export", "import"} <= concepts and len(codes) <= 2:
        flow = "balance"  # "how much more does China export to the US than it imports?"
    intent = _intent(concepts, codes, flow, is_range, years, product, text, tokens, refs)
    if "peak" in concepts and not years and not ys.last_n and not ys.since:
        result.relative_years = 1000  # "when did ... peak?", "the highest level": every year the store has
        is_range = q.year_range_given = True

    if intent is None:
        if context_query and (years or codes or flow or product) and len(codes) <= 1 and _only_known_words(text, words):
            result.follow_up = True
            result.query = _follow_up(context_query, q, codes, flow, concepts)
            return result
        if "future" in concepts and (years or codes):
            result.status = "future"
        else:
            result.status = "not_understood" if result.status == "ok" else result.status
        result.query = None
        return result

    q.intent = intent
    _assign(q, intent, codes, flow, concepts, text, tokens, lang)
    result.order_only = len(codes) == 2 and all(r.marker in ("none",) for r in codes)
    if ("surplus" in concepts) != ("deficit" in concepts):
        result.balance_word = "surplus" if "surplus" in concepts else "deficit"
    if not q.reporter and not q.reporters and context_query and intent in ("value", "series", "world_total") \
            and _only_known_words(text, words):
        result.follow_up = True
        result.query = _follow_up(context_query, q, codes, flow, concepts)
        return result
    if "future" in concepts and (not years or years[-1] > 2025) and not ys.last_n and not ys.since:
        result.status = "future"
    if _names_only_the_other_side(q, codes, flow, lang):
        # "exports to Norway", "Texas exports to Mexico": whose exports? never the partner's own flows
        result.status = "need_reporter"
        result.unknown_names = _unknown_names(text, words, concepts)
    result.query = q
    return result


def _names_only_the_other_side(q: Query, refs: list[CountryRef], flow: str | None, lang: str) -> bool:
    if len(refs) != 1 or q.intent not in ("world_total", "growth", "series", "value") or q.partner:
        return False
    m = refs[0].marker
    return (m == "to" and flow == "export") or (m == "from" and flow == "import") or \
        (m == "in" and flow == "export" and lang == "ru")


def _unknown_names(text: str, words: list[Token], concepts: set[str]) -> list[str]:
    """Capitalised words that are neither countries nor question words ("Texas", "Scotland"):
    the answer says they are not countries in the data."""
    out = []
    for t in words:
        raw = text[t.start:t.end]
        if raw[:1].isupper() and len(raw) >= 3 and not concepts_of(t.text) and not raw.isupper() and t.text not in _ARTICLE_WORDS:
            from bot.names.stopwords import STOPWORDS
            if t.text not in STOPWORDS:
                out.append(raw)
    return out[:2]


_FOLLOW_UP_WORDS = {"and", "what", "about", "how", "also", "same", "now", "then", "instead", "y", "e", "que", "tal",
                    "para", "también", "tambien", "а", "и", "как", "насчет", "насчёт", "тоже", "также", "теперь", "про"}


def _only_known_words(text: str, words: list[Token]) -> bool:
    """A follow-up ("and 2015?", "what about imports?", "¿y Guatemala?", "а в 2015?") holds
    nothing but question words, glue, years, countries and trade words. A word the engine
    does not know ("Wales exports 2019", "weather in Paris") means a new question it could
    not read, never the last question with a new year."""
    from bot.names.stopwords import STOPWORDS

    for t in words:
        if t.text.isdigit() or t.text in STOPWORDS or t.text in _FOLLOW_UP_WORDS or concepts_of(t.text):
            continue
        return False
    return True


_PLACE_PREPS = {"to", "into", "from", "with", "a", "al", "hacia", "desde", "con", "в", "во", "из", "от", "с", "со", "у", "на"}
PLACE_LOOKUP_MIN = 80  # a word after "to/from/в/из" that looks this much like a country is read as (or asked about) it


@lru_cache(maxsize=1)
def _product_words() -> frozenset[str]:
    from bot.names.product_words import all_words

    return all_words()


def _unknown_places(text: str, tokens: list[Token], refs: list[CountryRef], countries, lang: str) -> list[CountryRef]:
    """Words right after a destination/origin preposition that are no country the matcher
    found ("в Кетай", "to Europe"). One that looks like a country becomes a typo reading (one
    candidate) or a question back (several); a capitalised one that looks like none makes the
    engine say it is not a country in the data. Never silently dropped: dropping the partner
    would answer the reporter's total instead."""
    from bot.names.stopwords import STOPWORDS

    lookup = getattr(countries, "lookup", None)
    blocked = countries.blocked_spans(text) if hasattr(countries, "blocked_spans") else []
    out: list[CountryRef] = []
    candidates_at: list[tuple[int, bool]] = []  # (token index, after a preposition)
    for i, t in enumerate(tokens[:-1]):
        if t.text not in _PLACE_PREPS:
            continue
        j = i + 1
        while j < len(tokens) and tokens[j].text in _ARTICLE_WORDS:
            j += 1
        if j < len(tokens):
            candidates_at.append((j, True))
    # elsewhere: a capitalised word, or one right beside a country ("mexiko russia trade"),
    # of five letters or more, is a typo only when it looks like a country (never refused)
    for j, t in enumerate(tokens):
        raw = text[t.start:t.end]
        beside = any(r.end <= t.start and not text[r.end:t.start].strip() or t.end <= r.start and not text[t.end:r.start].strip()
                     for r in refs)
        if len(raw) >= 5 and (raw[:1].isupper() or beside):
            candidates_at.append((j, False))
    seen: set[int] = set()
    for j, after_prep in candidates_at:
        if j in seen:
            continue
        seen.add(j)
        nt = tokens[j]
        raw = text[nt.start:nt.end]
        if any(r.start <= nt.start < r.end for r in refs) or any(a <= nt.start < b for a, b in blocked) \
                or not raw.isalpha() or len(raw) < 4:
            continue
        if nt.text in STOPWORDS or concepts_of(nt.text) or nt.text in _product_words():
            continue  # "el cobre chileno": a product word beside a country is no typo of one
        cands = [c for c in (lookup(raw) if lookup else []) if c.score >= PLACE_LOOKUP_MIN and c.kind != "code"]
        codes = list(dict.fromkeys(c.code for c in cands))[:6]
        if not codes and (not raw[:1].isupper() or not after_prep):
            continue
        marker = _marker(tokens, nt.start)
        ref = CountryRef(codes[0] if codes else "", nt.start, nt.end, raw, marker, codes, ambiguous=bool(codes),
                         fuzzy=bool(codes))
        annotate(ref, tokens, lang)
        out.append(ref)
    return out


def _percent_of_change(words: list[Token]) -> bool:
    """A percent word directly followed by a change word ("percentage change", "% increase",
    "variación porcentual", "процентное изменение")."""
    for a, b in zip(words, words[1:]):
        ca, cb = concepts_of(a.text), concepts_of(b.text)
        if ("percent" in ca and "growth" in cb) or ("growth" in ca and "percent" in cb):
            return True
    return False


def _dedupe(refs: list[CountryRef]) -> list[CountryRef]:
    seen, out = set(), []
    for r in refs:
        if r.code not in seen:
            seen.add(r.code)
            out.append(r)
    return out


def _flow(concepts: set[str]) -> str | None:
    if concepts & {"balance", "surplus", "deficit"}:
        return "balance"
    if not concepts & {"export", "import", "trade"}:
        if "supplier" in concepts and "market" not in concepts:
            return "import"  # "top suppliers" = where imports come from
        if "market" in concepts and "supplier" not in concepts:
            return "export"  # "export markets / destinations / customers"
    has_x, has_m = "export" in concepts, "import" in concepts
    if has_x and not has_m:
        return "export"
    if has_m and not has_x:
        return "import"
    if "trade" in concepts or (has_x and has_m):
        return "total"
    return None


def _who_flow(c: set[str]) -> bool:
    """"who buys Australian exports?": a buying/selling verb with the other flow's noun."""
    return bool(("buyverb" in c and "xnoun" in c) or ("sellverb" in c and "mnoun" in c))


def _intent(c: set[str], refs: list[CountryRef], flow: str | None, is_range: bool, years: list[int],
            product: str | None, text: str, tokens: list[Token], text_refs: list[CountryRef] = ()) -> str | None:
    n = len(refs)
    if n == 0:
        return None
    if "arms" in c:
        return "arms"
    if "fdi" in c:
        return "fdi"
    if (c & {"gdp", "population", "per_capita"} or ("big" in c and not flow)) and not (flow and c & {"share", "percent", "per_capita", "ratio"}):
        return "context"
    if c & {"gdp", "population", "per_capita"} and flow and c & {"share", "percent", "per_capita", "ratio"}:
        return "mixed_ratio"  # "exports as a % of GDP", "exports per capita": two data sets, no ratio between them
    if ("mirror" in c or ("report" in c and c & {"compare", "with", "or"})) and n >= 2:
        return "mirror"  # "compare Mexico's reported exports to the US with US reported imports from Mexico"
    if n == 2 and len(text_refs) >= 4 and c & {"or", "compare", "more", "big"}:
        return "mirror"  # "Which is larger: US exports to China or China's exports to the US?"
    if "rank" in c and n >= 2:
        return "partner_rank"
    if "when" in c and n in (2, 3) and c & {"top", "rank"} and c & {"market", "supplier", "partners"}:
        return "partner_rank"  # "When did China become Brazil's largest trading partner?", "... overtake China as ..."
    if n == 2 and c & {"market", "supplier", "partners"} and ("top" in c or "where" in c):
        return "partner_rank"  # "Is the US Canada's biggest customer?", "¿Dónde se ubica México entre los proveedores de ...?"
    if ("who" in c and n == 1 and not product and not c & {"how_much", "products"}
            and (c & {"sellverb", "buyverb"} or (flow in ("export", "import") and refs[0].marker in ("to", "from", "de", "in")))):
        return "who_trades"  # "who buys from Vietnam?" = Vietnam's top export markets; "who sells the most to Japan?"
    if "where" in c and n == 1 and flow in ("export", "import"):
        return "top_partners"  # "Where do Chilean exports go?"
    if (c & {"surplus", "deficit"} or flow == "balance") and ("top" in c or ("who" in c and c & {"surplus", "deficit"})) and n == 1:
        return "largest_balance"  # "Mexico's biggest surpluses", "which countries does Japan have a surplus with?"
    if "count" in c and n == 1:
        return "top_partners"  # "how many countries does Mexico trade with?" (counted by the handler)
    if ("top" in c or "partners" in c) and n == 1 and not product and ("products" not in c or c & {"market", "supplier"}):
        return "top_partners"
    if "who" in c and n == 1 and (flow in ("export", "import") or _who_flow(c)) and not product and not c & {"how_much", "products"}:
        return "who_trades"
    if "share" in c and n >= 2:
        return "share"
    if product or "products" in c or ("what" in c and flow in ("export", "import") and not c & {"how_much", "copula"} and n <= 2):
        return "products"
    if flow == "balance":
        return "balance"
    if "growth" in c and n >= 1:
        return "growth"
    if n >= 3:
        return "compare"
    if n == 2 and c & {"or", "compare"} and compare_roles(text, tokens, refs, flow, coordinated_only=True,
                                                        asks_which="who" in c):
        return "compare"  # "Brazil or Argentina: who exports more?", "Mexico vs Canada exports"
    if is_range or (len(years) > 2):
        return "series" if n >= 2 else "world_total"
    if n == 1:
        return "world_total" if flow in ("export", "import", "total") else None
    return "value" if (flow or len(years) <= 2) else None


def _russian_who_sells_to(ref: CountryRef, c: set[str], tokens: list[Token], lang: str) -> bool:
    """"кто продаёт оружие Индии": «кто» is the seller, so the bare name after the verb is the
    dative buyer (Russian marks it by case only, no preposition); «кому продаёт Индия» is not."""
    if lang != "ru" or ref.marker != "none" or "sellverb" not in c:
        return False
    who = [t.start for t in tokens if fold(t.text) == "кто"]
    sells = [t.start for t in tokens if "sellverb" in concepts_of(t.text)]
    return bool(who and sells) and who[0] < sells[0] < ref.start


def _assign(q: Query, intent: str, refs: list[CountryRef], flow: str | None, c: set[str], text: str,
            tokens: list[Token], lang: str = "en") -> None:
    """Give each country its role: reporter, partner(s), or the countries compared."""
    q.flow = flow
    if intent in ("context",):
        q.reporters = [r.code for r in refs]
        q.reporter = refs[0].code
        q.metric = "gdp_per_capita" if "per_capita" in c else ("population" if "population" in c else "gdp")
        return
    if intent == "fdi":
        # investor: demonym / "from" / possessive; host: "in" / "to" / "into"
        investor = next((r for r in refs if r.marker in ("demonym", "from", "possessive")), None)
        host = next((r for r in refs if r is not investor and r.marker in ("in", "to")), None)
        rest = [r for r in refs if r is not investor and r is not host]
        if len(refs) == 1:
            q.reporter = refs[0].code
            outward = "outward" in c or refs[0].marker in ("from", "demonym")
            q.metric = "fdi_outflow" if outward else "fdi_inflow"
            return
        gs = groups(text, tokens, refs)
        if len(gs) == 1 and gs[0][0].marker != "with":  # "between Spain and Mexico" stays a pair
            # "FDI in China vs India", "FDI inflows: Brazil or Mexico?": the same figure for each
            q.reporters = [r.code for r in refs]
            q.reporter = q.reporters[0]
            q.metric = "fdi_outflow" if "outward" in c or gs[0][0].marker in ("from", "demonym") else "fdi_inflow"
            return
        investor = investor or (rest.pop(0) if rest else None)
        host = host or (rest.pop(0) if rest else None)
        q.reporter, q.partner = (host.code if host else None), (investor.code if investor else None)
        return
    if intent == "arms" and len(refs) == 1:
        # one country: its arms imports when it is the destination ("to India", "India's arms
        # imports"), else its exports; "who ..." / "top ..." ranks the other side (SIPRI pairs)
        r = refs[0]
        recipient_side = r.marker in ("to", "in") or "mnoun" in c or ("supplier" in c and "market" not in c) \
            or (flow == "import" and r.marker not in ("from", "demonym", "possessive") and "market" not in c) \
            or _russian_who_sells_to(r, c, tokens, lang)
        q.reporter, q.partner = r.code, None
        q.flow = "import" if recipient_side else "export"
        if c & {"who", "top", "where", "partners"}:
            q.metric = "top_suppliers" if recipient_side else "top_recipients"
        return
    if intent == "arms":
        supplier = next((r for r in refs if r.marker in ("from", "demonym", "possessive", "none")), refs[0])
        recipient = next((r for r in refs if r is not supplier), None)
        if flow == "import" and recipient is not None and supplier.marker not in ("from",):
            supplier, recipient = recipient, supplier
        q.reporter, q.partner = supplier.code, (recipient.code if recipient else None)
        return
    if intent == "compare":
        found = compare_roles(text, tokens, refs, flow, asks_which="who" in c)
        q.flow = flow or "total"
        if found and found[0] == "reporters":
            _, partner, reporters = found
            q.reporters = [r.code for r in reporters]
            q.reporter = q.reporters[0]
            q.partner = partner.code if partner else None
            return
        if found:
            _, reporter, partners = found
        else:
            reporter, partners = roles_general(refs, flow)
        q.reporter = reporter.code
        q.partners = [p.code for p in partners]
        return
    if intent == "partner_rank" and "when" in c:
        q.metric = "since"  # "when did China become Brazil's largest trading partner?"
    if intent == "share" and "depend" in c and len(refs) == 2:
        reporter, partners = refs[0], [refs[1]]
    elif intent in ("share", "partner_rank"):
        reporter, partners = roles_share_rank(refs, flow)
    else:
        reporter, partners = roles_general(refs, flow)
    q.reporter = reporter.code
    if intent == "products" and len(refs) == 1 and "who" in c and c & {"sellverb", "buyverb"}:
        # "who buys Russian oil" / "who buys oil from Russia": Russia's exports; "who sells oil to India":
        # India's imports (the asker names the other side, as for who_trades below)
        verb = "export" if "sellverb" in c else "import"
        if reporter.marker in ("possessive", "demonym"):
            flow = "export"
        elif reporter.marker in ("to", "from", "de", "in") or _russian_who_sells_to(reporter, c, tokens, lang):
            flow = {"export": "import", "import": "export"}[verb]
    if intent == "who_trades":
        # the asker names the other side: "who buys from X" -> X's exports; "who sells to X" -> X's imports;
        # but "who buys X's exports" / "Australian exports": the noun is already X's flow
        q.intent = "top_partners"
        verb = "export" if "sellverb" in c else "import" if "buyverb" in c else None
        noun = "export" if "xnoun" in c and "mnoun" not in c else "import" if "mnoun" in c and "xnoun" not in c else None
        verb_at = [t.start for t in tokens if concepts_of(t.text) & {"sellverb", "buyverb"}]
        # "who supplies Germany?": in English the country after the verb, with no preposition, is its
        # object (Spanish and Russian put subjects there too: "¿A quién le compra más Perú?")
        is_object = (lang == "en" and bool(verb_at) and reporter.start > verb_at[0] and reporter.marker == "none") \
            or _russian_who_sells_to(reporter, c, tokens, lang)
        opposite = {"export": "import", "import": "export"}
        if noun and reporter.marker in ("possessive", "demonym"):
            q.flow = noun  # "who buys Australian exports?"
        elif reporter.marker in ("to", "from", "de", "in") or is_object:
            q.flow = opposite[verb or noun or flow]
        else:
            q.flow = noun or verb or flow
        return
    if intent in ("top_partners", "largest_balance", "world_total"):
        q.flow = flow or "total"
        if intent == "top_partners" and "count" in c:
            q.metric = "count"
        if intent == "top_partners" and reporter.code == "WLD":  # "the world's biggest exporters": countries ranked
            q.flow = "import" if ("mnoun" in c or "trader_m" in c) and "xnoun" not in c else "export"
        if intent == "largest_balance":
            q.flow = "balance"
            q.metric = "deficit" if "deficit" in c else "surplus"
        return
    q.partner = partners[0].code if partners else None
    if len(partners) > 1 and intent in ("value", "series"):
        q.intent = "compare"
        q.partners = [p.code for p in partners]
    elif len(partners) > 1 and intent in FAN_OUT:
        # "share of China and the US in Mexico's imports", "rank among the partners of France and
        # Italy": one answer per country of the coordinated group (the engine fans out)
        in_order = sorted([reporter, *partners], key=lambda r: r.start)
        group = next((g for g in groups(text, tokens, in_order) if len(g) >= 2), [])
        if reporter in group:
            q.reporters = [r.code for r in group]
            q.partner = next((p.code for p in partners if p not in group), None)
        else:
            q.partners = [p.code for p in partners]
    q.flow = flow or "total"


def _follow_up(last: dict, q: Query, refs: list[CountryRef], flow: str | None, c: set[str]) -> Query:
    """"and 2015?", "what about imports?", "and Guatemala?": the last query with what changed."""
    prev = Query(**{k: v for k, v in last.items() if k in Query.__dataclass_fields__})
    if q.years:
        prev.years = q.years
        prev.year_range_given = q.year_range_given
        if prev.intent == "series" and not q.year_range_given and len(q.years) == 1:
            prev.intent = "value"
    if flow:
        prev.flow = flow
    if q.product:
        prev.product = q.product
    if refs:
        code = refs[0].code
        if prev.intent == "compare" and len(prev.reporters) > 1:
            prev.reporters = [*prev.reporters, code]
        elif prev.intent == "compare":
            prev.partners = [*prev.partners, code]
        elif prev.partner or prev.intent in ("value", "series", "share", "balance", "mirror", "partner_rank", "growth"):
            prev.partner = code
        else:
            prev.reporter = code
            prev.reporters = [code]
    return prev
