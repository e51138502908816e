"""One series' recent-trend words, shared by /trends and the API (issue 19, item 4)."""

from __future__ import annotations

import pandas as pd

from views.recent_trends import reason_words, trend_words, with_intervals


def _series(values: list[float], counts: list[float | None], value_type: str = "rate_per_1000") -> pd.DataFrame:
    years = [str(2018 + i) for i in range(len(values))]
    return pd.DataFrame(
        {
            "period_label": years,
            "period_sort": range(len(values)),
            "period_type": ["calendar"] * len(values),
            "value": values,
            "count": counts,
            "denominator": [None] * len(values),
            "lower_ci95": [None] * len(values),
            "upper_ci95": [None] * len(values),
        }
    )


def test_without_counts_a_labelled_direction_not_tested_with_the_reason() -> None:
    frame = with_intervals(_series([22.0, 20.0, 18.0, 15.0, 12.0], [None] * 5), "rate_per_1000")
    words = trend_words(frame, "lower_better", "rate_per_1000")
    assert words.text == "fell in each of the last 4 years (2018 to 2022); not tested"
    assert not words.tested and words.label == "not tested"
    assert words.reason is not None and "no published counts or intervals" in words.reason


def test_with_published_counts_the_fingertips_test_on_derived_intervals() -> None:
    # counts with a rate: Byar from the published count, the denominator derived (count ÷ rate × 1,000)
    values = [30.0, 25.0, 20.0, 15.0, 10.0]
    frame = with_intervals(_series(values, [3000.0, 2500.0, 2000.0, 1500.0, 1000.0]), "rate_per_1000")
    assert frame["ci_method"].str.startswith("Byar from the published count").all()
    words = trend_words(frame, "lower_better", "rate_per_1000")
    assert words.tested and words.reason is None
    assert words.text == "Decreasing and getting better (2018 to 2022, tested)"


def test_reason_words_are_a_readers() -> None:
    assert reason_words("missing count or denominator in the most recent 5 points") == (
        "no published count and denominator for the most recent 5 points"
    )
