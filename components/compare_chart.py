"""District comparison: horizontal bars with 95% CI whiskers, coloured *and labelled* by
significance against the benchmark, with reference lines for the benchmark and England."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

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
            f"The dark grey bar is the benchmark, {benchmark_name}; dashed line: {benchmark_name}, dotted line: England."
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
    """``frame``: area_name, value, lower_ci95, upper_ci95, status, significance, in display order (top first)."""
    rows = frame.iloc[::-1].reset_index(drop=True)  # plotly draws the first category at the bottom
    rows["category"] = [
        f"<b>{name}</b>  {format_value(v, value_type, decimals, status=s, short=True)}  ({label})"
        for name, v, s, label in zip(rows["area_name"], rows["value"], rows["status"], rows["significance"])
    ]
    fig = go.Figure()
    for label in LEGEND_ORDER:
        part = rows[(rows["significance"] == label) & rows["value"].notna()]
        if part.empty:
            continue
        values = part["value"].astype(float)
        upper = (part["upper_ci95"].astype(float) - values).where(lambda s: s.notna(), None)
        lower = (values - part["lower_ci95"].astype(float)).where(lambda s: s.notna(), None)
        texts = [f"{format_value(v, value_type, decimals, status=s)}  {label}" for v, s in zip(part["value"], part["status"])]
        fig.add_trace(
            go.Bar(
                x=values.fillna(0).where(values.notna(), None),
                y=part["category"],
                orientation="h",
                name=label,
                marker={
                    "color": SIGNIFICANCE_COLOURS[label],
                    "line": {"color": TEXT, "width": 1.5},
                    "pattern": {"shape": "/" if label in {"Worse", "Lower"} else ("." if label in {"Better", "Higher"} else "")},
                },
                error_x={
                    "type": "data",
                    "array": upper.tolist(),
                    "arrayminus": lower.tolist(),
                    "color": TEXT,
                    "thickness": 2,
                    "width": 6,
                },
                customdata=texts,
                hovertemplate="%{customdata}<extra></extra>",
            )
        )
    missing = rows[rows["value"].isna()]
    for name, status in zip(missing["category"], missing["status"]):
        fig.add_annotation(
            x=0,
            y=name,
            xref="x",
            yref="y",
            text="no bar: " + format_value(None, value_type, status=status),
            showarrow=False,
            xanchor="left",
            font={"color": DARK_GREY, "style": "italic"},
        )
    for index, (_name, value) in enumerate(reference_lines):
        if is_missing(value):
            continue
        fig.add_vline(
            x=value,
            line={"color": TEXT if index == 0 else DARK_GREY, "dash": "dash" if index == 0 else "dot", "width": 2},
        )
    fig.update_layout(
        barmode="overlay",
        showlegend=True,
        legend_title_text="Compared with benchmark:",
        legend={"orientation": "h", "yanchor": "top", "y": -0.18, "x": 0},
        xaxis_title=unit_label,
        height=max(340, 140 + 48 * len(rows)),
        margin={"l": 10, "r": 30, "t": 20, "b": 110},
        yaxis={"automargin": True, "categoryorder": "array", "categoryarray": list(rows["category"])},
        xaxis={"rangemode": "tozero"},
    )
    return fig
