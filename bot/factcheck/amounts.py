"""Figures as articles write them: money amounts and percentages in English, Spanish and Russian.

"$179 million", "US$1.3 bn", "USD 2.5 billion", "1,7 mil millones de dólares", "179 mdd",
"179 млн долларов", "104,5 млрд долл. США", "27 percent", "27,3 %", "0.05%".

Numbers are read with Babel (CLDR separators of the text's language first, then those of the
other two: an English article may print "1,7" and a Spanish one "1.7"). A money amount needs a
currency (a bare "179 million" could be tonnes or people); a non-dollar currency is kept so the
claim can be reported as not checkable against a US-dollar store rather than silently dropped.

Every amount records how it was rounded (``half_unit``: "$1.3 billion" means 1.25–1.35 billion)
and the wording around it ("about", "more than", "almost"), which the verdict's tolerance uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from babel.numbers import NumberFormatError, parse_decimal

# A number: grouped thousands (1,301,000 / 1.301.000 / 1 301 000) or plain, with decimals.
_NUM = r"(?<![\d.,])(?:\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(?![\d])"

# scale word -> power of ten (longest alternatives first inside the regex)
_SCALES: list[tuple[str, int]] = [
    (r"mil\s+millones", 9), (r"miles\s+de\s+millones", 9), (r"billones", 12), (r"bill[oó]n", 12),
    (r"millones", 6), (r"mill[oó]n", 6), (r"mill\.", 6), (r"mmdd", 9), (r"mdd", 6), (r"mil", 3),
    (r"trillions?", 12), (r"trn", 12), (r"tn", 12), (r"billions?", 9), (r"bln", 9), (r"bn", 9), (r"b", 9),
    (r"millions?", 6), (r"mln", 6), (r"mn", 6), (r"m", 6), (r"thousand", 3), (r"k", 3),
    (r"трлн\.?", 12), (r"триллион\w*", 12), (r"млрд\.?", 9), (r"миллиард\w*", 9), (r"млн\.?", 6),
    (r"миллион\w*", 6), (r"тыс\.?", 3), (r"тысяч\w*", 3),
]
_SCALE_RE = "|".join(s for s, _ in _SCALES)

# currency -> ISO code; "mdd"/"mmdd" (Mexican press: millones de dólares) carry their own.
_PRE = r"US\s?\$|U\.S\.\s?\$|USD|(?:A|AU|C|CA|NZ|HK|R|MX|Mex)\$|(?<![A-Za-z])\$|€|EUR|£|GBP|¥"
_POST = (r"(?:de\s+)?(?:(?:US|U\.S\.)\s+)?dollars?|(?:de\s+)?d[óo]lares(?:\s+(?:estadounidenses|americanos|de\s+EE\.?\s?UU\.?))?"
         r"|USD|US\$|\$|(?:de\s+)?euros?|(?:of\s+)?euros?|евро|долл(?:ар(?:ов|а|ы)?|\.)?(?:\s+США)?"
         r"|руб(?:лей|ля|\.)?|(?:de\s+)?pesos|rubles|roubles|yuan|юаней")
_MONEY = re.compile(
    rf"(?P<pre>{_PRE})?\s?(?P<num>{_NUM})\s?(?P<scale>(?:{_SCALE_RE})(?![a-zа-яё]))?\.?"
    rf"(?:\s?(?P<post>(?:{_POST}))(?![a-zа-яё]))?",
    re.IGNORECASE,
)
_PERCENT = re.compile(rf"(?P<num>{_NUM})\s?(?P<unit>%|per\s?cent\b|pct\b|por\s+ciento\b|процент\w*)", re.IGNORECASE)
_YEAR_LIKE = re.compile(r"^(1[89]\d\d|20\d\d)$")

_APPROX = re.compile(
    r"(?:\babout|\baround|\broughly|\bapproximately|\bnearly|\balmost|\bsome|\bclose\s+to|\ban\s+estimated|\bcirca|~"
    r"|\bunos|\bunas|\balrededor\s+de|\bcerca\s+de|\bcasi|\baproximadamente|\baprox\.|\ben\s+torno\s+a"
    r"|\bоколо|\bпримерно|\bпочти|\bпорядка|\bприблизительно|\bоколо)\s*$", re.IGNORECASE)
_ABOVE = re.compile(
    r"(?:\bmore\s+than|\bover|\babove|\bexceeding|\btopped|\bexceeded|\bin\s+excess\s+of|\bat\s+least"
    r"|\bm[aá]s\s+de|\bsuperior\s+a|\bsuper[oó]|\bsuperaron|\bpor\s+encima\s+de|\bal\s+menos"
    r"|\bболее|\bсвыше|\bбольше|\bпревысил\w*|\bне\s+менее)\s*$", re.IGNORECASE)
_BELOW = re.compile(
    r"(?:\bless\s+than|\bunder|\bbelow|\bat\s+most|\bmenos\s+de|\binferior\s+a|\bpor\s+debajo\s+de"
    r"|\bменее|\bменьше|\bне\s+более)\s*$", re.IGNORECASE)
# "$40 a barrel", "US$ 9,000 per capita": a price or a ratio, not a trade flow
_PER_UNIT = re.compile(
    r"^\s*(?:(?:a|an|per|por|each|el|la|за|на|one)\s+)?(?:barrel|barril|(?:metric\s+)?ton(?:ne)?|tonelada|kg|kilo\w*|pound|libra|"
    r"ounce|onza|lit(?:re|er|ro)|gall?[oó]n|capita|c[áa]pita|head|person|persona|habitante|unit|unidad|"
    r"баррел\w*|тонн\w*|душу|человек\w*|килограмм\w*|литр\w*)\b", re.IGNORECASE)

_BARE_END = re.compile(r"\.?\s*(?:$|[.,;:)\u2014–-]|(?:to|from|in|into|for|and|while|a|al|en|desde|hacia|y|в|из|и|на|от|with|con|с)\b)",
                       re.IGNORECASE)
CURRENCIES = {"$": "USD", "us$": "USD", "u.s.$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP",
              "¥": "JPY", "a$": "AUD", "au$": "AUD", "c$": "CAD", "ca$": "CAD", "nz$": "NZD", "hk$": "HKD", "r$": "BRL",
              "mx$": "MXN", "mex$": "MXN"}


@dataclass(frozen=True)
class Amount:
    """A figure written in the text.

    ``value`` is in US dollars (or the ``currency``'s units) for money, in percent for
    percentages. ``half_unit`` is half the last written digit's place, in the same unit:
    how far the true figure may be from the written one by rounding alone.
    ``qualifier``: ``approx`` ("about", "almost"), ``above`` ("more than"), ``below``, or None.
    """

    kind: str  # money | percent
    value: float
    start: int
    end: int
    text: str
    half_unit: float
    currency: str = "USD"
    qualifier: str | None = None
    per_unit: bool = False  # followed by "a barrel", "per capita": not a flow


def parse_number(text: str, lang: str = "en") -> Decimal | None:
    """A written number as a Decimal, with the text language's separators first.

    "1,7" (es/ru) -> 1.7; "1.301" (es) -> 1301; "1.301" (en) -> 1.301; "1 301" -> 1301.
    Falls back to the other languages' conventions when the text's own do not fit ("1,7"
    in an English sentence can only be a decimal comma). None when nothing fits.
    """
    s = text.strip()
    spaced = re.sub(r"[ \u00a0\u202f](?=\d{3}(?!\d))", "", s)  # "1 301" / "1 301" grouping
    order = [lang] + [loc for loc in ("en", "es", "ru") if loc != lang]
    for loc in order:
        for candidate in (s.replace(" ", "\u00a0").replace("\u202f", "\u00a0") if loc == "ru" else s, spaced):
            try:
                return parse_decimal(candidate, locale=loc, strict=True)
            except (NumberFormatError, ValueError):
                continue
    return None


def _scale_of(word: str | None) -> int:
    if not word:
        return 0
    w = re.sub(r"\s+", " ", word.lower())
    for pattern, power in _SCALES:
        if re.fullmatch(pattern, w, re.IGNORECASE):
            return power
    return 0


def _half_unit(value: Decimal) -> Decimal:
    """Half the place of the last written digit: "1.3" -> 0.05, "179" -> 0.5, "1,301" (en) -> 0.5."""
    exponent = value.as_tuple().exponent
    return Decimal(5).scaleb(exponent - 1) if isinstance(exponent, int) else Decimal("0.5")


def _scale_lang(scale: str | None) -> str | None:
    """The language a scale word belongs to ("millones" -> es): it decides "1.301" over the text's."""
    if not scale:
        return None
    w = scale.lower()
    if re.match(r"[а-яё]", w):
        return "ru"
    if re.match(r"mil|mill|bill[oó]n|mdd|mmdd", w) and not re.match(r"millions?$|mill$", w):
        return "es"
    return "en"


def _qualifier(text: str, start: int) -> str | None:
    before = text[max(0, start - 30):start]
    if _APPROX.search(before):
        return "approx"
    if _ABOVE.search(before):
        return "above"
    if _BELOW.search(before):
        return "below"
    return None


def _currency(pre: str | None, post: str | None, scale: str | None) -> str | None:
    if scale and scale.lower() in ("mdd", "mmdd"):
        return "USD"
    for part in (pre, post):
        if not part:
            continue
        p = re.sub(r"\s+", "", part.lower())
        if p in CURRENCIES:
            return CURRENCIES[p]
        if "dollar" in p or "dólar" in p or "dolar" in p or p.startswith("долл"):
            return "USD"
        if "euro" in p or "евро" in p:
            return "EUR"
        if p.startswith(("руб", "rub", "roub")):
            return "RUB"
        if "peso" in p:
            return "MXN"
        if "yuan" in p or "юан" in p:
            return "CNY"
    return None


def find_money(text: str, lang: str = "en") -> list[Amount]:
    """Every money amount with a currency in ``text``, in text order.

    An amount with a scale word but no currency of its own takes the currency of the amount
    before it when nothing but a preposition or punctuation follows it: "179 millones de
    dólares a Rusia y le compró 1.380 millones." ("179 million tonnes" stays out).
    """
    out: list[Amount] = []
    for m in _MONEY.finditer(text):
        pre, num, scale, post = m.group("pre"), m.group("num"), m.group("scale"), m.group("post")
        if scale and len(scale) == 1 and m.start("scale") != m.end("num"):
            scale = None  # "$5 m..." only glued ("$5m", "$1.3b") counts as a scale letter
        currency = _currency(pre, post, scale)
        if currency is None and out and scale and len(scale) > 1 and _BARE_END.match(text, m.end("scale")):
            currency = out[-1].currency
        if currency is None:
            continue
        if not scale and not pre and _YEAR_LIKE.match(num):
            continue
        value = parse_number(num, _scale_lang(scale) or lang)
        if value is None:
            continue
        power = _scale_of(scale)
        end = m.end("post") if post else (m.end("scale") if scale else m.end("num"))
        start = m.start("pre") if pre else m.start("num")
        if not scale:
            end = m.end("post") if post else m.end("num")
        per_unit = bool(_PER_UNIT.match(text[end:end + 20]))
        out.append(Amount("money", float(value.scaleb(power)), start, end, text[start:end].strip(),
                          float(_half_unit(value).scaleb(power)), currency, _qualifier(text, start), per_unit))
    return out


def find_percents(text: str, lang: str = "en") -> list[Amount]:
    """Every percentage in ``text`` ("27 percent", "27,3 %", "0.05%"), in text order."""
    out: list[Amount] = []
    for m in _PERCENT.finditer(text):
        value = parse_number(m.group("num"), lang)
        if value is None:
            continue
        out.append(Amount("percent", float(value), m.start(), m.end(), m.group(0).strip(),
                          float(_half_unit(value)), "", _qualifier(text, m.start())))
    return out
