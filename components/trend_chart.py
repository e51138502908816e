"""Trend lines over time: one line per area or benchmark, an optional 95% CI band, published
and illustrative points told apart by marker shape, suppressed points left as gaps, and
targets drawn as stars.

The x axis is categorical in the order given (``period_order``, from the data's
``period_sort``), so mixed period types ("2005-06", "April 2007") sit in true time order.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

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
    for code in codes:
        rows = frame[frame["area_code"] == code].set_index("period_label")
        rows = rows[~rows.index.duplicated()].reindex(order)
        name = str(names[code])
        values, lower, upper = _numbers(rows)
        if show_ci and upper.notna().any():
            traces.extend(_ci_bands(order, values, lower, upper, name, code, styles[code]["color"]))
        traces.append(
            _area_line(
                rows,
                order,
                values,
                lower,
                upper,
                name + legend_suffix.get(code, ""),
                name,
                code,
                styles[code],
                value_type,
                decimals,
            )
        )
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


def _numbers(rows: pd.DataFrame) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Value and 95% CI bounds as numbers, missing (NaN) where not published, never zero."""
    values = pd.to_numeric(rows["value"], errors="coerce")
    lower = pd.to_numeric(rows["lower_ci95"], errors="coerce") if "lower_ci95" in rows else values * float("nan")
    upper = pd.to_numeric(rows["upper_ci95"], errors="coerce") if "upper_ci95" in rows else values * float("nan")
    return values, lower, upper


def _ci_runs(order: list[str], has_ci: pd.Series) -> list[list[str]]:
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
    order: list[str], values: pd.Series, lower: pd.Series, upper: pd.Series, name: str, code: str, colour: str
) -> list[dict[str, Any]]:
    """One shaded 95% CI band per run of periods with an interval, grouped with the area's line."""
    has_ci = upper.notna() & lower.notna() & values.notna()
    return [
        dict(
            type="scatter",
            x=part + part[::-1],
            y=list(upper[part]) + list(lower[part][::-1]),
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
    rows: pd.DataFrame,
    order: list[str],
    values: pd.Series,
    lower: pd.Series,
    upper: pd.Series,
    legend_name: str,
    name: str,
    code: str,
    style: dict[str, str],
    value_type: str,
    decimals: int,
) -> dict[str, Any]:
    """The area's line: gaps stay gaps, open markers for illustrative values, hover in words."""
    illustrative = rows.get("illustrative", pd.Series([False] * len(rows), index=rows.index)).fillna(False).astype(bool)
    statuses = rows.get("status", pd.Series([None] * len(rows), index=rows.index))
    hover = []
    for period, value, status, flag, lo, hi in zip(order, values, statuses, illustrative, lower, upper):
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
            "symbol": marker_symbols(style["symbol"], list(illustrative)),
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
