"""Attainment gaps: a dumbbell per area (disadvantaged vs other pupils, the gap drawn and
labelled in the measure's unit) and the gap's trend over time (one line per area, England as
the dashed reference).

Groups are told apart by marker shape and words as well as colour; published figures have
filled markers, illustrative values open ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from components.formatting import format_value, is_missing
from components.theme import DARK_BLUE, DARK_GREY, ORANGE, SECONDARY_TEXT
from components.trend_chart import area_styles, marker_symbols, provenance_legend

DISADVANTAGED = "Disadvantaged"
OTHER = "Not disadvantaged"
GROUP_STYLES = {
    DISADVANTAGED: {"color": ORANGE, "symbol": "circle", "label": "Disadvantaged pupils"},
    OTHER: {"color": DARK_BLUE, "symbol": "diamond", "label": "Other pupils (not disadvantaged)"},
}


def gap_text(value: float | None, unit_label: str, decimals: int) -> str:
    """'16.8 points', '12.3 percentage points'; never 'per cent'."""
    if value is None or is_missing(value):
        return "not calculated"
    return f"{float(value):.{decimals}f} {unit_label}"


def dumbbell_figure(
    frame: pd.DataFrame,
    *,
    value_type: str,
    decimals: int,
    unit_label: str,
    gap_unit: str,
    axis_title: str,
) -> go.Figure:
    """``frame`` (display order, top first): area_name, disadvantaged, other, gap, status_disadvantaged,
    status_other, illustrative_disadvantaged, illustrative_other, gap_label (text to show by the gap)."""
    rows = frame.iloc[::-1].reset_index(drop=True)  # plotly draws the first category at the bottom
    categories = [f"<b>{name}</b>" for name in rows["area_name"]]
    fig = go.Figure()
    fig.add_trace(_connectors(rows, categories))
    for key, column in ((DISADVANTAGED, "disadvantaged"), (OTHER, "other")):
        fig.add_trace(_group_trace(rows, categories, key, column, value_type, decimals))
    _gap_labels(fig, rows, categories, value_type)
    flags_all = (
        pd.concat(
            [rows.get("illustrative_disadvantaged", pd.Series(dtype=bool)), rows.get("illustrative_other", pd.Series(dtype=bool))]
        )
        .fillna(False)
        .astype(bool)
    )
    if flags_all.any() and not flags_all.all():
        provenance_legend(fig)
    fig.update_layout(
        showlegend=True,
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        xaxis={"title": axis_title, "range": _x_range(rows)},
        yaxis={"automargin": True, "categoryorder": "array", "categoryarray": categories, "type": "category"},
        height=max(360, 150 + 80 * len(rows)),
        margin={"l": 10, "r": 30, "t": 60, "b": 70},
        hovermode="closest",
    )
    return fig


def _connectors(rows: pd.DataFrame, categories: list[str]) -> go.Scatter:
    """The grey bar between each area's two groups, where both have a value."""
    line_x: list[float | None] = []
    line_y: list[str | None] = []
    for cat, d, o in zip(categories, rows["disadvantaged"], rows["other"]):
        if not is_missing(d) and not is_missing(o):
            line_x += [float(d), float(o), None]
            line_y += [cat, cat, None]
    return go.Scatter(x=line_x, y=line_y, mode="lines", line={"color": "#B1B4B6", "width": 8}, showlegend=False, hoverinfo="skip")


def _group_trace(rows: pd.DataFrame, categories: list[str], key: str, column: str, value_type: str, decimals: int) -> go.Scatter:
    """One group's markers (shape and words as well as colour), each value written beside it."""
    style = GROUP_STYLES[key]
    suffix = "disadvantaged" if key == DISADVANTAGED else "other"
    values = rows[column]
    statuses = rows.get(f"status_{suffix}", pd.Series([None] * len(rows)))
    flags = rows.get(f"illustrative_{suffix}", pd.Series([False] * len(rows))).fillna(False).astype(bool)
    # the lower value of each pair is labelled on its left, the higher on its right
    positions = []
    for d, o in zip(rows["disadvantaged"], rows["other"]):
        this, that = (d, o) if key == DISADVANTAGED else (o, d)
        left = not is_missing(this) and not is_missing(that) and float(this) < float(that)
        positions.append("middle left" if left else "middle right")
    texts = [
        "" if is_missing(v) else format_value(v, value_type, decimals, status=s if isinstance(s, str) else None)
        for v, s in zip(values, statuses)
    ]
    hover = [
        f"{name}: {style['label']} {format_value(None if is_missing(v) else v, value_type, decimals, status=s if isinstance(s, str) else None)}"
        + (" – illustrative" if f else "")
        for name, v, s, f in zip(rows["area_name"], values, statuses, flags)
    ]
    return go.Scatter(
        x=[None if is_missing(v) else float(v) for v in values],
        y=categories,
        mode="markers+text",
        name=style["label"],
        text=texts,
        textposition=positions,
        textfont={"size": 15},
        marker={
            "symbol": marker_symbols(style["symbol"], list(flags)),
            "size": 18,
            "color": style["color"],
            "line": {"width": 2.5, "color": style["color"]},
        },
        customdata=hover,
        hovertemplate="%{customdata}<extra></extra>",
    )


def _gap_labels(fig: go.Figure, rows: pd.DataFrame, categories: list[str], value_type: str) -> None:
    """The gap written above each pair; where a group is missing, "No gap:" and why instead."""
    for cat, d, o, label, sd, so in zip(
        categories,
        rows["disadvantaged"],
        rows["other"],
        rows["gap_label"],
        rows.get("status_disadvantaged", [None] * len(rows)),
        rows.get("status_other", [None] * len(rows)),
    ):
        if is_missing(d) or is_missing(o):
            _no_gap_label(fig, cat, d, o, sd, so, value_type)
            continue
        fig.add_annotation(
            x=(float(d) + float(o)) / 2,
            y=cat,
            xref="x",
            yref="y",
            text=label,
            showarrow=False,
            yshift=20,
            font={"size": 14, "color": SECONDARY_TEXT},
        )


def _no_gap_label(fig: go.Figure, cat: str, d: Any, o: Any, sd: Any, so: Any, value_type: str) -> None:
    missing = []
    if is_missing(d):
        missing.append("disadvantaged " + format_value(None, value_type, status=sd if isinstance(sd, str) else None))
    if is_missing(o):
        missing.append("other pupils " + format_value(None, value_type, status=so if isinstance(so, str) else None))
    present = [float(v) for v in (d, o) if not is_missing(v)]
    fig.add_annotation(
        x=present[0] if present else None,
        xref="x" if present else "paper",
        y=cat,
        yref="y",
        text="No gap: " + "; ".join(missing),
        showarrow=False,
        yshift=-22,
        xanchor="left" if not present else "center",
        font={"color": DARK_GREY, "style": "italic", "size": 13},
    )


def _x_range(rows: pd.DataFrame) -> list[float] | None:
    """Room either side of the values for the labels beside the markers."""
    present = pd.to_numeric(pd.concat([rows["disadvantaged"], rows["other"]]), errors="coerce").dropna()
    if present.empty:
        return None
    span = max(float(present.max() - present.min()), 1.0)
    return [float(present.min()) - 0.35 * span, float(present.max()) + 0.35 * span]


def _spread(values: list[float], min_gap: float) -> list[float]:
    """Label positions near ``values`` but at least ``min_gap`` apart (keeps end labels legible)."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    placed = [0.0] * len(values)
    previous = None
    for i in order:
        y = values[i] if previous is None else max(values[i], previous + min_gap)
        placed[i] = y
        previous = y
    return placed


def gap_trend_figure(
    frame: pd.DataFrame,
    *,
    period_order: Sequence[str],
    gap_unit: str,
    decimals: int,
) -> go.Figure:
    """``frame``: area_code, area_name, period_label, gap, illustrative. One line per area
    (England dashed), gaps left as gaps, the latest gap labelled at the line's end."""
    fig = go.Figure()
    order = list(period_order)
    codes = list(dict.fromkeys(frame["area_code"]))
    styles = area_styles(codes)
    for code in codes:
        fig.add_trace(_gap_line(frame, code, order, styles[code], gap_unit, decimals))
    _end_labels(fig, frame, codes, order, styles, decimals)
    flags_all = frame.get("illustrative", pd.Series(dtype=bool)).fillna(False).astype(bool)
    if flags_all.any() and not flags_all.all():
        provenance_legend(fig)
    fig.update_layout(
        showlegend=True,
        legend={"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0},
        height=480,
        margin={"l": 10, "r": 170, "t": 20, "b": 150},
        xaxis={"type": "category", "categoryorder": "array", "categoryarray": order},
        yaxis={"title": f"Gap ({gap_unit})", "rangemode": "tozero", "automargin": True},
        hovermode="closest",
    )
    return fig


def _gap_line(
    frame: pd.DataFrame, code: str, order: list[str], style: dict[str, str], gap_unit: str, decimals: int
) -> go.Scatter:
    """One area's gap over the periods, a missing period left as a gap."""
    part = frame[frame["area_code"] == code].set_index("period_label")
    part = part[~part.index.duplicated()].reindex(order)
    name = str(frame.loc[frame["area_code"] == code, "area_name"].iloc[0])
    gaps = pd.to_numeric(part["gap"], errors="coerce")
    flags = part.get("illustrative", pd.Series([False] * len(part), index=part.index)).fillna(False).astype(bool)
    return go.Scatter(
        x=order,
        y=[None if is_missing(g) else float(g) for g in gaps],
        mode="lines+markers",
        name=name,
        connectgaps=False,
        line={"color": style["color"], "dash": style["dash"], "width": 3 if style["dash"] == "solid" else 3.5},
        marker={
            "symbol": marker_symbols(style["symbol"], list(flags)),
            "size": 11,
            "color": style["color"],
            "line": {"width": 2, "color": style["color"]},
        },
        customdata=[
            f"{name}, {p}: gap {gap_text(g, gap_unit, decimals)}" + (" – illustrative" if f else "")
            for p, g, f in zip(order, gaps, flags)
        ],
        hovertemplate="%{customdata}<extra></extra>",
    )


def _end_labels(
    fig: go.Figure, frame: pd.DataFrame, codes: list[str], order: list[str], styles: dict[str, dict[str, str]], decimals: int
) -> None:
    """The latest gap of each line, labelled at the right edge and spaced so labels never overlap."""
    ends = []
    for code in codes:
        part = frame[(frame["area_code"] == code) & frame["gap"].notna()]
        part = part[part["period_label"].isin(order)]
        if part.empty:
            continue
        last = part.iloc[-1] if "period_sort" not in part else part.sort_values("period_sort").iloc[-1]
        ends.append((str(last["area_name"]), float(last["gap"]), str(last["period_label"]), styles[code]["color"]))
    if not ends:
        return
    top = max(1.0, float(pd.to_numeric(frame["gap"], errors="coerce").max()))
    positions = _spread([e[1] for e in ends], top * 0.07)
    for (name, value, _period, colour), y in zip(ends, positions):
        fig.add_annotation(
            x=1,
            xref="paper",
            y=y,
            yref="y",
            xanchor="left",
            showarrow=False,
            text=f"<b>{name}</b> {value:.{decimals}f}",
            font={"color": colour, "size": 14},
        )
