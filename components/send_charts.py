"""Figures of the SEND page: a mix as stacked bars (one bar per area) and the request funnel.

Why here: both are drawn only from tidy frames the view prepares (shares already worked out,
labels already written), so they are pure builders like the other components. Every segment
carries its number in the hover text and the view gives a table beside it: colour alone
never carries the meaning.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from components.theme import (
    CATEGORICAL,
    DARK_BLUE,
    DARK_GREY,
    FOCUS_GREY,
    LIGHT_BLUE,
    LIGHT_PURPLE,
    MID_BLUE,
    ORANGE,
    TURQUOISE,
)

#: Enough distinct colours for the longest mix (13 needs); repeated colours are told apart by order and the table.
MIX_COLOURS = [*CATEGORICAL, MID_BLUE, LIGHT_BLUE, FOCUS_GREY, TURQUOISE, ORANGE, LIGHT_PURPLE, DARK_GREY]


def mix_figure(frame: pd.DataFrame, *, categories: list[str], areas: list[str], title_x: str) -> go.Figure:
    """Horizontal 100% stacked bars: ``frame`` has ``area, category, share`` (share in %, NaN where
    not published); ``areas`` top to bottom, ``categories`` left to right."""
    # traces and layout as dicts into one ``go.Figure`` call: ``add_bar`` validates each trace
    # twice and ``update_layout`` walks each key path on its own (a mix has up to 13 bars)
    traces = []
    # each (category, area)'s share looked up in plain Python: a filter, index and reindex per
    # category was most of the figure; NaN where the frame has no row, as the reindex gave
    numbers = pd.to_numeric(frame["share"], errors="coerce").tolist()
    shares = dict(zip(zip(frame["category"], frame["area"]), numbers))
    for index, category in enumerate(categories):
        traces.append(
            {
                "type": "bar",
                "name": category,
                "y": areas,
                "x": [shares.get((category, area), float("nan")) for area in areas],
                "orientation": "h",
                "marker": {"color": MIX_COLOURS[index % len(MIX_COLOURS)], "line": {"color": "#FFFFFF", "width": 1}},
                "hovertemplate": "%{y}<br>" + category.replace("%", "%%") + ": %{x:.1f}%<extra></extra>",
            }
        )
    layout = {
        "barmode": "stack",
        "height": max(340, 90 * len(areas) + 120, 24 * (len(categories) + 1) + 80),
        "xaxis": {"title": title_x, "range": [0, 100], "ticksuffix": "%"},
        "yaxis": {"autorange": "reversed", "automargin": True},
        "legend": {"orientation": "v", "x": 1.02, "xanchor": "left", "y": 1, "yanchor": "top", "traceorder": "normal"},
        "margin": {"l": 10, "r": 10, "t": 10, "b": 60},
    }
    return go.Figure(data=traces, layout=layout)


def funnel_figure(frame: pd.DataFrame, *, title_x: str) -> go.Figure:
    """One bar per step (``step, value, text``), largest first, labelled with its own number."""
    figure = go.Figure(
        go.Bar(
            y=frame["step"].tolist(),
            x=pd.to_numeric(frame["value"], errors="coerce").tolist(),
            orientation="h",
            text=frame["text"].tolist(),
            textposition="auto",
            marker={"color": DARK_BLUE},
            hovertemplate="%{y}: %{x:,.0f}<extra></extra>",
        )
    )
    figure.update_layout(
        height=max(280, 70 * len(frame) + 120),
        xaxis={"title": title_x, "rangemode": "tozero"},
        yaxis={"autorange": "reversed", "automargin": True},
        showlegend=False,
        margin={"l": 10, "r": 10, "t": 10, "b": 60},
    )
    return figure


def headline_figure(frame: pd.DataFrame, columns: list[tuple[str, str]]) -> go.Figure:
    """The headline figures as a plotly table, so exports and slides carry them as the page does."""
    figure = go.Figure(
        go.Table(
            header={
                "values": [label for _, label in columns],
                "align": "left",
                "fill": {"color": DARK_BLUE},
                "font": {"color": "#FFFFFF"},
            },
            cells={"values": [frame[name].tolist() for name, _ in columns], "align": "left", "height": 24, "font": {"size": 12}},
        )
    )
    figure.update_layout(height=80 + 44 * max(len(frame), 1), margin={"l": 10, "r": 10, "t": 10, "b": 10})
    return figure
