"""Small PNG charts for a phone screen, drawn from a ``ChartSpec``.

Why it looks like this:

* matplotlib is imported *inside* ``render_png``: importing it costs a few hundred
  milliseconds, and most answers are text only; the engine describes a chart and only a
  face that shows it pays for drawing it. Importing this module imports no matplotlib.
* No pyplot: a bare ``Figure`` on an Agg canvas is not registered in pyplot's global list
  of figures, so nothing leaks between renders and nothing needs closing; the figure is
  garbage once the PNG bytes are out. No ``tight_layout`` either (it lays the figure out
  twice): margins are computed from the measured width of the few texts that need room.
* 800x450 px, large fonts, few ticks: Telegram shows it at roughly half size on a phone.
  Line charts (series; labels are years) start the value axis at zero, so a trade value
  is never exaggerated. Bar charts (rankings, compare) are horizontal, largest at the top,
  with the value written at the end of each bar, negative bars (balances) drawn leftwards.
* Values are labelled with ``bot.render.numbers``: ``money`` for unit ``USD``,
  ``percent`` for units starting with ``percent`` (``percent_of_gdp``), ``number``
  otherwise, in ``spec.lang``. The title is ``spec.title`` (with ``spec.series_name`` as
  a subtitle when given), the source line is printed small at the bottom.
* The PNG carries no metadata (no ``Software`` key, no timestamp), so the same spec gives
  the same bytes. DejaVu Sans, shipped with matplotlib, covers Latin and Cyrillic.
* Speed: about 30-60 ms a chart once matplotlib is loaded. Glyphs are drawn unhinted
  (``text.hinting``), which makes text layout about a third faster and looks the same at
  this size. That setting goes through ``rc_context``, i.e. matplotlib's process-wide
  rcParams, and matplotlib is not thread-safe anyway, so renders are serialised by a lock:
  a face may call ``render_png`` from worker threads.

``None`` (or NaN) values are gaps in a line and bars without a bar (``—``). A spec with no
drawable value, an unknown ``kind`` or labels and values of different lengths raises
``ValueError``.
"""

from __future__ import annotations

import io
import math
import textwrap
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from bot.render.numbers import money, number, percent

if TYPE_CHECKING:  # only for the annotation: the engine must not be needed to draw
    from bot.engine.answer import ChartSpec

WIDTH_PX, HEIGHT_PX, DPI = 800, 450, 100
KINDS = ("line", "bar")
ACCENT, NEGATIVE, MUTED, GRID, AXIS = "#1f5fa8", "#c0392b", "#666666", "#dddddd", "#999999"
TITLE_SIZE, SUBTITLE_SIZE, TICK_SIZE, SOURCE_SIZE = 17, 12, 13, 9
MISSING = "—"
PAD_PX = 16  # outer margin of the figure
RC = {"text.hinting": "no_hinting", "font.family": "sans-serif", "font.sans-serif": ["DejaVu Sans"]}
_LOCK = threading.Lock()  # rcParams and matplotlib's caches are process-wide


def render_png(spec: ChartSpec) -> bytes:
    """The chart as PNG bytes (800x450 px). Raises ``ValueError`` when there is nothing to draw."""
    labels, values = _checked(spec)
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    with _LOCK, matplotlib.rc_context(RC):
        fig = Figure(figsize=(WIDTH_PX / DPI, HEIGHT_PX / DPI), dpi=DPI, facecolor="white")
        page = _Page(fig, FigureCanvasAgg(fig).get_renderer())
        top = page.header(spec.title, spec.series_name)
        bottom = page.footer(spec.source_line)
        fmt = value_formatter(spec.unit, spec.lang)
        draw = _draw_line if spec.kind == "line" else _draw_bars
        draw(page, labels, values, fmt, top, bottom)
        out = io.BytesIO()
        # compress_level 3: about the size of the default (6), a little faster.
        fig.savefig(out, format="png", dpi=DPI, facecolor="white", metadata={"Software": None},
                    pil_kwargs={"compress_level": 3})
    return out.getvalue()


def value_formatter(unit: str, lang: str) -> Callable[[float], str]:
    """How values of ``unit`` are written on the chart."""
    if (unit or "").upper() == "USD":
        return lambda v: money(v, lang)
    if (unit or "").lower().startswith("percent"):
        return lambda v: percent(v, lang, decimals=0 if float(v).is_integer() else 1)
    return lambda v: number(v, lang)


# --- input ---------------------------------------------------------------------------


def _checked(spec: ChartSpec) -> tuple[list[str], list[float]]:
    """Labels as text and values as floats (NaN for missing), or ``ValueError``."""
    if spec.kind not in KINDS:
        raise ValueError(f"unknown chart kind {spec.kind!r}: expected one of {KINDS}")
    if len(spec.labels) != len(spec.values):
        raise ValueError(f"{len(spec.labels)} labels for {len(spec.values)} values")
    values = [math.nan if v is None else float(v) for v in spec.values]
    values = [v if math.isfinite(v) else math.nan for v in values]
    if not any(math.isfinite(v) for v in values):
        raise ValueError("nothing to draw: the chart has no values")
    return [str(label) for label in spec.labels], values


# --- page layout ---------------------------------------------------------------------


class _Page:
    """The figure and its renderer; positions in pixels from the bottom left.

    Texts are measured with ``Text.get_window_extent`` on the canvas renderer, which is the
    renderer ``savefig`` reuses: matplotlib's text-metrics cache then serves the final draw,
    so measuring costs (almost) nothing extra.
    """

    def __init__(self, fig: Any, renderer: Any) -> None:
        self.fig, self.renderer = fig, renderer

    def width(self, text_artist: Any) -> float:
        return text_artist.get_window_extent(self.renderer).width

    def block(self, text: str, y_px: float, size: float, max_lines: int, va: str,
              **style: Any) -> int:
        """Write ``text`` at the left margin, wrapped to the figure width; return its line count."""
        text = " ".join(text.split())
        if not text:
            return 0
        artist = self.fig.text(PAD_PX / WIDTH_PX, y_px / HEIGHT_PX, text, fontsize=size,
                               ha="left", va=va, linespacing=1.15, **style)
        room = WIDTH_PX - 2 * PAD_PX
        measured = self.width(artist)
        if measured <= room:
            return 1
        chars = max(10, int(room / (measured / len(text))))
        lines = textwrap.wrap(text, width=chars)
        if len(lines) > max_lines:
            lines = lines[:max_lines]
            lines[-1] = _shorten(lines[-1] + " …", chars)
        artist.set_text("\n".join(lines))
        return len(lines)

    def header(self, title: str, subtitle: str) -> float:
        """Draw title and subtitle; return the figure fraction left below them."""
        y = HEIGHT_PX - PAD_PX
        n = self.block(title, y, TITLE_SIZE, 2, "top", weight="bold", color="black")
        y -= _line_px(TITLE_SIZE) * n + (4 if n else 0)
        n = self.block(subtitle, y, SUBTITLE_SIZE, 1, "top", color=MUTED)
        y -= _line_px(SUBTITLE_SIZE) * n
        return (y - 14) / HEIGHT_PX

    def footer(self, source_line: str) -> float:
        """Draw the source line (each of its lines, at most three in all) at the bottom."""
        y, used = 8.0, 0
        for part in reversed((source_line or "").splitlines()[:3]):
            n = self.block(part, y, SOURCE_SIZE, max(1, 3 - used), "bottom", color=MUTED)
            y += _line_px(SOURCE_SIZE) * n
            used += n
        return (y + 6) / HEIGHT_PX if used else PAD_PX / HEIGHT_PX


def _line_px(size: float) -> float:
    return size * DPI / 72 * 1.3


def _shorten(text: str, max_chars: int) -> str:
    return text if len(text) <= max_chars else text[: max_chars - 1].rstrip() + "…"


def _style(ax: Any) -> None:
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom"].set_color(AXIS)
    ax.tick_params(labelsize=TICK_SIZE, length=0, colors="#333333")
    ax.tick_params(axis="x", pad=8)


# --- line chart ----------------------------------------------------------------------


def _nice_ticks(lo: float, hi: float) -> list[float]:
    """At most five round ticks bracketing [lo, hi], free of float noise."""
    from matplotlib.ticker import MaxNLocator

    if lo == hi:
        lo, hi = (lo, lo + 1) if lo >= 0 else (lo, 0.0)
    ticks = MaxNLocator(nbins=4, steps=[1, 2, 2.5, 5, 10]).tick_values(lo, hi)
    return [float(f"{t:.12g}") + 0.0 for t in ticks]


def _x_positions(labels: list[str]) -> tuple[list[float], bool]:
    """Years as numbers (so gaps in years stay to scale); other labels at 0, 1, 2, ..."""
    try:
        return [float(int(label)) for label in labels], True
    except ValueError:
        return [float(i) for i in range(len(labels))], False


def _isolated(values: list[float]) -> list[bool]:
    """Points with no drawn neighbour: a line would not show them, a marker must."""
    known = [math.isfinite(v) for v in values]
    return [k and not (i > 0 and known[i - 1]) and not (i + 1 < len(known) and known[i + 1])
            for i, k in enumerate(known)]


def _draw_line(page: _Page, labels: list[str], values: list[float],
               fmt: Callable[[float], str], top: float, bottom: float) -> None:
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    known = [v for v in values if math.isfinite(v)]
    lo, hi = min(0.0, min(known)), max(0.0, max(known))
    headroom = (hi - lo) * 0.03  # keep the extreme points off the frame
    ticks = _nice_ticks(lo - headroom if lo < 0 else lo, hi + headroom if hi > 0 else hi)
    ax = page.fig.add_axes((0.2, 0.2, 0.6, 0.6))  # placed below, once the labels are measured
    _style(ax)
    ax.set_yticks(ticks, [fmt(t) for t in ticks])
    ax.set_ylim(ticks[0], ticks[-1])
    label_px = max(page.width(t) for t in ax.get_yticklabels())
    left = (PAD_PX + label_px + 10) / WIDTH_PX
    axis_bottom = bottom + (_line_px(TICK_SIZE) + 8) / HEIGHT_PX
    ax.set_position((left, axis_bottom, 1 - left - 28 / WIDTH_PX, top - axis_bottom))
    xs, numeric = _x_positions(labels)
    few = len(values) <= 24
    ax.plot(xs, values, color=ACCENT, linewidth=2.6, solid_capstyle="round",
            marker="o", markersize=5 if few else 4, markevery=None if few else _isolated(values))
    ax.grid(axis="y", color=GRID, linewidth=1)
    ax.set_axisbelow(True)
    if ticks[0] < 0 < ticks[-1]:
        ax.axhline(0, color=AXIS, linewidth=1)
    if numeric:
        ax.xaxis.set_major_locator(MaxNLocator(nbins=6, integer=True, min_n_ticks=1))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: f"{x:.0f}"))
        if len(xs) == 1:
            ax.set_xlim(xs[0] - 1, xs[0] + 1)
            ax.set_xticks(xs)
    else:
        step = max(1, math.ceil(len(xs) / 6))
        ax.set_xticks(xs[::step], [_shorten(t, 12) for t in labels[::step]])
        ax.set_xlim(-0.5, len(xs) - 0.5)  # room for the first and last label


# --- bar chart -----------------------------------------------------------------------


def _ranked(labels: list[str], values: list[float]) -> list[tuple[str, float]]:
    """Largest first, missing values last; ties keep their order."""
    return sorted(zip(labels, values),
                  key=lambda p: (not math.isfinite(p[1]), -p[1] if math.isfinite(p[1]) else 0.0))


def _bar_font(n: int) -> float:
    return TICK_SIZE if n <= 8 else 11 if n <= 14 else 9 if n <= 22 else 7


def _draw_bars(page: _Page, labels: list[str], values: list[float],
               fmt: Callable[[float], str], top: float, bottom: float) -> None:
    """Horizontal bars; names and values are annotations (no tick machinery: it is slow)."""
    from matplotlib.ticker import NullLocator

    pairs = _ranked(labels, values)
    size = _bar_font(len(pairs))
    ax = page.fig.add_axes((0.2, bottom, 0.6, top - bottom))  # x placed once names are measured
    _style(ax)
    ax.spines["bottom"].set_visible(False)
    ax.xaxis.set_major_locator(NullLocator())
    ax.yaxis.set_major_locator(NullLocator())
    ys = list(range(len(pairs) - 1, -1, -1))  # first (largest) at the top
    widths = [v if math.isfinite(v) else 0.0 for _, v in pairs]
    ax.barh(ys, widths, height=0.68 if len(pairs) > 3 else 0.5,
            color=[NEGATIVE if w < 0 else ACCENT for w in widths])
    ax.set_ylim(-0.6, len(pairs) - 0.4)
    names = [ax.annotate(_shorten(name, 26), xy=(0, y), xycoords=("axes fraction", "data"),
                         xytext=(-8, 0), textcoords="offset points", ha="right", va="center",
                         fontsize=size, color="#333333") for (name, _), y in zip(pairs, ys)]
    texts = [ax.annotate(fmt(v) if math.isfinite(v) else MISSING, xy=(w, y),
                         xytext=(-5 if w < 0 else 5, 0), textcoords="offset points",
                         ha="right" if w < 0 else "left", va="center", fontsize=size,
                         color="#222222") for (_, v), w, y in zip(pairs, widths, ys)]
    left = (PAD_PX + max(page.width(n) for n in names) + 10) / WIDTH_PX
    ax.set_position((left, bottom, 1 - left - PAD_PX / WIDTH_PX, top - bottom))
    axes_px = WIDTH_PX * (1 - left) - PAD_PX
    room = [(page.width(t) + 10) / axes_px for t in texts]
    ax.set_xlim(*_bar_limits(widths, room))
    if any(w < 0 for w in widths):
        ax.axvline(0, color=AXIS, linewidth=1)


def _bar_limits(widths: list[float], text_fracs: list[float]) -> tuple[float, float]:
    """x limits leaving room for each value label beside its bar (fractions of the axes)."""
    pos = max([w for w in widths if w >= 0], default=0.0)
    neg = -min([w for w in widths if w < 0], default=0.0)
    room_pos = max([f for w, f in zip(widths, text_fracs) if w >= 0], default=0.0)
    room_neg = max([f for w, f in zip(widths, text_fracs) if w < 0], default=0.0)
    free = max(0.2, 1 - room_pos - room_neg)
    span = (pos + neg) / free or 1.0
    return -neg - room_neg * span, pos + room_pos * span
