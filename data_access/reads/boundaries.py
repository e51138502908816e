"""District shapes for the map: the GeoJSON files shipped in ``seed/boundaries/``.

Why here: the read API is the one place the app fetches what it shows, and the shapes ship
with the code (built by ``seed.build_boundaries`` from the ONS files), not in the database,
so no migration and no ``../shared`` at run time. Every ``*.geojson`` in the folder is read and
merged by district code, so adding a county's file is enough for the map to draw it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

BOUNDARY_DIR = Path(__file__).resolve().parents[2] / "seed" / "boundaries"


@lru_cache(maxsize=4)
def _load(directory: str) -> tuple[tuple[str, str, str], ...]:
    """(code, feature as JSON text, its file's attribution), read once per process.

    Kept as text so the cache holds nothing a caller could change; callers get fresh dicts.
    """
    features: dict[str, tuple[str, str, str]] = {}
    for path in sorted(Path(directory).glob("*.geojson")):
        collection = json.loads(path.read_text(encoding="utf-8"))
        attribution = str(collection.get("attribution") or "")
        for feature in collection.get("features", []):
            code = str(feature.get("id") or feature["properties"]["code"])
            features.setdefault(code, (code, json.dumps(feature), attribution))
    return tuple(features[code] for code in sorted(features))


def district_boundaries(codes: Iterable[str] | None = None, directory: Path | None = None) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of the shipped shapes for ``codes`` (all when None).

    Codes without a shipped shape are simply absent: the caller says which were left out.
    The collection's ``attribution`` member holds the ONS/OS licence text for the shapes returned.
    """
    wanted = None if codes is None else set(codes)
    chosen = [row for row in _load(str(directory or BOUNDARY_DIR)) if wanted is None or row[0] in wanted]
    attribution = "; ".join(dict.fromkeys(row[2] for row in chosen if row[2]))
    return {"type": "FeatureCollection", "attribution": attribution, "features": [json.loads(row[1]) for row in chosen]}
