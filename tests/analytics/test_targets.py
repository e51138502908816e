"""RAG against targets: every rating says what it was judged against."""

from __future__ import annotations

from datetime import date
from typing import TypedDict

import pytest

from analytics import assess_target


class _Halving(TypedDict):
    polarity: str
    target_value: float
    baseline_value: float


@pytest.mark.parametrize(
    ("latest", "polarity", "rag"),
    [
        (80, "higher_better", "Green"),
        (77, "higher_better", "Amber"),
        (70, "higher_better", "Red"),
        (70, "lower_better", "Green"),
        (83, "lower_better", "Amber"),
        (90, "lower_better", "Red"),
        (81, "no_judgement", "Green"),
        (86, "no_judgement", "Amber"),
        (95, "no_judgement", "Red"),
    ],
)
def test_absolute(latest: float, polarity: str, rag: str) -> None:
    result = assess_target("absolute", latest_value=latest, polarity=polarity, target_value=80)
    assert result.rag == rag and result.text.startswith(rag) and "80" in result.text


def test_absolute_text_and_target_by() -> None:
    result = assess_target("absolute", latest_value=81.5, polarity="higher_better", target_value=80, target_by=date(2026, 3, 31))
    assert result.text == "Green: latest 81.5 against a target of at least 80 by 31 March 2026."


def test_change_from_baseline_halving() -> None:
    kwargs: _Halving = {"polarity": "lower_better", "target_value": -50, "baseline_value": 120}
    assert assess_target("change_from_baseline", latest_value=60, **kwargs).rag == "Green"
    assert assess_target("change_from_baseline", latest_value=62, **kwargs).rag == "Amber"
    red = assess_target("change_from_baseline", latest_value=100, **kwargs)
    assert red.rag == "Red"
    assert red.text == "Red: latest 100 against a target to reduce by 50% from a baseline of 120 (to 60)."
    assert (
        assess_target("change_from_baseline", latest_value=60, polarity=None, target_value=10, baseline_value=50).rag == "Green"
    )


@pytest.mark.parametrize(
    ("relation", "latest", "rag"),
    [
        ("below", 25, "Green"),
        ("below", 27.5, "Amber"),
        ("below", 30, "Red"),
        ("above", 30, "Green"),
        ("above", 26, "Amber"),
        ("above", 20, "Red"),
        ("in_line", 27.5, "Green"),
        ("in line", 29.5, "Amber"),
        ("in_line", 35, "Red"),
    ],
)
def test_comparator_relative(relation: str, latest: float, rag: str) -> None:
    result = assess_target(
        "comparator_relative", latest_value=latest, polarity="lower_better", comparator_value=27, relation=relation
    )
    assert result.rag == rag


def test_milestone_not_assessed() -> None:
    result = assess_target("milestone", latest_value=None, polarity=None)
    assert result.rag == "Not assessed" and "milestone" in (result.reason or "")


def test_direction() -> None:
    assert assess_target("direction", latest_value=5, polarity=None, relation="increase", previous_value=4).rag == "Green"
    assert assess_target("direction", latest_value=3, polarity=None, relation="increase", previous_value=4).rag == "Red"
    assert assess_target("direction", latest_value=4, polarity=None, target_value="decrease", baseline_value=4).rag == "Amber"
    assert assess_target("direction", latest_value=4.1, polarity=None, relation="maintain", previous_value=4).rag == "Green"


@pytest.mark.parametrize(
    ("kind", "kwargs", "reason"),
    [
        ("absolute", {"latest_value": None, "target_value": 5}, "latest value missing"),
        ("absolute", {"latest_value": "c", "target_value": 5}, "latest value suppressed"),
        ("absolute", {"latest_value": 5}, "target value missing"),
        ("change_from_baseline", {"latest_value": 5, "target_value": -50}, "baseline value missing"),
        (
            "comparator_relative",
            {"latest_value": 5, "comparator_value": 4, "relation": "sideways"},
            "relation 'sideways' is not below, above or in_line",
        ),
        ("direction", {"latest_value": 5, "relation": "increase"}, "previous value missing"),
        ("weekly", {"latest_value": 5}, "unknown target kind 'weekly'"),
    ],
)
def test_not_assessed_reasons(kind: str, kwargs: dict, reason: str) -> None:
    result = assess_target(kind, polarity="higher_better", **kwargs)
    assert (result.rag, result.reason) == ("Not assessed", reason)
