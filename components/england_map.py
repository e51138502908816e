"""A map of all England's upper-tier councils, filled by quartile or by the verdict against England.

Why the same technique as ``components.district_map`` (filled scatter polygons on plain axes):
the browser gets plotly.js's basic bundle (no geo traces), and a geo trace would fetch a base map
from the internet. Why one fill trace per category rather than one per council: 153 councils as
153 traces make a slow, heavy figure; a trace whose rings are separated by gaps fills each ring.
Counties with a hole (a unitary inside them, such as Nottingham in Nottinghamshire) are drawn
first, so the unitary is drawn over the hole, not hidden under the county's fill.

London's 33 boroughs are drawn a second time, enlarged, in an inset over the North Sea, so a
borough is more than a few pixels. Colour never carries meaning alone: each council's label point
has a marker in the category's shape (named in the legend), the hover gives name, value and
verdict in words, the councils a page is about are outlined (and named in the legend), and every
value is in the table under the map. Pure: DataFrame and GeoJSON in, figure out.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from components.compare_chart import LEGEND_ORDER
from components.district_map import (
    NO_DATA_FILL,
    QUARTILE_COLOURS,
    QUARTILE_SYMBOLS,
    attribution_annotation,
    category_of,
    comparison_words,
    marker_traces,
    outer_rings,
    shape_codes,
)
from components.formatting import format_value
from components.theme import ORANGE, SIGNIFICANCE_COLOURS, SIGNIFICANCE_SYMBOLS, TEXT

#: Equirectangular with x scaled by cos(52.5°), England's middle latitude: distortion is a few per
#: cent at the Scottish border and the Channel, invisible at this size.
_COS = math.cos(math.radians(52.5))
#: London's inset: the boroughs enlarged ×2.2 around this centre, moved to this point (lon, lat) in
#: the empty sea east of Yorkshire, inside a framed box.
LONDON_PREFIX = "E09"
INSET_SCALE = 3.0
INSET_FROM = (-0.11, 51.49)
INSET_TO = (1.15, 54.9)
MARGIN = {"l": 10, "r": 10, "t": 10, "b": 60}
FOCUS_COLOUR = ORANGE
OUTLINE_COLOUR = TEXT


def project(lon: float, lat: float) -> tuple[float, float]:
    """Degrees to the map's plane (rounded to 4 decimals: about 10 m, far below a pixel)."""
    return round(lon * _COS, 4), round(lat, 4)


def _inset(lon: float, lat: float) -> tuple[float, float]:
    return (
        INSET_TO[0] + (lon - INSET_FROM[0]) * INSET_SCALE,
        INSET_TO[1] + (lat - INSET_FROM[1]) * INSET_SCALE,
    )


def _path(rings: Sequence[Sequence[Sequence[float]]], inset: bool = False) -> tuple[list[float | None], list[float | None]]:
    xs: list[float | None] = []
    ys: list[float | None] = []
    for ring in rings:
        for lon, lat in ring:
            x, y = project(*(_inset(lon, lat) if inset else (lon, lat)))
            xs.append(x)
            ys.append(y)
        xs.append(None)
        ys.append(None)
    return xs, ys


def _has_hole(geometry: Mapping[str, Any]) -> bool:
    if geometry["type"] == "Polygon":
        return len(geometry["coordinates"]) > 1
    return any(len(polygon) > 1 for polygon in geometry["coordinates"])


def england_map_figure(
    frame: pd.DataFrame,
    geojson: Mapping[str, Any],
    *,
    value_type: str,
    decimals: int,
    attribution: str,
    colour_by: str = "quartile",
    benchmark_name: str = "England",
    outlined: Sequence[str] = (),
    focus: str | None = None,
    outlined_label: str = "Outlined",
    height: int = 720,
) -> go.Figure:
    """``frame``: area_code, area_name, value, status, and significance or quartile. Every shape is
    drawn (councils without a row are "not ranked"/"Not compared"); ``outlined`` councils get a
    dark outline and ``focus`` a thick orange one; London is repeated, enlarged, in an inset."""
    colours = QUARTILE_COLOURS if colour_by == "quartile" else SIGNIFICANCE_COLOURS
    symbols = QUARTILE_SYMBOLS if colour_by == "quartile" else SIGNIFICANCE_SYMBOLS
    order = list(QUARTILE_COLOURS) if colour_by == "quartile" else LEGEND_ORDER
    by_code = {str(r["area_code"]): r for _, r in frame.iterrows()}
    paths = _Paths()
    for feature in geojson.get("features", []):
        code = shape_codes({"features": [feature]})[0]
        row = by_code.get(code, _EMPTY)
        category = category_of(row, colour_by)
        name = str(row.get("area_name") or feature["properties"].get("name") or code)
        value = format_value(row.get("value"), value_type, decimals, status=row.get("status"), short=True)
        hover = f"<b>{name}</b><br>{value}<br>{comparison_words(category, colour_by, benchmark_name)}"
        outline = "focus" if code == focus else ("outlined" if code in outlined else "")
        paths.add(feature, code, category, hover, outline)

    traces = _fill_traces(paths.fills, colours, order)
    traces += marker_traces(paths.points, order, colour_by, symbols, colours, size=7, line_width=1)
    focus_name = str(by_code.get(focus or "", _EMPTY).get("area_name") or focus or "")
    traces += _outline_traces(paths.outlines, focus_name, outlined_label)
    shapes, annotations = _london_frame(paths.london)
    annotations.append(attribution_annotation(attribution))
    return go.Figure(
        data=traces,
        layout={
            "annotations": annotations,
            "shapes": shapes,
            "xaxis": {"visible": False, "fixedrange": True, "constrain": "domain"},
            "yaxis": {"visible": False, "fixedrange": True, "scaleanchor": "x", "scaleratio": 1, "constrain": "domain"},
            "height": height,
            "margin": MARGIN,
            "dragmode": False,
            "hovermode": "closest",
            # down the left, in the sea west of Cornwall and Wales: England is tall, the space beside it empty
            "legend": {"orientation": "v", "x": 0, "xanchor": "left", "y": 1.0, "yanchor": "top", "title": {"text": ""}},
        },
    )


_EMPTY = pd.Series(dtype=object)
Path = tuple[list[float | None], list[float | None]]


@dataclass
class _Paths:
    """What the councils add up to: one fill path per (layer, category) (layer 0: councils with
    holes, 1: the rest, 2: London inset), label points per category, the outline paths, and the
    inset's projected points (for its frame)."""

    fills: dict[tuple[int, str], Path] = field(default_factory=dict)
    points: dict[str, dict[str, list[Any]]] = field(default_factory=dict)
    outlines: dict[str, Path] = field(default_factory=lambda: {"outlined": ([], []), "focus": ([], [])})
    london: list[tuple[float, float]] = field(default_factory=list)

    def add(self, feature: Mapping[str, Any], code: str, category: str, hover: str, outline: str) -> None:
        rings = outer_rings(feature["geometry"])
        layers = [(0 if _has_hole(feature["geometry"]) else 1, False)]
        if code.startswith(LONDON_PREFIX):
            layers.append((2, True))
        props = feature["properties"]
        for layer, inset in layers:
            xs, ys = _path(rings, inset)
            path = self.fills.setdefault((layer, category), ([], []))
            path[0].extend(xs)
            path[1].extend(ys)
            if inset:
                self.london += [(x, y) for x, y in zip(xs, ys) if x is not None and y is not None]
            lon, lat = float(props.get("label_lon", 0.0)), float(props.get("label_lat", 0.0))
            lx, ly = project(*(_inset(lon, lat) if inset else (lon, lat)))
            bucket = self.points.setdefault(category, {"x": [], "y": [], "hover": []})
            bucket["x"].append(lx)
            bucket["y"].append(ly)
            bucket["hover"].append(hover)
            if outline:
                self.outlines[outline][0].extend(xs)
                self.outlines[outline][1].extend(ys)


def _fill_traces(fills: Mapping[tuple[int, str], Path], colours: Mapping[str, str], order: Sequence[str]) -> list[dict[str, Any]]:
    """One filled trace per layer and category, councils with holes first (see the module docstring)."""
    return [
        {
            "type": "scatter",
            "x": fills[key][0],
            "y": fills[key][1],
            "mode": "lines",
            "fill": "toself",
            "fillcolor": colours.get(key[1], NO_DATA_FILL),
            "line": {"color": TEXT, "width": 0.5},
            "hoverinfo": "skip",
            "showlegend": False,
            "legendgroup": key[1],
        }
        for key in sorted(fills, key=lambda k: (k[0], order.index(k[1]) if k[1] in order else len(order)))
    ]


def _outline_traces(outlines: Mapping[str, Path], focus_name: str, outlined_label: str) -> list[dict[str, Any]]:
    """The outlines of the councils the page is about, named in the legend."""
    return [
        {
            "type": "scatter",
            "x": xs,
            "y": ys,
            "mode": "lines",
            "name": f"{focus_name} (thick orange outline)" if kind == "focus" else f"{outlined_label} (dark outline)",
            "line": {"color": FOCUS_COLOUR if kind == "focus" else OUTLINE_COLOUR, "width": 3.5 if kind == "focus" else 2.2},
            "hoverinfo": "skip",
        }
        for kind, (xs, ys) in outlines.items()
        if xs
    ]


def _london_frame(london: list[tuple[float, float]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The box round London's inset and its title (none when no borough is drawn)."""
    if not london:
        return [], []
    x0, x1 = min(x for x, _ in london), max(x for x, _ in london)
    y0, y1 = min(y for _, y in london), max(y for _, y in london)
    pad = 0.04
    box = {
        "type": "rect",
        "x0": x0 - pad,
        "x1": x1 + pad,
        "y0": y0 - pad,
        "y1": y1 + pad * 7,
        "line": {"color": TEXT, "width": 1},
        "fillcolor": "rgba(0,0,0,0)",
    }
    title = {
        "x": (x0 + x1) / 2,
        "y": y1 + pad * 4,
        "text": f"London (enlarged ×{INSET_SCALE:g})",
        "showarrow": False,
        "font": {"color": TEXT, "size": 12},
    }
    return [box], [title]
