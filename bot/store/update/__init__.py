"""``tradefacts data update``: fetch the latest releases from the official providers (IMF
IMTS, World Bank WDI, CEPII BACI, UN Comtrade) and import them atomically, recording each
source's vintage. ``run.py`` is the order of work; ``http.py`` the downloads; one module per
provider; ``vintage.py`` what the store remembers about each release."""

from bot.store.update.http import UpdateError

__all__ = ["UpdateError"]
