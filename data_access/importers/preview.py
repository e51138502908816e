"""What a checked file would do, in the terms a person reads on ``/admin/import``.

Why a separate, JSON-safe summary: the check (a dry run) and the page may run on different servers,
so the preview travels as plain data. It names indicators (not ids), shows a few rows as they will be
stored (area name, period, value, status) and counts the areas by level with where they sit, so an
analyst can see at a glance that the file is the one they meant. Formatting stays with the page.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from data_access.importers.reference_data import ReferenceData
from data_access.importers.report import IndicatorSpec, RegistrableArea

SAMPLE_ROWS = 5
#: a level's plural for "179 wards"
PLURALS = {
    "country": "countries",
    "region": "regions",
    "county": "county councils",
    "unitary": "unitary councils",
    "district": "districts",
    "ward": "wards",
    "msoa": "MSOAs (neighbourhoods)",
    "lsoa": "LSOAs (small neighbourhoods)",
    "icb": "integrated care boards",
    "sub_icb": "sub-ICB locations",
    "combined_authority": "combined authorities",
    "other": "other areas",
}
#: a level's singular for "1 county council"
SINGULARS = {
    "country": "country",
    "region": "region",
    "county": "county council",
    "unitary": "unitary council",
    "district": "district",
    "ward": "ward",
    "msoa": "MSOA (neighbourhood)",
    "lsoa": "LSOA (small neighbourhood)",
    "icb": "integrated care board",
    "sub_icb": "sub-ICB location",
    "combined_authority": "combined authority",
    "other": "other area",
}


def build_preview(
    frame: pd.DataFrame,
    indicators: dict[str, IndicatorSpec],
    reference: ReferenceData,
    to_register: dict[str, RegistrableArea],
) -> dict[str, Any]:
    """``indicators`` (name, unit, new), ``samples`` (rows as stored) and ``areas`` (count per level)."""

    def area_name(code: str) -> str:
        if code in reference.areas:
            return reference.areas[code][0]
        return to_register[code][0] if code in to_register else code

    in_rows = set(frame["indicator_id"].unique().tolist()) if not frame.empty else set()
    return {
        "indicators": [
            {
                "id": spec.id,
                "name": spec.name,
                "unit": spec.unit,
                "value_type": spec.value_type,
                "decimals": spec.decimals,
                "new": reference.indicator(spec.id) is None,
            }
            for spec in indicators.values()
            if frame.empty or spec.id in in_rows
        ],
        "samples": _samples(frame, indicators, area_name),
        "areas": _areas(frame, reference, to_register, area_name),
    }


def _samples(frame: pd.DataFrame, indicators: dict[str, IndicatorSpec], area_name: Any) -> list[dict[str, Any]]:
    """Up to five rows spread through the file (first, last and between), as they will be stored."""
    if frame.empty:
        return []
    positions = sorted(set(np.linspace(0, len(frame) - 1, num=min(SAMPLE_ROWS, len(frame))).round().astype(int).tolist()))
    rows = []
    for position in positions:
        row = frame.iloc[position]
        spec = indicators.get(str(row["indicator_id"]))
        value = row.get("value")
        breakdown = "" if str(row.get("breakdown_dimension")) == "Total" else f"{row.get('breakdown_value')}"
        rows.append(
            {
                "line": int(row["line"]),
                "indicator": spec.name if spec else str(row["indicator_id"]),
                "area": area_name(str(row["area_code"])),
                "area_code": str(row["area_code"]),
                "period": str(row.get("period_label") or ""),
                "breakdown": breakdown,
                "value": None if value is None or pd.isna(value) else float(value),
                "value_type": spec.value_type if spec else "other",
                "decimals": spec.decimals if spec else 1,
                "unit": spec.unit if spec else "",
                "status": None if pd.isna(row.get("status")) else str(row.get("status")),
            }
        )
    return rows


def _new_parent(to_register: dict[str, RegistrableArea], code: str) -> str | None:
    entry = to_register.get(code)
    return entry[2] if entry is not None and len(entry) > 2 else None


def _areas(
    frame: pd.DataFrame, reference: ReferenceData, to_register: dict[str, RegistrableArea], area_name: Any
) -> list[dict[str, Any]]:
    """Per level: how many areas, how many new, and the areas they sit in (their parents' names)."""
    if frame.empty:
        return []
    out = []
    codes = sorted(set(frame["area_code"].dropna().astype(str).tolist()))
    levels: dict[str, list[str]] = {}
    for code in codes:
        level = (
            reference.areas[code][1] if code in reference.areas else (to_register[code][1] if code in to_register else "other")
        )
        levels.setdefault(level, []).append(code)
    for level, members in levels.items():
        parents = sorted({p for p in (reference.parents.get(code) or _new_parent(to_register, code) for code in members) if p})
        grand = sorted({reference.parents[p] for p in parents if reference.parents.get(p)})
        within = grand if len(parents) > 3 and 0 < len(grand) <= 3 else parents
        out.append(
            {
                "level": level,
                "plural": PLURALS.get(level, f"{level} areas"),
                "singular": SINGULARS.get(level, f"{level} area"),
                "count": len(members),
                "new": sum(1 for code in members if code in to_register),
                "within": [area_name(code) for code in within[:3]],
                "within_count": len(within),
            }
        )
    order = {level: rank for rank, level in enumerate(PLURALS)}
    return sorted(out, key=lambda entry: order.get(str(entry["level"]), len(order)))
