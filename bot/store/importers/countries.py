"""Countries and their names: ISO codes and UNTERM names (datahub country-codes), CLDR
territory names in English, Spanish and Russian (Babel), and Gapminder's short names.

Names are data, not hand-typed lists: every alias row records where it came from.
"""

from __future__ import annotations

import re
import sqlite3
import time
from pathlib import Path

from bot.store.figures import Source
from bot.store.importers.base import CsvRows, ImportReport, record_file, register_source, timed

DATAHUB = Source(
    id="datahub_country_codes", name="Country codes (ISO 3166, M49, UNTERM names)", publisher="Datahub core datasets",
    version="github.com/datasets/country-codes@caa72d1e", licence="ODC-PDDL",
    citation="Datahub, country-codes (ISO 3166 and UNTERM names)", valuation="", unit="", kind="reference",
    url="https://github.com/datasets/country-codes")
GAPMINDER_GEO = Source(
    id="gapminder_geo", name="Gapminder country entities", publisher="Gapminder (open-numbers)",
    version="ddf--gapminder--systema_globalis@c63631ab", licence="CC BY 4.0",
    citation="Gapminder, Systema Globalis geo entities", valuation="", unit="", kind="reference",
    url="https://github.com/open-numbers/ddf--gapminder--systema_globalis")

# UNTERM/official-name columns: (column, language, kind)
NAME_COLUMNS = [
    ("CLDR display name", "en", "short"), ("UNTERM English Short", "en", "short"),
    ("UNTERM English Formal", "en", "official"), ("official_name_en", "en", "official"),
    ("UNTERM Spanish Short", "es", "short"), ("UNTERM Spanish Formal", "es", "official"),
    ("official_name_es", "es", "official"), ("UNTERM Russian Short", "ru", "short"),
    ("UNTERM Russian Formal", "ru", "official"), ("official_name_ru", "ru", "official"),
    ("UNTERM French Short", "fr", "short"), ("official_name_fr", "fr", "official"),
    ("UNTERM Arabic Short", "ar", "short"), ("official_name_ar", "ar", "official"),
    ("UNTERM Chinese Short", "zh", "short"), ("official_name_cn", "zh", "official"),
]
_TRAILING_ARTICLE = re.compile(r"\s*\((?:the|el|la|los|las|l'|le|les)\)\s*$", re.IGNORECASE)
_LEADING_ARTICLE = re.compile(r"^(?:the|el|la|los|las|le|les)\s+", re.IGNORECASE)


def clean_name(name: str) -> str:
    """UNTERM writes 'Afganistán (el)' and 'the Islamic Republic of ...': keep the name only."""
    name = _TRAILING_ARTICLE.sub("", name.strip())
    return _LEADING_ARTICLE.sub("", name).strip()


def _cldr_names(iso2: str) -> dict[str, str]:
    from babel import Locale

    out = {}
    for lang in ("en", "es", "ru", "fr", "ar", "zh"):
        name = Locale(lang).territories.get(iso2)
        if name:
            out[lang] = name
    return out


def load_datahub(conn: sqlite3.Connection, path: Path, *, progress: bool = False) -> ImportReport:
    start = time.perf_counter()
    report = ImportReport(DATAHUB.id, path.name)
    register_source(conn, DATAHUB, 1.0)
    import babel

    cldr = Source(id="cldr", name="Unicode CLDR territory names (via Babel)", publisher="Unicode Consortium",
                  version=f"Babel {babel.__version__}", licence="Unicode License v3",
                  citation="Unicode CLDR, territory display names", valuation="", unit="", kind="reference",
                  url="https://cldr.unicode.org")
    register_source(conn, cldr, 1.0)
    rows = CsvRows(path, required=["ISO3166-1-Alpha-3", "ISO3166-1-Alpha-2", "ISO3166-1-numeric"] + [c for c, _, _ in NAME_COLUMNS])
    col = rows.index
    names: list[tuple] = []
    for line, r in rows:
        code = r[col["ISO3166-1-Alpha-3"]].strip().upper()
        if not re.fullmatch(r"[A-Z]{3}", code):
            report.skipped += 1
            continue
        iso2 = r[col["ISO3166-1-Alpha-2"]].strip().upper() or None
        numeric = r[col["ISO3166-1-numeric"]].strip()
        cldr_names = _cldr_names(iso2) if iso2 else {}
        en = cldr_names.get("en") or r[col["CLDR display name"]].strip() or clean_name(r[col["official_name_en"]])
        conn.execute(
            "INSERT OR REPLACE INTO countries(code, iso2, numeric, name, name_es, name_ru, kind, origin) VALUES (?,?,?,?,?,?, 'country', ?)",
            (code, iso2, int(numeric) if numeric.isdigit() else None, en,
             cldr_names.get("es") or clean_name(r[col["official_name_es"]]) or None,
             cldr_names.get("ru") or clean_name(r[col["official_name_ru"]]) or None, DATAHUB.id))
        for column, lang, kind in NAME_COLUMNS:
            value = clean_name(r[col[column]])
            if value:
                names.append((code, lang, value, kind, DATAHUB.id))
        for lang, value in cldr_names.items():
            names.append((code, lang, value, "cldr", "cldr"))
        names.append((code, "xx", code, "iso3", DATAHUB.id))
        if iso2:
            names.append((code, "xx", iso2, "iso2", DATAHUB.id))
        report.rows += 1
    conn.executemany("INSERT OR IGNORE INTO country_names(code, lang, name, kind, origin) VALUES (?,?,?,?,?)", names)
    record_file(conn, report, path)
    return timed(report, start)


def load_gapminder_entities(conn: sqlite3.Connection, path: Path, *, progress: bool = False) -> ImportReport:
    """Gapminder's short names ('South Korea', 'Congo, Dem. Rep.') as English aliases."""
    start = time.perf_counter()
    report = ImportReport(GAPMINDER_GEO.id, path.name)
    register_source(conn, GAPMINDER_GEO, 1.0)
    known = {c for (c,) in conn.execute("SELECT code FROM countries")}
    rows = CsvRows(path, required=["iso3166_1_alpha3", "name"])
    i_code, i_name = rows.index["iso3166_1_alpha3"], rows.index["name"]
    names = []
    for line, r in rows:
        code, name = r[i_code].strip().upper(), r[i_name].strip()
        if not code or code not in known or not name:
            report.skipped += 1
            continue
        names.append((code, "en", name, "short", GAPMINDER_GEO.id))
        report.rows += 1
    conn.executemany("INSERT OR IGNORE INTO country_names(code, lang, name, kind, origin) VALUES (?,?,?,?,?)", names)
    record_file(conn, report, path)
    return timed(report, start)
