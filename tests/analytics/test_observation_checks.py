"""The one observation rule (CI brackets, percentage ranges, no negative counts), shared by the
seed loader and every import."""

from __future__ import annotations

import math

import pandas as pd

import data_access.importers.validate as import_checks
import seed.loader as seed_checks
from analytics import observation_checks
from analytics.observation_checks import implausible


def _frame(**columns: list) -> pd.DataFrame:
    size = len(next(iter(columns.values())))
    base = {"indicator_id": ["pct"] * size, "kind": ["actual"] * size}
    return pd.DataFrame({**base, **columns})


def test_limits_must_bracket_the_value_and_be_the_right_way_round() -> None:
    frame = _frame(
        value=[10.0, 10.0, 10.0, 10.0, None],
        lower_ci95=[11.0, 9.0, 9.0, 10.0 + 1e-9, 12.0],
        upper_ci95=[12.0, 9.5, 11.0, 10.0, 11.0],
    )
    problems = implausible(frame, {})
    assert [(p.position, p.field) for p in problems] == [(0, "lower_ci95"), (1, "upper_ci95"), (4, "upper_ci95")]
    assert problems[0].message == "lower 95% confidence limit 11 is above the value 10"
    assert problems[1].message == "upper 95% confidence limit 9.5 is below the value 10"
    assert problems[2].message == "95% confidence limits are the wrong way round (12 > 11)"


def test_percentages_stay_within_0_to_100_and_changes_within_100_points() -> None:
    frame = _frame(value=[104.2, -2.0, -2.0, 150.0, 50.0], kind=["actual", "actual", "change", "change", "actual"])
    problems = implausible(frame, {"pct": "percentage"})
    assert [(p.position, p.field) for p in problems] == [(0, "value"), (1, "value"), (3, "value")]
    assert problems[0].message == "104.2 is a percentage outside 0-100 (indicator 'pct')"
    assert "change of more than 100 percentage points" in problems[2].message
    assert implausible(frame, {"pct": "rate"}) == []


def test_counts_and_denominators_are_never_negative_and_blanks_are_not_problems() -> None:
    frame = _frame(value=[None, math.nan, 3.0], count=[-1, None, 2], denominator=[5, -3, None])
    problems = implausible(frame, {"pct": "percentage"})
    assert [(p.position, p.field, p.message) for p in problems] == [
        (0, "count", "count -1 is negative"),
        (1, "denominator", "denominator -3 is negative"),
    ]
    assert implausible(pd.DataFrame({"value": [1.0]}), {}) == []


def test_the_seed_loader_and_the_importer_share_the_one_rule() -> None:
    assert seed_checks.implausible is import_checks.implausible is observation_checks.implausible
