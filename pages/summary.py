"""Outcome Bees summary: ``/?framework=ID&area=CODE`` (placeholder until the summary view lands)."""

import dash
from dash import html

dash.register_page(__name__, path="/", title="Outcome Bees summary", name="Summary", nav_label="Outcome Bees", order=0)


def layout(**query: str):  # type: ignore[no-untyped-def]
    return html.Div([html.H1("Outcome Bees summary")])
