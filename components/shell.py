"""The page chrome: skip link, header with navigation, footer, and shared notices."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from components.attrs import attrs
from components.paths import app_path
from components.routes import url_for


def skip_link() -> html.A:
    return html.A("Skip to main content", href="#main-content", className="skip-link")


def navbar(pages: Iterable[Mapping[str, Any]], home_name: str = "Hertfordshire") -> html.Header:
    """A navbar built from the page registry: pages with ``nav_label`` appear, in ``order``;
    ``home_name`` is the home council's (``HOME_AREA``) name."""
    links = [
        html.Li(
            dcc.Link(page["nav_label"], href=page["relative_path"], className="nav-link"),
            className="nav-item",
        )
        for page in sorted(pages, key=lambda p: p.get("order") or 0)
        if page.get("nav_label")
    ]
    return html.Header(
        dbc.Container(
            [
                dcc.Link(
                    [
                        html.Span("Outcome Bees", className="brand-name"),
                        html.Span(f" {home_name} children's services", className="brand-sub"),
                    ],
                    href=app_path(url_for("summary")),
                    className="navbar-brand",
                ),
                html.Nav(html.Ul(links, className="navbar-nav flex-row flex-wrap gap-2"), **attrs({"aria-label": "Main"})),
            ],
            fluid=True,
            className="d-flex flex-wrap align-items-center justify-content-between",
        ),
        className="navbar navbar-dark site-header",
    )


def footer() -> html.Footer:
    return html.Footer(
        dbc.Container(
            [
                html.P(
                    [
                        "Outcome Bees is open source. Values marked ",
                        html.Strong("illustrative"),
                        " are invented to demonstrate the dashboard and are not published statistics. ",
                        dcc.Link("About the data", href=app_path(url_for("about"))),
                        ". ",
                        dcc.Link("Accessibility statement", href=app_path(url_for("accessibility"))),
                        ".",
                    ]
                ),
            ],
            fluid=True,
        ),
        className="site-footer",
    )


def illustrative_notice(any_illustrative: bool) -> html.Div | None:
    """A visible marker whenever a chart or table contains any illustrative value."""
    if not any_illustrative:
        return None
    return html.Div(
        [html.Strong("Illustrative data: "), "some values here are invented for demonstration, not published statistics."],
        className="illustrative-notice",
        role="note",
    )


def not_found(message: str, links: Iterable[tuple[str, str]] = ()) -> html.Div:
    """A friendly 'not found' panel with links onward, used by pages for unknown ids."""
    onward = [("Outcome Bees summary", url_for("summary")), ("Indicator catalogue", url_for("indicators"))] + list(links)
    return html.Div(
        [
            html.H1("We could not find that", className="h2"),
            html.P(message),
            html.P("You could try:"),
            html.Ul([html.Li(dcc.Link(label, href=app_path(href))) for label, href in onward]),
        ],
        className="not-found",
        role="alert",
    )


def definition_link(indicator_id: str, name: str) -> html.P:
    """Definitions and sources one click away from every chart of an indicator."""
    return html.P(
        dcc.Link(f"Definition, unit and source of “{name}”", href=app_path(url_for("indicator", indicator_id=indicator_id))),
        className="definition-link no-print",
    )
