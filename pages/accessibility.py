"""Accessibility statement: ``/accessibility`` (the same statement is at ``/about#accessibility``)."""

import dash
from dash import html

from components.accessibility import accessibility_statement

dash.register_page(
    __name__,
    path="/accessibility",
    title="Accessibility statement – Outcome Bees",
    description="Accessibility statement for Outcome Bees (WCAG 2.2 AA).",
    name="Accessibility statement",
)


def layout(**_query: str) -> html.Div:
    return html.Div(accessibility_statement(heading_level=1, section_id="accessibility-statement"), style={"maxWidth": "48rem"})
