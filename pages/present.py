"""Presentation mode from a list of views: ``/present?views=<view URLs, URL-encoded, comma-separated>&auto=30``.

Full screen, no navigation chrome, large type; ← → / PageUp PageDown / Home End move between
slides, Esc leaves to the slide's full view (``assets/present.js``). The slides can be saved as
a named deck (``/present/<deck-id>``, ``pages/present_deck.py``).
"""

from __future__ import annotations

from urllib.parse import quote

import dash
from dash import Input, Output, State, callback, dcc, html

from components.attrs import attrs
from components.paths import app_path
from components.routes import route, url_for, with_query
from components.slides import presentation
from data_access import reads
from data_access.writes import DeckError, save_deck
from views.slides import auto_seconds, slides_for
from views.viewlist import parse_view_list
from web.session import is_signed_in, writer_database

dash.register_page(__name__, **route("present").dash_kwargs())


def _chooser() -> html.Div:
    saved = reads.decks()
    items = [
        html.Li(dcc.Link(f"{row.name} ({row.slides} slides)", href=app_path(url_for("present-deck", deck_id=row.id))))
        for row in saved.itertuples()
    ]
    return html.Div(
        [
            html.H1("Presentation mode"),
            html.P(
                "Show views full screen, one per slide, with their summary sentence in large type. "
                "Open a saved deck, or add views to the board pack and present them from the pack page."
            ),
            html.H2("Saved decks", className="h4"),
            html.Ul(items) if items else html.P("No decks have been saved yet."),
            html.P(["Or build one in the address: ", html.Code(app_path("/present?views=/compare%3Findicator%3D…,/trends%3F…"))]),
        ]
    )


def _save_form(urls: list[str]) -> html.Form:
    return html.Form(
        [
            html.H2("Save these slides as a deck", className="present-save-heading"),
            html.Label("Deck name", htmlFor="present-deck-name"),
            dcc.Input(id="present-deck-name", type="text", placeholder="Stevenage partnership — Q3", className="present-input"),
            html.Button("Save deck", id="present-save", type="button", n_clicks=0, className="present-button"),
            html.Div(id="present-save-status", role="status", **attrs({"aria-live": "polite"})),
            dcc.Store(id="present-urls", data=urls),
        ],
        className="present-save",
        hidden=not urls,
    )


def layout(**query: str) -> html.Div:
    urls = parse_view_list(query.get("views"))
    if not urls:  # the save form is always in the layout so its callback validates on every page
        return html.Div([_chooser(), _save_form([])])
    return presentation("Chosen views", slides_for(urls), auto_seconds=auto_seconds(query), extra=[_save_form(urls)])


@callback(
    Output("present-save-status", "children"),
    Input("present-save", "n_clicks"),
    State("present-deck-name", "value"),
    State("present-urls", "data"),
    prevent_initial_call=True,
)
def save_slides(_clicks: int | None, name: str | None, urls: list[str] | None) -> str | list[str | html.A | dcc.Link]:
    """Saving is a write, so only signed-in administrators may do it; everyone else is read-only."""
    if not is_signed_in():
        return [
            "Saving a deck needs an administrator. ",
            html.A(
                "Sign in",
                # The view list is written as presentation mode reads it (each URL encoded, then the
                # whole address as ``next``), so it is built here rather than by url_for's encoding.
                href=app_path(
                    with_query(
                        url_for("admin-login"),
                        "next="
                        + quote(
                            with_query(url_for("present"), "views=" + ",".join(quote(u, safe="") for u in urls or [])), safe=""
                        ),
                    )
                ),
            ),
            " and save again; anyone can present these slides from this page's address without saving.",
        ]
    try:
        deck_id = save_deck(writer_database(), name or "", urls or [])
    except DeckError as problem:
        return str(problem)
    return [
        "Saved. Present it any time at ",
        dcc.Link(app_path(url_for("present-deck", deck_id=deck_id)), href=app_path(url_for("present-deck", deck_id=deck_id))),
        ".",
    ]
