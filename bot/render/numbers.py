"""Numbers as people read them, in English, Spanish and Russian.

Trade figures are stored in whole US dollars ("178530000.0"), which nobody can read at a
glance, so every face shows them in a compact press style instead: "$178.5 million",
"178,5 millones de US$", "178,5 млн долл. США". The scale words follow the usual press
usage of each language: Spanish says "mil millones" for 10^9 and keeps "billones" for
10^12 (a Spanish "billón" is a million millions); Russian uses the standard abbreviations
млн / млрд / трлн, which are invariable, so no plural rules are needed.

Separators and grouping come from Babel (CLDR), not from hand-written tables: "." versus
"," decimal marks and the Russian no-break-space grouping ("178 530 000" uses U+00A0).
Words are joined to numbers with ordinary spaces; Babel's own percent patterns for es/ru
put a no-break space before "%" ("27,3 %").

Precision rule (``digits``, default 3): a scaled amount shows at least ``digits``
significant digits and at least one decimal, so "178.53 million" keeps its tenth
("$178.5 million") and "1.3804 billion" becomes "$1.38 billion". Rounding is half-up on
the decimal form of the float (``repr``), never on binary noise. The scale is chosen
*after* rounding, so 999.96 million becomes "$1.00 billion", never "$1000.0 million".
Trailing zeros are kept when the figure was rounded ("$1.00 billion" says "about, to three
digits") and dropped when the display is the exact value ("$2.1 trillion" for exactly
2.1e12, "$5 billion" for exactly 5e9, "$0" for zero) — which also makes chart ticks tidy.

Negative values: Babel's minus sign for the locale (an ASCII hyphen-minus for en, es and
ru) in front of the whole amount: "-$12.3 million", "-12,3 millones de US$",
"-12,3 млн долл. США". A value that rounds to zero is shown without a sign.

Non-finite values (NaN, ±inf) raise ``ValueError``: a figure that is not a number must
never reach a user as "nan".
"""

from __future__ import annotations

import copy
import math
from decimal import ROUND_HALF_UP, Decimal
from numbers import Integral, Real

from babel import Locale
from babel.numbers import format_decimal, get_minus_sign_symbol

LANGS = ("en", "es", "ru")
DEFAULT_DIGITS = 3

# Powers of ten with a scale word, largest first; (singular, plural) per language.
_SCALES: tuple[tuple[int, dict[str, tuple[str, str]]], ...] = (
    (12, {"en": ("trillion", "trillion"), "es": ("billón", "billones"), "ru": ("трлн", "трлн")}),
    (9, {"en": ("billion", "billion"), "es": ("mil millones", "mil millones"), "ru": ("млрд", "млрд")}),
    (6, {"en": ("million", "million"), "es": ("millón", "millones"), "ru": ("млн", "млн")}),
)


def lang_code(lang: str | None) -> str:
    """``"ru"`` for ``"ru"``, ``"ru-RU"`` or ``"ru_RU"``; ``"en"`` for anything unsupported."""
    code = (lang or "").replace("-", "_").split("_")[0].lower()
    return code if code in LANGS else "en"


def money(value_usd: float, lang: str, digits: int = DEFAULT_DIGITS) -> str:
    """A US-dollar amount in compact press style, e.g. ``"$1.38 billion"``.

    Below one million the full amount in whole dollars: ``"$950,000"``, ``"950.000 US$"``,
    ``"950 000 долл. США"``.
    """
    lang = lang_code(lang)
    num, word, negative = _compact(value_usd, lang, digits, whole_units=True)
    sign = get_minus_sign_symbol(lang) if negative else ""
    if lang == "es":
        return f"{sign}{num} {word} de US$" if word else f"{sign}{num} US$"
    if lang == "ru":
        return f"{sign}{num} {word} долл. США" if word else f"{sign}{num} долл. США"
    return f"{sign}${num} {word}" if word else f"{sign}${num}"


def number(value: float, lang: str, digits: int | None = None) -> str:
    """A plain number, compact from one million up: ``"126.7 million"``, ``"126,7 млн"``.

    Below one million: grouped, with enough decimals for ``digits`` significant digits
    (``"950,000"``, ``"12.3"``, ``"0.00123"``).
    """
    lang = lang_code(lang)
    num, word, negative = _compact(value, lang, DEFAULT_DIGITS if digits is None else digits, whole_units=False)
    sign = get_minus_sign_symbol(lang) if negative else ""
    return f"{sign}{num} {word}" if word else f"{sign}{num}"


def percent(value: float, lang: str, decimals: int = 1) -> str:
    """A percentage given in percent (27.3 means 27.3 %), as the store's ``percent_of_gdp``.

    Uses the locale's CLDR percent pattern with a fixed number of decimals:
    ``"27.3%"`` (en), ``"27,3 %"`` with a no-break space (es, ru).
    """
    lang = lang_code(lang)
    rounded = _round(_decimal(value), decimals)
    if rounded == 0:
        rounded = abs(rounded)  # no "-0.0%"
    pattern = copy.copy(Locale.parse(lang).percent_formats[None])
    pattern.frac_prec = (decimals, decimals)
    return pattern.apply(rounded.scaleb(-2), Locale.parse(lang))


def full(value: float, lang: str) -> str:
    """The exact value with grouping: ``"178,530,000"``, ``"178.530.000"``, ``"178 530 000"``.

    Decimals are shown only when the value has them (``12.5`` -> ``"12.5"``), all of them.
    """
    lang = lang_code(lang)
    d = _decimal(value)
    if d == 0:
        d = abs(d)
    return format_decimal(d, format="#,##0.###", locale=lang, decimal_quantization=False)


# --- internals -------------------------------------------------------------------------


def _decimal(value: float) -> Decimal:
    """The shortest decimal form of a number (``repr`` of a float), refusing NaN and infinities.

    Any real number is accepted (numpy and pandas scalars included); booleans are not.
    """
    if isinstance(value, bool) or not isinstance(value, (Real, Decimal)):
        raise TypeError(f"expected a number, got {type(value).__name__}")
    if isinstance(value, Decimal):
        d = value
    elif isinstance(value, Integral):
        d = Decimal(int(value))
    else:
        d = Decimal(repr(float(value))) if math.isfinite(value) else Decimal("NaN")
    if not d.is_finite():
        raise ValueError(f"cannot format a non-finite value: {value!r}")
    return d


def _round(d: Decimal, decimals: int) -> Decimal:
    return d.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _decimals_for(d: Decimal, digits: int, minimum: int) -> int:
    """Decimals needed to show ``digits`` significant digits of ``d`` (at least ``minimum``)."""
    if d == 0:
        return minimum
    return max(minimum, digits - 1 - d.adjusted())


def _round_significant(d: Decimal, digits: int, minimum: int) -> Decimal:
    """Round to ``digits`` significant digits, re-counting when rounding adds a digit (9.996 -> 10.0)."""
    rounded = _round(d, _decimals_for(d, digits, minimum))
    if rounded != 0 and rounded.adjusted() > d.adjusted():
        rounded = _round(d, _decimals_for(rounded, digits, minimum))
    return rounded


def _scaled(d: Decimal, exp: int, digits: int, whole_units: bool) -> Decimal:
    """``d / 10**exp`` rounded for display: whole dollars for unscaled money."""
    scaled = d.scaleb(-exp)
    if exp:
        return _round_significant(scaled, digits, minimum=1)
    if whole_units:
        return _round(scaled, 0)
    return _round_significant(scaled, digits, minimum=0)


def _choose_scale(d: Decimal, digits: int, whole_units: bool) -> tuple[int, Decimal]:
    """The scale exponent (0, 6, 9, 12) and the rounded scaled value, chosen after rounding."""
    exponents = [exp for exp, _ in _SCALES] + [0]  # largest first
    start = next(i for i, exp in enumerate(exponents) if exp == 0 or d >= Decimal(10) ** exp)
    for i in range(start, -1, -1):
        exp = exponents[i]
        rounded = _scaled(d, exp, digits, whole_units)
        bigger = exponents[i - 1] if i > 0 else None
        if bigger is None or rounded < Decimal(10) ** (bigger - exp):
            return exp, rounded
    raise AssertionError("unreachable")  # pragma: no cover


def _compact(value: float, lang: str, digits: int, whole_units: bool) -> tuple[str, str, bool]:
    """(formatted magnitude, scale word or "", negative?) for ``value``."""
    if digits < 1:
        raise ValueError(f"digits must be at least 1, got {digits}")
    d = _decimal(value)
    exp, rounded = _choose_scale(abs(d), digits, whole_units)
    if rounded == abs(d).scaleb(-exp):
        rounded = rounded.normalize()  # exact: drop trailing zeros ("2.10" -> "2.1")
    shown = max(0, -rounded.as_tuple().exponent)
    pattern = "#,##0." + "0" * shown if shown else "#,##0"
    num = format_decimal(rounded, format=pattern, locale=lang)
    word = _scale_word(exp, lang, rounded) if exp else ""
    return num, word, d < 0 and rounded != 0


def _scale_word(exp: int, lang: str, shown: Decimal) -> str:
    singular, plural = dict(_SCALES)[exp][lang]
    return singular if shown == 1 and shown.as_tuple().exponent >= 0 else plural
