"""Everyday product words → HS codes, in English, Spanish and Russian.

HS descriptions are formal English ("Petroleum oils and oils obtained from bituminous
minerals; crude", "Soya beans, whether or not broken"); journalists write "crude oil",
"soybeans", "petróleo crudo", "нефть". This table covers the commonly asked-about goods;
anything else goes to the description search in ``products.ProductMatcher``.

Each row: (HS codes, best first; English; Spanish; Russian), alternatives separated by "|".
Write English and Spanish words in the singular (plurals are generated: car → cars,
avión → aviones) and Russian in the nominative (cases are generated: нефть → нефти,
нефтью; plural nominative forms like "автомобили" give автомобилей, автомобилям ...).

The first code that exists in the store is the answer; the others are offered as
alternatives. HS 2022 codes (smartphones = 851713; 851712 is the older HS code, used when
the store has it instead). Rows marked in ``AMBIGUOUS_CODES`` make the mention ambiguous.

Deliberately absent: "arms"/"weapons" (arms questions use SIPRI transfer data, not HS 93),
"goods"/"services"/"products" (totals), Spanish "té" (folds to the pronoun "te").
"""

from __future__ import annotations

from functools import lru_cache

PRODUCT_WORDS: list[tuple[tuple[str, ...], str, str, str]] = [
    # energy and minerals. "oil"/"petroleum"/"нефть" alone mean crude (2709), as in trade news;
    # refined products (2710) and the chapter follow as alternatives.
    (("2709", "2710", "27"), "crude oil|crude petroleum|crude|oil|petroleum",
     "petróleo crudo|crudo|petróleo", "нефть|сырая нефть"),
    (("2710",), "refined petroleum|petroleum product|refined product|oil product|fuel|gasoline|petrol|diesel",
     "gasolina|diésel|diesel|combustible|derivado del petróleo", "нефтепродукты|бензин|дизельное топливо|топливо"),
    (("2711", "271111", "271121"), "natural gas|gas", "gas natural|gas", "природный газ|газ"),
    (("271111",), "LNG|liquefied natural gas", "GNL|gas natural licuado", "СПГ|сжиженный природный газ"),
    (("2701",), "coal", "carbón", "уголь|угля|углем|угле"),
    (("2601",), "iron ore", "mineral de hierro", "железная руда"),
    (("2601", "72"), "iron", "hierro", "железо"),
    (("283691", "282520"), "lithium|lithium carbonate", "litio|carbonato de litio", "литий|карбонат лития"),
    (("2716",), "electricity|electric power", "electricidad|energía eléctrica", "электроэнергия|электричество"),
    (("2612",), "uranium", "uranio", "уран"),
    # metals and stones
    (("72",), "steel|iron and steel", "acero|hierro y acero", "сталь|черные металлы"),
    (("74",), "copper", "cobre", "медь"),
    (("76",), "aluminium|aluminum", "aluminio", "алюминий"),
    (("75",), "nickel", "níquel", "никель"),
    (("79",), "zinc", "zinc", "цинк"),
    (("7108",), "gold", "oro", "золото"),
    (("7106",), "silver", "plata", "серебро"),
    (("7110",), "platinum", "platino", "платина"),
    (("7102",), "diamond", "diamante", "алмазы|бриллианты"),
    (("7113",), "jewellery|jewelry", "joyería|joya", "ювелирные изделия"),
    # food and farm goods
    (("1001",), "wheat", "trigo", "пшеница"),
    (("10",), "grain|cereal", "cereal|grano", "зерно|зерновые"),
    (("0102",), "cattle|live cattle", "ganado|ganado bovino", "крупный рогатый скот"),
    (("030214", "0302", "03"), "salmon", "salmón", "лосось"),
    (("1005",), "corn|maize", "maíz", "кукуруза"),
    (("1006",), "rice", "arroz", "рис"),
    (("1201",), "soybean|soya bean|soy bean|soya|soy", "soja|soya|frijol de soya|haba de soja", "соя|соевые бобы"),
    (("1507",), "soybean oil|soya oil|soy oil", "aceite de soja|aceite de soya", "соевое масло"),
    (("1511",), "palm oil", "aceite de palma", "пальмовое масло"),
    (("1509",), "olive oil", "aceite de oliva", "оливковое масло"),
    (("1512",), "sunflower oil", "aceite de girasol", "подсолнечное масло"),
    (("0901",), "coffee", "café", "кофе"),
    (("0902",), "tea", "", "чай"),
    (("1801", "18"), "cocoa|cocoa bean|cacao", "cacao", "какао|какао-бобы"),
    (("1701",), "sugar", "azúcar", "сахар"),
    (("0803",), "banana", "banana|plátano|banano", "бананы"),
    (("080440",), "avocado", "aguacate|palta", "авокадо"),
    (("080450",), "mango|mangoes", "mango", "манго"),
    (("0806",), "grape", "uva", "виноград"),
    (("080810",), "apple", "manzana", "яблоки"),
    (("080510",), "orange", "naranja", "апельсины"),
    (("0702",), "tomato|tomatoes", "tomate|jitomate", "помидоры|томаты"),
    (("0701",), "potato|potatoes", "papa|patata", "картофель"),
    (("0201", "0202"), "beef", "carne de res|carne de vacuno|carne bovina", "говядина"),
    (("0203",), "pork", "carne de cerdo", "свинина"),
    (("0207",), "chicken|poultry", "pollo|carne de pollo", "курица|мясо птицы"),
    (("02",), "meat", "carne", "мясо"),
    (("03",), "fish|seafood", "pescado|marisco", "рыба|морепродукты"),
    (("0306",), "shrimp|prawn", "camarón|gamba", "креветки"),
    (("08",), "fruit", "fruta", "фрукты"),
    (("07",), "vegetable", "verdura|hortaliza", "овощи"),
    (("0603",), "flower|cut flower", "flor", "цветы"),
    (("0401",), "milk", "leche", "молоко"),
    (("0406",), "cheese", "queso", "сыр"),
    (("0405",), "butter", "mantequilla", "сливочное масло"),
    (("0407",), "egg", "huevo", "яйца"),
    (("0409",), "honey", "miel", "мед"),
    (("2204",), "wine", "vino", "вино"),
    (("2203",), "beer", "cerveza", "пиво"),
    (("220830",), "whisky|whiskey", "whisky", "виски"),
    (("220860",), "vodka", "vodka", "водка"),
    (("24",), "tobacco", "tabaco", "табак"),
    (("240220",), "cigarette", "cigarrillo", "сигареты"),
    # materials and consumer goods
    (("52",), "cotton", "algodón", "хлопок"),
    (("51",), "wool", "lana", "шерсть"),
    (("50",), "silk", "seda", "шелк"),
    (("41",), "leather|hide", "cuero", "кожа"),
    (("39",), "plastic", "plástico", "пластмассы|пластик"),
    (("40",), "rubber", "caucho|hule", "каучук|резина"),
    (("4011",), "tyre|tire", "neumático|llanta", "шины"),
    (("44",), "wood|timber|lumber", "madera", "древесина|лесоматериалы"),
    (("48",), "paper", "papel", "бумага"),
    (("61", "62"), "clothing|apparel|garment|clothes", "ropa|prenda de vestir", "одежда"),
    (("64",), "footwear|shoe", "calzado|zapato", "обувь"),
    (("94",), "furniture", "mueble", "мебель"),
    (("95",), "toy", "juguete", "игрушки"),
    (("2523",), "cement", "cemento", "цемент"),
    (("31",), "fertilizer|fertiliser", "fertilizante|abono", "удобрения"),
    (("3104",), "potash", "potasa", "калийные удобрения"),
    (("3004", "30"), "medicine|medicament|pharmaceutical|drug", "medicamento|fármaco", "лекарства|медикаменты"),
    (("300241",), "vaccine", "vacuna", "вакцины"),
    # machinery and vehicles
    (("8703",), "car|automobile|passenger car|motor car", "auto|automóvil|coche|carro", "автомобили|легковые автомобили"),
    (("8704",), "truck|lorry", "camión", "грузовики|грузовые автомобили"),
    (("8708",), "car part|auto part|vehicle part|automotive part", "autoparte|refacción", "автозапчасти|автокомпоненты"),
    (("8701",), "tractor", "tractor", "тракторы"),
    (("87",), "vehicle", "vehículo", "транспортные средства"),
    (("8802", "88"), "aircraft|airplane|aeroplane|plane|airliner", "avión|aeronave", "самолеты|воздушные суда"),
    (("880211", "880212"), "helicopter", "helicóptero", "вертолеты"),
    (("8806",), "drone", "dron", "дроны|беспилотники"),
    (("8901", "89"), "ship|vessel", "barco|buque", "суда|корабли"),
    (("851713", "851712", "8517"), "smartphone|smart phone|mobile phone|cell phone|cellphone",
     "teléfono inteligente|smartphone|celular|teléfono móvil|móvil", "смартфоны|мобильные телефоны"),
    (("8517",), "phone|telephone", "teléfono", "телефоны"),
    (("870840",), "gearbox|gear box", "caja de cambios|caja de cambio", "коробка передач"),
    (("8471",), "computer|laptop", "computadora|ordenador|computador", "компьютеры|ноутбуки"),
    (("8507", "8506"), "battery|lithium-ion battery|accumulator", "batería|pila|acumulador", "аккумуляторы|батареи"),
    (("28", "29", "38"), "chemical|chemical product", "producto químico|químico", "химикаты|химическая продукция"),
    (("8542", "8541"), "semiconductor|chip|microchip|integrated circuit", "semiconductor|chips|circuito integrado",
     "микросхемы|полупроводники|чипы|микрочипы"),
    (("854143", "854140", "8541"), "solar panel|solar cell", "panel solar|paneles solares", "солнечные панели"),
    (("84",), "machinery", "maquinaria", "оборудование|машины и оборудование"),
    (("85",), "electronics|electrical machinery|electrical equipment", "electrónica|aparatos eléctricos", "электроника"),
]

# Words that could mean two headings equally: the mention is marked ambiguous (engine asks).
AMBIGUOUS_CODES: frozenset[tuple[str, ...]] = frozenset({("61", "62"), ("0201", "0202"), ("2601", "72"), ("28", "29", "38")})

# Head words of HS descriptions that are also ordinary words: never a product on their own.
HEAD_WORDS_EXCLUDED: frozenset[str] = frozenset("""
lead live other articles parts works waste raw prepared natural new used made special base mixed certain
electric electrical chemical organic animal vegetable artificial synthetic composite instruments tools machines
machine apparatus equipment products goods materials residues preparations compounds appliances
""".split())


@lru_cache(maxsize=1)
def all_words() -> frozenset[str]:
    """Every folded word in the table (the country matcher never reads these as typos)."""
    from bot.names.normalize import normalize

    out: set[str] = set()
    for _codes, en, es, ru in PRODUCT_WORDS:
        for phrase in "|".join((en, es, ru)).split("|"):
            out.update(normalize(phrase).split())
    return frozenset(w for w in out if len(w) >= 4)
