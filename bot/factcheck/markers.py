"""The other figures a trade claim states, and the words that say what a percentage is.

* ranks: "14th largest export partner", "its second-largest market", "the largest trading
  partner", "el tercer mayor socio comercial", "principal socio", "вторым крупнейшим
  торговым партнёром", "на 14-м месте среди партнёров";
* multiples: "grew fivefold", "doubled", "se triplicó", "se multiplicó por cinco",
  "выросли в пять раз", "сократился в два раза";
* whether a percentage is a change ("rose 25%", "cayeron un 10 %", "вырос на 25%") or a
  share ("27 percent of all exports", "representa el 27 %", "27% экспорта");
* wording a yearly store cannot check: part-year periods ("first half", "enero-junio",
  "за январь–июнь") and trade in services.

Word lists, not grammar: short and readable in three languages, and each regex names a
shape real articles use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ORD_EN = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
           "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
           "twentieth": 20}
_ORD_ES = {"primer": 1, "primero": 1, "primera": 1, "segundo": 2, "segunda": 2, "tercer": 3, "tercero": 3, "tercera": 3,
           "cuarto": 4, "cuarta": 4, "quinto": 5, "quinta": 5, "sexto": 6, "sexta": 6, "séptimo": 7, "septimo": 7,
           "séptima": 7, "octavo": 8, "octava": 8, "noveno": 9, "novena": 9, "décimo": 10, "decimo": 10, "décima": 10}
_ORD_RU_STEMS = {"перв": 1, "втор": 2, "трет": 3, "четверт": 4, "четвёрт": 4, "пят": 5, "шест": 6, "седьм": 7,
                 "восьм": 8, "девят": 9, "десят": 10}
_RU_ORD_END = r"(?:ый|ой|ий|ым|им|ом|ем|ьем|ая|ей|ое|ье|ьим|ьей|ья|ого|его|ьего|ую|ью)"

_PARTNER_EN = r"(?:trad(?:e|ing)\s+|export\s+|import\s+|commercial\s+)?(?:partners?|markets?|suppliers?|customers?|destinations?|buyers?|sources?|clients?)"
_PARTNER_ES = r"(?:socios?|mercados?|proveedor(?:es)?|clientes?|destinos?|compradores?|origen)"
_PARTNER_RU = r"(?:(?:торгов\w+|внешнеторгов\w+|экспортн\w+|импортн\w+)\s+)?(?:партн[её]р\w*|покупател\w*|поставщик\w*|рынк\w*|рынок|направлени\w*)"

_RANK_PATTERNS: list[tuple[re.Pattern, str]] = [
    # English: "14th largest export partner", "second-largest market", "fifth biggest supplier"
    (re.compile(rf"\b(?P<ord>\d{{1,3}}(?:st|nd|rd|th)|{'|'.join(_ORD_EN)})[-\s]+(?:(?:largest|biggest|most\s+important|leading|top)[-\s]+)?(?:\w+\s+)?{_PARTNER_EN}\b", re.IGNORECASE), "ord"),
    # "ranked 14th among", "ranks 3rd", "in 14th place"
    (re.compile(r"\brank(?:ed|s|ing)?\s+(?:as\s+)?(?P<ord>\d{1,3}(?:st|nd|rd|th)|" + "|".join(_ORD_EN) + r")\b", re.IGNORECASE), "ord"),
    (re.compile(r"\bin\s+(?P<ord>\d{1,3}(?:st|nd|rd|th)|" + "|".join(_ORD_EN) + r")\s+place\b", re.IGNORECASE), "ord"),
    # "the largest trading partner", "its biggest customer", "Mexico's main supplier" (not "one of the ...")
    (re.compile(rf"(?<!one of )(?<!one of its )(?:\bthe|\bits|\btheir|'s|’s)\s+(?:single\s+|very\s+)?(?P<top>largest|biggest|top|main|leading|number[-\s]one|no\.\s?1)[-\s]+(?:\w+\s+)?{_PARTNER_EN}\b", re.IGNORECASE), "top"),
    # Spanish: "el tercer mayor socio", "segundo socio comercial", "el 14.º socio"
    (re.compile(rf"\b(?P<ord>\d{{1,3}}\s?\.?\s?[ºª°o]|{'|'.join(_ORD_ES)})\s+(?:mayor\s+|más\s+importante\s+|principal\s+)?{_PARTNER_ES}\b", re.IGNORECASE), "ord"),
    (re.compile(r"\b(?:puesto|lugar|sitio)\s+(?:n[úu]mero\s+)?(?P<ord>\d{1,3})\b", re.IGNORECASE), "ord"),
    (re.compile(r"\b(?P<ord>\d{1,3})\s?\.?\s?[ºª°]?\s+(?:puesto|lugar)\b", re.IGNORECASE), "ord"),
    (re.compile(rf"(?<!uno de )(?<!uno de sus )(?<!uno de los )\b(?:el|su|la)\s+(?P<top>principal|mayor)\s+{_PARTNER_ES}\b", re.IGNORECASE), "top"),
    # Russian: "вторым крупнейшим торговым партнёром", "третий по величине покупатель", "14-е место"
    (re.compile(rf"\b(?P<ord>\d{{1,3}}-?(?:[а-я]{{1,3}})|(?:{'|'.join(_ORD_RU_STEMS)}){_RU_ORD_END})\s+(?:(?:по\s+величине|по\s+значимости|крупнейш\w+|по\s+объ[её]му\s+\w+)\s+)?{_PARTNER_RU}", re.IGNORECASE), "ord"),
    (re.compile(r"\b(?P<ord>\d{1,3})-?(?:е|м|ое|ом)?\s+мест\w*", re.IGNORECASE), "ord"),
    (re.compile(rf"\b(?P<ord>(?:{'|'.join(_ORD_RU_STEMS)}){_RU_ORD_END})\s+мест\w*", re.IGNORECASE), "ord"),
    (re.compile(rf"(?<!одним из )(?<!одним из )(?<!один из )\b(?P<top>крупнейш\w+|главн\w+|основн\w+)\s+{_PARTNER_RU}", re.IGNORECASE), "top"),
]


@dataclass(frozen=True)
class Marker:
    """A rank, a multiple or a share in words. ``value``: the place (1 = largest), the ratio
    new/old (5.0 for "fivefold", 0.5 for "halved", "сократился в два раза"), or the percent a
    fraction stands for (33.3 for "a third")."""

    kind: str  # rank | multiple | fraction
    value: float
    start: int
    end: int
    text: str
    qualifier: str | None = None  # "more than doubled" -> above
    half_unit: float = 0.0  # no rounding to speak of: words, not digits


def _ordinal(word: str) -> int | None:
    w = word.lower().replace(" ", "").replace(".", "")
    if m := re.match(r"(\d{1,3})", w):
        return int(m.group(1))
    if w in _ORD_EN:
        return _ORD_EN[w]
    if w in _ORD_ES:
        return _ORD_ES[w]
    for stem, n in _ORD_RU_STEMS.items():
        if w.startswith(stem):
            return n
    return None


def find_ranks(text: str) -> list[Marker]:
    """Ranks among a country's partners, in text order, without overlaps."""
    found: list[Marker] = []
    for pattern, kind in _RANK_PATTERNS:
        for m in pattern.finditer(text):
            if any(a.start < m.end() and m.start() < a.end for a in found):
                continue
            n = 1 if kind == "top" else _ordinal(m.group("ord"))
            if n:
                found.append(Marker("rank", float(n), m.start(), m.end(), m.group(0).strip()))
    return sorted(found, key=lambda k: k.start)


_NUM_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
              "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10,
              "два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7, "восемь": 8, "девять": 9,
              "десять": 10, "полтора": 1.5, "полторы": 1.5}
_N = r"(?:\d+(?:[.,]\d+)?|" + "|".join(_NUM_WORDS) + ")"
_VERB_MULT = {"doubl": 2, "tripl": 3, "trebl": 3, "quadrupl": 4, "halv": 0.5, "duplic": 2, "triplic": 3,
              "cuadruplic": 4, "quintuplic": 5, "удвоил": 2, "утроил": 3, "учетверил": 4}
_DOWN_RU = r"(?:сократил|снизил|упал|уменьшил|сокращени|снижени|падени|обвалил)\w*"
_MULTIPLE_PATTERNS: list[tuple[re.Pattern, str]] = [
    (re.compile(rf"\b(?P<n>{_N})[-\s]?fold\b", re.IGNORECASE), "n"),
    (re.compile(r"\b(?P<verb>doubl|tripl|trebl|quadrupl|halv)(?:ed|ing|es|e)\b", re.IGNORECASE), "verb"),
    (re.compile(r"\b(?:se\s+)?(?P<verb>duplic|triplic|cuadruplic|quintuplic)(?:ó|o|aron|ado|ando|a|an)\b", re.IGNORECASE), "verb"),
    (re.compile(rf"\bse\s+multiplic\w*\s+por\s+(?P<n>{_N})\b", re.IGNORECASE), "n"),
    (re.compile(rf"\b(?P<n>{_N})\s+(?:times|veces)\b", re.IGNORECASE), "n_times"),
    (re.compile(r"\b(?P<verb>удвоил|утроил|учетверил)\w*", re.IGNORECASE), "verb"),
    (re.compile(rf"\bв\s+(?P<n>{_N})\s+раз(?:а)?\b", re.IGNORECASE), "ru"),
]
_DOWN_BEFORE = re.compile(r"\b(?:shr[aiu]nk\w*|fell|fallen|dropped|declined|decreased|contracted|plunged|slumped|"
                          r"ca[yí]\w*|cayó|se\s+redu\w*|disminu\w*|baj\w*)\b(?:\s+\w+){0,2}\s*$", re.IGNORECASE)
_UP_WORDS = re.compile(r"\b(?:grew|grow|rose|risen|increased|jumped|climbed|surged|soared|multipl|expanded|up|creci|aument|subi|se\s+increment|вырос|увеличил|рост)", re.IGNORECASE)


_FRACTION_CHANGE = re.compile(
    r"\b(?P<frac>(?:a|one)[-\s]half|half|(?:a|one)[-\s]third|(?:a|one)[-\s]quarter|(?:a|one)[-\s]fifth|(?:a|one)[-\s]tenth|"
    r"la\s+mitad|un\s+tercio|una\s+cuarta\s+parte|una\s+quinta\s+parte|половин\w*|треть|четверть)\s+"
    r"(?P<dir>less|lower|more|higher|menos|m[aá]s|меньше|больше)\b", re.IGNORECASE)
_FRACTION_VALUE = {"half": 0.5, "third": 1 / 3, "quarter": 0.25, "fifth": 0.2, "tenth": 0.1, "mitad": 0.5, "tercio": 1 / 3,
                   "cuarta": 0.25, "quinta": 0.2, "половин": 0.5, "треть": 1 / 3, "четверть": 0.25}


def find_multiples(text: str) -> list[Marker]:
    """Growth stated as a ratio ("fivefold", "doubled", "в пять раз"), in text order."""
    found: list[Marker] = []
    for pattern, kind in _MULTIPLE_PATTERNS:
        for m in pattern.finditer(text):
            if any(a.start < m.end() and m.start() < a.end for a in found):
                continue
            if kind == "verb":
                verb = m.group("verb").lower()
                ratio = next(v for k, v in _VERB_MULT.items() if verb.startswith(k))
            else:
                raw = m.group("n").lower()
                ratio = _NUM_WORDS.get(raw) or float(raw.replace(",", "."))
                if kind == "n_times" and not _UP_WORDS.search(text[max(0, m.start() - 40):m.start()]):
                    continue  # "three times as much as" compares two flows; not a growth claim
                if kind == "ru":  # "сократился почти в пять раз", "в пять раз больше": the verb says which way
                    around = text[max(0, m.start() - 40):m.end() + 30]
                    down = re.search(_DOWN_RU, around, re.IGNORECASE)
                    up = re.search(r"(?:вырос|увеличил|рост|больше)\w*", around, re.IGNORECASE)
                    if not down and not up:
                        continue
                    ratio = 1 / ratio if down else ratio
                elif _DOWN_BEFORE.search(text[max(0, m.start() - 40):m.start()]):
                    ratio = 1 / ratio  # "shrank nearly fivefold", "se redujo cinco veces"
            if not ratio or ratio <= 0:
                continue
            before = text[max(0, m.start() - 25):m.start()]
            qualifier = "above" if re.search(r"(?:more\s+than|over|más\s+de|более\s+чем|свыше)\s*$", before, re.IGNORECASE) else \
                "approx" if re.search(r"(?:nearly|almost|about|roughly|casi|cerca\s+de|почти|примерно)\s*$", before, re.IGNORECASE) else None
            found.append(Marker("multiple", float(ratio), m.start(), m.end(), m.group(0).strip(), qualifier))
    for m in _FRACTION_CHANGE.finditer(text):  # "a quarter less than in 2019", "на четверть меньше"
        if any(a.start < m.end() and m.start() < a.end for a in found):
            continue
        frac = next(v for k, v in _FRACTION_VALUE.items() if k in m.group("frac").lower())
        down = m.group("dir").lower() in ("less", "lower", "menos", "меньше")
        found.append(Marker("multiple", 1 - frac if down else 1 + frac, m.start(), m.end(), m.group(0).strip(), "approx"))
    return sorted(found, key=lambda k: k.start)


# --- what a percentage is ---------------------------------------------------------------
_UP = (r"rose|risen|rise|rising|grew|grown|grow|growing|increased|increase|increasing|jumped|jump|climbed|surged|soared|"
       r"gained|expanded|up|creci\w*|crece\w*|aument\w*|subi\w*|subió|se\s+increment\w*|increment\w*|repunt\w*|"
       r"вырос\w*|выросл\w*|увеличил\w*|увеличени\w*|рост\w*|прибавил\w*|подскочил\w*")
_DOWN = (r"fell|fallen|fall|falling|dropped|drop|declined|decline|decreased|decrease|slumped|plunged|plummeted|shrank|"
         r"shrunk|contracted|down|ca[yí]\w*|cayó|baj\w*|disminu\w*|se\s+redu\w*|reduj\w*|descend\w*|retroced\w*|desplom\w*|"
         r"снизил\w*|снижени\w*|сократил\w*|сокращени\w*|упал\w*|падени\w*|уменьшил\w*|обвалил\w*")
_CHANGE_BEFORE = re.compile(rf"\b(?P<dir>{_UP}|{_DOWN})(?:\s+(?:by|some|about|nearly|almost|around|more\s+than|over|"
                            rf"un|en|el|por|casi|cerca\s+del?|más\s+del?|на|почти|примерно|около|более\s+чем)){{0,3}}\s*$", re.IGNORECASE)
_CHANGE_AFTER = re.compile(r"^\s*(?:year[-\s]on[-\s]year\s+|annual\s+|interanual\s+|anual\s+)?(?P<dir>increase|rise|jump|gain|growth|"
                           r"more|higher|less|lower|m[aá]s|menos|больше|меньше|"
                           r"drop|fall|decline|decrease|plunge|aumento|incremento|alza|crecimiento|ca[ií]da|descenso|"
                           r"disminución|baja|рост\w*|увеличени\w*|снижени\w*|сокращени\w*|падени\w*)\b", re.IGNORECASE)
_SHARE_WORDS = re.compile(
    r"\b(?:share|shares|accounted|accounts|accounting|account|represent\w*|made\s+up|make\s+up|makes\s+up|making\s+up|"
    r"took|takes|taking|absorbed|absorbs|cuota|participaci[óo]n|supone\w*|suponía|representa\w*|absorb\w*|concentr\w*|"
    r"доля|долю|доли|долей|приходит\w*|приходил\w*|пришл\w*|составля\w*)\b|\bof\s+(?:all|total|its|their|the|them|these|which)\b|"
    r"\bde\s+(?:ellas|ellos|estas|estos)\b|\bиз\s+них\b|"
    r"\bdel\s+total\b|\bde\s+(?:las|los|sus|todas|todos)\b|%\s+(?:от\s+)?(?:всего|общего|экспорт\w*|импорт\w*|товарооборот\w*|внешнеторгов\w*)",
    re.IGNORECASE)
_GDP_AFTER = re.compile(r"^\s*(?:of|del|de\s+su|от)?\s*(?:the\s+country's\s+|its\s+)?(?:GDP|PIB|ВВП)\b", re.IGNORECASE)


def percent_role(text: str, start: int, end: int) -> tuple[str, int]:
    """What the percentage at ``text[start:end]`` states: ("change", +1/-1), ("share", 0),
    ("gdp", 0) for "35% of GDP", or ("other", 0): a tariff, a rate, anything else."""
    before, after = text[max(0, start - 60):start], text[end:end + 60]
    if _GDP_AFTER.match(after):
        return "gdp", 0
    m = _CHANGE_BEFORE.search(before) or _CHANGE_AFTER.match(after)
    if m:
        down = re.fullmatch(rf"{_DOWN}|less|lower|menos|меньше", m.group("dir"), re.IGNORECASE)
        return "change", -1 if down else 1
    if _SHARE_WORDS.search(text[max(0, start - 80):end + 60]):
        if re.search(r"\b(?:tariff|tax|duty|interest|rate|inflation|arancel|impuesto|tasa|inflaci|пошлин|налог|ставк|инфляц)", before + after, re.IGNORECASE):
            return "other", 0
        return "share", 0
    return "other", 0


_FRACTIONS: list[tuple[str, float]] = [
    (r"(?:a|one)[-\s]half|half", 50.0), (r"two[-\s]thirds", 200 / 3), (r"(?:a|one)[-\s]third", 100 / 3),
    (r"three[-\s]quarters", 75.0), (r"(?:a|one)[-\s]quarter", 25.0), (r"(?:a|one)[-\s]fifth", 20.0), (r"(?:a|one)[-\s]tenth", 10.0),
    (r"la\s+mitad", 50.0), (r"dos\s+tercios", 200 / 3), (r"(?:un|una)\s+tercio|(?:una\s+)?tercera\s+parte", 100 / 3),
    (r"tres\s+cuartas\s+partes", 75.0), (r"(?:una\s+)?cuarta\s+parte", 25.0), (r"(?:una\s+)?quinta\s+parte", 20.0),
    (r"половин\w*", 50.0), (r"две\s+трети", 200 / 3), (r"треть\w*", 100 / 3), (r"три\s+четверти", 75.0),
    (r"четверть\w*", 25.0), (r"пят(?:ая|ую)\s+част\w*", 20.0),
]
_FRACTION = re.compile(r"(?<!first )(?<!second )(?<!primera )(?<!segunda )\b(?P<frac>" + "|".join(f"(?:{p})" for p, _ in _FRACTIONS)
                       + r")\s+(?P<of>of|de|del|de\s+las|de\s+los|от|всего|всех|экспорт\w*|импорт\w*|товарооборот\w*)\b(?!\s*(?:the\s+)?\d)",
                       re.IGNORECASE)


def find_fractions(text: str) -> list[Marker]:
    """Shares in words ("a third of its exports", "la mitad de las importaciones", "треть экспорта"):
    approximate by nature, so a marker with the ``approx`` qualifier."""
    out = []
    for m in _FRACTION.finditer(text):
        frac = m.group("frac").lower()
        value = next(v for p, v in _FRACTIONS if re.fullmatch(p, frac, re.IGNORECASE))
        out.append(Marker("fraction", value, m.start(), m.start("of"), m.group("frac"), "approx"))
    return out


_PART_YEAR = re.compile(
    r"\b(?:first|second|third|fourth|last)\s+(?:half|quarter|nine\s+months|six\s+months|three\s+months)\b|\bH[12]\b|\bQ[1-4]\b|"
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November)\s*[-–—]\s*"
    r"(?:February|March|April|May|June|July|August|September|October|November|December)\b|"
    r"\b(?:primer|segundo|tercer|cuarto)\s+(?:semestre|trimestre)\b|\bprimeros\s+\w+\s+meses\b|\b(?:semestre|trimestre)\b|"
    r"\b(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre)\s*[-–—]\s*"
    r"(?:febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)\b|"
    r"\b(?:квартал\w*|полугоди\w*)\b|\b(?:январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр)\w*\s*[-–—]\s*"
    r"(?:феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр)\w*|\bза\s+\d+\s+месяц\w*|\b\d+\s+месяц\w*",
    re.IGNORECASE)
_SERVICES = re.compile(r"\b(?:services|servicios|услуг\w*)\b", re.IGNORECASE)


def part_year(text: str) -> str | None:
    """The part-year period a clause speaks of ("first half", "enero-junio"), if any."""
    m = _PART_YEAR.search(text)
    return m.group(0) if m else None


def services(text: str) -> bool:
    """Trade in services: the store holds goods (merchandise) trade only."""
    return bool(_SERVICES.search(text))
