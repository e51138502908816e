"""Honest benchmarks in the views (issue 13): a published value is not compared with an
illustrative benchmark, and comparisons resting on invented values are marked. SQLite and
PostgreSQL, on the demonstration data with England's 2022 conceptions value made illustrative
(``tests/honest_data.py``)."""

from __future__ import annotations

import pytest

import data_access
from tests.honest_data import (
    COUNTY,
    ENGLAND,
    INDICATOR,
    INVENTED_PERIOD,
    PUBLISHED_PERIOD,
)


@pytest.fixture
def invented(backend, tmp_path):
    from tests.conftest import seeded_copy
    from tests.honest_data import invent_england

    before = data_access.current().url
    data_access.configure(invent_england(seeded_copy(backend, tmp_path, "demo")).url)
    yield
    data_access.configure(before)


def _compare(period: str):
    from views import compare

    return compare.build({"indicator": INDICATOR, "areas": COUNTY, "benchmark": ENGLAND, "period": period})


def test_compare_view_does_not_judge_published_against_invented(invented) -> None:
    view = _compare(INVENTED_PERIOD)
    county = view.data[view.data["area_code"] == COUNTY].iloc[0]
    assert county["significance"] == "Not compared"
    assert county["significance_reason"] == "benchmark value is illustrative"
    assert bool(county["benchmark_illustrative"])
    shown = view.table.loc[view.table["area"] == county["area_name"], "significance"].iloc[0]
    assert shown == "Not compared (benchmark value is illustrative)"
    assert "benchmark value is illustrative" in view.text.summary
    assert "significantly" not in view.text.summary


def test_compare_view_still_compares_published_pairs(invented) -> None:
    view = _compare(PUBLISHED_PERIOD)
    county = view.data[view.data["area_code"] == COUNTY].iloc[0]
    assert county["significance"] == "Better" and not county["significance_illustrative"]
    assert "significantly better than England" in view.text.summary


def test_compare_view_marks_illustrative_comparisons(invented) -> None:
    view = _compare("2023")  # the demo invents every 2023 value: compared, but marked
    county = view.data[view.data["area_code"] == COUNTY].iloc[0]
    assert county["significance_illustrative"] or county["significance"] == "Not compared"
    if county["significance"] != "Not compared":
        shown = view.table.loc[view.table["area"] == county["area_name"], "significance"].iloc[0]
        assert shown.endswith("(illustrative)")
        assert "illustrative values, not a real comparison" in view.text.summary


def test_area_profile_marks_or_stops_comparisons_with_invented_values(invented) -> None:
    from views import area

    profile = area.build_profile({"_id": COUNTY})
    rows = profile.rows
    for r in rows.to_dict("records"):
        if r["england_illustrative"] and not r["value_illustrative"] and r["england"] is not None:
            assert r["significance"] == "Not compared" and r["significance_reason"] == "benchmark value is illustrative"
        if r["value_illustrative"] and r["significance"] != "Not compared":
            assert r["significance_illustrative"]
    conceptions = rows[rows["indicator_id"] == INDICATOR].iloc[0]  # latest: 2023, all invented
    assert bool(conceptions["value_illustrative"])
    group = conceptions["group"]
    table = area.group_view(profile, group).table
    shown = table.loc[table["indicator"] == conceptions["name"], "significance"].iloc[0]
    assert shown.endswith("(illustrative)") or shown.startswith("Not compared")


def test_summary_marks_or_stops_comparisons_and_ratings(invented) -> None:
    from views import summary as view

    measures = view.summarise({}).measures
    with_data = measures[measures["has_data"]]
    assert not with_data.empty
    for m in with_data.to_dict("records"):
        latest_invented = bool(m["illustrative"]) and not any(c["illustrative"] for c in m["comparisons"])
        for c in m["comparisons"]:
            if c["label"] == "Not compared":
                assert not c["comparison_illustrative"]
        if m.get("rag") not in (None, "Not assessed") and latest_invented:
            assert m["rag_text"].startswith("Illustrative, not a real rating:")
