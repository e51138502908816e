"""Saved presentation decks."""

from __future__ import annotations

from typing import Any

import pandas as pd
from sqlalchemy import func, select

from data_access.database import Database
from data_access.models import Deck, DeckSlide
from data_access.reads._base import _db, _frame


def decks(db: Database | None = None) -> pd.DataFrame:
    """Saved decks, newest first: id, name, created_at, slides (count)."""
    statement = (
        select(Deck.id, Deck.name, Deck.created_at, func.count(DeckSlide.position).label("slides"))
        .outerjoin(DeckSlide, DeckSlide.deck_id == Deck.id)
        .group_by(Deck.id, Deck.name, Deck.created_at)
        .order_by(Deck.created_at.desc(), Deck.name)
    )
    return _frame(_db(db), statement)


def deck(deck_id: str, db: Database | None = None) -> dict[str, Any] | None:
    """One deck with its view URLs in order, or None."""
    database = _db(db)
    with database.read() as session:
        row = session.execute(select(Deck.id, Deck.name, Deck.created_at).where(Deck.id == deck_id)).mappings().first()
        if row is None:
            return None
        urls = list(session.scalars(select(DeckSlide.view_url).where(DeckSlide.deck_id == deck_id).order_by(DeckSlide.position)))
    return {**dict(row), "view_urls": urls}
