"""Spine chart: every indicator for one area against England, one row per indicator.

Why this shape (Fingertips' area profile): each row is put on its own scale with the
England value in the middle, so indicators with different units can share one chart. Where
enough comparable areas have values, a light bar shows their range (lowest to highest) and a
darker bar their middle half (25th to 75th percentile). Rows are turned round so that, for
indicators with a polarity, *better is always on the right*; indicators with no agreed
polarity run low → high. The area's marker has a shape and a colour for its significance
against England, and the words are in the table and hover text (never colour alone).

Builders here are pure: a tidy DataFrame in (one row per indicator), a figure out.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analytics.compare import normalise_polarity
from analytics.frames import frame_records

# the range a spine chart draws is computed in analytics (the loader stores it too: data_access.judgement_store)
from analytics.ranks import MIN_AREAS_FOR_DISTRIBUTION as MIN_AREAS_FOR_DISTRIBUTION
from analytics.ranks import distribution as distribution
from components.theme import DARK_BLUE, DARK_GREY, SIGNIFICANCE_COLOURS, SIGNIFICANCE_SYMBOLS, TEXT

#: Columns a spine frame carries (``county`` and the distribution columns may be NaN).
SPINE_COLUMNS = [
    "label",  # row label (indicator short name)
    "value",  # the area's value
    "england",  # England's value for the same period
    "county",  # the county's value (districts only)
    "dist_min",
    "dist_q1",
    "dist_q3",
    "dist_max",
    "polarity",
    "significance",  # analytics.compare_to_benchmark words against England
    "hover",  # one line of words shown on hover
]

RANGE_COLOUR = "#D9DEE3"
MIDDLE_COLOUR = "#8A98A6"
ENGLAND_SYMBOL = "line-ns"
COUNTY_SYMBOL = "x-thin"
#: In rows with no distribution, differences smaller than this share of the centre value are
#: not stretched to the edge of the row (so small gaps do not look large).
MARKER_ONLY_MIN_HALF_WIDTH = 0.25
#: What the traces read besides the ``pos_*`` columns.
_TRACE_COLUMNS = {"label", "significance", "hover", "england", "england_text", "county", "county_text"}
_READ = {*SPINE_COLUMNS, *_TRACE_COLUMNS}


def _num(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def row_scale(row: dict[str, Any]) -> tuple[float, float, int] | None:
    """(centre, half width, orientation) for one row; None when there is nothing to place.

    Centre is England where known, else the distribution's middle, else the county.
    Orientation is -1 for lower-is-better so that better is on the right.
    """
    england, county = _num(row.get("england")), _num(row.get("county"))
    lo, hi = _num(row.get("dist_min")), _num(row.get("dist_max"))
    has_distribution = lo is not None and hi is not None
    if england is not None:
        centre = england
    elif lo is not None and hi is not None:
        q1, q3 = _num(row.get("dist_q1")), _num(row.get("dist_q3"))
        centre = (q1 + q3) / 2 if q1 is not None and q3 is not None else (lo + hi) / 2
    elif county is not None:
        centre = county
    else:
        return None
    points = [p for p in (_num(row.get("value")), england, county, lo, hi) if p is not None]
    half = max((abs(p - centre) for p in points), default=0.0)
    if not has_distribution:
        half = max(half, abs(centre) * MARKER_ONLY_MIN_HALF_WIDTH)
    if half == 0:
        half = abs(centre) * MARKER_ONLY_MIN_HALF_WIDTH or 1.0
    orientation = -1 if normalise_polarity(row.get("polarity")) == "lower_better" else 1
    return centre, half * 1.05, orientation


def position(value: Any, scale: tuple[float, float, int] | None) -> float | None:
    """Where a value sits on its row, 0 (worst or lowest) … 0.5 (centre) … 1 (best or highest)."""
    number = _num(value)
    if number is None or scale is None:
        return None
    centre, half, orientation = scale
    return 0.5 + orientation * (number - centre) / (2 * half)


def spine_positions(frame: pd.DataFrame) -> pd.DataFrame:
    """Add ``pos_*`` columns (0..1) for value, England, county and the distribution."""
    out = frame.copy()
    for column in SPINE_COLUMNS:
        if column not in out:
            out[column] = None
    records = frame_records(out)
    scales = [row_scale(r) for r in records]
    for name in ("value", "england", "county", "dist_min", "dist_q1", "dist_q3", "dist_max"):
        out[f"pos_{name}"] = [position(r.get(name), s) for r, s in zip(records, scales)]
    out["placed"] = [s is not None for s in scales]
    return out


def _layout(rows: int) -> dict[str, Any]:
    """The chart's layout for ``rows`` placed rows: the axis words, England's line, the legend."""
    return dict(
        barmode="overlay",
        height=190 + 40 * max(rows, 1),
        margin={"l": 10, "r": 20, "t": 40, "b": 10},
        legend={"orientation": "h", "x": 0, "y": 0, "yanchor": "top", "xanchor": "left", "font": {"size": 14}},
        showlegend=True,
        xaxis={
            "range": [-0.03, 1.03],
            "showticklabels": False,
            "ticks": "",
            "showgrid": False,
            "zeroline": False,
            "fixedrange": True,
            "side": "top",
        },
        yaxis={"autorange": "reversed", "automargin": True, "fixedrange": True, "ticks": "", "showgrid": False},
        annotations=[
            _axis_word("◀ worse (or lower)", 0, "left"),
            _axis_word("England", 0.5, "center"),
            _axis_word("better (or higher) ▶", 1, "right"),
        ],
        shapes=[
            {
                "type": "line",
                "xref": "x",
                "yref": "paper",
                "x0": 0.5,
                "x1": 0.5,
                "y0": 0,
                "y1": 1,
                "line": {"color": DARK_GREY, "width": 1, "dash": "dot"},
            }
        ],
    )


#: A chart's columns as numpy arrays, by name.
Columns = dict[str, np.ndarray]


def _present(columns: Columns, *names: str) -> np.ndarray:
    """Rows where every named column has a value (``DataFrame.dropna(subset=names)``)."""
    mask = np.ones(len(columns["label"]), dtype=bool)
    for name in names:
        mask &= ~pd.isna(columns[name])
    return mask


def _bar(columns: Columns, mask: np.ndarray, low: str, high: str, *, name: str, colour: str, width: float) -> dict[str, Any]:
    lows = columns[f"pos_{low}"][mask].astype(float)
    highs = columns[f"pos_{high}"][mask].astype(float)
    return dict(
        type="bar",
        y=columns["label"][mask],
        x=np.abs(highs - lows),
        base=np.minimum(lows, highs),
        orientation="h",
        name=name,
        marker={"color": colour, "line": {"width": 0}},
        width=width,
        hoverinfo="skip",
    )


def spine_chart_figure(
    frame: pd.DataFrame,
    *,
    area_name: str,
    county_name: str | None = None,
    range_label: str = "Range of comparable areas",
) -> go.Figure:
    """The spine chart: rows in the frame's order, top to bottom."""
    # only the columns the positions and traces read, before any copy or records are made (a
    # profile's rows carry ~60 columns)
    data = spine_positions(frame[[c for c in frame.columns if c in _READ or c.startswith("pos_")]])
    # a boolean mask even when no row is placed (an empty object Series would select columns, not rows)
    data = data[data["placed"].astype(bool)]
    # only the columns the traces read: each trace filters the frame, and a profile's rows carry
    # dozens of text columns that every filter would copy
    data = data[[c for c in data.columns if c.startswith("pos_") or c in _TRACE_COLUMNS]]
    # each column once as a numpy array, filtered by masks: a DataFrame filter per trace cost more
    # than the traces (the arrays handed to plotly are the ones the filtered columns gave)
    columns = {c: data[c].to_numpy() for c in data.columns}
    traces = [
        *_distribution_traces(columns, range_label),
        *_benchmark_traces(columns, county_name),
        *_value_traces(columns, area_name),
    ]
    # Traces and layout as dicts, validated once by the one ``go.Figure`` call: trace objects are
    # validated again when a figure takes them, and ``update_layout`` walks each nested key path
    # on its own; a profile page draws six of these charts (same figure, about half the time).
    return go.Figure(data=traces, layout=_layout(len(data)))


def _distribution_traces(columns: Columns, range_label: str) -> list[dict[str, Any]]:
    """The grey spine: comparable areas' lowest to highest, and their middle half."""
    with_distribution = _present(columns, "pos_dist_min", "pos_dist_max")
    if not with_distribution.any():
        return []
    quartiles = with_distribution & _present(columns, "pos_dist_q1", "pos_dist_q3")
    return [
        _bar(
            columns,
            with_distribution,
            "dist_min",
            "dist_max",
            name=f"{range_label}: lowest to highest",
            colour=RANGE_COLOUR,
            width=0.6,
        ),
        _bar(
            columns,
            quartiles,
            "dist_q1",
            "dist_q3",
            name="Middle half of those areas (25th to 75th percentile)",
            colour=MIDDLE_COLOUR,
            width=0.6,
        ),
    ]


def _benchmark_traces(columns: Columns, county_name: str | None) -> list[dict[str, Any]]:
    """England's marker on every row it has a value for, and the county's where there is one."""
    traces = []
    england = _present(columns, "pos_england")
    if england.any():
        traces.append(
            dict(
                type="scatter",
                x=columns["pos_england"][england],
                y=columns["label"][england],
                mode="markers",
                name="England",
                marker={"symbol": ENGLAND_SYMBOL, "size": 26, "line": {"width": 3, "color": TEXT}, "color": TEXT},
                hovertemplate="England: %{customdata}<extra></extra>",
                customdata=columns.get("england_text", columns["england"])[england],
            )
        )
    county = _present(columns, "pos_county")
    if county_name and county.any():
        traces.append(
            dict(
                type="scatter",
                x=columns["pos_county"][county],
                y=columns["label"][county],
                mode="markers",
                name=county_name,
                marker={"symbol": COUNTY_SYMBOL, "size": 16, "line": {"width": 3, "color": DARK_BLUE}, "color": DARK_BLUE},
                hovertemplate=f"{county_name}: %{{customdata}}<extra></extra>",
                customdata=columns.get("county_text", columns["county"])[county],
            )
        )
    return traces


def _value_traces(columns: Columns, area_name: str) -> list[dict[str, Any]]:
    """The area's own values, one trace per comparison label (shape, colour and legend words)."""
    placed = _present(columns, "pos_value")
    labels = np.array(["Not compared" if pd.isna(s) else s for s in columns["significance"]], dtype=object)
    traces = []
    for label in dict.fromkeys(labels[placed].tolist()):
        subset = placed & (labels == label)
        traces.append(
            dict(
                type="scatter",
                x=columns["pos_value"][subset],
                y=columns["label"][subset],
                mode="markers",
                name=f"{area_name}: {label.lower()} compared with England"
                if label != "Not compared"
                else f"{area_name}: not compared with England",
                marker={
                    "symbol": SIGNIFICANCE_SYMBOLS.get(label, "circle-open"),
                    "size": 17,
                    "color": TEXT if label == "Not compared" else SIGNIFICANCE_COLOURS.get(label, "#FFFFFF"),
                    "line": {"width": 2, "color": TEXT},
                },
                text=columns["hover"][subset],
                hovertemplate="%{text}<extra></extra>",
            )
        )
    return traces


def _axis_word(text: str, x: float, anchor: str) -> dict[str, Any]:
    """A word above the spine saying which way is worse, where England sits, which way is better."""
    return {
        "text": text,
        "x": x,
        "xref": "x",
        "xanchor": anchor,
        "y": 1,
        "yref": "paper",
        "yanchor": "bottom",
        "showarrow": False,
        "font": {"size": 14},
    }
