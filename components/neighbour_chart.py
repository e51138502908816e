"""The LAIT view's chart: a council and its ten statistical neighbours for one period.

Horizontal bars (95% CI whiskers where published or computable), the council's bar dark and
labelled "(this council)" so it is never told apart by colour alone; neighbours with no value
keep their row with the reason ("no bar: c – suppressed"), never a zero-length bar. Reference
lines (neighbour average, region, England) are drawn as vertical lines, each with its own dash
style and a legend entry carrying its value. Pure: DataFrame in, figure out.

Also the scorecard's figure: how many of a council's indicators fall in each quartile band
(A = best quarter among councils), one bar per group.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from components.chart_bars import interval_bars, no_value_markers
from components.formatting import format_value, is_missing
from components.theme import DARK_BLUE, DARK_GREY, DARK_PINK, LIGHT_BLUE, ORANGE, TEXT, TURQUOISE

#: (dash style, colour) of the reference lines in order: neighbour average, region, England.
REFERENCE_STYLES = [("dash", TEXT), ("dot", DARK_PINK), ("dashdot", DARK_GREY)]
COUNCIL_COLOUR, NEIGHBOUR_COLOUR = DARK_BLUE, LIGHT_BLUE

#: Quartile bands with colours and patterns (never colour alone: the legend and table name them).
BAND_STYLES = {
    "A": (TURQUOISE, ""),
    "B": (LIGHT_BLUE, "."),
    "C": (ORANGE, "x"),
    "D": (DARK_PINK, "/"),
    "not ranked": ("#FFFFFF", ""),
}


def neighbour_bar_figure(
    frame: pd.DataFrame,
    *,
    value_type: str,
    decimals: int,
    unit_label: str,
    reference_lines: Sequence[tuple[str, float | None]] = (),
) -> go.Figure:
    """``frame``: area_name, value, lower_ci95, upper_ci95, status, role ("council" or
    "neighbour"), in display order (top first)."""
    rows = _categorised(frame, value_type, decimals)
    fig = go.Figure()
    for role, colour, label in (
        ("neighbour", NEIGHBOUR_COLOUR, "Statistical neighbour"),
        ("council", COUNCIL_COLOUR, "This council"),
    ):
        part = rows[(rows["role"] == role) & rows["value"].notna()]
        if not part.empty:
            fig.add_traces(
                interval_bars(
                    part,
                    customdata=[format_value(v, value_type, decimals, status=s) for v, s in zip(part["value"], part["status"])],
                    name=label,
                    marker={"color": colour, "line": {"color": TEXT, "width": 1.5}},
                    hovertemplate="%{y}: %{customdata}<extra></extra>",
                )
            )
    no_value_markers(fig, rows, value_type)
    _reference_lines(fig, reference_lines, value_type, decimals)
    _layout(fig, rows, unit_label)
    return fig


def _categorised(frame: pd.DataFrame, value_type: str, decimals: int) -> pd.DataFrame:
    """The rows bottom first (plotly draws the first category at the bottom), each with its axis
    label; the council's names itself, so it is never told apart by colour alone."""
    rows = frame.iloc[::-1].reset_index(drop=True)
    rows["category"] = [
        (f"<b>{name} (this council)</b>" if role == "council" else str(name))
        + f"  {format_value(v, value_type, decimals, status=s, short=True)}"
        for name, role, v, s in zip(rows["area_name"], rows["role"], rows["value"], rows["status"])
    ]
    return rows


def _reference_lines(fig: go.Figure, reference_lines: Sequence[tuple[str, float | None]], value_type: str, decimals: int) -> None:
    """Each reference line in its own dash style, with a legend-only trace naming it and its value."""
    for index, (name, value) in enumerate(reference_lines):
        if value is None or is_missing(value):
            continue
        dash, colour = REFERENCE_STYLES[min(index, len(REFERENCE_STYLES) - 1)]
        fig.add_vline(x=float(value), line={"color": colour, "dash": dash, "width": 2.5})
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="lines",
                line={"color": colour, "dash": dash, "width": 2.5},
                name=f"{name}: {format_value(value, value_type, decimals)}",
                hoverinfo="skip",
            )
        )


def _layout(fig: go.Figure, rows: pd.DataFrame, unit_label: str) -> None:
    height = max(380, 170 + 40 * len(rows))
    fig.update_layout(
        barmode="overlay",
        showlegend=True,
        # 75px under the plot whatever its height, so it never sits on the axis title (paper
        # coordinates, so presentation mode can still move it to the top)
        legend={"orientation": "h", "yanchor": "top", "y": -75 / (height - 150), "x": 0},
        xaxis_title=unit_label,
        height=height,
        margin={"l": 10, "r": 30, "t": 20, "b": 130},
        yaxis={"automargin": True, "categoryorder": "array", "categoryarray": list(rows["category"])},
        xaxis={"rangemode": "tozero"},
    )


def quartile_count_figure(counts: pd.DataFrame) -> go.Figure:
    """``counts``: group, band (A–D or "not ranked"), n; groups in display order (top first).

    Stacked horizontal bars: how many of the council's indicators in each group sit in each
    quartile band among all councils."""
    groups = list(dict.fromkeys(counts["group"]))[::-1]
    fig = go.Figure()
    for band, (colour, pattern) in BAND_STYLES.items():
        part = counts[counts["band"] == band].set_index("group")["n"]
        x = [int(part.get(g, 0)) for g in groups]
        if not any(x):
            continue
        name = f"Quartile {band}" if band != "not ranked" else "Not ranked"
        fig.add_trace(
            go.Bar(
                x=x,
                y=groups,
                orientation="h",
                name=name,
                marker={
                    "color": colour,
                    "line": {"color": TEXT, "width": 1},
                    "pattern": {"shape": pattern, "fgcolor": TEXT, "fillmode": "overlay"} if pattern else {},
                },
                hovertemplate="%{y}: %{x} indicators in " + name.lower() + "<extra></extra>",
            )
        )
    height = max(380, 160 + 30 * len(groups))
    fig.update_layout(
        barmode="stack",
        legend={"orientation": "h", "yanchor": "top", "y": -70 / (height - 130), "x": 0, "traceorder": "normal"},
        xaxis_title="Number of indicators",
        height=height,
        margin={"l": 10, "r": 30, "t": 20, "b": 110},
        yaxis={"automargin": True},
    )
    return fig
