"""The shipped Outcome Bees dataset: ``seed/data/*.csv`` plus a flagged illustrative series.

``seed.loader.load_seed(db)`` validates everything and loads it in one transaction.
Nothing here reads ``../shared`` at runtime: every shipped value lives in ``seed/data`` (the plans)
and ``seed/published`` (the published data, built by ``python -m seed.build_published``).
"""
