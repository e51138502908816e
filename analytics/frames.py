"""Rows and cells of a DataFrame, typed for code that reads them by column name.

pandas-stubs types ``to_dict`` keys as ``Hashable`` because a column label may be anything; our
frames' columns are always strings, and this is the one place that says so (every layer may
import it). A cell is read through ``Cell`` and the two helpers below, so the test for a missing
value (None, NaN, ``pd.NA``) is written once instead of in every view.
"""

from __future__ import annotations

import math
from typing import Any, TypeAlias, cast

import pandas as pd

#: One DataFrame row by column name. Its cells are whatever pandas holds (a number, a string,
#: None or NaN), so the values stay untyped; the name says where a dict came from.
Row: TypeAlias = dict[str, Any]

#: One cell of such a row, as the code that reads it sees it: a number (numpy's included), text,
#: or missing (None, NaN, ``pd.NA``). Not ``object``: mypy then lets ``float()``, ``int()`` and
#: ``pd.isna`` take it, and still rejects a cell used as, say, a list.
Cell: TypeAlias = float | int | str | None


def is_missing_cell(value: Cell) -> bool:
    """None, NaN, ``pd.NA`` or ``NaT``: pandas' own test, so every kind of gap counts as missing."""
    return value is None or bool(pd.isna(value))


def cell_float(value: Cell) -> float | None:
    """The cell as a number, or None where it has none: missing (None, NaN, ``pd.NA``) or text
    that is not a number (a suppression mark such as "c")."""
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def frame_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return cast(list[dict[str, Any]], frame.to_dict("records"))


def row_dict(row: pd.Series | pd.DataFrame) -> dict[str, Any]:
    """One row (a Series indexed by column name) as a dict. ``frame.loc[label]`` is typed as a
    Series or a DataFrame; a DataFrame means the label was not unique, which callers rule out."""
    if isinstance(row, pd.DataFrame):
        raise ValueError("expected one row, got several: the index label is not unique")
    return cast(dict[str, Any], row.to_dict())
