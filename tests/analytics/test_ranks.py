"""Ranks (1 = best, ties share the lower number), LAIT quartile bands, neighbour averages."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analytics import neighbour_average, rank_areas
from analytics.ranks import rank_one


def _df(values: list[float | None]) -> pd.DataFrame:
    return pd.DataFrame({"area": [f"a{i}" for i in range(len(values))], "value": values})


def test_higher_better_ties_min_and_nan_unranked() -> None:
    out = rank_areas(_df([10, 30, 30, None, 20]), "higher_better")
    assert out["rank"].tolist() == [4, 1, 1, pd.NA, 3]
    # LAIT bands are closed on the right: the tied top values equal Q3 (30), so they are B,
    # exactly as LAIT's calculate_quartile_band would show them.
    assert out["quartile_band"].tolist() == ["D", "B", "B", None, "C"]
    assert str(out["rank"].dtype) == "Int64"


def test_lower_better() -> None:
    out = rank_areas(_df([10, 30, 30, 20]), "lower_better")
    assert out["rank"].tolist() == [1, 3, 3, 2]
    assert out["quartile_band"].tolist() == ["A", "C", "C", "B"]


def test_no_judgement_one_is_highest() -> None:
    out = rank_areas(_df([1, 2, 3, 4, 5, 6, 7, 8]), "no_judgement")
    assert out["rank"].tolist() == [8, 7, 6, 5, 4, 3, 2, 1]
    assert out["quartile_band"].tolist() == ["D", "D", "C", "C", "B", "B", "A", "A"]


def test_lait_band_boundaries_closed_on_the_right() -> None:
    # quantiles of 0..100 step 25 are the values themselves; LAIT puts 25 in the lowest band
    out = rank_areas(_df([0, 25, 50, 75, 100]), "lower_better")
    assert out["quartile_band"].tolist() == ["A", "A", "B", "C", "D"]


def test_custom_column_and_input_untouched() -> None:
    df = pd.DataFrame({"score": [1.0, 2.0]})
    out = rank_areas(df, "higher_better", value_col="score")
    assert out["rank"].tolist() == [2, 1] and "rank" not in df.columns
    with pytest.raises(KeyError):
        rank_areas(df, "higher_better")


def test_all_missing() -> None:
    out = rank_areas(_df([None, None]), "higher_better")
    assert out["rank"].isna().all() and out["quartile_band"].tolist() == [None, None]


def test_neighbour_average() -> None:
    assert neighbour_average([1, 2, None, float("nan"), 3]) == pytest.approx(2.0)
    assert neighbour_average(["c", None]) is None
    assert neighbour_average([]) is None


@settings(max_examples=200, deadline=None)
@given(
    values=st.lists(st.one_of(st.none(), st.integers(0, 30).map(float)), min_size=1, max_size=40),
    pick=st.integers(0, 39),
    polarity=st.sampled_from(["lower_better", "higher_better"]),
)
def test_rank_one_agrees_with_rank_areas(values, pick, polarity) -> None:
    """The scorecard's fast path gives every area exactly the rank and band rank_areas gives it."""
    index = pick % len(values)
    framed = rank_areas(pd.DataFrame({"area_code": [f"a{i}" for i in range(len(values))], "value": values}), polarity)
    found = rank_one(values, values[index], polarity)
    if values[index] is None:
        assert found is None
        return
    row = framed.iloc[index]
    assert found == (int(row["rank"]), sum(v is not None for v in values), row["quartile_band"])
