"""A saved presentation deck: ``/present/<deck-id>?auto=30`` (decks live in the database)."""

from __future__ import annotations

import dash
from dash import html

from components.routes import route, url_for
from components.shell import not_found
from components.slides import presentation
from data_access import reads
from views.slides import auto_seconds, slides_for


def _title(deck_id: str | None = None, **_query: str) -> str:
    deck = reads.deck(deck_id) if deck_id else None
    return f"{deck['name']} – presentation – Outcome Bees" if deck else "Presentation – Outcome Bees"


dash.register_page(__name__, **route("present-deck").dash_kwargs(title=_title))


def layout(deck_id: str | None = None, **query: str) -> html.Div:
    deck = reads.deck(deck_id) if deck_id else None
    if deck is None:
        return html.Div(
            [not_found(f"There is no saved presentation called “{deck_id}”.", [("Presentation mode", url_for("present"))])]
        )
    if not deck["view_urls"]:
        return html.Div(
            [not_found(f"The presentation “{deck['name']}” has no slides.", [("Presentation mode", url_for("present"))])]
        )
    return presentation(deck["name"], slides_for(deck["view_urls"]), auto_seconds=auto_seconds(query))
