"""Gapminder Systema Globalis country series: SIPRI arms exports/imports (TIV) and FDI net
inflows/outflows as % of GDP (World Bank WDI series as republished by Gapminder)."""

from __future__ import annotations

from functools import partial

from bot.store.figures import Source
from bot.store.importers.long_indicators import IndicatorDef, LongSpec, load_long

SOURCE = Source(
    id="gapminder_sg", name="Gapminder Systema Globalis (SIPRI arms TIV; WDI FDI % of GDP)", publisher="Gapminder",
    version="systema_globalis@c63631ab", licence="CC BY 4.0",
    citation="Gapminder Systema Globalis (SIPRI; World Bank WDI)", valuation="", unit="TIV / % of GDP",
    url="https://github.com/open-numbers/ddf--gapminder--systema_globalis", priority=40, kind="indicator",
    coverage="209 countries, 1960-2024")

ARMS_EXPORTS = IndicatorDef("SIPRI.TIV.EXPORTS", "Arms exports (SIPRI trend-indicator value)", "TIV",
                            "SIPRI TIV measures the volume of major arms transfers, not their financial value.")
ARMS_IMPORTS = IndicatorDef("SIPRI.TIV.IMPORTS", "Arms imports (SIPRI trend-indicator value)", "TIV",
                            "SIPRI TIV measures the volume of major arms transfers, not their financial value.")
FDI_IN_PCT = IndicatorDef("BX.KLT.DINV.WD.GD.ZS", "Foreign direct investment, net inflows (% of GDP)", "percent_of_gdp")
FDI_OUT_PCT = IndicatorDef("BM.KLT.DINV.WD.GD.ZS", "Foreign direct investment, net outflows (% of GDP)", "percent_of_gdp")

SPEC = LongSpec(SOURCE, "iso3", "year", {
    "arms_exports_sipri_tiv": ARMS_EXPORTS,
    "arms_imports_sipri_tiv": ARMS_IMPORTS,
    "foreign_direct_investment_net_inflows_percent_of_gdp": FDI_IN_PCT,
    "foreign_direct_investment_net_outflows_percent_of_gdp": FDI_OUT_PCT,
})
load = partial(load_long, spec=SPEC)
