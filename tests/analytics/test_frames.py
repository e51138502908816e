"""``analytics.frames``: a DataFrame cell read as a number (every kind of gap is missing, text is no
number), and ``frame_records`` giving what ``DataFrame.to_dict("records")`` gives, value and type, faster."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analytics.frames import cell_float, frame_records, frame_rows, is_missing_cell


@pytest.mark.parametrize("value", [None, math.nan, np.nan, pd.NA])
def test_every_kind_of_gap_is_missing(value: float | None) -> None:
    assert is_missing_cell(value)
    assert cell_float(value) is None


@pytest.mark.parametrize(
    ("value", "number"), [(0, 0.0), (0.0, 0.0), (np.int64(153), 153.0), (np.float64(11.8), 11.8), ("2.5", 2.5)]
)
def test_a_number_reads_as_a_float(value: float | int | str, number: float) -> None:
    assert not is_missing_cell(value)
    assert cell_float(value) == number


def test_text_is_present_but_no_number() -> None:
    assert not is_missing_cell("c")
    assert cell_float("c") is None
    assert cell_float("") is None


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


def test_frame_rows_gives_what_itertuples_gives() -> None:
    """``frame_rows`` (the published-data builder's key and CSV rows) against pandas' own iteration."""
    frame = pd.DataFrame(
        {
            "code": pd.Series(["E1", None, "E3"], dtype="str"),
            "value": [1.5, np.nan, 3.0],
            "sort": np.array([1, 2, 3], dtype="int64"),
            "text": pd.Series(["a", None, "c"], dtype=object),
        }
    )
    expected = list(frame.itertuples(index=False, name=None))
    found = frame_rows(frame)
    assert len(found) == len(expected)
    for got, want in zip(found, expected):
        assert all(_same(g, w) and type(g) is type(w) for g, w in zip(got, want, strict=True)), (got, want)
    assert frame_rows(frame, ["sort", "code"]) == [(1, "E1"), (2, frame["code"][1]), (3, "E3")]
    assert frame_rows(pd.DataFrame(index=[0, 1])) == [(), ()]
    # a nullable integer column: the same numbers, as Python ints where itertuples gives numpy's (equal, same hash)
    nullable = pd.DataFrame({"n": pd.array([1, None], dtype="Int64")})
    assert frame_rows(nullable) == [(1,), (pd.NA,)] and type(frame_rows(nullable)[0][0]) is int
