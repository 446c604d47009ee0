"""The README's example answers are what the engine says today (regenerate with
`make readme-assets` when an answer's wording changes on purpose)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.engine.engine import Engine

README = Path(__file__).resolve().parents[1] / "README.md"


def _examples() -> list[tuple[str, str]]:
    block = re.search(r"<!-- example:start -->(.*?)<!-- example:end -->", README.read_text(encoding="utf-8"), re.S)
    assert block, "README lost its example markers"
    out = []
    for chunk in block.group(1).split("$ tradefacts ask ")[1:]:
        first, _, rest = chunk.partition("\n")
        question = re.match(r'"([^"]+)"', first).group(1)
        out.append((question, rest.split("```")[0].strip()))
    return out


@pytest.mark.parametrize(("question", "shown"), _examples())
def test_readme_example_is_the_engines_answer(store, question, shown):
    assert Engine(store).ask(question).text.strip() == shown
