"""peer_distribution: the range of every area of a level for each indicator and period (the area
profile's spine chart), computed with the stored judgements when data is loaded (issue 19, item 7)

The table starts empty: run ``python -m data_access seed`` (or import the data again) to fill it;
until then the profile draws its ranges from the peers' values as before.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "peer_distribution",
        sa.Column("indicator_id", sa.String(length=80), nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=False),
        sa.Column("levels", sa.String(length=40), nullable=False),
        sa.Column("dist_min", sa.Float(), nullable=True),
        sa.Column("dist_q1", sa.Float(), nullable=True),
        sa.Column("dist_q3", sa.Float(), nullable=True),
        sa.Column("dist_max", sa.Float(), nullable=True),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("parent_code", sa.String(length=20), nullable=True),
        sa.Column("parent_count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["indicator_id"], ["indicator.id"], name=op.f("fk_peer_distribution_indicator_id_indicator")),
        sa.ForeignKeyConstraint(["period_id"], ["period.id"], name=op.f("fk_peer_distribution_period_id_period")),
        sa.PrimaryKeyConstraint("indicator_id", "period_id", "levels", name=op.f("pk_peer_distribution")),
    )


def downgrade() -> None:
    op.drop_table("peer_distribution")
