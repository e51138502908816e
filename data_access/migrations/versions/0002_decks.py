"""decks: saved presentations

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 18:35:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "deck",
        sa.Column("id", sa.String(length=80), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deck")),
    )
    op.create_table(
        "deck_slide",
        sa.Column("deck_id", sa.String(length=80), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("view_url", sa.String(length=2000), nullable=False),
        sa.ForeignKeyConstraint(["deck_id"], ["deck.id"], name=op.f("fk_deck_slide_deck_id_deck"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("deck_id", "position", name=op.f("pk_deck_slide")),
    )


def downgrade() -> None:
    op.drop_table("deck_slide")
    op.drop_table("deck")
