"""Trends: ``/trends?indicator=ID&areas=CODE,CODE&benchmark=CODE[,CODE]&ci=on|off``.

The URL is the state: ``layout`` renders the view from the query string, and the one callback
writes every control change back to the URL, which re-renders the page.
"""

from __future__ import annotations

from urllib.parse import urlencode

import dash
import pandas as pd
from dash import Input, Output, State, callback, dcc, html

from components.attrs import attrs
from components.controls import labelled_dropdown
from components.routes import route
from components.shell import definition_link, not_found
from components.tables import data_table
from data_access import reads
from pages._chart import view_block
from pages._url_state import kept_settings
from views import trends as view
from views.base import ViewNotFound
from views.benchmarks import SN


def _title(**query: str) -> str:
    meta = reads.indicator(query.get("indicator") or view.DEFAULT_INDICATOR)
    return f"Trend: {meta['name']} – Outcome Bees" if meta else "Trends – Outcome Bees"


dash.register_page(__name__, **route("trends").dash_kwargs(title=_title))


def _controls(q: view.TrendsQuery) -> html.Form:
    indicators = reads.indicators()
    indicators = indicators[indicators["has_data"]]
    areas = reads.areas()
    area_options = [
        {"label": r.name, "value": r.code}
        for r in areas.itertuples()
        if r.level in {"country", "region", "county", "district", "unitary"}
    ]
    return html.Form(
        html.Div(
            [
                labelled_dropdown(
                    "trends-indicator",
                    "Indicator",
                    [{"label": n, "value": i} for i, n in zip(indicators["id"], indicators["name"])],
                    q.indicator,
                    width=4,
                ),
                labelled_dropdown("trends-areas", "Areas", area_options, list(q.areas), multi=True, width=3),
                labelled_dropdown(
                    "trends-benchmark",
                    "Benchmarks",
                    [{"label": "Statistical neighbours (average)", "value": SN}, *area_options],
                    list(q.benchmarks),
                    multi=True,
                    clearable=True,
                    width=3,
                ),
                html.Div(
                    html.Fieldset(
                        [
                            html.Legend("Confidence intervals", className="form-label fs-6 fw-bold mb-1"),
                            dcc.RadioItems(
                                id="trends-ci",
                                options=[{"label": " Show", "value": "on"}, {"label": " Hide", "value": "off"}],
                                value="on" if q.ci else "off",
                                inline=True,
                                inputClassName="me-1",
                                labelClassName="me-3",
                            ),
                        ]
                    ),
                    className="col-12 col-md-2 mb-2",
                ),
            ],
            className="row g-2",
        ),
        className="controls mb-3",
        role="search",
        **attrs({"aria-label": "Choose the trend to show"}),
    )


def layout(**query: str) -> html.Div:
    heading = [
        html.H1("Trends"),
        html.P(
            "An indicator over time for the chosen areas, with England and the region as benchmarks and the recent trend for each."
        ),
    ]
    if not query:
        query = {}
    try:
        chart = view.build(query)
    except ViewNotFound as missing:
        return html.Div(heading + [not_found(missing.message, missing.links)])
    q = chart.query
    qs = urlencode(q.to_query())
    trend_rows = pd.DataFrame({"area": list(chart.trends.keys()), "trend": list(chart.trends.values())})
    return html.Div(
        heading
        + [
            _controls(q),
            definition_link(q.indicator, chart.meta["name"]),
            view_block(chart, page="trends", query_string=qs, graph_id="trends-chart", table_id="trends-table"),
            html.Section(
                [
                    html.H2("Recent trend by area", className="h4"),
                    data_table(
                        trend_rows,
                        [("area", "Area"), ("trend", "Recent trend (five most recent points, 99.8% significance)")],
                        caption="Recent trend by area",
                        table_id="trends-labels",
                    ),
                ],
                className="mb-4",
            ),
        ]
    )


def url_for_controls(
    indicator: str | None,
    areas: list[str] | str | None,
    benchmark: list[str] | str | None,
    ci: str | None,
    current_search: str | None,
) -> str | None:
    """The search string for the chosen controls, or None when the URL already says it."""
    chosen = areas if isinstance(areas, list) else ([areas] if areas else [])
    benches = benchmark if isinstance(benchmark, list) else ([benchmark] if benchmark else [])
    query = {
        "indicator": indicator or view.DEFAULT_INDICATOR,
        "areas": ",".join(chosen or view.default_areas()),
        "benchmark": ",".join(benches) if benches else "none",
        "ci": ci if ci in {"on", "off"} else "on",
    }
    if SN in {b.lower() for b in benches}:
        query.update(kept_settings(current_search, ("model",)))  # a shared link's neighbour model survives
    search = "?" + urlencode(query)
    return None if search == current_search else search


@callback(
    Output("url", "search", allow_duplicate=True),
    Input("trends-indicator", "value"),
    Input("trends-areas", "value"),
    Input("trends-benchmark", "value"),
    Input("trends-ci", "value"),
    State("url", "search"),
    prevent_initial_call=True,
)
def update_trends_url(
    indicator: str | None,
    areas: list[str] | str | None,
    benchmark: list[str] | str | None,
    ci: str | None,
    current_search: str | None,
) -> str:
    """Write the chosen view into the URL (a call with every control "triggered" is the page
    being drawn, not a choice, and changes nothing)."""
    if len(dash.ctx.triggered_prop_ids) > 1:
        raise dash.exceptions.PreventUpdate
    search = url_for_controls(indicator, areas, benchmark, ci, current_search)
    if search is None:
        raise dash.exceptions.PreventUpdate
    return search
