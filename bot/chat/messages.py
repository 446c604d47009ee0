"""Fixed strings of the Telegram face in English, Spanish and Russian.

Answers come from the engine already in the right language; this module holds only what the
chat layer itself says (greeting, help, apology, command menu). Strings are plain text: the
sender escapes them for HTML like any other text, so a translator cannot break the markup.
"""

from __future__ import annotations

LANGS = ("en", "es", "ru")
DEFAULT_LANG = "en"


def pick_lang(*candidates: str | None) -> str:
    """The first candidate we have strings for (``"es-MX"`` counts as ``"es"``), else English.

    Callers pass the most specific preference first: the language forced with /lang, then
    the user's Telegram ``language_code``.
    """
    for cand in candidates:
        if cand:
            code = cand.strip().lower()[:2]
            if code in LANGS:
                return code
    return DEFAULT_LANG


# What the bot can answer; kept in one list per language so /help and /start agree.
_KINDS = {
    "en": [
        "exports or imports between two countries in a year or over years",
        "a country's main trading partners and where a partner ranks",
        "trade balances, growth and shares of a country's trade",
        "comparisons of several partners or countries",
        "trade by product, foreign direct investment, GDP and population",
        "arms transfers (SIPRI) and what the partner country reports (mirror figures)",
    ],
    "es": [
        "exportaciones o importaciones entre dos países en un año o en varios",
        "los principales socios comerciales de un país y el puesto de un socio",
        "balanzas comerciales, crecimiento y cuotas del comercio de un país",
        "comparaciones entre varios socios o países",
        "comercio por producto, inversión extranjera directa, PIB y población",
        "transferencias de armas (SIPRI) y lo que declara el país socio (cifras espejo)",
    ],
    "ru": [
        "экспорт или импорт между двумя странами за год или за несколько лет",
        "главные торговые партнёры страны и место партнёра в рейтинге",
        "торговый баланс, рост и доли в торговле страны",
        "сравнение нескольких партнёров или стран",
        "торговля по товарам, прямые иностранные инвестиции, ВВП и население",
        "поставки оружия (SIPRI) и данные страны-партнёра (зеркальная статистика)",
    ],
}

_TEXTS: dict[str, dict[str, str]] = {
    "greeting": {
        "en": "Hi! I answer questions about international trade with exact figures and their "
        "sources. Ask in English, Spanish or Russian. Try one of these:",
        "es": "¡Hola! Respondo preguntas sobre comercio internacional con cifras exactas y sus "
        "fuentes. Pregunta en español, inglés o ruso. Prueba una de estas:",
        "ru": "Здравствуйте! Я отвечаю на вопросы о международной торговле точными цифрами "
        "с указанием источников. Спрашивайте по-русски, по-английски или по-испански. Например:",
    },
    "group_hint": {
        "en": "In groups, ask with /ask <question>, mention me, or reply to my message.",
        "es": "En grupos, pregunta con /ask <pregunta>, mencióname o responde a mi mensaje.",
        "ru": "В группах спрашивайте командой /ask <вопрос>, упомяните меня или ответьте на моё сообщение.",
    },
    "help_intro": {
        "en": "I can tell you:",
        "es": "Puedo decirte:",
        "ru": "Я могу рассказать:",
    },
    "help_examples": {
        "en": "Examples:",
        "es": "Ejemplos:",
        "ru": "Примеры:",
    },
    "help_commands": {
        "en": "Follow-up questions such as \"and 2015?\" continue the previous one.\n"
        "/check <text> checks the trade figures of a sentence or paragraph against the data.\n"
        "/sources lists the data sets, /lang en|es|ru sets the answer language "
        "(/lang auto answers in the language of each question). "
        "Inline: type @{bot} and a question in any chat.",
        "es": "Las preguntas de seguimiento como \"¿y en 2015?\" continúan la anterior.\n"
        "/check <texto> verifica las cifras de comercio de una frase o un párrafo con los datos.\n"
        "/sources muestra los conjuntos de datos, /lang en|es|ru fija el idioma de las respuestas "
        "(/lang auto responde en el idioma de cada pregunta). "
        "En línea: escribe @{bot} y una pregunta en cualquier chat.",
        "ru": "Уточняющие вопросы вроде «а в 2015?» продолжают предыдущий.\n"
        "/check <текст> — сверить цифры о торговле в предложении или абзаце с данными.\n"
        "/sources — список наборов данных, /lang en|es|ru — язык ответов "
        "(/lang auto — отвечать на языке вопроса). "
        "Встроенный режим: наберите @{bot} и вопрос в любом чате.",
    },
    "apology": {
        "en": "Sorry, something went wrong while answering. Please try again or rephrase the question.",
        "es": "Lo siento, algo falló al responder. Inténtalo de nuevo o reformula la pregunta.",
        "ru": "Извините, при ответе произошла ошибка. Попробуйте ещё раз или переформулируйте вопрос.",
    },
    "ask_usage": {
        "en": "Ask me a question, e.g.: /ask {example}",
        "es": "Hazme una pregunta, por ejemplo: /ask {example}",
        "ru": "Задайте вопрос, например: /ask {example}",
    },
    "lang_set": {
        "en": "I will answer in English.",
        "es": "Responderé en español.",
        "ru": "Буду отвечать по-русски.",
    },
    "lang_auto": {
        "en": "I will answer in the language of each question.",
        "es": "Responderé en el idioma de cada pregunta.",
        "ru": "Буду отвечать на языке вопроса.",
    },
    "lang_usage": {
        "en": "Usage: /lang en, /lang es, /lang ru or /lang auto. Now: {current}.",
        "es": "Uso: /lang en, /lang es, /lang ru o /lang auto. Ahora: {current}.",
        "ru": "Использование: /lang en, /lang es, /lang ru или /lang auto. Сейчас: {current}.",
    },
    "no_sources": {
        "en": "The list of data sets is not available right now.",
        "es": "La lista de conjuntos de datos no está disponible ahora.",
        "ru": "Список наборов данных сейчас недоступен.",
    },
    "unknown_command": {
        "en": "I do not know that command. Just type a question, or see /help.",
        "es": "No conozco ese comando. Escribe una pregunta o mira /help.",
        "ru": "Я не знаю такой команды. Просто задайте вопрос или посмотрите /help.",
    },
    "not_text": {
        "en": "I read text questions only. Type one, for example: How much did Mexico export to Russia in 2016?",
        "es": "Solo leo preguntas escritas. Escribe una, por ejemplo: ¿Cuánto exportó México a Rusia en 2016?",
        "ru": "Я понимаю только текстовые вопросы. Напишите, например: Сколько Мексика экспортировала в Россию в 2016 году?",
    },
    "button_expired": {
        "en": "This button has expired. Please ask again.",
        "es": "Este botón ha caducado. Pregunta de nuevo.",
        "ru": "Эта кнопка устарела. Задайте вопрос ещё раз.",
    },
    "slow_down": {
        "en": "Sorry, that is more questions than I can take at once, so I skipped the last ones. "
        "Please wait a little and ask again.",
        "es": "Lo siento, son más preguntas de las que puedo atender a la vez, así que omití las últimas. "
        "Espera un poco y vuelve a preguntar.",
        "ru": "Извините, это больше вопросов, чем я успеваю обработать сразу, поэтому последние я пропустил. "
        "Подождите немного и спросите ещё раз.",
    },
    "csv_button": {"en": "CSV", "es": "CSV", "ru": "CSV"},
    "check_usage": {
        "en": "Send /check with a sentence or paragraph (or reply /check to a message) and I check its "
        "trade figures against my data, e.g.: /check In 2016, Mexico exported $179 million to Russia.",
        "es": "Envía /check con una frase o un párrafo (o responde /check a un mensaje) y verifico sus cifras "
        "de comercio con mis datos, por ejemplo: /check En 2016, México exportó 179 millones de dólares a Rusia.",
        "ru": "Отправьте /check с предложением или абзацем (или ответьте /check на сообщение), и я сверю цифры "
        "о торговле с моими данными, например: /check В 2016 году Мексика экспортировала в Россию товаров на 179 млн долларов.",
    },
    "check_none": {
        "en": "I found no trade or investment figure to check in that text (a figure with its countries, "
        "e.g. \u201cMexico exported $179 million to Russia in 2016\u201d).",
        "es": "No encontré cifras de comercio o inversión que verificar en ese texto (una cifra con sus países, "
        "p. ej. \u00abMéxico exportó 179 millones de dólares a Rusia en 2016\u00bb).",
        "ru": "В этом тексте нет цифр о торговле или инвестициях, которые можно проверить (цифра со странами, "
        "например: \u00abМексика экспортировала в Россию товаров на 179 млн долларов в 2016 году\u00bb).",
    },
    "check_unavailable": {
        "en": "Fact-checking is not available right now.",
        "es": "La verificación no está disponible ahora.",
        "ru": "Проверка фактов сейчас недоступна.",
    },
}

# (command, description) for set_my_commands, per language.
COMMANDS: dict[str, list[tuple[str, str]]] = {
    "en": [
        ("ask", "Ask a question (in groups: /ask <question>)"),
        ("check", "Fact-check a text's trade figures: /check <text>, or reply /check"),
        ("start", "Introduction and example questions"),
        ("help", "What I can answer"),
        ("sources", "The data sets I use"),
        ("lang", "Answer language: en, es, ru or auto"),
    ],
    "es": [
        ("ask", "Haz una pregunta (en grupos: /ask <pregunta>)"),
        ("check", "Verifica las cifras de un texto: /check <texto>, o responde /check"),
        ("start", "Presentación y preguntas de ejemplo"),
        ("help", "Qué puedo responder"),
        ("sources", "Los conjuntos de datos que uso"),
        ("lang", "Idioma de respuesta: en, es, ru o auto"),
    ],
    "ru": [
        ("ask", "Задать вопрос (в группах: /ask <вопрос>)"),
        ("check", "Проверить цифры в тексте: /check <текст> или ответ /check"),
        ("start", "Знакомство и примеры вопросов"),
        ("help", "На что я могу ответить"),
        ("sources", "Какие данные я использую"),
        ("lang", "Язык ответов: en, es, ru или auto"),
    ],
}


def t(key: str, lang: str, **fields: str) -> str:
    """The string ``key`` in ``lang`` (English when missing), with ``{fields}`` filled in."""
    variants = _TEXTS[key]
    text = variants.get(lang) or variants[DEFAULT_LANG]
    return text.format(**fields) if fields else text


def help_text(lang: str, examples: list[str], bot_username: str, coverage: list[dict] | None = None) -> str:
    """The /help message: what can be asked, examples in ``lang``, how fresh the data is
    (the latest year of each data set in ``coverage``, ``Store.coverage()`` rows), and the commands."""
    lines = [t("help_intro", lang)]
    lines += [f"• {kind}" for kind in _KINDS.get(lang, _KINDS[DEFAULT_LANG])]
    if examples:
        lines += ["", t("help_examples", lang)]
        lines += [f"• {ex}" for ex in examples]
    latest = [c for c in coverage or [] if c.get("last_year")]
    if latest:
        lines += ["", _SOURCES["latest"].get(lang) or _SOURCES["latest"][DEFAULT_LANG]]
        lines += [f"• {c.get('name') or c['id']}: {c['last_year']}"
                  for c in sorted(latest, key=lambda c: -c["last_year"])]
    lines += ["", t("help_commands", lang, bot=bot_username)]
    return "\n".join(lines)


_SOURCES = {
    "header": {"en": "Data sets loaded:", "es": "Conjuntos de datos cargados:", "ru": "Загруженные наборы данных:"},
    "latest": {"en": "Latest year in each data set:", "es": "Último año de cada conjunto de datos:",
               "ru": "Последний год в каждом наборе данных:"},
    "rows": {"en": "rows", "es": "filas", "ru": "строк"},
    "reference": {"en": "reference table", "es": "tabla de referencia", "ru": "справочная таблица"},
    "version": {"en": "version", "es": "versión", "ru": "версия"},
    "licence": {"en": "licence", "es": "licencia", "ru": "лицензия"},
}


def sources_list(coverage: list[dict], lang: str) -> str:
    """/sources text from ``Store.coverage()`` rows (id, name, rows, years, version, licence)."""

    def word(key: str) -> str:
        return _SOURCES[key].get(lang) or _SOURCES[key][DEFAULT_LANG]

    lines = [word("header")]
    for c in coverage:
        rows = f"{c.get('rows') or 0:,}".replace(",", "," if lang == "en" else "\u202f")
        years = f"{c['first_year']}–{c['last_year']}" if c.get("first_year") else word("reference")
        lines.append(f"• {c.get('name') or c['id']} ({c['id']}): {years}, {rows} {word('rows')}")
        details = [f"{word('version')} {c['version']}" if c.get("version") else "",
                   f"{word('licence')} {c['licence']}" if c.get("licence") else ""]
        if any(details):
            lines.append("  " + "; ".join(d for d in details if d))
    return "\n".join(lines)
