"""How values are written on screen: units, suppression symbols, qualifiers.

Why one module: a suppressed value must read the same everywhere ("c – suppressed",
never "0"), and a published figure must be shown as printed ("over 95%").
"""

from __future__ import annotations

import math
from typing import Any

#: GSS / EES symbols and what they mean (anchors.md §3.3).
STATUS_MEANINGS: dict[str, str] = {
    "c": "suppressed (confidential)",
    "x": "not available",
    "z": "not applicable",
    "low": "rounds to zero, but is not zero",
    "k": "rounds to zero, but is not zero",
    "u": "low reliability",
    "~": "rounds to zero, but is not zero",
    ":": "not available",
    "provisional": "provisional",
    "revised": "revised",
    "unvalidated": "un-validated data",
}

UNIT_SUFFIX = {"percentage": "%"}


def is_missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


SHORT_MEANINGS: dict[str, str] = {
    "c": "suppressed",
    "x": "not available",
    "z": "not applicable",
    "u": "low reliability",
    ":": "not available",
}


def status_text(status: str | None, *, short: bool = False) -> str:
    """'c – suppressed (confidential)'; ``short`` gives 'c: suppressed' for tight spaces.

    A missing status (None, or NaN from a DataFrame column) reads "no data"."""
    if not isinstance(status, str) or not status:
        return "no data"
    if short:
        return f"{status}: {SHORT_MEANINGS.get(status, STATUS_MEANINGS.get(status, ''))}".rstrip(": ")
    meaning = STATUS_MEANINGS.get(status)
    return f"{status} – {meaning}" if meaning else status


def format_number(value: Any, value_type: str, decimals: int = 1) -> str:
    if is_missing(value):
        return ""
    number = float(value)
    if value_type == "count":
        return f"{number:,.0f}" if number.is_integer() else f"{number:,.{decimals}f}"
    text = f"{number:,.{decimals}f}"
    return text + UNIT_SUFFIX.get(value_type, "")


def format_value(
    value: Any,
    value_type: str,
    decimals: int = 1,
    *,
    status: str | None = None,
    value_text: str | None = None,
    qualifier: str | None = None,
    short: bool = False,
) -> str:
    """A value for display; missing values show their status, never zero."""
    if is_missing(value):
        return status_text(status, short=short)
    if value_text:
        shown = value_text
    else:
        shown = format_number(value, value_type, decimals)
    if qualifier and qualifier not in shown:
        shown = f"{qualifier} {shown}"
    if status in {"provisional", "revised", "unvalidated", "u"}:
        shown = f"{shown} ({STATUS_MEANINGS[status]})"
    return shown


def unit_phrase(unit: str, value_type: str) -> str:
    """The unit as a subtitle phrase: '%' reads 'Percentage'."""
    if value_type == "percentage" or unit.strip() == "%":
        return "Percentage"
    return unit[0].upper() + unit[1:] if unit else ""


def gap_unit(value_type: str, unit: str) -> str:
    """Differences of percentages are percentage points, not per cent."""
    if value_type == "percentage":
        return "percentage points"
    if value_type in {"score", "mean"}:
        return "points"
    return unit


def average_decimals(decimals: int) -> int:
    """Places for an average we compute (the statistical neighbours'): at least one, so the mean
    of whole-number figures (11.8%) does not read as a published whole number (12%)."""
    return max(decimals, 1)


def decimals_of(value: Any, default: int = 1) -> int:
    """An indicator's decimal places: 0 is a real choice (whole-number publishers: "63%"), only a
    missing value means ``default``. Never ``int(x or 1)``, which turns 0 into 1."""
    if value is None or is_missing(value):
        return default
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """ "1 row", "2 rows", "1 county council": a count with its noun in the right number."""
    return f"{count:,} {singular if count == 1 else (plural or singular + 's')}"
