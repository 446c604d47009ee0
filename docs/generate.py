"""Regenerate the README's example answer and chart from the bundled store (`make readme-assets`).

The answer text is written between the markers in README.md; the chart goes to docs/example-chart.png.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUESTION = "Mexico Russia trade 2007-2016"
SECOND = "How much did Mexico export to Russia in 2016?"


def run(*args: str) -> str:
    return subprocess.run([sys.executable, "-m", "bot", *args], check=True, capture_output=True, text=True, cwd=ROOT).stdout


def main() -> None:
    chart = ROOT / "docs" / "example-chart.png"
    series = run("ask", QUESTION, "--chart", str(chart))
    series = "\n".join(line for line in series.splitlines() if not line.startswith("(chart written"))
    value = run("ask", SECOND)
    block = (f"<!-- example:start -->\n```console\n$ tradefacts ask \"{SECOND}\"\n{value.rstrip()}\n\n"
             f"$ tradefacts ask \"{QUESTION}\" --chart docs/example-chart.png\n{series.rstrip()}\n```\n\n"
             f"![Mexico–Russia trade 2007–2016, drawn by tradefacts from the bundled store](docs/example-chart.png)\n<!-- example:end -->")
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    text = re.sub(r"<!-- example:start -->.*?<!-- example:end -->", lambda m: block, text, flags=re.S)
    readme.write_text(text, encoding="utf-8")
    print(f"updated README.md and {chart.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
