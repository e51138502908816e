"""How the shipped seed reaches a database: the one function the ``seed`` command calls.

Why a Protocol and not ``import seed.loader``: ``seed`` sits above ``data_access`` (it writes
through ``data_access.seed_writer``), so an import from here down to ``seed`` would run back up
the layers. The loader is handed in instead; ``python -m data_access`` (``data_access/__main__.py``,
the command line's composition root and the only module of ``data_access`` that imports ``seed``)
passes the ``seed.loader`` module itself, which satisfies ``SeedLoader`` as it stands.
An import-linter contract keeps it that way.
"""

from __future__ import annotations

from typing import Protocol

from data_access.database import Database


class SeedLoader(Protocol):
    """What ``data_access`` needs from the seed: ask whether it is loaded, and load it."""

    def seed_is_loaded(self, db: Database) -> bool: ...

    def load_seed(self, db: Database, replace: bool = False, *, illustrative_values: bool = False) -> dict[str, int]: ...


def load(db: Database, loader: SeedLoader, *, force: bool = False, illustrative_values: bool = False) -> dict[str, int] | None:
    """Rows written per table, or None when the seed is already there and ``force`` is not asked for.

    ``force`` reloads inside one transaction (the previous data stays if the reload fails).
    """
    if loader.seed_is_loaded(db) and not force:
        return None
    return loader.load_seed(db, replace=force, illustrative_values=illustrative_values)
