"""Saving presentation decks (named, ordered view URLs); reads are in ``data_access.reads``."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, select

from analytics.codes import slug
from data_access.database import Database, current
from data_access.models import Deck, DeckSlide

MAX_SLIDES = 40


class DeckError(ValueError):
    """A deck that cannot be saved, described for a person."""


def deck_slug(name: str) -> str:
    return slug(name)[:60] or "deck"


def save_deck(db: Database | None, name: str, view_urls: Sequence[str], deck_id: str | None = None) -> str:
    """Store a deck and return its id (a slug of the name, made unique); ``deck_id`` replaces that deck."""
    database = db if db is not None else current()
    name = (name or "").strip()
    urls = [u.strip() for u in view_urls if u and u.strip()]
    if not name:
        raise DeckError("Give the deck a name, for example “Stevenage partnership — Q3”.")
    if not urls:
        raise DeckError("A deck needs at least one slide (a view URL).")
    if len(urls) > MAX_SLIDES:
        raise DeckError(f"A deck can hold at most {MAX_SLIDES} slides.")
    if any(not u.startswith("/") or len(u) > 2000 for u in urls):
        raise DeckError("Each slide must be a view path on this site, such as /compare?indicator=…")
    with database.write() as session:
        if deck_id is not None:
            session.execute(delete(DeckSlide).where(DeckSlide.deck_id == deck_id))
            session.execute(delete(Deck).where(Deck.id == deck_id))
            new_id = deck_id
        else:
            base = deck_slug(name)
            taken = set(session.scalars(select(Deck.id).where(Deck.id.like(f"{base}%"))))
            new_id, n = base, 2
            while new_id in taken:
                new_id, n = f"{base}-{n}", n + 1
        session.add(Deck(id=new_id, name=name[:200]))
        session.flush()
        session.add_all(DeckSlide(deck_id=new_id, position=i, view_url=u) for i, u in enumerate(urls))
    return new_id


def delete_deck(db: Database | None, deck_id: str) -> None:
    database = db if db is not None else current()
    with database.write() as session:
        session.execute(delete(DeckSlide).where(DeckSlide.deck_id == deck_id))
        session.execute(delete(Deck).where(Deck.id == deck_id))
