"""A checked claim as people read it (plain text, en/es/ru) and as ``--json`` prints it.

Shape of one claim in text:

    1. “Mexico exported $179 million to Russia” — MATCHES (±2%)
       Claim: Mexico's exports to Russia, 2016: $179 million.
       Store: $178.5 million (the claim is 0.3% higher).
       Source: IMF, Direction of Trade Statistics, January 2022 vintage; reported by Mexico; ...

The store's figure and its source line are always there, whatever the verdict, so the
reader can decide; "can't check" says why and, where the store has something close (the
latest year, the all-goods total), shows it as a reference.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from bot.engine.engine import tidy
from bot.engine.intents.common import Ctx, title, with_article
from bot.engine.phrases import flow_word, ordinal, t
from bot.factcheck.extract import Claim
from bot.factcheck.lookup import StoreView
from bot.factcheck.verdict import Tolerance, Verdict
from bot.render.numbers import money, number, percent

WORDS: dict[str, dict[str, str]] = {
    "matches": {"en": "MATCHES", "es": "COINCIDE", "ru": "СОВПАДАЕТ"},
    "close": {"en": "CLOSE", "es": "CERCANO", "ru": "БЛИЗКО"},
    "differs": {"en": "DIFFERS", "es": "DIFIERE", "ru": "РАСХОДИТСЯ"},
    "cant_check": {"en": "CAN'T CHECK", "es": "NO VERIFICABLE", "ru": "НЕЛЬЗЯ ПРОВЕРИТЬ"},
    "claim": {"en": "Claim", "es": "Afirmación", "ru": "Утверждение"},
    "store": {"en": "Store", "es": "Base de datos", "ru": "В базе"},
    "higher": {"en": "the claim is {pct} higher", "es": "la afirmación es un {pct} mayor", "ru": "в тексте на {pct} больше"},
    "lower": {"en": "the claim is {pct} lower", "es": "la afirmación es un {pct} menor", "ru": "в тексте на {pct} меньше"},
    "same": {"en": "the same figure", "es": "la misma cifra", "ru": "та же цифра"},
    "also": {"en": "Also", "es": "También", "ru": "Также"},
    "matched": {"en": "The claim matches {label}: {value}.", "es": "La afirmación coincide con {label}: {value}.",
                "ru": "Цифра совпадает с другим показателем — {label}: {value}."},
    "swapped": {"en": "The claimed figure matches {label} ({value}): exports and imports swapped?",
                "es": "La cifra coincide con {label} ({value}): ¿exportaciones e importaciones invertidas?",
                "ru": "Цифра совпадает с показателем «{label}» ({value}): не перепутаны ли экспорт и импорт?"},
    "latest": {"en": "No year in the text: checked against {year}, the latest in the store.",
               "es": "El texto no da año: se comparó con {year}, el último disponible.",
               "ru": "В тексте нет года: сравнение с {year}, последним годом в базе."},
    "reference": {"en": "For reference, the store has", "es": "Como referencia, la base tiene", "ru": "Для справки, в базе есть"},
    "no_claims": {"en": "I found no trade or investment figure to check in that text. I check sentences such as: "
                        "\u201cIn 2016, Mexico exported $179 million to Russia.\u201d",
                  "es": "No encontré cifras de comercio o inversión que verificar en ese texto. Verifico frases como: "
                        "\u00abEn 2016, México exportó 179 millones de dólares a Rusia.\u00bb",
                  "ru": "В этом тексте нет цифр о торговле или инвестициях, которые я могу проверить. Например, я проверяю: "
                        "\u00abВ 2016 году Мексика экспортировала в Россию товаров на 179 млн долларов.\u00bb"},
    "truncated": {"en": "(Only the first 6,000 characters were read.)", "es": "(Solo se leyeron los primeros 6.000 caracteres.)",
                  "ru": "(Прочитаны только первые 6000 символов.)"},
    "too_many": {"en": "(Only the first {n} claims were checked.)", "es": "(Solo se verificaron las primeras {n} afirmaciones.)",
                 "ru": "(Проверены только первые {n} утверждений.)"},
    "error": {"en": "Something went wrong while checking this claim; the error was logged.",
              "es": "Algo falló al verificar esta afirmación; el error quedó registrado.",
              "ru": "При проверке этого утверждения произошла ошибка; она записана в журнал."},
}

TOLERANCE: dict[str, dict[str, str]] = {
    "default": {"en": "±{pct}", "es": "±{pct}", "ru": "±{pct}"},
    "rounding": {"en": "±{pct}, the rounding of \u201c{text}\u201d", "es": "±{pct}, el redondeo de \u00ab{text}\u00bb",
                 "ru": "±{pct}, округление \u00ab{text}\u00bb"},
    "approx": {"en": "±{pct}: \u201c{text}\u201d is approximate", "es": "±{pct}: \u00ab{text}\u00bb es aproximado",
               "ru": "±{pct}: \u00ab{text}\u00bb — приблизительно"},
    "above": {"en": "the store's figure must be at least the claimed one", "es": "la cifra de la base debe ser al menos la afirmada",
              "ru": "цифра в базе должна быть не меньше заявленной"},
    "below": {"en": "the store's figure must be at most the claimed one", "es": "la cifra de la base debe ser como mucho la afirmada",
              "ru": "цифра в базе должна быть не больше заявленной"},
    "points": {"en": "±{points} percentage points", "es": "±{points} puntos porcentuales", "ru": "±{points} п.п."},
    "multiple": {"en": "±{pct} of the ratio", "es": "±{pct} del múltiplo", "ru": "±{pct} от кратности"},
    "rank": {"en": "same place", "es": "mismo puesto", "ru": "то же место"},
}

# why a close or differing verdict is what it is, after the tolerance
VERDICT_WHY: dict[str, dict[str, str]] = {
    "close_alt": {"en": "{tol} — matches another figure", "es": "{tol} — coincide con otra cifra",
                  "ru": "{tol} — совпадает с другим показателем"},
    "close_near": {"en": "within ±10%; a match needs {tol}", "es": "dentro de ±10 %; para coincidir: {tol}",
                   "ru": "в пределах ±10 %; для совпадения нужно {tol}"},
    "close_rank": {"en": "one place off", "es": "un puesto de diferencia", "ru": "на одно место рядом"},
    "differs": {"en": "more than ±10% off; a match needs {tol}", "es": "más de ±10 % de diferencia; para coincidir: {tol}",
                "ru": "расхождение больше ±10 %; для совпадения нужно {tol}"},
    "differs_bound": {"en": "more than 10% on the wrong side", "es": "más de un 10 % del lado contrario",
                      "ru": "больше чем на 10 % не в ту сторону"},
    "differs_rank": {"en": "another place", "es": "otro puesto", "ru": "другое место"},
    "rank": {"en": "same place", "es": "mismo puesto", "ru": "то же место"},
}

PROBLEMS: dict[str, dict[str, str]] = {
    "currency": {"en": "The figure is in {detail}; the store holds US dollars only (I do not convert currencies).",
                 "es": "La cifra está en {detail}; la base solo tiene dólares (no convierto monedas).",
                 "ru": "Цифра указана в {detail}; в базе только доллары США (валюты я не пересчитываю)."},
    "part_year": {"en": "The claim is about part of a year (\u201c{detail}\u201d); the store has annual figures only.",
                  "es": "La afirmación es sobre parte de un año (\u00ab{detail}\u00bb); la base solo tiene cifras anuales.",
                  "ru": "Речь о части года (\u00ab{detail}\u00bb); в базе только годовые данные."},
    "services": {"en": "The claim is about trade in services; the store has goods (merchandise) trade only.",
                 "es": "La afirmación es sobre comercio de servicios; la base solo tiene comercio de bienes.",
                 "ru": "Речь о торговле услугами; в базе только торговля товарами."},
    "arms": {"en": "SIPRI arms transfers are measured in trend-indicator values (TIV), not dollars.",
             "es": "Las transferencias de armas del SIPRI se miden en TIV, no en dólares.",
             "ru": "Поставки вооружений SIPRI измеряются в TIV, а не в долларах."},
    "gdp_share": {"en": "Ratios to GDP are not checked yet.", "es": "Las proporciones respecto al PIB aún no se verifican.",
                  "ru": "Отношения к ВВП пока не проверяются."},
    "no_partner": {"en": "The text does not say which partner country this is about.",
                   "es": "El texto no dice de qué país socio se trata.", "ru": "В тексте не сказано, о какой стране-партнёре речь."},
    "not_trade": {"en": "Shares, ranks and growth of FDI or GDP are not checked yet.",
                  "es": "Cuotas, puestos y crecimiento de la IED o el PIB aún no se verifican.",
                  "ru": "Доли, места и рост ПИИ и ВВП пока не проверяются."},
    "no_data": {"en": "{detail}", "es": "{detail}", "ru": "{detail}"},
    "error": {"en": "{detail}", "es": "{detail}", "ru": "{detail}"},
}


def w(key: str, lang: str, table: dict = WORDS, **kw) -> str:
    text = table[key].get(lang) or table[key]["en"]
    return text.format(**kw) if kw else text


@dataclass
class Checked:
    """One claim with what the store says and the verdict."""

    claim: Claim
    view: StoreView | None
    verdict: Verdict
    lang: str
    error: bool = False

    def claimed_display(self) -> str:
        c, lang = self.claim, self.lang
        if c.kind == "value":
            if getattr(c.figure, "currency", "USD") != "USD":
                return c.figure.text
            return money(c.claimed, lang, _digits(abs(c.claimed), c.figure.half_unit))
        if c.kind == "share" and c.figure.kind == "fraction":
            return f"{c.figure.text} ({percent(c.claimed, lang, 1)})"
        if c.kind == "share":
            return percent(c.claimed, lang, _decimals(c.figure.half_unit))
        if c.kind == "rank":
            return ordinal(int(c.claimed), lang)
        if c.figure.kind == "percent":
            return ("+" if c.claimed >= 0 else "\u2212") + percent(abs(c.claimed), lang, _decimals(c.figure.half_unit))
        return "\u00d7" + number(c.claimed, lang)

    def claim_line(self, engine) -> str:
        c, lang = self.claim, self.lang
        if c.reporter is None:
            return c.quote
        ctx_title = _title(engine, c, lang)
        years = "\u2013".join(str(y) for y in c.years) if c.years else ""
        if c.kind == "growth" and c.since and not c.years:
            years = f"{c.since}\u2013"
        return f"{ctx_title}{', ' + years if years else ''}: {self.claimed_display()}."

    def tolerance_text(self) -> str:
        """The rule behind the verdict: the tolerance of a match, and why close or differs."""
        v, lang = self.verdict, self.lang
        if v.tolerance is None or v.verdict == "cant_check":
            return ""
        tol = _tolerance(v.tolerance, self.claim, lang)
        if v.verdict == "matches":
            return tol
        if v.tolerance.kind == "rank":
            return w("close_rank" if v.verdict == "close" else "differs_rank", lang, VERDICT_WHY)
        if v.verdict == "close":
            return w("close_alt" if v.matched is not None else "close_near", lang, VERDICT_WHY, tol=tol)
        if v.tolerance.kind in ("above", "below"):
            return w("differs_bound", lang, VERDICT_WHY)
        return w("differs", lang, VERDICT_WHY, tol=tol)

    def text(self, index: int, engine) -> str:
        lang, v, view = self.lang, self.verdict, self.view
        head = f"{index}. \u201c{_short(self.claim.quote)}\u201d \u2014 {w(v.verdict, lang)}"
        tol = self.tolerance_text()
        if tol:
            head += f" ({tol})"
        lines = [head, f"   {w('claim', lang)}: {self.claim_line(engine)}"]
        if v.verdict == "cant_check":
            detail = self.claim.problem_detail if self.claim.problem else (view.reason if view else "")
            if self.error:
                lines.append("   " + w("error", lang))
            else:
                lines.append("   " + w(v.problem or "no_data", lang, PROBLEMS, detail=detail or ""))
            ref = view.reference if view else None
            if ref is not None and ref.value is not None and ref.display in lines[-1]:
                lines.append(f"   {ref.source_line}")
            elif ref is not None and ref.value is not None:
                lines.append(f"   {w('reference', lang)}: {ref.label}: {ref.display}.")
                lines.append(f"   {ref.source_line}")
            elif view is not None and view.source_line and self.claim.problem is None:
                lines.append(f"   {view.source_line}")
            return tidy("\n".join(lines), lang)
        years = "\u2013".join(str(y) for y in view.years)
        store_line = f"   {w('store', lang)}{', ' + years if years else ''}: {view.display}"
        if v.diff_pct is not None and self.claim.kind != "rank":
            store_line += f" ({_diff_text(v.diff_pct, lang)})"
        lines.append(store_line + ".")
        if view.defaulted_year and view.years:
            lines.append("   " + w("latest", lang, year=view.years[-1]))
        if v.matched is not None:
            lines.append("   " + w("matched", lang, label=v.matched.label, value=v.matched.display))
        elif v.swapped and view.opposite is not None:
            lines.append("   " + w("swapped", lang, label=view.opposite.label, value=view.opposite.display))
        elif view.alternatives and v.verdict != "matches":
            alt = view.alternatives[0]
            lines.append(f"   {w('also', lang)}: {alt.label}: {alt.display}.")
        lines.append(f"   {view.source_line}")
        if v.matched is not None and v.matched.source_line != view.source_line:
            lines.append(f"   {v.matched.source_line}")
        return tidy("\n".join(lines), lang)

    def to_dict(self, engine) -> dict:
        view, v = self.view, self.verdict
        out = {"claim": self.claim.to_dict(), "verdict": v.verdict, "tolerance": self.tolerance_text() or None,
               "difference_pct": round(v.diff_pct, 2) if v.diff_pct is not None else None,
               "problem": v.problem, "store": None, "alternatives": [], "matched": None, "text": self.text(1, engine)}
        if view is not None:
            out["store"] = {"status": view.status, "label": view.label, "value": view.value, "display": view.display,
                            "years": view.years, "defaulted_year": view.defaulted_year, "reason": view.reason or None,
                            "figures": [f.to_dict() for f in view.figures], "source": view.source_line}
            out["alternatives"] = [{"kind": a.kind, "label": a.label, "value": a.value, "display": a.display,
                                    "figures": [f.to_dict() for f in a.figures], "source": a.source_line}
                                   for a in view.alternatives]
            if view.reference is not None:
                r = view.reference
                out["store"]["reference"] = {"label": r.label, "value": r.value, "display": r.display,
                                             "figures": [f.to_dict() for f in r.figures], "source": r.source_line}
            if v.matched is not None:
                out["matched"] = {"kind": v.matched.kind, "label": v.matched.label, "value": v.matched.value}
        return out


def _digits(value: float, half_unit: float) -> int:
    """Significant digits the text wrote ("$1.301 billion": 4), so the claim is shown as written."""
    if value <= 0 or half_unit <= 0:
        return 3
    return max(3, min(8, int(math.floor(math.log10(value)) - math.floor(math.log10(2 * half_unit)) + 1)))


def _decimals(half_unit: float) -> int:
    d = 0
    while half_unit < 0.5 and d < 4:
        half_unit *= 10
        d += 1
    return d


def _title(engine, c: Claim, lang: str) -> str:
    """"Mexico's exports to Russia", "Russia's share of Mexico's exports": the engine's titles."""
    ctx = Ctx(engine.store, engine.display, lang)
    if c.metric == "fdi":
        if c.partner:
            return t("fdi_bilateral", lang, investor=ctx.name(c.partner), host=ctx.name(c.reporter))
        return f"{t('fdi_out' if c.fdi_metric == 'fdi_outflow' else 'fdi_in', lang)}, {ctx.name(c.reporter)}"
    if c.metric == "gdp":
        return f"{t('gdp', lang)}, {ctx.name(c.reporter)}"
    flow = "balance" if c.metric == "balance" else (c.flow or "total")
    p, r = ctx.name(c.partner), ctx.name(c.reporter)
    if c.kind == "share":
        whole = title(ctx, c.reporter, None, flow)
        return {"en": f"{p}'s share of {whole}", "es": f"Cuota de {p} en las {flow_word(flow, 'es')} de {r}",
                "ru": f"Доля ({p}): {whole}"}[lang]
    if c.kind == "rank":
        return {"en": f"{p}'s place among {with_article(r, lang)}'s partners for {flow_word(flow, 'en')}",
                "es": f"Puesto de {p} entre los socios de {r} en {flow_word(flow, 'es')}",
                "ru": f"Место ({p}) среди партнёров ({r}, {flow_word(flow, 'ru')})"}[lang]
    text = title(ctx, c.reporter, c.partner, flow, None)
    if c.product:
        text += f" \u2014 HS {c.product}"
    if c.kind == "growth":
        return {"en": f"Change in {text}", "es": f"Variación: {text}", "ru": f"Изменение: {text}"}[lang]
    return text


def _tolerance(tol: Tolerance, claim: Claim, lang: str) -> str:
    pct = percent(tol.pct, lang, 1 if tol.pct and round(tol.pct, 1) % 1 else 0) if tol.pct is not None else ""
    points = number(_two_digits(tol.points), lang) if tol.points is not None else ""
    return w(tol.kind, lang, TOLERANCE, pct=pct, points=points, text=claim.figure.text)


def _two_digits(x: float) -> float:
    """0.496 -> 0.5, 0.005 -> 0.005, 1.23 -> 1.2: a tolerance to read, not to compute with."""
    return float(f"{x:.2g}") if x < 1 else round(x, 1)


def _diff_text(diff: float, lang: str) -> str:
    if abs(diff) < 0.05:
        return w("same", lang)
    return w("higher" if diff > 0 else "lower", lang, pct=percent(abs(diff), lang, 1))


def _short(quote: str, limit: int = 160) -> str:
    q = " ".join(quote.split())
    return q if len(q) <= limit else q[:limit - 1].rstrip() + "\u2026"
