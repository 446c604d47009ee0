"""Paragraph -> sentences -> one clause per stated figure.

Sentences end at . ! ? (or a line break) unless the dot belongs to an abbreviation or a
number: "U.S.", "EE. UU.", "$1.3 bn.", "млрд долл. США", "г." and decimals never end one.

Inside a sentence, each figure gets its own clause, cut at the last conjunction or comma
between it and the next figure ("Mexico exported $179 million to Russia | and imported
$1.301 billion from it"). A conjunction inside a country name ("Trinidad and Tobago") is
never a cut. Figures with no such word between them ("fell from $237 million in 2010 to
$179 million in 2016") share one clause.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

_END = re.compile(r"[.!?…]+[\"»”’')\]]*(?=\s|$)|\n\s*\n|\n")
_ABBREV = {
    "u.s", "u.k", "e.u", "u.s.a", "ee.uu", "ee", "uu", "mr", "mrs", "ms", "dr", "st", "no", "vs", "etc", "inc", "corp", "ltd", "co",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "aprox", "est",
    "sr", "sra", "núm", "pág", "г", "гг", "млн", "млрд", "трлн", "тыс", "долл", "руб", "т.е", "т.д", "т.к", "др", "ок",
    "прибл", "bn", "mn", "m", "b", "mill", "bill",
}
# after these, a capital letter still continues the sentence ("долл. США", "U.S. Treasury"? no: only codes)
_CONTINUES = re.compile(r"\s*(?:США|US|USA|EE\.?\s?UU\.?|UU\.)", re.IGNORECASE)


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


def sentences(text: str) -> list[Span]:
    """The sentences of ``text`` with their offsets, empty ones dropped."""
    out: list[Span] = []
    start = 0
    for m in _END.finditer(text):
        end = m.end()
        if "\n" not in m.group(0) and m.group(0).startswith(".") and not _ends_here(text, m.start(), end):
            continue
        _add(out, text, start, end)
        start = end
    _add(out, text, start, len(text))
    return out


def _ends_here(text: str, dot: int, end: int) -> bool:
    """Is the dot at ``dot`` a full stop (rather than an abbreviation or a decimal point)?"""
    word = re.search(r"([\w.]+)$", text[:dot])
    rest = text[end:]
    if not rest.strip():
        return True
    nxt = rest.lstrip()
    if word:
        w = word.group(1).lower().rstrip(".")
        if w in _ABBREV or w.replace(" ", "") in _ABBREV:
            if _CONTINUES.match(rest) or not nxt[:1].isupper():
                return False
            return w not in {"u.s", "u.k", "e.u", "ee.uu", "uu", "mr", "mrs", "ms", "dr", "st", "no", "sr", "sra"}
        if len(w) == 1 and w.isalpha() and w.isupper():  # an initial: "J. Smith"
            return False
    return nxt[:1].isupper() or nxt[:1].isdigit() or nxt[:1] in "\"«“'(¿¡—-"


def _add(out: list[Span], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    lead = len(chunk) - len(chunk.lstrip())
    s = chunk.strip()
    if s:
        out.append(Span(start + lead, start + lead + len(s), s))


# Conjunctions that start a new statement; weak words ("with", "as", "con", "с") only after a
# comma: "..., with the US taking 81%" is a new clause, "its trade with China" is not.
_BOUNDARY = re.compile(
    r"[;:]|,?\s+(?:and|while|whereas|but|y|e|mientras(?:\s+que)?|pero|aunque|и|а|но|тогда\s+как|"
    r"при\s+этом|в\s+то\s+время\s+как)\s+|,\s+(?:(?:with|as|con|с)\s+)?", re.I)
_LEADING = re.compile(r"(?:[,;:\s]|(?:and|while|whereas|but|with|as|y|e|mientras(?:\s+que)?|pero|aunque|con|и|а|но|"
                      r"тогда\s+как|при\s+этом|в\s+то\s+время\s+как)\b)+", re.IGNORECASE)


def cut_points(text: str, figures: list[tuple[int, int]], protected: list[tuple[int, int]]) -> list[int]:
    """Where to cut ``text`` so that each figure (start, end), in order, has its own clause.

    Between two figures the cut is the last conjunction (or, failing one, the last comma or
    semicolon) that is not inside a ``protected`` span (country names). Returns one cut
    offset per gap; -1 where the two figures share a clause.
    """
    cuts: list[int] = []
    for (_, a_end), (b_start, _) in itertools.pairwise(figures):
        gap = [m for m in _BOUNDARY.finditer(text, a_end, b_start)
               if not any(p0 <= m.start() < p1 for p0, p1 in protected)]
        words = [m for m in gap if m.group(0).strip(" ,;:") and not re.fullmatch(r",\s+(?:with|as|con|с)\s+", m.group(0), re.I)]
        best = (words or gap or [None])[-1]
        cuts.append(best.start() if best is not None else -1)
    return cuts


def clauses(text: str, figures: list[tuple[int, int]], protected: list[tuple[int, int]]) -> list[Span]:
    """One span of ``text`` per figure (figures sharing a clause get the same span)."""
    if not figures:
        return []
    cuts = cut_points(text, figures, protected)
    bounds = [0] + [c for c in cuts if c >= 0] + [len(text)]
    spans = []
    for a, b in itertools.pairwise(bounds):
        lead = _LEADING.match(text, a)
        a = lead.end() if lead else a
        spans.append(Span(a, b, text[a:b].rstrip(" ,;:")))
    out, i = [], 0
    for k, _fig in enumerate(figures):
        out.append(spans[i])
        if k < len(cuts) and cuts[k] >= 0:
            i += 1
    return out
