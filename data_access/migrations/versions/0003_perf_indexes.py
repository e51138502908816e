"""performance indexes: periods/indicators-with-data probes and the cache's data version

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 18:40:00

``ix_observation_indicator_period_kind`` lets ``reads.periods`` and ``reads.indicators_with_data``
answer with index probes (EXISTS per period / per indicator) instead of reading every row of an
indicator (or, for indicators_with_data, the whole table). Its second column is ``period_id``, not
``kind``, so that for ``reads.series`` (indicator + kind + breakdown + areas) the planner keeps
choosing ``ix_observation_lookup``: an (indicator, kind) index lured SQLite into reading all of an
indicator's rows. SQLite then gets fresh (sampled) statistics, as it never gathers them itself. ``ix_observation_loaded_at`` makes
``max(loaded_at)`` — part of ``data_access.cache.data_version`` — a single index lookup.
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("observation", schema=None) as batch_op:
        batch_op.create_index("ix_observation_indicator_period_kind", ["indicator_id", "period_id", "kind"], unique=False)
        batch_op.create_index("ix_observation_loaded_at", ["loaded_at"], unique=False)
    if op.get_bind().dialect.name == "sqlite":
        op.execute("PRAGMA analysis_limit=1000")
        op.execute("ANALYZE observation")


def downgrade() -> None:
    with op.batch_alter_table("observation", schema=None) as batch_op:
        batch_op.drop_index("ix_observation_loaded_at")
        batch_op.drop_index("ix_observation_indicator_period_kind")
