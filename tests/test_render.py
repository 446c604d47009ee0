"""bot.render: numbers in three languages, sparklines, PNG charts and CSV, without Telegram.

The number tables read as "value, language -> what the user sees". Babel puts no-break
spaces (U+00A0) in Russian grouping and before "%" in es/ru; they are spelled ``NB`` here.
"""

from __future__ import annotations

import csv
import io
import math
import re
import struct
import subprocess
import sys
import warnings
import zlib
from decimal import Decimal
from pathlib import Path

import pytest

from bot.engine.answer import Answer, ChartSpec
from bot.render.chart import _ranked, render_png
from bot.render.numbers import full, money, number, percent
from bot.render.sparkline import GAP, sparkline
from bot.render.table import to_csv

ROOT = Path(__file__).resolve().parents[1]
NB = "\u00a0"
NAN = float("nan")

# --- money ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (178_530_000.0, "en", "$178.5 million"),
        (178_530_000.0, "es", "178,5 millones de US$"),
        (178_530_000.0, "ru", "178,5 млн долл. США"),
        (1_380_400_000.0, "en", "$1.38 billion"),
        (1_380_400_000.0, "es", "1,38 mil millones de US$"),
        (1_380_400_000.0, "ru", "1,38 млрд долл. США"),
        (302_580_900_000.0, "en", "$302.6 billion"),
        (302_580_900_000.0, "es", "302,6 mil millones de US$"),
        (302_580_900_000.0, "ru", "302,6 млрд долл. США"),
        (2.1e12, "en", "$2.1 trillion"),
        (2.1e12, "es", "2,1 billones de US$"),
        (2.1e12, "ru", "2,1 трлн долл. США"),
        (950_000.0, "en", "$950,000"),
        (950_000.0, "es", "950.000 US$"),
        (950_000.0, "ru", f"950{NB}000 долл. США"),
        (123_456.78, "en", "$123,457"),  # below a million: whole dollars
        (-12_345_678.0, "en", "-$12.3 million"),
        (-12_345_678.0, "es", "-12,3 millones de US$"),
        (-12_345_678.0, "ru", "-12,3 млн долл. США"),
        (-950_000.0, "en", "-$950,000"),
        # rounding picks the scale: never "$1000.0 million"
        (999_960_000.0, "en", "$1.00 billion"),
        (999_960_000.0, "es", "1,00 mil millones de US$"),
        (999_960_000.0, "ru", "1,00 млрд долл. США"),
        (999_999.6, "en", "$1.00 million"),
        (9_996_000.0, "en", "$10.0 million"),
        (999_960_000_000.0, "en", "$1.00 trillion"),
        # exact values drop trailing zeros, rounded ones keep them
        (5e9, "en", "$5 billion"),
        (1_500_000.0, "en", "$1.5 million"),
        (1_500_001.0, "en", "$1.50 million"),
        # Spanish singular only for exactly one
        (1e6, "es", "1 millón de US$"),
        (1e12, "es", "1 billón de US$"),
        (1e6, "en", "$1 million"),
        (1e9, "ru", "1 млрд долл. США"),
        (0.0, "en", "$0"),
        (-0.0, "en", "$0"),
        (-0.3, "en", "$0"),  # rounds to zero: no sign
        (1234.5e12, "en", "$1,234.5 trillion"),
    ],
)
def test_money(value, lang, expected):
    assert money(value, lang) == expected


@pytest.mark.parametrize(
    ("value", "digits", "expected"),
    [
        (1_380_400_000.0, 4, "$1.380 billion"),
        (1_380_400_000.0, 2, "$1.4 billion"),
        (178_530_000.0, 5, "$178.53 million"),
        (178_530_000.0, 1, "$178.5 million"),  # scaled amounts keep one decimal
    ],
)
def test_money_digits(value, digits, expected):
    assert money(value, "en", digits=digits) == expected


@pytest.mark.parametrize(("lang", "expected"), [
    ("de", "$1.38 billion"), ("", "$1.38 billion"), ("ru-RU", "1,38 млрд долл. США"),
    ("es_MX", "1,38 mil millones de US$"), ("EN", "$1.38 billion"),
])
def test_unknown_languages_fall_back_to_english_and_regions_are_ignored(lang, expected):
    assert money(1.3804e9, lang) == expected


@pytest.mark.parametrize("value", [1e20, 1e-7, 123456789012345678.0, 3.3e-5])
@pytest.mark.parametrize("lang", ["en", "es", "ru"])
def test_never_scientific_notation(value, lang):
    for text in (money(value, lang), number(value, lang), full(value, lang)):
        assert not re.search(r"\d[eE][+-]?\d", text), text


@pytest.mark.parametrize("bad", [NAN, math.inf, -math.inf])
def test_non_finite_values_are_refused(bad):
    for fmt in (money, number, full, percent):
        with pytest.raises(ValueError, match="non-finite"):
            fmt(bad, "en")


def test_numpy_scalars_and_decimals_are_numbers_too():
    np = pytest.importorskip("numpy")
    assert money(np.float64(178.53e6), "en") == "$178.5 million"
    assert full(np.int64(178_530_000), "es") == "178.530.000"
    assert number(Decimal("126700000"), "ru") == "126,7 млн"
    with pytest.raises(TypeError):
        money("178530000", "en")
    with pytest.raises(TypeError):
        number(True, "en")


def test_digits_must_be_positive():
    with pytest.raises(ValueError, match="digits"):
        money(1e9, "en", digits=0)


# --- plain numbers, percent, full -------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (126_700_000.0, "en", "126.7 million"),
        (126_700_000.0, "es", "126,7 millones"),
        (126_700_000.0, "ru", "126,7 млн"),
        (1_393_000_000.0, "en", "1.39 billion"),
        (1_393_000_000.0, "es", "1,39 mil millones"),
        (1_393_000_000.0, "ru", "1,39 млрд"),
        (1e6, "es", "1 millón"),
        (950_000.0, "en", "950,000"),
        (950_000.0, "es", "950.000"),
        (950_000.0, "ru", f"950{NB}000"),
        (12.345, "en", "12.3"),
        (12.345, "ru", "12,3"),
        (0.00123, "en", "0.00123"),
        (1234.5, "en", "1,235"),
        (-5.55, "es", "-5,55"),
        (0, "en", "0"),
        (999_999.7, "en", "1.00 million"),
    ],
)
def test_number(value, lang, expected):
    assert number(value, lang) == expected


def test_number_digits():
    assert number(1234.5, "en", digits=5) == "1,234.5"
    assert number(126_745_000.0, "en", digits=5) == "126.75 million"


@pytest.mark.parametrize(
    ("value", "lang", "decimals", "expected"),
    [
        (27.3, "en", 1, "27.3%"),
        (27.3, "es", 1, f"27,3{NB}%"),
        (27.3, "ru", 1, f"27,3{NB}%"),
        (27.35, "en", 1, "27.4%"),  # half up on the decimal value
        (27.0, "en", 1, "27.0%"),
        (27.3, "en", 0, "27%"),
        (0.125, "en", 2, "0.13%"),
        (-4.25, "ru", 1, f"-4,3{NB}%"),
        (-0.04, "en", 1, "0.0%"),  # no "-0.0%"
        (1234.5, "en", 1, "1,234.5%"),
    ],
)
def test_percent(value, lang, decimals, expected):
    assert percent(value, lang, decimals=decimals) == expected


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (178_530_000.0, "en", "178,530,000"),
        (178_530_000.0, "es", "178.530.000"),
        (178_530_000.0, "ru", f"178{NB}530{NB}000"),
        (12.5, "en", "12.5"),
        (12.5, "es", "12,5"),
        (-1_234_567, "ru", f"-1{NB}234{NB}567"),
        (0.1 + 0.2, "en", "0.30000000000000004"),  # full means every digit of the float
    ],
)
def test_full(value, lang, expected):
    assert full(value, lang) == expected


# --- sparkline --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([1, 2, 3, 4, 5, 6, 7, 8], "▁▂▃▄▅▆▇█"),
        ([8, 1], "█▁"),
        ([0, 10, 5], "▁█▅"),
        ([5, 5, 5], "▄▄▄"),
        ([7.0], "▄"),
        ([-5, 0, 3], "▁▅█"),
        ([-3, -2, -1], "▁▅█"),
        ([1, None, 8], f"▁{GAP}█"),
        ([None, 2, NAN, 4], f"{GAP}▁{GAP}█"),
        ([1, math.inf, 2], f"▁{GAP}█"),
        ([None, None], GAP * 2),
        ([], ""),
        ([178.5e6, 302.6e9, 1.38e9], "▁█▁"),
    ],
)
def test_sparkline(values, expected):
    assert sparkline(values) == expected


def test_sparkline_has_one_character_per_value():
    values = [math.sin(i / 3) * 1e9 for i in range(40)]
    line = sparkline(values)
    assert len(line) == 40 and set(line) <= set("▁▂▃▄▅▆▇█")
    assert line[values.index(max(values))] == "█" and line[values.index(min(values))] == "▁"


# --- chart ------------------------------------------------------------------------------


def _png_chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    chunks, pos = [], 8
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos:pos + 4])
        kind, data = png[pos + 4:pos + 8], png[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack(">I", png[pos + 8 + length:pos + 12 + length])
        assert crc == zlib.crc32(kind + data), f"bad CRC in {kind!r}"
        chunks.append((kind, data))
        pos += 12 + length
    return chunks


def _png_size(png: bytes) -> tuple[int, int]:
    kind, data = _png_chunks(png)[0]
    assert kind == b"IHDR"
    return struct.unpack(">II", data[:8])


LINE = ChartSpec(
    kind="line", title="Mexico: exports to the United States", labels=[str(y) for y in range(1995, 2017)],
    values=[60e9 + 11e9 * i for i in range(22)], source_line="Source: IMF Direction of Trade Statistics",
)
BAR_RU = ChartSpec(
    kind="bar", title="Крупнейшие партнёры Мексики по экспорту, 2016",
    labels=["США", "Канада", "Китай", "Германия", "Япония"],
    values=[302.6e9, 10.4e9, 5.4e9, 3.6e9, 3.8e9], source_line="Источник: МВФ, DOTS", lang="ru",
)


@pytest.mark.parametrize("spec", [LINE, BAR_RU], ids=["line", "bar-cyrillic"])
def test_chart_is_an_800x450_png_without_metadata(spec):
    png = render_png(spec)
    assert _png_size(png) == (800, 450)
    kinds = [kind for kind, _ in _png_chunks(png)]
    assert kinds[-1] == b"IEND" and b"IDAT" in kinds
    assert not {b"tEXt", b"iTXt", b"zTXt", b"tIME"} & set(kinds)  # no Software, no timestamp
    assert 5_000 < len(png) < 300_000


def test_same_spec_same_bytes():
    assert render_png(BAR_RU) == render_png(BAR_RU)


def test_cyrillic_text_has_every_glyph():
    """matplotlib warns "Glyph ... missing from font" when a character cannot be drawn."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        render_png(BAR_RU)
        render_png(ChartSpec("line", "Экспорт России в Китай", ["2014", "2015", "2016"],
                             [37.5e9, 28.6e9, 28e9], source_line="Источник: МВФ", lang="ru"))


def test_title_and_values_change_the_picture():
    other = ChartSpec(**{**BAR_RU.__dict__, "title": "Крупнейшие партнёры Мексики по импорту, 2016"})
    assert render_png(other) != render_png(BAR_RU)
    other = ChartSpec(**{**BAR_RU.__dict__, "values": [300e9, 10.4e9, 5.4e9, 3.6e9, 3.8e9]})
    assert render_png(other) != render_png(BAR_RU)


@pytest.mark.parametrize(
    "spec",
    [
        ChartSpec("line", "Gaps", ["2000", "2001", "2002", "2003"], [1e9, None, NAN, 2e9]),
        ChartSpec("line", "One year", ["2016"], [3e9]),
        ChartSpec("line", "Negative balance", ["2014", "2015", "2016"], [-5e9, 2e9, -1e9]),
        ChartSpec("line", "All zero", ["2014", "2015"], [0.0, 0.0]),
        ChartSpec("line", "Not years", ["Q1", "Q2", "Q3"], [1.0, 2.0, 3.0], unit="persons"),
        ChartSpec("line", "Share", ["2010", "2011"], [2.5, 3.0], unit="percent_of_gdp"),
        ChartSpec("line", "Long", [str(y) for y in range(1950, 2019)], [float(y) for y in range(69)]),
        ChartSpec("bar", "Balances", ["A", "B", "C"], [5e9, -3e9, None]),
        ChartSpec("bar", "All negative", ["A", "B"], [-5e9, -3e9], lang="es"),
        ChartSpec("bar", "Many", [f"Country {i}" for i in range(30)], [float(i) for i in range(30)]),
        ChartSpec("bar", "A very long title " * 12, ["A name far too long to fit beside a bar " * 3],
                  [1e9], source_line="Source: one\nSource: two\nSource: three\nSource: four " * 5),
    ],
    ids=lambda s: s.title[:20],
)
def test_awkward_specs_still_render(spec):
    assert _png_size(render_png(spec)) == (800, 450)


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (ChartSpec("line", "Empty", [], []), "no values"),
        (ChartSpec("bar", "All missing", ["A", "B"], [None, NAN]), "no values"),
        (ChartSpec("pie", "Pie", ["A"], [1.0]), "unknown chart kind"),
        (ChartSpec("line", "Mismatch", ["2015", "2016"], [1.0]), "2 labels for 1 values"),
    ],
)
def test_nothing_to_draw_is_a_value_error(spec, message):
    with pytest.raises(ValueError, match=message):
        render_png(spec)


def test_bars_are_ranked_largest_first_missing_last():
    ranked = _ranked(["a", "b", "c", "d", "e"], [3.0, NAN, 9.0, -4.0, 3.0])
    assert [name for name, _ in ranked] == ["c", "a", "e", "d", "b"]


def test_answer_draws_its_chart():
    answer = Answer(status="ok", text="...", chart=LINE)
    assert _png_size(answer.chart_png()) == (800, 450)
    assert Answer(status="ok", text="...").chart_png() is None


def test_importing_render_does_not_import_matplotlib():
    code = (
        "import sys\n"
        "import bot.render.chart, bot.render.numbers, bot.render.sparkline, bot.render.table\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('matplotlib', 'PIL', 'numpy'))\n"
        "print(loaded)\n"
        "sys.exit(1 if loaded else 0)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stdout + run.stderr


# --- CSV --------------------------------------------------------------------------------


ROWS = [
    {"reporter": "MEX", "partner": "RUS", "year": 2016, "value_usd": 178530000.0, "note": None},
    {"reporter": "MEX", "partner": "USA", "year": 2016, "value_usd": 302580900000.0,
     "note": 'mirror, "as reported by USA"', "product": "HS 87"},
]


def test_csv_starts_with_the_source_then_the_header():
    text = to_csv(ROWS, "IMF Direction of Trade Statistics (DOTS), 2024 vintage")
    lines = text.split("\n")
    assert lines[:3] == [
        "# Source: IMF Direction of Trade Statistics (DOTS), 2024 vintage",
        "# Generated by tradefacts",
        "reporter,partner,year,value_usd,note,product",  # union of keys, first-seen order
    ]
    assert text.endswith("\n") and "\r" not in text


def test_csv_values_as_given_quoted_and_none_empty():
    text = to_csv(ROWS, "Source: IMF DOTS")
    data = [line for line in text.splitlines() if not line.startswith("#")]
    assert data[1] == "MEX,RUS,2016,178530000.0,,"  # None and a missing key: empty cells
    assert data[2] == 'MEX,USA,2016,302580900000.0,"mirror, ""as reported by USA""",HS 87'
    parsed = list(csv.DictReader(io.StringIO("\n".join(data))))
    assert parsed[1]["note"] == 'mirror, "as reported by USA"' and parsed[1]["value_usd"] == "302580900000.0"


@pytest.mark.parametrize(
    ("source_line", "comments"),
    [
        ("Source: IMF DOTS", ["# Source: IMF DOTS"]),  # no "Source: Source:"
        ("IMF DOTS\nUN Comtrade via Larch et al.",
         ["# Source: IMF DOTS", "# Source: UN Comtrade via Larch et al."]),
        ("Sources: IMF DOTS; World Bank WDI\n\n", ["# Sources: IMF DOTS; World Bank WDI"]),
        ("", []),
    ],
)
def test_csv_source_comment_rows(source_line, comments):
    lines = to_csv([{"a": 1}], source_line).splitlines()
    assert lines == [*comments, "# Generated by tradefacts", "a", "1"]


def test_csv_reads_back_with_pandas_style_comment_skipping():
    text = to_csv(ROWS, "Source: IMF DOTS")
    body = io.StringIO("".join(line for line in io.StringIO(text) if not line.startswith("#")))
    assert [r["partner"] for r in csv.DictReader(body)] == ["RUS", "USA"]


def test_answer_csv_text_puts_its_source_line_first():
    answer = Answer(status="ok", text="...", table=ROWS[:1], source_line="Source: IMF DOTS")
    assert answer.csv_text().splitlines()[0] == "# Source: IMF DOTS"
    assert Answer(status="ok", text="...").csv_text() is None
