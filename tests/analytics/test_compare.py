"""Benchmark comparisons (Fingertips rule: significant when the benchmark is outside the CI)."""

from __future__ import annotations

import pandas as pd
import pytest

from analytics import (
    BETTER,
    HIGHER,
    LOWER,
    NOT_COMPARED,
    SIMILAR,
    WORSE,
    compare_frame,
    compare_to_benchmark,
    comparison_sentence,
)
from analytics.compare import normalise_polarity


@pytest.mark.parametrize(
    ("polarity", "lower", "upper", "expected"),
    [
        ("higher_better", 29.0, 33.0, BETTER),
        ("lower_better", 29.0, 33.0, WORSE),
        ("no_judgement", 29.0, 33.0, HIGHER),
        ("ambiguous", 29.0, 33.0, HIGHER),
        ("higher_better", 20.0, 25.0, WORSE),
        ("lower_better", 20.0, 25.0, BETTER),
        ("no_judgement", 20.0, 25.0, LOWER),
        ("higher_better", 25.0, 29.0, SIMILAR),
        ("lower_better", 27.0, 29.0, SIMILAR),  # benchmark on the limit: not significant
        ("higher_better", 25.0, 27.0, SIMILAR),
    ],
)
def test_compare(polarity: str, lower: float, upper: float, expected: str) -> None:
    assert compare_to_benchmark((lower + upper) / 2, lower, upper, 27.0, polarity) == expected


@pytest.mark.parametrize(
    ("value", "lower", "upper", "bench"),
    [(None, 1, 2, 3), (1.5, None, 2, 3), (1.5, 1, float("nan"), 3), (1.5, 1, 2, None), (1.5, "c", 2, 3)],
)
def test_missing_is_not_compared(value: object, lower: object, upper: object, bench: object) -> None:
    assert compare_to_benchmark(value, lower, upper, bench, "higher_better") == NOT_COMPARED


def test_area_is_benchmark() -> None:
    assert compare_to_benchmark(27, 26, 28, 27, "higher_better", is_benchmark_area=True) == NOT_COMPARED


def test_polarity_aliases() -> None:
    assert normalise_polarity("High") == "higher_better"
    assert normalise_polarity("Low") == "lower_better"
    assert normalise_polarity("Lower is better") == "lower_better"
    assert normalise_polarity(None) == "no_judgement"
    assert normalise_polarity("whatever") == "no_judgement"


def test_compare_frame_95_and_998() -> None:
    df = pd.DataFrame(
        {
            "value": [31.2, 26.0, None],
            "lower_ci95": [29.0, 25.0, None],
            "upper_ci95": [33.0, 27.5, None],
            "lower_ci998": [26.5, 24.0, None],
            "upper_ci998": [35.0, 28.0, None],
        },
        index=["Stevenage", "Watford", "Dacorum"],
    )
    assert compare_frame(df, 27.0, "higher_better").to_dict() == {
        "Stevenage": BETTER,
        "Watford": SIMILAR,
        "Dacorum": NOT_COMPARED,
    }
    assert compare_frame(df, 27.0, "higher_better", level=99.8).to_dict() == {
        "Stevenage": SIMILAR,
        "Watford": SIMILAR,
        "Dacorum": NOT_COMPARED,
    }


def test_compare_frame_errors_and_empty() -> None:
    with pytest.raises(KeyError):
        compare_frame(pd.DataFrame({"value": [1.0]}), 1.0, "higher_better")
    with pytest.raises(ValueError):
        compare_frame(pd.DataFrame({"value": [1.0]}), 1.0, "higher_better", level=90)
    assert compare_frame(pd.DataFrame(columns=["value", "lower_ci95", "upper_ci95"]), 1, "x").empty


def test_sentences() -> None:
    assert comparison_sentence("Stevenage", "31.2%", HIGHER, "Hertfordshire", "27.0%") == (
        "Stevenage, 31.2%, is significantly higher than Hertfordshire, 27.0%."
    )
    assert comparison_sentence("Stevenage", "31.2%", SIMILAR, "Hertfordshire", "27.0%") == (
        "Stevenage, 31.2%, is similar to Hertfordshire, 27.0%."
    )
    assert comparison_sentence("Stevenage", "31.2%", NOT_COMPARED, "England", "27.0%") == (
        "Stevenage, 31.2%, could not be compared with England, 27.0%."
    )
    assert comparison_sentence("Watford", "20.0%", WORSE, "England", "27.0%") == (
        "Watford, 20.0%, is significantly worse than England, 27.0%."
    )
    assert comparison_sentence("Watford", "", LOWER, "England", "") == "Watford is significantly lower than England."
