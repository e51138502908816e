"""benchmark_judgement: each area's rank, quartile and verdicts against England, region, county and
statistical neighbours, computed once when data is loaded (issue 19, item 7)

Revision ID: 0011
Revises: 0008
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "benchmark_judgement",
        sa.Column("indicator_id", sa.String(length=80), nullable=False),
        sa.Column("area_code", sa.String(length=20), nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=True),
        sa.Column("rank_of", sa.Integer(), nullable=False),
        sa.Column("quartile", sa.String(length=1), nullable=True),
        sa.Column("rank_reason", sa.String(length=200), nullable=False),
        sa.Column("england_value", sa.Float(), nullable=True),
        sa.Column("england_verdict", sa.String(length=30), nullable=True),
        sa.Column("region_code", sa.String(length=20), nullable=True),
        sa.Column("region_value", sa.Float(), nullable=True),
        sa.Column("region_verdict", sa.String(length=30), nullable=True),
        sa.Column("county_code", sa.String(length=20), nullable=True),
        sa.Column("county_value", sa.Float(), nullable=True),
        sa.Column("county_verdict", sa.String(length=30), nullable=True),
        sa.Column("sn_value", sa.Float(), nullable=True),
        sa.Column("sn_with_value", sa.Integer(), nullable=True),
        sa.Column("sn_verdict", sa.String(length=30), nullable=True),
        sa.ForeignKeyConstraint(["area_code"], ["area.code"], name=op.f("fk_benchmark_judgement_area_code_area")),
        sa.ForeignKeyConstraint(["indicator_id"], ["indicator.id"], name=op.f("fk_benchmark_judgement_indicator_id_indicator")),
        sa.ForeignKeyConstraint(["period_id"], ["period.id"], name=op.f("fk_benchmark_judgement_period_id_period")),
        sa.PrimaryKeyConstraint("indicator_id", "area_code", "period_id", name=op.f("pk_benchmark_judgement")),
    )
    op.create_index("ix_benchmark_judgement_area", "benchmark_judgement", ["area_code", "indicator_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_benchmark_judgement_area", table_name="benchmark_judgement")
    op.drop_table("benchmark_judgement")
