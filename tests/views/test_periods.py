"""The one period rule (``views.periods``) and the small-area comparison through ``analytics.honest``."""

from __future__ import annotations

import pandas as pd
import pytest

from analytics.compare import NOT_COMPARED
from analytics.honest import ILLUSTRATIVE_BENCHMARK
from views import area_context
from views.base import ViewNotFound
from views.periods import available_periods, resolve_period


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "area_code": ["A", "A", "B", "B", "B"],
            "period_label": ["2022/23", "2021/22", "2021/22", "2022/23", "2023/24"],
            "period_sort": [20220000, 20210000, 20210000, 20220000, 20230000],
            "value": [1.0, 2.0, 3.0, 4.0, 5.0],
            "gap": [None, 1.0, None, None, 2.0],
        }
    )


def test_periods_are_listed_once_in_time_order() -> None:
    assert available_periods(_frame()) == ["2021/22", "2022/23", "2023/24"]


def test_a_requested_period_is_kept_or_refused_naming_the_periods_with_values() -> None:
    assert resolve_period(_frame(), "2021/22", ["A"]) == "2021/22"
    with pytest.raises(ViewNotFound) as refused:
        resolve_period(_frame(), "1999", ["A"], noun="gap values", links=[("Attainment gaps", "/gaps")])
    assert refused.value.message == (
        "There are no gap values for the period “1999”. Periods with values: 2021/22, 2022/23, 2023/24."
    )
    assert refused.value.links == [("Attainment gaps", "/gaps")]


def test_without_a_request_the_latest_period_the_chosen_areas_have_a_value_for() -> None:
    assert resolve_period(_frame(), None, ["A"]) == "2022/23"  # B's later year does not blank A
    assert resolve_period(_frame(), None, ["A"], value_column="gap") == "2021/22"
    assert resolve_period(_frame(), None, ["Z"]) == "2023/24"  # no value for the areas: the latest of any row


def _ward_row(**extra: object) -> dict:
    return {"value": 30.0, "lower_ci95": 24.0, "upper_ci95": 36.0, "value_illustrative": False, **extra}


def test_small_area_is_never_judged_against_an_illustrative_benchmark() -> None:
    invented = {"value": 15.0, "illustrative": True, "status": None}
    shown = area_context.compared(_ward_row(), invented, "E10000015", "higher_better")
    assert shown == f"{NOT_COMPARED} ({ILLUSTRATIVE_BENCHMARK})"


def test_small_area_comparisons_resting_on_an_invented_value_are_marked() -> None:
    published = {"value": 15.0, "illustrative": False, "status": None}
    assert area_context.compared(_ward_row(), published, "E10000015", "higher_better") == "Better"
    marked = area_context.compared(_ward_row(value_illustrative=True), published, "E10000015", "higher_better")
    assert marked == "Better (illustrative)"
    assert area_context.compared(_ward_row(), None, "E10000015", "higher_better") == NOT_COMPARED
