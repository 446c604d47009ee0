"""Wording that was wrong once and must stay right: the unit in the source line is the
figure's own unit, headers are plural where they list several, English names take "the"
where they need it, nothing says "surpluss" or nests brackets, and what the store cannot
answer is said plainly rather than answered with another figure."""

from __future__ import annotations

import pytest

from bot.engine.engine import Engine


@pytest.fixture(scope="module")
def engine(store):
    return Engine(store)


@pytest.mark.parametrize("question, present, absent", [
    # the source line names the figure's unit (population is people, not the GDP's current US$)
    ("population of Russia 2020", ["; people"], ["current US$"]),
    ("población de México 2020", ["; personas", "millones de personas"], ["US$ corrientes"]),
    ("население России 2020", ["; человек"], ["долл. США в текущих ценах"]),
    ("GDP of Guatemala 2016", ["; current US$"], ["people"]),
    ("GDP per capita of Mexico 2016", ["current US$ and people"], []),
    ("FDI inflows to Mexico 2016", ["current US$", "; % of GDP"], []),
    ("Russia arms exports 2017", ["TIV (millions)", "SIPRI trend-indicator value (TIV)"], ["by order year"]),
    # plural headers, in all three languages, with no nested brackets
    ("who does Germany have its biggest trade surplus with", ["largest trade surpluses in"], ["surpluss"]),
    ("mayores déficits comerciales de México 2016", ["Mayores déficits comerciales"], ["déficitss"]),
    ("с какими странами у России самый большой профицит", ["крупнейшие торговые профициты"], ["(последний доступный год))"]),
    ("какое место занимает Китай среди торговых партнеров России", ["1-е место"], ["(последний доступный год))"]),
    ("Do Mexico and Russia report the same trade?", ["(2020, latest year available)"], ["year available))"]),
    # share roles and wording
    ("Chinese share of Brazil's exports 2020", ["China accounted for 32.4% of Brazil's exports"], ["Brazil took"]),
    ("participación de China en las exportaciones de Brasil 2020", ["China representó el 32,4\u00a0% de las exportaciones de Brasil"], []),
    ("доля Китая в экспорте Бразилии 2020", ["Китай: 32,4\u00a0% от показателя «Бразилия, экспорт»"], []),
    ("China's share of US imports 2019", ["of the United States' imports"], ["United States's"]),
    # a growth in GDP is said to be nominal
    ("China GDP growth in 2020", ["not real (inflation-adjusted) growth"], []),
    # what cannot be answered is said, with no figure
    ("Mexico exports to Latin America 2019", ["no figures for \u201cLatin America\u201d"], ["$"]),
    ("Texas exports to Mexico", ["\u201cTexas\u201d", "Whose exports to Mexico?"], ["$"]),
    ("Mexico exports to Russia as a percentage of GDP", ["I do not divide trade by GDP"], ["$"]),
    ("What % of world exports does China account for?", ["not a reporter"], ["$"]),
    ("How much did Mexico export to Russia in 2016 in pesos?", ["US dollars only", "$178.5 million"], []),
    ("Mexico exports to Russia Q1 2016", ["Annual figures only"], []),
    # held-out set 10: "европу" is no currency, horas is feminine, two near-equal figures
    ("сколько газа россия продает в европу", ["tradefacts data import"], ["Только в долларах"]),
    ("cuanto exporta rusia a cuba 2020", ["unas 27 horas"], ["unos 27 horas"]),
    ("gdp per capita poland vs hungary 2023", ["within 1% of each other"], ["1.0 times"]),
    # a product ranking is never answered with all-goods partners; "who buys X's oil" is X's exports
    ("where does india buy most of its oil", ["not loaded", "India's total imports"], ["1. China"]),
    ("de donde compra mas petroleo india", ["no están cargados"], ["1. China"]),
    ("откуда индия покупает больше всего нефти", ["не загружены"], ["1. Китай"]),
    ("who buys the most chilean copper", ["Chile's total exports"], ["Chile's total imports"]),
    ("кто покупает российскую нефть", ["Россия: общий экспорт"], ["общий импорт"]),
    ("who sells oil to india", ["India's total imports"], ["India's total exports"]),
    ("quien compra el cobre chileno", ["exportaciones totales de Chile"], ["¿A qué país"]),
    # a country that reports nothing: the partner's figure, labelled as its mirror
    ("North Korea imports from China 2015", ["China's mirror figure", "reported by China (mirror)"], []),
])
def test_answer_wording(engine, question, present, absent):
    text = engine.ask(question).text
    for s in present:
        assert s in text, f"{s!r} missing from:\n{text}"
    for s in absent:
        assert s not in text, f"{s!r} should not be in:\n{text}"
