"""Unknown paths get a friendly page with links onward (Dash Pages uses this module for 404s)."""

import dash
from dash import html

from components.routes import route
from components.shell import not_found

dash.register_page(__name__, **route("not-found").dash_kwargs())


def layout(**_query: str) -> html.Div:
    return not_found("There is no page at this address. It may have moved, or the link may be mistyped.")
