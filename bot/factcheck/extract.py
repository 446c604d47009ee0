"""Text -> the trade and investment claims it makes, one ``Claim`` per stated figure.

Every claim is anchored on a figure written in the text (a money amount, a share, a change,
a multiple, a rank): no figure, no claim. Countries, flow, years and product come from the
engine's own parser (``bot.engine.parse``) run on the figure's clause, so the fact-check
reads "Mexico's exports to Russia" exactly as ``ask`` does.

What a clause leaves out is carried over from the claim before it, as a reader would:
"Mexico exported $179 million to Russia and imported $1.301 billion from it" gives the second
claim Mexico, Russia and 2016. Across sentences only when the new sentence still speaks of
trade ("Imports reached $1.38 billion."); "Oil prices rose 25%." after a trade sentence
names no trade and is left alone. A figure whose countries cannot be found is not a claim
we can read, so it is skipped rather than guessed.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from bot.engine import parse as parser
from bot.engine.parse import (
    _flow as flow_of_concepts,  # the parser's own flow reading, reused
)
from bot.engine.vocabulary import concepts_of, tokenize
from bot.factcheck import markers
from bot.factcheck.amounts import Amount, find_money, find_percents
from bot.factcheck.markers import Marker
from bot.factcheck.sentences import Span, clauses, sentences

MAX_TEXT = 6000  # characters read; the rest is ignored (and the report says so)
MAX_CLAIMS = 30

_TRADE_CONCEPTS = {"export", "import", "trade", "balance", "surplus", "deficit", "fdi", "gdp", "partners", "market",
                   "supplier"}
_YEAR = re.compile(r"(?<![\d.,$€])(1[89]\d\d|20\d\d)(?![\d]|[.,]\d)")
_WORLD = re.compile(r"\b(?:total|overall|all\s+(?:its|their)|in\s+all|world(?:wide)?|globally|totales|en\s+total|"
                    r"al\s+mundo|mundiales|общ\w+|всего|в\s+мир|совокупн\w+)\b", re.IGNORECASE)
_YEAR_RANGE = re.compile(r"\b(?:between|from|entre|de|desde|с|со|между)\s+(?:19|20)\d\d\s*(?:года?|г\.)?\s*"
                         r"(?:and|to|y|a|al|hasta|по|до|и)\s+(?:19|20)\d\d\b", re.IGNORECASE)
_JOINED = re.compile(r"\s+(?:and|y|e|и)\s+", re.IGNORECASE)  # "between Mexico and Russia": one pair, not two clauses
_BASE_YEAR = re.compile(r"\b(?:than|compared\s+(?:with|to)|versus|que|frente\s+a|respecto\s+(?:a|de)|чем|по\s+сравнению\s+с)"
                        r"\s+(?:in|en|в|с)?\s*(?:19|20)\d\d", re.IGNORECASE)
_OF_PRODUCT = re.compile(r"\s*(?:(?:worth|in|en|de)\s+)?(?:of|de|en|в\s+виде)?\s*(?:the\s+)?", re.I)
_RANK_WORD = {"en": "rank", "es": "puesto", "ru": "место"}
# an adjective of origin on the goods: "bought $644 million of Mexican goods", "productos mexicanos"
_GOODS = re.compile(r"^\s*(?:goods|products|merchandise|exports|bienes|productos|mercanc[ií]as|товар\w*|продукци\w*)\b|"
                    r"(?:goods|products|bienes|productos|mercanc[ií]as|товар\w*|продукци\w*)\s*$", re.IGNORECASE)
_PRONOUN = re.compile(r"\b(?:it|them|the\s+country|ese\s+pa[ií]s|dicho\s+pa[ií]s|ella|él|ellos|ним|не[её]|него|"
                      r"этой\s+стран\w*|туда|оттуда)\b", re.IGNORECASE)


@dataclass
class Claim:
    """One checkable statement, as read from the text (ISO3 codes, the engine's flow names).

    ``kind``: ``value`` (a money amount), ``share`` (percent of a flow), ``rank`` (place among
    partners), ``growth`` (``claimed`` is a percent change when ``figure.kind`` is percent,
    else a ratio new/old). ``metric``: ``trade``, ``balance``, ``fdi`` or ``gdp``.
    ``problem``: why it cannot be checked whatever the store holds (a euro amount, a
    part-year period, services), said in the report.
    """

    kind: str
    metric: str
    reporter: str | None
    partner: str | None
    flow: str | None
    years: list[int]
    product: str | None
    claimed: float
    figure: Amount | Marker
    quote: str
    sentence: str
    lang: str
    since: int | None = None
    year_given: bool = True
    direction: int = 0  # growth in percent: +1 rose, -1 fell
    fdi_metric: str | None = None  # fdi_inflow | fdi_outflow (country totals)
    problem: str | None = None
    problem_detail: str = ""
    inherited: list[str] = field(default_factory=list)  # fields taken from the previous claim

    def to_dict(self) -> dict:
        fig = self.figure
        claimed = {"text": fig.text, "value": self.claimed, "kind": fig.kind,
                   "unit": {"value": getattr(fig, "currency", "USD"), "share": "percent", "rank": "place",
                            "growth": "percent" if fig.kind == "percent" else "ratio"}[self.kind],
                   "qualifier": fig.qualifier}
        if isinstance(fig, Amount):
            claimed["rounding"] = fig.half_unit
        return {"kind": self.kind, "metric": self.metric, "reporter": self.reporter, "partner": self.partner,
                "flow": self.flow, "years": self.years, "year_given": self.year_given, "since": self.since,
                "product": self.product, "claimed": claimed, "quote": self.quote, "sentence": self.sentence,
                "problem": self.problem, "inherited": self.inherited}


@dataclass
class Extraction:
    claims: list[Claim]
    lang: str
    truncated: bool = False
    too_many: bool = False


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    """Blank out money amounts (same length, so offsets hold) before the parser reads a clause."""
    chars = list(text)
    for a, b in spans:
        for i in range(max(0, a), min(len(chars), b)):
            chars[i] = " "
    return "".join(chars)


def _figures(sentence: str, lang: str) -> list[tuple[str, Amount | Marker, int]]:
    """(kind, figure, direction) for every claim-bearing figure of a sentence, in order."""
    found: list[tuple[str, Amount | Marker, int]] = []
    money = [a for a in find_money(sentence, lang) if not a.per_unit]
    for a in money:
        found.append(("value", a, 0))
    for p in find_percents(sentence, lang):
        if any(a.start <= p.start < a.end for a in money):
            continue
        role, direction = markers.percent_role(sentence, p.start, p.end)
        if role == "change":
            found.append(("growth", p, direction))
        elif role in ("share", "gdp"):
            found.append(("share" if role == "share" else "gdp_share", p, 0))
    for r in markers.find_ranks(sentence):
        found.append(("rank", r, 0))
    for m in markers.find_multiples(sentence):
        found.append(("growth", m, 0))
    for f in markers.find_fractions(sentence):
        found.append(("share", f, 0))
    found.sort(key=lambda f: f[1].start)
    out: list[tuple[str, Amount | Marker, int]] = []
    for f in found:  # a figure inside another ("27%" inside a rank phrase) counts once
        if out and f[1].start < out[-1][1].end:
            continue
        out.append(f)
    return out


def _partner_marked(ref: parser.CountryRef, flow: str | None) -> bool:
    """A lone country in a clause is the partner when its preposition says so ("to Russia",
    "from China" after imports, "в Россию"): the parser's rule for roles, applied to one name."""
    if ref.marker in ("to", "with"):
        return True
    if ref.marker == "from":
        return flow == "import"
    if ref.marker == "de":
        return flow in ("import", "total", "balance")
    if ref.marker == "in":
        return flow in ("export", "total", "balance", None)
    return False


def _nearest_flow(text: str, position: int) -> str | None:
    """A clause with both an export and an import word ("exportó ... y le compró"): the flow word
    closest before the figure (after it when none comes before) is the figure's."""
    flows = [(t.start, c) for t in tokenize(text) for c in ("export", "import") if c in concepts_of(t.text)]
    before = [f for f in flows if f[0] < position]
    pick = before[-1] if before else (flows[0] if flows else None)
    return pick[1] if pick else None


def _metric(concepts: set[str], flow: str | None) -> str:
    if "fdi" in concepts:
        return "fdi"
    if "gdp" in concepts and not concepts & {"export", "import", "trade"}:
        return "gdp"
    if flow == "balance":
        return "balance"
    return "arms" if "arms" in concepts else "trade"


def _goods_of(text: str, ref: parser.CountryRef) -> bool:
    """Is this name the origin of the goods ("Mexican goods", "US goods", "productos mexicanos")?
    A demonym may follow the noun (Spanish, Russian); a plain name only precedes it."""
    after = text[ref.end:ref.end + 20]
    after = after[2:] if after[:2] in ("'s", "’s") else after
    if _GOODS.match(after):
        return True
    return ref.marker == "demonym" and bool(_GOODS.search(text[max(0, ref.start - 20):ref.start]))


def _years(text: str) -> list[tuple[int, int]]:
    return [(int(m.group(1)), m.start()) for m in _YEAR.finditer(text)]


def _pick_year(years: list[tuple[int, int]], position: int, order: int, count: int) -> int | None:
    """The year a money figure (at ``position`` in its clause) speaks of: paired in order when a
    clause lists as many years as amounts ("from $237 million in 2010 to $179 million in 2016"),
    else the nearest one (the later on a tie)."""
    distinct: list[tuple[int, int]] = []
    for y, pos in years:
        if y not in [d[0] for d in distinct]:
            distinct.append((y, pos))
    if not distinct:
        return None
    if len(distinct) == count and count > 1:
        return distinct[order][0]
    return min(distinct, key=lambda yp: (abs(yp[1] - position), -yp[0]))[0]


@dataclass
class _Prev:
    """What the previous claim said, for the next one to carry over."""

    reporter: str | None
    partner: str | None
    flow: str | None
    years: list[int]
    metric: str


@dataclass
class _Reading:
    """One clause as the engine's parser reads it, with the figure blanked out."""

    clause: str
    offset: int  # where the clause starts in its sentence
    masked: str
    concepts: set[str]
    refs: list[parser.CountryRef]
    flow: str | None
    query: object
    since: int | None


class Extractor:
    """Finds claims with one engine's name matchers (``engine.countries``/``engine.products``)."""

    def __init__(self, engine) -> None:
        self.engine = engine

    def extract(self, text: str, lang: str | None = None) -> Extraction:
        text = (text or "").replace("\x00", " ")
        truncated = len(text) > MAX_TEXT
        text = text[:MAX_TEXT]
        detected = parser.detect_language(text, "en") if text.strip() else "en"
        lang = lang if lang in ("en", "es", "ru") else detected
        claims: list[Claim] = []
        prev: _Prev | None = None
        for sent in sentences(text):
            new, prev = self._sentence(sent.text, lang, detected, prev)
            claims.extend(new)
        return Extraction(claims[:MAX_CLAIMS], lang, truncated, len(claims) > MAX_CLAIMS)

    def _sentence(self, s: str, lang: str, text_lang: str, prev: _Prev | None) -> tuple[list[Claim], _Prev | None]:
        figs = _figures(s, text_lang)
        if not figs:
            return [], prev
        mentions = self.engine.countries.find(s)
        protected = [(m.start, m.end) for m in mentions] + [m.span() for m in _YEAR_RANGE.finditer(s)]
        protected += [(a.end, b.start) for a, b in itertools.pairwise(mentions) if _JOINED.fullmatch(s[a.end:b.start])]
        spans = clauses(s, [(f[1].start, f[1].end) for f in figs], protected)
        money_spans = [(f[1].start, f[1].end) for f in figs if f[0] == "value"]
        out: list[Claim] = []
        for (kind, fig, direction), span in zip(figs, spans):
            money_here = [f[1] for f, sp in zip(figs, spans) if sp == span and f[0] == "value"]
            reading = self._read(s, span, kind, fig, money_spans, lang)
            claim = self._claim(s, reading, kind, fig, direction, money_here, lang, prev, first=not out)
            if claim is not None:
                out.append(claim)
                prev = _Prev(claim.reporter, claim.partner, claim.flow, claim.years, claim.metric)
        sentence_years = {y for y, _ in _years(s)}
        if len(sentence_years) == 1:  # "Italy's trade with Germany, its top partner, came to $142.3 billion in 2019"
            (year,) = sentence_years
            for claim in out:
                if not claim.years and not claim.since and claim.kind != "growth":
                    claim.years, claim.year_given = [year], True
                    claim.inherited.append("years")
        return out, prev

    def _read(self, s: str, span: Span, kind: str, fig, money_spans: list[tuple[int, int]], lang: str) -> _Reading:
        clause = s[span.start:span.end]
        fig_start = fig.start - span.start
        masked = _mask(clause, [(a - span.start, b - span.start) for a, b in money_spans if span.start <= a < span.end])
        if kind == "rank":
            # a rank word up front makes the parser read the clause as a rank question (its share/rank
            # roles: "China is Brazil's biggest customer" -> Brazil's partner China), whatever words
            # the article used for the place ("the largest", "principal", "крупнейшим")
            masked = _RANK_WORD.get(parser.detect_language(masked, lang), "rank") + " " + masked
        p = parser.parse(masked, self.engine.countries, self.engine.products)
        refs = [r for i, r in enumerate(p.countries) if r.code not in {o.code for o in p.countries[:i]}]  # each once
        concepts = set(p.concepts)
        flow = flow_of_concepts(concepts)
        if {"export", "import"} <= concepts and "trade" not in concepts:
            flow = _nearest_flow(masked, fig_start + len(masked) - len(clause)) or flow
        return _Reading(clause, span.start, masked, concepts, refs, flow, p.query, p.since)

    def _claim(self, s: str, r: _Reading, kind: str, fig, direction: int, money_here: list, lang: str,
               prev: _Prev | None, first: bool) -> Claim | None:
        has_cue = bool(r.concepts & _TRADE_CONCEPTS) or kind == "rank"
        if not has_cue and (prev is None or first):
            return None  # no trade word, nothing to carry over: "Oil prices rose 25%."
        # carry-over: always inside a sentence; into a new one only when it still speaks of trade
        carry = prev if prev is not None and (not first or has_cue) else None
        metric = _metric(r.concepts, r.flow)
        inherited: list[str] = []
        roles = self._roles(r, kind, metric, carry, first, inherited)
        if roles is None:
            return None
        reporter, partner, fdi_metric = roles
        flow = r.flow
        if metric == "trade" and "with" in r.concepts and flow is None and partner:
            flow = "total"
        if flow is None and carry and carry.flow and metric == carry.metric:
            flow = carry.flow
            inherited.append("flow")
        if flow is None:
            if kind == "rank" or (partner and r.concepts & {"trade", "partners"}):
                flow = "total"
            elif metric == "trade":
                return None  # a figure with countries but no trade word: not a trade claim
        years, since = (self._growth_years(r, carry, inherited) if kind == "growth"
                        else self._value_years(r, fig, money_here, carry, inherited))
        product = self._product(r, fig)
        claimed = float(fig.value) * (direction or 1) if kind == "growth" and fig.kind == "percent" else float(fig.value)
        if metric == "balance" and kind == "value" and "deficit" in r.concepts:
            claimed = -abs(claimed)
        claim = Claim(kind="share" if kind == "gdp_share" else kind, metric=metric, reporter=reporter,
                      partner=None if partner == "WLD" else partner, flow=flow, years=years, product=product,
                      claimed=claimed, figure=fig, quote=r.clause.strip(), sentence=s, lang=lang, since=since,
                      year_given=bool(years) or bool(since), direction=direction, fdi_metric=fdi_metric,
                      inherited=inherited)
        self._problems(claim, r.clause, kind)
        return claim

    @staticmethod
    def _roles(r: _Reading, kind: str, metric: str, carry: _Prev | None, first: bool,
               inherited: list[str]) -> tuple[str, str | None, str | None] | None:
        """(reporter, partner, fdi metric), or None when the clause does not say whose figure it is."""
        q, refs = r.query, r.refs
        reporter = partner = fdi_metric = None
        if metric == "fdi" and q is not None and q.intent == "fdi":
            reporter, partner, fdi_metric = q.reporter, q.partner, q.metric
        elif len(refs) >= 2 and q is not None and q.reporter:
            reporter = q.reporter
            partner = q.partner or (q.partners[0] if q.partners else None)
            origin = next((ref for ref in refs if ref.marker not in ("to", "from", "de", "in") and _goods_of(r.masked, ref)), None)
            if origin is not None and r.flow == "import" and kind != "rank":  # "Russia bought ... of Mexican goods"
                reporter = next(ref.code for ref in refs if ref is not origin)
                partner = origin.code
        elif len(refs) == 1 and kind in ("rank", "share") and metric == "trade":
            # "..., making it Germany's second-largest market": the name owning the partner word is
            # the reporter; "..., making Mexico its second-biggest supplier": a bare name is the partner
            ref = refs[0]
            if ref.marker in ("possessive", "demonym", "of") or (carry and ref.code == carry.reporter):
                reporter = ref.code
                if carry and carry.partner and carry.partner != ref.code:
                    partner = carry.partner
                    inherited.append("partner")
            else:
                partner = ref.code
                if carry and carry.reporter and carry.reporter != ref.code:
                    reporter = carry.reporter
                    inherited.append("reporter")
        elif len(refs) == 1 and carry and not first and _goods_of(r.masked, refs[0]) and (r.flow or carry.flow) in ("export", "import"):
            # "..., buying $78.3 billion of French goods": the goods' origin exports, the other one imports
            ref, flow = refs[0], r.flow or carry.flow
            other = carry.partner if carry.reporter == ref.code else carry.reporter
            reporter, partner = (ref.code, other) if flow == "export" else (other, ref.code)
            inherited.append("partner" if flow == "export" else "reporter")
        elif len(refs) == 1:
            ref = refs[0]
            if metric == "gdp":
                reporter = ref.code
            elif _partner_marked(ref, r.flow or (carry.flow if carry else None)):
                partner = ref.code
                if carry and carry.reporter and carry.reporter != ref.code:
                    reporter = carry.reporter
                    inherited.append("reporter")
            else:
                reporter = ref.code
                if carry and not first and ref.code == carry.partner and carry.reporter:
                    partner = carry.reporter  # "..., while Russia bought $644 million from it"
                    inherited.append("partner")
                elif carry and carry.partner and ref.code == carry.reporter and _PRONOUN.search(r.clause):
                    partner = carry.partner
                    inherited.append("partner")
        elif not refs and carry:
            reporter, partner = carry.reporter, carry.partner
            inherited += ["reporter"] + (["partner"] if partner else [])
            if partner and kind != "share" and _WORLD.search(r.clause) and not _PRONOUN.search(r.clause):
                partner = None  # "its total exports reached $374 billion"
        return (reporter, partner, fdi_metric) if reporter else None

    def _product(self, r: _Reading, fig) -> str | None:
        """The HS product the figure is about: named before it ("car exports ... $30 billion") or
        right after it ("$5 billion of crude oil", "por 5.000 millones en petróleo"); a product
        elsewhere in the clause ("..., when oil cost $40 a barrel") is not the figure's."""
        shift = len(r.masked) - len(r.clause)  # the rank word put in front of rank clauses
        start, end = fig.start - r.offset + shift, fig.end - r.offset + shift
        for m in self.engine.products.find(r.masked):
            if m.start < start or _OF_PRODUCT.fullmatch(r.masked[end:m.start]):
                return m.candidates[0]
        return None

    @staticmethod
    def _growth_years(r: _Reading, carry: _Prev | None, inherited: list[str]) -> tuple[list[int], int | None]:
        """([first, last] or [year], since) of a change: "between 2010 and 2020", "in 2019" (from the
        year before), "since 2010", "a quarter less than in 2019" (base year; the end from before)."""
        ys = sorted({y for y, _ in _years(r.clause)})
        since = r.since
        if since and ys == [since]:
            return [], since
        if len(ys) >= 2:
            return [ys[0], ys[-1]], None
        if ys and _BASE_YEAR.search(r.clause) and carry and carry.years and carry.years[-1] > ys[0]:
            inherited.append("years")
            return [ys[0], carry.years[-1]], None
        if ys:
            return ([since, ys[0]] if since and since != ys[0] else ys), None
        if carry and carry.years:
            inherited.append("years")
            return carry.years[-1:], None
        return [], None

    @staticmethod
    def _value_years(r: _Reading, fig, money_here: list, carry: _Prev | None,
                     inherited: list[str]) -> tuple[list[int], int | None]:
        years_here = _years(r.clause)
        order = next((i for i, f in enumerate(money_here) if f is fig), 0)
        y = _pick_year(years_here, fig.start - r.offset, order, len(money_here)) if years_here else None
        if y is None and carry and carry.years:
            y = carry.years[-1]
            inherited.append("years")
        return ([y] if y else []), None

    @staticmethod
    def _problems(claim: Claim, clause: str, kind: str) -> None:
        fig = claim.figure
        if isinstance(fig, Amount) and fig.kind == "money" and fig.currency != "USD":
            claim.problem, claim.problem_detail = "currency", fig.currency
        elif kind == "gdp_share":
            claim.problem = "gdp_share"
        elif claim.metric == "arms":
            claim.problem = "arms"
        elif (period := markers.part_year(clause)) is not None:
            claim.problem, claim.problem_detail = "part_year", period
        elif markers.services(clause):
            claim.problem = "services"
        elif claim.kind in ("share", "rank") and not claim.partner:
            claim.problem = "no_partner"
        elif claim.metric in ("gdp", "fdi") and claim.kind in ("share", "rank", "growth"):
            claim.problem = "not_trade"
