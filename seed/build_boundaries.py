"""Build the district shapes the map draws: ``python -m seed.build_boundaries --from <realdata folder>``.

Why a build step: the app must never read ``../shared``, and the ONS generalised (BSC) boundary
files are larger and more precise than a county-sized chart needs. This keeps each district's
outline (every vertex, rounded to 4 decimal places of a degree, about 11 m north–south, so the
shapes stay recognisable and shared borders stay identical on both sides), drops the repeated
points rounding creates, and writes ``seed/boundaries/<name>.geojson`` with the ONS/OS attribution
inside. Running it twice on the same files gives identical bytes; the suite checks that against
the committed files.

Any county's districts can be added: put another row in ``SOURCES`` (a GeoJSON subset of the
same ONS product, keyed by the GSS code) and rebuild. The map reads every file in the folder and
draws the districts it finds by code; districts without a shape stay on the tile grid only.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

OUT_DIR = Path(__file__).resolve().parent / "boundaries"
DECIMALS = 4


@dataclass(frozen=True)
class BoundarySource:
    """One input file and what to call its output."""

    file: str  # under --from
    out_name: str  # seed/boundaries/<out_name>.geojson
    product: str  # the ONS Open Geography Portal product name
    code_property: str
    name_property: str
    attribution: str


ONS_OS_2024 = (
    "Source: Office for National Statistics licensed under the Open Government Licence v.3.0. "
    "Contains OS data © Crown copyright and database right 2024"
)

SOURCES: tuple[BoundarySource, ...] = (
    BoundarySource(
        file="boundaries_herts_LAD_May2024_BSC.geojson",
        out_name="lad_may2024_herts",
        product="Local Authority Districts (May 2024) Boundaries UK BSC",
        code_property="LAD24CD",
        name_property="LAD24NM",
        attribution=ONS_OS_2024,
    ),
)


def _point(pair: list[float]) -> list[float]:
    # "+ 0.0" turns -0.0 into 0.0 so the text never depends on which side of zero a point rounded from
    return [round(float(pair[0]), DECIMALS) + 0.0, round(float(pair[1]), DECIMALS) + 0.0]


def simplify_ring(ring: list[list[float]]) -> list[list[float]]:
    """Round every vertex and drop consecutive repeats; the ring stays closed."""
    out: list[list[float]] = []
    for pair in ring:
        point = _point(pair)
        if not out or point != out[-1]:
            out.append(point)
    if out and out[0] != out[-1]:
        out.append(list(out[0]))
    if len(out) < 4:
        raise ValueError(f"a ring collapsed to {len(out)} points when rounded to {DECIMALS} decimals")
    return out


def simplify_geometry(geometry: dict[str, Any]) -> dict[str, Any]:
    kind = geometry["type"]
    if kind == "Polygon":
        return {"type": "Polygon", "coordinates": [simplify_ring(r) for r in geometry["coordinates"]]}
    if kind == "MultiPolygon":
        return {
            "type": "MultiPolygon",
            "coordinates": [[simplify_ring(r) for r in polygon] for polygon in geometry["coordinates"]],
        }
    raise ValueError(f"unexpected geometry type {kind!r}")


def build_collection(raw: dict[str, Any], source: BoundarySource) -> dict[str, Any]:
    """The shipped FeatureCollection: one feature per district, sorted by code, with its label point."""
    features: list[dict[str, Any]] = []
    for feature in raw["features"]:
        props = feature["properties"]
        code = str(props[source.code_property]).strip()
        features.append(
            {
                "type": "Feature",
                "id": code,
                "properties": {
                    "code": code,
                    "name": str(props[source.name_property]).strip(),
                    # ONS's own label point (LONG/LAT: inside the shape), where the district's name goes
                    "label_lon": round(float(props["LONG"]), DECIMALS) + 0.0,
                    "label_lat": round(float(props["LAT"]), DECIMALS) + 0.0,
                },
                "geometry": simplify_geometry(feature["geometry"]),
            }
        )
    features.sort(key=lambda f: f["id"])
    codes = [f["id"] for f in features]
    if len(set(codes)) != len(codes):
        raise ValueError(f"{source.file}: duplicate district codes")
    return {
        "type": "FeatureCollection",
        "name": source.out_name,
        "product": source.product,
        "attribution": source.attribution,
        "built_from": source.file,
        "simplification": f"vertices rounded to {DECIMALS} decimal places (EPSG:4326); consecutive repeats dropped",
        "features": features,
    }


def render(collection: dict[str, Any]) -> str:
    """Compact, stable text: one feature a line so a diff shows which district changed."""
    head = {k: v for k, v in collection.items() if k != "features"}
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in collection["features"]]
    opening = json.dumps(head, ensure_ascii=False, separators=(",", ":"))[:-1] + ',"features":[\n'
    return opening + ",\n".join(lines) + "\n]}\n"


def build(source_dir: Path, out_dir: Path = OUT_DIR) -> list[Path]:
    """Write every ``SOURCES`` file into ``out_dir``; returns the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for source in SOURCES:
        raw = json.loads((source_dir / source.file).read_text(encoding="utf-8"))
        path = out_dir / f"{source.out_name}.geojson"
        path.write_text(render(build_collection(raw, source)), encoding="utf-8", newline="\n")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="source_dir", required=True, type=Path, help="folder holding the ONS boundary subsets")
    parser.add_argument("--out", dest="out_dir", type=Path, default=OUT_DIR)
    args = parser.parse_args(argv)
    for path in build(args.source_dir, args.out_dir):
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
