"""Statistical neighbours (the LAIT view): ``/neighbours?area=CODE&indicator=ID&model=2025|2021``.

The URL is the state. With ``indicator``: the council and its ten DfE statistical neighbours, the
neighbour average, region and England, and the council's rank and quartile band each year.
Without it: the council's scorecard (``sort=`` orders its table). One callback writes every
control change back to the URL, which re-renders the page.
"""

from __future__ import annotations

from urllib.parse import urlencode

import dash
from dash import Input, Output, State, callback, dcc, html

from components.catalogue import linked_table
from components.chart_block import chart_block
from components.controls import download_links, labelled_dropdown
from components.paths import app_path
from components.shell import definition_link, not_found
from components.tables import data_table
from data_access import reads
from pages._url_state import fired_by_render, same_view
from views import benchmarks
from views import neighbours as view
from views.base import ViewNotFound

SCORECARD = "all"  # the indicator menu's "All indicators (scorecard)" value


def _title(**query: str) -> str:
    found = reads.area(str(query.get("area") or "").upper()) if query.get("area") else None
    return f"{found['name']} and its statistical neighbours – Outcome Bees" if found else "Statistical neighbours – Outcome Bees"


dash.register_page(
    __name__,
    path="/neighbours",
    title=_title,
    description="A council against its ten DfE statistical neighbours and every other council: values, ranks and quartiles.",
    name="Statistical neighbours",
    nav_label="Statistical neighbours",
    order=5,
)

MODEL_OPTIONS = [{"label": "May 2025 model (default)", "value": "2025"}, {"label": "April 2021 model", "value": "2021"}]
SORT_OPTIONS = [{"label": f"Sort {words}", "value": key} for key, words in view.SORTS.items()]


def _controls(q: view.NeighboursQuery) -> html.Form:
    councils = reads.areas(levels=list(view.COUNCIL_LEVELS)).sort_values("name", kind="stable")
    indicators = reads.indicators()
    indicators = indicators[indicators["has_data"]].sort_values("name", kind="stable")
    indicator_options = [{"label": "All indicators (scorecard)", "value": SCORECARD}] + [
        {"label": n, "value": i} for i, n in zip(indicators["id"], indicators["name"])
    ]
    return html.Form(
        html.Div(
            [
                labelled_dropdown(
                    "nb-area", "Council", [{"label": r.name, "value": r.code} for r in councils.itertuples()], q.area, width=3
                ),
                labelled_dropdown("nb-indicator", "Indicator", indicator_options, q.indicator or SCORECARD, width=5),
                html.Div(
                    html.Fieldset(
                        [
                            html.Legend("Statistical-neighbour model", className="form-label fs-6"),
                            dcc.RadioItems(
                                id="nb-model",
                                options=MODEL_OPTIONS,
                                value=q.model,
                                inputClassName="form-check-input me-1",
                                labelClassName="form-check-label me-3",
                            ),
                        ]
                    ),
                    className="col-12 col-md-4 mb-2",
                ),
                # always in the layout (so the one URL callback always has its inputs); shown for the scorecard only
                html.Div(
                    labelled_dropdown("nb-sort", "Order of the scorecard table", SORT_OPTIONS, q.sort, width=12),
                    className="col-12 col-md-4",
                    hidden=bool(q.indicator),
                ),
            ],
            className="row g-2",
        ),
        className="controls mb-3",
        role="search",
        **{"aria-label": "Choose a council and an indicator"},
    )


def _intro(q: view.NeighboursQuery, area: dict) -> html.Div:
    group = benchmarks.neighbours(q.area, q.model)
    names = ", ".join(group["name"]) if not group.empty else "none"
    return html.Div(
        [
            html.P(
                f"DfE's statistical neighbours are the ten councils most like {area['name']} on the characteristics "
                f"that predict children's services outcomes. {area['name']}'s ten ({q.model} model), closest first: {names}.",
                id="nb-neighbour-list",
            ),
            html.P(dcc.Link(f"{area['name']}'s area profile", href=app_path(f"/area/{q.area}"))),
        ]
    )


def _sized(block: html.Section, figure) -> html.Section:  # type: ignore[no-untyped-def]
    """A responsive dcc.Graph is 450px tall whatever the figure says; these charts grow with their rows."""
    height = int(figure.layout.height or 450)
    stack = [block]
    while stack:
        node = stack.pop()
        if isinstance(node, dcc.Graph):
            node.style = {"height": f"{height}px"}
            continue
        children = getattr(node, "children", None)
        stack.extend(
            c for c in (children if isinstance(children, list) else [children]) if c is not None and hasattr(c, "to_plotly_json")
        )
    return block


def layout(**query: str):  # type: ignore[no-untyped-def]
    heading = [html.H1("Statistical neighbours")]
    try:
        chart = view.build(query or {})
    except ViewNotFound as missing:
        return html.Div(heading + [not_found(missing.message, missing.links)])
    q: view.NeighboursQuery = chart.extra["query"]
    area = chart.extra["area"]
    qs = urlencode(q.to_query())
    if q.indicator:
        table = data_table(
            chart.table,
            chart.table_columns,
            caption=chart.text.title + ": by year",
            table_id="nb-table",
            numeric=chart.numeric_columns,
        )
        body = [
            definition_link(q.indicator, chart.extra["meta"]["name"]),
            _sized(
                chart_block(chart.figure, chart.text, table, graph_id="nb-chart", links=download_links("neighbours", qs)),
                chart.figure,
            ),
        ]
    else:
        caption = f"{chart.text.title} (sorted {view.SORTS[q.sort]})"
        table = linked_table(
            chart.table,
            chart.table_columns,
            caption=caption,
            link_column="indicator",
            href_column="indicator_href",
            table_id="nb-scorecard",
            numeric=chart.numeric_columns,
        )
        body = [
            _sized(
                chart_block(
                    chart.figure, chart.text, table, graph_id="nb-scorecard-chart", links=download_links("neighbours", qs)
                ),
                chart.figure,
            )
        ]
    return html.Div(heading + [_intro(q, area), _controls(q)] + body, className="neighbours-page")


@callback(
    Output("url", "search", allow_duplicate=True),
    Input("nb-area", "value"),
    Input("nb-indicator", "value"),
    Input("nb-model", "value"),
    Input("nb-sort", "value"),
    State("url", "search"),
    prevent_initial_call=True,
)
def update_neighbours_url(area, indicator, model, sort, current_search):  # type: ignore[no-untyped-def]
    """Write the chosen view into the URL (defaults left out, so links stay short)."""
    query: dict[str, str] = {"area": area or view.DEFAULT_AREA}
    if indicator and indicator != SCORECARD:
        query["indicator"] = indicator
    if model and model != benchmarks.DEFAULT_MODEL:
        query["model"] = model
    if "indicator" not in query and sort and sort != "group":
        query["sort"] = sort
    if fired_by_render() or same_view(current_search, query, {"area": view.DEFAULT_AREA}):
        raise dash.exceptions.PreventUpdate
    return "?" + urlencode(query)
