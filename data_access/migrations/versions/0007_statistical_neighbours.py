"""statistical neighbours: the DfE model a comparator group comes from, and each member's closeness band

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("area_group", schema=None) as batch_op:
        batch_op.add_column(sa.Column("model", sa.String(length=20), nullable=True))
        batch_op.create_index(batch_op.f("ix_area_group_anchor_area_code"), ["anchor_area_code"], unique=False)
    with op.batch_alter_table("area_group_member", schema=None) as batch_op:
        batch_op.add_column(sa.Column("closeness", sa.String(length=40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("area_group_member", schema=None) as batch_op:
        batch_op.drop_column("closeness")
    with op.batch_alter_table("area_group", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_area_group_anchor_area_code"))
        batch_op.drop_column("model")
