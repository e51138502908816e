"""Area profile: ``/area/<code>`` — every indicator for one area against England, by bee,
then the area's inspection history. The path is the state; the area picker navigates to
another area's path (``/area/E07000243``)."""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlencode

import dash
from dash import Input, Output, State, callback, dcc, html

from components.attrs import attrs
from components.controls import labelled_dropdown
from components.judgements import judgement_history
from components.paths import app_path
from components.routes import route, url_for
from components.shell import not_found
from components.tables import data_table
from data_access import reads
from pages._chart import view_block
from views import area as view
from views import area_context, home
from views.base import ViewNotFound, slug

#: URL options that shape the profile (see views.area.parse_query).
PROFILE_OPTIONS = ("topic", "benchmark", "model", "range")


def _title(code: str | None = None, **_query: str) -> str:
    found = reads.area(code) if code else None
    return f"{found['name']} area profile – Outcome Bees" if found else "Area profile – Outcome Bees"


dash.register_page(__name__, **route("area").dash_kwargs(title=_title))

LEVEL_PHRASES = {
    "country": "the country",
    "region": "an English region",
    "county": "a county council area (upper tier)",
    "unitary": "a unitary council area",
    "district": "a district council area (lower tier)",
    "group": "a comparator group",
    "ward": "an electoral ward",
    "msoa": "a middle layer super output area (MSOA)",
    "lsoa": "a lower layer super output area (LSOA)",
}


def _area_picker(code: str) -> html.Div:
    areas = reads.areas()
    areas = areas[areas["level"].isin(["country", "region", "county", "unitary", "district"])]
    options = [{"label": f"{r.name} ({r.code})", "value": r.code} for r in areas.itertuples()]
    return html.Div(
        html.Div(
            [labelled_dropdown("area-code", "Show the profile for", options, code, width=5)],
            className="row g-2",
        ),
        className="controls mb-3",
        role="search",
        **attrs({"aria-label": "Choose an area"}),
    )


def _intro(profile: view.AreaProfile) -> list:
    area = profile.area
    parent = reads.area(area["parent_code"]) if area.get("parent_code") else None
    parts: list = []
    if profile.alias_note:
        parts.append(
            html.Div(
                [html.Strong("Earlier code: "), profile.alias_note],
                className="alert alert-info",
                role="note",
                id="area-alias-note",
            )
        )
    place = LEVEL_PHRASES.get(area["level"], area["level"])
    where = f" in {parent['name']}" if parent and area["level"] != "region" else ""
    parts.append(html.P(f"{area['name']} ({area['code']}) is {place}{where}.", className="lead"))
    home_code, home_name = home.home_area(), home.home_name()
    at_home = area["code"] == home_code or area.get("parent_code") == home_code or area["level"] in {"country", "region"}
    if not at_home and area["level"] in {"county", "unitary"}:
        parts.append(
            html.Div(
                [
                    html.Strong(f"{area['name']} is not {home_name}. "),
                    f"It is a different council with its own plan; its values are never shown as {home_name}'s.",
                ],
                className="alert alert-warning",
                role="note",
                id="area-other-council",
            )
        )
    if area["level"] in {"county", "unitary"}:
        parts.append(
            html.P(
                dcc.Link("Compare with statistical neighbours", href=app_path(url_for("neighbours", area=area["code"]))),
                id="area-neighbours-link",
            )
        )
    if profile.framework is not None:
        parts.append(
            html.P(
                [
                    "Indicators are grouped by the outcomes of ",
                    html.Strong(profile.framework["name"]),
                    ". Indicators the plan does not use are under “Other indicators”.",
                ]
            )
        )
    else:
        parts.append(html.P("We hold no outcomes plan for this area, so every indicator is listed under “Other indicators”."))
    comparators = f"{profile.county['name']} and England" if profile.county else "England"
    parts.append(
        html.P(
            f"Each indicator shows its latest period with values for {area['name']}, compared with {comparators} for the same period. "
            "Markers show whether the difference from England is statistically significant (95% confidence intervals): "
            "▲ better, ● similar, ▼ worse, ◆ higher and ■ lower where there is no better or worse, ○ not compared."
        )
    )
    return parts


def _small_area_context(profile: view.AreaProfile) -> html.Div | None:
    """A ward's or MSOA's values against each council above it and England (views.area_context)."""
    table, columns = area_context.context_table(profile.area, profile.rows)
    if table.empty:
        return None
    names = [header for column, header in columns if column.endswith("_shown") and column != "value_shown"]
    return html.Div(
        [
            html.H2(f"{profile.area['name']} against {', '.join(names)}", className="h4"),
            data_table(
                table,
                columns,
                caption=f"{profile.area['name']}: latest values against the areas it lies in",
                table_id="area-context-table",
                link=("indicator", "indicator_href"),
            ),
        ],
        id="area-context",
    )


def _contents(groups: list[str]) -> html.Nav:
    return html.Nav(
        [
            html.H2("On this page", className="h5"),
            html.Ul(
                [html.Li(html.A(g, href=f"#group-{slug(g)}")) for g in groups]
                + [html.Li(html.A("Inspection history", href="#inspection-history"))]
            ),
        ],
        **attrs({"aria-label": "On this page"}),
        className="mb-3",
    )


def _topics(profile: view.AreaProfile) -> html.Nav | None:
    """Links to the rest of DfE's LAIT measures for this area, one topic at a time."""
    if not profile.topics:
        return None
    code = profile.area["code"]
    items = [
        html.Li(
            dcc.Link(
                f"{name} ({count})", href=app_path(url_for("area", code=code, **view.query_string(profile.query, topic=key)))
            ),
            className="topic-current" if profile.query.topic == key else None,
        )
        for key, name, count in profile.topics
    ]
    heading = "More indicators from DfE's Local Authority Interactive Tool, by topic, and SEND (DfE SEN2)"
    back = (
        [html.P(dcc.Link("Back to the headline indicators", href=app_path(url_for("area", code=code))))]
        if profile.query.topic
        else []
    )
    if profile.query.topic == "send" and profile.area.get("level") in {"county", "unitary"}:
        back.append(html.P(dcc.Link(f"The SEND dashboard for {profile.area['name']}", href=app_path(url_for("send", area=code)))))
    return html.Nav(
        [html.H2(heading, className="h5"), *back, html.Ul(items, className="topic-links")],
        **attrs({"aria-label": "Indicator topics"}),
        className="mb-3",
        id="area-topics",
    )


def _options(profile: view.AreaProfile) -> html.Nav | None:
    """Links that change what each value is set against: a council's statistical neighbours, a
    district's range (all of England's comparable areas, or its own county's districts)."""
    area, q = profile.area, profile.query
    here = app_path(url_for("area", code=area["code"]))
    items: list = []
    if area["level"] in {"county", "unitary"}:
        if q.benchmark == "sn":
            items.append(
                html.Li(
                    dcc.Link(
                        "Hide the statistical neighbours' average",
                        href=f"{here}?{urlencode(view.query_string(replace(q, benchmark=None)))}",
                    )
                )
            )
        else:
            items.append(
                html.Li(
                    dcc.Link(
                        "Add the statistical neighbours' average to every indicator",
                        href=f"{here}?{urlencode(view.query_string(replace(q, benchmark='sn')))}",
                    )
                )
            )
    if area["level"] == "district" and profile.county is not None:
        county_q, england_q = replace(q, range="county"), replace(q, range="england")
        label_england = "Range across all districts and unitary councils in England"
        label_county = f"Range across {profile.county['name']}'s districts"
        for label, target, current in (
            (label_england, england_q, q.range == "england"),
            (label_county, county_q, q.range == "county"),
        ):
            link = dcc.Link(label, href=f"{here}?{urlencode(view.query_string(target))}".rstrip("?"))
            items.append(html.Li([link, " (shown)" if current else ""], **attrs({"aria-current": "true"} if current else {})))
    if not items:
        return None
    return html.Nav(
        [html.H2("Compare with", className="h5"), html.Ul(items, className="topic-links")],
        **attrs({"aria-label": "What values are compared with"}),
        className="mb-3",
        id="area-options",
    )


def layout(code: str | None = None, **query: str) -> html.Div:
    if code is None:  # Dash's layout validation calls layout() with no path variables
        code = view.default_area()
    try:
        profile = view.build_profile({"code": code, **{k: query[k] for k in PROFILE_OPTIONS if query.get(k)}})
        views = [view.group_view(profile, g) for g in profile.groups]
    except ViewNotFound as missing:
        return html.Div([html.H1("Area profile"), not_found(missing.message, missing.links)])
    area = profile.area
    sections: list = []
    for chart in views:
        group = chart.group
        qs = urlencode({"code": area["code"], "group": group, **view.query_string(profile.query)})
        block = view_block(
            chart,
            page="area",
            query_string=qs,
            graph_id=f"area-chart-{slug(group)}",
            table_id=f"area-table-{slug(group)}",
            indicator_links=True,
            embed=False,
            figure_height=True,
        )
        sections.append(html.Div(block, id=f"group-{slug(group)}"))
    if not views:
        sections.append(html.P(f"We hold no indicator values for {area['name']} yet.", id="area-no-values"))
    context = _small_area_context(profile)
    if context is not None:
        sections.insert(0, context)
    return html.Div(
        [
            html.H1(f"{area['name']} area profile"),
            *_intro(profile),
            _area_picker(area["code"]),
            _contents(profile.groups) if views else None,
            _topics(profile),
            _options(profile),
            *sections,
            judgement_history(profile.judgements, area_name=area["name"]),
        ],
        className="area-profile",
    )


@callback(
    Output("url", "pathname", allow_duplicate=True),
    Input("area-code", "value"),
    State("url", "pathname"),
    prevent_initial_call=True,
)
def update_area_url(code: str | None, current_path: str | None) -> str:
    """Choosing another area navigates to its profile's path."""
    if not code:
        raise dash.exceptions.PreventUpdate
    path = app_path(url_for("area", code=code))
    current_code = (current_path or "").rstrip("/").rsplit("/", 1)[-1].upper()
    # The picker also fires when the page first renders: staying on the same area (even when
    # the URL holds a predecessor code such as E07000101) must not navigate.
    if path == current_path or reads.resolve_area_code(current_code) == code:
        raise dash.exceptions.PreventUpdate
    return path
