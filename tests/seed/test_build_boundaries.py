"""The shipped shapes: rebuilt from the ONS files byte for byte, small, keyed by the codes the
data uses, every English district and upper-tier council, shared borders still shared."""

import json
import re
from pathlib import Path

import pytest

from seed import build_boundaries
from seed.build_boundaries import (
    OUT_DIR,
    SOURCES,
    BoundarySource,
    SharedSimplifier,
    build_collection,
    douglas_peucker,
    simplify_ring,
)

HERTS_DISTRICTS = {
    "E07000095",
    "E07000096",
    "E07000098",
    "E07000099",
    "E07000102",
    "E07000103",
    "E07000240",
    "E07000241",
    "E07000242",
    "E07000243",
}


def test_rebuild_from_the_ons_files_gives_the_committed_bytes(realdata: Path, tmp_path: Path) -> None:
    for path in build_boundaries.build(realdata, tmp_path):
        assert path.read_bytes() == (OUT_DIR / path.name).read_bytes(), (
            f"{path.name} differs: rerun python -m seed.build_boundaries --from ../shared/realdata"
        )


def test_every_source_is_shipped_with_its_ogl_attribution() -> None:
    for source in SOURCES:
        shipped = json.loads((OUT_DIR / f"{source.out_name}.geojson").read_text(encoding="utf-8"))
        assert re.fullmatch(
            r"Source: Office for National Statistics licensed under the Open Government Licence v3\.0\. "
            r"Contains OS data © Crown copyright and database right 20(23|24)",
            shipped["attribution"],
        )
    assert "Open Government Licence" in (OUT_DIR / "README.md").read_text(encoding="utf-8")


def _shipped(name: str) -> dict:
    return json.loads((OUT_DIR / f"{name}.geojson").read_text(encoding="utf-8"))


def _rings(feature: dict) -> list:
    geometry = feature["geometry"]
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return [ring for polygon in polygons for ring in polygon]


def test_all_england_is_shipped_small_under_the_codes_the_data_uses() -> None:
    districts, councils = _shipped("lad_dec2023_england"), _shipped("ctyua_2024_england")
    assert (districts["level"], councils["level"]) == ("district", "council")
    assert len(districts["features"]) == 296 and len(councils["features"]) == 153
    prefixes = [f["id"][:3] for f in councils["features"]]
    assert {p: prefixes.count(p) for p in set(prefixes)} == {"E06": 63, "E08": 36, "E09": 33, "E10": 21}
    # Barnsley and Sheffield under their 2024 codes (the area table's), not the files' old ones
    codes = {f["id"] for f in councils["features"]} | {f["id"] for f in districts["features"]}
    assert {"E08000038", "E08000039"} <= codes and not {"E08000016", "E08000019"} & codes
    total = sum(path.stat().st_size for path in OUT_DIR.glob("*.geojson"))
    assert total < 1_000_000  # well under the few MB the repository allows for shapes


def test_every_label_point_lies_inside_its_shape() -> None:
    """14 districts of the ONS file carry a placeholder label at 50.0N, in the Channel: replaced."""
    for name in ("lad_dec2023_england", "ctyua_2024_england", "lad_may2024_herts"):
        for feature in _shipped(name)["features"]:
            point = (feature["properties"]["label_lon"], feature["properties"]["label_lat"])
            geometry = feature["geometry"]
            polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
            inside = any(build_boundaries._inside(point, [[tuple(p) for p in r] for r in poly]) for poly in polygons)
            assert inside, f"{name}: {feature['id']} label {point} is outside its shape"


def test_shared_borders_stay_shared_after_simplification() -> None:
    """Hertfordshire and Bedfordshire's unitaries meet along a border: every vertex Central
    Bedfordshire has within Hertfordshire's outline region is one Hertfordshire has too."""
    councils = {f["id"]: f for f in _shipped("ctyua_2024_england")["features"]}
    herts = {tuple(p) for r in _rings(councils["E10000015"]) for p in r}
    central_beds = {tuple(p) for r in _rings(councils["E06000056"]) for p in r}
    shared = herts & central_beds
    assert len(shared) >= 5  # the common border survived simplification on both sides identically


def _square(x0: float, y0: float, size: float, steps: int) -> list[list[float]]:
    """A closed square ring with ``steps`` vertices per side (collinear points to simplify away)."""
    side = [i / steps * size for i in range(steps)]
    ring = [[x0 + d, y0] for d in side] + [[x0 + size, y0 + d] for d in side]
    ring += [[x0 + size - d, y0 + size] for d in side] + [[x0, y0 + size - d] for d in side]
    return [*ring, ring[0]]


def test_simplifier_keeps_junctions_and_gives_both_neighbours_the_same_border() -> None:
    left = _square(0.0, 50.0, 1.0, 10)
    right = [[x + 1.0, y] for x, y in _square(0.0, 50.0, 1.0, 10)]
    raw = {
        "features": [
            {"type": "Feature", "properties": {"CD": "A", "NM": "Left"}, "geometry": {"type": "Polygon", "coordinates": [left]}},
            {
                "type": "Feature",
                "properties": {"CD": "B", "NM": "Right"},
                "geometry": {"type": "Polygon", "coordinates": [right]},
            },
        ]
    }
    source = BoundarySource("x", "x", "test", "CD", "NM", "attr", decimals=4, tolerance=0.01)
    out = build_collection(raw, source)
    a, b = (f["geometry"]["coordinates"][0] for f in out["features"])
    assert len(a) == 5 and len(b) == 5  # collinear points gone: four corners and the closing point
    border_a = {tuple(p) for p in a if p[0] == 1.0}
    border_b = {tuple(p) for p in b if p[0] == 1.0}
    assert border_a == border_b == {(1.0, 50.0), (1.0, 51.0)}
    assert out["features"][0]["properties"]["label_lon"] == pytest.approx(0.5, abs=0.05)


def test_douglas_peucker_keeps_what_is_farther_than_the_tolerance() -> None:
    line = [(0.0, 0.0), (1.0, 0.001), (2.0, 0.5), (3.0, 0.0)]
    assert douglas_peucker(line, 0.3) == [(0.0, 0.0), (2.0, 0.5), (3.0, 0.0)]
    assert douglas_peucker(line, 0.01) == line
    assert douglas_peucker(line, 0) == line


def test_an_enclave_and_the_hole_around_it_are_simplified_identically() -> None:
    inner = [(float(x), float(y)) for x, y in _square(0.4, 50.4, 0.2, 8)]
    hole = inner[::-1]
    simplifier = SharedSimplifier({"outer": [hole], "inner": [inner]}, 0.001)
    assert set(simplifier.ring(inner)) == set(simplifier.ring(hole))


def test_herts_shapes_are_small_recognisable_and_keyed_by_code() -> None:
    path = OUT_DIR / "lad_may2024_herts.geojson"
    assert 5_000 < path.stat().st_size < 50_000
    shipped = json.loads(path.read_text(encoding="utf-8"))
    assert {f["id"] for f in shipped["features"]} == HERTS_DISTRICTS
    for feature in shipped["features"]:
        ring = feature["geometry"]["coordinates"][0]
        assert ring[0] == ring[-1] and len(ring) >= 20  # an outline, not a box
        lons, lats = [p[0] for p in ring], [p[1] for p in ring]
        assert -0.8 < min(lons) and max(lons) < 0.2 and 51.5 < min(lats) and max(lats) < 52.1  # Hertfordshire
        assert all(len(repr(v).split(".")[-1]) <= 4 for v in lons + lats)  # rounded to 4 decimals
        assert min(lons) <= feature["properties"]["label_lon"] <= max(lons)


def test_rounding_drops_repeats_keeps_the_ring_closed_and_never_writes_minus_zero() -> None:
    ring = [[0.00001, 51.0], [0.00002, 51.00001], [0.1, 51.0], [0.1, 51.1], [-0.00001, 51.0]]
    out = simplify_ring(ring)
    assert out == [[0.0, 51.0], [0.1, 51.0], [0.1, 51.1], [0.0, 51.0]]
    assert "-0.0" not in json.dumps(out)


def test_a_ring_that_rounds_away_is_an_error() -> None:
    with pytest.raises(ValueError, match="collapsed"):
        simplify_ring([[0.00001, 51.0], [0.00002, 51.00001], [0.00001, 51.0]])
