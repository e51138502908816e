"""measure breakdown: the group a plan's measure is about (e.g. disadvantaged pupils)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("measure", schema=None) as batch_op:
        batch_op.add_column(sa.Column("breakdown_dimension", sa.String(length=60), nullable=True))
        batch_op.add_column(sa.Column("breakdown_value", sa.String(length=120), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("measure", schema=None) as batch_op:
        batch_op.drop_column("breakdown_value")
        batch_op.drop_column("breakdown_dimension")
