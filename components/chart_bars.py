"""Horizontal bars with 95% CI whiskers, and the marked gap where a value is missing: one rule
for every bar chart (/compare's and the statistical neighbours').

Why one module: the two charts had copies of this block that had drifted apart on missing
intervals (issue 23). The rule, said once:

* a missing value draws no bar, never a zero-length one: its row keeps its label and an
  annotation "no bar: <why>" (``no_value_markers``);
* a missing interval draws no whisker. plotly.js reads a null whisker length as 0 and would draw
  a zero-width whisker with caps, claiming a precision nobody published. Error bars are set per
  trace, so a group whose bars have no interval becomes its own trace without ``error_x``
  (same legend group, not repeated in the legend) (``interval_bars``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from components.formatting import format_value
from components.theme import DARK_GREY, TEXT


def error_bars(values: pd.Series, lower: pd.Series, upper: pd.Series) -> dict[str, Any]:
    """The whiskers of bars that all have an interval: distances from each value to its bounds."""
    return {
        "type": "data",
        "array": (upper - values).tolist(),
        "arrayminus": (values - lower).tolist(),
        "color": TEXT,
        "thickness": 2,
        "width": 6,
    }


def interval_bars(part: pd.DataFrame, *, customdata: Sequence[str], **bar: Any) -> list[go.Bar]:
    """The bars of one legend entry (``part``: category, value, lower_ci95, upper_ci95; values
    present): whiskers on the bars with an interval, none on the rest (the module's rule).

    ``bar`` is passed to each ``go.Bar`` (name, marker, hovertemplate …)."""
    values = part["value"].astype(float)
    lower = pd.to_numeric(part["lower_ci95"], errors="coerce")
    upper = pd.to_numeric(part["upper_ci95"], errors="coerce")
    has_ci = (lower.notna() & upper.notna()).to_numpy()
    texts = list(customdata)
    groups = [(mask, with_ci) for mask, with_ci in ((has_ci, True), (~has_ci, False)) if mask.any()]
    split = len(groups) > 1
    traces = []
    for number, (mask, with_ci) in enumerate(groups):
        extra: dict[str, Any] = {"legendgroup": bar["name"], "showlegend": number == 0} if split else {}
        traces.append(
            go.Bar(
                x=values[mask].tolist(),
                y=part["category"][mask].tolist(),
                orientation="h",
                error_x=error_bars(values[mask], lower[mask], upper[mask]) if with_ci else None,
                customdata=[t for t, keep in zip(texts, mask) if keep],
                **extra,
                **bar,
            )
        )
    return traces


def no_value_markers(fig: go.Figure, rows: pd.DataFrame, value_type: str) -> None:
    """A missing value is a marked gap, not a zero: "no bar: <status in words>" at its row's start."""
    missing = rows[rows["value"].isna()]
    for category, status in zip(missing["category"], missing["status"]):
        fig.add_annotation(
            x=0,
            y=category,
            xref="x",
            yref="y",
            text="no bar: " + format_value(None, value_type, status=status),
            showarrow=False,
            xanchor="left",
            font={"color": DARK_GREY, "style": "italic"},
        )
