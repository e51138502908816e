"""Statistical neighbours (the LAIT view): ``/neighbours?area=CODE&indicator=ID&model=2025|2021``.

The URL is the state. With ``indicator``: the council and its ten DfE statistical neighbours, the
neighbour average, region and England, and the council's rank and quartile band each year.
Without it: the council's scorecard (``sort=`` orders its table). One callback writes every
control change back to the URL, which re-renders the page.
"""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlencode

import dash
import pandas as pd
from dash import Input, Output, State, callback, dcc, html

from components.attrs import attrs
from components.chart_pair_block import Panel, chart_pair_block
from components.controls import labelled_dropdown
from components.map_colour import colour_links
from components.pagination import pagination_nav
from components.paths import app_path
from components.routes import export_url, route, url_for
from components.shell import definition_link, not_found
from components.tables import data_table
from data_access import reads
from data_access.reads.records import AreaRecord
from pages._chart import view_block
from pages._url_state import fired_by_render, same_view
from views import benchmarks
from views import neighbours as view
from views.base import ViewNotFound

SCORECARD = "all"  # the indicator menu's "All indicators (scorecard)" value


def _title(**query: str) -> str:
    found = reads.area(str(query.get("area") or "").upper()) if query.get("area") else None
    return f"{found['name']} and its statistical neighbours – Outcome Bees" if found else "Statistical neighbours – Outcome Bees"


dash.register_page(__name__, **route("neighbours").dash_kwargs(title=_title))

MODEL_OPTIONS = [{"label": "May 2025 model (default)", "value": "2025"}, {"label": "April 2021 model", "value": "2021"}]
SORT_OPTIONS = [{"label": f"Sort {words}", "value": key} for key, words in view.SORTS.items()]


def _controls(q: view.NeighboursQuery) -> html.Form:
    councils = reads.areas(levels=list(view.COUNCIL_LEVELS)).sort_values("name", kind="stable")
    indicators = reads.indicator_choices().sort_values("name", kind="stable")
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
        **attrs({"aria-label": "Choose a council and an indicator"}),
    )


def _intro(q: view.NeighboursQuery, area: AreaRecord, group: pd.DataFrame) -> html.Div:
    """The council's ten neighbours (``group``: the view's, already read), and its profile link."""
    names = ", ".join(group["name"]) if not group.empty else "none"
    return html.Div(
        [
            html.P(
                f"DfE's statistical neighbours are the ten councils most like {area['name']} on the characteristics "
                f"that predict children's services outcomes. {area['name']}'s ten ({q.model} model), closest first: {names}.",
                id="nb-neighbour-list",
            ),
            html.P(dcc.Link(f"{area['name']}'s area profile", href=app_path(url_for("area", code=q.area)))),
        ]
    )


def layout(**query: str) -> html.Div:
    heading = [html.H1("Statistical neighbours")]
    try:
        chart = view.build(query or {})
    except ViewNotFound as missing:
        return html.Div(heading + [not_found(missing.message, missing.links)])
    q = chart.query
    area = chart.area
    qs = urlencode(q.to_query())
    if q.indicator:
        block = view_block(
            chart,
            page="neighbours",
            query_string=qs,
            graph_id="nb-chart",
            table_id="nb-table",
            caption=chart.text.title + ": by year",
            figure_height=True,
        )
        name = chart.meta["name"] if chart.meta else q.indicator  # an indicator chart always has its meta
        body = [definition_link(q.indicator, name), block, _england_map(chart, query)]
    else:
        shown = view.scorecard_page(chart.table, q.page)
        rows_words = (
            f"all {shown.total} indicators"
            if shown.page is None
            else f"indicators {shown.first_row}–{shown.last_row} of {shown.total}"
        )
        caption = f"{chart.text.title} (sorted {view.SORTS[q.sort]}; {rows_words})"
        pager = pagination_nav(
            shown.page,
            shown.pages,
            lambda page: app_path(url_for("neighbours", **replace(q, page=page).to_query())),
            label="Scorecard table pages",
            nav_id="nb-pages",
        )
        block = view_block(
            chart,
            page="neighbours",
            query_string=qs,
            graph_id="nb-scorecard-chart",
            table_id="nb-scorecard",
            caption=caption,
            indicator_links=True,
            figure_height=True,
            table_rows=shown.rows,
            table_footer=pager,
        )
        body = [block]
    return html.Div(heading + [_intro(q, area, chart.group), _controls(q)] + body, className="neighbours-page")


def _england_map(chart: view.NeighboursChart, query: dict[str, str]) -> html.Div | html.P:
    """The indicator on the map of England's councils, the council and its neighbours outlined;
    its own sentence and table (every council), and its own export links (``view=map``)."""
    try:
        england = view.build_council_map(query, chart=chart)
    except ViewNotFound as missing:
        return html.P(f"No map of England's councils: {missing.message}", id="nb-no-map", className="text-muted")
    table = data_table(
        england.table, england.table_columns, caption=england.text.title, table_id="nb-map-table", numeric=england.numeric_columns
    )
    panel = Panel(
        england.figure,
        "nb-map",
        "Map: ONS council boundaries, generalised; London enlarged. Hover a council's marker for its value.",
        f"Map: {england.text.title}. {england.text.summary} Every value is in the table below.",
        height=int(england.figure.layout.height or 720),
    )
    qs = urlencode({**chart.query.to_query(), "view": "map", "colour": england.colour_by})
    links = [
        ("Download the map as PNG", export_url("neighbours", "png", qs)),
        ("Download the map as SVG", export_url("neighbours", "svg", qs)),
        ("Download the map's data as CSV", export_url("neighbours", "csv", qs)),
    ]
    choice = colour_links(
        url_for("neighbours"),
        query,
        england.colour_by,
        england.quartiles_available,
        significance_label="significance against England",
        quartile_label="quartile among England's councils",
        element_id="nb-map-colour",
    )
    return html.Div([choice, chart_pair_block([panel], england.text, table, links=links)])


@callback(
    Output("url", "search", allow_duplicate=True),
    Input("nb-area", "value"),
    Input("nb-indicator", "value"),
    Input("nb-model", "value"),
    Input("nb-sort", "value"),
    State("url", "search"),
    prevent_initial_call=True,
)
def update_neighbours_url(
    area: str | None, indicator: str | None, model: str | None, sort: str | None, current_search: str | None
) -> str:
    """Write the chosen view into the URL (defaults left out, so links stay short)."""
    query: dict[str, str] = {"area": area or view.default_area()}
    if indicator and indicator != SCORECARD:
        query["indicator"] = indicator
    if model and model != benchmarks.DEFAULT_MODEL:
        query["model"] = model
    if "indicator" not in query and sort and sort != "group":
        query["sort"] = sort
    if fired_by_render() or same_view(current_search, query, {"area": view.default_area()}):
        raise dash.exceptions.PreventUpdate
    return "?" + urlencode(query)
