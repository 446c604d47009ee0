"""Result types handed out by the store.

They carry provenance with every number (source id, who reported it, whether it is the
partner's mirror figure) so that no layer above can show a figure without its source.
No SQL and no Telegram here: these are plain values.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Source:
    """One loaded data set (a row of the ``sources`` table)."""

    id: str
    name: str
    publisher: str
    version: str
    licence: str
    citation: str
    valuation: str
    unit: str
    url: str = ""
    coverage: str = ""
    notes: str = ""
    priority: int = 50
    kind: str = "trade"  # trade | product_trade | indicator | fdi | arms | reference

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Figure:
    """One figure from the store, with its provenance.

    ``value`` is in ``unit``: ``USD`` for trade and FDI in US dollars (not millions),
    ``percent_of_gdp``, ``persons``, ``TIV_million`` (SIPRI trend-indicator value), ...
    ``reported_by`` is the country whose statistics the figure comes from; for a mirror
    figure (``mirror=True``) it is the partner, and ``reporter``/``partner``/``flow`` are
    still expressed from the asker's point of view.
    """

    reporter: str
    partner: str | None
    year: int
    flow: str | None
    value: float
    unit: str
    source_id: str
    product: str | None = None
    reported_by: str | None = None
    mirror: bool = False
    indicator: str | None = None
    quantity: float | None = None
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    def to_dict(self) -> dict:
        d = asdict(self)
        if not d["extra"]:
            d.pop("extra")
        return d
