"""Country adjectives ("Mexican exports", "exportaciones mexicanas", "мексиканский экспорт").

No well-kept PyPI package carries demonyms in English, Spanish and Russian (CLDR has none;
``countryinfo`` has English only), so this is a short hand table for the ~70 largest
trading economies plus the historic USSR/Yugoslavia. Each row gives the dictionary forms;
``forms()`` expands them:

- English: the word and its plural noun ("Mexican", "Mexicans"); multi-word allowed.
- Spanish: masculine singular; feminine and plurals follow the ending
  (-o → o/a/os/as, -és → és/esa/eses/esas, -án → án/ana/anes/anas, -ol → ol/ola/oles/olas,
  -e → e/es, -í → í/íes/ís, -a → a/as).
- Russian: masculine adjective; all genders, numbers and cases are generated
  ("мексиканский" → мексиканская, мексиканские, мексиканского, мексиканских ...).

Left out on purpose: language names that are not about the country ("English", "inglés",
"английский", "русский"), "American"-style words in Spanish ("americano" means the
continent; "estadounidense"/"norteamericano" are used), and "European".
Korean/Congolese are ambiguous and live in ``aliases.AMBIGUOUS``.
"""

from __future__ import annotations

from bot.names.inflect import en_forms, ru_adjective_forms
from bot.names.normalize import fold, normalize

# code: (English, Spanish, Russian) — "|" separates alternatives
DEMONYMS: dict[str, tuple[str, str, str]] = {
    "USA": ("American|US", "estadounidense|norteamericano", "американский"),
    "CHN": ("Chinese", "chino", "китайский"),
    "DEU": ("German", "alemán", "немецкий|германский"),
    "JPN": ("Japanese", "japonés", "японский"),
    "GBR": ("British|UK", "británico", "британский"),
    "FRA": ("French", "francés", "французский"),
    "ITA": ("Italian", "italiano", "итальянский"),
    "RUS": ("Russian", "ruso", "российский"),
    "MEX": ("Mexican", "mexicano", "мексиканский"),
    "CAN": ("Canadian", "canadiense", "канадский"),
    "KOR": ("South Korean", "surcoreano", "южнокорейский"),
    "PRK": ("North Korean", "norcoreano", "северокорейский"),
    "IND": ("Indian", "indio", "индийский"),
    "BRA": ("Brazilian", "brasileño", "бразильский"),
    "ESP": ("Spanish", "español", "испанский"),
    "NLD": ("Dutch", "neerlandés|holandés", "нидерландский|голландский"),
    "BEL": ("Belgian", "belga", "бельгийский"),
    "CHE": ("Swiss", "suizo", "швейцарский"),
    "AUT": ("Austrian", "austriaco", "австрийский"),
    "SWE": ("Swedish", "sueco", "шведский"),
    "NOR": ("Norwegian", "noruego", "норвежский"),
    "DNK": ("Danish", "danés", "датский"),
    "FIN": ("Finnish", "finlandés", "финский|финляндский"),
    "POL": ("Polish", "polaco", "польский"),
    "CZE": ("Czech", "checo", "чешский"),
    "SVK": ("Slovak", "eslovaco", "словацкий"),
    "HUN": ("Hungarian", "húngaro", "венгерский"),
    "ROU": ("Romanian", "rumano", "румынский"),
    "BGR": ("Bulgarian", "búlgaro", "болгарский"),
    "GRC": ("Greek", "griego", "греческий"),
    "PRT": ("Portuguese", "portugués", "португальский"),
    "IRL": ("Irish", "irlandés", "ирландский"),
    "TUR": ("Turkish", "turco", "турецкий"),
    "UKR": ("Ukrainian", "ucraniano", "украинский"),
    "BLR": ("Belarusian", "bielorruso", "белорусский"),
    "KAZ": ("Kazakh|Kazakhstani", "kazajo", "казахстанский"),
    "UZB": ("Uzbek", "uzbeko", "узбекский"),
    "AZE": ("Azerbaijani", "azerbaiyano", "азербайджанский"),
    "ARM": ("Armenian", "armenio", "армянский"),
    "GEO": ("Georgian", "georgiano", "грузинский"),
    "SRB": ("Serbian", "serbio", "сербский"),
    "HRV": ("Croatian", "croata", "хорватский"),
    "ISR": ("Israeli", "israelí", "израильский"),
    "IRN": ("Iranian", "iraní", "иранский"),
    "IRQ": ("Iraqi", "iraquí", "иракский"),
    "SAU": ("Saudi", "saudí|saudita", "саудовский"),
    "ARE": ("Emirati", "emiratí", "эмиратский"),
    "QAT": ("Qatari", "catarí", "катарский"),
    "KWT": ("Kuwaiti", "kuwaití", "кувейтский"),
    "EGY": ("Egyptian", "egipcio", "египетский"),
    "DZA": ("Algerian", "argelino", "алжирский"),
    "MAR": ("Moroccan", "marroquí", "марокканский"),
    "NGA": ("Nigerian", "nigeriano", "нигерийский"),
    "ZAF": ("South African", "sudafricano", "южноафриканский"),
    "KEN": ("Kenyan", "keniano", "кенийский"),
    "ETH": ("Ethiopian", "etíope", "эфиопский"),
    "GHA": ("Ghanaian", "ghanés", "ганский"),
    "AGO": ("Angolan", "angoleño", "ангольский"),
    "PAK": ("Pakistani", "pakistaní|paquistaní", "пакистанский"),
    "BGD": ("Bangladeshi", "bangladesí", "бангладешский"),
    "IDN": ("Indonesian", "indonesio", "индонезийский"),
    "MYS": ("Malaysian", "malasio", "малайзийский"),
    "THA": ("Thai", "tailandés", "таиландский|тайский"),
    "VNM": ("Vietnamese", "vietnamita", "вьетнамский"),
    "PHL": ("Philippine|Filipino", "filipino", "филиппинский"),
    "SGP": ("Singaporean", "singapurense", "сингапурский"),
    "TWN": ("Taiwanese", "taiwanés", "тайваньский"),
    "AUS": ("Australian", "australiano", "австралийский"),
    "NZL": ("New Zealand", "neozelandés", "новозеландский"),
    "ARG": ("Argentine|Argentinian|Argentinean", "argentino", "аргентинский"),
    "CHL": ("Chilean", "chileno", "чилийский"),
    "PER": ("Peruvian", "peruano", "перуанский"),
    "COL": ("Colombian", "colombiano", "колумбийский"),
    "VEN": ("Venezuelan", "venezolano", "венесуэльский"),
    "ECU": ("Ecuadorian", "ecuatoriano", "эквадорский"),
    "BOL": ("Bolivian", "boliviano", "боливийский"),
    "URY": ("Uruguayan", "uruguayo", "уругвайский"),
    "PRY": ("Paraguayan", "paraguayo", "парагвайский"),
    "CUB": ("Cuban", "cubano", "кубинский"),
    "GTM": ("Guatemalan", "guatemalteco", "гватемальский"),
    "HND": ("Honduran", "hondureño", "гондурасский"),
    "SLV": ("Salvadoran|Salvadorean", "salvadoreño", "сальвадорский"),
    "NIC": ("Nicaraguan", "nicaragüense", "никарагуанский"),
    "CRI": ("Costa Rican", "costarricense", "костариканский"),
    "PAN": ("Panamanian", "panameño", "панамский"),
    "DOM": ("Dominican", "dominicano", "доминиканский"),
    "SYR": ("Syrian", "sirio", "сирийский"),
    "LBN": ("Lebanese", "libanés", "ливанский"),
    "LBY": ("Libyan", "libio", "ливийский"),
    "MNG": ("Mongolian", "mongol", "монгольский"),
    "SUN": ("Soviet", "soviético", "советский"),
    "YUG": ("Yugoslav|Yugoslavian", "yugoslavo", "югославский"),
}


def es_adjective_forms(word: str) -> set[str]:
    """Gender and number forms of a Spanish adjective in its masculine singular (folded)."""
    w = fold(word)
    if w.endswith("o"):
        return {w[:-1] + e for e in ("o", "a", "os", "as")}
    if w.endswith("es") and word.endswith("és"):  # francés → francesa, franceses
        return {w, w + "a", w + "es", w + "as"}
    if w.endswith("an") and word.endswith("án"):  # alemán → alemana, alemanes
        return {w, w + "a", w + "es", w + "as"}
    if w.endswith(("ol", "ol")):  # español → española, españoles, españolas; mongol
        return {w, w + "a", w + "es", w + "as"}
    if w.endswith("e"):
        return {w, w + "s"}
    if w.endswith("i") and word.endswith("í"):  # iraní → iraníes, iranís
        return {w, w + "es", w + "s"}
    if w.endswith("a"):
        return {w, w + "s"}
    if w.endswith("u"):  # hindú
        return {w, w + "es", w + "s"}
    return {w}


def forms() -> dict[str, str]:
    """Every folded demonym form (one or more words joined by spaces) → country code."""
    out: dict[str, str] = {}
    for code, (en, es, ru) in DEMONYMS.items():
        for word in en.split("|"):
            key = normalize(word)
            if len(key) <= 3:  # "US", "UK": adjectives only as part of names, codes elsewhere
                continue
            head, _, last = key.rpartition(" ")
            for f in en_forms(last):
                out[(head + " " + f).strip()] = code
        for word in es.split("|"):
            for f in es_adjective_forms(word):
                out[f] = code
        for word in ru.split("|"):
            for f in ru_adjective_forms(fold(word)):
                out[f] = code
    return out


# Combining forms that only occur before a hyphen ("Sino-US trade", "Indo-Pakistani",
# "российско-китайская торговля", "американо-китайский"). English and the Russian
# irregular ones are listed; regular Russian ones are derived from the adjectives above
# ("российский" → "российско", "мексиканский" → "мексиканско").
COMBINING: dict[str, str] = {
    "sino": "CHN", "russo": "RUS", "indo": "IND", "franco": "FRA", "anglo": "GBR", "german": "DEU", "italo": "ITA",
    "hispano": "ESP", "luso": "PRT", "nippo": "JPN", "japano": "JPN", "turco": "TUR",
    "американо": "USA", "русско": "RUS", "германо": "DEU", "франко": "FRA", "англо": "GBR", "японо": "JPN",
    "итало": "ITA", "испано": "ESP", "турецко": "TUR", "индо": "IND", "советско": "SUN",
}


def combining_forms() -> dict[str, str]:
    """Every folded first-part form of a compound adjective (used only before "-") → code."""
    out = dict(COMBINING)
    for code, (_en, _es, ru) in DEMONYMS.items():
        for word in ru.split("|"):
            w = fold(word)
            if w.endswith(("ский", "цкий")):
                out.setdefault(w[:-2] + "о", code)  # российский → российско
    return out
