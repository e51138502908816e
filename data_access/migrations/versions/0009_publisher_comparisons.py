"""observation: the publisher's own comparison verdicts (Fingertips "Compared to England" and
"Compared to parent/region" columns), kept so pages can show them with comparison_source "publisher"

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("observation") as batch:
        batch.add_column(sa.Column("published_vs_england", sa.String(length=20), nullable=True))
        batch.add_column(sa.Column("published_vs_parent", sa.String(length=20), nullable=True))
        batch.add_column(sa.Column("published_parent_code", sa.String(length=20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("observation") as batch:
        batch.drop_column("published_parent_code")
        batch.drop_column("published_vs_parent")
        batch.drop_column("published_vs_england")
