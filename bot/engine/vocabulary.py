"""Words that carry meaning in a trade question (flows, intents, time, languages), in
English, Spanish and Russian, matched by prefix stems and, for longer words, by rapidfuzz
with a score cutoff so that "exprots" and "imprts" still count.

Stems rather than full forms: Russian and Spanish inflect ("экспортировала", "экспорта",
"exportó", "exportaciones"), and a stem list stays short and readable.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

# concept -> stems (a token matches when it starts with a stem; stems of 1-3 letters must match exactly)
CONCEPTS: dict[str, tuple[str, ...]] = {
    "export": ("export", "sell", "sold", "sale", "ship", "vend", "venta", "exportac", "exporto", "exportar",
               "экспорт", "продал", "прода", "вывез", "вывоз", "поставк", "постав"),
    "import": ("import", "buy", "buys", "buying", "buyer", "bought", "purchas", "compr", "importac", "importo", "importar",
               "импорт", "купил", "покупа", "закуп", "ввез", "ввоз"),
    # the same flows said with a verb of selling/buying ("who buys Australian exports?": the
    # verb is the partners' side, the noun the reporter's)
    "sellverb": ("sell", "sold", "suppl", "vend", "прода", "постав"),
    "buyverb": ("buy", "buys", "buying", "bought", "purchas", "compr", "купил", "покупа", "закуп"),
    "xnoun": ("export", "exportac", "экспорт", "вывоз"),
    "mnoun": ("import", "importac", "импорт", "ввоз"),
    "trade": ("trade", "traded", "trading", "commerce", "comerci", "intercambi", "торгов", "товарооборот",
              "оборот", "торгу"),
    "balance": ("balance", "balanza", "saldo", "сальдо", "баланс"),
    "surplus": ("surplus", "superavit", "профицит"),
    "deficit": ("deficit", "дефицит"),
    "share": ("share", "percent", "proportion", "%", "cuota", "participac", "porcentaje", "proporci", "peso$",
              "доля", "долю", "доли", "долей", "процент"),
    "percent": ("percent", "percentage", "%", "porcentaje", "porcentual", "процент"),
    "growth": ("growth", "grow", "grew", "grown", "double", "doubl", "tripl", "halve", "halv", "duplic", "удво", "increase", "rise", "rose", "risen", "fell", "fall", "fallen", "decline",
               "change", "expand", "expansion", "jump", "surge", "drop", "shrank", "shrink", "cagr", "crec", "aument",
               "variac", "cambi", "cayo", "cayer", "caida", "disminu", "descen", "рост", "выро", "вырос", "прирост",
               "увелич", "измен", "сниз", "сократ", "упал", "паден"),
    "top": ("top", "largest", "biggest", "main", "leading", "major", "principal", "mayor", "primer", "крупнейш",
            "главн", "основн", "ведущ", "больш", "топ"),
    "partners": ("partner", "market", "destination", "supplier", "customer", "buyer", "client", "socio", "mercado",
                 "destino", "proveedor", "cliente", "comprador", "партнер", "партнёр", "рынк", "рынок", "покупател",
                 "поставщик", "направлен"),
    "supplier": ("supplier", "source", "proveedor", "origen", "поставщик"),
    "market": ("market", "destination", "customer", "buyer", "client", "mercado", "destino", "cliente", "comprador",
               "рынк", "рынок", "покупател", "направлен"),
    "copula": ("was", "were", "is", "are", "fue", "fueron", "es", "son", "era", "eran", "está", "esta", "был", "была",
               "были", "было", "составил", "составля"),
    "rank": ("rank", "position", "place", "puesto", "lugar", "posicion", "ranking", "clasific", "ubica", "место", "месте",
             "позици", "рейтинг"),
    "where": ("where", "donde", "adonde", "куда", "где", "откуда"),
    "compare": ("compar", "versus", "vs", "сравн", "больше", "меньше"),
    "or": ("or", "o", "u", "или", "либо"),
    "more": ("more", "less", "mas", "menos", "больше", "меньше"),
    "products": ("product", "goods", "commodit", "item", "producto", "mercancia", "bienes", "товары", "товаров", "товарам",
                 "товарах", "товарн", "продукц"),
    "what": ("what", "que", "что", "чем"),
    "how_much": ("how", "much", "cuanto", "cuanta", "сколько", "value", "valor", "объем", "объём"),
    "fdi": ("fdi", "invest", "invert", "ied", "inversion", "inversor", "invirt", "инвест", "пии", "вложен"),
    "outward": ("outflow", "outward", "abroad", "overseas", "salida", "exterior", "исходящ", "отток", "рубеж$"),
    "arms": ("arms", "weapon", "armament", "military", "armas", "armamento", "оружи", "вооружен", "военн", "sipri", "tiv"),
    "gdp": ("gdp", "pib", "economy", "economia", "ввп", "экономик"),
    "population": ("population", "people", "inhabitant", "poblacion", "habitantes", "personas$", "населен", "жител",
                   "людей$", "люди$", "человек$"),
    "per_capita": ("capita$", "percapita$", "душу"),
    "big": ("big", "bigger", "large", "larger", "size", "grande", "tamano", "tamaño", "велик", "размер", "крупнее"),
    "who": ("who", "whom", "which", "quien", "quienes", "кто", "кому", "какие", "какая", "какой", "каки",
            # "what country does Vietnam export the most to?": a country word asks for partners
            "country$", "countries$", "nation$", "nations$", "pais$", "paises$", "страна$", "страны$", "стран$", "странам$"),
    "mirror": ("mirror", "agree", "same", "match", "discrepanc", "differ", "espejo", "coincid", "mismo",
               "discrepa", "зеркал", "совпада", "расхожд", "одинаков", "сходятся"),
    "latest": ("latest", "recent", "last", "current", "ultimo", "ultima", "reciente", "actual", "последн",
               "свеж", "текущ"),
    "decade": ("decade", "decada", "десятилет"),
    "years": ("year", "ano", "años", "anos", "год", "лет"),
    "since": ("since", "desde", "после"),
    "future": ("will", "forecast", "predict", "projection", "outlook", "next", "sera", "pronost", "proyecc", "previs",
               "proximo", "будет", "будут", "прогноз", "будущ", "следующ"),
    "report": ("report", "declar", "registr", "сообща", "отчит", "заявл"),
    # people who trade: "importers of Russian goods" are its buyers, "exporters to Mexico" its suppliers
    "trader_m": ("importer", "importador", "импортер", "импортёр"),
    "trader_x": ("exporter", "exportador", "экспортер", "экспортёр"),
    "peak": ("peak", "highest", "maximum", "record", "pico", "maximo", "record", "récord", "пик", "максимум", "рекорд"),
    "when": ("when", "cuando", "cuándo", "когда", "since when"),
    "ratio": ("ratio", "razon", "cociente", "соотношен"),
    "chart": ("chart", "graph", "plot", "grafic", "график", "диаграм"),
    "with": ("with", "con", "с", "со", "между", "between", "entre"),
}
# A stem ending in "$" must equal the token ("capita" is not "capital"; "peso" the weight, not "pesos").
SHORT_EXACT = 3  # stems this short must equal the token (so "o" matches only the word "o")
FUZZY_MIN_LEN, FUZZY_CUTOFF = 5, 82

PARTNER_TO = {"to", "a", "al", "hacia", "в", "во", "на", "into"}
PARTNER_FROM = {"from", "desde", "из", "от", "у", "de", "del"}
WITH = {"with", "con", "с", "со", "and", "y", "e", "и", "between", "entre", "между"}
OF = {"of", "de", "del"}
IN = {"in", "en", "в", "во"}

_TOKEN = re.compile(r"[%]|[^\W_]+(?:'s)?", re.UNICODE)


def fold(text: str) -> str:
    """casefold, strip Latin accents (keep Cyrillic), ё -> е."""
    text = text.casefold().replace("ё", "е").replace("’", "'")
    out = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.category(ch) == "Mn" and not ("\u0400" <= out[-1] <= "\u04ff" if out else False):
            continue
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


@dataclass(frozen=True)
class Token:
    text: str  # folded
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    folded = fold(text)
    # fold() keeps length for Latin+Cyrillic in practice; fall back to offsets in the folded text
    return [Token(m.group(0).removesuffix("'s"), m.start(), m.end()) for m in _TOKEN.finditer(folded)]


_NOT_FLOW_PREFIXES = ("importan", "exportab")
_ALL_STEMS = [(stem, concept) for concept, stems in CONCEPTS.items() for stem in stems]
# Full word forms that typos are measured against (a stem is too short for a fair ratio).
FUZZY_WORDS: dict[str, str] = {
    "exports": "export", "exported": "export", "exporter": "export", "imports": "import", "imported": "import",
    "importer": "import", "balance": "balance", "surplus": "surplus", "deficit": "deficit", "investment": "fdi",
    "investments": "fdi", "population": "population", "partners": "partners", "growth": "growth",
    "exportaciones": "export", "importaciones": "import", "exporto": "export", "importo": "import",
    "inversion": "fdi", "inversiones": "fdi", "poblacion": "population", "comercio": "trade", "balanza": "balance",
    "экспорт": "export", "экспорта": "export", "импорт": "import", "импорта": "import", "инвестиции": "fdi",
    "население": "population", "торговля": "trade", "партнеры": "partners", "сальдо": "balance",
}
_FUZZY_CHOICES = list(FUZZY_WORDS)
_FUZZY_CONCEPT = FUZZY_WORDS


@lru_cache(maxsize=20000)
def concepts_of(token: str) -> frozenset[str]:
    """The concepts a single folded token stands for (possibly several, possibly none)."""
    found = set()
    if token.startswith(_NOT_FLOW_PREFIXES):  # "important", "importancia" are not imports
        return frozenset()
    for stem, concept in _ALL_STEMS:
        s = fold(stem)
        if s.endswith("$"):
            if token == s[:-1]:
                found.add(concept)
        elif len(s) <= SHORT_EXACT:
            if token == s:
                found.add(concept)
        elif token.startswith(s):
            found.add(concept)
    if not found and len(token) >= FUZZY_MIN_LEN and not token.isdigit():
        hit = process.extractOne(token, _FUZZY_CHOICES, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        if hit:
            found.add(_FUZZY_CONCEPT[hit[0]])
    return frozenset(found)
