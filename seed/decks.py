"""The demo presentation deck shipped with the seed (call ``load_demo_decks(db)`` after ``load_seed``)."""

from __future__ import annotations

from data_access import reads
from data_access.database import Database
from data_access.decks import save_deck

STEVENAGE = "E07000243"
DEMO_DECKS: dict[str, tuple[str, list[str]]] = {
    "stevenage-partnership-q3": (
        "Stevenage partnership — Q3",
        [  # published statistics only: NCMP for the districts, ONS conceptions to 2017, DfE gaps for the county
            f"/compare?indicator=year6-obesity&areas={STEVENAGE},E07000095&benchmark=E10000015",
            "/compare?indicator=year6-obesity&view=tiles",
            f"/trends?indicator=u18-conceptions&areas={STEVENAGE}",
            "/gaps?phase=ks4&areas=E10000015,E12000006",
        ],
    ),
}


def load_demo_decks(db: Database) -> list[str]:
    """Create (or refresh) the demo decks; idempotent. Returns their ids."""
    ids = []
    for deck_id, (name, urls) in DEMO_DECKS.items():
        existing = reads.deck(deck_id, db=db)
        ids.append(save_deck(db, name, urls, deck_id=deck_id if existing else None))
    return ids
