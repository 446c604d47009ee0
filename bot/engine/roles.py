"""Who is who in a question: the reporter (whose exports/imports), the partner(s), and for
comparisons which countries are compared.

Three kinds of evidence, strongest first:

1. role words right before a name: "to/a/в/на" (a destination), "from/desde/из" (an origin),
   "with/con/с" (a partner), "of/de" (the owner of what comes before);
2. what a name is attached to. A name *modifies the word right after it* when it is an
   English possessive or a bare name before a noun ("Brazil's exports", "US imports"), or an
   adjective ("Chinese share", "российский экспорт"); it *complements the word before it*
   through "of/de" or the Russian genitive ("participación de China", "доля Китая",
   "экспорте Бразилии"). A name attached to a share/rank word is the partner; one attached
   to a flow or partner word ("exports", "suppliers") is the reporter;
3. word order: the first country named is the reporter.

Coordination ("France or the US", "Chile y Perú", "России и Казахстана") groups names that
play the same role, which is how "Japan vs South Korea exports to China" compares two
reporters while "India's trade with China vs the US" compares two partners.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.engine.vocabulary import Token, concepts_of

GLUE = {"of", "de", "del", "the", "los", "las", "la", "el", "s", "a", "an", "в", "во", "на", "среди", "among", "entre"}
COPULA = {"is", "are", "was", "were", "es", "son", "fue", "fueron", "era", "esta", "estan", "está", "ocupa", "be",
          "занимает", "занимают", "занимала", "является"}
_ARTICLES = {"the", "el", "la", "los", "las", "a", "an"}
# adjectives between a name and the noun it modifies ("Brazil's largest export market")
_SKIP_AFTER_WORDS = {"total", "overall", "foreign", "own", "entire", "whole", "annual", "bilateral", "merchandise",
                     "goods", "general", "external", "exterior", "totales", "total", "общий", "общего", "внешней",
                     "внешняя", "внешнего", "внешнем", "внешнюю"}
AMONG = {"among", "amongst", "entre", "среди"}
_COORD = {"and", "or", "vs", "versus", "y", "e", "o", "u", "и", "или", "либо", "than", "que", "чем", "nor"}
_PREPS = {"to", "into", "with", "from", "a", "al", "con", "desde", "hacia", "de", "del", "в", "во", "на", "с", "со",
          "из", "от", "the", "el", "la", "los", "las"}

REPORTER_WORDS = {"export", "import", "trade", "partners", "supplier", "market", "balance"}
PARTNER_WORDS = {"share", "rank"}


@dataclass
class CountryRef:
    code: str
    start: int
    end: int
    surface: str
    marker: str  # to | from | with | of | in | de | possessive | demonym | none
    candidates: list[str] = field(default_factory=list)
    ambiguous: bool = False
    before: frozenset[str] = frozenset()  # concepts of the content word before the name (glue, copulas skipped)
    after: frozenset[str] = frozenset()  # concepts of the content word after the name (glue skipped)
    fuzzy: bool = False  # found by typo tolerance (the answer says how it read the name)
    next_attached: frozenset[str] = frozenset()  # concepts of the noun the name modifies (articles, adjectives skipped)
    next_word: str = ""  # the token right after the name ("among", "entre", "среди")


def annotate(ref: CountryRef, tokens: list[Token], lang: str = "en") -> None:
    """Fill the context fields of ``ref`` from the question's tokens.

    Only English lets a bare name modify the noun after it ("US imports"); in Spanish and
    Russian a name after which a noun follows is a subject ("¿Es China el principal socio
    ...?", "является ли Китай крупнейшим партнёром ...") and only adjectives attach forward.
    An article ends the attachment ("Is Canada the biggest market ...").
    """
    before = [t for t in tokens if t.end <= ref.start and t.text not in GLUE and t.text not in COPULA][-1:]
    after = [t for t in tokens if t.start >= ref.end and t.text not in GLUE][:1]
    ref.before = concepts_of(before[0].text) if before else frozenset()
    ref.after = concepts_of(after[0].text) if after else frozenset()
    following = [t for t in tokens if t.start >= ref.end]
    ref.next_word = following[0].text if following else ""
    if ref.marker not in ("possessive", "demonym") and lang != "en":
        return
    for t in following:
        found = concepts_of(t.text)
        if t.text in _SKIP_AFTER_WORDS or (found and found <= {"top"}):
            continue
        ref.next_attached = found
        break


def attachment(ref: CountryRef, flow: str | None) -> str | None:
    """'partner', 'reporter' or None, for share and rank questions (see the module docstring)."""
    if ref.marker == "to":
        return "partner"
    if ref.next_word in AMONG:
        return "partner"  # "Where does Russia rank among ...", "Rusia entre los destinos ..."
    if ref.marker in ("possessive", "demonym", "none", "of", "with", "in") and ref.next_attached:
        # "share of India in UAE exports": UAE modifies "exports", whatever stands before it
        if ref.next_attached & PARTNER_WORDS:
            return "partner"
        if ref.next_attached & REPORTER_WORDS:
            return "reporter"
    if ref.marker == "in" and flow != "import":
        return "partner"
    if ref.marker in ("from", "de"):
        return "partner" if flow in ("import", "total", None) else "reporter"
    if ref.marker != "possessive":
        if ref.before & PARTNER_WORDS:
            return "partner"
        if ref.before & REPORTER_WORDS:
            return "reporter"
    return None


def roles_general(refs: list[CountryRef], flow: str | None) -> tuple[CountryRef, list[CountryRef]]:
    """Reporter = the country that exports/imports; partners = the others.

    Markers decide where they exist ("to Russia", "from Mexico", "Mexico's", "Mexican"),
    otherwise word order does (the first country named is the reporter).
    """
    def is_partner(r: CountryRef) -> bool:
        if r.marker in ("to", "with"):
            return True
        if r.marker == "from":
            return flow == "import"  # "imports from X": X is the partner; "exports from X": X is the exporter
        if r.marker == "de":  # Spanish "importó de X" = from X; "exportó ... de X" is rare
            return flow in ("import", "total", "balance")
        if r.marker == "in":
            return flow in ("export", "total", "balance", None)  # Russian "в Россию"
        return False

    def is_reporter(r: CountryRef) -> bool:
        if r.marker in ("possessive", "demonym", "of", "for"):
            return True
        return r.marker in ("from", "de") and flow == "export"

    reporter = next((r for r in refs if is_reporter(r)), None)
    if reporter is None:
        reporter = next((r for r in refs if not is_partner(r)), refs[0])
    partners = [r for r in refs if r is not reporter]
    return reporter, partners


def roles_share_rank(refs: list[CountryRef], flow: str | None) -> tuple[CountryRef, list[CountryRef]]:
    """"Russia's share of Mexico's exports", "Chinese share of Brazil's exports", "cuota de
    Rusia en las exportaciones de México", "доля России в экспорте Мексики", "Where does
    Russia rank among Mexico's export markets": the name attached to the share/rank word is
    the partner, the one attached to the flow word the reporter."""
    roles = [attachment(r, flow) for r in refs]
    partner = next((r for r, role in zip(refs, roles) if role == "partner"), None)
    reporter = next((r for r, role in zip(refs, roles) if role == "reporter" and r is not partner), None)
    if reporter is None and partner is None:
        return roles_general(refs, flow)
    rest = [r for r in refs if r is not partner and r is not reporter]
    if reporter is None:
        reporter = rest.pop(0) if rest else partner
    if partner is None and rest:
        partner = rest.pop(0)
    return reporter, ([partner] if partner is not None and partner is not reporter else []) + rest


def groups(text: str, tokens: list[Token], refs: list[CountryRef]) -> list[list[CountryRef]]:
    """Runs of names joined only by conjunctions, commas and prepositions ("France or to the
    US", "Chile y Perú", "Guatemala, Russia and Spain"): names that play the same role."""
    out: list[list[CountryRef]] = []
    for r in refs:
        if out:
            prev = out[-1][-1]
            gap = text[prev.end:r.start]
            words = [t.text for t in tokens if t.start >= prev.end and t.end <= r.start]
            joined = any(w in _COORD for w in words) or any(ch in gap for ch in ",/&")
            if joined and all(w in _COORD or w in _PREPS or w == "s" for w in words):
                out[-1].append(r)
                continue
        out.append([r])
    return out


def compare_roles(text: str, tokens: list[Token], refs: list[CountryRef], flow: str | None,
                  coordinated_only: bool = False, asks_which: bool = False) -> tuple[str, CountryRef | None, list[CountryRef]] | None:
    """('partners', reporter, partners) or ('reporters', partner-or-None, reporters) when the
    question compares a coordinated group of names; None when it does not.

    ``asks_which``: a which/who question ("Which exports more to China, Brazil or
    Argentina?"), where a comma ends the phrase before the alternatives."""
    gs = groups(text, tokens, refs)
    big = [g for g in gs if len(g) >= 2]
    if len(big) != 1:
        return None
    group = big[0]
    if asks_which and len(group) == len(refs) >= 3 and "," in text[group[0].end:group[1].start]:
        group = group[1:]
    others = [r for r in refs if r not in group]
    head = group[0].marker
    if not others:
        return ("reporters", None, group) if head not in ("to", "with", "in", "from") else None
    if coordinated_only and len(others) > 1:
        return None
    single = others[0]
    if head in ("to", "with", "in") or (head in ("from", "de") and flow in ("import", "total", None)) or single.marker == "for":
        return "partners", single, group
    if single.marker in ("to", "with", "in") or (single.marker in ("from", "de") and flow == "import"):
        return "reporters", single, group
    return None
