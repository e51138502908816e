"""One Outcome Bee as a card: its priorities and a scannable row per measure.

Pure builder: plain values and a measures DataFrame in (the columns of
``views.summary.MEASURE_COLUMNS``), a Dash component out. Every judgement is written in
words (and a shape), so nothing depends on colour: "▲ Better than England", "↓ Improving",
"Target: Green". Values carry their source in ``title`` (hover) and in the card's table;
illustrative values wear an "Illustrative" badge; suppressed values show their symbol.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from analytics.codes import slug
from analytics.frames import frame_records
from components.attrs import Child, attrs
from components.paths import app_path
from components.routes import url_for
from components.shell import illustrative_notice
from components.sparkline import sparkline
from components.tables import data_table

#: Shape + words for each comparison label (shapes match the charts' marker symbols).
COMPARISON_SHAPES = {
    "Better": "▲",
    "Similar": "●",
    "Worse": "▼",
    "Higher": "◆",
    "Lower": "■",
    "Not compared": "○",
}
COMPARISON_MEANING = {
    "Better": "significantly better than",
    "Similar": "not significantly different from",
    "Worse": "significantly worse than",
    "Higher": "significantly higher than (neither direction is better)",
    "Lower": "significantly lower than (neither direction is better)",
    "Not compared": "not compared with",
}
#: The relation an untested difference sentence states (``views.verdicts.difference_sentence``).
_UNTESTED_WORDS = {" higher than ": "Higher than", " lower than ": "Lower than", " the same as ": "Same as"}
RAG_SHAPES = {"Green": "✔", "Amber": "◐", "Red": "✖", "Not assessed": "–"}


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def _text(value: Any) -> str:
    return "" if _missing(value) else str(value)


def comparison_badge(comparison: Mapping[str, Any], value_shown: str) -> html.Li:
    """'▲ Better than England (40.6)' style badge: the benchmark's value beside the verdict; the
    hover says what was compared and how. Where no test was possible the badge still says which
    is higher ("Lower than England (40.6), not tested") and the hover gives both values and the gap."""
    label = str(comparison["label"])
    name = str(comparison.get("short_name") or comparison["name"])
    bench = str(comparison.get("benchmark_shown") or "")
    untested = _text(comparison.get("text"))
    whose = "; publisher's verdict" if comparison.get("source") == "publisher" else ""
    if label == "Not compared" and untested:
        relation = next((words for key, words in _UNTESTED_WORDS.items() if key in untested), None)
        words = f"{relation} {name} ({bench}), not tested" if relation else f"{name}: {bench}, not compared"
        hover = untested[:1].upper() + untested[1:] + "."
    elif label == "Not compared":
        words = f"{name}: not compared"
        hover = f"Not compared with {comparison['name']} ({bench}): {comparison.get('reason') or 'no confidence interval or benchmark'}."
    else:
        relation = {
            "Better": "better than",
            "Worse": "worse than",
            "Similar": "similar to",
            "Higher": "higher than",
            "Lower": "lower than",
        }[label]
        words = (
            f"{relation[0].upper()}{relation[1:]} {name} ({bench}{whose})"
            if bench
            else f"{relation[0].upper()}{relation[1:]} {name}"
        )
        hover = f"{value_shown} is {COMPARISON_MEANING[label]} {comparison['name']}, {bench} (95% confidence)."
        if whose:
            hover += " This is the publisher's own verdict, as printed in its file."
        if _text(comparison.get("note")):
            hover += f" Note: {comparison['note']}."
    if comparison.get("comparison_illustrative") and label != "Not compared":
        words += " (illustrative)"
        hover += " Illustrative: rests on invented values, not a real judgement."
    return html.Li(
        [html.Span(COMPARISON_SHAPES.get(label, ""), className="badge-shape", **attrs({"aria-hidden": "true"})), " ", words],
        className=f"ob-badge cmp cmp-{slug(label)}",
        title=hover,
    )


def direction_badge(direction: str | None, arrow: str, text: str) -> html.Li | None:
    if not direction:
        return None
    kind = {"Improving": "better", "Getting worse": "worse"}.get(direction, "neutral")
    return html.Li(
        [html.Span(arrow or "–", className="badge-shape", **attrs({"aria-hidden": "true"})), " ", direction],
        className=f"ob-badge dot dot-{kind}",
        title=text or direction,
    )


def rag_badge(rag: str | None, text: str) -> html.Li | None:
    if not rag:
        return None
    return html.Li(
        [html.Span(RAG_SHAPES.get(rag, ""), className="badge-shape", **attrs({"aria-hidden": "true"})), f" Target: {rag}"],
        className=f"ob-badge rag rag-{slug(rag)}",
        title=text or f"Target: {rag}",
    )


def rank_badge(rank_text: str) -> html.Li | None:
    """'78th of 151 councils, quartile C': where the area stands among all councils (LAIT's banding)."""
    if not rank_text:
        return None
    return html.Li(
        [html.Span("#", className="badge-shape", **attrs({"aria-hidden": "true"})), " ", rank_text[:1].upper() + rank_text[1:]],
        className="ob-badge rank",
        title=f"Rank among all (1 = best) and quartile band (A = best quarter), for the same period: {rank_text}.",
    )


def illustrative_badge() -> html.Span:
    return html.Span(
        "Illustrative",
        className="ob-badge-inline illustrative-badge",
        title="Invented for demonstration: not a published statistic",
    )


def _unit_text(record: Mapping[str, Any]) -> str:
    unit = _text(record.get("unit"))
    if record.get("value_type") == "percentage" or unit.strip() in {"%", "count"} or _missing(record.get("value")):
        return ""
    return unit


def _template_link(record: Mapping[str, Any]) -> list[Child]:
    """The plan's local-measure template (one row per local measure and period, values blank)."""
    href = record.get("template_href")
    if not isinstance(href, str) or not href:
        return []
    return [
        " · ",
        html.A("Template for this plan's local measures (CSV)", href=app_path(href), className="measure-template-link"),
    ]


def _link_note(record: Mapping[str, Any]) -> html.Div | None:
    """Why the plan's measure is read from this published indicator (one line, from the seed)."""
    note = _text(record.get("indicator_note"))
    if not note:
        return None
    name = _text(record.get("indicator_name"))
    return html.Div(f"Measured by {name}: {note}" if name else note, className="measure-link-note")


def measure_row(record: Mapping[str, Any], area_name: str) -> html.Li:
    """One measure: wording (linked to its trend), value + unit + period, badges, sparkline."""
    head = _measure_head(record)
    link_note = _link_note(record)
    if not record.get("has_data"):
        return _no_data_row(record, head, link_note)
    value_shown = _text(record.get("value_shown"))
    source = _text(record.get("source"))
    return html.Li(
        [
            html.Div(head, className="measure-head"),
            *([link_note] if link_note is not None else []),
            html.Div([_value_block(record, value_shown, source), _spark(record)], className="measure-body"),
            html.Ul(
                [b for b in _badges(record, value_shown) if b is not None],
                className="measure-badges",
                **attrs({"aria-label": f"How {area_name} compares"}),
            ),
            # a local measure's own figures say whose they are, in view, with the template that fills them
            html.Div([source, *_template_link(record)], className="measure-local-note small")
            if record.get("local")
            else html.Div(f"Source: {source}", className="visually-hidden"),
        ],
        className="measure-row",
        **attrs({"data-measure": str(record["measure_id"])}),
    )


def _measure_head(record: Mapping[str, Any]) -> list[Child]:
    """The measure's wording (a link to its trend where it has one), its flag and priority."""
    wording = str(record["wording"])
    href = _text(record.get("trend_href"))
    meta_bits = [
        b
        for b in (
            _text(record.get("priority_label")) and f"Priority {record['priority_label']}",
            _text(record.get("legacy_code")),
        )
        if b
    ]
    name = (
        dcc.Link(
            wording, href=app_path(href), className="measure-name", title=f"Trend for {record.get('indicator_name') or wording}"
        )
        if href
        else html.Span(wording, className="measure-name")
    )
    head: list[Child] = [name]
    if record.get("illustrative"):
        head += [" ", illustrative_badge()]
    if meta_bits:
        head += [html.Span(" · ".join(meta_bits), className="measure-meta")]
    return head


def _no_data_row(record: Mapping[str, Any], head: list[Child], link_note: html.Div | None) -> html.Li:
    """A measure without data says why, and for a local measure what would fill it."""
    reason = _text(record.get("no_data_reason")) or "No data yet"
    label = "Local measure" if record.get("local") else "No data yet"
    # what would fill it: the council's own figures through the native CSV import
    fill: list[Child] = (
        [
            " ",
            html.A("Import local figures (native CSV)", href=app_path(url_for("admin-import")), className="measure-import-link"),
            *_template_link(record),
        ]
        if record.get("local")
        else []
    )
    return html.Li(
        [
            html.Div(head, className="measure-head"),
            *([link_note] if link_note is not None else []),
            html.Div([html.Span(label, className="no-data-label"), f": {reason}.", *fill], className="measure-nodata"),
        ],
        className="measure-row no-data",
        **attrs({"data-measure": str(record["measure_id"])}),
    )


def _value_block(record: Mapping[str, Any], value_shown: str, source: str) -> html.Div:
    """Value, unit and period, with its source (and any note) on hover."""
    hover = (
        f"{value_shown} {_unit_text(record)}".strip()
        + f", {record.get('period')}. Source: {source or 'not recorded'}"
        + (". Illustrative: invented, not a published statistic." if record.get("illustrative") else ".")
    )
    if _text(record.get("value_note")):
        hover += f" Note: {record['value_note']}"
    value_class = "measure-value-number" + (" suppressed" if _missing(record.get("value")) else "")
    return html.Div(
        [
            html.Span(value_shown, className=value_class),
            html.Span(_unit_text(record), className="measure-unit"),
            html.Span(_text(record.get("period")), className="measure-period"),
        ],
        className="measure-value",
        title=hover,
    )


def _badges(record: Mapping[str, Any], value_shown: str) -> list[html.Li | None]:
    """Comparisons, direction of travel, target RAG and rank (None where a badge has nothing to say)."""
    badges: list[html.Li | None] = [comparison_badge(c, value_shown) for c in (record.get("comparisons") or [])]
    badges.append(
        direction_badge(
            _text(record.get("direction")) or None, _text(record.get("direction_arrow")), _text(record.get("direction_text"))
        )
    )
    badges.append(rag_badge(_text(record.get("rag")) or None, _text(record.get("rag_text"))))
    badges.append(rank_badge(_text(record.get("rank_text"))))
    return badges


def _spark(record: Mapping[str, Any]) -> Child:
    """The sparkline where at least two periods have a value."""
    values = list(record.get("spark_values") or [])
    periods = list(record.get("spark_periods") or [])
    if len([v for v in values if not _missing(v)]) >= 2:
        return sparkline(values, periods)
    return html.Span("", className="sparkline-empty")


def bee_card(
    *,
    name: str,
    code: str,
    summary: str,
    measures: pd.DataFrame,
    area_name: str,
    description: str | None = None,
    priorities: Sequence[tuple[str | None, str]] = (),
    table: pd.DataFrame | None = None,
    table_columns: Sequence[tuple[str, str]] = (),
    links: Sequence[tuple[str, str]] = (),
) -> html.Section:
    """The card for one bee. ``measures`` has one row per measure (see module docstring)."""
    total = len(measures)
    with_data = int(measures["has_data"].sum()) if total else 0
    illustrative = bool(total and measures["illustrative"].fillna(False).astype(bool).any())
    heading_id = f"bee-{code}-heading"
    body: list[Any] = []
    if description:
        body.append(html.P(description, className="bee-description"))
    # the heading already names the bee: "Be Safe: 3 of 8 …" reads "3 of 8 …" inside the card
    shown = summary[len(name) + 2 :] if summary.startswith(f"{name}: ") else summary
    if total:
        body.append(html.P(shown[:1].upper() + shown[1:], className="bee-summary"))
    notice = illustrative_notice(illustrative)
    if notice is not None:
        body.append(notice)
    if priorities:
        body.append(_priorities(priorities))
    if total:
        body.append(html.Ul([measure_row(r, area_name) for r in frame_records(measures)], className="measure-list"))
    else:
        body.append(html.P("The plan lists no measures for this outcome.", className="measure-nodata"))
    if table is not None and len(table):
        body.append(
            html.Details(
                [
                    html.Summary("Table of these measures, with sources"),
                    data_table(table, table_columns, caption=f"{name}: measures for {area_name}", numeric=("value_shown",)),
                ],
                className="bee-table",
            )
        )
    if links:
        body.append(
            html.Ul(
                [html.Li(html.A(label, href=app_path(href), className="download-link")) for label, href in links],
                className="list-inline bee-links no-print",
            )
        )
    card = dbc.Card([_card_header(name, heading_id, with_data, total, area_name), dbc.CardBody(body)], className="bee-card")
    return html.Section(card, id=f"bee-{code}", className=f"bee-section bee-{code}", **attrs({"aria-labelledby": heading_id}))


def _priorities(priorities: Sequence[tuple[str | None, str]]) -> html.Details:
    return html.Details(
        [
            html.Summary(f"Priorities ({len(priorities)})"),
            html.Ul(
                [html.Li((f"{label}. " if label else "") + title) for label, title in priorities],
                className="bee-priorities",
            ),
        ],
        className="bee-priorities-block",
    )


def _card_header(name: str, heading_id: str, with_data: int, total: int, area_name: str) -> dbc.CardHeader:
    """The bee's name as the card's heading, and how many of its measures have data."""
    return dbc.CardHeader(
        [
            html.H2(name, id=heading_id, className="h4 bee-name mb-0"),
            html.Span(
                f"{with_data} of {total} with data" if total else "No measures",
                className="bee-count",
                title=f"{with_data} of {total} measures have data for {area_name}",
            ),
        ],
        className="bee-header",
    )


def key_panel(benchmark_names: Sequence[str]) -> html.Details:
    """How to read the cards: shapes + words for comparisons, direction and targets."""
    bench = ", ".join(benchmark_names) or "the benchmarks"
    items = [
        html.Li(
            [
                html.Span(
                    [html.Span(COMPARISON_SHAPES[label], className="badge-shape"), f" {label}"],
                    className=f"ob-badge cmp cmp-{slug(label)}",
                ),
                f" {COMPARISON_MEANING[label]} the benchmark",
            ]
        )
        for label in ("Better", "Similar", "Worse", "Higher", "Lower", "Not compared")
    ]
    return html.Details(
        [
            html.Summary("How to read the cards"),
            html.P(
                f"Each measure's latest value is compared with {bench} for the same period: significant when the benchmark lies outside the value's 95% confidence interval "
                "(as Fingertips does). Without an interval, or without a benchmark value for that period, it is “Not compared”."
            ),
            html.Ul(items, className="key-list"),
            html.P(
                "Direction of travel (↑ ↓) compares the latest value with the previous one, without a significance test: “Improving” or “Getting worse” where the plan "
                "or indicator says which way is better, otherwise “Increased” or “Decreased”. “Target” is the RAG rating against the plan's own target "
                "(Green met, Amber close, Red not met); targets that cannot be judged from a figure are “Not assessed”. Hover over a value for its source."
            ),
        ],
        className="summary-key",
    )
