"""Two drawings of the same data side by side (the tile grid and the district map), with one
heading, one sentence, one table and one source line.

Why not two ``chart_block``s: the two drawings show the same values, comparisons and words,
so a screen-reader or keyboard user would meet the same sentence and the same table twice.
Here each drawing is a ``<figure>`` with its own text alternative, and the one table below
both is what keyboard and screen-reader users read. On narrow screens the drawings stack.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import plotly.graph_objects as go
from dash import dcc, html
from dash.development.base_component import Component

from components.attrs import attrs
from components.chart_block import GRAPH_CONFIG, ChartText
from components.paths import app_path
from components.shell import illustrative_notice


@dataclass(frozen=True)
class Panel:
    """One drawing: its figure, graph id, a caption saying what kind of drawing it is, and
    the text alternative read out for it."""

    figure: go.Figure
    graph_id: str | dict
    caption: str
    alternative: str
    height: int | None = None  # draw the graph as tall as this (a tall map); None: the default height


def _graph(panel: Panel) -> dcc.Graph:
    if panel.height:  # never style=None: dcc.Graph reads style.height and fails on null
        return dcc.Graph(
            id=panel.graph_id,
            figure=panel.figure,
            config=GRAPH_CONFIG,
            responsive=True,
            className="chart",
            style={"height": f"{panel.height}px"},
        )
    return dcc.Graph(id=panel.graph_id, figure=panel.figure, config=GRAPH_CONFIG, responsive=True, className="chart")


def chart_pair_block(
    panels: Sequence[Panel],
    text: ChartText,
    table: Component,  # components.tables.data_table or catalogue.linked_table
    *,
    links: Sequence[tuple[str, str]] = (),
    heading_level: int = 2,
) -> html.Section:
    heading = getattr(html, f"H{heading_level}")(text.title, className="chart-title h4")
    width = "col-12 col-xl-6" if len(panels) > 1 else "col-12"
    figures = [
        html.Div(
            html.Figure(
                [
                    _graph(panel),
                    html.Figcaption(panel.caption, className="chart-source"),
                ],
                **attrs({"aria-label": panel.alternative}),
            ),
            className=width,
        )
        for panel in panels
    ]
    link_items = [html.Li(html.A(label, href=app_path(href), className="download-link")) for label, href in links]
    return html.Section(
        [
            heading,
            html.P(text.subtitle, className="chart-subtitle text-secondary"),
            illustrative_notice(text.illustrative),
            html.P(text.summary, className="summary-sentence"),
            html.Div(figures, className="row g-3"),
            html.P(
                [html.Span(text.source_line(), className="chart-source")]
                + ([html.Span(f" Data as at {text.data_currency}.", className="chart-source")] if text.data_currency else [])
            ),
            *[html.P(note, className="chart-note") for note in text.notes],
            html.Details([html.Summary("Table of this chart's data"), table], open=True, className="chart-table"),
            html.Ul(link_items, className="list-inline chart-links no-print") if link_items else None,
        ],
        className="chart-block mb-4",
        **attrs({"aria-label": text.title}),
    )
