"""Indicator catalogue: ``/indicators?q=WORDS`` — every indicator, searchable by words and by
legacy codes ("NI 112", "PAF A3"). The search box writes ``q`` to the URL."""

from __future__ import annotations

from urllib.parse import urlencode

import dash
from dash import Input, Output, State, callback, dcc, html

from components.attrs import attrs
from components.indicator_catalogue import CATALOGUE_COLUMNS, catalogue_rows, linked_table, search_catalogue
from components.paths import app_path
from components.routes import route, url_for
from data_access import reads
from views.base import first

dash.register_page(__name__, **route("indicators").dash_kwargs())


def _search_form(q: str) -> html.Div:
    return html.Div(
        html.Div(
            [
                html.Label(
                    [
                        "Search indicators",
                        html.Span(
                            "Words from the name or definition, or a legacy code such as NI 112 or PAF A3. Press Enter to search.",
                            className="form-text d-block fw-normal mt-0 mb-1",
                        ),
                    ],
                    htmlFor="indicators-q",
                    className="form-label",
                ),
                dcc.Input(id="indicators-q", type="search", value=q, debounce=True, className="form-control", autoComplete="off"),
            ],
            className="col-12 col-md-6 mb-2",
        ),
        className="controls mb-3 row",
        role="search",
        **attrs({"aria-label": "Search the indicator catalogue"}),
    )


def layout(**query: str) -> html.Div:
    q = first(query, "q", "") or ""
    catalogue = reads.indicators()
    found = search_catalogue(catalogue, q)
    rows = catalogue_rows(found)
    with_data = int(found["has_data"].sum())
    if q:
        count_text = f"{len(found)} of {len(catalogue)} indicators match “{q}” ({with_data} with values)."
    else:
        count_text = f"{len(catalogue)} indicators, {with_data} with values. Select a name for its definition, source and where it is available."
    results: list = [html.P(count_text, id="indicators-count", role="status", className="summary-sentence")]
    if found.empty:
        results.append(
            html.Div(
                [
                    html.P(f"No indicator matches “{q}”. Try fewer or different words, or a code such as NI 112."),
                    dcc.Link("Show all indicators", href=app_path(url_for("indicators"))),
                ],
                id="indicators-none",
            )
        )
    else:
        results.append(
            linked_table(
                rows,
                CATALOGUE_COLUMNS,
                caption="Indicators" + (f" matching “{q}”" if q else ""),
                link_column="name",
                href_column="href",
                table_id="indicators-table",
            )
        )
    return html.Div(
        [
            html.H1("Indicator catalogue"),
            html.P(
                "What each indicator measures, in its own unit, whether higher or lower is better, and the codes older plans "
                "used for it (National Indicators, PAF, LAA, LPSA)."
            ),
            _search_form(q),
            html.Div(results, id="indicators-results"),
        ]
    )


@callback(
    Output("url", "search", allow_duplicate=True),
    Input("indicators-q", "value"),
    State("url", "search"),
    prevent_initial_call=True,
)
def update_indicators_url(q: str | None, current_search: str | None) -> str:
    """Write the search words into the URL (``?q=…``); an empty box shows everything."""
    text = (q or "").strip()
    search = "?" + urlencode({"q": text}) if text else ""
    if search == (current_search or ""):
        raise dash.exceptions.PreventUpdate
    return search
