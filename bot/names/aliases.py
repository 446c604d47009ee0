"""The hand-typed part of country naming, kept short: everything else comes from the store
(UNTERM short and formal names in six languages, CLDR names via Babel, Gapminder short
names, the names IMF files give historic states and groups) and from the rules in
``countries.derive_names`` (``"Korea, Rep. of"`` → ``"Korea"``, ``"Republic of Moldova"`` →
``"Moldova"``, ``"Myanmar (Burma)"`` → ``"Myanmar"`` and ``"Burma"``, ``"St."`` ↔ ``"Saint"``).

Each group says why it is here. Names are written as people type them; they are folded
with ``normalize.normalize`` when the matcher is built. Russian names are declined
automatically (``inflect.ru_noun_forms``), so "Англия" also finds "из Англии".
"""

from __future__ import annotations

# (code, names, reason). Codes must exist in the store; rows for missing codes are ignored.
ALIASES: list[tuple[str, tuple[str, ...], str]] = [
    # -- everyday short forms the reference names lack -------------------------------------------
    ("USA", ("U.S.", "U.S.A.", "the States", "The States", "America", "EE. UU.", "EE.UU.", "EE UU", "EEUU", "США", "Америка"),
     "Everyday forms. 'America' (and es 'América', ru 'Америка') is taken to mean the United States, "
     "as in news usage; the continent is 'the Americas', and 'Latin/South/Central/North America' "
     "are blocked below so they do not fall back on it."),
    ("GBR", ("UK", "U.K.", "Britain", "Great Britain", "England", "Gran Bretaña", "Inglaterra", "Британия",
             "Англия", "Соединённое Королевство"),
     "Trade statistics report the United Kingdom as one economy: 'England' and 'Britain' in a "
     "question mean the UK (the answer names the United Kingdom, so the reader sees the choice)."),
    ("CHN", ("PRC", "mainland China", "China mainland", "Chinese mainland", "КНР", "Поднебесная"),
     "Usual names for the People's Republic (Hong Kong, Macao and Taiwan are separate codes)."),
    ("COD", ("DRC", "DR Congo", "D.R. Congo", "RDC", "RD Congo", "ДРК", "ДР Конго", "Congo Kinshasa"),
     "Short forms of the Democratic Republic of the Congo."),
    ("COG", ("Congo Brazzaville", "Republic of Congo", "Congo Republic", "Конго-Браззавиль"),
     "Short forms of the Republic of the Congo."),
    ("CIV", ("Ivory Coast", "Costa de Marfil", "Берег Слоновой Кости"), "Translated name, still common."),
    ("NLD", ("Holland", "Holanda", "Голландия"), "Colloquial name of the Netherlands."),
    ("MKD", ("Macedonia", "Македония"), "Name before 2019, still common."),
    ("SWZ", ("Swaziland", "Suazilandia", "Свазиленд"), "Name before 2018."),
    ("TLS", ("East Timor", "Timor Oriental"), "English and Spanish common names (CLDR gives ru)."),
    ("VAT", ("Vatican", "Vaticano"), "Short form of Vatican City / Holy See."),
    ("MMR", ("Burma", "Birmania", "Бирма"), "Former name, still used."),
    ("RUS", ("РФ",), "Russian abbreviation of Российская Федерация."),
    ("KOR", ("Южная Корея", "Corea del Sur", "South Korea"), "CLDR's ru name is the formal Республика Корея."),
    ("PRK", ("DPRK", "Северная Корея", "North Korea", "Corea del Norte"), "Common names of the DPRK."),
    ("ARE", ("UAE", "EAU", "ОАЭ", "Emiratos Árabes", "Эмираты", "the Emirates", "Emirates"),
     "Abbreviations and short forms of the United Arab Emirates."),
    ("SAU", ("KSA", "K.S.A."), "Kingdom of Saudi Arabia, the usual abbreviation in Gulf news."),
    ("ZAF", ("ЮАР",), "Russian abbreviation of South Africa."),
    ("DEU", ("West Germany", "ФРГ"),
     "IMF DOTS and the World Bank report (West) Germany under DEU before and after 1990; "
     "East Germany is DDR."),
    ("BIH", ("Bosnia", "Босния"), "Short form."),
    ("BLR", ("Белоруссия", "Byelorussia"), "Older Russian/English names of Belarus."),
    ("MDA", ("Молдавия", "Moldavia"), "Older Russian/English names of Moldova."),
    ("KGZ", ("Киргизия", "Kirghizia"), "Older names of Kyrgyzstan."),
    ("TWN", ("Chinese Taipei",), "WTO/Olympic name of Taiwan."),
    ("MAC", ("Macau",), "Common English spelling of Macao."),
    ("CZE", ("Чешская Республика",), "Formal Russian name (data has it only as UNTERM formal)."),
    ("KNA", ("St Kitts", "St. Kitts", "Saint Kitts", "Сент-Китс"), "First half of Saint Kitts and Nevis, as it is usually said."),
    ("VCT", ("St Vincent", "St. Vincent", "Saint Vincent", "San Vicente", "Сент-Винсент"), "First half of Saint Vincent and the Grenadines."),
    ("TTO", ("Trinidad", "Тринидад"), "First half of Trinidad and Tobago."),
    ("ATG", ("Antigua",), "First half of Antigua and Barbuda."),
    ("STP", ("Sao Tome", "São Tomé", "Сан-Томе"), "First half of São Tomé and Príncipe."),
    # -- historic states: the data names them once, in English only ---------------------------------
    ("SUN", ("USSR", "U.S.S.R.", "Soviet Union", "СССР", "Советский Союз", "URSS", "Unión Soviética"),
     "The Soviet Union appears in 1960-1991 trade tables as SUN."),
    ("YUG", ("Yugoslavia", "Югославия", "SFRY"), "Socialist Federal Republic of Yugoslavia (to 1992)."),
    ("CSK", ("Czechoslovakia", "Чехословакия", "Checoslovaquia"), "Czechoslovakia (to 1992)."),
    ("DDR", ("East Germany", "GDR", "ГДР", "Alemania Oriental", "RDA"), "German Democratic Republic (to 1990)."),
    ("SCG", ("Serbia and Montenegro", "Сербия и Черногория", "Serbia y Montenegro"), "Union of 2003-2006."),
    ("YMD", ("South Yemen", "Южный Йемен"), "People's Democratic Republic of Yemen (to 1990)."),
    ("YAR", ("North Yemen", "Северный Йемен"), "Yemen Arab Republic (to 1990)."),
    # -- groups: matched only by these exact names (never by fuzzy matching) ------------------------
    ("WLD", ("World", "the world", "whole world", "global", "мир", "мира", "весь мир", "мировой", "мировая", "мировое",
             "мировые", "мирового", "мировом", "мировых", "мировую", "мировому", "Mundo", "el mundo", "mundial", "mundiales"),
     "The World aggregate (a country's total trade) is IMF DOTS's partner 'World'."),
    ("G:EUROPEAN_UNION", ("EU", "E.U.", "European Union", "UE", "Unión Europea", "ЕС", "Евросоюз",
                          "Европейский союз"),
     "The IMF DOTS group 'European Union' (the World Bank aggregate EUU follows it as a second candidate)."),
    ("G:AFRICA", ("Africa", "África", "Африка"), "IMF DOTS group 'Africa' in es/ru too."),
    ("G:MIDDLE_EAST", ("Middle East", "Oriente Medio", "Medio Oriente", "Ближний Восток"),
     "IMF DOTS group 'Middle East' in es/ru too."),
    ("G:EURO_AREA", ("Euro Area", "eurozone", "euro zone", "zona euro", "zona del euro", "eurozona", "еврозона",
                     "зона евро"),
     "The IMF DOTS group 'Euro Area'."),
]

# Names that denote more than one country: the mention lists all and is marked ambiguous, so
# the engine asks back. ("Guinea" alone is NOT here: it is the exact short name of GIN, while
# Guinea-Bissau and Equatorial Guinea always carry their qualifier. "Sudan", "Niger",
# "Samoa" and "Dominica" likewise are exact names of one country each.)
AMBIGUOUS: list[tuple[tuple[str, ...], tuple[str, ...]]] = [
    (("Korea", "Corea", "Корея", "Korean", "coreano", "coreana", "coreanos", "coreanas", "корейский"), ("KOR", "PRK")),
    (("Congo", "Конго", "Congolese", "congoleño", "congolés", "конголезский"), ("COG", "COD")),
    (("Virgin Islands", "Islas Vírgenes", "Виргинские острова", "Виргинские о-ва"), ("VGB", "VIR")),
]

# Phrases that contain a country name but are not that country: they produce no mention
# (unless the store itself has an entity of that exact name, e.g. World Bank's North America).
BLOCKED: tuple[str, ...] = (
    "Latin America", "South America", "Central America", "North America", "the Americas", "Americas",
    "América Latina", "América del Sur", "América del Norte", "América Central", "Latinoamérica", "Sudamérica",
    "Латинская Америка", "Южная Америка", "Северная Америка", "Центральная Америка",
    "New Mexico", "Nuevo México", "Нью-Мексико", "New England", "Northern Ireland", "Indian Ocean",
    "Mexico City", "Ciudad de México", "guinea fowl", "guinea fowls", "guinea pig", "guinea pigs",
    "Brazil nut", "Brazil nuts", "China clay", "World Bank", "World Trade Organization", "Banco Mundial",
    "Всемирный банк", "world war", "Turkish delight",
    "US dollar", "US dollars", "U.S. dollars", "dólar estadounidense", "dólares estadounidenses", "доллар США",
)

# Regions and blocs the store has no figures for (some are also BLOCKED above): a question about
# one gets a plain "no figures for that region", not an answer about the other country it names.
REGIONS: tuple[str, ...] = (
    "Latin America", "South America", "Central America", "North America", "the Americas", "Americas",
    "América Latina", "América del Sur", "América del Norte", "América Central", "Latinoamérica", "Sudamérica",
    "Латинская Америка", "Южная Америка", "Северная Америка", "Центральная Америка",
    # trade blocs and clubs the store has no aggregate for (the IMF groups it has are matched as names)
    "G7", "G-7", "G8", "G20", "G-20", "BRICS", "ASEAN", "OPEC", "OPEP", "ОПЕК", "Mercosur", "Mercosul", "Меркосур",
    "NAFTA", "USMCA", "T-MEC", "TLCAN", "APEC", "АТЭС", "CIS", "СНГ", "EAEU", "EAEC", "ЕАЭС", "ЕврАзЭС", "OECD", "OCDE",
    "ОЭСР", "GCC", "Gulf Cooperation Council", "ССАГПЗ", "ECOWAS", "CEDEAO", "SADC", "COMESA", "Pacific Alliance",
    "Alianza del Pacífico", "Comunidad Andina", "CARICOM", "БРИКС", "Большая семёрка", "Большая двадцатка",
)

# Aliases that only count as written (lower-case "the states" is not the USA).
CASE_SENSITIVE: frozenset[str] = frozenset({"the States", "The States"})

# Abbreviations safe to match in lower case too (none is an en/es/ru word). Every other
# all-capital name of up to three letters (US, USA, EU, UE, ЕС, EAU) must be written in capitals.
CASE_INSENSITIVE: frozenset[str] = frozenset(
    "uk eu ue eeuu uae prc drc dprk ussr gdr rdc sfry ksa сша рф кнр кндр оаэ юар ссср гдр дрк фрг".split())

# Words that make up the "form of government" part of formal names. A name whose leading
# words are all of these, followed by "of"/"de"/"del" (or, in Russian, directly by the
# name), also yields the bare name: "Republic of Korea" → "Korea", "Estado Plurinacional de
# Bolivia" → "Bolivia", "Республика Молдова" → "Молдова". After a comma they are dropped:
# "Congo, Dem. Rep." → "Congo".
FORM_WORDS: frozenset[str] = frozenset("""
republic rep democratic dem people s peoples popular federal federative federated federation fed states state sts
united kingdom islamic arab socialist plurinational bolivarian independent commonwealth principality grand duchy
sultanate co operative cooperative oriental hashemite union special administrative region of the is p d r
republica democratica federacion federativa federados estado estados unido unidos unida reino islamica arabe
rb socialista plurinacional bolivariana independiente mancomunidad principado gran ducado sultanato cooperativa
hachemita union de del la las los el
республика демократическая народно народная федеративная государство многонациональное боливарианская исламская
социалистическая королевство объединенная независимое содружество княжество великое герцогство султанат
кооперативная восточная хашимитское союз
""".split())

# Historic states (kind 'other' in the store) that typo matching may reach; World Bank
# aggregates and IMF groups are matched only by exact names.
HISTORIC: frozenset[str] = frozenset("SUN YUG CSK CZS DDR SCG ANT BLX YMD YAR NYE SYE SVA XKX KOS".split())

# CLDR territory codes of groups, so Babel supplies their names in every language.
CLDR_GROUPS: dict[str, str] = {"001": "WLD", "EU": "G:EUROPEAN_UNION", "EZ": "G:EURO_AREA"}

# Display names (en, es, ru) where the store's CLDR name is odd in an answer; None keeps it.
DISPLAY: dict[str, tuple[str | None, str | None, str | None]] = {
    "USA": (None, None, "США"),
    "KOR": (None, None, "Южная Корея"),
    "PRK": (None, None, "Северная Корея"),
    "COD": ("DR Congo", "RD del Congo", "ДР Конго"),
    "COG": ("Republic of the Congo", "República del Congo", "Республика Конго"),
    "HKG": ("Hong Kong", "Hong Kong", "Гонконг"),
    "MAC": ("Macao", "Macao", "Макао"),
    "PSE": ("Palestine", "Palestina", "Палестина"),
    "MMR": ("Myanmar", "Myanmar", "Мьянма"),
    "BIH": ("Bosnia and Herzegovina", None, None),
    "VGB": (None, None, "Британские Виргинские острова"),
    "VIR": (None, None, "Виргинские острова (США)"),
    "UMI": (None, None, "Внешние малые острова (США)"),
    "TLS": ("Timor-Leste", "Timor-Leste", "Восточный Тимор"),
    "SUN": ("USSR", "URSS", "СССР"),
    "YUG": ("Yugoslavia", "Yugoslavia", "Югославия"),
    "CSK": ("Czechoslovakia", "Checoslovaquia", "Чехословакия"),
    "CZS": ("Czechoslovakia", "Checoslovaquia", "Чехословакия"),
    "DDR": ("East Germany", "Alemania Oriental", "ГДР"),
    "SCG": ("Serbia and Montenegro", "Serbia y Montenegro", "Сербия и Черногория"),
    "YMD": ("South Yemen", "Yemen del Sur", "Южный Йемен"),
    "YAR": ("North Yemen", "Yemen del Norte", "Северный Йемен"),
    "XKX": ("Kosovo", "Kosovo", "Косово"),
    "BLX": ("Belgium-Luxembourg", "Bélgica-Luxemburgo", "Бельгия-Люксембург"),
    "ANT": ("Netherlands Antilles", "Antillas Neerlandesas", "Нидерландские Антильские острова"),
    "WLD": ("World", "Mundo", "Мир"),
    "G:EUROPEAN_UNION": ("European Union", "Unión Europea", "Евросоюз"),
    "G:EURO_AREA": ("Euro area", "Zona del euro", "Еврозона"),
}
