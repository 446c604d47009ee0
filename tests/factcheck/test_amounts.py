"""Figures as articles print them: number formats, scale words and currencies in en/es/ru."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.factcheck.amounts import find_money, find_percents, parse_number
from bot.factcheck.markers import find_multiples, find_ranks, percent_role
from bot.factcheck.sentences import sentences


@pytest.mark.parametrize(
    ("text", "lang", "value", "currency", "half_unit"),
    [
        ("$179 million", "en", 179e6, "USD", 5e5),
        ("US$1.3 bn", "en", 1.3e9, "USD", 5e7),
        ("USD 2.5 billion", "en", 2.5e9, "USD", 5e7),
        ("$437bn", "en", 437e9, "USD", 5e8),
        ("$5m", "en", 5e6, "USD", 5e5),
        ("$179,000,000", "en", 179e6, "USD", 0.5),
        ("1,301 million dollars", "en", 1301e6, "USD", 5e5),
        ("1,7 mil millones de dólares", "es", 1.7e9, "USD", 5e7),
        ("1.301 millones de dólares", "es", 1301e6, "USD", 5e5),
        ("1.301 millones de dólares", "en", 1301e6, "USD", 5e5),  # the scale word decides the separators
        ("179 mdd", "es", 179e6, "USD", 5e5),
        ("2,5 mmdd", "es", 2.5e9, "USD", 5e7),
        ("500 mil dólares", "es", 5e5, "USD", 500),
        ("179 млн долларов", "ru", 179e6, "USD", 5e5),
        ("104,5 млрд долл. США", "ru", 104.5e9, "USD", 5e7),
        ("$85,6 млрд", "ru", 85.6e9, "USD", 5e7),
        ("1 301 млн долларов", "ru", 1301e6, "USD", 5e5),
        ("€5 billion", "en", 5e9, "EUR", 5e8),
        ("5.000 millones de euros", "es", 5e9, "EUR", 5e5),
        ("5 млрд руб.", "ru", 5e9, "RUB", 5e8),
        ("A$149 billion", "en", 149e9, "AUD", 5e8),
    ],
)
def test_money(text, lang, value, currency, half_unit):
    (a,) = find_money(text, lang)
    assert a.currency == currency
    assert (a.value, a.half_unit) == pytest.approx((value, half_unit))


@pytest.mark.parametrize("text", ["In 2016, 179 tonnes", "179 million people", "oil at $40 a barrel",
                                  "GDP of $9,000 per capita", "the year 2016", "since 2010"])
def test_not_a_trade_amount(text):
    assert [a for a in find_money(text, "en") if not a.per_unit] == []


@pytest.mark.parametrize(("text", "qualifier"), [("about $1 billion", "approx"), ("more than $1 billion", "above"),
                                                 ("less than $1 billion", "below"), ("almost $2 bn", "approx"),
                                                 ("unos 13.000 millones de dólares", "approx"), ("около 1,3 млрд долларов", "approx"),
                                                 ("более 5 млрд долларов", "above"), ("$1 billion", None)])
def test_wording_around_an_amount(text, qualifier):
    (a,) = find_money(text, "en")
    assert a.qualifier == qualifier


@pytest.mark.parametrize(("text", "lang", "value"), [("1,7", "es", "1.7"), ("1.7", "es", "1.7"), ("1.301", "es", "1301"),
                                                     ("1.301", "en", "1.301"), ("1,7", "en", "1.7"), ("1 301", "ru", "1301"),
                                                     ("1\u00a0301", "ru", "1301"), ("1.234.567", "en", "1234567"),
                                                     ("abc", "en", None)])
def test_parse_number(text, lang, value):
    assert parse_number(text, lang) == (Decimal(value) if value is not None else None)


@pytest.mark.parametrize(("text", "role"), [
    ("exports rose 25% in 2016", ("change", 1)), ("fell by 10.5 percent", ("change", -1)), ("a 12% increase", ("change", 1)),
    ("13% less than the year before", ("change", -1)), ("creció un 25 %", ("change", 1)), ("cayeron un 10 %", ("change", -1)),
    ("вырос на 25%", ("change", 1)), ("сократился на 22,9%", ("change", -1)),
    ("accounted for 27 percent of all Mexican exports", ("share", 0)), ("representan el 27 % de las exportaciones", ("share", 0)),
    ("на Россию приходится 27% экспорта", ("share", 0)), ("a 25% tariff on Chinese goods", ("other", 0)),
    ("equal to 35% of GDP", ("gdp", 0)), ("interest rates of 7%", ("other", 0)),
])
def test_what_a_percentage_states(text, role):
    (p,) = find_percents(text, "en")
    assert percent_role(text, p.start, p.end) == role


@pytest.mark.parametrize(("text", "place"), [
    ("Russia was Mexico's 14th largest export partner", 14), ("the second-largest supplier", 2), ("its biggest customer", 1),
    ("China is the largest trading partner of the US", 1), ("el tercer mayor socio comercial", 3), ("el principal socio", 1),
    ("ocupa el puesto 14 entre", 14), ("крупнейшим торговым партнёром", 1), ("вторым по величине торговым партнёром", 2),
    ("занимает 14-е место", 14), ("на третьем месте", 3),
])
def test_ranks(text, place):
    (r,) = find_ranks(text)
    assert r.value == place


@pytest.mark.parametrize("text", ["one of the largest markets", "uno de sus principales socios", "одним из крупнейших партнёров",
                                  "the world's second-largest economy"])
def test_not_a_rank(text):
    assert find_ranks(text) == []


@pytest.mark.parametrize(("text", "ratio"), [("grew fivefold", 5), ("more than doubled", 2), ("halved", 0.5),
                                             ("se triplicó", 3), ("se multiplicó por cinco", 5), ("выросли в пять раз", 5),
                                             ("сократился в два раза", 0.5), ("a quarter less than", 0.75)])
def test_multiples(text, ratio):
    (m,) = find_multiples(text)
    assert m.value == pytest.approx(ratio)


def test_three_times_as_large_is_a_comparison_not_growth():
    assert find_multiples("exports are three times as large as imports") == []


def test_sentences_keep_abbreviations_and_decimals_whole():
    text = ("Mexico exported $179 million to the U.S. and $1.3 bn. to Canada. EE. UU. compró 435.000 millones. "
            "Товарооборот составил 104,5 млрд долл. США. В 2021 г. он вырос.\nNew paragraph")
    assert [s.text for s in sentences(text)] == [
        "Mexico exported $179 million to the U.S. and $1.3 bn. to Canada.", "EE. UU. compró 435.000 millones.",
        "Товарооборот составил 104,5 млрд долл. США.", "В 2021 г. он вырос.", "New paragraph"]
