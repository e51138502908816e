"""A DataFrame cell read as a number: every kind of gap is missing, and text is no number."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analytics.frames import cell_float, is_missing_cell


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
