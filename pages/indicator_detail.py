"""One indicator's definition page: ``/indicators/<indicator_id>`` — what it measures, how,
where we hold values, which plans use it, and links to its charts."""

from __future__ import annotations

import dash
import pandas as pd
from dash import dcc, html

from components.attrs import Child
from components.indicator_catalogue import (
    CI_METHOD_WORDS,
    LEVEL_WORDS,
    PERIOD_TYPE_WORDS,
    POLARITY_WORDS,
    VALUE_TYPE_WORDS,
    definition_list,
    words,
)
from components.paths import app_path
from components.routes import route, url_for
from components.shell import illustrative_notice, not_found
from components.tables import data_table
from data_access import reads
from data_access.reads.records import IndicatorRecord
from views import home


def _title(indicator_id: str | None = None, **_query: str) -> str:
    found = reads.indicator(indicator_id) if indicator_id else None
    return f"{found['name']} – Outcome Bees" if found else "Indicator – Outcome Bees"


dash.register_page(__name__, **route("indicator").dash_kwargs(title=_title))

LEVEL_ORDER = ["country", "region", "county", "unitary", "district", "ward", "group", "other"]


def _source(meta: IndicatorRecord, observed: pd.DataFrame) -> list:
    """The indicator's publisher, and the documents our values come from (with links)."""
    items: list = []
    if meta.get("source_title"):
        title = meta["source_title"]
        items.append(html.Li(html.A(title, href=meta["source_url"]) if meta.get("source_url") else title))
    if meta.get("publisher"):
        items.append(html.Li(f"Published by {meta['publisher']}"))
    if not observed.empty:
        documents = observed.drop_duplicates("source_title")[["source_title", "source_url", "source_line"]]
        for doc in documents.itertuples():
            lines = sorted({str(x) for x in observed.loc[observed["source_title"] == doc.source_title, "source_line"].dropna()})
            line_text = (
                f" (line{'s' if len(lines) > 1 else ''} {', '.join(lines[:6])}{'…' if len(lines) > 6 else ''})" if lines else ""
            )
            label = f"Our values: {doc.source_title}{line_text}"
            items.append(
                html.Li(html.A(label, href=doc.source_url) if isinstance(doc.source_url, str) and doc.source_url else label)
            )
    return [html.Ul(items, className="mb-0")] if items else ["Not recorded"]


def _availability(indicator_id: str) -> html.Div | html.P:
    frame = reads.availability(indicator_id)
    if frame.empty:
        return html.P("We hold no values for this indicator yet.", id="indicator-no-values")
    frame = frame.assign(_o=frame["level"].map({lvl: i for i, lvl in enumerate(LEVEL_ORDER)}).fillna(99)).sort_values("_o")
    table = pd.DataFrame(
        {
            "level": [words(LEVEL_WORDS, lvl) for lvl in frame["level"]],
            "areas": frame["areas"].astype(int).astype(str),
            "periods": [f"{a} to {b}" if a != b else str(a) for a, b in zip(frame["first_period"], frame["last_period"])],
            "values": frame["values"].astype(int).map("{:,}".format),
            "illustrative": ["Yes, some or all" if v else "No" for v in frame["any_illustrative"]],
        }
    )
    return data_table(
        table,
        [
            ("level", "Area level"),
            ("areas", "Areas"),
            ("periods", "Periods"),
            ("values", "Values held"),
            ("illustrative", "Illustrative values?"),
        ],
        caption="Where we hold values for this indicator",
        table_id="indicator-availability",
        numeric=("areas", "values"),
    )


def _plans(indicator_id: str) -> html.Div | html.P:
    frame = reads.measures_using(indicator_id)
    if frame.empty:
        return html.P("No plan we hold uses this indicator as a measure.", id="indicator-no-plans")
    table = pd.DataFrame(
        {
            "plan": frame["framework_name"],
            "outcome": frame["outcome_name"],
            "wording": frame["wording"],
            "line": [str(x) if isinstance(x, str) and x else "" for x in frame["source_line"]],
        }
    )
    return data_table(
        table,
        [("plan", "Plan"), ("outcome", "Outcome (bee)"), ("wording", "The plan's own wording"), ("line", "Line in the plan")],
        caption="Plans and bees that use this indicator",
        table_id="indicator-plans",
    )


def _codes(meta: IndicatorRecord) -> html.Ul | str:
    codes = meta.get("codes") or []
    if not codes:
        return "None recorded"
    return html.Ul(
        [html.Li(f"{c['scheme']} {c['code']}" + (f" — {c['note']}" if c.get("note") else "")) for c in codes],
        id="indicator-codes",
        className="mb-0",
    )


def _not_found(indicator_id: str) -> html.Div:
    """An unknown id (an old bookmark, a typo) gets a page that points back to the catalogue search."""
    return html.Div(
        [
            html.H1("Indicator not found"),
            not_found(
                f"There is no indicator called “{indicator_id}”. Search the catalogue by name or by a legacy code such as NI 112."
            ),
        ]
    )


def _chart_links(meta: IndicatorRecord, indicator_id: str, has_data: bool) -> html.Ul | html.P:
    """Links to the charts only when there are values: a link to an empty chart is a dead end."""
    return (
        html.Ul(
            [
                html.Li(
                    dcc.Link(
                        f"Trend over time for {meta['name']}",
                        href=app_path(url_for("trends", indicator=indicator_id)),
                        id="indicator-trends-link",
                    )
                ),
                html.Li(
                    dcc.Link(
                        f"Compare {home.home_name()}'s areas on {meta['name']}",
                        href=app_path(url_for("compare", indicator=indicator_id)),
                        id="indicator-compare-link",
                    )
                ),
            ]
        )
        if has_data
        else html.P("There are no values to chart yet.")
    )


def _facts(meta: IndicatorRecord, indicator_id: str, latest: str, observed: pd.DataFrame) -> list[tuple[str, Child]]:
    """The definition list, in the order an analyst checks an indicator before trusting its chart."""
    return [
        ("Definition", meta.get("definition") or "Not recorded"),
        ("Unit", meta.get("unit") or "Not recorded"),
        ("Value type", words(VALUE_TYPE_WORDS, meta.get("value_type"))),
        ("Polarity", words(POLARITY_WORDS, meta.get("polarity"))),
        ("Confidence intervals", words(CI_METHOD_WORDS, meta.get("ci_method"))),
        ("Period type", words(PERIOD_TYPE_WORDS, meta.get("period_type"))),
        ("Latest period with values", latest),
        ("Topic", meta.get("topic") or "Not recorded"),
        ("Source", html.Div(_source(meta, observed))),
        ("Legacy and external codes", _codes(meta)),
        ("Identifier", html.Code(indicator_id)),
    ]


def _illustrative_note(any_illustrative: bool) -> html.P | None:
    """Said in words as well as by the notice's colour, and only when some value is invented."""
    if not any_illustrative:
        return None
    return html.P(
        "Some values of this indicator are illustrative: invented to demonstrate the dashboard. They are marked wherever they appear; never quote them.",
        className="chart-note",
    )


def layout(indicator_id: str | None = None, **_query: str) -> html.Div:
    if indicator_id is None:  # layout validation: a cheap, valid page
        indicator_id = "u18-conceptions"
    meta = reads.indicator(indicator_id)
    if meta is None:
        return _not_found(indicator_id)
    observed = reads.series(indicator_id)
    periods = reads.periods(indicator_id)
    latest = periods["label"].iloc[-1] if not periods.empty else "No values yet"
    availability = reads.availability(indicator_id)
    any_illustrative = bool(not availability.empty and availability["any_illustrative"].any())
    has_data = not periods.empty
    return html.Div(
        [
            html.P(dcc.Link("← All indicators", href=app_path(url_for("indicators"))), className="mb-1 no-print"),
            html.H1(meta["name"]),
            illustrative_notice(any_illustrative),
            _illustrative_note(any_illustrative),
            definition_list(_facts(meta, indicator_id, latest, observed)),
            html.H2("See it charted", className="h3 mt-4"),
            _chart_links(meta, indicator_id, has_data),
            html.H2("Where it is available", className="h3 mt-4"),
            _availability(indicator_id),
            html.H2("Plans that use it", className="h3 mt-4"),
            _plans(indicator_id),
        ],
        className="indicator-detail",
    )
