"""Outcome Bees summary: ``/?framework=ID&area=CODE``.

The landing page: one card per bee (or ECM outcome) of the chosen plan for the chosen area.
The URL is the state: ``layout`` renders the view from the query string, and the one
callback writes control changes back to the URL, which re-renders the page.
"""

from __future__ import annotations

from urllib.parse import urlencode

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, html

from components.attrs import attrs
from components.bee_card import bee_card, key_panel
from components.controls import download_links, labelled_dropdown
from components.paths import app_path
from components.routes import export_url, route
from components.shell import illustrative_notice, not_found
from data_access import reads
from pages._url_state import fired_by_render, same_view
from views import home
from views import summary as view
from views.base import ViewNotFound


def _title(**query: str) -> str:
    return f"{home.home_name()}: Outcome Bees summary – Outcome Bees"


dash.register_page(__name__, **route("summary").dash_kwargs(title=_title))

HEADING = "Outcome Bees summary"


def _framework_label(short_name: str, owner: str) -> str:
    """The home council's plans by name; another council's with its name; the generic one as any council's."""
    if owner == home.home_area():
        return short_name
    if view.is_generic(owner):
        return f"{short_name} (any council)"
    return f"{short_name} ({(reads.area(owner) or {}).get('name', owner)})"


def _controls(summary: view.Summary) -> html.Form:
    frameworks = view.framework_options()
    framework_options = [
        {"label": _framework_label(str(r.short_name), str(r.owner_area_code)), "value": r.id} for r in frameworks.itertuples()
    ]
    areas = view.allowed_areas(str(summary.framework["owner_area_code"]))
    area_options = [
        {"label": str(r.name) + (" (county)" if r.level == "county" else ""), "value": r.code} for r in areas.itertuples()
    ]
    hint = None if len(area_options) > 1 else f"This plan is {summary.area['name']}'s and covers {summary.area['name']} only."
    return html.Form(
        html.Div(
            [
                labelled_dropdown("summary-framework", "Framework (plan)", framework_options, summary.query.framework, width=6),
                labelled_dropdown("summary-area", "Area", area_options, summary.query.area, width=4),
                html.P(hint, className="form-text col-12 mt-0", id="summary-area-hint") if hint else None,
            ],
            className="row g-2",
        ),
        className="controls mb-2",
        role="search",
        **attrs({"aria-label": "Choose the plan and the area"}),
    )


def _card(summary: view.Summary, bee: view.Bee) -> dbc.Col:
    qs = urlencode({**summary.query.to_query(), "bee": bee.code})
    return dbc.Col(
        bee_card(
            name=bee.name,
            code=bee.code,
            summary=bee.summary,
            measures=bee.measures,
            area_name=str(summary.area["name"]),
            description=bee.description,
            priorities=bee.priorities,
            table=view.measures_table(bee.measures, summary.benchmarks),
            table_columns=view.table_columns(summary.benchmarks),
            links=[(f"Download {bee.name} (PNG)", export_url("summary", "png", qs)), ("CSV", export_url("summary", "csv", qs))],
        ),
        xs=12,
        lg=6,
        className="mb-3",
    )


def layout(**query: str) -> html.Div:
    if not query:  # cheap call used by Dash's layout validation and the default view
        query = {}
    try:
        summary = view.summarise(query)
    except ViewNotFound as missing:
        return html.Div([html.H1(HEADING), not_found(missing.message, missing.links)], className="summary-page")
    fw, area = summary.framework, summary.area
    bench_names = [b["name"] for b in summary.benchmarks]
    qs = urlencode(summary.query.to_query())
    intro = html.P(
        [
            html.Strong(str(fw["name"])),
            f" ({fw['period_label']}) for ",
            html.Strong(str(area["name"])),
            ". Latest value of each measure, compared with "
            + (", ".join(bench_names) or "no benchmark")
            + ", its direction of travel and the plan's target.",
        ],
        className="summary-intro",
    )
    extra_notes = []
    owner = str(fw["owner_area_code"])
    if owner != home.home_area() and not view.is_generic(owner):
        extra_notes.append(
            html.P(
                [
                    html.Strong(f"{area['name']} is a different council from {home.home_name()}. "),
                    f"This is its own plan; its values are never shown as {home.home_name()}'s.",
                ],
                className="other-council-note",
                role="note",
            )
        )
    return html.Div(
        [
            html.H1(HEADING),
            intro,
            _controls(summary),
            html.P(summary.sentence, className="summary-sentence", id="summary-sentence"),
            illustrative_notice(summary.illustrative),
            *extra_notes,
            key_panel(bench_names),
            dbc.Row([_card(summary, bee) for bee in summary.bees], className="bee-grid g-3 mt-1", id="summary-cards"),
            html.Ul(
                [
                    html.Li(html.A(label, href=app_path(href), className="download-link"))
                    for label, href in download_links("summary", qs, embed=False)
                ],
                className="list-inline chart-links no-print",
            ),
        ],
        className="summary-page",
    )


@callback(
    Output("url", "search", allow_duplicate=True),
    Input("summary-framework", "value"),
    Input("summary-area", "value"),
    State("url", "search"),
    prevent_initial_call=True,
)
def update_summary_url(framework: str | None, area: str | None, current_search: str | None) -> str:
    """Write the chosen plan and area into the URL; a plan from another council resets the area."""
    frameworks = view.framework_options()
    framework = framework if framework in set(frameworks["id"]) else view.default_framework(frameworks)
    if framework is None:
        raise dash.exceptions.PreventUpdate
    owner = str(frameworks.loc[frameworks["id"] == framework, "owner_area_code"].iloc[0])
    allowed = set(view.allowed_areas(owner)["code"])
    chosen = area if area is not None and area in allowed else view.default_area(owner)
    query = {"framework": framework, "area": chosen}
    implied = {"framework": view.default_framework(frameworks) or "", "area": view.default_area(owner)}
    # the page being drawn fires this with both controls at once: that is not a choice, and
    # rewriting the URL then would draw the page a second time and drop keyboard focus
    if fired_by_render() or same_view(current_search, query, implied):
        raise dash.exceptions.PreventUpdate
    return "?" + urlencode(query)
