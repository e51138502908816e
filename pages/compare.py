"""District comparison: ``/compare?indicator=ID&areas=CODE,CODE&benchmark=CODE&period=LABEL&breakdown=…``.

The URL is the state: ``layout`` renders the view from the query string, and the one callback
writes every control change back to the URL, which re-renders the page.
"""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlencode

import dash
from dash import Input, Output, State, callback, html

from analytics.codes import TOTAL
from components.attrs import attrs
from components.chart_pair_block import Panel, chart_pair_block
from components.controls import download_links, labelled_dropdown
from components.map_colour import colour_links
from components.routes import route, url_for
from components.shell import definition_link, not_found
from components.tables import data_table
from data_access import reads
from pages._chart import view_block
from pages._url_state import fired_by_render, kept_settings, same_view
from views import compare as view
from views import home, periods
from views.base import ChartView, ViewNotFound
from views.benchmarks import SN
from views.council_map import CouncilMapChart


def _title(**query: str) -> str:
    return f"{home.home_name()}: district comparison – Outcome Bees"


dash.register_page(__name__, **route("compare").dash_kwargs(title=_title))

ALL_DISTRICTS = "all"
#: Areas offered in the pickers: England, regions, councils and districts (wards and MSOAs that an
#: import registered stay reachable by URL, not in a list of thousands).
PICKER_LEVELS = {"country", "region", "county", "unitary", "district"}
#: The DfE statistical-neighbour average of the first council chosen (or the first district's county).
SN_OPTION = {"label": "Statistical neighbours (average)", "value": SN}


def _controls(q: view.CompareQuery, period: str) -> html.Form:
    indicators = reads.indicator_choices()
    areas = reads.areas()
    area_options = [{"label": f"{r.name}", "value": r.code} for r in areas.itertuples() if r.level in PICKER_LEVELS]
    breakdowns = reads.breakdowns(q.indicator)
    breakdown_options = [{"label": "All (no breakdown)", "value": TOTAL}] + [
        {"label": f"{r.breakdown_dimension}: {r.breakdown_value}", "value": f"{r.breakdown_dimension}:{r.breakdown_value}"}
        for r in breakdowns.itertuples()
        if r.breakdown_dimension != TOTAL
    ]
    return html.Form(
        html.Div(
            [
                labelled_dropdown(
                    "compare-indicator",
                    "Indicator",
                    [{"label": n, "value": i} for i, n in zip(indicators["id"], indicators["name"])],
                    q.indicator,
                    width=4,
                ),
                labelled_dropdown("compare-areas", "Areas to compare", area_options, list(q.areas), multi=True, width=4),
                labelled_dropdown("compare-benchmark", "Benchmark", [SN_OPTION, *area_options], q.benchmark, width=2),
                labelled_dropdown(
                    "compare-period",
                    "Period",
                    [{"label": p, "value": p} for p in periods.indicator_periods(q.indicator)],
                    period,
                    width=2,
                ),
                labelled_dropdown("compare-breakdown", "Breakdown", breakdown_options, q.breakdown or TOTAL, width=3),
                html.Div(
                    html.Button(
                        f"Show all {home.home_name()}'s districts",
                        id="compare-all",
                        type="button",
                        className="btn btn-outline-primary mt-4",
                    ),
                    className="col-12 col-md-3",
                )
                if home.is_county()
                else html.Div(html.Button(id="compare-all", type="button", hidden=True), hidden=True),
            ],
            className="row g-2",
        ),
        className="controls mb-3",
        role="search",
        **attrs({"aria-label": "Choose what to compare"}),
    )


def layout(**query: str) -> html.Div:
    heading = [
        html.H1("District comparison"),
        html.P(
            "Each district's latest value with its 95% confidence interval, coloured and labelled by whether it is significantly different from the benchmark."
        ),
    ]
    if not query:  # cheap call used by Dash's layout validation and the default view
        query = {}
    try:
        once = view.parsed(query)  # validate the query and fetch the indicator once for both charts
        bars = view.build(query, parsed_query=once)
    except ViewNotFound as missing:
        return html.Div(heading + [not_found(missing.message, missing.links)])
    tiles: view.CompareChart | None = None
    no_tiles = ""
    councils = view.areas_are_councils(once[0])  # asked once: it decides both the tiles and the lower maps
    if not councils:  # councils get the map of England instead of the districts
        try:
            tiles = view.build_tiles(query, parsed_query=once)
        except ViewNotFound as missing:  # a council-level indicator: the bars stand alone
            no_tiles = missing.message
    q = bars.query
    qs = urlencode({**q.to_query(), "period": bars.period})
    return html.Div(
        heading
        + [
            _controls(q, bars.period),
            definition_link(q.indicator, bars.meta["name"]),
            view_block(bars, page="compare", query_string=qs, graph_id="compare-chart", table_id="compare-table"),
            _lower_maps(tiles, no_tiles, query, qs, once, bars.period, councils=councils),
        ]
    )


def _lower_maps(
    tiles: view.CompareChart | None,
    no_tiles: str,
    query: dict[str, str],
    qs: str,
    once: view.ParsedQuery,
    period: str,
    *,
    councils: bool,
) -> html.Div | html.Section | html.P:
    """Councils compared (``councils``): the map of England's councils. Districts: the tile grid
    (Hertfordshire) and the map of their county's districts."""
    if councils:
        try:
            england = view.build_council_map(query, parsed_query=once, period=period)
        except ViewNotFound as missing:
            return html.P(f"No map of England's councils: {missing.message}", id="compare-no-tiles", className="text-muted")
        return _england_block(england, query, qs)
    if tiles is None:
        return html.P(f"No district map: {no_tiles}", id="compare-no-tiles", className="text-muted")
    return _tiles_and_map(tiles, query, qs, once)


def _england_block(chart: CouncilMapChart, query: dict[str, str], qs: str) -> html.Div:
    """The map of England's councils with its own sentence and its table (every council)."""
    table = data_table(
        chart.table,
        chart.table_columns,
        caption=chart.text.title,
        table_id="compare-england-table",
        numeric=chart.numeric_columns,
    )
    panel = Panel(
        chart.figure,
        "compare-england",
        "Map: ONS council boundaries, generalised; London enlarged. Hover a council's marker for its value.",
        f"Map: {chart.text.title}. {chart.text.summary} Every value is in the table below.",
        height=int(chart.figure.layout.height or 720),
    )
    block = chart_pair_block([panel], chart.text, table, links=_map_links(f"{qs}&view=england&colour={chart.colour_by}"))
    return html.Div([_colour_links(query, chart.colour_by, chart.quartiles_available, scope="England's councils"), block])


def _map_links(query_string: str) -> list[tuple[str, str]]:
    """The map's own image, embed and board-pack links, named so they differ from the tiles'."""
    names = {
        "Download PNG": "Download the map as PNG",
        "Download SVG": "Download the map as SVG",
        "Embeddable chart": "Embeddable map",
        "Copy embed code": "Copy the map's embed code",
        "Add this view to the board pack": "Add the map to the board pack",
    }
    return [(names.get(label, label), href) for label, href in download_links("compare", query_string, csv=False)]


def _tiles_and_map(
    tiles: view.CompareChart, query: dict[str, str], qs: str, once: view.ParsedQuery | None = None
) -> html.Section | html.Div:
    """The tile grid and, beside it, the real district map: one sentence, one table.

    Districts without shipped boundaries (``build_map`` raises, or lists them) stay on the tile
    grid, and the note under the drawings says so."""
    table = data_table(
        tiles.table, tiles.table_columns, caption=tiles.text.title, table_id="compare-tiles-table", numeric=tiles.numeric_columns
    )
    tile_links = download_links("compare", qs + "&view=tiles", embed=False)
    try:
        district_map = view.build_map(query, parsed_query=once, tiles=tiles)
    except ViewNotFound as missing:
        text = replace(tiles.text, notes=[*tiles.text.notes, missing.message])
        return chart_pair_block([_tile_panel(tiles)], text, table, links=tile_links)
    map_panel = Panel(
        district_map.figure,
        "compare-map",
        "Map: ONS district boundaries, generalised; hover a district for its value.",
        f"Map: {district_map.text.title}. {district_map.text.summary} Every value is in the table below.",
    )
    if district_map.query.areas != tiles.query.areas:  # another county's districts: no tile grid for them
        own_table = data_table(
            district_map.table,
            district_map.table_columns,
            caption=district_map.text.title,
            table_id="compare-tiles-table",
            numeric=district_map.numeric_columns,
        )
        block = chart_pair_block(
            [map_panel], district_map.text, own_table, links=_map_links(f"{qs}&view=map&colour={district_map.colour_by}")
        )
        return html.Div([_colour_links(query, district_map.colour_by, district_map.quartiles_available), block])
    text = replace(tiles.text, sources=district_map.text.sources, notes=district_map.text.notes)
    block = chart_pair_block(
        [_tile_panel(tiles), map_panel],
        text,
        table,
        links=tile_links + _map_links(f"{qs}&view=map&colour={district_map.colour_by}"),
    )
    return html.Div([_colour_links(query, district_map.colour_by, district_map.quartiles_available), block])


def _colour_links(query: dict[str, str], current: str, quartiles_available: bool, scope: str = "England's districts") -> html.P:
    """Switch the map between significance and LAIT quartile colouring (state in the URL)."""
    return colour_links(
        url_for("compare"),
        query,
        current,
        quartiles_available,
        significance_label="significance against " + ("England" if scope == "England's councils" else "the benchmark"),
        quartile_label=f"quartile among {scope}",
        element_id="compare-map-colour",
    )


def _tile_panel(tiles: ChartView) -> Panel:
    return Panel(
        tiles.figure,
        "compare-tiles",
        "Tile grid: one equal square per district, placed roughly where it lies; not to scale.",
        f"Chart: {tiles.text.title}. {tiles.text.summary} Every value is in the table below.",
    )


def _triggered_id() -> str | None:
    """The control that fired, or None when called outside a callback (tests)."""
    try:
        return dash.ctx.triggered_id
    except Exception:  # noqa: BLE001 - no callback context
        return None


@callback(
    Output("url", "search", allow_duplicate=True),
    Input("compare-indicator", "value"),
    Input("compare-areas", "value"),
    Input("compare-benchmark", "value"),
    Input("compare-period", "value"),
    Input("compare-breakdown", "value"),
    Input("compare-all", "n_clicks"),
    State("url", "search"),
    prevent_initial_call=True,
)
def update_compare_url(
    indicator: str | None,
    areas: list[str] | str | None,
    benchmark: str | None,
    period: str | None,
    breakdown: str | None,
    _all_clicks: int | None,
    current_search: str | None,
) -> str:
    """Write the chosen view into the URL; a period or breakdown the indicator lacks is dropped."""
    triggered = _triggered_id()
    default_indicator = view.default_indicator()
    query: dict[str, str] = {"indicator": indicator or default_indicator}
    chosen = areas if isinstance(areas, list) else ([areas] if areas else [])
    default_areas = view.default_areas()
    query["areas"] = ALL_DISTRICTS if triggered == "compare-all" else ",".join(chosen or default_areas)
    query["benchmark"] = benchmark or home.default_benchmark(chosen or default_areas, query["indicator"])
    chosen_period = periods.kept_period(query["indicator"], period)
    if chosen_period:
        query["period"] = chosen_period
    if breakdown and breakdown != TOTAL:
        dimension, _, value = breakdown.partition(":")
        known = reads.breakdowns(query["indicator"])
        if ((known["breakdown_dimension"] == dimension) & (known["breakdown_value"] == value)).any():
            query["breakdown"] = breakdown
    kept = kept_settings(current_search, ("model", "colour"))
    if query["benchmark"].lower() != SN:
        kept.pop("model", None)  # the neighbour model means nothing against another benchmark
    query.update(kept)
    if fired_by_render() or same_view(
        current_search,
        query,
        {
            "period": period or "",
            "benchmark": home.default_benchmark(default_areas, default_indicator),
            "indicator": default_indicator,
            "areas": ",".join(default_areas),
        },
    ):
        raise dash.exceptions.PreventUpdate
    return "?" + urlencode(query)
