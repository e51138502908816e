"""Parsing API query parameters into validated values, with errors a person can act on."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from data_access import reads
from data_access.models import TOTAL
from views.benchmarks import parse_model as parse


@dataclass
class ApiError(Exception):
    status: int
    title: str
    message: str
    extra: dict[str, Any] = field(default_factory=dict)


def parse_areas(raw: str | None) -> tuple[list[str] | None, list[str]]:
    """Comma-separated GSS codes → current codes; predecessor codes are mapped with a note."""
    if not raw or not raw.strip():
        return None, []
    codes = [part.strip().upper() for part in raw.split(",") if part.strip()]
    if len(codes) > 500:
        raise ApiError(400, "Bad Request", "At most 500 area codes may be requested at once.")
    resolved: list[str] = []
    notes: list[str] = []
    unknown: list[str] = []
    for code in codes:
        current = reads.resolve_area_code(code)
        if current is None:
            unknown.append(code)
        else:
            if current != code:
                notes.append(f"{code} is a predecessor code; shown as {current}.")
            if current not in resolved:
                resolved.append(current)
    if unknown:
        raise ApiError(
            404,
            "Not Found",
            f"Unknown area code(s): {', '.join(unknown)}. See /api/v1/areas.",
            {"unknown_areas": unknown},
        )
    return resolved, notes


def parse_breakdown(raw: str | None) -> tuple[str, list[str] | None]:
    """``disadvantage`` (every value) or ``disadvantage:Disadvantaged`` or nothing (Total)."""
    if not raw or not raw.strip():
        return TOTAL, [TOTAL]
    dimension, _, value = raw.partition(":")
    dimension = dimension.strip()
    if dimension.lower() == TOTAL.lower():
        return TOTAL, [TOTAL]
    values = [v.strip() for v in value.split("|") if v.strip()] if value else None
    return dimension, values


def parse_level(raw: str | None) -> float:
    if raw in (None, "", "95"):
        return 95.0
    if raw == "99.8":
        return 99.8
    raise ApiError(400, "Bad Request", "level must be 95 or 99.8.")


def parse_model(raw: str | None) -> str:
    """The DfE statistical-neighbour model: 2025 (default) or 2021."""
    try:
        return parse(raw)
    except ValueError as error:
        raise ApiError(400, "Bad Request", f"{error}.") from error
