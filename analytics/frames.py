"""Rows and cells of a DataFrame, typed for code that reads them by column name.

pandas-stubs types ``to_dict`` keys as ``Hashable`` because a column label may be anything; our
frames' columns are always strings, and this is the one place that says so (every layer may
import it). A cell is read through ``Cell`` and the two helpers below, so the test for a missing
value (None, NaN, ``pd.NA``) is written once instead of in every view.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, TypeAlias, cast

import numpy as np
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
    """The rows as dicts, the same values and types as ``frame.to_dict("records")`` (Python
    scalars, not numpy ones) at a third of its cost: pandas boxes every cell of a string or
    object column one call at a time, and pages turn frames of thousands of rows into records."""
    if frame.shape[1] == 0:
        return [{} for _ in range(len(frame))]
    columns = frame.columns.tolist()
    values = [_native(column, column.dtype) for _, column in frame.items()]
    return [dict(zip(columns, row)) for row in zip(*values)]


def frame_rows(frame: pd.DataFrame, columns: Sequence[str] | None = None) -> list[tuple[Any, ...]]:
    """The rows of ``columns`` (all, by default) as tuples: the same cells as
    ``itertuples(index=False, name=None)`` (a nullable integer column's as Python ints, equal to
    its numpy ones), an order of magnitude faster on string columns, whose iteration pandas boxes
    one cell at a time (54 million calls in one rebuild of the published data)."""
    names = list(frame.columns) if columns is None else list(columns)
    return list(zip(*(frame[name].tolist() for name in names))) if names else [() for _ in range(len(frame))]


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
