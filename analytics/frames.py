"""Rows of a DataFrame as ``dict[str, Any]``, for code that reads them by column name.

pandas-stubs types ``to_dict`` keys as ``Hashable`` because a column label may be anything; our
frames' columns are always strings, and this is the one place that says so (every layer may
import it).
"""

from __future__ import annotations

from typing import Any, TypeAlias, cast

import pandas as pd

#: One DataFrame row by column name. Its cells are whatever pandas holds (a number, a string,
#: None or NaN), so the values stay untyped; the name says where a dict came from.
Row: TypeAlias = dict[str, Any]


def frame_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return cast(list[dict[str, Any]], frame.to_dict("records"))


def row_dict(row: pd.Series | pd.DataFrame) -> dict[str, Any]:
    """One row (a Series indexed by column name) as a dict. ``frame.loc[label]`` is typed as a
    Series or a DataFrame; a DataFrame means the label was not unique, which callers rule out."""
    if isinstance(row, pd.DataFrame):
        raise ValueError("expected one row, got several: the index label is not unique")
    return cast(dict[str, Any], row.to_dict())
