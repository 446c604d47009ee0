"""The structured form of a question: what the parser produces and the planner runs."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

INTENTS = (
    "value", "series", "world_total", "top_partners", "partner_rank", "share", "balance",
    "largest_balance", "growth", "compare", "products", "fdi", "context", "arms", "mirror", "top_reporters",
)
FLOWS = ("export", "import", "total", "balance")


@dataclass
class Query:
    """A parsed question. Country fields hold ISO3 codes (or store group codes such as WLD)."""

    intent: str
    reporter: str | None = None
    partner: str | None = None
    flow: str | None = None
    years: list[int] = field(default_factory=list)
    product: str | None = None
    partners: list[str] = field(default_factory=list)  # compare: several partners
    reporters: list[str] = field(default_factory=list)  # compare/context: several reporters
    top_n: int | None = None
    metric: str | None = None  # context/fdi: gdp, population, gdp_per_capita, fdi_inflow ...
    latest: bool = False  # the user asked for "latest"/"most recent"
    year_range_given: bool = False

    def to_dict(self) -> dict:
        """The JSON shape documented for ``tradefacts ask --json``."""
        d = asdict(self)
        return d
