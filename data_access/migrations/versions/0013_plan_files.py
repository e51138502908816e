"""plan files: a measure's direction (increase|decrease|maintain|none) and the seeds' figures row
its target comes from, so a plan file round-trips through the database without losing a column;
who imported a source (local figures are shown as "imported on <date> by <user>")

Revision ID: 0013
Revises: 0008
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("measure", schema=None) as batch_op:
        batch_op.add_column(sa.Column("direction", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("figures_row", sa.Integer(), nullable=True))
    with op.batch_alter_table("source", schema=None) as batch_op:
        batch_op.add_column(sa.Column("imported_by", sa.String(length=120), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("source", schema=None) as batch_op:
        batch_op.drop_column("imported_by")
    with op.batch_alter_table("measure", schema=None) as batch_op:
        batch_op.drop_column("figures_row")
        batch_op.drop_column("direction")
