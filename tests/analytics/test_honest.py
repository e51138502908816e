"""analytics.honest: a published value is never judged against an illustrative benchmark."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analytics.compare import BETTER, NOT_COMPARED, SIMILAR
from analytics.honest import (
    ILLUSTRATIVE_BENCHMARK,
    comparability,
    flag,
    honest_comparison,
    mark,
    rankable,
)
from analytics.ranks import rank_areas
from analytics.targets import GREEN, NOT_ASSESSED, assess_target


@pytest.mark.parametrize(
    ("value_flag", "bench_flag", "comparable", "illustrative", "reason"),
    [
        (False, False, True, False, None),
        (False, True, False, False, ILLUSTRATIVE_BENCHMARK),
        (True, False, True, True, None),
        (True, True, True, True, None),
        (False, None, True, False, None),
        (True, None, True, True, None),
    ],
)
def test_comparability_rule(value_flag, bench_flag, comparable, illustrative, reason) -> None:
    rule = comparability(value_flag, bench_flag)
    assert (rule.comparable, rule.illustrative, rule.reason) == (comparable, illustrative, reason)


def test_flag_treats_missing_as_unknown() -> None:
    assert flag(None) is None and flag(math.nan) is None and flag(pd.NA) is None
    assert flag(1) is True and flag(False) is False and flag(0) is False


def test_published_value_against_illustrative_benchmark_is_not_compared() -> None:
    # Hertfordshire-like case: clearly better than the invented England value, but not judged
    result = honest_comparison(9.5, 8.0, 11.0, 13.9, "lower_better", value_illustrative=False, benchmark_illustrative=True)
    assert result.label == NOT_COMPARED
    assert result.reason == ILLUSTRATIVE_BENCHMARK
    assert result.benchmark_illustrative is True and result.illustrative is False


def test_published_pair_is_compared_unmarked() -> None:
    result = honest_comparison(9.5, 8.0, 11.0, 13.9, "lower_better", value_illustrative=False, benchmark_illustrative=False)
    assert (result.label, result.illustrative, result.reason, result.benchmark_illustrative) == (BETTER, False, None, False)
    assert result.shown == BETTER


@pytest.mark.parametrize("bench_flag", [True, False])
def test_illustrative_value_is_compared_but_marked(bench_flag: bool) -> None:
    result = honest_comparison(12.6, 11.0, 14.0, 12.4, "lower_better", value_illustrative=True, benchmark_illustrative=bench_flag)
    assert result.label == SIMILAR and result.illustrative is True
    assert result.shown == "Similar (illustrative)"


def test_no_benchmark_value_reports_null_flag() -> None:
    result = honest_comparison(12.6, 11.0, 14.0, None, "lower_better", value_illustrative=False, benchmark_illustrative=True)
    assert result.label == NOT_COMPARED and result.benchmark_illustrative is None and result.reason is None


def test_not_compared_is_never_marked_illustrative() -> None:
    result = honest_comparison(None, None, None, 12.4, None, value_illustrative=True, benchmark_illustrative=True)
    assert result.label == NOT_COMPARED and result.illustrative is False


def test_mark_is_idempotent() -> None:
    assert mark("Better", True) == "Better (illustrative)" == mark("Better (illustrative)", True)
    assert mark("Better", False) == "Better" and mark(None, True) is None


def test_rankable_keeps_published_values_when_any_exist() -> None:
    assert rankable(pd.Series([False, True, False])).tolist() == [True, False, True]
    assert rankable(pd.Series([True, True])).tolist() == [True, True]


def test_illustrative_value_is_not_ranked_among_published() -> None:
    frame = pd.DataFrame(
        {"area_code": ["A", "B", "C", "D"], "value": [10.0, 1.0, 20.0, 30.0], "illustrative": [False, True, False, False]}
    )
    ranked = rank_areas(frame, "lower_better").set_index("area_code")
    assert pd.isna(ranked["rank"].loc["B"]) and ranked["quartile_band"].loc["B"] is None
    assert ranked.loc["A", "rank"] == 1  # the invented 1.0 does not push the real best down
    assert not ranked["rank_illustrative"].any()


def test_all_illustrative_values_are_ranked_and_marked() -> None:
    frame = pd.DataFrame({"area_code": ["A", "B"], "value": [10.0, 1.0], "illustrative": [True, True]})
    ranked = rank_areas(frame, "lower_better").set_index("area_code")
    assert ranked.loc["B", "rank"] == 1 and ranked["rank_illustrative"].all()


def test_rank_areas_without_flags_is_unchanged() -> None:
    ranked = rank_areas(pd.DataFrame({"value": [3.0, 1.0]}), "lower_better")
    assert ranked["rank"].tolist() == [2, 1] and "rank_illustrative" not in ranked


def test_target_published_value_not_assessed_against_illustrative_comparator() -> None:
    result = assess_target(
        "comparator_relative",
        latest_value=9.5,
        polarity="lower_better",
        comparator_value=13.9,
        relation="below",
        value_illustrative=False,
        comparator_illustrative=True,
    )
    assert result.rag == NOT_ASSESSED and "comparator value is illustrative" in result.text


def test_target_on_published_comparator_is_assessed() -> None:
    result = assess_target(
        "comparator_relative",
        latest_value=9.5,
        polarity="lower_better",
        comparator_value=13.9,
        relation="below",
        comparator_illustrative=False,
    )
    assert result.rag == GREEN and result.illustrative is False


def test_target_rating_of_illustrative_value_is_marked() -> None:
    result = assess_target("absolute", latest_value=9.5, polarity="lower_better", target_value=10, value_illustrative=True)
    assert result.rag == GREEN and result.illustrative is True
    assert result.text.startswith("Illustrative, not a real rating:")
    missing = assess_target("absolute", latest_value=None, polarity="lower_better", target_value=10, value_illustrative=True)
    assert missing.rag == NOT_ASSESSED and missing.illustrative is False
