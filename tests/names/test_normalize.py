"""The one normalisation every matcher uses, and the tokenizer's offsets."""

from __future__ import annotations

import pytest

from bot.names.inflect import ru_noun_forms
from bot.names.normalize import fold, is_shouting, normalize, tokenize

NORMALIZE = [
    ("México", "mexico"), ("Côte d’Ivoire", "cote d ivoire"), ("Côte d'Ivoire", "cote d ivoire"),
    ("Bosnia & Herzegovina", "bosnia and herzegovina"), ("Guinea-Bissau", "guinea bissau"),
    ("Guinea–Bissau", "guinea bissau"), ("  United   States ", "united states"), ("U.S.", "us"),
    ("EE. UU.", "eeuu"), ("EE.UU.", "eeuu"), ("Türkiye", "turkiye"), ("Straße", "strasse"),
    ("Соединённые Штаты", "соединенные штаты"), ("Йемен", "йемен"), ("ЁЖ", "еж"),
    ("Mexico's", "mexico s"), ("«Россия»", "россия"), ("HS 8708.40", "hs 8708.40"), ("Perú!", "peru"),
    ("Cafe\u0301", "cafe"), ("и\u0306", "й"),
]


@pytest.mark.parametrize("text,expected", NORMALIZE)
def test_normalize(text, expected):
    assert normalize(text) == expected


def test_fold_keeps_cyrillic_and_strips_latin_accents():
    assert fold("Ñandú Évora Øresund") == "nandu evora oresund"
    assert fold("Ёлка Йошкар-Ола") == "елка йошкар-ола"


def test_token_offsets_point_into_original():
    text = "¿Cuánto exportó  México a EE. UU. en 2016 (HS 8708.40)?"
    tokens = tokenize(text)
    for t in tokens:
        assert text[t.start:t.end] == t.text
    assert [t.norm for t in tokens] == ["cuanto", "exporto", "mexico", "a", "eeuu", "en", "2016", "hs", "8708.40"]
    abbr = tokens[4]
    assert abbr.kind == "abbr" and abbr.letters == "EEUU" and abbr.is_upper
    assert tokens[6].kind == "number" and tokens[8].kind == "number"


def test_shouting():
    assert is_shouting(tokenize("HOW MUCH DID MEXICO EXPORT TO RUSSIA"))
    assert not is_shouting(tokenize("How much did the US export to MEX?"))


RU_FORMS = [
    ("россия", {"россии", "россию", "россией"}), ("мексика", {"мексики", "мексике", "мексику", "мексикой"}),
    ("китай", {"китая", "китаю", "китаем", "китае"}), ("беларусь", {"беларуси", "беларусью"}),
    ("иран", {"ирана", "ирану", "ираном", "иране"}), ("египет", {"египта", "египтом"}),
    ("штаты", {"штатов", "штатам", "штатами", "штатах"}), ("соединенные", {"соединенных", "соединенным"}),
    ("южная", {"южной", "южную"}), ("польша", {"польши", "польшей"}),
]


@pytest.mark.parametrize("word,forms", RU_FORMS)
def test_russian_case_forms(word, forms):
    assert forms <= ru_noun_forms(word)


@pytest.mark.parametrize("word", ["того", "чили", "перу", "конго", "марокко"])
def test_foreign_names_in_vowels_do_not_decline(word):
    assert ru_noun_forms(word) == {word}
