"""Fixed words of answers in English, Spanish and Russian.

Russian answers use nominative names with arrows ("Мексика → Россия") rather than inflected
sentences: exact and readable without a declension engine.
"""

from __future__ import annotations

FLOW = {
    "export": {"en": "exports", "es": "exportaciones", "ru": "экспорт"},
    "import": {"en": "imports", "es": "importaciones", "ru": "импорт"},
    "total": {"en": "total trade", "es": "comercio total", "ru": "товарооборот"},
    "balance": {"en": "trade balance", "es": "balanza comercial", "ru": "торговое сальдо"},
}

P = {
    "source": {"en": "Source", "es": "Fuente", "ru": "Источник"},
    "reported_by": {"en": "as reported by", "es": "según", "ru": "по данным"},
    "mirror_line": {"en": "{partner}'s mirror figure (its {mflow} {prep} {reporter}, {valuation}): {value}, {gap} {direction}.",
                    "es": "Cifra espejo de {partner} (sus {mflow} {prep} {reporter}, {valuation}): {value}, {gap} {direction}.",
                    "ru": "Зеркальные данные ({partner}, {mflow}, {valuation}): {value}, на {gap} {direction}."},
    "mirror_only": {"en": "{reporter} reports no figure for this in the store: this is {partner}'s mirror figure ({what}{valuation}).",
                    "es": "{reporter} no declara esta cifra en la base: es la cifra espejo de {partner} ({what}{valuation}).",
                    "ru": "Собственных данных ({reporter}) в базе нет: это зеркальные данные партнёра ({partner}, {what}{valuation})."},
    "mirror_only_year": {"en": "{reporter} has no figure of its own for {year} in the store: this is {partner}'s mirror figure ({what}{valuation}).",
                         "es": "{reporter} no tiene cifra propia para {year} en la base: es la cifra espejo de {partner} ({what}{valuation}).",
                         "ru": "Собственных данных ({reporter}) за {year} в базе нет: это зеркальные данные партнёра ({partner}, {what}{valuation})."},
    "mirror_series": {"en": "{reporter} reports no figures for this in the store: these are {partner}'s mirror figures.",
                      "es": "{reporter} no declara estas cifras en la base: son las cifras espejo de {partner}.",
                      "ru": "Собственных данных ({reporter}) в базе нет: это зеркальные данные партнёра ({partner})."},
    "higher": {"en": "higher", "es": "más", "ru": "больше"},
    "lower": {"en": "lower", "es": "menos", "ru": "меньше"},
    "latest_note": {"en": "latest year available", "es": "último año disponible", "ru": "последний доступный год"},
    "no_year": {"en": "No {dataset} figure for {what} in {year}. Years available: {years}.",
                "es": "No hay cifra de {dataset} para {what} en {year}. Años disponibles: {years}.",
                "ru": "Нет данных {dataset} для {what} за {year}. Доступные годы: {years}."},
    "no_data": {"en": "I have no figure for {what} in the store.",
                "es": "No tengo ninguna cifra para {what}.",
                "ru": "В базе нет данных для {what}."},
    "not_understood": {"en": "Sorry, I did not understand that. Try: \u201cHow much did Mexico export to Russia in 2016?\u201d or \u201cMexico's top import partners 2016\u201d.",
                       "es": "Perdón, no entendí la pregunta. Pruebe: \u201c¿Cuánto exportó México a Rusia en 2016?\u201d o \u201cprincipales socios de México 2016\u201d.",
                       "ru": "Извините, я не понял вопрос. Попробуйте: \u00abСколько Мексика экспортировала в Россию в 2016 году?\u00bb"},
    "future": {"en": "I only report published figures, not forecasts. The latest year in the store is {year}.",
               "es": "Solo doy cifras publicadas, no pronósticos. El último año disponible es {year}.",
               "ru": "Я даю только опубликованные данные, не прогнозы. Последний год в базе: {year}."},
    "which_country": {"en": "Which country do you mean by \u201c{name}\u201d?", "es": "¿A qué país se refiere con \u00ab{name}\u00bb?",
                      "ru": "Какую страну вы имеете в виду под \u00ab{name}\u00bb?"},
    "reading": {"en": "(Reading \u201c{surface}\u201d as {name}.)", "es": "(Interpreto \u00ab{surface}\u00bb como {name}.)",
                "ru": "(\u00ab{surface}\u00bb понято как {name}.)"},
    "perspective": {"en": "For scale: that is {amount} of {what} (the largest such flow) in {year}.",
                    "es": "Para dar escala: equivale a {amount} de {what} (el mayor flujo de ese tipo) en {year}.",
                    "ru": "Для масштаба: это {amount} потока \u00ab{what}\u00bb (крупнейшего такого потока) в {year}."},
    "which_product": {"en": "Which product do you mean?", "es": "¿Qué producto quiere decir?", "ru": "Какой товар вы имеете в виду?"},
    "need_partner": {"en": "Which partner country? For example: \u201c{reporter} exports to Russia\u201d.",
                     "es": "¿Con qué país socio? Por ejemplo: \u00abexportaciones de {reporter} a Rusia\u00bb.",
                     "ru": "С какой страной-партнёром? Например: \u00ab{reporter} экспорт в Россию\u00bb."},
    "need_reporter": {"en": "Whose exports to {partner}? Name the exporting country, e.g. \u201c{example}'s exports to {partner}\u201d; for all countries together, ask for {partner}'s total imports.",
                      "es": "¿De qué país son las exportaciones a {partner}? Indique el país exportador, p. ej. \u00abexportaciones de {example} a {partner}\u00bb; para todos los países juntos, pregunte por las importaciones totales de {partner}.",
                      "ru": "Чей экспорт в страну {partner}? Назовите страну-экспортёра, например \u00abэкспорт: {example} \u2192 {partner}\u00bb; для всех стран вместе спросите об общем импорте ({partner})."},
    "need_reporter_m": {"en": "Whose imports from {partner}? Name the importing country, e.g. \u201c{example}'s imports from {partner}\u201d; for all countries together, ask for {partner}'s total exports.",
                        "es": "¿De qué país son las importaciones desde {partner}? Indique el país importador, p. ej. \u00abimportaciones de {example} desde {partner}\u00bb; para todos los países juntos, pregunte por las exportaciones totales de {partner}.",
                        "ru": "Чей импорт из страны {partner}? Назовите страну-импортёра, например \u00abимпорт: {example} \u2190 {partner}\u00bb; для всех стран вместе спросите об общем экспорте ({partner})."},
    "not_a_country": {"en": "(The data is by country; I do not know {names} as one.)",
                      "es": "(Los datos son por país; no reconozco {names} como país.)",
                      "ru": "(Данные только по странам; {names} среди них нет.)"},
    "no_products": {"en": "Product-level trade (HS codes) is not loaded in this store, so I cannot answer for {what}. Import CEPII BACI or UN Comtrade files with `tradefacts data import baci FILE` (or `comtrade`).",
                    "es": "Los datos por producto (códigos SA) no están cargados, así que no puedo responder para {what}. Importe archivos CEPII BACI o UN Comtrade con `tradefacts data import baci ARCHIVO` (o `comtrade`).",
                    "ru": "Товарные данные (коды ТН ВЭД/HS) не загружены, поэтому ответа для {what} нет. Загрузите файлы CEPII BACI или UN Comtrade: `tradefacts data import baci ФАЙЛ` (или `comtrade`)."},
    "first_last_peak": {"en": "{first_year}: {first} \u2192 {last_year}: {last}; peak {peak} in {peak_year}.",
                        "es": "{first_year}: {first} \u2192 {last_year}: {last}; máximo {peak} en {peak_year}.",
                        "ru": "{first_year}: {first} \u2192 {last_year}: {last}; максимум {peak} в {peak_year}."},
    "rank_line": {"en": "{partner} ranks {rank} of {total} among {reporter}'s partners for {flow} in {year}: {value} ({share} {of_what}).",
                  "es": "{partner} ocupa el puesto {rank} de {total} entre los socios de {reporter} en {flow} en {year}: {value} ({share} {of_what}).",
                  "ru": "{partner}: {rank}-е место из {total} среди партнёров \u2014 {reporter}, {flow}, {year}: {value} ({share} {of_what})."},
    "of_world_total": {"en": "of the total", "es": "del total", "ru": "от общего объёма"},
    "of_partner_sum": {"en": "of the sum over its partners", "es": "de la suma de sus socios", "ru": "от суммы по всем партнёрам"},
    "share_line": {"en": "{partner} accounted for {share} of {reporter}'s {flow} in {year}: {value} of {total}.",
                   "es": "{partner} representó el {share} {flow} de {reporter} en {year}: {value} de {total}.",
                   "ru": "{partner_nom}: {share} от показателя \u00ab{reporter}, {flow}\u00bb, {year}: {value} из {total}."},
    "no_share_total": {"en": "No share for {what}: {dataset}, which has that flow, has no world total for {reporter} to divide by (a share needs both figures from one source).",
                       "es": "No hay cuota para {what}: {dataset}, que tiene ese flujo, no tiene el total mundial de {reporter} (una cuota necesita ambas cifras de la misma fuente).",
                       "ru": "Долю для {what} посчитать нельзя: в {dataset}, где есть этот поток, нет общего итога для {reporter} (доля требует обеих цифр из одного источника)."},
    "nominal_note": {"en": "This is the change in GDP in current US dollars, not real (inflation-adjusted) growth.",
                     "es": "Es la variación del PIB en dólares corrientes, no el crecimiento real (descontada la inflación).",
                     "ru": "Это изменение ВВП в текущих долларах США, а не реальный (с поправкой на инфляцию) рост."},
    "computed_pc": {"en": "GDP ÷ population, computed", "es": "PIB ÷ población, calculado", "ru": "ВВП ÷ население, расчёт"},
    "peak": {"en": "peak", "es": "máximo", "ru": "максимум"},
    "all_goods": {"en": "all goods", "es": "todos los bienes", "ru": "все товары"},
    "pair_instead": {"en": "What the store has: {what}, {year}: {value}.", "es": "Lo que sí hay: {what}, {year}: {value}.",
                     "ru": "Что есть в базе: {what}, {year}: {value}."},
    "surplus": {"en": "surplus", "es": "superávit", "ru": "профицит"},
    "deficit": {"en": "deficit", "es": "déficit", "ru": "дефицит"},
    "balance_line": {"en": "{reporter}'s trade {kind} with {partner} in {year}: {value} (exports {x} \u2212 imports {m}).",
                     "es": "{kind} comercial de {reporter} con {partner} en {year}: {value} (exportaciones {x} \u2212 importaciones {m}).",
                     "ru": "Торговый {kind}: {reporter} \u2194 {partner}, {year}: {value} (экспорт {x} \u2212 импорт {m})."},
    "surpluses": {"en": "surpluses", "es": "superávits", "ru": "профициты"},
    "deficits": {"en": "deficits", "es": "déficits", "ru": "дефициты"},
    "largest_line": {"en": "{reporter}'s largest trade {kinds} in {year}:", "es": "Mayores {kinds} comerciales de {reporter} en {year}:",
                     "ru": "{reporter}: крупнейшие торговые {kinds}, {year}:"},
    "growth_line": {"en": "{what}: {a} in {y0} \u2192 {b} in {y1}, {change} ({pct}).",
                    "es": "{what}: {a} en {y0} \u2192 {b} en {y1}, {change} ({pct}).",
                    "ru": "{what}: {a} в {y0} \u2192 {b} в {y1}, {change} ({pct})."},
    "cagr": {"en": "average annual growth {cagr}", "es": "crecimiento medio anual {cagr}", "ru": "среднегодовой рост {cagr}"},
    "top_title": {"en": "{reporter}'s top {n} partners for {flow}, {year}", "es": "Principales {n} socios de {reporter} en {flow}, {year}",
                  "ru": "Топ-{n} партнёров: {reporter}, {flow}, {year}"},
    "of_total": {"en": "of total", "es": "del total", "ru": "от общего"},
    "fdi_in": {"en": "FDI net inflows", "es": "IED, entradas netas", "ru": "ПИИ, чистый приток"},
    "fdi_out": {"en": "FDI net outflows", "es": "IED, salidas netas", "ru": "ПИИ, чистый отток"},
    "fdi_bilateral": {"en": "FDI net flow from {investor} into {host}", "es": "Flujo neto de IED de {investor} hacia {host}",
                      "ru": "Чистый поток ПИИ: {investor} \u2192 {host}"},
    "no_fdi_pair": {"en": "No bilateral FDI figure for {investor} \u2192 {host}. The store's bilateral FDI (UNCTAD) covers flows into {hosts} developing economies from {investors} source countries, {first}\u2013{last}.",
                    "es": "No hay cifra bilateral de IED para {investor} \u2192 {host}. Los datos bilaterales (UNCTAD) cubren flujos hacia {hosts} economías en desarrollo desde {investors} países de origen, {first}\u2013{last}.",
                    "ru": "Нет двусторонних данных о ПИИ {investor} \u2192 {host}. Двусторонние данные UNCTAD охватывают потоки в {hosts} развивающихся стран из {investors} стран, {first}\u2013{last}."},
    "fdi_instead": {"en": "What the store has instead: {host}'s FDI net inflows from all countries in {year}: {value}.",
                    "es": "Lo que sí hay: entradas netas de IED en {host} desde todos los países en {year}: {value}.",
                    "ru": "Что есть в базе: чистый приток ПИИ в страну {host} из всех стран за {year}: {value}."},
    "gdp": {"en": "GDP", "es": "PIB", "ru": "ВВП"},
    "population": {"en": "population", "es": "población", "ru": "население"},
    "gdp_per_capita": {"en": "GDP per capita", "es": "PIB per cápita", "ru": "ВВП на душу населения"},
    "times": {"en": "{a} is {ratio} times {b}", "es": "{a} equivale a {ratio} veces {b}", "ru": "{a} в {ratio} раза больше, чем {b}"},
    "computed": {"en": "computed from the two figures above", "es": "calculado con las dos cifras anteriores",
                 "ru": "рассчитано по двум показателям выше"},
    "arms_line": {"en": "Arms transfers {supplier} \u2192 {recipient}", "es": "Transferencias de armas {supplier} \u2192 {recipient}",
                  "ru": "Поставки вооружений {supplier} \u2192 {recipient}"},
    "arms_caveat": {"en": "SIPRI trend-indicator values (TIV) measure the volume of major arms transfers, not their financial value; by order year.",
                    "es": "Los valores TIV del SIPRI miden el volumen de las transferencias de armas principales, no su valor financiero; por año de pedido.",
                    "ru": "Показатели SIPRI TIV отражают объём поставок основных вооружений, а не их денежную стоимость; по году заказа."},
    "arms_caveat_total": {"en": "SIPRI trend-indicator values (TIV) measure the volume of major arms transfers, not their financial value.",
                          "es": "Los valores TIV del SIPRI miden el volumen de las transferencias de armas principales, no su valor financiero.",
                          "ru": "Показатели SIPRI TIV отражают объём поставок основных вооружений, а не их денежную стоимость."},
    "no_arms": {"en": "No SIPRI arms transfers recorded for {supplier} \u2192 {recipient}.",
                "es": "SIPRI no registra transferencias de armas de {supplier} a {recipient}.",
                "ru": "SIPRI не фиксирует поставок вооружений {supplier} \u2192 {recipient}."},
    "mirror_title": {"en": "Do {a} and {b} report the same trade? ({year})", "es": "¿Registran {a} y {b} el mismo comercio? ({year})",
                     "ru": "{a} и {b}: совпадают ли данные о торговле? ({year})"},
    "mirror_reasons": {"en": "Usual reasons for gaps: imports are valued CIF (with freight and insurance) and exports FOB; re-exports through third countries; timing and partner attribution.",
                       "es": "Razones habituales: las importaciones se valoran CIF (con flete y seguro) y las exportaciones FOB; reexportaciones por terceros países; desfases y atribución del socio.",
                       "ru": "Обычные причины расхождений: импорт учитывается по CIF (с фрахтом и страховкой), экспорт — по FOB; реэкспорт через третьи страны; сроки и определение страны-партнёра."},
    "gap": {"en": "gap", "es": "diferencia", "ru": "расхождение"},
    "truncated": {"en": "(Only the first 1,000 characters of the question were read.)", "es": "(Solo se leyeron los primeros 1.000 caracteres.)",
                  "ru": "(Прочитаны только первые 1000 символов вопроса.)"},
    "computed_total": {"en": "exports + imports", "es": "exportaciones + importaciones", "ru": "экспорт + импорт"},
}


def t(key: str, lang: str, **kw) -> str:
    table = P[key]
    text = table.get(lang) or table["en"]
    return text.format(**kw) if kw else text


def flow_word(flow: str | None, lang: str) -> str:
    return FLOW.get(flow or "total", FLOW["total"]).get(lang, FLOW.get(flow or "total", FLOW["total"])["en"])


def ordinal(n: int, lang: str) -> str:
    if lang == "en":
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix}"
    if lang == "es":
        return f"{n}.º"
    return str(n)
