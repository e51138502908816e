"""Unknown paths get a friendly page with links onward (Dash Pages uses this module for 404s)."""

import dash
from dash import html

from components.shell import not_found

dash.register_page(__name__, path="/404", title="Page not found – Outcome Bees")


def layout(**_query: str) -> html.Div:
    return not_found("There is no page at this address. It may have moved, or the link may be mistyped.")
