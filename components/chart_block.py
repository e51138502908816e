"""The standard frame around every chart: heading, subtitle, summary sentence, the chart,
its table, its sources, the illustrative marker and the download/share links.

Why one builder: the public-sector affordances (title, source, date, text alternative,
table, "illustrative" marking) must never be forgotten on any page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import plotly.graph_objects as go
from dash import dcc, html
from dash.development.base_component import Component

from components.attrs import attrs
from components.paths import app_path
from components.shell import illustrative_notice

GRAPH_CONFIG: dcc.Graph.Config = {
    "displaylogo": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["lasso2d", "select2d", "autoScale2d"],
}


@dataclass(frozen=True)
class ChartText:
    """Everything written around (and, for exports, onto) a chart."""

    title: str
    subtitle: str
    summary: str
    sources: Sequence[str] = ()
    illustrative: bool = False
    notes: Sequence[str] = ()
    data_currency: str | None = None

    def source_line(self) -> str:
        unique = list(dict.fromkeys(s for s in self.sources if s))
        return "Source: " + "; ".join(unique) if unique else "Source: not recorded"


def chart_block(
    figure: go.Figure,
    text: ChartText,
    table: Component,  # components.tables.data_table or catalogue.linked_table
    *,
    graph_id: str | dict[str, str],
    links: Sequence[tuple[str, str]] = (),
    heading_level: int = 2,
    graph_height: int | None = None,
) -> html.Section:
    """``graph_height`` (px) fixes the graph's height: a responsive graph otherwise takes 450px
    whatever the figure says, and charts that grow with their rows need their own height."""
    heading = getattr(html, f"H{heading_level}")(text.title, className="chart-title h4")
    link_items = [html.Li(html.A(label, href=app_path(href), className="download-link")) for label, href in links]
    notes = [html.P(note, className="chart-note") for note in text.notes]
    return html.Section(
        [
            heading,
            html.P(text.subtitle, className="chart-subtitle text-secondary"),
            illustrative_notice(text.illustrative),
            html.P(text.summary, className="summary-sentence"),
            html.Figure(
                [
                    dcc.Graph(
                        id=graph_id,
                        figure=figure,
                        config=GRAPH_CONFIG,
                        responsive=True,
                        className="chart",
                        style={"height": f"{graph_height}px"} if graph_height else {},
                    ),
                    html.Figcaption(
                        [html.Span(text.source_line(), className="chart-source")]
                        + (
                            [html.Span(f" Data as at {text.data_currency}.", className="chart-source")]
                            if text.data_currency
                            else []
                        )
                    ),
                ],
                **attrs({"aria-label": f"Chart: {text.title}. {text.summary}"}),
            ),
            *notes,
            html.Details([html.Summary("Table of this chart's data"), table], open=True, className="chart-table"),
            html.Ul(link_items, className="list-inline chart-links no-print") if link_items else None,
        ],
        className="chart-block mb-4",
        **attrs({"aria-label": text.title}),
    )
