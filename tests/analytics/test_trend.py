"""Recent trend (Fingertips method) and direction of travel."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import pytest

from analytics import direction_of_travel, recent_trend
from analytics.trend import CRITICAL_CHI2, chi_squared_for_trend


def _frame(counts: Sequence[float | None], denom: float = 1000, scale: float = 100) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "period_sort": [20100331 + 10000 * i for i in range(len(counts))],
            "value": [None if c is None else c / denom * scale for c in counts],
            "count": counts,
            "denominator": [denom] * len(counts),
        }
    )


def test_chi_squared_for_trend_matches_r_prop_trend_test() -> None:
    # R: prop.trend.test(c(83, 90, 129, 70), c(86, 93, 136, 82)) -> X-squared = 8.2249
    assert chi_squared_for_trend(np.array([83, 90, 129, 70]), np.array([86, 93, 136, 82])) == pytest.approx(8.2249, abs=1e-4)


def test_critical_value_is_998_percent() -> None:
    assert CRITICAL_CHI2 == pytest.approx(9.5495, abs=1e-4)


@pytest.mark.parametrize(
    ("counts", "polarity", "label"),
    [
        ([100, 120, 140, 160, 180], "higher_better", "Increasing and getting better"),
        ([100, 120, 140, 160, 180], "lower_better", "Increasing and getting worse"),
        ([100, 120, 140, 160, 180], "no_judgement", "Increasing"),
        ([180, 160, 140, 120, 100], "higher_better", "Decreasing and getting worse"),
        ([180, 160, 140, 120, 100], "lower_better", "Decreasing and getting better"),
        ([180, 160, 140, 120, 100], "ambiguous", "Decreasing"),
        ([100, 102, 99, 101, 100], "higher_better", "No significant change"),
    ],
)
def test_proportion_trend(counts: list[float], polarity: str, label: str) -> None:
    result = recent_trend(_frame(counts), polarity, "percentage")
    assert result.label == label
    assert result.method == "chi-squared test for trend in proportions"
    assert result.p_value is not None


def test_uses_only_most_recent_five_points() -> None:
    # a steep early rise then flat: the last five are flat
    result = recent_trend(_frame([10, 50, 100, 101, 99, 100, 101, 100]), "higher_better", "percentage")
    assert result.label == "No significant change"


def test_single_outlier_does_not_make_a_trend() -> None:
    # chi-squared is huge, but without the last point the slope turns negative
    result = recent_trend(_frame([100, 101, 99, 100, 300]), "higher_better", "percentage")
    assert result.chi_squared is not None and result.chi_squared > CRITICAL_CHI2
    assert result.label == "No significant change"


def test_rate_trend_by_weighted_regression_from_counts() -> None:
    frame = _frame([100, 120, 140, 160, 180], denom=100_000, scale=1000)
    result = recent_trend(frame, "lower_better", "rate_per_1000")
    assert result.label == "Increasing and getting worse"
    assert result.method == "weighted regression on 95% confidence intervals"


def test_published_cis_are_used_for_other_value_types() -> None:
    frame = pd.DataFrame(
        {
            "period_sort": [1, 2, 3, 4, 5],
            "value": [50.0, 48.0, 46.0, 44.0, 42.0],
            "lower_ci95": [49.0, 47.0, 45.0, 43.0, 41.0],
            "upper_ci95": [51.0, 49.0, 47.0, 45.0, 43.0],
        }
    )
    assert recent_trend(frame, "higher_better", "score").label == "Decreasing and getting worse"


@pytest.mark.parametrize(
    ("frame", "value_type", "reason"),
    [
        (_frame([100, 120, 140, 160]), "percentage", "fewer than 5 points (4 with a value)"),
        (_frame([100, 120, None, 140, 160]), "percentage", "fewer than 5 points (4 with a value)"),
        (
            _frame([100, 120, 140, 160, 180]).assign(count=pd.Series([1, 2, None, 4, 5])),
            "percentage",
            "missing count or denominator in the most recent 5 points",
        ),
        (_frame([100, 120, 140, 160, 180]).drop(columns="count"), "percentage", "missing columns ['count']"),
        (
            _frame([100, 120, 140, 160, 180]).drop(columns=["count", "denominator"]),
            "score",
            "no trend method for value type 'score' without counts or confidence intervals",
        ),
        (_frame([0, 120, 140, 160, 180]), "percentage", "a proportion of 0% or 100% in the most recent points"),
    ],
)
def test_cannot_be_calculated(frame: pd.DataFrame, value_type: str, reason: str) -> None:
    result = recent_trend(frame, "higher_better", value_type)
    assert (result.label, result.reason) == ("Cannot be calculated", reason)


def test_duplicate_periods_refused() -> None:
    frame = _frame([100, 120, 140, 160, 180]).assign(period_sort=[1, 1, 2, 3, 4])
    assert recent_trend(frame, "higher_better", "percentage").reason == "more than one value for the same period"


@pytest.mark.parametrize(
    ("values", "polarity", "expected"),
    [
        ([1.0, 2.0], "higher_better", "Improving"),
        ([2.0, 1.0], "higher_better", "Getting worse"),
        ([1.0, 2.0], "lower_better", "Getting worse"),
        ([2.0, 1.0], "lower_better", "Improving"),
        ([1.0, 2.0], "no_judgement", "Increased"),
        ([2.0, 1.0], "ambiguous", "Decreased"),
        ([2.0, 2.0], "higher_better", "No change"),
        ([2.0], "higher_better", "Not enough data"),
        ([2.0, None], "higher_better", "Not enough data"),
        ([1.0, None, 3.0], "higher_better", "Improving"),  # a gap year is skipped, not zero
    ],
)
def test_direction_of_travel(values: list[float | None], polarity: str, expected: str) -> None:
    frame = pd.DataFrame({"period_sort": list(range(len(values)))[::-1], "value": values[::-1]})
    assert direction_of_travel(frame, polarity) == expected


def test_direction_of_travel_missing_columns() -> None:
    assert direction_of_travel(pd.DataFrame({"value": [1, 2]}), "higher_better") == "Not enough data"


def test_recent_direction_labels_what_the_values_did() -> None:
    from analytics.trend import recent_direction

    def frame(values: list[float | None]) -> pd.DataFrame:
        years = [str(2016 + i) for i in range(len(values))]
        return pd.DataFrame(
            {"period_sort": range(len(values)), "period_label": years, "value": values, "period_type": "calendar"}
        )

    assert recent_direction(frame([5, 4, 3, 2])).text == "fell in each of the last 3 years (2016 to 2019)"
    assert recent_direction(frame([1, 2])).text == "rose (2016 to 2017)"
    mixed = recent_direction(frame([9, 1, 2, 3, 4, 5]))  # five most recent points only
    assert mixed.text == "rose in each of the last 4 years (2017 to 2021)" and mixed.first == "2017"
    assert (
        recent_direction(frame([3, 4, 2, 2, 1])).text
        == "lower in 2020 than in 2016 (rose in 1 and fell in 2 of the last 4 years)"
    )
    assert recent_direction(frame([3, None])).text == "fewer than two values to compare"
