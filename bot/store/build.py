"""Build the bundled store from ``data/`` (every file listed in data/SOURCES.md).

The build writes a new file and swaps it in only when every importer succeeded
(``db.building``), so a failed build never damages an existing store.
"""

from __future__ import annotations

import time
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from bot.store import db

if TYPE_CHECKING:
    from bot.store.importers.base import ImportReport


def bundled() -> list[tuple[str, Callable[..., ImportReport]]]:
    """(file name in data/, loader). Order matters only for names: ISO countries first, then
    the files that name historic entities and groups themselves. The importers are imported
    here, not at the top: ``tradefacts ask`` imports this module for ``ensure_store`` and
    should not pay for every importer when the store exists (cold start)."""
    from bot.store.importers import (comtrade_quadrennial, countries, dots, gapminder, hs, sipri, unctad, wdi,
                                     worldbank)

    return [
        ("country_codes_datahub.csv", countries.load_datahub),
        ("gapminder_country_entities.csv", countries.load_gapminder_entities),
        ("hs_codes_datahub.csv", hs.load_codes),
        ("hs_sections_datahub.csv", hs.load_sections),
        ("imf_dots_bilateral_annual.csv.gz", dots.load_bilateral),
        ("imf_dots_country_to_groups_annual.csv.gz", dots.load_groups),
        ("comtrade_bilateral_quadrennial_1964_2016_penppml.csv.gz", comtrade_quadrennial.load),
        ("worldbank_gdp_population.csv.gz", worldbank.load),
        ("wdi_tx_val_mrch_cd_wt.csv.gz", partial(wdi.load_trade_total, indicator="TX.VAL.MRCH.CD.WT")),
        ("wdi_tm_val_mrch_cd_wt.csv.gz", partial(wdi.load_trade_total, indicator="TM.VAL.MRCH.CD.WT")),
        ("wdi_bx_klt_dinv_cd_wd.csv.gz", partial(wdi.load_indicator, indicator="BX.KLT.DINV.CD.WD")),
        ("wdi_bm_klt_dinv_cd_wd.csv.gz", partial(wdi.load_indicator, indicator="BM.KLT.DINV.CD.WD")),
        ("gapminder_country_arms_tiv_and_fdi_pct_gdp.csv.gz", gapminder.load),
        ("unctad_bilateral_fdi_flows_1980_2012_abn2018.csv.gz", unctad.load),
        ("sipri_arms_transfers_tiv_bilateral_by_order_year_1950_2018.csv.gz", sipri.load),
    ]


def build_store(target: Path, data_dir: Path, *, progress: bool = True, log: Callable[[str], None] = print) -> list[ImportReport]:
    """Build the store at ``target`` from the bundled files; returns one report per file."""
    from bot.store.importers.base import ImportFailure

    files = bundled()
    missing = [name for name, _ in files if not (data_dir / name).is_file()]
    if missing:
        raise ImportFailure(data_dir / missing[0], f"bundled file missing from {data_dir} ({len(missing)} missing)")
    start = time.perf_counter()
    reports = []
    with db.building(target) as conn:
        with db.transaction(conn):
            for name, loader in files:
                report = loader(conn, data_dir / name, progress=progress)
                reports.append(report)
                log(report.summary())
            db.refresh_coverage(conn)
            db.set_meta(conn, "built_at", db.now_utc())
            db.set_meta(conn, "built_from", "bundled data/")
        conn.execute("ANALYZE")
    log(f"store built in {time.perf_counter() - start:.1f} s: {target} ({target.stat().st_size / 1e6:.0f} MB)")
    return reports


def ensure_store(target: Path, data_dir: Path, *, progress: bool = True, log: Callable[[str], None] = print) -> Path:
    """Build the store on first use when it is missing."""
    if not target.exists():
        log(f"No store at {target} yet: building it from {data_dir} (once).")
        build_store(target, data_dir, progress=progress, log=log)
    return target
