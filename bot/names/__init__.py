"""Name matchers: countries and HS products in free text (en/es/ru), no SQL, no Telegram.

Build once from the store and reuse::

    from bot.names import CountryMatcher, ProductMatcher
    countries = CountryMatcher.from_store(store)
    products = ProductMatcher.from_store(store)
"""

from bot.names.countries import Candidate, CountryMatcher, Mention
from bot.names.normalize import Token, fold, normalize, tokenize
from bot.names.products import ProductCandidate, ProductMatcher, ProductMention

__all__ = ["CountryMatcher", "Mention", "Candidate", "ProductMatcher", "ProductMention", "ProductCandidate",
           "Token", "fold", "normalize", "tokenize"]
