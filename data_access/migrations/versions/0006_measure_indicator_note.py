"""measure indicator note (why a plan's measure is read from a published indicator); wider indicator codes
(ONS Explore Local Statistics dataset ids run past 60 characters)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("measure", schema=None) as batch_op:
        batch_op.add_column(sa.Column("indicator_note", sa.Text(), nullable=True))
    with op.batch_alter_table("indicator_code", schema=None) as batch_op:
        batch_op.alter_column("code", existing_type=sa.String(length=60), type_=sa.String(length=120), existing_nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("indicator_code", schema=None) as batch_op:
        batch_op.alter_column("code", existing_type=sa.String(length=120), type_=sa.String(length=60), existing_nullable=False)
    with op.batch_alter_table("measure", schema=None) as batch_op:
        batch_op.drop_column("indicator_note")
