"""SEND: ``/send?area=CODE[&benchmark=E92000001|REGION|sn][&model=2025|2021]``.

The SEND system dashboard of Our Way Forward for any council: headline tiles, then every chart
of ``views.send`` through the shared chart block (table, sentence, sources, exports, embeds,
board pack). The URL is the state; one callback writes control changes back to it. A district
gets a message linking to its county (SEN2 is published for councils only).
"""

from __future__ import annotations

from urllib.parse import urlencode

import dash
from dash import Input, Output, State, callback, dcc, html

from analytics.frames import frame_records
from components.attrs import attrs
from components.controls import download_links, labelled_dropdown
from components.paths import app_path
from components.routes import page_path, route, url_for
from components.shell import not_found
from components.tables import data_table
from data_access import reads
from pages._chart import view_block
from pages._url_state import fired_by_render
from views import home
from views import send as view
from views.base import ChartView, ViewNotFound
from views.benchmarks import SN


def _title(**query: str) -> str:
    found = reads.area(str(query.get("area") or home.home_area()).upper())
    return f"SEND in {found['name']} – Outcome Bees" if found else "SEND – Outcome Bees"


dash.register_page(__name__, **route("send").dash_kwargs(title=_title))

MODEL_OPTIONS = [{"label": "May 2025 model (default)", "value": "2025"}, {"label": "April 2021 model", "value": "2021"}]


def _controls(q: view.SendQuery, region: str, region_name: str) -> html.Form:
    councils = reads.areas(levels=list(view.COUNCIL_LEVELS)).sort_values("name", kind="stable")
    bench_options = [
        {"label": "England", "value": "E92000001"},
        *([{"label": region_name, "value": region}] if region else []),
        {"label": "Statistical neighbours (average)", "value": SN},
    ]
    return html.Form(
        html.Div(
            [
                labelled_dropdown(
                    "send-area", "Council", [{"label": r.name, "value": r.code} for r in councils.itertuples()], q.area, width=4
                ),
                labelled_dropdown("send-benchmark", "Verdicts against", bench_options, q.benchmark, width=4),
                labelled_dropdown("send-model", "Statistical-neighbour model", MODEL_OPTIONS, q.model, width=4),
            ],
            className="row g-2",
        ),
        className="controls mb-3",
        role="search",
        **attrs({"aria-label": "Choose a council and a benchmark"}),
    )


def _tile(h: view.Headline) -> html.Div:
    return html.Div(
        html.Section(
            [
                html.H3(h.label, className="h6 mb-1"),
                html.P([html.Span(h.value, className="fs-3 fw-bold me-2"), html.Span(h.period)], className="mb-1"),
                html.P(h.detail, className="small mb-1") if h.detail else None,
                html.Dl(
                    [
                        html.Dt("England", className="col-6 fw-normal"),
                        html.Dd(h.england, className="col-6 mb-0"),
                        html.Dt("Region", className="col-6 fw-normal"),
                        html.Dd(h.region, className="col-6 mb-0"),
                        html.Dt("Neighbours' average", className="col-6 fw-normal"),
                        html.Dd(h.neighbours, className="col-6 mb-0"),
                        html.Dt(f"Verdict against {h.against}", className="col-6 fw-normal"),
                        html.Dd(h.verdict, className="col-6 mb-0"),
                        html.Dt("Rank", className="col-6 fw-normal"),
                        html.Dd(h.rank, className="col-6 mb-0"),
                    ],
                    className="row small mb-0",
                ),
            ],
            className="card card-body h-100 send-tile",
            **attrs({"aria-label": h.label, "data-key": h.key}),
        ),
        className="col-12 col-md-6 col-xl-4 mb-3",
    )


def _headline_block(chart: ChartView, query_string: str) -> html.Section:
    """The headline figures on the page: the tiles above already draw them, so the block is the
    sentence, the table, the notes and the links (exports draw the view's table figure)."""
    links = download_links("send", query_string)
    return html.Section(
        [
            html.H2(chart.text.title, className="chart-title h4"),
            html.P(chart.text.subtitle, className="chart-subtitle text-secondary"),
            html.P(chart.text.summary, className="summary-sentence"),
            data_table(
                chart.table,
                chart.table_columns,
                caption=chart.text.title,
                table_id="send-headline-table",
            ),
            html.P(chart.text.source_line(), className="chart-source"),
            *[html.P(note, className="chart-note") for note in chart.text.notes],
            html.Ul(
                [html.Li(html.A(label, href=app_path(href), className="download-link")) for label, href in links],
                className="list-inline chart-links no-print",
            ),
        ],
        className="chart-block mb-4",
        id="send-headline",
    )


def layout(**query: str) -> html.Div:
    heading = [html.H1("SEND: education, health and care plans")]
    try:
        data, charts = view.build(query or {})
    except ViewNotFound as missing:
        return html.Div(heading + [not_found(missing.message, missing.links)], id="send-page")
    q = data.q
    qs = urlencode(q.to_query())
    name = data.names.get(q.area, q.area)
    headline = charts[0]
    tiles = view.headlines(data) if headline.key != "headline" else [view.Headline(**r) for r in frame_records(headline.table)]
    intro = html.P(
        [
            f"{name}'s SEND system from DfE's SEN2 return and the SEND Tribunal appeal rate, against England, "
            f"{data.names.get(data.region, 'the region')} and its statistical neighbours ({', '.join(data.names.get(c, c) for c in data.neighbours) or 'none'}). ",
            dcc.Link("Where the figures come from", href=app_path(url_for("indicator", indicator_id="send-ehcp-20wk-incl"))),
            " · ",
            dcc.Link(f"{name}'s area profile", href=app_path(url_for("area", code=q.area, topic="send"))),
        ]
    )
    blocks = [
        _headline_block(chart, urlencode({**q.to_query(), "chart": chart.key}))
        if chart.key == "headline"
        else view_block(
            chart,
            page="send",
            query_string=urlencode({**q.to_query(), "chart": chart.key}),
            graph_id=f"send-{chart.key}-chart",
            table_id=f"send-{chart.key}-table",
            figure_height=chart.key in {"placements", "needs", "ceased", "funnel"},
        )
        for chart in charts
    ]
    return html.Div(
        heading
        + [
            _controls(q, data.region, data.names.get(data.region, "Region")),
            intro,
            html.Section(
                [html.H2("Headline figures", className="h4"), html.Div([_tile(h) for h in tiles], className="row")],
                className="mb-4",
                id="send-tiles",
            ),
            *blocks,
            html.P(
                dcc.Link("Add the whole SEND page to the board pack", href=app_path(url_for("pack", add=page_path("send", qs))))
            ),
        ],
        id="send-page",
    )


def url_for_controls(area: str | None, benchmark: str | None, model: str | None, current_search: str | None) -> str | None:
    query = {"area": area or home.home_area()}
    if benchmark and benchmark != "E92000001":
        query["benchmark"] = benchmark
    if model and model != "2025":
        query["model"] = model
    search = "?" + urlencode(query)
    return None if search == current_search else search


@callback(
    Output("url", "search", allow_duplicate=True),
    Input("send-area", "value"),
    Input("send-benchmark", "value"),
    Input("send-model", "value"),
    State("url", "search"),
    prevent_initial_call=True,
)
def update_send_url(area: str | None, benchmark: str | None, model: str | None, current_search: str | None) -> str:
    """Write the chosen council, benchmark and model into the URL (the page re-renders from it)."""
    if fired_by_render():
        raise dash.exceptions.PreventUpdate
    search = url_for_controls(area, benchmark, model, current_search)
    if search is None:
        raise dash.exceptions.PreventUpdate
    return search
