"""Saved presentation decks on real SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from data_access import reads
from data_access.database import Database
from data_access.decks import DeckError, delete_deck, save_deck


def test_save_and_read_a_deck(empty_db: Database) -> None:
    urls = ["/compare?indicator=u18-conceptions&areas=E07000243", "/trends?areas=E07000243"]
    deck_id = save_deck(empty_db, "Stevenage partnership — Q3", urls)
    assert deck_id == "stevenage-partnership-q3"
    assert save_deck(empty_db, "Stevenage partnership — Q3", urls[:1]) == "stevenage-partnership-q3-2"
    deck = reads.deck(deck_id, db=empty_db)
    assert deck is not None and deck["name"] == "Stevenage partnership — Q3" and deck["view_urls"] == urls
    listing = reads.decks(db=empty_db)
    assert set(listing["id"]) == {"stevenage-partnership-q3", "stevenage-partnership-q3-2"}
    assert dict(zip(listing["id"], listing["slides"]))["stevenage-partnership-q3"] == 2
    save_deck(empty_db, "Renamed", urls[::-1], deck_id=deck_id)  # replace in place
    replaced = reads.deck(deck_id, db=empty_db)
    assert replaced is not None and replaced["view_urls"] == urls[::-1]
    delete_deck(empty_db, deck_id)
    assert reads.deck(deck_id, db=empty_db) is None


@pytest.mark.parametrize("name, urls", [("", ["/compare"]), ("A deck", []), ("A deck", ["https://evil.example/x"])])
def test_bad_decks_are_refused(empty_db: Database, name: str, urls: list[str]) -> None:
    with pytest.raises(DeckError):
        save_deck(empty_db, name, urls)


def test_demo_deck_loads_idempotently(empty_db: Database) -> None:
    from seed.decks import load_demo_decks

    assert load_demo_decks(empty_db) == ["stevenage-partnership-q3"]
    assert load_demo_decks(empty_db) == ["stevenage-partnership-q3"]
    deck = reads.deck("stevenage-partnership-q3", db=empty_db)
    assert deck is not None
    assert deck["name"] == "Stevenage partnership — Q3"
    assert len(deck["view_urls"]) == 4
