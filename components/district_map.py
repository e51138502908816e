"""A real map of districts: ONS generalised boundaries filled by significance (or quartile).

Why filled scatter polygons on plain axes, not ``go.Choropleth``: the browser is served
plotly.js's *basic* bundle (scatter, bar, pie; see ``web.performance``), which has no geo
traces, and every geo trace with ``locations`` makes plotly.js fetch a base-map topojson
from ``cdn.plot.ly`` (no internet here; the page and kaleido's exports would stall). So the
shapes are projected here (equirectangular, x scaled by cos(latitude), fine at county size),
drawn as ``fill="toself"`` polygons and fitted to the districts shown (the equivalent of
``fitbounds="locations"``), with no tiles and no network.

Colour never carries meaning alone: each district's label point has a marker in the category's
shape (``SIGNIFICANCE_SYMBOLS``), the legend names the categories, labels give name and value,
and the hover gives the comparison in words. Pure: DataFrame and GeoJSON in, figure out.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from components.compare_chart import LEGEND_ORDER
from components.formatting import format_value
from components.theme import DARK_BLUE, LIGHT_BLUE, MID_BLUE, SIGNIFICANCE_COLOURS, SIGNIFICANCE_SYMBOLS, TEXT

#: Quartile bands (A the best quarter where the indicator has a polarity), darkest first.
QUARTILE_COLOURS = {"A": DARK_BLUE, "B": MID_BLUE, "C": LIGHT_BLUE, "D": "#D2E6F7", "not ranked": "#FFFFFF"}
QUARTILE_SYMBOLS = {"A": "triangle-up", "B": "diamond", "C": "square", "D": "triangle-down", "not ranked": "circle-open"}
_COMPARISON_WORDS = {
    "Better": "significantly better than",
    "Similar": "not significantly different from",
    "Worse": "significantly worse than",
    "Higher": "significantly higher than",
    "Lower": "significantly lower than",
    "Not compared": "not tested against",
}
NO_DATA_FILL = "#FFFFFF"
MARGIN = {"l": 10, "r": 10, "t": 36, "b": 44}
LABEL_SIZE = 12
#: A near-white box behind each name, so it reads at full contrast over any fill and any border.
LABEL_BACKGROUND = "rgba(255,255,255,0.85)"


def shape_codes(geojson: Mapping[str, Any]) -> list[str]:
    """The district codes a GeoJSON collection has shapes for."""
    return [str(f.get("id") or f["properties"]["code"]) for f in geojson.get("features", [])]


def missing_shapes(codes: Iterable[str], geojson: Mapping[str, Any]) -> list[str]:
    """Codes (in the order given) without a shape: these stay on the tile grid only."""
    have = set(shape_codes(geojson))
    return [c for c in codes if c not in have]


def outer_rings(geometry: Mapping[str, Any]) -> list[list[list[float]]]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"][0]]
    if geometry["type"] == "MultiPolygon":
        return [polygon[0] for polygon in geometry["coordinates"]]
    return []


def _projector(features: list[Mapping[str, Any]]) -> Callable[[float, float], tuple[float, float]]:
    lats = [pt[1] for f in features for ring in outer_rings(f["geometry"]) for pt in ring]
    mid = (min(lats) + max(lats)) / 2 if lats else 52.0
    k = math.cos(math.radians(mid))
    # 5 decimals (about 1 m) keeps the figure's JSON small without moving anything visibly
    return lambda lon, lat: (round(lon * k, 5), round(lat, 5))


def category_of(row: pd.Series, colour_by: str) -> str:
    if colour_by == "quartile":
        value = row.get("quartile")
        value = value if isinstance(value, str) else row.get("quartile_band")
        return str(value) if isinstance(value, str) and value in QUARTILE_COLOURS else "not ranked"
    value = row.get("significance")
    return str(value) if isinstance(value, str) and value in SIGNIFICANCE_COLOURS else "Not compared"


def legend_name(category: str, colour_by: str) -> str:
    if colour_by != "quartile":
        return category
    return "Not ranked" if category == "not ranked" else f"Quartile {category}" + (" (best)" if category == "A" else "")


def marker_traces(
    points: Mapping[str, Mapping[str, list[Any]]],
    order: Sequence[str],
    colour_by: str,
    symbols: Mapping[str, str],
    colours: Mapping[str, str],
    *,
    size: int,
    line_width: float,
) -> list[dict[str, Any]]:
    """One marker trace per category (in legend order): the shape and colour that carry the
    category for readers who cannot tell the fills apart, shared by the district and England maps."""
    return [
        {
            "type": "scatter",
            "x": points[category]["x"],
            "y": points[category]["y"],
            "mode": "markers",
            "name": legend_name(category, colour_by),
            "legendgroup": category,
            "hovertext": points[category]["hover"],
            "hoverinfo": "text",
            "marker": {
                "symbol": symbols.get(category, "circle"),
                "size": size,
                "color": TEXT if symbols.get(category, "").endswith("-open") else colours.get(category, NO_DATA_FILL),
                "line": {"color": TEXT, "width": line_width},
            },
        }
        for category in order
        if category in points
    ]


def comparison_words(category: str, colour_by: str, benchmark_name: str) -> str:
    if colour_by == "quartile":
        return "not ranked" if category == "not ranked" else f"quartile {category} (A is the best quarter)"
    return f"{_COMPARISON_WORDS.get(category, 'not tested against')} {benchmark_name}"


def district_map_figure(
    frame: pd.DataFrame,
    geojson: Mapping[str, Any],
    *,
    value_type: str,
    decimals: int,
    benchmark_name: str,
    attribution: str,
    colour_by: str = "significance",
    height: int = 460,
) -> go.Figure:
    """``frame``: area_code, area_name, value, status and significance (or quartile with
    ``colour_by="quartile"``). Districts are matched to shapes by code; rows without a shape
    are not drawn (the caller says so in words) and shapes without a row are drawn empty."""
    colours = QUARTILE_COLOURS if colour_by == "quartile" else SIGNIFICANCE_COLOURS
    symbols = QUARTILE_SYMBOLS if colour_by == "quartile" else SIGNIFICANCE_SYMBOLS
    order = list(QUARTILE_COLOURS) if colour_by == "quartile" else LEGEND_ORDER
    by_code = {str(r["area_code"]): r for _, r in frame.iterrows()}
    features = [f for f in geojson.get("features", []) if shape_codes({"features": [f]})[0] in by_code]
    project = _projector(features)

    fills: list[dict[str, Any]] = []
    points: dict[str, dict[str, list]] = {}
    labels: list[tuple[float, float, str, float]] = []
    xs_all: list[float] = []
    ys_all: list[float] = []
    for feature in features:
        code = shape_codes({"features": [feature]})[0]
        row = by_code[code]
        category = category_of(row, colour_by)
        name = str(row.get("area_name") or feature["properties"].get("name") or code)
        value = format_value(row.get("value"), value_type, decimals, status=row.get("status"), short=True)
        hover = f"<b>{name}</b><br>{value}<br>{comparison_words(category, colour_by, benchmark_name)}"
        xs, ys = _projected_rings(feature, project)
        xs_all += [x for x in xs if x is not None]
        ys_all += [y for y in ys if y is not None]
        fills.append(_fill(xs, ys, colours.get(category, NO_DATA_FILL), hover, category))
        props = feature["properties"]
        lx, ly = project(float(props.get("label_lon", 0.0)), float(props.get("label_lat", 0.0)))
        bucket = points.setdefault(category, {"x": [], "y": [], "hover": []})
        bucket["x"].append(lx)
        bucket["y"].append(ly)
        bucket["hover"].append(hover)
        labels.append((lx, ly, name, _ring_area(xs, ys)))

    markers = marker_traces(points, order, colour_by, symbols, colours, size=12, line_width=1.5)
    plot_height = height - MARGIN["t"] - MARGIN["b"]
    span = (max(ys_all) - min(ys_all)) * 1.06 if ys_all else 1.0
    annotations = place_labels(labels, plot_height / span if span else 1.0)
    annotations.append(attribution_annotation(attribution))
    return _figure([*fills, *markers], annotations, xs_all, ys_all, height)


def _figure(
    traces: list[dict[str, Any]], annotations: list[dict[str, Any]], xs_all: list[float], ys_all: list[float], height: int
) -> go.Figure:
    xaxis, yaxis = _fitted_axes(xs_all, ys_all)
    # one constructor call: plotly validates every update, and separate updates cost as much again
    return go.Figure(
        data=traces,
        layout={
            "annotations": annotations,
            "xaxis": xaxis,
            "yaxis": yaxis,
            "height": height,
            "margin": MARGIN,
            "dragmode": False,
            "hovermode": "closest",
            "legend": {"orientation": "h", "x": 0, "xanchor": "left", "y": 1.0, "yanchor": "bottom", "title": {"text": ""}},
        },
    )


def _projected_rings(
    feature: Mapping[str, Any], project: Callable[[float, float], tuple[float, float]]
) -> tuple[list[float | None], list[float | None]]:
    """A district's outer rings on the map's plane, rings separated by None."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    for ring in outer_rings(feature["geometry"]):
        for lon, lat in ring:
            x, y = project(lon, lat)
            xs.append(x)
            ys.append(y)
        xs.append(None)
        ys.append(None)
    return xs, ys


def _fill(xs: list[float | None], ys: list[float | None], colour: str, hover: str, category: str) -> dict[str, Any]:
    """One district's filled shape, hovered anywhere inside it."""
    return {
        "type": "scatter",
        "x": xs,
        "y": ys,
        "mode": "lines",
        "fill": "toself",
        "fillcolor": colour,
        "line": {"color": TEXT, "width": 1},
        "hoveron": "fills",
        "hoverinfo": "name",
        "name": hover,
        "showlegend": False,
        "legendgroup": category,
    }


def _fitted_axes(xs_all: list[float], ys_all: list[float]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Hidden axes at one scale, fitted to the districts drawn (what fitbounds="locations" does on a geo map)."""
    xaxis: dict[str, Any] = {"visible": False, "fixedrange": True, "constrain": "domain"}
    yaxis: dict[str, Any] = {"visible": False, "fixedrange": True, "scaleanchor": "x", "scaleratio": 1, "constrain": "domain"}
    if xs_all:
        pad_x = (max(xs_all) - min(xs_all)) * 0.03
        pad_y = (max(ys_all) - min(ys_all)) * 0.03
        xaxis["range"] = [min(xs_all) - pad_x, max(xs_all) + pad_x]
        yaxis["range"] = [min(ys_all) - pad_y, max(ys_all) + pad_y]
    return xaxis, yaxis


def attribution_annotation(attribution: str) -> dict[str, Any]:
    """The boundaries' source and licence under the map's bottom right corner (every map says whose
    shapes it draws: the district map and the map of England's councils)."""
    return {
        "xref": "paper",
        "yref": "paper",
        "x": 1,
        "y": 0,
        "xanchor": "right",
        "yanchor": "top",
        "yshift": -4,
        "showarrow": False,
        "align": "right",
        "text": wrap_attribution(attribution),
        "font": {"size": 11, "color": TEXT},
    }


def _ring_area(xs: list[float | None], ys: list[float | None]) -> float:
    """Shoelace area of the projected rings (None separates rings)."""
    total = 0.0
    ring: list[tuple[float, float]] = []
    for x, y in [*zip(xs, ys), (None, None)]:
        if x is None or y is None:
            total += abs(sum(ax * by - bx * ay for (ax, ay), (bx, by) in zip(ring, ring[1:] + ring[:1]))) / 2
            ring = []
        else:
            ring.append((x, y))
    return total


def place_labels(labels: list[tuple[float, float, str, float]], px_per_unit: float) -> list[dict]:
    """District names under their label points, moved aside where they would overlap.

    Greedy and deterministic: the smallest districts (least room) are placed first at their
    point; each later name takes the first position (below, above, right, left of its point)
    whose estimated box overlaps no placed one. Box sizes are estimated from the font size and
    the figure's nominal height, which is close enough for a county of ten districts.
    """
    placed: list[tuple[float, float, float, float]] = []
    out: list[dict] = []
    line = LABEL_SIZE * 1.3
    for x, y, name, _area in sorted(labels, key=lambda item: (item[3], item[2])):
        width = LABEL_SIZE * 0.6 * len(name) + 6
        px, py = x * px_per_unit, y * px_per_unit
        candidates = [
            (0, -(8 + line / 2)),
            (0, 8 + line / 2),
            (width / 2 + 8, 0),
            (-(width / 2 + 8), 0),
            (0, -(8 + line * 1.5)),
            (0, 8 + line * 1.5),
        ]
        chosen = candidates[0]
        for dx, dy in candidates:
            box = (px + dx - width / 2, py + dy - line / 2, px + dx + width / 2, py + dy + line / 2)
            if not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed):
                chosen = (dx, dy)
                break
        dx, dy = chosen
        placed.append((px + dx - width / 2, py + dy - line / 2, px + dx + width / 2, py + dy + line / 2))
        out.append(
            {
                "x": x,
                "y": y,
                "xshift": dx,
                "yshift": dy,
                "showarrow": False,
                "text": f"<b>{name}</b>",
                "font": {"color": TEXT, "size": LABEL_SIZE},
                "bgcolor": LABEL_BACKGROUND,
                "borderpad": 1,
            }
        )
    return out


def wrap_attribution(text: str) -> str:
    """Break the attribution at sentence ends so it fits under a half-width chart."""
    parts = [p.strip() for p in text.replace(". ", ".\n").split("\n") if p.strip()]
    return "<br>".join(parts)
