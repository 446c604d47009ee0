"""One module per published format. ``FORMATS`` is what ``tradefacts data import FORMAT``
accepts; each entry loads one file into an open transaction and returns an ImportReport."""

from __future__ import annotations

from pathlib import Path

from bot.store.importers import comtrade_quadrennial, dots, gapminder, hs, sipri, unctad, worldbank
from bot.store.importers.base import CsvRows, Importer, ImportFailure, ImportReport


def _dots(conn, path: Path, *, progress: bool = False) -> ImportReport:
    """Bilateral or country-to-group DOTS table, told apart by its header."""
    header = CsvRows(path, required=[]).header
    loader = dots.load_groups if "partner_group" in header else dots.load_bilateral
    return loader(conn, path, progress=progress)


FORMATS: dict[str, Importer] = {
    "dots": Importer("dots", "IMF DOTS bilateral or country-to-group table (long CSV, US$ million)", _dots),
    "comtrade-quadrennial": Importer("comtrade-quadrennial", "UN Comtrade exports every 4th year (penppml layout, US$)",
                                     comtrade_quadrennial.load),
    "worldbank-gdp-pop": Importer("worldbank-gdp-pop", "World Bank GDP and population (Datahub long CSV)", worldbank.load),
    "gapminder": Importer("gapminder", "Gapminder arms TIV and FDI % of GDP (long CSV)", gapminder.load),
    "unctad-fdi": Importer("unctad-fdi", "UNCTAD bilateral FDI flows (ABN 2018 layout, US$ million)", unctad.load),
    "sipri": Importer("sipri", "SIPRI arms transfers by order year (TIV million)", sipri.load),
    "hs": Importer("hs", "HS codes and descriptions (Datahub harmonized-system layout)", hs.load_codes),
}

# Formats data desks download (imported with `tradefacts data import FORMAT FILE...`).
from bot.store.importers import baci, comtrade, imf_sdmx, wdi_csv  # noqa: E402

FORMATS["baci"] = Importer("baci", "CEPII BACI year files t,i,j,k,v,q (US$ thousand) plus country_codes/product_codes",
                           baci.load)
FORMATS["comtrade"] = Importer("comtrade", "UN Comtrade+ final data CSV (annual goods, X/M totals, US$)", comtrade.load)
FORMATS["imf-sdmx"] = Importer("imf-sdmx", "IMF IMTS bilateral goods trade, SDMX-CSV from the IMF SDMX API (US$)",
                               imf_sdmx.load)
FORMATS["wdi"] = Importer("wdi", "World Bank WDI wide CSV (API_<indicator>_DS2 download or bulk WDICSV.csv)",
                          wdi_csv.load)


def register(importer: Importer) -> None:
    """Add a format (used by the modules for downloaded formats: BACI, Comtrade, WDI)."""
    FORMATS[importer.name] = importer


__all__ = ["FORMATS", "ImportFailure", "ImportReport", "Importer", "register"]
