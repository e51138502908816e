"""The trends view on the seeded SQLite."""

from __future__ import annotations

import pytest

import data_access
from views import trends
from views.base import ViewNotFound
from views.registry import build_views


@pytest.fixture(autouse=True)
def _configured(seeded_sqlite):
    data_access.configure(seeded_sqlite.url)


def test_default_view_is_conceptions_for_herts_with_england_and_region() -> None:
    view = trends.build({})
    q = view.query
    assert q.indicator == "u18-conceptions"
    assert q.areas == ("E10000015",)
    assert q.benchmarks == ("E92000001", "E12000006")
    assert q.ci is True
    assert q.to_query()["benchmark"] == "E92000001,E12000006"


def test_periods_in_time_order_and_published_point_kept() -> None:
    """ONS's series runs from 1998; the plan's own 2008 figure keeps its key and says what ONS now gives."""
    view = trends.build({})
    assert view.periods[0] == "1998"
    assert view.periods == sorted(view.periods, key=int)
    rows = view.data[(view.data["area_code"] == "E10000015") & (view.data["period_label"] == "2008")]
    assert rows["value"].iloc[0] == 25.6 and not rows["illustrative"].iloc[0]
    assert "now gives 24.2" in rows["value_note"].iloc[0]
    table = view.table
    herts_2008 = table[(table["area"] == "Hertfordshire") & (table["period"] == "2008")].iloc[0]
    assert herts_2008["provenance"] == "Published"
    assert "line 2145" in herts_2008["source"]


def test_recent_trend_labels_per_area() -> None:
    """Fingertips publishes counts and intervals for injury admissions, so the recent trend is tested."""
    view = trends.build({"indicator": "injury-admissions-0-14", "areas": "E10000015,E10000012"})
    labels = view.trends
    assert labels["Hertfordshire"] == "Decreasing and getting better (2019-20 to 2023-24, tested)"
    assert labels["Essex"].startswith(("No significant change", "Decreasing", "Increasing"))
    assert "recent trend" in view.text.summary


@pytest.mark.usefixtures("use_demo")
def test_suppressed_point_is_a_gap_with_a_note_never_zero() -> None:
    view = trends.build({"indicator": "cla-rate", "areas": "E07000102"})
    period = "31 March 2023"
    row = view.data[(view.data["area_code"] == "E07000102") & (view.data["period_label"] == period)].iloc[0]
    assert row["value"] != row["value"]  # NaN, not 0
    assert any(f"Three Rivers {period}" in note and "suppressed" in note for note in view.text.notes)
    line = next(t for t in view.figure.data if t.name.startswith("Three Rivers") and t.mode == "lines+markers")
    assert line.y[list(line.x).index(period)] is None


def test_cannot_be_calculated_gives_the_reason() -> None:
    view = trends.build({"indicator": "looked-after-children-statutory-reviews-held-within-timescale", "benchmark": "none"})
    label = view.trends["Hertfordshire"]
    assert label == "rose (2005-06 to April 2007); not tested"  # a labelled direction of travel
    assert "Not tested (Hertfordshire): fewer than 5 points" in view.text.summary
    assert view.periods == ["2005-06", "April 2007"]  # financial year then a month, in time order
    assert any("mixes period types" in note for note in view.text.notes)


def test_ci_off_draws_no_band() -> None:
    on = trends.build({"indicator": "injury-admissions-0-14", "ci": "on"})
    off = trends.build({"indicator": "injury-admissions-0-14", "ci": "off"})
    assert any(t.fill == "toself" for t in on.figure.data)
    assert not any(t.fill == "toself" for t in off.figure.data)


@pytest.mark.parametrize(
    "query, words",
    [
        ({"indicator": "no-such-thing"}, "no indicator called"),
        ({"areas": "XYZ"}, "no area with the code"),
        ({"benchmark": "XYZ"}, "no benchmark area"),
        ({"ci": "maybe"}, "ci=on or ci=off"),
    ],
)
def test_unknown_options_are_friendly_not_found(query, words) -> None:
    with pytest.raises(ViewNotFound) as missing:
        trends.build(query)
    assert words in missing.value.message


def test_registry_export_view() -> None:
    [view] = build_views("trends", {})
    assert view.filename_stem == "u18-conceptions_trend_herts-england-east"


def test_untested_trends_say_their_years_and_each_reason_once() -> None:
    """Under-18 conceptions: the ONS counts end in 2017, so the last five points (2018-2022) cannot
    be tested; each series gets a labelled direction of travel and the reason is given once."""
    view = trends.build({})
    summary = view.text.summary
    assert summary.count("no published counts or intervals for the most recent 5 points") == 1
    assert "cannot be calculated" not in summary.lower()
    assert "Hertfordshire: 9.5 in 2022; recent trend: lower in 2022 than in 2018" in summary
    assert view.trends["Hertfordshire"].endswith("; not tested")
    # the intervals come from the published counts where ONS gives them (Byar, derived denominator)
    herts_2017 = view.data[(view.data["area_code"] == "E10000015") & (view.data["period_label"] == "2017")].iloc[0]
    assert herts_2017["ci_method"] == "Byar from the published count (denominator derived as count ÷ rate × 1,000)"
