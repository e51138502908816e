"""The standard frame around every chart: heading, subtitle, summary sentence, the chart,
its table, its sources, the illustrative marker and the download/share links.

Why one builder: the public-sector affordances (title, source, date, text alternative,
table, "illustrative" marking) must never be forgotten on any page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import plotly.graph_objects as go
from dash import dcc, html

from components.paths import app_path
from components.shell import illustrative_notice

GRAPH_CONFIG = {
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
    extra: dict = field(default_factory=dict)

    def source_line(self) -> str:
        unique = list(dict.fromkeys(s for s in self.sources if s))
        return "Source: " + "; ".join(unique) if unique else "Source: not recorded"


def chart_block(
    figure: go.Figure,
    text: ChartText,
    table,  # a Dash component (components.tables.data_table)
    *,
    graph_id: str | dict,
    links: Sequence[tuple[str, str]] = (),
    heading_level: int = 2,
) -> html.Section:
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
                **{"aria-label": f"Chart: {text.title}. {text.summary}"},
            ),
            *notes,
            html.Details([html.Summary("Table of this chart's data"), table], open=True, className="chart-table"),
            html.Ul(link_items, className="list-inline chart-links no-print") if link_items else None,
        ],
        className="chart-block mb-4",
        **{"aria-label": text.title},
    )


def add_export_text(figure: go.Figure, text: ChartText) -> go.Figure:
    """Draw title, subtitle, sources, date and the illustrative marking onto the figure (for PNG/SVG/PDF)."""
    fig = go.Figure(figure)
    title = f"<b>{text.title}</b><br><span style='font-size:0.8em'>{text.subtitle}</span>"
    footer_lines = [text.source_line()]
    footer_lines += list(text.notes)
    if text.data_currency:
        footer_lines.append(f"Data as at {text.data_currency}.")
    if text.illustrative:
        footer_lines.insert(0, "<b>Illustrative data: some values are invented for demonstration, not published statistics.</b>")
    fig.update_layout(
        title={"text": title, "x": 0.01, "xanchor": "left", "y": 0.97, "yanchor": "top"},
        margin={"t": 110, "b": 60 + 22 * len(footer_lines)},
    )
    fig.add_annotation(
        text="<br>".join(footer_lines),
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-(40 + 22 * len(footer_lines)),
        xanchor="left",
        yanchor="top",
        align="left",
        showarrow=False,
        font={"size": 13},
    )
    return fig
