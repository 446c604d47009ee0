"""Years in a question, however people write them: "2016", "in '16", "2007-2016",
"2015-19", "2016/17", "from 2010 to 2015", "since 2015", "last 5 years", "over the past
decade", "the 1990s", "los años 90", "в 1990-е годы".

The parser knows no data: "last N years" and "since Y" stay relative (``YearSpec.last_n``,
``YearSpec.since``) and the intents count them back from the latest year the store has.
A two-digit year is read as 20yy up to 2040 and 19yy above ("'98" is 1998): the store's
figures start in 1950. "2016/17" is a split year, read as the range 2016–2017 (the store
is annual; the answer shows both years rather than guessing which one was meant).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.engine.vocabulary import fold

_Y4 = r"(?:1[89]\d\d|20\d\d)"
_YA = r"['’‘`]\d\d"  # '16
_Y = rf"(?:{_Y4}|{_YA})"
_SEP = r"(?:-|–|—|/|to|a|al|hasta|по|до|and|y|и|through|thru)"
_RANGE = re.compile(rf"(?<![\d'’‘`])({_Y})\s*{_SEP}\s*({_Y})(?![\d'’])", re.I)
_SHORT_RANGE = re.compile(rf"(?<![\d'’‘`])({_Y4})\s*(?:-|–|—|/)\s*(\d\d)(?![\d'’])")
_FROM_TO = re.compile(rf"(?:from|between|de|desde|entre|с|со|между)\s+(?:el\s+|the\s+|year\s+|año\s+)?({_Y})\s*(?:года|год|г\.?)?\s*"
                      rf"(?:to|and|a|al|hasta|y|по|до|и|through|until|till)\s+(?:el\s+)?({_Y})(?![\d'’])", re.I)
_SINCE = re.compile(rf"(?:since|from|desde|с|со|начиная с|после)\s+(?:el\s+|the\s+|year\s+|año\s+)?({_Y})"
                    rf"(?![\d'’]|\s*(?:-|–|to|a|al|по|до|hasta|and|y|и)\s*\d)", re.I)
_YEAR = re.compile(rf"(?<![\d.,'’‘`])({_Y4})(?![\d.,]\d)")
_APOS_YEAR = re.compile(rf"(?<![\w'’‘`])({_YA})(?![\d'’]|s\b)")
# decades: "1990s", "the 90s", "'90s", "1990's"; "años 90", "década de 1990", "los noventa" is not handled
_DECADE_EN = re.compile(r"(?<![\w])['’]?((?:1[89]|20)?\d0)['’]?s\b", re.I)
_DECADE_ES = re.compile(r"(?:anos|decada de(?: los)?)\s+((?:1[89]|20)?\d0)(?![\d\w])")
_DECADE_RU = re.compile(r"(?<![\d\w])((?:1[89]|20)?\d0)-?(?:е|х|ые|ых)(?![\w])")

_NUM_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "fifteen": 15, "twenty": 20,
    "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10,
    "quince": 15, "veinte": 20,
    "два": 2, "двух": 2, "три": 3, "трех": 3, "четыре": 4, "четырех": 4, "пять": 5, "пяти": 5, "шесть": 6,
    "шести": 6, "семь": 7, "семи": 7, "восемь": 8, "восьми": 8, "девять": 9, "девяти": 9, "десять": 10, "десяти": 10,
    "пятнадцать": 15, "пятнадцати": 15, "двадцать": 20, "двадцати": 20,
}
_N = r"(\d{1,2}|" + "|".join(sorted(_NUM_WORDS, key=len, reverse=True)) + ")"
_LAST_N = re.compile(rf"(?:last|past|previous|recent|ultimos|ultimas|последние|последних|прошедшие)\s+{_N}\s+"
                     r"(years?|anos?|лет|года?|decades?|decadas?|десятилети[яей])", re.I)
_LAST_DECADE = re.compile(r"(?:last|past|previous|recent)\s+decade|(?:ultima|pasada)\s+decada|decada pasada|"
                          r"последнее десятилетие|последние десять лет|за десятилетие")


@dataclass
class YearSpec:
    """What the question says about time."""

    years: list[int] = field(default_factory=list)
    is_range: bool = False
    last_n: int | None = None  # "last N years": resolved against the store
    since: int | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)


def _year(s: str) -> int:
    """'16 -> 2016, '98 -> 1998, 2016 -> 2016."""
    if s[0].isdigit():
        return int(s)
    yy = int(s[1:])
    return 2000 + yy if yy <= 40 else 1900 + yy


def _decade_start(s: str) -> int:
    if len(s) == 4:
        return int(s)
    d = int(s)  # "90" -> 1990, "00" / "10" -> 2000 / 2010
    return 2000 + d if d <= 40 else 1900 + d


def _span(a: int, b: int) -> list[int]:
    a, b = sorted((a, b))
    return list(range(a, b + 1))


def parse_years(text: str) -> YearSpec:
    """Years, ranges and relative periods in ``text`` (the first pattern that applies wins,
    most specific first)."""
    listed = sorted({int(y.group(1)) for y in _YEAR.finditer(text)})
    if len(listed) >= 3 and not _FROM_TO.search(text):  # "2015, 2016 and 2017": those years, not a range of the last two
        return YearSpec(listed, False, spans=[y.span() for y in _YEAR.finditer(text)])
    m = _FROM_TO.search(text) or _RANGE.search(text)
    if m:
        return YearSpec(_span(_year(m.group(1)), _year(m.group(2))), True, spans=[m.span()])
    m = _SHORT_RANGE.search(text)
    if m:
        start = int(m.group(1))
        end = start // 100 * 100 + int(m.group(2))
        if end > start:
            return YearSpec(_span(start, end), True, spans=[m.span()])
    m = _SINCE.search(text)
    if m:
        return YearSpec([], True, since=_year(m.group(1)), spans=[m.span()])
    folded = fold(text)
    m = _LAST_N.search(folded)
    if m:
        raw = m.group(1).lower()
        n = int(raw) if raw.isdigit() else _NUM_WORDS[raw]
        if m.group(2).startswith(("decad", "десятилет")):
            n *= 10
        return YearSpec([], True, last_n=n, spans=[m.span()])
    if _LAST_DECADE.search(folded):
        return YearSpec([], True, last_n=10)
    for pattern, source in ((_DECADE_EN, text), (_DECADE_ES, folded), (_DECADE_RU, folded)):
        m = pattern.search(source)
        if m:
            start = _decade_start(m.group(1))
            if 1900 <= start <= 2090:
                return YearSpec(list(range(start, start + 10)), True, spans=[m.span()])
    found = [(int(y.group(1)), y.span()) for y in _YEAR.finditer(text)]
    found += [(_year(y.group(1)), y.span()) for y in _APOS_YEAR.finditer(text)]
    years = sorted({y for y, _ in found})
    return YearSpec(years, False, spans=[s for _, s in found])

