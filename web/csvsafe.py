"""CSV export that cannot execute in a spreadsheet.

A text cell starting with ``=``, ``+``, ``-``, ``@`` (or a tab/CR) is a formula to Excel;
prefixing a single quote keeps it text. Numbers are left alone so analysts get numbers.
"""

from __future__ import annotations

import pandas as pd

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(_TRIGGERS):
        return "'" + value
    return value


def frame_to_safe_csv(frame: pd.DataFrame) -> str:
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise_cell)
    return safe.to_csv(index=False, lineterminator="\n")
