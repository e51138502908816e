"""The shipped district shapes: rebuilt from the ONS files byte for byte, small, and keyed by code."""

import json
from pathlib import Path

import pytest

from seed import build_boundaries
from seed.build_boundaries import OUT_DIR, SOURCES, simplify_ring

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
        assert shipped["attribution"] == (
            "Source: Office for National Statistics licensed under the Open Government Licence v.3.0. "
            "Contains OS data © Crown copyright and database right 2024"
        )
    assert "Open Government Licence" in (OUT_DIR / "README.md").read_text(encoding="utf-8")


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
