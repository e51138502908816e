"""The Alembic-migrated schema equals the models, on real SQLite and real PostgreSQL."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from data_access.database import Database
from data_access.models import Base
from data_access.schema import downgrade, migrate


def test_migrated_schema_matches_models(empty_db: Database) -> None:
    with empty_db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_migrate_is_idempotent_and_reversible(empty_db: Database) -> None:
    migrate(empty_db)  # second run: nothing to do
    downgrade(empty_db, "base")
    migrate(empty_db)
    from alembic.script import ScriptDirectory

    from data_access.schema import alembic_config

    head = ScriptDirectory.from_config(alembic_config(empty_db)).get_current_head()
    with empty_db.engine.connect() as connection:
        context = MigrationContext.configure(connection)
        assert context.get_current_revision() == head
