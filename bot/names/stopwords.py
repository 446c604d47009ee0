"""Words that are never a country or a product by themselves (question words, trade vocabulary,
units, prepositions) in English, Spanish and Russian, all in ``fold``-ed form (no accents,
ё→е). Fuzzy matching never runs over them, and a one-word name that is also one of them
(Russian "того" = Togo) only counts when written with a capital inside the sentence.
"""

from __future__ import annotations

from bot.names.normalize import fold

_EN = """
a about above across after again against all almost along also although always am among amount an and another any
are around as at average back be because been before being below between both but by can could current data did do
does done down during each either else enough especially even ever every few for from further get give given go got
had has have having he her here high highest him his how however i if in into is it its itself just last latest least
less like likely low lowest made main make many may me more most much must my near need neither never new next no nor
not now of off often on once one only or other our out over own per please rather same see show should since so some
still such than that the their them then there these they this those though through to too top total toward towards
under until up upon us very was we were what whatever when where whether which while who whom whose why will with
within would year years yet you your versus vs etc ago today yesterday tomorrow
export exports exported exporting exporter exporters import imports imported importing importer importers trade
trades traded trading trader partner partners partnership balance deficit surplus share shares growth grow grew grown
rank ranking ranked value values volume volumes chart charts graph table list compare compared comparison change
changes changed rise rose fall fell decline declined increase increased decrease decreased biggest largest smallest
bigger larger smaller main major leading country countries nation nations economy economies region regions
percent percentage billion billions million millions thousand thousands trillion tonnes tonne tons ton kg kilograms
usd dollars dollar euros euro currency price prices per capita gdp population investment investments invest invested
fdi arms weapons weapon transfers flows flow goods services merchandise products product commodity commodities
source sources figure figures number numbers statistics stats decade decades century since last first second third
between among mirror reported reporter reporting answer question tell give show explain who's what's how's
month months quarter quarters annual annually yearly period range today's
earn earns earned earning earnings sell sells sold selling buy buys bought buying
"""

_ES = """
a al algo alguna alguno algunos ante antes aquel aqui asi aun aunque bajo bien cada casi como con contra cual cuales
cualquier cuando cuanto cuanta cuantos cuantas de del desde donde dos durante e el ella ellas ellos en entre era eran
es esa ese eso esta estaba estado estan este esto estos estas fue fueron ha han hasta hay la las le les lo los mas
me mi mientras muy nada ni no nos nosotros o otra otro otros para pero poco por porque pues que quien quienes se sea
segun ser si sin sobre solo son su sus tambien tan tanto te tiene tienen todo todos tras tu un una uno unos unas y ya
año anos ano años ultimo ultimos ultima ultimas primer primero cual mayor mayores menor menores principal principales
exporta exportan exporto exportaron exportar exportacion exportaciones exportado exportados exportador exportadores
importa importan importo importaron importar importacion importaciones importado importados importador importadores
comercio comercial comerciales socio socios balanza deficit superavit cuota participacion crecimiento crecio ranking
valor valores volumen grafico tabla lista comparar comparacion cambio aumento disminucion pais paises nacion naciones
economia economias region millones millon mil miles billones toneladas tonelada dolares dolar euros precio precios
inversion inversiones armas bienes servicios producto productos mercancias fuente fuentes cifra cifras dato datos
decada decadas desde cuanto cuantos cuanta cuantas cual cuales donde quien dime muestra
gana ganan gano ganaron ganar ganancia ganancias vende venden vendio vendieron vender compra compran compro
compraron comprar
"""

_RU = """
а без более больше бы был была были было быть в вам вас весь во вот все всего всех вы где да даже для до его ее
если есть еще же за и из или им их к как какая какие каким какой какую ко когда кто ли либо мне много может мы на
над нас не него нее нет ни них но ну о об около он она они оно от по под после при про раз с со так также такой там
те тем то того тоже той только том ты у уже чем что чтобы эта эти это этот я году год года годы лет году годах
сколько экспорт экспорта экспорту экспортом экспорте импорт импорта импорту импортом импорте экспортировал
экспортировала экспортировали экспортирует импортировал импортировала импортировали импортирует торговля торговли
торговлю торговлей товарооборот товарооборота доля доли долю рост роста ростом сальдо баланс дефицит профицит партнер
партнеры партнеров партнерам страна страны стран странам страну объем объема объемы стоимость рейтинг график таблица
млрд млн тыс миллиард миллиарда миллиардов миллион миллиона миллионов тысяч тонн тонны долларов доллар евро цена цены
инвестиции инвестиций оружие оружия товары товаров услуги источник источники данные крупнейший крупнейшие главные
основные между между сравни сравнить покажи скажи какова каков каковы
кого кому кем
"""

STOPWORDS: frozenset[str] = frozenset(fold(w) for w in (_EN + _ES + _RU).split())

# ISO 3166 alpha-2 codes that are also ordinary words or everyday abbreviations in en/es/ru
# text when written in capitals ("IN 2016", "IT sector", "TV", "ID", "PM", "CEO OR CFO"):
# these never count as country codes; the country must then be named.
ISO2_NOT_CODES: frozenset[str] = frozenset("""
AD AI AM AN AS AT BE BY CA CC CD CO CV DO ER ET GO HE HR ID IF IN IO IS IT LA MA ME MO MS MY NA NE NO ON OR
PA PE PM PR PS RE SA SE SI SO ST TO TV UM UN UP VA VC WE YE
""".split())

# ISO 3166 alpha-3 codes that are ordinary words written in capitals for emphasis or that
# stand for something else in trade questions (VAT = value-added tax, PER CAPITA).
ISO3_NOT_CODES: frozenset[str] = frozenset("AND ARE CAN FIN MAC PER TON VAT COM GUY SUR BEN ARM JAM PAN".split())

# Country names that are also common words: matched only when capitalised and not the first
# word of the text (Russian "того" = "of that"; "Jersey", "Reunion", "chili" (French for
# Chile) and "джерси" are ordinary words).
CAPITALISED_ONLY: frozenset[str] = frozenset(fold(w) for w in "того jersey guernsey reunion reunión chili джерси".split())
