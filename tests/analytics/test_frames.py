"""``frame_records`` gives what ``DataFrame.to_dict("records")`` gives, value and type, faster."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from analytics.frames import frame_records


def _same(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return type(a) is type(b) and (a is b or a == b)


def test_frame_records_matches_to_dict_records() -> None:
    frame = pd.DataFrame(
        {
            "code": ["E1", None, "E3"],
            "value": [1.5, np.nan, 3.0],
            "sort": np.array([1, 2, 3], dtype="int64"),
            "flag": [True, False, True],
            "mixed": pd.Series([np.int64(4), np.float64(2.5), None], dtype=object),
            "when": pd.to_datetime(pd.Series(["2024-01-01", None, "2025-03-31"])),
            "nullable": pd.array([1, None, 3], dtype="Int64"),
            "text": pd.Series(["a", None, "c"], dtype=object),
        }
    )
    expected = [{str(k): v for k, v in row.items()} for row in frame.to_dict("records")]
    found = frame_records(frame)
    assert len(found) == len(expected)
    for got, want in zip(found, expected):
        assert list(got) == list(want)
        assert all(_same(got[k], want[k]) for k in want), (got, want)


def test_frame_records_empty_frames() -> None:
    assert frame_records(pd.DataFrame({"a": []})) == []
    assert frame_records(pd.DataFrame(index=[0, 1])) == [{}, {}]
