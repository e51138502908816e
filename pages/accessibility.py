"""Accessibility statement: ``/accessibility`` (the same statement is at ``/about#accessibility``)."""

import dash
from dash import html

from components.accessibility import accessibility_statement
from components.routes import route

dash.register_page(__name__, **route("accessibility").dash_kwargs())


def layout(**_query: str) -> html.Div:
    return html.Div(accessibility_statement(heading_level=1, section_id="accessibility-statement"), style={"maxWidth": "48rem"})
