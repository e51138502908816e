"""Attainment gaps: ``/gaps?phase=eyfs|ks2|ks4|post16&areas=CODE,CODE&period=LABEL``.

The URL is the state: ``layout`` renders the view from the query string, and the one callback
writes every control change back to the URL, which re-renders the page.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode

import dash
from dash import Input, Output, State, callback, dcc, html

from components.attrs import attrs
from components.controls import labelled_dropdown
from components.paths import app_path
from components.routes import route, url_for
from components.shell import definition_link, not_found
from data_access import reads
from pages._chart import view_block
from views import gaps as view
from views.base import ViewNotFound


def _title(**query: str) -> str:
    phase = (query.get("phase") or view.DEFAULT_PHASE).lower()
    label = view.PHASES.get(phase)
    return f"Attainment gaps{': ' + label if label else ''} – Outcome Bees"


dash.register_page(__name__, **route("gaps").dash_kwargs(title=_title))


def _controls(q: view.GapsQuery, period: str, periods: list[str]) -> html.Form:
    indicators = view.phase_indicators()
    names = {}
    for phase, indicator_id in indicators.items():
        meta = reads.indicator(indicator_id) or {}
        names[phase] = meta.get("name", indicator_id)
    phase_options = [{"label": f"{label} – {names.get(key, 'no indicator')}", "value": key} for key, label in view.PHASES.items()]
    areas = reads.areas()
    area_options = [
        {"label": r.name, "value": r.code} for r in areas.itertuples() if r.level in {"country", "region", "county", "district"}
    ]
    return html.Form(
        html.Div(
            [
                labelled_dropdown("gaps-phase", "Phase and measure", phase_options, q.phase, width=4),
                labelled_dropdown(
                    "gaps-areas", "Areas (England is always shown)", area_options, list(q.areas), multi=True, width=5
                ),
                labelled_dropdown(
                    "gaps-period", "Period", [{"label": p, "value": p} for p in reversed(periods)], period, width=3
                ),
            ],
            className="row g-2",
        ),
        className="controls mb-3",
        role="search",
        **attrs({"aria-label": "Choose the attainment gap to show"}),
    )


def _published_hint(q: view.GapsQuery, period: str, published: list[str]) -> html.P:
    """Only when the period shown is illustrative: links to the periods that have published figures."""
    others = [p for p in published if p != period]
    if not others:
        return html.P(className="published-hint")
    links: list = []
    for p in others:
        links += [", "] if links else []
        links.append(dcc.Link(p, href=app_path(url_for("gaps", **{**q.to_query(), "period": p}))))
    return html.P(
        ["Published figures (not illustrative) are available for: ", *links, "."],
        className="published-hint",
    )


def layout(**query: str) -> html.Div:
    heading = [
        html.H1("Attainment gaps"),
        html.P(
            "Disadvantaged pupils compared with other pupils in each area: the gap between them in the measure's own unit, "
            "how it has changed, and how it compares with England's gap."
        ),
    ]
    if not query:
        query = {}
    try:
        once = view.loaded(query)  # one query and one set of gap rows for both charts
        dumbbell = view.build(query, preloaded=once)
        trend = view.build_trend(query, preloaded=once)
    except ViewNotFound as missing:
        return html.Div(heading + [not_found(missing.message, missing.links)])
    q = dumbbell.query
    period = dumbbell.period
    qs = urlencode({**q.to_query(), "period": period})
    return html.Div(
        heading
        + [
            _controls(q, period, dumbbell.periods),
            _published_hint(q, period, dumbbell.published_periods if dumbbell.text.illustrative else []),
            definition_link(dumbbell.meta["id"], dumbbell.meta["name"]),
            view_block(dumbbell, page="gaps", query_string=qs, graph_id="gaps-chart", table_id="gaps-table"),
            view_block(
                trend,
                page="gaps",
                query_string=urlencode({**q.to_query(), "view": "trend"}),
                graph_id="gaps-trend-chart",
                table_id="gaps-trend-table",
                embed=False,
            ),
        ]
    )


def url_for_controls(
    phase: str | None, areas: list[str] | str | None, period: str | None, current_search: str | None, triggered: str | None
) -> str | None:
    """The search string for the chosen controls, or None when the URL already says it.

    A new phase starts at its own latest period; any other change keeps the chosen period.
    """
    current = {k: v[0] for k, v in parse_qs((current_search or "").lstrip("?")).items()}
    chosen = areas if isinstance(areas, list) else ([areas] if areas else [])
    phase = phase or view.DEFAULT_PHASE
    query: dict[str, str] = {"phase": phase, "areas": ",".join(chosen or view.default_areas())}
    phase_changed = triggered == "gaps-phase" and phase != (current.get("phase") or view.DEFAULT_PHASE).lower()
    if period and not phase_changed:
        query["period"] = period
    search = "?" + urlencode(query)
    if search == current_search:
        return None
    return search


@callback(
    Output("url", "search", allow_duplicate=True),
    Input("gaps-phase", "value"),
    Input("gaps-areas", "value"),
    Input("gaps-period", "value"),
    State("url", "search"),
    prevent_initial_call=True,
)
def update_gaps_url(phase: str | None, areas: list[str] | str | None, period: str | None, current_search: str | None) -> str:
    """Write the chosen view into the URL (one control changes at a time; a call with every
    control "triggered" is the page being drawn, not a choice, and changes nothing)."""
    if len(dash.ctx.triggered_prop_ids) > 1:
        raise dash.exceptions.PreventUpdate
    search = url_for_controls(phase, areas, period, current_search, dash.ctx.triggered_id)
    if search is None:
        raise dash.exceptions.PreventUpdate
    return search
