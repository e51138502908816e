"""Trend lines over time: one line per area or benchmark, an optional 95% CI band, published
and illustrative points told apart by marker shape, suppressed points left as gaps, and
targets drawn as stars.

The x axis is categorical in the order given (``period_order``, from the data's
``period_sort``), so mixed period types ("2005-06", "April 2007") sit in true time order.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
import plotly.graph_objects as go

from analytics.codes import ENGLAND
from components.formatting import format_value, is_missing
from components.theme import CATEGORICAL, DARK_GREY, LIGHT_PURPLE, SECONDARY_TEXT, TEXT

#: Line styles for the benchmark rows, so they never rely on colour alone.
BENCHMARK_STYLES = {
    ENGLAND: {"color": DARK_GREY, "dash": "dash"},
}
#: Any region (GSS E12…): whichever region the home council is in.
REGION_STYLE = {"color": LIGHT_PURPLE, "dash": "dot"}
AREA_SYMBOLS = ["circle", "square", "diamond", "triangle-up", "triangle-down", "pentagon", "hexagon", "star-triangle-up"]
PUBLISHED_NOTE = "Filled markers are published figures; open markers are illustrative values."


def _rgba(hex_colour: str, alpha: float) -> str:
    hex_colour = hex_colour.lstrip("#")
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


def area_styles(codes: Sequence[str]) -> dict[str, dict[str, str]]:
    """A colour, dash and marker symbol per area code; England and the region get grey/purple dashes."""
    styles: dict[str, dict[str, str]] = {}
    palette = [c for c in CATEGORICAL if c not in {DARK_GREY, LIGHT_PURPLE}]
    index = 0
    for code in codes:
        if code in styles:
            continue
        if code in BENCHMARK_STYLES or code.startswith("E12"):
            styles[code] = {**BENCHMARK_STYLES.get(code, REGION_STYLE), "symbol": "circle"}
            continue
        styles[code] = {
            "color": palette[index % len(palette)],
            "dash": "solid",
            "symbol": AREA_SYMBOLS[index % len(AREA_SYMBOLS)],
        }
        index += 1
    return styles


def marker_symbols(base: str, illustrative: Sequence[bool]) -> list[str]:
    """Filled for published values, open for illustrative ones."""
    return [f"{base}-open" if flag else base for flag in illustrative]


def provenance_legend(fig: go.Figure) -> None:
    """Legend-only entries explaining filled (published) vs open (illustrative) markers."""
    fig.add_traces(_provenance_traces())


def _provenance_traces() -> list[dict[str, Any]]:
    return [
        {
            "type": "scatter",
            "x": [None],
            "y": [None],
            "mode": "markers",
            "name": name,
            "legendgroup": "provenance",
            "marker": {"symbol": symbol, "size": 11, "color": SECONDARY_TEXT, "line": {"width": 2, "color": SECONDARY_TEXT}},
            "hoverinfo": "skip",
        }
        for name, symbol in (("Published figure (filled marker)", "circle"), ("Illustrative value (open marker)", "circle-open"))
    ]


#: The columns ``trend_figure`` reads.
FIGURE_COLUMNS = ("area_code", "area_name", "period_label", "value", "lower_ci95", "upper_ci95", "status", "illustrative")


def trend_figure(
    frame: pd.DataFrame,
    *,
    period_order: Sequence[str],
    value_type: str,
    decimals: int,
    unit_label: str,
    show_ci: bool = True,
    targets: pd.DataFrame | None = None,
    legend_suffix: dict[str, str] | None = None,
) -> go.Figure:
    """``frame``: area_code, area_name, period_label, value, lower_ci95, upper_ci95, status, illustrative.

    Areas are drawn in the order they first appear; every area has one value per period in
    ``period_order`` (missing periods are gaps, never zero). ``targets``: area_code,
    area_name, period_label, value.
    """
    # traces and layout as dicts into one ``go.Figure`` call: added one by one, each trace object
    # is validated twice, and ``update_layout`` walks each key path on its own (/send draws four)
    traces: list[dict[str, Any]] = []
    order = list(period_order)
    # only the columns drawn: each area's filter and reindex moved every column of a series frame
    frame = frame[[c for c in FIGURE_COLUMNS if c in frame.columns]]
    codes = list(dict.fromkeys(frame["area_code"]))
    styles = area_styles(codes)
    legend_suffix = legend_suffix or {}
    any_illustrative = bool(frame.get("illustrative", pd.Series(dtype=bool)).fillna(False).astype(bool).any())
    any_published = bool((~frame.get("illustrative", pd.Series(dtype=bool)).fillna(False).astype(bool)).any())
    names: dict[object, object] = {}
    for code, name in zip(frame["area_code"], frame["area_name"]):  # each line's first row names it
        names.setdefault(code, name)
    lines = _Lines.of(frame, order)
    for code in codes:
        name, line = str(names[code]), lines.line(code)
        if show_ci and any(u == u for u in line.upper):  # NaN is the one value not equal to itself
            traces.extend(_ci_bands(order, line.values, line.lower, line.upper, name, code, styles[code]["color"]))
        traces.append(_area_line(line, order, name + legend_suffix.get(code, ""), name, code, styles[code], value_type, decimals))
    if targets is not None and not targets.empty:
        traces.extend(_target_traces(targets, order, styles, value_type, decimals))
    if any_illustrative and any_published:
        traces.extend(_provenance_traces())
    return go.Figure(data=traces, layout=_layout(unit_label, order))


def _layout(unit_label: str, order: list[str]) -> dict[str, Any]:
    """Legend under the plot, periods as categories in their own order, values from zero."""
    return {
        "showlegend": True,
        "legend": {"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0},
        "height": 540,
        "margin": {"l": 10, "r": 30, "t": 20, "b": 130},
        "hovermode": "closest",
        "yaxis": {"title": unit_label, "automargin": True, "rangemode": "tozero"},
        "xaxis": {"type": "category", "categoryorder": "array", "categoryarray": order},
    }


@dataclass(frozen=True)
class _Lines:
    """The drawn columns of every line as lists, and each line's row for each period on the axis
    (``at``: -1 where it has none; its first row where it has two). Why lists: a filter, an index
    and a reindex of the frame per line cost more than the line."""

    at: dict[object, list[int]]
    numbers: dict[str, npt.NDArray[Any]]  # value and the CI bounds as numbers (missing: NaN)
    status: list[object]
    illustrative: list[object]

    @classmethod
    def of(cls, frame: pd.DataFrame, order: list[str]) -> _Lines:
        first: dict[tuple[object, object], int] = {}
        for i, key in enumerate(zip(frame["area_code"].tolist(), frame["period_label"].tolist())):
            first.setdefault(key, i)
        at = {code: [first.get((code, period), -1) for period in order] for code in dict.fromkeys(frame["area_code"])}
        value = np.asarray(pd.to_numeric(frame["value"], errors="coerce"))
        numbers = {
            c: np.asarray(pd.to_numeric(frame[c], errors="coerce")) if c in frame else np.full(len(frame), np.nan)
            for c in ("lower_ci95", "upper_ci95")
        }
        n = len(frame)
        return cls(
            at,
            {"value": value, **numbers},
            frame["status"].tolist() if "status" in frame else [None] * n,
            frame["illustrative"].tolist() if "illustrative" in frame else [False] * n,
        )

    def line(self, code: object) -> _Line:
        """One line's cells for each period on the axis."""
        at = self.at[code]
        values, lower, upper = (_pick(self.numbers[c], at) for c in ("value", "lower_ci95", "upper_ci95"))
        illustrative = [_flag(self.illustrative[i]) if i >= 0 else False for i in at]
        return _Line(illustrative, [self.status[i] if i >= 0 else None for i in at], values, lower, upper)


def _pick(values: npt.NDArray[Any], at: list[int]) -> list[Any]:
    """``values`` at the rows ``at`` as a reindexed column gives them: a period with no row is NaN
    (which makes a column of whole numbers floats, as a reindex does)."""
    if all(i >= 0 for i in at):
        return list(values[at].tolist())
    taken = values[[max(i, 0) for i in at]].astype(float)
    taken[[i < 0 for i in at]] = np.nan
    return list(taken.tolist())


def _flag(cell: object) -> bool:
    """An illustrative flag as ``fillna(False).astype(bool)`` reads it: a missing one is False."""
    if cell is None or cell is pd.NA or (isinstance(cell, float) and math.isnan(cell)):
        return False
    return bool(cell)


@dataclass(frozen=True)
class _Line:
    """One line's cells for each period on the axis: missing values are NaN."""

    illustrative: list[bool]
    status: list[object]
    values: list[Any]
    lower: list[Any]
    upper: list[Any]


def _ci_runs(order: list[str], has_ci: list[bool]) -> list[list[str]]:
    """The contiguous runs of periods with an interval, so a band never bridges a gap."""
    run: list[str] = []
    runs: list[list[str]] = []
    for period, flag in zip(order, has_ci):
        if flag:
            run.append(period)
        elif run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    return runs


def _ci_bands(
    order: list[str], values: list[Any], lower: list[Any], upper: list[Any], name: str, code: str, colour: str
) -> list[dict[str, Any]]:
    """One shaded 95% CI band per run of periods with an interval, grouped with the area's line."""
    has_ci = [u == u and lo == lo and v == v for v, lo, u in zip(values, lower, upper)]  # none of them NaN
    where = {period: i for i, period in enumerate(order)}
    return [
        dict(
            type="scatter",
            x=part + part[::-1],
            y=[upper[where[p]] for p in part] + [lower[where[p]] for p in part[::-1]],
            fill="toself",
            fillcolor=_rgba(colour, 0.15),
            line={"width": 0},
            mode="lines",
            name=f"{name}: 95% confidence interval",
            legendgroup=code,
            showlegend=False,
            hoverinfo="skip",
        )
        for part in _ci_runs(order, has_ci)
    ]


def _area_line(
    line: _Line,
    order: list[str],
    legend_name: str,
    name: str,
    code: str,
    style: dict[str, str],
    value_type: str,
    decimals: int,
) -> dict[str, Any]:
    """The area's line: gaps stay gaps, open markers for illustrative values, hover in words."""
    values, illustrative = line.values, line.illustrative
    hover = []
    for period, value, status, flag, lo, hi in zip(order, values, line.status, illustrative, line.lower, line.upper):
        shown = format_value(
            None if is_missing(value) else value, value_type, decimals, status=status if isinstance(status, str) else None
        )
        ci_text = "" if is_missing(lo) or is_missing(hi) else f" (95% CI {lo:.{decimals}f} to {hi:.{decimals}f})"
        hover.append(f"{name}, {period}: {shown}{ci_text}{' – illustrative' if flag else ''}")
    return dict(
        type="scatter",
        x=order,
        y=[None if is_missing(v) else float(v) for v in values],
        mode="lines+markers",
        name=legend_name,
        legendgroup=code,
        connectgaps=False,
        line={"color": style["color"], "dash": style["dash"], "width": 3},
        marker={
            "symbol": marker_symbols(style["symbol"], illustrative),
            "size": 11,
            "color": style["color"],
            "line": {"width": 2, "color": style["color"]},
        },
        customdata=hover,
        hovertemplate="%{customdata}<extra></extra>",
    )


def _target_traces(
    targets: pd.DataFrame, order: list[str], styles: dict[str, dict[str, str]], value_type: str, decimals: int
) -> list[dict[str, Any]]:
    """Each area's targets as open stars in its colour, for the periods drawn."""
    traces = []
    for code in dict.fromkeys(targets["area_code"]):
        part = targets[targets["area_code"] == code]
        part = part[part["period_label"].isin(order)]
        if part.empty:
            continue
        name = str(part["area_name"].iloc[0])
        colour = styles.get(code, {"color": TEXT})["color"]
        traces.append(
            dict(
                type="scatter",
                x=list(part["period_label"]),
                y=list(part["value"]),
                mode="markers",
                name=f"Target: {name}",
                marker={"symbol": "star", "size": 16, "color": "#FFFFFF", "line": {"width": 2, "color": colour}},
                customdata=[
                    f"Target for {name}, {p}: {format_value(v, value_type, decimals)}"
                    for p, v in zip(part["period_label"], part["value"])
                ],
                hovertemplate="%{customdata}<extra></extra>",
            )
        )
    return traces
