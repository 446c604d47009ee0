"""The README's fact-check example is what `tradefacts check` prints on the bundled store."""

from __future__ import annotations

import re

from bot.engine.engine import Engine
from bot.factcheck import FactChecker
from tests.conftest import ROOT


def test_readme_example_is_real_output(store):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- check-example:start -->\n```console\n\$ tradefacts check \"(.*?)\"\n(.*?)\n```", readme, re.S)
    assert block, "the README lost its fact-check example"
    text, shown = block.groups()
    assert FactChecker(Engine(store)).check(text).text == shown
