"""World Bank GDP (current US$) and population, as packaged by Datahub (long layout)."""

from __future__ import annotations

from functools import partial

from bot.store.figures import Source
from bot.store.importers.long_indicators import IndicatorDef, LongSpec, load_long

SOURCE = Source(
    id="wb_gdp_pop", name="World Bank GDP and population (WDI NY.GDP.MKTP.CD, SP.POP.TOTL)", publisher="World Bank",
    version="WDI to 2024 (Datahub gdp@822019c8, population@425fc447)", licence="CC BY 4.0 (World Bank); package ODC-PDDL",
    citation="World Bank, World Development Indicators", valuation="current US$", unit="US$ / persons",
    url="https://data.worldbank.org/", priority=20, kind="indicator", coverage="265 economies and aggregates, 1960-2024")

GDP = IndicatorDef("NY.GDP.MKTP.CD", "GDP (current US$)", "USD")
POPULATION = IndicatorDef("SP.POP.TOTL", "Population, total", "persons")

SPEC = LongSpec(SOURCE, "iso3", "year", {"gdp_current_usd": GDP, "population": POPULATION}, name_column="country_name")
load = partial(load_long, spec=SPEC)
