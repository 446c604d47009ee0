"""The Telegram face of tradefacts (python-telegram-bot 22).

``app.build_application`` builds the Application and registers every handler; ``serve``
runs it (long polling or webhook) for ``tradefacts serve``. ``handlers`` and ``inline`` turn
updates into engine questions, ``reply`` turns an engine ``Answer`` into messages,
``keyboards`` holds the buttons and their data, ``messages`` the fixed strings in en/es/ru,
``logfilter`` keeps the token out of the logs, ``concurrency`` handles chats side by side
but each in order, ``flood`` limits how fast one user or group may ask, and ``request``
retries what the Bot API refused with a 5xx. Only the engine's interface is used
(``ask`` and ``examples``); data sources come in as a ``sources_text(lang)`` callable.
"""
