"""Finding countries in free text: names in any of the store's languages, aliases, codes,
adjectives, Russian case forms and typos.

    matcher = CountryMatcher.from_store(store)          # once, ~100 ms
    matcher.find("Does Mexico trade more with Guatemala or with Russia?")
    # → [Mention(8, 14, 'Mexico', ['MEX'], ...), Mention(..'Guatemala', ['GTM']), Mention(..'Russia', ['RUS'])]
    matcher.lookup("Mexcio")                            # → [Candidate('MEX', 91.7, 'fuzzy', 'mexico')]
    matcher.display("KOR", "ru")                        # → 'Южная Корея'

Where names come from (all data, plus the short hand tables in ``aliases`` and ``demonyms``):

1. ``store.country_names()``: UNTERM short and formal names in en/es/ru/fr/ar/zh, CLDR
   names, Gapminder short names, the English names IMF files give historic states and
   groups, ISO3 and ISO2 codes.
2. CLDR territory names in en/es/ru from Babel for every ISO2 code (and CLDR's World, EU
   and Eurozone for the matching IMF groups).
3. Rules that turn formal names into usable ones (``derive_names``): "Korea, Rep. of" →
   "Korea"; "Republic of Moldova" / "Estado Plurinacional de Bolivia" / "Республика
   Молдова" → the bare name; "Myanmar (Burma)" → "Myanmar" and "Burma"; "St." ↔ "Saint".
   These are "derived" names: they rank after a name the data gives verbatim.
4. ``aliases.ALIASES`` (US, UK, England, Holland, СССР, ...) and ``demonyms.DEMONYMS``.

Matching, in order, over tokens not yet taken (longest n-gram first, 1-5 tokens):

- codes written in capitals (ISO3 "MEX"; ISO2 "US" unless it is also a word, see
  ``stopwords.ISO2_NOT_CODES``); none when the whole text is in capitals;
- names, aliases and adjectives, with every Russian case form of every token;
- typos: ``rapidfuzz.process.extract`` over names of countries and historic states (never
  groups), only on tokens of 4+ letters that are not stop/question words, ordinary words of
  the HS descriptions or product words, whose first letter agrees. Scores below
  ``FUZZY_SURE`` (or close to a second country) are marked ambiguous so the engine asks back.

A name shared by several entities ranks current countries first, then IMF groups, then
historic states and World Bank aggregates; a mention is ambiguous only when two or more
*countries* share it (Korea, Congo, Virgin Islands) — two sources' codes for the same
historic state (CSK/CZS "Czechoslovakia") are alternatives, not a question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import product as cartesian
from typing import Any, Iterable, Mapping

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.names import aliases as A
from bot.names.demonyms import combining_forms
from bot.names.demonyms import forms as demonym_forms
from bot.names.inflect import ru_noun_forms
from bot.names.normalize import Token, fold, is_cyrillic, is_shouting, is_upper_word, normalize, tokenize
from bot.names.stopwords import CAPITALISED_ONLY, ISO2_NOT_CODES, ISO3_NOT_CODES, STOPWORDS

__all__ = ["CountryMatcher", "Mention", "Candidate", "derive_names",
           "FUZZY_MIN", "FUZZY_SURE", "FUZZY_MARGIN", "FUZZY_MIN_LEN"]

# --- thresholds (0-100) -----------------------------------------------------------------------
FUZZY_MIN = 85        # below this a typo candidate is dropped
FUZZY_SURE = 90       # below this (or for 4-letter words) a typo match is marked ambiguous
FUZZY_MARGIN = 4      # a second country within this many points makes the match ambiguous
FUZZY_MIN_LEN = 4     # tokens shorter than this are never matched fuzzily
FUZZY_PRE = 78        # rapidfuzz pre-filter (plain Indel ratio) before transposition-aware rescoring
LOOKUP_MIN = 75       # ``lookup`` (a single name typed in a form) accepts weaker typos, ranked

SCORE_EXACT = 100.0
SCORE_INFLECTED = 95.0
SCORE_DEMONYM = 90.0
SCORE_DERIVED = 98.0

MAX_NGRAM = 8           # exact names up to 8 words ("Democratic People's Republic of Korea")
MAX_INFLECTED = 4       # Russian case forms: n-grams up to 4 words
KIND_RANK = {"country": 0, "group": 1, "historic": 2, "other": 3}
_ARTICLES = re.compile(r"\s*\((?:the|el|la|los|las|l'|le|les)\)", re.IGNORECASE)
_PAREN = re.compile(r"\s*\(([^)]*)\)")
_LATIN_OR_CYRILLIC = re.compile(r"[a-z\u0430-\u044f\u0451 ]+")


@dataclass(slots=True)
class Mention:
    start: int                 # character offsets into the original text
    end: int
    text: str                  # the surface text text[start:end]
    candidates: list[str]      # codes, best first
    score: float               # 0-100
    kind: str                  # 'name' | 'alias' | 'code' | 'demonym' | 'fuzzy'
    ambiguous: bool = False    # several candidates are plausible and the text does not decide
    key: str = ""              # the normalised name that matched

    @property
    def code(self) -> str:
        return self.candidates[0]


@dataclass(slots=True)
class Candidate:
    code: str
    score: float
    kind: str                  # as Mention.kind
    name: str = ""             # the normalised name that matched
    ambiguous: bool = False


@dataclass(slots=True)
class _Entry:
    codes: tuple[str, ...]
    kind: str
    ambiguous: bool
    score: float


@dataclass(slots=True)
class _Raw:
    """Build-time collection: code → (tier, kind) for one normalised key."""
    codes: dict[str, tuple[int, str]] = field(default_factory=dict)

    def add(self, code: str, tier: int, kind: str) -> None:
        old = self.codes.get(code)
        if old is None or tier < old[0]:
            self.codes[code] = (tier, kind)


# --- deriving usable names from formal ones ----------------------------------------------------
_OF = {"of", "the", "de", "del", "la", "los", "las", "el"}
_ARTICLE_WORDS = {"el", "la", "los", "las", "le", "les"}


def _strip_form_prefix(tokens: list[str], lang: str) -> list[str] | None:
    i = 0
    while i < len(tokens) and tokens[i] in A.FORM_WORDS:
        i += 1
    if i == 0 or i >= len(tokens):
        return None
    if lang != "ru" and tokens[i - 1] not in _OF:
        return None
    if all(t in _ARTICLE_WORDS for t in tokens[:i]):  # "El Salvador" is not "Salvador"; "The Gambia" is "Gambia"
        return None
    rest = tokens[i:]
    return rest if len("".join(rest)) >= 3 else None


_ABBREVIATIONS = {"rep": ("republic",), "dem": ("democratic",), "sts": ("states",), "fed": ("federated", "federal"),
                  "is": ("islamic",)}


def _expansions(tokens: list[str]) -> list[str]:
    """"dem rep" → ["democratic republic"]; "fed sts" → ["federated states", "federal states"]."""
    out = [[]]
    for t in tokens:
        out = [o + [e] for o in out for e in _ABBREVIATIONS.get(t, (t,))]
    return [" ".join(o) for o in out]


def derive_names(name: str, lang: str) -> list[tuple[str, int]]:
    """(normalised name, tier) pairs for one name from the data: tier 0 is the name itself,
    tier 1 the usable forms rules derive from it."""
    name = _ARTICLES.sub("", name).replace("*", "").strip()
    out: list[tuple[str, int]] = []
    full = normalize(name)
    if not full:
        return out
    out.append((full, 0))
    derived: list[str] = []
    inner = _PAREN.findall(name)
    if inner:  # "Myanmar (Burma)" → Myanmar (+ Burma below); "Cocos (Keeling) Islands" → Cocos Islands
        derived.append(normalize(_PAREN.sub("", name)))
        for part in inner:
            toks = normalize(part).split()
            if len(toks) == 1 and len(toks[0]) >= 4 and toks[0] not in A.FORM_WORDS:
                derived.append(" ".join(toks) + "\0alt")  # checked against other names later
    if "," in name and lang in ("en", "es", "ru"):  # "Korea, Rep. of" → Republic of Korea, then Korea
        head, _, tail = name.partition(",")
        tail_toks = [t for t in normalize(tail).split() if t != "of"]
        if tail_toks and all(t in A.FORM_WORDS for t in tail_toks):
            if lang == "en":
                for expansion in _expansions(tail_toks):
                    derived.append(f"{expansion} of {normalize(head)}")
                    derived.append(f"{expansion} of the {normalize(head)}")
            derived.append(normalize(head))
    for base in [full] + [d for d in derived if "\0" not in d]:
        toks = base.split()
        if lang in ("en", "es", "ru"):
            rest = _strip_form_prefix(toks, lang)
            if rest:
                derived.append(" ".join(rest))
        if lang == "en" and toks and toks[0] in ("st", "saint"):
            derived.append(" ".join(["saint" if toks[0] == "st" else "st"] + toks[1:]))
    seen = {full}
    for d in derived:
        if d and d not in seen:
            seen.add(d)
            out.append((d, 1))
    return out


# --- the matcher --------------------------------------------------------------------------------
class CountryMatcher:
    """Built once from the store (or from plain tables, for tests); then ``find``/``lookup``."""

    def __init__(self, countries: Mapping[str, Any], names: Iterable[tuple[str, str, str, str]],
                 *, ordinary_words: Iterable[str] = (), use_babel: bool = True):
        self.countries = dict(countries)
        self._kind = {code: self._kind_of(code, c) for code, c in self.countries.items()}
        raw: dict[str, _Raw] = {}
        cs_raw: dict[str, _Raw] = {}          # case-sensitive keys: letters as written ("US", "EU")
        self._iso3: dict[str, str] = {}
        self._iso2: dict[str, str] = {}
        alts: list[tuple[str, str]] = []       # parenthesised alternatives, added if not taken

        seen: set[tuple[str, str, str]] = set()

        def add_name(code: str, name: str, lang: str, kind: str, base_tier: int = 0) -> None:
            if (code, name, lang) in seen:
                return
            seen.add((code, name, lang))
            for key, tier in derive_names(name, lang):
                if key.endswith("\0alt"):
                    alts.append((key[:-4], code))
                    continue
                if tier == 0 and (len(name) <= 8 or name in A.CASE_SENSITIVE):
                    letters = " ".join(t.letters for t in tokenize(_ARTICLES.sub("", name)))
                    if name in A.CASE_SENSITIVE or (len(letters) <= 3 and is_upper_word(letters)
                                                    and key not in A.CASE_INSENSITIVE):
                        cs_raw.setdefault(letters, _Raw()).add(code, base_tier, kind)
                        continue
                raw.setdefault(key, _Raw()).add(code, base_tier + tier, kind)

        # 1. the store's names and codes
        for code, lang, name, nkind in names:
            if code not in self.countries:
                continue
            if nkind == "iso3":
                self._iso3[name.upper()] = code
            elif nkind == "iso2":
                self._iso2[name.upper()] = code
            else:
                add_name(code, name, lang, "name")
        for code, c in self.countries.items():
            for name in (getattr(c, "name", None), getattr(c, "name_es", None), getattr(c, "name_ru", None)):
                if name:
                    add_name(code, name, "xx", "name")
        # 2. CLDR via Babel
        if use_babel:
            self._add_babel(add_name)
        # 3. hand aliases
        for code, alias_names, _reason in A.ALIASES:
            if code in self.countries:
                for name in alias_names:
                    add_name(code, name, "xx" if not is_cyrillic(name) else "ru", "alias")
        # parenthesised alternatives ("Burma") only where no other entity has that name
        for key, code in alts:
            if key not in raw:
                raw.setdefault(key, _Raw()).add(code, 1, "name")
        # 4. adjectives (lowest tier: a name always wins over an adjective of the same spelling)
        for key, code in demonym_forms().items():
            if code in self.countries:
                raw.setdefault(key, _Raw()).add(code, 3, "demonym")

        self._exact: dict[str, _Entry] = {k: self._resolve(k, r) for k, r in raw.items()}
        self._exact = {k: e for k, e in self._exact.items() if e.codes}
        self._cs: dict[str, _Entry] = {k: self._resolve(k, r) for k, r in cs_raw.items()}
        for ambiguous_names, codes in A.AMBIGUOUS:
            present = tuple(c for c in codes if c in self.countries)
            if len(present) >= 1:
                for name in ambiguous_names:
                    key = normalize(name)
                    kind = self._exact[key].kind if key in self._exact else "name"
                    self._exact[key] = _Entry(present, kind, len(present) > 1, SCORE_EXACT)
        for name in A.BLOCKED:
            self._exact.setdefault(normalize(name), _Entry((), "blocked", False, 0.0))

        # Russian case forms of every Cyrillic token of every name: form → nominative token(s)
        self._lemmas: dict[str, tuple[str, ...]] = {}
        lemmas: dict[str, set[str]] = {}
        for key in self._exact:
            if not is_cyrillic(key):
                continue
            for tok in key.split():
                for form in ru_noun_forms(tok):
                    if form != tok:
                        lemmas.setdefault(form, set()).add(tok)
        self._lemmas = {f: tuple(sorted(ls)) for f, ls in lemmas.items()}
        self._name_tokens = {t for k in self._exact for t in k.split()}
        self._combining_forms = combining_forms()

        # fuzzy choices: names of countries and historic states, by token count
        self._ordinary = frozenset(fold(w) for w in ordinary_words) | STOPWORDS
        self._fuzzy_choices: dict[tuple[bool, int], list[str]] = {}   # (cyrillic, words) → choices
        self._fuzzy_target: dict[str, str] = {}                          # choice → key in _exact
        self._fuzzy_all: list[str] = []
        for key, entry in self._exact.items():
            if entry.kind in ("blocked", "demonym") or not entry.codes:
                continue
            if not any(self._kind.get(c) == "country" or c in A.HISTORIC for c in entry.codes):
                continue
            if len(key.replace(" ", "")) < FUZZY_MIN_LEN or not _LATIN_OR_CYRILLIC.fullmatch(key):
                continue
            n = key.count(" ") + 1
            cyr = is_cyrillic(key)
            if n <= 3:
                self._fuzzy_choices.setdefault((cyr, n), []).append(key)
                self._fuzzy_target[key] = key
            if cyr and n == 1:  # typos in a case form: "Россиию" → России
                for form in ru_noun_forms(key):
                    if form not in self._exact and form not in self._fuzzy_target:
                        self._fuzzy_choices[(True, 1)].append(form)
                        self._fuzzy_target[form] = key
            self._fuzzy_all.append(key)

    # --- construction helpers -----------------------------------------------------------------
    @classmethod
    def from_store(cls, store: Any, *, use_babel: bool = True) -> "CountryMatcher":
        words: set[str] = set()
        try:  # the English words of the HS descriptions: ordinary words, never read as typos
            text = fold(" ".join(p.description for p in store.products.values()))
            words.update(w for w in set(re.findall(r"[^\W\d_]{4,}", text)))
        except Exception:  # a store without products still gives a working matcher
            pass
        from bot.names.product_words import all_words as product_words
        words.update(product_words())
        return cls(store.countries, store.country_names(), ordinary_words=words, use_babel=use_babel)

    @staticmethod
    def _kind_of(code: str, c: Any) -> str:
        kind = getattr(c, "kind", None) or "country"
        if kind == "other" and code in A.HISTORIC:
            return "historic"
        return kind

    def _add_babel(self, add_name) -> None:
        try:
            from babel import Locale
        except ImportError:  # pragma: no cover - babel is a dependency
            return
        by_iso2 = {getattr(c, "iso2", None): code for code, c in self.countries.items() if getattr(c, "iso2", None)}
        for cldr, code in A.CLDR_GROUPS.items():
            if code in self.countries:
                by_iso2.setdefault(cldr, code)
        for lang in ("en", "es", "ru"):
            territories = Locale(lang).territories
            for iso2, code in by_iso2.items():
                name = territories.get(iso2)
                if name:
                    add_name(code, name, lang, "name")

    def _resolve(self, key: str, r: _Raw) -> _Entry:
        codes = r.codes
        countries = [c for c in codes if self._kind.get(c) == "country"]
        if countries:
            best = min(codes[c][0] for c in countries)
            # a derived name of a historic state or aggregate yields to a country ("Yemen")
            keep = [c for c in codes if self._kind.get(c) == "country" or codes[c][0] <= best]
        else:
            keep = list(codes)
        order = {c: i for i, c in enumerate(codes)}
        keep.sort(key=lambda c: (codes[c][0] if self._kind.get(c) == "country" or not countries else 9,
                                 KIND_RANK.get(self._kind.get(c, "other"), 3), order[c]))
        if not keep:
            return _Entry((), "name", False, 0.0)
        tier, kind = codes[keep[0]]
        n_countries = sum(1 for c in keep if self._kind.get(c) == "country")
        score = {0: SCORE_EXACT, 1: SCORE_DERIVED, 2: SCORE_DERIVED}.get(tier, SCORE_DEMONYM)
        return _Entry(tuple(keep), kind, n_countries > 1, score)

    # --- finding ---------------------------------------------------------------------------------
    def find(self, text: str) -> list[Mention]:
        """Every country mention in ``text``, non-overlapping, in text order."""
        tokens = tokenize(text)
        if not tokens:
            return []
        shouting = is_shouting(tokens)
        n = len(tokens)
        taken = [False] * n
        found: list[Mention] = []
        for size in range(min(MAX_NGRAM, n), 0, -1):
            for i in range(0, n - size + 1):
                if any(taken[i:i + size]):
                    continue
                m = self._match_span(text, tokens, i, size, shouting)
                if m is not None:
                    for j in range(i, i + size):
                        taken[j] = True
                    if m.candidates:  # blocked phrases take their tokens and give nothing
                        found.append(m)
        if not all(taken):
            found.extend(self._combining(text, tokens, taken))
        if not all(taken):
            found.extend(self._lowercase_us(text, tokens, taken, found))
        if not all(taken):
            found.extend(self._bare_possessive(text, tokens, taken))
        if not all(taken):
            found.extend(self._fuzzy_pass(text, tokens, taken))
        found.sort(key=lambda m: m.start)
        return found

    def _bare_possessive(self, text: str, tokens: list[Token], taken: list[bool]) -> list[Mention]:
        """"brazils top partners", "turkeys imports": chat English drops the apostrophe. A Latin
        word ending in -s whose stem is a one-word country name, with a word after it, is that
        country (typo matching cannot do it when the stem is also a word: turkey, brazil nut)."""
        out = []
        for i, t in enumerate(tokens[:-1]):
            if taken[i] or t.kind != "word" or len(t.norm) < 5 or not t.norm.endswith("s") or not t.norm.isascii():
                continue
            if tokens[i + 1].kind != "word":
                continue
            for size in (3, 2, 1):  # "south africas" is South Africa, never Africa
                first = i - size + 1
                if first < 0 or any(taken[first:i]) or any(tok.kind != "word" for tok in tokens[first:i]):
                    continue
                key = " ".join([tok.norm for tok in tokens[first:i]] + [t.norm[:-1]])
                entry = self._exact.get(key)
                if entry is None or entry.kind == "blocked" or not entry.codes \
                        or any(self._kind.get(c) != "country" for c in entry.codes):
                    continue
                if size == 1 and not self._single_word_ok(text, tokens, i, 1):
                    continue
                for j in range(first, i + 1):
                    taken[j] = True
                out.append(self._mention(tokens[first].start, t.end, text[tokens[first].start:t.end], entry,
                                         min(entry.score, SCORE_DERIVED), key))
                break
        return out

    def _combining(self, text: str, tokens: list[Token], taken: list[bool]) -> list[Mention]:
        """"Sino-US", "российско-китайский": the first part of a compound adjective, written
        right before a hyphen, names a country (it is a demonym)."""
        out = []
        for i, t in enumerate(tokens[:-1]):
            code = self._combining_forms.get(t.norm)
            if taken[i] or not code or code not in self.countries or text[t.end:tokens[i + 1].start] not in ("-", "‑", "–"):
                continue
            taken[i] = True
            out.append(Mention(t.start, t.end, t.text, [code], SCORE_DEMONYM, "demonym", False, t.norm))
        return out

    def _lowercase_us(self, text: str, tokens: list[Token], taken: list[bool], found: list[Mention]) -> list[Mention]:
        """Lower-case "us" is the pronoun, except where a pronoun cannot stand: "u.s.", "the us",
        and right beside another country ("vietnam us exports", "us-china trade", "mexico→us")."""
        usa = self._iso3.get("USA")
        if not usa or usa not in self.countries:
            return []
        out = []
        for i, t in enumerate(tokens):
            if taken[i] or t.norm not in ("us", "usa") or t.text not in ("us", "u.s.", "u. s.", "usa", "u.s.a."):
                continue
            prev_t = tokens[i - 1] if i > 0 else None
            next_t = tokens[i + 1] if i + 1 < len(tokens) else None
            gap_before = text[prev_t.end:t.start] if prev_t else ""
            gap_after = text[t.end:next_t.start] if next_t else ""
            # "what were us imports from china": before a trade word, after a word that takes no object
            starts_clause = prev_t is None or prev_t.norm in _NO_OBJECT_BEFORE or bool(set(gap_before) & set(":;,.!?("))
            before_trade_word = next_t is not None and next_t.norm in _TRADE_NOUNS and gap_after.isspace() and starts_clause
            # "us china trade", "quick q: us china trade": a clause that opens with "us" and a country
            before_country = (next_t is not None and any(m.start == next_t.start for m in found) and gap_after.isspace()
                              and starts_clause)
            before_trade_word = before_trade_word or before_country
            beside_country = before_trade_word or (prev_t is not None and taken[i - 1] and any(m.end == prev_t.end for m in found)
                              and set(gap_before) <= set(" -–—/→>&")) or \
                             (next_t is not None and any(m.start == next_t.start for m in found)
                              and set(gap_after) <= set("-–—/→>") and gap_after != "")
            # "usa" is no English pronoun; after an English preposition it is the country (Spanish "usa" is a verb)
            after_prep = t.norm == "usa" and prev_t is not None and prev_t.norm in ("to", "from", "with", "into", "and", "vs", "versus")
            # "between us and mexico" / "between mexico and us": one side of a named pair, never the pronoun
            starts = {m.start for m in found}
            ends = {m.end for m in found}
            in_pair = (prev_t is not None and prev_t.norm == "between" and next_t is not None and next_t.norm == "and"
                       and i + 2 < len(tokens) and tokens[i + 2].start in starts) or \
                      (prev_t is not None and prev_t.norm == "and" and i >= 3 and tokens[i - 2].end in ends
                       and any(tok.norm == "between" for tok in tokens[max(0, i - 6):i - 2]))
            if t.kind == "abbr" or (prev_t is not None and prev_t.norm == "the" and gap_before.isspace()) or beside_country \
                    or after_prep or in_pair:
                taken[i] = True
                out.append(Mention(t.start, t.end, t.text, [usa], SCORE_EXACT, "alias", False, "us"))
        return out

    def regions(self, text: str) -> list[str]:
        """Regions named in ``text`` that are no country and no group of the store ("Latin
        America", "в Латинскую Америку"), in their dictionary form: the engine says it has no
        figures for them."""
        if not hasattr(self, "_region_keys"):
            keys: dict[str, str] = {}
            for r in A.REGIONS:
                parts = normalize(r).split()
                options = [sorted(ru_noun_forms(p)) if is_cyrillic(p) else [p] for p in parts]  # "в Латинскую Америку"
                for combo in cartesian(*options):
                    keys.setdefault(" ".join(combo), r)
            self._region_keys = {k: r for k, r in keys.items() if not (k in self._exact and self._exact[k].codes)}
        tokens = tokenize(text)
        out = []
        for size in (3, 2, 1):
            for i in range(0, len(tokens) - size + 1):
                key = " ".join(t.norm for t in tokens[i:i + size])
                if key in self._region_keys:
                    out.append(self._region_keys[key])  # the dictionary form: "Латинская Америка"
        return out

    def blocked_spans(self, text: str) -> list[tuple[int, int]]:
        """Character spans of phrases that name no country although they contain one ("Latin
        America", "Mexico City", "US dollars"): words inside them are not country typos either."""
        if not hasattr(self, "_blocked_keys"):
            keys = set()
            for name in (*A.BLOCKED, *A.REGIONS):
                parts = normalize(name).split()
                options = [sorted(ru_noun_forms(p)) if is_cyrillic(p) else [p] for p in parts]
                keys |= {" ".join(combo) for combo in cartesian(*options)}
            self._blocked_keys = keys
        tokens = tokenize(text)
        out = []
        for size in (4, 3, 2, 1):
            for i in range(0, len(tokens) - size + 1):
                if " ".join(t.norm for t in tokens[i:i + size]) in self._blocked_keys:
                    out.append((tokens[i].start, tokens[i + size - 1].end))
        return out

    def codes(self, text: str) -> list[str]:
        """The best code of every mention, in text order (convenience)."""
        return [m.code for m in self.find(text)]

    def _match_span(self, text: str, tokens: list[Token], i: int, size: int, shouting: bool) -> Mention | None:
        span = tokens[i:i + size]
        if any(t.kind in ("number",) for t in span) or span[0].kind == "sym" or span[-1].kind == "sym":
            return None
        start, end = span[0].start, span[-1].end
        surface = text[start:end]
        # codes and all-capital names, case-sensitive
        if not shouting or all(t.kind == "abbr" for t in span):
            letters = " ".join(t.letters for t in span)
            entry = self._cs.get(letters)
            if entry is not None and entry.codes and text[end:end + 1] != "$":  # "US$ 5 billion"
                return Mention(start, end, surface, list(entry.codes), SCORE_EXACT,
                               "alias" if entry.kind == "alias" else "code", entry.ambiguous, letters)
            if size == 1 and not shouting and span[0].kind == "word":
                code = self._code(span[0].text)
                if code:
                    return Mention(start, end, surface, [code], SCORE_EXACT, "code", False, span[0].text)
        key = " ".join(t.norm for t in span)
        entry = self._exact.get(key)
        if entry is not None:
            if entry.kind == "blocked" or self._single_word_ok(text, tokens, i, size):
                return self._mention(start, end, surface, entry, entry.score, key)
        # Russian case forms
        if size <= MAX_INFLECTED and any(t.norm in self._lemmas for t in span):
            options = [(t.norm,) + self._lemmas.get(t.norm, ()) if self._inflectable(text, tokens, j) else (t.norm,)
                       for j, t in enumerate(span, start=i)]
            for combo in cartesian(*options):
                k = " ".join(combo)
                if k == key:
                    continue
                entry = self._exact.get(k)
                if entry is not None and (entry.codes or entry.kind == "blocked"):
                    return self._mention(start, end, surface, entry, min(entry.score, SCORE_INFLECTED), k)
        return None

    def _mention(self, start, end, surface, entry: _Entry, score: float, key: str) -> Mention:
        kind = entry.kind if entry.kind in ("alias", "demonym") else "name"
        return Mention(start, end, surface, list(entry.codes), score, kind, entry.ambiguous, key)

    def _code(self, word: str) -> str | None:
        if len(word) == 3 and word.isupper() and word not in ISO3_NOT_CODES:
            code = self._iso3.get(word)
            if code and self._kind.get(code) == "country":
                return code
        if len(word) == 2 and word.isupper() and word not in ISO2_NOT_CODES:
            code = self._iso2.get(word)
            if code and self._kind.get(code) == "country":
                return code
        return None

    def _single_word_ok(self, text: str, tokens: list[Token], i: int, size: int) -> bool:
        """A one-word name that is also a common word (ru "того") needs a capital mid-sentence."""
        if size != 1:
            return True
        t = tokens[i]
        if t.norm in CAPITALISED_ONLY or t.norm in STOPWORDS:
            return t.is_capitalized and not _sentence_initial(text, tokens, i)
        return True

    @staticmethod
    def _inflectable(text: str, tokens: list[Token], j: int) -> bool:
        t = tokens[j]
        if t.norm in STOPWORDS:
            return False
        if len(t.norm) >= 5:
            return True
        # short forms ("Кубы", "Чада") only when capitalised inside the sentence
        return t.is_capitalized and not _sentence_initial(text, tokens, j)

    # --- typos -------------------------------------------------------------------------------------
    def _fuzzy_ok(self, t: Token) -> bool:
        return (t.kind == "word" and len(t.norm) >= FUZZY_MIN_LEN and t.norm.isalpha()
                and t.norm not in self._ordinary and t.norm not in self._name_tokens
                and t.norm not in self._lemmas)

    def _fuzzy_pass(self, text: str, tokens: list[Token], taken: list[bool]) -> list[Mention]:
        out: list[Mention] = []
        n = len(tokens)
        # A writer who capitalises names mid-sentence gets typo matching on capitalised words
        # only ("benign", "spin" stay words); an all-lower-case writer gets it everywhere.
        writer_caps = any(t.kind == "word" and t.is_capitalized and not t.is_upper
                          and not _sentence_initial(text, tokens, i) for i, t in enumerate(tokens))
        for size in (3, 2, 1):
            for i in range(0, n - size + 1):
                if any(taken[i:i + size]):
                    continue
                span = tokens[i:i + size]
                if not all(t.kind == "word" for t in span):
                    continue
                if writer_caps and not span[0].is_capitalized:
                    continue
                if size == 1:
                    if not self._fuzzy_ok(span[0]):
                        continue
                else:  # an n-gram must start and end with a content word and hold a typo
                    if span[0].norm in STOPWORDS or span[-1].norm in STOPWORDS:
                        continue
                    if not any(self._fuzzy_ok(t) for t in span):
                        continue
                query = " ".join(t.norm for t in span)
                choices = self._fuzzy_choices.get((is_cyrillic(query), size))
                if not choices:
                    continue
                cands = self._fuzzy_candidates(query, choices, FUZZY_MIN)
                if not cands:
                    continue
                m = self._fuzzy_mention(text, span, query, cands)
                out.append(m)
                for j in range(i, i + size):
                    taken[j] = True
        return out

    def _fuzzy_candidates(self, query: str, choices: list[str], cutoff: float, limit: int = 5) -> list[tuple[str, float]]:
        # choices are already normalised (and so is the query, by the tokenizer): no processor per call
        hits = process.extract(query, choices, scorer=fuzz.ratio, processor=None, limit=limit, score_cutoff=FUZZY_PRE)
        out = []
        for choice, _score, _idx in hits:
            if choice[0] != query[0]:  # typos keep the first letter; "woman" never becomes Oman
                continue
            s = _typo_score(query, choice)
            if s >= cutoff:
                out.append((choice, s))
        out.sort(key=lambda x: -x[1])
        return out

    def _fuzzy_mention(self, text: str, span: list[Token], query: str, cands: list[tuple[str, float]]) -> Mention:
        best_key, best = cands[0]
        codes: list[str] = []
        for key, s in cands:
            if best - s > FUZZY_MARGIN:
                break
            for c in self._exact[self._fuzzy_target.get(key, key)].codes:
                if c not in codes:
                    codes.append(c)
        best_key = self._fuzzy_target.get(best_key, best_key)
        entry = self._exact[best_key]
        n_countries = len({c for c in codes if self._kind.get(c) == "country"})
        # short words are where real words hide ("chin", "spin"): unless capitalised, ask back
        short = len(query) < 5 or (len(query) <= 6 and not span[0].is_capitalized)
        ambiguous = entry.ambiguous or n_countries > 1 or best < FUZZY_SURE or short
        start, end = span[0].start, span[-1].end
        return Mention(start, end, text[start:end], codes, round(best, 1), "fuzzy", ambiguous, best_key)

    # --- lookup of one name (a form field, a button, a CLI argument) -------------------------------
    def lookup(self, name: str) -> list[Candidate]:
        """Candidates for one name, best first: exact name/alias/code, Russian case form,
        adjective, then typos (weaker ones too, down to ``LOOKUP_MIN``)."""
        name = name.strip()
        if not name:
            return []
        letters = re.sub(r"[\s.]", "", name)
        if letters.upper() in self._iso3 and len(letters) == 3 or letters.upper() in self._iso2 and len(letters) == 2:
            code = self._iso3.get(letters.upper()) if len(letters) == 3 else self._iso2.get(letters.upper())
            entry = self._cs.get(letters) or self._exact.get(fold(letters))
            if entry is None or code in entry.codes:
                return [Candidate(code, SCORE_EXACT, "code", letters.upper())]
        entry = self._cs.get(letters)
        if entry is not None and entry.codes:
            return [Candidate(c, SCORE_EXACT, "alias", letters, entry.ambiguous) for c in entry.codes]
        key = normalize(name)
        for k, tier in derive_names(name, "en" if not is_cyrillic(name) else "ru"):
            entry = self._exact.get(k)
            if entry is not None and entry.codes:
                score = entry.score if tier == 0 else min(entry.score, SCORE_DERIVED)
                return [Candidate(c, score, self._mention(0, 0, "", entry, 0, k).kind, k, entry.ambiguous)
                        for c in entry.codes]
        mentions = self.find(name)
        if len(mentions) == 1 and mentions[0].kind != "fuzzy" and mentions[0].end - mentions[0].start >= len(name) - 1:
            m = mentions[0]
            return [Candidate(c, m.score, m.kind, m.key, m.ambiguous) for c in m.candidates]
        if not key or len(key) < FUZZY_MIN_LEN:
            return []
        out: list[Candidate] = []
        for k, s in self._fuzzy_candidates(key, self._fuzzy_all, LOOKUP_MIN, limit=8):
            for c in self._exact[k].codes:
                if all(c != o.code for o in out):
                    out.append(Candidate(c, round(s, 1), "fuzzy", k, s < FUZZY_SURE))
        return out

    # --- display -------------------------------------------------------------------------------------
    def display(self, code: str, lang: str = "en") -> str:
        """Short familiar name for answers: 'Russia', 'South Korea', 'Estados Unidos', 'США'.

        ``aliases.DISPLAY`` first, then the store's CLDR name in that language, then English."""
        idx = {"en": 0, "es": 1, "ru": 2}.get(lang, 0)
        over = A.DISPLAY.get(code, (None, None, None))
        if over[idx]:
            return over[idx]
        c = self.countries.get(code)
        if c is None:
            return code
        local = {"es": getattr(c, "name_es", None), "ru": getattr(c, "name_ru", None)}.get(lang)
        name = local or over[0] or c.name
        return name.replace(" & ", {"es": " y ", "ru": " и "}.get(lang if local else "en", " and "))


_TRADE_NOUNS = frozenset("exports imports export import trade trading deficit surplus gdp economy fdi investment "
                         "population arms weapons exporters importers".split())
_NO_OBJECT_BEFORE = frozenset("were was are is be been of on about and or vs versus in did do does much many what how "
                              "total all compare the with between from".split())


def _sentence_initial(text: str, tokens: list[Token], i: int) -> bool:
    if i == 0:
        return True
    gap = text[tokens[i - 1].end:tokens[i].start]
    return any(ch in gap for ch in ".!?\n")


def _typo_score(a: str, b: str) -> float:
    """Indel similarity (as ``fuzz.ratio``) that counts a swap of two neighbouring letters as
    one edit, not two: "Mexcio" → "mexico" scores 91.7 rather than 83.3."""
    base = fuzz.ratio(a, b)
    if len(a) == len(b):
        osa = OSA.distance(a, b)
        lev_sub = sum(1 for x, y in zip(a, b) if x != y)
        if osa < lev_sub:  # at least one transposition
            swaps = lev_sub - osa
            indel = 2 * (osa - swaps) + swaps
            base = max(base, 100.0 * (1 - indel / (len(a) + len(b))))
    return base
