"""Finding HS products in free text and looking them up by code or words.

    pm = ProductMatcher.from_store(store)
    pm.find("How much crude oil did Mexico export to the US in 2016?")
    # → [ProductMention(9, 18, 'crude oil', ['2709', '2710', '27'], 100.0, False, 'synonym')]
    pm.lookup("gear boxes")   # → [ProductCandidate('870840', ...), ...]
    pm.lookup("HS 2709")      # → [ProductCandidate('2709', 100.0, ..., 'code')]

``find`` is precise (it runs over every question): HS codes with a keyword ("HS 2709",
"chapter 27", "capítulo 27", "глава 27", "HS2709") or in a recognisable form (6 digits,
"8708.40", a 4-digit heading that is not a year and not followed by a unit), the synonym
table ``product_words`` (with plurals and Russian case forms), and single words that are
the whole head of an HS heading ("copper", "tractors", "cheese"). Question words, units and
country names never count; words are whole tokens, so "oil" is not in "soil"/"boil" and
"wine" is not in "swine".

``lookup`` also searches the descriptions: every query word (singular or plural) must be a
whole word of the description, not negated ("not crude", "other than", "excluding");
headings whose first clause holds all the words come first and the shortest code wins
("wine" → 2204 before 220421); otherwise the description the words cover best wins
("gear boxes" → 870840 "Vehicle parts; gear boxes and parts thereof" before 8483's list).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import product as cartesian
from typing import Any, Iterable, Mapping

from rapidfuzz import fuzz, process

from bot.names.inflect import en_forms, en_singular_variants, es_forms, ru_noun_forms
from bot.names.normalize import Token, fold, is_cyrillic, normalize, tokenize
from bot.names.product_words import AMBIGUOUS_CODES, HEAD_WORDS_EXCLUDED, PRODUCT_WORDS
from bot.names.stopwords import STOPWORDS

__all__ = ["ProductMatcher", "ProductMention", "ProductCandidate"]

MAX_NGRAM = 4
SCORE_CODE = 100.0
SCORE_SYNONYM = 100.0
SCORE_INFLECTED = 95.0
SCORE_HEAD = 85.0
SCORE_BARE_CODE = 80.0
PHRASE_MARGIN = 3.0  # a description phrase whose best code leads by less than this is ambiguous
LOOKUP_FUZZY_MIN = 85

_CODE_KEYWORDS = {"hs", "heading", "subheading", "chapter", "code", "capitulo", "partida", "subpartida", "codigo",
                  "sa", "глава", "код", "позиция", "тн", "вэд", "группа", "субпозиция"}
_CHAPTER_KEYWORDS = {"chapter", "capitulo", "глава", "группа", "hs"}
_UNIT_WORDS = {"tonnes", "tonne", "tons", "ton", "t", "kg", "usd", "dollars", "dollar", "million", "billion", "mln",
               "bn", "percent", "pct", "toneladas", "dolares", "millones", "тонн", "тонны", "долларов", "млн", "млрд",
               "тыс", "years", "year", "anos", "лет", "года", "году"}
_HS_GLUED = re.compile(r"^hs(\d{2}|\d{4}|\d{6})$")

# description words that carry no product meaning
_DESC_STOP = frozenset("""
and or of the a an in on for with by to from as at its their than other others thereof whether not no nor n e c nec
including incl excluding except such similar like kind kinds heading headings subheading item items chapter used
use suitable solely principally mainly only etc i ie eg any form forms type types whose being be which
articles article parts part products product thereof accessories
""".split())
_HEAD_END = frozenset("of and or for with in from including incl whether other not than excluding containing used "
                      "on to by made obtained put suitable designed having consisting derived n".split())
_NEGATOR = re.compile(r"(?<!whether or )\b(?:not|other than|excluding|except)\b")
_WORD_RE = re.compile(r"[^\W\d_]+")


@dataclass(slots=True)
class ProductMention:
    start: int
    end: int
    text: str
    candidates: list[str]      # HS codes, best first
    score: float
    ambiguous: bool = False
    kind: str = "synonym"      # 'code' | 'synonym' | 'description'

    @property
    def code(self) -> str:
        return self.candidates[0]


@dataclass(slots=True)
class ProductCandidate:
    code: str
    score: float
    description: str
    kind: str                  # 'code' | 'synonym' | 'description' | 'fuzzy'


@dataclass(slots=True)
class _Entry:
    codes: tuple[str, ...]
    ambiguous: bool


@lru_cache(maxsize=50_000)
def _variants(word: str) -> frozenset[str]:
    return frozenset(en_singular_variants(word))


def _clauses(description: str) -> list[str]:
    return [c for c in re.split(r"[;,()]", fold(description)) if c.strip()]


def _words(s: str) -> list[str]:
    return _WORD_RE.findall(s)


class ProductMatcher:
    def __init__(self, products: Mapping[str, Any], *, country_names: Iterable[str] = ()):
        self.products = {code: p for code, p in products.items() if code.isdigit()}
        # country names (folded, up to 4 words): their words are never products ("Ivory Coast")
        keys = {normalize(n) for n in country_names}
        self._country_names = frozenset(k for k in keys if k and k.count(" ") < MAX_NGRAM)
        self._country_words = frozenset(k for k in self._country_names if " " not in k)
        # 1. synonyms, with plural / case forms
        raw: dict[str, list[str]] = {}
        ambiguous: set[str] = set()
        for codes, en, es, ru in PRODUCT_WORDS:
            present = tuple(c for c in codes if c in self.products)
            if not present:
                continue
            keys: set[str] = set()
            for phrase in en.split("|"):
                toks = normalize(phrase).split()
                if toks:
                    keys |= {" ".join(toks[:-1] + [f]) for f in en_forms(toks[-1])}
            for phrase in es.split("|"):
                toks = normalize(phrase).split()
                if toks:
                    opts = [es_forms(t) if t not in ("de", "del", "y", "la", "el") else {t} for t in toks]
                    keys |= {" ".join(c) for c in cartesian(*opts)}
            for phrase in ru.split("|"):
                key = normalize(phrase)
                if key:
                    keys.add(key)
            for key in keys:
                if key and key not in raw:
                    raw[key] = list(present)
                    if codes in AMBIGUOUS_CODES:
                        ambiguous.add(key)
        self._syn: dict[str, _Entry] = {k: _Entry(tuple(v), k in ambiguous) for k, v in raw.items()}
        lemmas: dict[str, set[str]] = {}
        for key in self._syn:
            if is_cyrillic(key):
                for tok in key.split():
                    for form in ru_noun_forms(tok, plural=True):
                        if form != tok:
                            lemmas.setdefault(form, set()).add(tok)
        self._lemmas = {f: tuple(sorted(v)) for f, v in lemmas.items()}

        # 2. description index: word variant → codes; per code its content words and head clause
        self._index: dict[str, set[str]] = {}
        self._content: dict[str, frozenset[str]] = {}
        self._head: dict[str, frozenset[str]] = {}
        self._head_noun: dict[str, str] = {}
        head_words: dict[str, list[str]] = {}
        for code, p in self.products.items():
            clauses = _clauses(p.description)
            per_clause = [self._clause_words(c) for c in clauses]
            content: set[str] = set().union(*per_clause)
            head = per_clause[0] if per_clause else set()
            self._content[code] = frozenset(content)
            self._head[code] = frozenset(head)
            noun = self._head_noun_of(clauses[0]) if clauses else ""
            if noun:
                self._head_noun[code] = noun
            for w in content:
                for v in _variants(w):
                    self._index.setdefault(v, set()).add(code)
            if len(code) <= 4:
                head_content = [w for w in head if w not in HEAD_WORDS_EXCLUDED]
                if len(head_content) == 1 and len(head) == 1 and len(head_content[0]) >= 3:
                    for v in _variants(head_content[0]) | en_forms(head_content[0]):
                        head_words.setdefault(v, []).append(code)
        self._head_words = {w: tuple(sorted(codes, key=lambda c: (len(c), c))) for w, codes in head_words.items()
                            if w not in STOPWORDS and w not in HEAD_WORDS_EXCLUDED}
        self._syn_keys = list(self._syn)

    @classmethod
    def from_store(cls, store: Any) -> "ProductMatcher":
        names = [name for _code, _lang, name, kind in store.country_names() if kind not in ("iso2", "iso3")]
        names += [c.name for c in store.countries.values()]
        return cls(store.products, country_names=names)

    @staticmethod
    def _head_noun_of(clause: str) -> str:
        """The noun a description is about: the last word before the first preposition or
        conjunction of its first clause ("Wine of fresh grapes" → wine, "Wine lees" → lees,
        "Motor cars and other motor vehicles" → cars)."""
        words = []
        for w in _words(clause):
            if w in _HEAD_END:
                break
            words.append(w)
        return words[-1] if words else ""

    @staticmethod
    def _clause_words(clause: str) -> set[str]:
        """Content words of one clause, minus those negated ("not crude", "other than X")."""
        pos = _NEGATOR.search(clause)
        if pos:
            clause = clause[:pos.start()]
        return {w for w in _words(clause) if w not in _DESC_STOP and len(w) > 1}

    # --- find --------------------------------------------------------------------------------------
    def find(self, text: str) -> list[ProductMention]:
        tokens = tokenize(text)
        n = len(tokens)
        taken = [False] * n
        for size in range(min(MAX_NGRAM, n), 1, -1):  # multi-word country names are not products
            for i in range(0, n - size + 1):
                if " ".join(t.norm for t in tokens[i:i + size]) in self._country_names:
                    for j in range(i, i + size):
                        taken[j] = True
        out: list[ProductMention] = []
        out.extend(self._find_codes(text, tokens, taken))
        for size in range(min(MAX_NGRAM, n), 0, -1):
            for i in range(0, n - size + 1):
                if any(taken[i:i + size]):
                    continue
                m = self._match_synonym(text, tokens, i, size)
                if m is not None:
                    out.append(m)
                    for j in range(i, i + size):
                        taken[j] = True
        out.extend(self._find_phrases(tokens, taken))
        for i, t in enumerate(tokens):
            if taken[i] or t.kind != "word" or t.norm in STOPWORDS or t.norm in self._country_words:
                continue
            codes = self._head_words.get(t.norm)
            if codes:
                shortest = [c for c in codes if len(c) == len(codes[0])]
                out.append(ProductMention(t.start, t.end, t.text, list(codes), SCORE_HEAD, len(shortest) > 1,
                                          "description"))
                taken[i] = True
        out.sort(key=lambda m: m.start)
        return out

    def _find_phrases(self, tokens: list[Token], taken: list[bool]) -> list[ProductMention]:
        """Multi-word phrases that stand verbatim in an HS description ("gear boxes" in
        "Vehicle parts; gear boxes and parts thereof"): the description search ranks them."""
        out: list[ProductMention] = []
        for size in (3, 2):
            for i in range(0, len(tokens) - size + 1):
                span = tokens[i:i + size]
                if any(taken[i:i + size]) or any(t.kind != "word" or t.norm in STOPWORDS or t.norm in self._country_words
                                                  for t in span):
                    continue
                phrase = " ".join(t.norm for t in span)
                found = [c for c in self.search(phrase, limit=5)
                         if re.search(rf"\b{re.escape(phrase)}", fold(c.description))]
                if not found:
                    continue
                margin = found[0].score - (found[1].score if len(found) > 1 else 0)
                out.append(ProductMention(span[0].start, span[-1].end, " ".join(t.text for t in span),
                                          [c.code for c in found], found[0].score, margin < PHRASE_MARGIN, "phrase"))
                for j in range(i, i + size):
                    taken[j] = True
        return out

    def _match_synonym(self, text: str, tokens: list[Token], i: int, size: int) -> ProductMention | None:
        span = tokens[i:i + size]
        if any(t.kind not in ("word", "abbr") for t in span):
            return None
        if size == 1 and (span[0].norm in STOPWORDS or span[0].norm in self._country_words):
            return None
        key = " ".join(t.norm for t in span)
        entry = self._syn.get(key)
        score = SCORE_SYNONYM
        if entry is None and any(t.norm in self._lemmas for t in span):
            options = [(t.norm,) + self._lemmas.get(t.norm, ()) for t in span]
            for combo in cartesian(*options):
                entry = self._syn.get(" ".join(combo))
                if entry is not None:
                    score = SCORE_INFLECTED
                    break
        if entry is None:
            return None
        start, end = span[0].start, span[-1].end
        return ProductMention(start, end, text[start:end], list(entry.codes), score, entry.ambiguous, "synonym")

    def _find_codes(self, text: str, tokens: list[Token], taken: list[bool]) -> list[ProductMention]:
        out = []
        n = len(tokens)
        for i, t in enumerate(tokens):
            if taken[i]:
                continue
            glued = _HS_GLUED.match(t.norm)
            if glued and glued.group(1) in self.products:  # "HS2709"
                out.append(ProductMention(t.start, t.end, t.text, [glued.group(1)], SCORE_CODE, False, "code"))
                taken[i] = True
                continue
            if t.norm in _CODE_KEYWORDS and i + 1 < n:
                # "HS 2709", "HS code 870840", "chapter 27", "ТН ВЭД 2709"
                j = i + 1
                while j < n and tokens[j].norm in _CODE_KEYWORDS and j - i < 3:
                    j += 1
                if j < n and tokens[j].kind == "number":
                    code = self._code_from_number(tokens[j].text, chapter_ok=t.norm in _CHAPTER_KEYWORDS
                                                  or tokens[j - 1].norm in _CHAPTER_KEYWORDS)
                    if code:
                        start, end = t.start, tokens[j].end
                        out.append(ProductMention(start, end, text[start:end], [code], SCORE_CODE, False, "code"))
                        for k in range(i, j + 1):
                            taken[k] = True
                continue
        for i, t in enumerate(tokens):
            if taken[i] or t.kind != "number":
                continue
            digits = re.sub(r"[.,]", "", t.text)
            nxt = tokens[i + 1].norm if i + 1 < n else ""
            before = text[max(0, t.start - 2):t.start]
            if nxt in _UNIT_WORDS or "$" in before or "€" in before or text[t.end:t.end + 1] == "%":
                continue
            dotted = "." in t.text
            if dotted and not re.fullmatch(r"\d{4}\.\d{2}|\d{2}\.\d{2}", t.text):
                continue
            if "," in t.text:
                continue
            if len(digits) == 6 or (dotted and len(digits) in (4, 6)):
                code = digits if digits in self.products else None
                score = SCORE_CODE
            elif len(digits) == 4 and not 1900 <= int(digits) <= 2100:
                code = digits if digits in self.products else None
                score = SCORE_BARE_CODE
            else:
                code = None
            if code:
                out.append(ProductMention(t.start, t.end, t.text, [code], score, False, "code"))
                taken[i] = True
        return out

    def _code_from_number(self, s: str, chapter_ok: bool) -> str | None:
        digits = re.sub(r"[.,\s]", "", s)
        if len(digits) == 1 and chapter_ok:
            digits = "0" + digits
        if len(digits) == 2 and not chapter_ok:
            return None
        if len(digits) in (2, 4, 6) and digits in self.products:
            return digits
        if len(digits) == 3 or len(digits) == 5:  # a dropped leading zero: "HS 901" → 0901
            padded = "0" + digits
            if padded in self.products:
                return padded
        return None

    # --- lookup ------------------------------------------------------------------------------------
    def lookup(self, words: str, limit: int = 10) -> list[ProductCandidate]:
        """HS code(s) for a code ("870840", "HS 2709", "chapter 27") or for words ("gear boxes",
        "crude oil", "нефть", "vino"), best first."""
        words = words.strip()
        if not words:
            return []
        for m in self._find_codes(words, tokenize(words), [False] * len(tokenize(words))):
            return [self._cand(m.code, SCORE_CODE, "code")]
        digits = re.sub(r"[.\s]", "", words)
        if digits.isdigit():
            code = self._code_from_number(digits, chapter_ok=True)
            return [self._cand(code, SCORE_CODE, "code")] if code else []
        tokens = tokenize(words)
        key = " ".join(t.norm for t in tokens)
        if key in self._syn:
            return [self._cand(c, SCORE_SYNONYM, "synonym") for c in self._syn[key].codes]
        m = self._match_synonym(words, tokens, 0, len(tokens)) if tokens else None
        if m is not None:
            return [self._cand(c, m.score, "synonym") for c in m.candidates]
        found = self.search(key, limit=limit)
        if found:
            return found
        hit = process.extractOne(key, self._syn_keys, scorer=fuzz.ratio, score_cutoff=LOOKUP_FUZZY_MIN)
        if hit:
            return [self._cand(c, round(hit[1], 1), "fuzzy") for c in self._syn[hit[0]].codes]
        return []

    def search(self, words: str, limit: int = 10) -> list[ProductCandidate]:
        """Description search: codes whose description holds every word (whole words)."""
        query = [w for w in _words(fold(words)) if w not in _DESC_STOP and w not in STOPWORDS]
        if not query:
            return []
        sets = []
        for w in query:
            codes: set[str] = set()
            for v in _variants(w) | en_forms(w):
                codes |= self._index.get(v, set())
            if not codes:
                return []
            sets.append(codes)
        hits = set.intersection(*sets)
        qvars = [(_variants(w) | en_forms(w)) for w in query]

        def covered(words_set: frozenset[str]) -> bool:
            expanded = {v for w in words_set for v in _variants(w)}
            return all(qv & expanded for qv in qvars)

        ranked = []
        for code in hits:
            content = self._content[code]
            if not covered(content):  # matched only through a negated clause
                continue
            head = covered(self._head[code])
            noun = head and bool(qvars[-1] & _variants(self._head_noun.get(code, "")))
            coverage = len(query) / max(len(content), 1)
            if head:  # the first clause names it: shortest code first ("wine" → 2204, not 220421)
                key = (0 if noun else 1, len(code), -coverage)
            else:     # mentioned further on: the description the words cover best
                key = (2, -round(coverage, 3), len(code))
            ranked.append((key, code, head, coverage))
        ranked.sort()
        out = []
        last = 100.0
        for _key, code, head, coverage in ranked[:limit]:
            score = round(min(last, (90 if head else 60) + 10 * min(coverage, 1.0)), 1)  # follows the rank
            last = score
            out.append(self._cand(code, score, "description"))
        return out

    def _cand(self, code: str, score: float, kind: str) -> ProductCandidate:
        p = self.products.get(code)
        return ProductCandidate(code, score, p.description if p else "", kind)
