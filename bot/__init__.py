"""tradefacts: exact, sourced answers about international trade and investment.

The flow of a question is visible in the sub-packages:
``names`` (countries, products, metric words) -> ``engine`` (question -> Query -> Answer)
-> ``store`` (SQLite figures with provenance) -> ``render`` (text, sparkline, PNG, CSV);
``cli`` and ``chat`` are thin faces over the engine.
"""

__version__ = "0.1.0"
