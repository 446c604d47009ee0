"""One normalisation for every name matcher, and a tokenizer that keeps character offsets.

``fold(s)``        casefold, strip accents from Latin letters (é→e, ñ→n, ß→ss), keep Cyrillic
                   letters as they are except ё→е (й stays й), unify quotes and dashes.
``tokenize(text)`` words, numbers and dotted abbreviations with their offsets in the ORIGINAL
                   text; punctuation separates tokens (apostrophes and hyphens too, so
                   "Mexico's" → mexico + s and "Guinea-Bissau" → guinea + bissau).
``normalize(s)``   the folded tokens joined by single spaces: the key under which names are
                   stored and text n-grams are looked up ("Côte d’Ivoire" → "cote d ivoire",
                   "Bosnia & Herzegovina" → "bosnia and herzegovina", "U.S." → "us").

Codes survive: "8708.40" stays one token, "U.S." / "EE. UU." become one abbreviation token
("us" / "eeuu") whose ``letters`` keep the original case ("US", "EEUU") for case-sensitive
code matching.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Token", "fold", "normalize", "tokenize", "is_cyrillic", "is_upper_word", "is_shouting"]

# Characters that are not plain letters but should read as one: quotes, dashes, spaces.
_PUNCT_MAP = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u02bc": "'", "\u02b9": "'", "`": "'", "\u00b4": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ",
}
_SPECIAL = {"ß": "ss", "ẞ": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o", "đ": "d",
            "Đ": "d", "ł": "l", "Ł": "l", "ı": "i", "þ": "th", "Þ": "th", "ð": "d", "Ð": "d",
            "ё": "е", "Ё": "е"}


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in list(range(0x00C0, 0x0250)) + list(range(0x1E00, 0x1F00)):
        ch = chr(cp)
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        if base and base != ch and base.isascii():
            table[cp] = base
    for ch, rep in {**_PUNCT_MAP, **_SPECIAL}.items():
        table[ord(ch)] = rep
    # free-standing combining marks (decomposed input) vanish, except the breve that makes й
    for cp in range(0x0300, 0x0370):
        if cp != 0x0306:
            table[cp] = ""
    return table


_TABLE = _build_table()


def fold(s: str) -> str:
    """Casefold + accent-strip (Latin only) + ё→е + unified quotes and dashes. Length may change."""
    s = s.translate(_TABLE).casefold()
    if "\u0306" in s:  # decomposed й (и + combining breve) → й
        s = unicodedata.normalize("NFC", s).replace("\u0306", "")
    return s.translate(_TABLE)  # casefold can produce new accented letters (rare)


_fold_cached = lru_cache(maxsize=200_000)(fold)


@dataclass(frozen=True, slots=True)
class Token:
    start: int      # offset of the first character in the original text
    end: int        # offset after the last character
    text: str       # the original characters
    norm: str       # folded form ("mexico", "us", "8708.40")
    kind: str       # 'word' | 'number' | 'abbr' | 'sym'

    @property
    def letters(self) -> str:
        """The original characters without dots and spaces ("U.S." → "US", "EE. UU." → "EEUU")."""
        return self.text.replace(".", "").replace(" ", "") if self.kind == "abbr" else self.text

    @property
    def is_upper(self) -> bool:
        return is_upper_word(self.letters)

    @property
    def is_capitalized(self) -> bool:
        return self.text[:1].isupper()


_WORD = r"(?:[^\W_]|[\u0300-\u036f])+"
_TOKEN_RE = re.compile(
    r"(?P<abbr>(?<![^\W_])[^\W\d_]{1,2}\.(?:\s?[^\W\d_]{1,2}\.)+(?![^\W_]))"  # U.S. / U.K. / EE. UU. / e.g.
    r"|(?P<number>\d+(?:[.,]\d+)*(?![^\W_]))"                                      # 2016, 8708.40, 1,5
    rf"|(?P<word>{_WORD})"                                                       # words (may mix digits: hs2709)
    r"|(?P<sym>&)"
)


def tokenize(text: str) -> list[Token]:
    """Tokens with offsets into ``text``; punctuation (incl. apostrophes, hyphens) separates."""
    out = []
    for m in _TOKEN_RE.finditer(text):
        kind = m.lastgroup
        raw = m.group()
        if kind == "abbr":
            norm = _fold_cached(raw.replace(".", "").replace(" ", ""))
        elif kind == "sym":
            norm = "and"
        else:
            norm = _fold_cached(raw)
        out.append(Token(m.start(), m.end(), raw, norm, kind))
    return out


def normalize(s: str) -> str:
    """The lookup key of a name or phrase: folded tokens joined by single spaces."""
    return " ".join(t.norm for t in tokenize(s))


def is_cyrillic(s: str) -> bool:
    return any("\u0400" <= c <= "\u04ff" for c in s)


def is_upper_word(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def is_shouting(tokens: list[Token]) -> bool:
    """True when the text is written in capitals (then upper case says nothing about codes)."""
    letters = [c for t in tokens if t.kind in ("word", "abbr") for c in t.text if c.isalpha()]
    if len(letters) < 12:
        return False
    upper = sum(c.isupper() for c in letters)
    return upper / len(letters) > 0.7
