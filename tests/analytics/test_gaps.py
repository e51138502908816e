"""Gaps in the measure's own unit, Newcombe's interval, and per cent change."""

from __future__ import annotations

import pytest

from analytics import CIResult, gap, percent_change
from analytics.gaps import MOVER, NEWCOMBE, NOT_TESTED, newcombe_difference


@pytest.mark.parametrize(
    ("a", "b", "lower", "upper"),
    # Newcombe (1998) Statistics in Medicine 17:873, Table II, method 10
    [((56, 70), (48, 80), 0.0524, 0.3339), ((9, 10), (3, 10), 0.1705, 0.8090), ((5, 56), (0, 29), -0.0381, 0.1926)],
)
def test_newcombe_textbook(a: tuple[int, int], b: tuple[int, int], lower: float, upper: float) -> None:
    result = newcombe_difference(a[0], a[1], b[0], b[1])
    assert isinstance(result, tuple)
    assert (round(result[1], 4), round(result[2], 4)) == (lower, upper)


def test_percentage_gap_is_in_percentage_points() -> None:
    result = gap(80.0, 60.0, "percentage", count_a=56, denom_a=70, count_b=48, denom_b=80)
    assert result.difference == pytest.approx(20.0)
    assert result.unit_label == "percentage points"
    assert result.lower == pytest.approx(5.24, abs=0.01) and result.upper == pytest.approx(33.39, abs=0.01)
    assert result.method == NEWCOMBE and result.significant is True and result.note is None


def test_not_significant_gap() -> None:
    result = gap(8.9, 0.0, "percentage", count_a=5, denom_a=56, count_b=0, denom_b=29)
    assert result.significant is False


def test_rounded_published_values_are_noted() -> None:
    result = gap(81.0, 60.0, "percentage", count_a=56, denom_a=70, count_b=48, denom_b=80)
    assert result.note is not None and "differ from count/denominator" in result.note


def test_other_types_with_cis_use_mover_and_say_so() -> None:
    result = gap(105.0, 100.0, "score", ci_a=(103.0, 107.0), ci_b=CIResult(99.0, 101.0, "published", 95))
    assert result.unit_label == "points" and result.method == MOVER
    assert result.lower == pytest.approx(5 - 5**0.5) and result.upper == pytest.approx(5 + 5**0.5)
    assert result.significant is True and "approximate" in (result.note or "")


def test_rate_unit_and_not_tested() -> None:
    result = gap(30.0, 25.0, "rate_per_1000")
    assert (result.difference, result.unit_label, result.method, result.significant) == (5.0, "per 1,000", NOT_TESTED, None)


def test_suppressed_counts_not_tested_and_missing_values() -> None:
    result = gap(80.0, 60.0, "percentage", count_a="c", denom_a=70, count_b=48, denom_b=80)
    assert result.method == NOT_TESTED and result.significant is None
    missing = gap(None, 60.0, "percentage")
    assert missing.difference is None and "value a missing" in (missing.note or "")


def test_percent_change_is_separate_and_labelled() -> None:
    change = percent_change(50, 60)
    assert change.value == pytest.approx(20.0) and change.unit_label == "per cent"
    assert change.text == "+20.0 per cent"
    assert percent_change(0, 5).reason == "earlier value is zero"
    assert percent_change(None, 5).value is None
    assert percent_change(5, "c").reason == "later value suppressed"
    assert percent_change(-10, -5).value == pytest.approx(50.0)
