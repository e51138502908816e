"""Area shapes for the maps: the GeoJSON files shipped in ``seed/boundaries/``.

Why here: the read API is the one place the app fetches what it shows, and the shapes ship
with the code (built by ``seed.build_boundaries`` from the ONS files), not in the database,
so no migration and no ``../shared`` at run time. Every ``*.geojson`` in the folder is read;
a collection's ``level`` says which map it serves (``district``: a county's districts;
``council``: England's upper-tier councils), and where two district files have the same code
the one with the higher ``detail`` wins (Hertfordshire's own generalised file over the
ultra-generalised England file).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

BOUNDARY_DIR = Path(__file__).resolve().parents[2] / "seed" / "boundaries"
DISTRICT = "district"
COUNCIL = "council"


@lru_cache(maxsize=8)
def _load(directory: str, level: str) -> tuple[tuple[str, str, str], ...]:
    """(code, feature as JSON text, its file's attribution) for one level, read once per process.

    Kept as text so the cache holds nothing a caller could change; callers get fresh dicts.
    """
    features: dict[str, tuple[int, str, str, str]] = {}
    for path in sorted(Path(directory).glob("*.geojson")):
        collection = json.loads(path.read_text(encoding="utf-8"))
        if str(collection.get("level") or DISTRICT) != level:
            continue
        detail = int(collection.get("detail") or 0)
        attribution = str(collection.get("attribution") or "")
        for feature in collection.get("features", []):
            code = str(feature.get("id") or feature["properties"]["code"])
            if code not in features or detail > features[code][0]:
                features[code] = (detail, code, json.dumps(feature), attribution)
    return tuple(features[code][1:] for code in sorted(features))


def _collection(level: str, codes: Iterable[str] | None, directory: Path | None) -> dict[str, Any]:
    wanted = None if codes is None else set(codes)
    chosen = [row for row in _load(str(directory or BOUNDARY_DIR), level) if wanted is None or row[0] in wanted]
    attribution = "; ".join(dict.fromkeys(row[2] for row in chosen if row[2]))
    return {"type": "FeatureCollection", "attribution": attribution, "features": [json.loads(row[1]) for row in chosen]}


def district_boundaries(codes: Iterable[str] | None = None, directory: Path | None = None) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of the shipped district shapes for ``codes`` (all when None).

    Codes without a shipped shape are simply absent: the caller says which were left out.
    The collection's ``attribution`` member holds the ONS/OS licence text for the shapes returned.
    """
    return _collection(DISTRICT, codes, directory)


def council_boundaries(codes: Iterable[str] | None = None, directory: Path | None = None) -> dict[str, Any]:
    """England's upper-tier councils (counties, unitaries, metropolitan and London boroughs) as a
    FeatureCollection, all 153 when ``codes`` is None, with the attribution as above."""
    return _collection(COUNCIL, codes, directory)
