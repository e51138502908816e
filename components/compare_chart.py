"""District comparison: horizontal bars with 95% CI whiskers, coloured *and labelled* by
significance against the benchmark, with reference lines for the benchmark and England."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from components.chart_bars import interval_bars, no_value_markers
from components.formatting import format_value, is_missing
from components.theme import DARK_GREY, SIGNIFICANCE_COLOURS, TEXT

LEGEND_ORDER = ["Better", "Similar", "Worse", "Higher", "Lower", "Not compared", "Benchmark"]


def significance_legend_text(labels: list[str], benchmark_name: str, level: str = "95%") -> str:
    present = [label for label in LEGEND_ORDER if label in labels]
    words = {
        "Better": "statistically significantly better than",
        "Similar": "not significantly different from",
        "Worse": "statistically significantly worse than",
        "Higher": "statistically significantly higher than",
        "Lower": "statistically significantly lower than",
        "Not compared": "could not be tested against",
    }
    sentences = [f"{label}: {words[label]} {benchmark_name} ({level} confidence)." for label in present if label in words]
    if "Benchmark" in labels:
        sentences.append(
            f"The dark grey bar is the benchmark, {benchmark_name}; dashed line: {benchmark_name}"
            + (", dotted line: England." if benchmark_name != "England" else ".")
        )
    return " ".join(sentences)


def comparison_bar_figure(
    frame: pd.DataFrame,
    *,
    value_type: str,
    decimals: int,
    unit_label: str,
    reference_lines: Sequence[tuple[str, float | None]] = (),
) -> go.Figure:
    """``frame``: area_name, value, lower_ci95, upper_ci95, status, significance, in display order (top first);
    optionally ``verdict_label`` (the axis label's verdict and how it was made) and ``verdict_hover`` (in full)."""
    rows = _categorised(frame, value_type, decimals)
    fig = go.Figure()
    for label in LEGEND_ORDER:
        part = rows[(rows["significance"] == label) & rows["value"].notna()]
        if not part.empty:
            fig.add_traces(_label_bars(part, label, value_type, decimals))
    no_value_markers(fig, rows, value_type)
    _reference_lines(fig, reference_lines)
    _layout(fig, rows, unit_label)
    return fig


def _categorised(frame: pd.DataFrame, value_type: str, decimals: int) -> pd.DataFrame:
    """The rows bottom first (plotly draws the first category at the bottom), each with its axis
    label: name, value and the comparison in words."""
    rows = frame.iloc[::-1].reset_index(drop=True)
    # ``verdict_label`` (optional): the verdict with how it was made ("Better, publisher's verdict")
    labels = rows["verdict_label"] if "verdict_label" in rows else rows["significance"]
    rows["category"] = [
        f"<b>{name}</b>  {format_value(v, value_type, decimals, status=s, short=True)}  ({label})"
        for name, v, s, label in zip(rows["area_name"], rows["value"], rows["status"], labels)
    ]
    return rows


def _label_bars(part: pd.DataFrame, label: str, value_type: str, decimals: int) -> list[go.Bar]:
    """One comparison label's bars: its colour and a pattern, so colour never carries it alone."""
    return interval_bars(
        part,
        customdata=[f"{format_value(v, value_type, decimals, status=s)}  {label}" for v, s in zip(part["value"], part["status"])]
        if "verdict_hover" not in part
        else list(part["verdict_hover"]),
        name=label,
        marker={
            "color": SIGNIFICANCE_COLOURS[label],
            "line": {"color": TEXT, "width": 1.5},
            "pattern": {"shape": "/" if label in {"Worse", "Lower"} else ("." if label in {"Better", "Higher"} else "")},
        },
        hovertemplate="%{customdata}<extra></extra>",
    )


def _reference_lines(fig: go.Figure, reference_lines: Sequence[tuple[str, float | None]]) -> None:
    """The benchmark dashed, England dotted; a missing value draws no line."""
    for index, (_name, value) in enumerate(reference_lines):
        if is_missing(value):
            continue
        fig.add_vline(
            x=value,
            line={"color": TEXT if index == 0 else DARK_GREY, "dash": "dash" if index == 0 else "dot", "width": 2},
        )


#: The bottom margin holds the tick labels, the axis title and, at the figure's very bottom
#: (``yref="container"``), the legend: placed by a fraction of the plot, it overlapped the axis title
#: on short charts and drifted away from it in the taller exports.
MARGIN_BOTTOM = 124


def _layout(fig: go.Figure, rows: pd.DataFrame, unit_label: str) -> None:
    fig.update_layout(
        barmode="overlay",
        showlegend=True,
        legend_title_text="Compared with benchmark:",
        legend={"orientation": "h", "yref": "container", "yanchor": "bottom", "y": 0, "x": 0},
        xaxis_title=unit_label,
        height=max(340, 140 + 48 * len(rows)),
        margin={"l": 10, "r": 30, "t": 20, "b": MARGIN_BOTTOM},
        yaxis={"automargin": True, "categoryorder": "array", "categoryarray": list(rows["category"])},
        xaxis={"rangemode": "tozero"},
    )
