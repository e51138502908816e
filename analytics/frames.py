"""Rows of a DataFrame as ``dict[str, Any]``, for code that reads them by column name.

pandas-stubs types ``to_dict`` keys as ``Hashable`` because a column label may be anything; our
frames' columns are always strings, and this is the one place that says so (every layer may
import it).
"""

from __future__ import annotations

from typing import Any, TypeAlias, cast

import numpy as np
import pandas as pd

#: One DataFrame row by column name. Its cells are whatever pandas holds (a number, a string,
#: None or NaN), so the values stay untyped; the name says where a dict came from.
Row: TypeAlias = dict[str, Any]


def frame_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows as dicts, the same values and types as ``frame.to_dict("records")`` (Python
    scalars, not numpy ones) at a third of its cost: pandas boxes every cell of a string or
    object column one call at a time, and pages turn frames of thousands of rows into records."""
    if frame.shape[1] == 0:
        return [{} for _ in range(len(frame))]
    columns = frame.columns.tolist()
    values = [_native(column, column.dtype) for _, column in frame.items()]
    return [dict(zip(columns, row)) for row in zip(*values)]


def _native(column: pd.Series, dtype: Any) -> list[Any]:
    """A column's cells as Python scalars: ``tolist`` converts numpy dtypes; an object or extension
    column (strings, nullable integers) may still hold numpy scalars or ``pd.NA``, converted as
    pandas' ``to_dict`` converts them."""
    cells: list[Any] = column.tolist()
    if isinstance(dtype, np.dtype) and dtype != np.dtype(object):
        return cells
    return [_box(cell) if isinstance(cell, np.generic) or cell is pd.NA else cell for cell in cells]


def _box(cell: Any) -> Any:
    if cell is pd.NA:
        return None
    if isinstance(cell, np.datetime64):
        return pd.Timestamp(cell)
    if isinstance(cell, np.timedelta64):
        return pd.Timedelta(cell)
    return cell.item()


def row_dict(row: pd.Series | pd.DataFrame) -> dict[str, Any]:
    """One row (a Series indexed by column name) as a dict. ``frame.loc[label]`` is typed as a
    Series or a DataFrame; a DataFrame means the label was not unique, which callers rule out."""
    if isinstance(row, pd.DataFrame):
        raise ValueError("expected one row, got several: the index label is not unique")
    return cast(dict[str, Any], row.to_dict())
