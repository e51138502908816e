"""benchmark=sn on /compare, /trends and /area, and ranks beside council values (seeded SQLite)."""

from __future__ import annotations

import pytest

import data_access
from views import area, compare, summary, trends
from views.base import ViewNotFound


@pytest.fixture(autouse=True)
def _db(seeded_sqlite):
    data_access.configure(seeded_sqlite.url)


def test_compare_against_statistical_neighbours() -> None:
    view = compare.build({"indicator": "cla-three-plus-placements", "areas": "E10000015,E10000012", "benchmark": "sn"})
    assert view.query.benchmark == "sn"
    table = view.table.set_index("area")
    assert table.loc["Statistical neighbours (average of 10)", "value_shown"] == "11.8%"
    assert table.loc["Hertfordshire", "significance"] == "Similar"
    assert table.loc["Hertfordshire", "rank"] == "78th of 151 councils (quartile C)"
    assert "compared with Statistical neighbours (average of 10)" in view.text.title
    assert any(
        "Hertfordshire's 10 DfE statistical neighbours (2025 model: Oxfordshire" in n and "10 of 10 had a value" in n
        for n in view.text.notes
    )


def test_compare_sn_for_districts_uses_their_county_and_never_shows_zero() -> None:
    view = compare.build({"indicator": "year6-obesity", "benchmark": "sn"})
    bench = view.data[view.data["area_code"] == "sn"].iloc[0]
    assert bench["neighbours_with_value"] < 10 and bench["value"] > 0
    england_only = compare.build({"indicator": "year6-obesity", "benchmark": "sn", "areas": "E92000001"})
    none = england_only.data[england_only.data["area_code"] == "sn"].iloc[0]
    assert none["value"] is None or none["value"] != none["value"]  # missing, not 0
    assert any("councils (county and unitary) only" in n for n in england_only.text.notes)


def test_compare_unknown_model_is_a_friendly_message() -> None:
    with pytest.raises(ViewNotFound, match="model"):
        compare.build({"benchmark": "sn", "model": "1999"})


def test_district_ranks_among_lower_tier_areas() -> None:
    view = compare.build({})
    ranks = dict(zip(view.table["area"], view.table["rank"]))
    assert "districts and unitary councils" in ranks["Stevenage"]
    assert ranks["England"] == ""


def test_trends_with_neighbour_average_line() -> None:
    view = trends.build({"indicator": "cla-three-plus-placements", "areas": "E10000015", "benchmark": "sn,E92000001"})
    assert "Statistical neighbours (average of 10)" in view.text.title
    sn_rows = view.table[view.table["area"] == "Statistical neighbours (average of 10)"]
    assert "11.8%" in set(sn_rows["value_shown"])


def test_area_profile_with_neighbour_average() -> None:
    views = area.chart_views({"_id": "E10000015", "benchmark": "sn"})
    table = views[0].table
    assert "sn_shown" in table and "significance_sn" in table
    row = table[table["indicator"] == "Children looked after with three or more placements during the year"].iloc[0]
    assert row["sn_shown"] == "11.8% (average of 10)"
    assert row["significance_sn"] == "Similar to statistical neighbours"
    with pytest.raises(ViewNotFound):
        area.chart_views({"_id": "E10000015", "benchmark": "E12000006"})


def test_bee_cards_carry_rank_and_quartile() -> None:
    result = summary.summarise({})
    texts = [t for bee in result.bees for t in bee.measures["rank_text"] if t]
    assert "78th of 151 councils, quartile C" in texts


def test_district_spine_range_across_its_county_districts() -> None:
    county = area.chart_views({"_id": "E07000243", "range": "county"})
    assert "Hertfordshire's districts" in county[0].text.notes[0]
    assert all(t.endswith("(10 areas)") or t.endswith("areas)") for t in county[0].table["range_shown"] if t)
    assert any("(10 areas)" in t for t in county[0].table["range_shown"])
    england = area.chart_views({"_id": "E07000243"})
    assert any("(29" in t for t in england[0].table["range_shown"])  # ~294 lower-tier areas
    with pytest.raises(ViewNotFound, match="range=county"):
        area.chart_views({"_id": "E07000243", "range": "world"})
