"""Product mentions and look-ups: question → expected HS codes."""

from __future__ import annotations

import pytest

# (text, best code of each product mention in text order)
FIND = [
    ("How much crude oil did Mexico export to the US in 2016?", ["2709"]),
    ("Russia's oil exports", ["2709"]),
    ("natural gas from Russia to Germany", ["2711"]),
    ("Qatar LNG to Japan", ["271111"]),
    ("German cars and car parts", ["8703", "8708"]),
    ("wine exports of Chile", ["2204"]),
    ("coffee and tea from Kenya", ["0901", "0902"]),
    ("Brazil's soybeans and soya beans", ["1201", "1201"]),
    ("Chile's copper", ["74"]),
    ("wheat to Egypt", ["1001"]),
    ("smartphones from Vietnam", ["851713"]),
    ("mobile phones and telephones", ["851713", "8517"]),
    ("aircraft sold by France", ["8802"]),
    ("gold imports of Switzerland", ["7108"]),
    ("fertilizers from Belarus", ["31"]),
    ("palm oil and olive oil", ["1511", "1509"]),
    ("cocoa beans from the Ivory Coast", ["1801"]),
    ("tractors and cobalt", ["8701", "8105"]),
    # Spanish
    ("exportaciones de vino y petróleo crudo", ["2204", "2709"]),
    ("¿Cuánto café exporta Colombia?", ["0901"]),
    ("aguacates mexicanos", ["080440"]),
    ("automóviles alemanes y cobre chileno", ["8703", "74"]),
    ("trigo y soja de Argentina", ["1001", "1201"]),
    ("aviones y teléfonos inteligentes", ["8802", "851713"]),
    # Russian, with case forms
    ("экспорт нефти и пшеницы", ["2709", "1001"]),
    ("нефть и кофе", ["2709", "0901"]),
    ("импорт автомобилей из Японии", ["8703"]),
    ("поставки сырой нефти и природного газа", ["2709", "2711"]),
    ("экспорт удобрений и золота", ["31", "7108"]),
    ("самолётов и смартфонов", ["8802", "851713"]),
    # codes
    ("HS 2709 exports", ["2709"]),
    ("HS2709", ["2709"]),
    ("chapter 27", ["27"]),
    ("exports of 870840 and 8708.40", ["870840", "870840"]),
    ("HS code 870840", ["870840"]),
    ("capítulo 27 y partida 2709", ["27", "2709"]),
    ("глава 27, ТН ВЭД 2709", ["27", "2709"]),
    ("exports of 8703 in 2016", ["8703"]),
]


@pytest.mark.parametrize("text,expected", FIND, ids=[t for t, _ in FIND])
def test_find(product_matcher, text, expected):
    assert [m.code for m in product_matcher.find(text)] == expected


NO_PRODUCT = [
    "How much did Mexico export to Russia in 2016?",
    "¿Cuánto exportó México a Rusia en 2016?",
    "Сколько Россия экспортировала в Китай в 2016 году?",
    "top partners", "trade balance", "share", "growth", "rank", "per capita", "investment",
    "arms exports to India", "billion", "million", "5000 tonnes in 1995", "US$ 2709 million", "between 2001 and 2009",
    "soil", "boil", "the Ivory Coast", "Chile, China, Turkey and Jersey",
    "over the last decade, what share", "top 10 partners", "1,5 billion",
]


@pytest.mark.parametrize("text", NO_PRODUCT)
def test_no_product(product_matcher, text):
    assert product_matcher.find(text) == []


def test_whole_words_only(product_matcher):
    assert [m.code for m in product_matcher.find("swine and wine")] == ["0103", "2204"]
    assert all("0103" != c.code for c in product_matcher.search("wine"))
    assert product_matcher.find("soil and boil") == []


def test_mention_fields(product_matcher):
    text = "How much crude oil did Mexico export?"
    (m,) = product_matcher.find(text)
    assert (m.start, m.end, m.text) == (9, 18, "crude oil") and text[m.start:m.end] == m.text
    assert m.candidates[0] == "2709" and m.kind == "synonym" and not m.ambiguous and m.score == 100
    (m,) = product_matcher.find("clothing")
    assert m.ambiguous and m.candidates == ["61", "62"]


LOOKUP = [
    ("gear boxes", "870840"), ("crude oil", "2709"), ("cars", "8703"), ("wine", "2204"), ("coffee", "0901"),
    ("soybeans", "1201"), ("soya beans", "1201"), ("copper", "74"), ("wheat", "1001"), ("smartphones", "851713"),
    ("phones", "8517"), ("aircraft", "8802"), ("gold", "7108"), ("natural gas", "2711"), ("fertilizers", "31"),
    ("870840", "870840"), ("HS 2709", "2709"), ("chapter 27", "27"), ("8708.40", "870840"), ("27", "27"),
    ("soybeens", "1201"), ("tractors", "8701"), ("horses", "0101"), ("roasted coffee", "090121"),
    ("petroleum oils crude", "2709"), ("vino", "2204"), ("нефть", "2709"), ("petróleo crudo", "2709"),
    ("автомобили", "8703"), ("Wine of fresh grapes", "2204"), ("motor cars", "8703"), ("tea", "0902"),
]


@pytest.mark.parametrize("words,code", LOOKUP)
def test_lookup(product_matcher, words, code):
    cands = product_matcher.lookup(words)
    assert cands and cands[0].code == code


def test_description_search_prefers_headings_and_coverage(product_matcher):
    codes = [c.code for c in product_matcher.search("wine")]
    assert codes[0] == "2204" and "220421" in codes        # heading before its subheadings
    codes = [c.code for c in product_matcher.search("gear boxes")]
    assert codes[0] == "870840" and "8483" in codes        # the description the words cover best
    codes = [c.code for c in product_matcher.search("crude petroleum")]
    assert codes[0] == "2709" and "2710" not in codes      # 2710 says "not crude"
    scores = [c.score for c in product_matcher.search("copper")]
    assert scores == sorted(scores, reverse=True)


def test_lookup_unknown(product_matcher):
    assert product_matcher.lookup("") == []
    assert product_matcher.lookup("trade balance") == []
    assert product_matcher.lookup("000000") == []
