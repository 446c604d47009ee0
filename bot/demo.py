"""``make demo``: build the store from data/ (once) and answer sample questions with the
engine, in English, Spanish and Russian. With ``TELEGRAM_BOT_TOKEN`` set it runs the bot instead."""

from __future__ import annotations

import os

SAMPLES = [
    "How much did Mexico export to Russia in 2016?",
    "Mexico Russia trade 2007-2016",
    "Mexico's top import partners 2016",
    "Does Mexico trade more with Guatemala or with Russia?",
    "Korea exports to Mexico 2016",
    "What does Mexico sell to Russia?",
    "¿Cuánto importó México de Rusia en 2016?",
    "Сколько Мексика экспортировала в Россию в 2016 году?",
    "Russian direct investment in Mexico 2016",
    "How big is Guatemala compared with Russia?",
]


def run_demo(args) -> int:
    if os.environ.get("TELEGRAM_BOT_TOKEN"):
        from bot.cli import cmd_serve

        return cmd_serve(args)
    from bot.cli import open_store
    from bot.engine.engine import Engine

    store = open_store(args)
    engine = Engine(store)
    print(f"Store: {store.conn.execute('PRAGMA database_list').fetchone()[2]}")
    print("Ask your own: .venv/bin/tradefacts ask \"...\"   (set TELEGRAM_BOT_TOKEN to run the bot)\n")
    for question in SAMPLES:
        answer = engine.ask(question)
        print(f"? {question}")
        print(answer.text)
        for i, choice in enumerate(answer.choices, 1):
            print(f"  {i}. {choice.label}")
        print()
    return 0
