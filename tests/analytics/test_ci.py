"""Confidence intervals against textbook values (Newcombe 1998; exact Poisson limits)."""

from __future__ import annotations

import math

import pytest

from analytics import CIResult, byars_ci, ci_for, mean_ci, wilson_ci
from analytics.ci import as_number, z_value


def test_z_values() -> None:
    assert z_value(95) == pytest.approx(1.959964, abs=1e-6)
    assert z_value(99.8) == pytest.approx(3.090232, abs=1e-6)


@pytest.mark.parametrize(
    ("count", "denom", "lower", "upper"),
    # Newcombe (1998) Statistics in Medicine 17:857, Table I, method 3 (Wilson score)
    [(81, 263, 0.2553, 0.3662), (15, 148, 0.0624, 0.1605), (0, 20, 0.0, 0.1611), (1, 29, 0.0061, 0.1718), (0, 10, 0.0, 0.2775)],
)
def test_wilson_textbook(count: int, denom: int, lower: float, upper: float) -> None:
    ci = wilson_ci(count, denom, multiplier=1)
    assert ci.lower is not None and ci.upper is not None
    assert (round(ci.lower, 4), round(ci.upper, 4)) == (lower, upper)
    assert ci.method == "wilson" and ci.level == 95 and ci.reason is None


def test_wilson_default_is_per_cent_and_998_is_wider() -> None:
    ci95 = wilson_ci(81, 263)
    ci998 = wilson_ci(81, 263, level=99.8)
    assert ci95.lower == pytest.approx(25.53, abs=0.01) and ci95.upper == pytest.approx(36.62, abs=0.01)
    assert ci998.lower is not None and ci998.upper is not None and ci95.lower is not None and ci95.upper is not None
    assert ci998.lower < ci95.lower and ci998.upper > ci95.upper


def test_wilson_all_successes() -> None:
    ci = wilson_ci(10, 10, multiplier=1)
    assert ci.upper == 1.0 and ci.lower == pytest.approx(0.7225, abs=1e-4)


@pytest.mark.parametrize(
    ("count", "lower", "upper", "method"),
    [
        (0, 0.0, 3.6889, "exact poisson"),  # Garwood exact limits
        (5, 1.6235, 11.6683, "exact poisson"),
        (9, 4.1154, 17.0848, "exact poisson"),
        (10, 4.7874, 18.3915, "byars"),  # exact: 4.7954, 18.3904 - Byar's is within 0.01
        (100, 81.3621, 121.6279, "byars"),
    ],
)
def test_byars_and_exact_poisson(count: int, lower: float, upper: float, method: str) -> None:
    ci = byars_ci(count, 1, multiplier=1)
    assert ci.lower is not None and ci.upper is not None
    assert (round(ci.lower, 4), round(ci.upper, 4), ci.method) == (lower, upper, method)


def test_byars_scales_by_multiplier() -> None:
    ci = byars_ci(20, 10_000, multiplier=1000)
    assert ci.lower == pytest.approx(1.2211, abs=1e-4) and ci.upper == pytest.approx(3.0890, abs=1e-4)


@pytest.mark.parametrize(
    ("count", "denom", "reason"),
    [
        (None, 100, "count missing"),
        (float("nan"), 100, "count missing"),
        ("c", 100, "count suppressed"),
        ("*", 100, "count suppressed"),
        ('<div class="no-data">-</div>', 100, "count missing"),
        (5, None, "no denominator"),
        (5, float("nan"), "no denominator"),
        (5, 0, "denominator is zero or negative"),
        (-1, 10, "count is negative"),
    ],
)
def test_missing_is_never_zero(count: object, denom: object, reason: str) -> None:
    for fn in (wilson_ci, byars_ci):
        ci = fn(count, denom)
        assert (ci.lower, ci.upper, ci.reason) == (None, None, reason)
        assert not ci.available


def test_wilson_count_above_denominator() -> None:
    assert wilson_ci(11, 10).reason == "count exceeds denominator"


def test_unsupported_level() -> None:
    with pytest.raises(ValueError, match="95 or 99.8"):
        wilson_ci(1, 10, level=90)


def test_mean_ci_student_t() -> None:
    ci = mean_ci(10.0, 2.0, 25)
    half = 2.063899 * 2 / 5
    assert ci.lower == pytest.approx(10 - half, abs=1e-5) and ci.upper == pytest.approx(10 + half, abs=1e-5)
    assert mean_ci(10, 2, 1).reason == "fewer than 2 observations"
    assert mean_ci(None, 2, 10).reason == "mean missing"


def test_ci_for_chooses_by_value_type() -> None:
    assert ci_for("percentage", 81, 263) == wilson_ci(81, 263)
    assert ci_for("rate_per_10000", 25, 50_000) == byars_ci(25, 50_000, multiplier=10_000)
    assert ci_for("rate_per_1000", 25, 50_000).upper == pytest.approx(byars_ci(25, 50_000).upper)
    assert ci_for("rate_per_100000", 3, 50_000, level=99.8).method == "exact poisson"
    other = ci_for("score", 10, 20)
    assert (other.lower, other.upper, other.reason) == (None, None, "no method for this value type")


def test_published_ci_wins() -> None:
    ci = ci_for("percentage", 81, 263, published_lower=20.0, published_upper=40.0)
    assert ci == CIResult(20.0, 40.0, "published", 95.0)
    assert ci_for("score", None, None, published_lower="1.5", published_upper="2.5").lower == 1.5
    # only one published limit: fall back to computing
    assert ci_for("percentage", 81, 263, published_lower=20.0).method == "wilson"


def test_ci_for_suppressed_count() -> None:
    ci = ci_for("percentage", "c", 263)
    assert ci.lower is None and ci.reason == "count suppressed"


def test_as_number() -> None:
    assert as_number("1,234") == (1234.0, None)
    assert as_number(True) == (None, "not a number")
    assert as_number("abc") == (None, "not a number")
    assert as_number(math.nan) == (None, "missing")
