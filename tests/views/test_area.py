"""Area profile view on the seeded SQLite."""

from __future__ import annotations

import pytest

import data_access
from analytics.compare import NOT_COMPARED
from data_access.database import Database
from views import area as view
from views.base import ViewNotFound
from views.registry import views_from_url


@pytest.fixture(autouse=True)
def _configured(seeded_sqlite: Database) -> None:
    data_access.configure(seeded_sqlite.url)


def test_county_profile_groups_by_default_plan_bees_then_other() -> None:
    profile = view.build_profile({"_id": "E10000015"})
    assert profile.framework is not None and profile.framework["is_default"]
    assert profile.groups[-1] == view.OTHER_GROUP
    assert "Be Ambitious" in profile.groups
    ambitious = profile.rows[profile.rows["group"] == "Be Ambitious"]
    assert "eyfs-gld" in set(ambitious["indicator_id"])
    # every indicator with a Hertfordshire value appears somewhere
    assert profile.rows["indicator_id"].nunique() >= 100


def _group_charts(query: dict[str, str]) -> list[view.AreaGroupChart]:
    """The area profile's views, which are all group charts (chart_views is typed for the registry)."""
    charts = view.chart_views(query)
    assert all(isinstance(c, view.AreaGroupChart) for c in charts)
    return [c for c in charts if isinstance(c, view.AreaGroupChart)]


def test_chart_views_one_per_group_with_words_and_england() -> None:
    views = _group_charts({"_id": "E10000015"})
    assert [v.group for v in views] == view.build_profile({"code": "E10000015"}).groups
    first = views[0]
    assert first.key == "area"
    assert first.text.title.startswith("Hertfordshire: ")
    assert "England" in first.text.summary
    assert first.filename_stem.startswith("area-E10000015_hertfordshire_")
    assert ("england_shown", "England") in first.table_columns
    assert first.figure.layout.title.text is None


def test_district_profile_has_county_distribution_rank_and_county_comparison() -> None:
    views = _group_charts({"code": "E07000243"})
    profile = views[0].profile
    assert profile.county is not None and profile.county["code"] == "E10000015"
    assert profile.peer_scope == "districts and unitary councils in England"
    rows = profile.rows.set_index("indicator_id")
    obesity = rows.loc["year6-obesity"]
    assert obesity["county"] == obesity["county"]  # a Hertfordshire value, not NaN
    assert obesity["dist_n"] >= 290 and obesity["dist_min"] <= obesity["value"] <= obesity["dist_max"]
    assert " of " in obesity["rank_text"] and "quartile band" in obesity["rank_text"]
    everything = [c for v in views for c in v.table_columns]
    assert ("county_shown", "Hertfordshire") in everything and (
        "significance_county",
        "Compared with Hertfordshire",
    ) in everything


def test_herefordshire_uses_its_own_plan_never_hertfordshires() -> None:
    profile = view.build_profile({"_id": "E06000019"})
    assert profile.framework is not None and profile.framework["id"] == "herefordshire-cypp-2006-08"
    assert profile.county is None
    assert not profile.rows["source_title"].str.contains("Hertfordshire").any()
    assert profile.rows["source_title"].str.contains("Herefordshire").any()
    assert not profile.rows["illustrative"].any()
    assert not profile.judgements.empty


def test_predecessor_code_shows_current_area_with_a_note() -> None:
    profile = view.build_profile({"_id": "e07000101"})
    assert profile.area["code"] == "E07000243"
    assert profile.alias_note and "E07000101" in profile.alias_note and "Stevenage" in profile.alias_note


def test_unknown_code_and_unknown_group_are_friendly_not_found() -> None:
    with pytest.raises(ViewNotFound, match="no area with the code"):
        view.chart_views({"_id": "E99999999"})
    with pytest.raises(ViewNotFound, match="no group"):
        view.chart_views({"_id": "E10000015", "group": "be-grumpy"})


def test_group_query_picks_one_view_and_registry_reads_the_path() -> None:
    page, views = views_from_url("/area/E10000015?group=be-ambitious")
    assert page == "area" and len(views) == 1
    assert isinstance(views[0], view.AreaGroupChart) and views[0].group == "Be Ambitious"


def test_significance_is_not_compared_without_an_england_value() -> None:
    rows = view.build_profile({"_id": "E06000019"}).rows
    assert (rows.loc[rows["england"].isna(), "significance"] == NOT_COMPARED).all()


def test_jar_judgements_are_on_the_county_profile() -> None:
    judgements = view.build_profile({"_id": "E10000015"}).judgements
    jar = judgements[(judgements["framework"] == "Joint Area Review 2007") & judgements["grade"].notna()]
    assert set(jar["grade"].astype(int)) >= {1, 2, 3}


def test_counts_are_in_the_table_but_never_placed_on_the_spine_chart() -> None:
    """Issue 19, finding 5: "CLA returned home" (a count: 45 against England's 5,740) is not a
    point on the spine chart; the table keeps it and a note says why."""
    charts = _group_charts({"_id": "E10000015"})
    placed = {str(y) for chart in charts for trace in chart.figure.data if getattr(trace, "y", None) is not None for y in trace.y}
    counts = [chart for chart in charts if (chart.data["value_type"] == "count").any()]
    assert counts
    for chart in counts:
        for name in chart.data.loc[chart.data["value_type"] == "count", "short_name"]:
            assert not any(label.startswith(f"{name} (") for label in placed), name
        assert any(note.startswith("Counts are in the table but not on the chart") for note in chart.text.notes)
