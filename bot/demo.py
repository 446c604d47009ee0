"""``make demo``: build the store from data/ and show what the store answers.

With ``TELEGRAM_BOT_TOKEN`` set it runs the bot instead.
"""

from __future__ import annotations

import os
import sys


def run_demo(args) -> int:
    from bot.cli import open_store

    if os.environ.get("TELEGRAM_BOT_TOKEN"):
        from bot.cli import cmd_serve

        return cmd_serve(args)
    store = open_store(args)
    print(f"Store: {store.conn.execute('PRAGMA database_list').fetchone()[2]}\n")
    for line in sample_lines(store):
        print(line)
    return 0


def sample_lines(store) -> list[str]:
    """A few figures straight from the store API, each with its source."""
    out = []
    for f in store.trade_value("MEX", "RUS", 2016, "export"):
        src = store.sources[f.source_id]
        out.append(f"Mexico exports to Russia, 2016: US${f.value / 1e6:,.2f} million ({src.citation}, reported by {f.reported_by}, {src.valuation})")
    for f in store.mirror_value("MEX", "RUS", 2016, "export"):
        src = store.sources[f.source_id]
        out.append(f"  mirror: Russia's imports from Mexico, 2016: US${f.value / 1e6:,.2f} million ({src.citation}, reported by {f.reported_by})")
    return out
