"""Inflected forms, generated from the dictionary form (all input already ``fold``-ed).

Russian declines country names ("в Россию", "из России", "с Россией", "Соединённых
Штатов"); Spanish and English only make plurals and adjective agreement. Rather than stem
the text (snowball's Russian stemmer gives "Китай"→"кита" but "Китая"→"кит", "Корея"→"коре"
but "Кореи"→"кор", and costs ~35 µs a word in pure Python), we generate every case form of
each known name once at start-up and look text tokens up in a dict: exact, fast and
testable. Over-generation is harmless (a form nobody writes is never looked up).

Rules follow the nominative ending:

- ``-ия``/``-ея``/``-я``: Россия → России, Россию, Россией (+ plural for product words)
- ``-а``: Мексика → Мексики, Мексике, Мексику, Мексикой; Польша → Польшей
- ``-й``: Китай → Китая, Китаю, Китаем, Китае
- ``-ь``: Беларусь → Беларуси, Беларусью; Израиль → Израиля, Израилем
- consonant: Иран → Ирана, Ирану, Ираном, Иране (fleeting е: Египет → Египта)
- ``-ы`` (plural names): Штаты → Штатов, Штатам, Штатами, Штатах; Филиппины → Филиппин
- adjectives (``-ая``, ``-ый``/``-ий``/``-ой``, ``-ое``, ``-ые``/``-ие``): Южная → Южной, Южную;
  Соединённые → Соединённых, Соединённым
- foreign names ending in о/и/у/е/э/ю (Того, Чили, Перу, Марокко, Конго) do not decline.
"""

from __future__ import annotations

_VOWELS = set("аеёиоуыэюя")
_ADJ_MASC = ("ого", "ому", "ым", "им", "ом", "ем")
_SOFT_STEM = set("кгхжшчщц")


def _adjective_forms(stem: str, soft: bool) -> set[str]:
    """All case/gender/number forms of an adjective stem ("мексиканск" → мексиканский ...)."""
    i = "и" if soft else "ы"
    return {stem + e for e in (f"{i}й", "ой", "ого", "ому", f"{i}м", "ом", "ая", "ую", "ою", "ое",
                               f"{i}е", f"{i}х", f"{i}ми", "ей", "ее", "яя", "юю", "ее")}


def ru_adjective_forms(word: str) -> set[str]:
    """Forms of a Russian adjective given in any form that ends in -ий/-ый/-ой/-ая/-ое/-ие/-ые."""
    for end in ("ий", "ый", "ой", "ая", "ое", "ие", "ые", "яя", "ее"):
        if word.endswith(end) and len(word) > len(end) + 2:
            stem = word[: -len(end)]
            soft = end in ("ий", "ие") or stem[-1] in _SOFT_STEM
            return {word} | _adjective_forms(stem, soft)
    return {word}


def ru_noun_forms(word: str, *, plural: bool = False) -> set[str]:
    """Case forms of a Russian noun in the nominative; ``plural`` adds the plural paradigm
    (product words: "автомобиль" → "автомобили", "автомобилей")."""
    w = word
    forms = {w}
    if len(w) < 3 or not all("а" <= c <= "я" or c == "ё" for c in w):
        return forms
    if w[-2:] in ("ая", "ый", "ий", "ое", "ые", "ие", "яя") and len(w) > 4 and w[-3] not in _VOWELS:
        return ru_adjective_forms(w)
    last = w[-1]
    if last == "я":
        stem = w[:-1]
        forms |= {stem + e for e in ("и", "ю", "ей", "ею", "е")}
        if plural:
            forms |= {stem + e for e in ("й", "ям", "ями", "ях")}
            if stem.endswith("и"):
                forms |= {stem + e for e in ("й",)}
    elif last == "а":
        stem = w[:-1]
        forms |= {stem + e for e in ("ы", "и", "е", "у", "ой", "ою", "ей", "ею")}
        if plural:
            forms |= {stem, stem + "ам", stem + "ами", stem + "ах"}
    elif last == "й":
        stem = w[:-1]
        forms |= {stem + e for e in ("я", "ю", "ем", "е", "и")}
        if plural:
            forms |= {stem + e for e in ("ев", "ям", "ями", "ях")}
    elif last == "ь":
        stem = w[:-1]
        forms |= {stem + e for e in ("я", "ю", "ем", "е", "и", "ью")}
        if plural:
            forms |= {stem + e for e in ("ей", "ям", "ями", "ях")}
    elif last == "ы":
        stem = w[:-1]
        forms |= {stem, stem + "ов", stem + "ам", stem + "ами", stem + "ах"}
    elif last in _VOWELS:
        if plural and last in "ое":  # neuter common nouns (вино, масло, удобрение): product words only
            stem = w[:-1]
            if w.endswith("ие"):
                forms |= {stem + e for e in ("я", "ю", "ем", "и", "й", "ям", "ями", "ях")}
            else:
                forms |= {stem + e for e in ("а", "у", "ом", "е", "ам", "ами", "ах")}
        elif plural and last == "и" and len(w) > 4:  # plural nominative given (автомобили, ткани)
            stem = w[:-1]
            forms |= {stem + e for e in ("ей", "ям", "ями", "ях", "ь", "я", "ю", "ем", "е", "ов", "ам", "ами", "ах")}
        return forms  # foreign names in -о/-и/-у/-е/-э/-ю do not decline (Того, Чили, Перу)
    else:  # consonant
        forms |= {w + e for e in ("а", "у", "ом", "е", "ы")}
        if w[-1] in _SOFT_STEM:
            forms |= {w + "ем", w + "и"}
        if plural:
            forms |= {w + e for e in ("ов", "ам", "ами", "ах", "ей")}
        # fleeting е/о before the last consonant: Египет → Египта
        if len(w) > 4 and w[-2] in "ео" and w[-3] not in _VOWELS:
            stem = w[:-2] + w[-1]
            forms |= {stem + e for e in ("а", "у", "ом", "е")}
    return forms


def es_forms(word: str) -> set[str]:
    """Spanish plural of a folded noun/adjective ("vino" → vinos, "avion" → aviones)."""
    if not word.isalpha():
        return {word}
    if word[-1] in "aeiou":
        return {word, word + "s"}
    if word.endswith("z"):
        return {word, word[:-1] + "ces"}
    if word.endswith("s"):
        return {word}
    return {word, word + "es"}


def en_forms(word: str) -> set[str]:
    """English plural of a folded noun ("car" → cars, "battery" → batteries, "box" → boxes)."""
    if not word.isalpha() or len(word) < 3:
        return {word}
    if word.endswith("y") and word[-2] not in "aeiou":
        return {word, word[:-1] + "ies"}
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return {word, word + "es"}
    return {word, word + "s"}


def en_singular_variants(word: str) -> set[str]:
    """Possible singulars of an English word (used on both sides of description matching, so
    "horses"/"horse" and "boxes"/"box" meet while "swine" never meets "wine")."""
    out = {word}
    if len(word) > 3:
        if word.endswith("ies"):
            out.add(word[:-3] + "y")
        if word.endswith("es"):
            out.add(word[:-2])
        if word.endswith("s") and not word.endswith(("ss", "us", "is")):
            out.add(word[:-1])
    return out
