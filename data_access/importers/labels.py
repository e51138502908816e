"""Names the importers make up: indicator ids, shortened labels, value types and breakdown labels."""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd

from data_access.importers.cells import row_codes
from data_access.models import TOTAL

UNIT_FOR_TYPE = {
    "percentage": "%",
    "rate_per_1000": "per 1,000",
    "rate_per_10000": "per 10,000",
    "rate_per_100000": "per 100,000",
    "count": "number",
    "currency": "£",
}
_RATE_MARKERS = (
    ("100,000", "rate_per_100000"),
    ("100000", "rate_per_100000"),
    ("10,000", "rate_per_10000"),
    ("10000", "rate_per_10000"),
    ("1,000", "rate_per_1000"),
    ("1000", "rate_per_1000"),
)
_NAMED_UNITS = {
    "£": "currency",
    "£m": "currency",
    "gbp": "currency",
    "number": "count",
    "count": "count",
    "numberstring": "count",
    "n": "count",
    "score": "score",
    "points": "score",
    "ratio": "ratio",
}
_NAME_RATES = (
    ("per 100,000", "rate_per_100000"),
    ("per 10,000", "rate_per_10000"),
    ("per 1,000", "rate_per_1000"),
)


def shorten(text: str, max_length: int) -> str:
    """Fit a label into a column, keeping it readable and distinct (a short hash if cut)."""
    if len(text) <= max_length:
        return text
    digest = hashlib.sha1(text.encode()).hexdigest()[:4]
    return text[: max_length - 6].rstrip() + "… " + digest


def infer_value_type(unit: str | None, name: str = "") -> str:
    """value_type from a unit or, failing that, the indicator's wording."""
    text = f"{unit or ''}".strip().lower()
    if text:
        return _value_type_of_unit(text)
    lowered = name.lower()
    if any(word in lowered for word in ("prevalence", "percentage", "proportion", "% of", "percent")):
        return "percentage"
    return next((value_type for marker, value_type in _NAME_RATES if marker in lowered), "other")


def _value_type_of_unit(text: str) -> str:
    if text in {"%", "percent", "percentage", "per cent", "pp"} or "percent" in text:
        return "percentage"
    rate = next((value_type for marker, value_type in _RATE_MARKERS if marker in text), None)
    return rate or _NAMED_UNITS.get(text, "other")


def breakdown_from_parts(parts: list[tuple[pd.Series, pd.Series]], index: pd.Index) -> tuple[pd.Series, pd.Series]:
    """Combine (dimension, value) pairs where a value is non-empty; all empty -> Total/Total.

    Computed once per distinct combination of the parts, then mapped back to the rows.
    """
    if not parts or not len(index):
        return _breakdown_rows(parts, index)
    key = row_codes([series for pair in parts for series in pair])
    _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    small = pd.RangeIndex(len(first))
    distinct = [
        (pd.Series(dim.to_numpy(dtype=object)[first], index=small), pd.Series(val.to_numpy(dtype=object)[first], index=small))
        for dim, val in parts
    ]
    dims, vals = _breakdown_rows(distinct, small)
    return (
        pd.Series(dims.to_numpy(dtype=object)[inverse], index=index, dtype=object),
        pd.Series(vals.to_numpy(dtype=object)[inverse], index=index, dtype=object),
    )


def _breakdown_rows(parts: list[tuple[pd.Series, pd.Series]], index: pd.Index) -> tuple[pd.Series, pd.Series]:
    dims = pd.Series("", index=index, dtype=object)
    vals = pd.Series("", index=index, dtype=object)
    for dim, val in parts:
        present = val.astype(str).str.len() > 0
        if present.any():
            dims = _append_where(dims, dim, present)
            vals = _append_where(vals, val, present)
    empty = dims.str.len() == 0
    dims = dims.where(~empty, TOTAL)
    vals = vals.where(~empty, TOTAL)
    return _shorten_series(dims, 60), _shorten_series(vals, 120)


def _append_where(joined: pd.Series, part: pd.Series, present: pd.Series) -> pd.Series:
    """``joined / part`` on the rows where ``present`` (no separator before the first part)."""
    joiner = pd.Series(np.where(joined.str.len() > 0, " / ", ""), index=joined.index)
    return joined.where(~present, joined + joiner + part.astype(str))


def _shorten_series(series: pd.Series, limit: int) -> pd.Series:
    uniques = pd.Series(series.unique())
    long = uniques[uniques.str.len() > limit]
    if long.empty:
        return series
    return series.replace({text: shorten(text, limit) for text in long})
