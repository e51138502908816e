"""The attainment-gaps view on the seeded SQLite: the published 2016/17 Attainment 8 story."""

from __future__ import annotations

import pytest

import data_access
from views import gaps
from views.base import ViewNotFound
from views.registry import build_views


@pytest.fixture(autouse=True)
def _configured(seeded_sqlite):
    data_access.configure(seeded_sqlite.url)


def test_a8_2016_17_story_uses_the_published_figures() -> None:
    view = gaps.build({"phase": "ks4", "period": "2016/17"})
    rows = view.data.set_index("area_code")
    herts, england = rows.loc["E10000015"], rows.loc["E92000001"]
    assert herts["disadvantaged"] == 35.8
    assert england["disadvantaged"] == 37.1
    assert herts["all_pupils"] == 49.7
    assert england["all_pupils"] == 44.6
    assert round(herts["gap"], 1) == 16.8
    assert round(england["gap"], 1) == 12.8
    assert not herts["illustrative_disadvantaged"] and not england["illustrative_disadvantaged"]
    summary = view.text.summary
    assert (
        "In 2016/17, Hertfordshire's disadvantaged pupils' Attainment 8 (35.8) was below England's disadvantaged pupils (37.1), "
        "although all Hertfordshire pupils (49.7) were above England (44.6)" in summary
    )
    assert "16.8 points" in summary
    assert "per cent" not in summary and "%" not in summary


def test_a8_gap_is_in_points_and_not_tested_without_counts() -> None:
    view = gaps.build({"phase": "ks4", "period": "2016/17"})
    table = view.table.set_index("area")
    assert table.loc["Hertfordshire", "gap"] == "16.8 points"
    assert table.loc["Hertfordshire", "test"] == "Not tested"
    assert table.loc["Hertfordshire", "vs_england"] == "4.0 points wider than England's gap"
    assert "line 226" in table["source"].loc["Hertfordshire"]
    assert any("Gap (points)" in label for _, label in view.table_columns)


def test_defaults_are_ks4_county_region_england_latest_period() -> None:
    """Gaps are published for councils, not districts: the default is the county, its region and England."""
    view = gaps.build({})
    q = view.query
    assert q.phase == "ks4"
    assert q.areas == ("E10000015", "E12000006", "E92000001")
    assert view.period == view.periods[-1] == "2024/25"
    assert list(view.table["area"]) == ["Hertfordshire", "East of England", "England"]
    assert gaps.DISTRICT_NOTE in view.text.notes
    assert not view.text.illustrative


def test_districts_have_no_published_gap_and_say_so() -> None:
    view = gaps.build({"areas": "E07000243,E10000015"})
    table = view.table.set_index("area")
    assert table.loc["Stevenage", "disadvantaged"] == "x – not available"
    assert table.loc["Stevenage", "gap"] == "not calculated"
    assert table.loc["Hertfordshire", "gap"] == "19.9 points"
    assert gaps.DISTRICT_NOTE in view.text.notes


def test_fsm_split_is_used_where_no_disadvantage_split_is_published() -> None:
    view = gaps.build({"phase": "post16"})
    assert gaps.FSM_NOTE in view.text.notes
    assert view.data.set_index("area_code")["gap"].loc["E10000015"] > 0


@pytest.mark.usefixtures("use_demo")
def test_percentage_gap_is_percentage_points_with_newcombe_interval() -> None:
    """Pupil counts give Newcombe intervals; only the illustrative district series has them here."""
    view = gaps.build({"phase": "eyfs", "areas": "E07000243", "period": "2018/19"})
    herts = view.data.set_index("area_code").loc["E07000243"]
    assert herts["gap_unit"] == "percentage points"
    assert herts["gap_method"].startswith("newcombe")
    assert herts["gap_lower_ci95"] < herts["gap"] < herts["gap_upper_ci95"]
    assert view.table.set_index("area")["gap"].loc["Stevenage"].endswith("percentage points")
    assert "England" in list(view.table["area"]), "England is always the reference row"


def test_gap_trend_has_every_period_and_england() -> None:
    view = gaps.build_trend({"phase": "ks4", "areas": "E10000015"})
    assert view.periods[0] == "2015/16"
    assert {"Hertfordshire", "England"} <= set(view.data["area_name"])
    row = view.table.set_index("period").loc["2016/17"]
    assert row["a0"] == "16.8" and row["a1"] == "12.8"


def test_gap_trend_notes_years_without_assessments() -> None:
    view = gaps.build_trend({"phase": "ks2"})
    assert any("2019/20 and 2020/21" in note for note in view.text.notes)


@pytest.mark.parametrize(
    "query, words",
    [
        ({"phase": "ks9"}, "no attainment-gap phase"),
        ({"areas": "E10000015,NOPE"}, "no area with the code"),
        ({"period": "1999/00"}, "no gap values for the period"),
    ],
)
def test_unknown_options_are_friendly_not_found(query, words) -> None:
    with pytest.raises(ViewNotFound) as missing:
        gaps.build(query)
    assert words in missing.value.message


def test_registry_serves_both_charts() -> None:
    assert build_views("gaps", {"period": "2016/17"})[0].key == "gaps"
    assert build_views("gaps", {"view": "trend"})[0].key == "gaps-trend"
    stem = build_views("gaps", {"period": "2016/17"})[0].filename_stem
    assert stem == "ks4-attainment8_gap_herts-east-england_2016-17"
