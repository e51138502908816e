"""Migrations, run from code so the CLI, ``make run`` and the tests share one path."""

from __future__ import annotations

from alembic import command
from alembic.config import Config

from data_access.database import Database
from settings import PROJECT_ROOT


def alembic_config(db: Database) -> Config:
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "data_access" / "migrations"))
    config.attributes["database_url"] = db.url
    return config


def migrate(db: Database, revision: str = "head") -> None:
    """Bring the schema up to ``revision`` (idempotent)."""
    command.upgrade(alembic_config(db), revision)


def downgrade(db: Database, revision: str = "base") -> None:
    command.downgrade(alembic_config(db), revision)
