"""Build the shapes the maps draw: ``python -m seed.build_boundaries --from <realdata folder>``.

Why a build step: the app must never read ``../shared``, and the ONS boundary files are larger
and more precise than a chart needs. Three collections are written to ``seed/boundaries/``:

* ``lad_may2024_herts`` — Hertfordshire's ten districts from the generalised (BSC) product, every
  vertex kept (rounded to 4 decimals), the most detailed shapes, preferred where a code has two;
* ``lad_dec2023_england`` — all 296 English districts (ultra generalised, BUC), so the district
  map can draw any county's districts;
* ``ctyua_2024_england`` — England's 153 upper-tier councils, simplified for a map of England.

Simplification keeps shared borders shared: vertices are rounded, then a Douglas–Peucker pass runs
on each stretch of border *between junctions* (points where the set of areas touching the border
changes), in one canonical direction, so both neighbours of a border get the identical line and no
slivers or gaps open. A ring that would collapse is kept as rounded only (an island may vanish;
each area keeps at least its largest polygon). Every area gets a label point inside it: ONS's own
(``LONG``/``LAT``) where the file has one inside the shape, else the grid point farthest from the
outline.

Output is deterministic (sorted features, fixed rounding, one feature a line); running it twice on
the same files gives identical bytes, which the suite checks against the committed files. Each
collection carries its OGL/OS attribution, which every map and export prints.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

OUT_DIR = Path(__file__).resolve().parent / "boundaries"
DECIMALS = 4  # kept as the default for the Herts districts (about 11 m north–south)

Point = tuple[float, float]


def attribution(year: int) -> str:
    """The ONS/OS attribution the OGL asks for, with the boundaries' copyright year."""
    return (
        "Source: Office for National Statistics licensed under the Open Government Licence v3.0. "
        f"Contains OS data © Crown copyright and database right {year}"
    )


@dataclass(frozen=True)
class BoundarySource:
    """One input file, how to simplify it and what to call its output."""

    file: str  # under --from (``.gz`` is read as gzip)
    out_name: str  # seed/boundaries/<out_name>.geojson
    product: str  # the ONS product name
    code_property: str
    name_property: str
    attribution: str
    level: str = "district"  # "district" (the county map) or "council" (the England map)
    detail: int = 1  # where two files have the same code, the higher detail wins
    decimals: int = DECIMALS
    tolerance: float = 0.0  # Douglas–Peucker tolerance in degrees; 0 keeps every rounded vertex


#: Codes the boundary files carry that the area table knows by their successor: the 2024 change of
#: the Barnsley–Sheffield boundary gave both councils new codes; the shapes moved by a few fields,
#: invisible at map scale, so the shapes are shipped under the current codes the data uses.
SUCCESSOR_CODES = {"E08000016": "E08000038", "E08000019": "E08000039"}

SOURCES: tuple[BoundarySource, ...] = (
    BoundarySource(
        file="boundaries_herts_LAD_May2024_BSC.geojson",
        out_name="lad_may2024_herts",
        product="Local Authority Districts (May 2024) Boundaries UK BSC",
        code_property="LAD24CD",
        name_property="LAD24NM",
        attribution=attribution(2024),
        detail=2,
    ),
    BoundarySource(
        file="geo/ons_lad_dec2023_england_buc.geojson.gz",
        out_name="lad_dec2023_england",
        product="Local Authority Districts (December 2023) Boundaries UK BUC, England",
        code_property="LAD23CD",
        name_property="LAD23NM",
        attribution=attribution(2023),
        detail=1,
        decimals=4,
        tolerance=0.0005,
    ),
    BoundarySource(
        file="geo/ons_ctyua_2024_england_bsc.geojson.gz",
        out_name="ctyua_2024_england",
        product="Counties and Unitary Authorities (2024), England, super generalised (ONSvisual uk-topojson)",
        code_property="CTYUA24CD",
        name_property="CTYUA24NM",
        attribution=attribution(2024),
        level="council",
        decimals=3,
        tolerance=0.005,
    ),
)


def round_point(pair: Sequence[float], decimals: int = DECIMALS) -> list[float]:
    """One vertex rounded; "+ 0.0" turns -0.0 into 0.0 so the text never depends on the side of zero."""
    return [round(float(pair[0]), decimals) + 0.0, round(float(pair[1]), decimals) + 0.0]


def simplify_ring(ring: Sequence[Sequence[float]], decimals: int = DECIMALS) -> list[list[float]]:
    """Round every vertex and drop consecutive repeats; the ring stays closed."""
    out: list[list[float]] = []
    for pair in ring:
        point = round_point(pair, decimals)
        if not out or point != out[-1]:
            out.append(point)
    if out and out[0] != out[-1]:
        out.append(list(out[0]))
    if len(out) < 4:
        raise ValueError(f"a ring collapsed to {len(out)} points when rounded to {decimals} decimals")
    return out


def _polygons(geometry: dict[str, Any]) -> list[list[list[list[float]]]]:
    kind = geometry["type"]
    if kind == "Polygon":
        return [geometry["coordinates"]]
    if kind == "MultiPolygon":
        return list(geometry["coordinates"])
    raise ValueError(f"unexpected geometry type {kind!r}")


def _geometry(polygons: list[list[list[list[float]]]]) -> dict[str, Any]:
    if len(polygons) == 1:
        return {"type": "Polygon", "coordinates": polygons[0]}
    return {"type": "MultiPolygon", "coordinates": polygons}


def simplify_geometry(geometry: dict[str, Any], decimals: int = DECIMALS) -> dict[str, Any]:
    """Rounded, repeats dropped (no Douglas–Peucker): the shape of the Herts districts."""
    return _geometry([[simplify_ring(r, decimals) for r in polygon] for polygon in _polygons(geometry)])


def _segment_distance(p: Point, a: Point, b: Point) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    if dx == 0 and dy == 0:
        return math.hypot(p[0] - a[0], p[1] - a[1])
    t = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)))
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)


def douglas_peucker(line: Sequence[Point], tolerance: float) -> list[Point]:
    """The line's end points and the vertices needed to stay within ``tolerance`` of it (iterative)."""
    if len(line) <= 2 or tolerance <= 0:
        return list(line)
    keep = [False] * len(line)
    keep[0] = keep[-1] = True
    stack = [(0, len(line) - 1)]
    while stack:
        start, end = stack.pop()
        best, index = 0.0, -1
        for i in range(start + 1, end):
            d = _segment_distance(line[i], line[start], line[end])
            if d > best:
                best, index = d, i
        if index >= 0 and best > tolerance:
            keep[index] = True
            stack += [(start, index), (index, end)]
    return [p for p, k in zip(line, keep) if k]


class SharedSimplifier:
    """Douglas–Peucker on the stretches between junctions, the same line for both sides of a border.

    ``owners`` maps each rounded vertex to the areas whose rings pass through it; a segment belongs
    to the areas owning both its ends, and a vertex where that set changes along a ring is a
    junction and is always kept. Each stretch is simplified in
    a canonical direction and cached, so a border shared by two areas is simplified once.
    """

    def __init__(self, rings_by_area: dict[str, list[list[Point]]], tolerance: float) -> None:
        self.tolerance = tolerance
        self.owners: dict[Point, frozenset[str]] = {}
        seen: dict[Point, set[str]] = {}
        for area, rings in rings_by_area.items():
            for ring in rings:
                for point in ring:
                    seen.setdefault(point, set()).add(area)
        self.owners = {p: frozenset(a) for p, a in seen.items()}
        self._cache: dict[tuple[Point, ...], list[Point]] = {}

    def _stretch(self, points: list[Point]) -> list[Point]:
        forward = tuple(points)
        backward = forward[::-1]
        key = min(forward, backward)
        if key not in self._cache:
            self._cache[key] = douglas_peucker(list(key), self.tolerance)
        out = self._cache[key]
        return list(out) if key == forward else out[::-1]

    def ring(self, ring: list[Point]) -> list[Point]:
        """A closed ring (first == last) simplified; returned closed."""
        open_ring = ring[:-1]
        n = len(open_ring)
        # the areas along each segment (those owning both its ends); a junction is a vertex where
        # that set changes, i.e. where one border ends and another begins
        segment = [self.owners[open_ring[i]] & self.owners[open_ring[(i + 1) % n]] for i in range(n)]
        junctions = [i for i in range(n) if segment[i - 1] != segment[i]]
        if not junctions:  # a ring nothing else touches differently (an island, or an enclave and its hole)
            start = min(range(n), key=lambda i: open_ring[i])
            rotated = open_ring[start:] + open_ring[:start]
            if rotated[-1] < rotated[1]:  # one canonical direction, whichever side owns the ring
                rotated = [rotated[0], *rotated[1:][::-1]]
            half = len(rotated) // 2
            first = self._stretch(rotated[: half + 1])
            second = self._stretch([*rotated[half:], rotated[0]])
            simplified = first + second[1:]
            return simplified
        out: list[Point] = []
        for j, start in enumerate(junctions):
            end = junctions[(j + 1) % len(junctions)]
            stretch = open_ring[start : end + 1] if end > start else open_ring[start:] + open_ring[: end + 1]
            piece = self._stretch(stretch)
            out += piece if not out else piece[1:]
        if out[0] != out[-1]:
            out.append(out[0])
        return out


def _inner_point(polygon: list[list[Point]], steps: int = 24) -> Point:
    """A label point inside the polygon: of a grid over its box, the point farthest from any edge."""
    outer = polygon[0]
    xs, ys = [p[0] for p in outer], [p[1] for p in outer]
    edges = [(ring[i], ring[i + 1]) for ring in polygon for i in range(len(ring) - 1)]
    best: tuple[float, Point] | None = None
    for i in range(1, steps):
        for j in range(1, steps):
            point = (min(xs) + (max(xs) - min(xs)) * i / steps, min(ys) + (max(ys) - min(ys)) * j / steps)
            if not _inside(point, polygon):
                continue
            distance = min(_segment_distance(point, a, b) for a, b in edges)
            if best is None or distance > best[0]:
                best = (distance, point)
    return best[1] if best else (sum(xs) / len(xs), sum(ys) / len(ys))


def _inside(point: Point, polygon: list[list[Point]]) -> bool:
    """Even–odd rule over the outer ring and its holes."""
    x, y = point
    inside = False
    for ring in polygon:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
            if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
                inside = not inside
    return inside


def ring_area(ring: Sequence[Point]) -> float:
    return abs(sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring, ring[1:]))) / 2


def build_collection(raw: dict[str, Any], source: BoundarySource) -> dict[str, Any]:
    """The shipped FeatureCollection: one feature per area, sorted by code, with its label point."""
    rounded, names, labels = _read_features(raw, source)
    simplifier = SharedSimplifier(
        {code: [ring for polygon in polygons for ring in polygon] for code, polygons in rounded.items()}, source.tolerance
    )
    features = [
        _feature(code, names[code], labels.get(code), _simplified(rounded[code], simplifier, source), source)
        for code in sorted(rounded)
    ]
    return {
        "type": "FeatureCollection",
        "name": source.out_name,
        "level": source.level,
        "detail": source.detail,
        "product": source.product,
        "attribution": source.attribution,
        "built_from": source.file,
        "simplification": f"vertices rounded to {source.decimals} decimal places (EPSG:4326); consecutive repeats dropped"
        + (
            f"; Douglas-Peucker at {source.tolerance} degrees between border junctions (shared borders stay shared)"
            if source.tolerance > 0
            else ""
        ),
        "features": features,
    }


def _read_features(
    raw: dict[str, Any], source: BoundarySource
) -> tuple[dict[str, list[list[list[Point]]]], dict[str, str], dict[str, Point]]:
    """Each area's rounded polygons, name and ONS label point (where given), by current code."""
    rounded: dict[str, list[list[list[Point]]]] = {}
    names: dict[str, str] = {}
    labels: dict[str, Point] = {}
    for feature in raw["features"]:
        props = feature["properties"]
        code = str(props[source.code_property]).strip()
        code = SUCCESSOR_CODES.get(code, code)
        if code in rounded:
            raise ValueError(f"{source.file}: duplicate area code {code}")
        names[code] = str(props[source.name_property]).strip()
        rounded[code] = _rounded_polygons(feature, code, source)
        if "LONG" in props and "LAT" in props:
            labels[code] = (float(props["LONG"]), float(props["LAT"]))
    return rounded, names, labels


def _rounded_polygons(feature: dict[str, Any], code: str, source: BoundarySource) -> list[list[list[Point]]]:
    polygons: list[list[list[Point]]] = []
    for polygon in _polygons(feature["geometry"]):
        rings = []
        for ring in polygon:
            try:
                rings.append([(p[0], p[1]) for p in simplify_ring(ring, source.decimals)])
            except ValueError:
                if not rings:  # an outer ring that rounds away: the whole polygon goes (a speck)
                    break
        if rings:
            polygons.append(rings)
    if not polygons:
        raise ValueError(f"{source.file}: {code} vanished when rounded to {source.decimals} decimals")
    return polygons


def _simplified(
    polygons: list[list[list[Point]]], simplifier: SharedSimplifier, source: BoundarySource
) -> list[list[list[Point]]]:
    """An area's polygons, largest first, simplified; an island that collapses is dropped."""
    largest_first = sorted(polygons, key=lambda poly: -ring_area(poly[0]))
    out_polygons: list[list[list[Point]]] = []
    for rank, shape in enumerate(largest_first):
        kept: list[list[Point]] = []
        for k, outline in enumerate(shape):
            simple = simplifier.ring(outline) if source.tolerance > 0 else outline
            if len(simple) < 4 or ring_area(simple) == 0:
                if k == 0 and rank > 0:
                    break  # a small island that collapses is dropped
                simple = outline  # the main outline (or a hole) is kept as rounded
            kept.append(simple)
        if kept:
            out_polygons.append(kept)
    return out_polygons


def _feature(
    code: str, name: str, given: Point | None, out_polygons: list[list[list[Point]]], source: BoundarySource
) -> dict[str, Any]:
    # ONS's label point where it lies inside the shape (14 districts of the England file carry a
    # placeholder at latitude 50.0, in the Channel); else the computed inner point
    label = given if given and any(_inside(given, poly) for poly in out_polygons) else _inner_point(out_polygons[0])
    return {
        "type": "Feature",
        "id": code,
        "properties": {
            "code": code,
            "name": name,
            "label_lon": round(label[0], source.decimals) + 0.0,
            "label_lat": round(label[1], source.decimals) + 0.0,
        },
        "geometry": _geometry([[[list(p) for p in ring] for ring in poly] for poly in out_polygons]),
    }


def render(collection: dict[str, Any]) -> str:
    """Compact, stable text: one feature a line so a diff shows which area changed."""
    head = {k: v for k, v in collection.items() if k != "features"}
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in collection["features"]]
    opening = json.dumps(head, ensure_ascii=False, separators=(",", ":"))[:-1] + ',"features":[\n'
    return opening + ",\n".join(lines) + "\n]}\n"


def read_source(path: Path) -> dict[str, Any]:
    """A GeoJSON file, gzip-compressed when its name ends in ``.gz``."""
    data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    loaded: dict[str, Any] = json.loads(data.decode("utf-8"))
    return loaded


def build(source_dir: Path, out_dir: Path = OUT_DIR, sources: Sequence[BoundarySource] = SOURCES) -> list[Path]:
    """Write every source into ``out_dir``; returns the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for source in sources:
        raw = read_source(source_dir / source.file)
        path = out_dir / f"{source.out_name}.geojson"
        path.write_text(render(build_collection(raw, source)), encoding="utf-8", newline="\n")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--from", dest="source_dir", required=True, type=Path, help="the realdata folder (geo/ inside)")
    parser.add_argument("--out", dest="out_dir", type=Path, default=OUT_DIR)
    args = parser.parse_args(argv)
    for path in build(args.source_dir, args.out_dir):
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
