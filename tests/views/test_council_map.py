"""The map of England's councils and the district map of any county, built from query strings
on the seeded SQLite database: values, verdicts and quartiles agree with the pages' own rank rule."""

import pytest

import data_access
from views import benchmarks, compare, neighbours
from views.base import ViewNotFound
from views.council_map import build_council_map, choose_colour

ESSEX_DISTRICTS = [f"E070000{n}" for n in range(66, 78)]


@pytest.fixture(autouse=True)
def _db(seeded_sqlite):
    data_access.configure(seeded_sqlite.url)


def test_colour_rule() -> None:
    assert choose_colour("quartile", quartiles=True, tested=True) == "quartile"
    assert choose_colour("quartile", quartiles=False, tested=False) == "significance"  # none to show: said in a note
    assert choose_colour("significance", quartiles=True, tested=False) == "significance"
    assert choose_colour("", quartiles=True, tested=False) == "quartile"
    assert choose_colour("", quartiles=True, tested=True) == "significance"


def test_compare_with_councils_maps_every_council_with_the_chosen_ones_outlined() -> None:
    query = {"indicator": "cla-three-plus-placements", "areas": "E10000015,E10000012", "colour": "quartile"}
    q, _meta = compare.parsed(query)
    assert compare.areas_are_councils(q)
    view = compare.build_council_map(query)
    assert view.key == "compare-england" and view.colour_by == "quartile"
    assert len(view.table) >= 150
    # the chosen councils head the table, outlined, and their quartile is the one the rank rule gives
    assert list(view.table["area"][:2]) == ["Hertfordshire", "Essex"]
    assert set(view.table["outlined"][:2]) == {"Dark outline (Councils compared)"}
    assert view.table["rank"].iloc[0] == "78th of 151 (quartile C)"
    meta = compare.parsed(query)[1]
    ranks = benchmarks.ranks("cla-three-plus-placements", meta["polarity"], "county", [view.period])
    assert ranks.set_index("area_code").loc["E10000015", "quartile"] == "C"  # the one rank rule
    assert (
        "Council boundaries: Office for National Statistics licensed under the Open Government Licence v3.0"
        in view.text.source_line()
    )
    assert view.filename_stem.startswith("cla-three-plus-placements_england-councils-map_")
    assert "Councils compared (dark outline)" in view.text.summary


def test_districts_are_not_councils() -> None:
    q, _meta = compare.parsed({"areas": "E07000243,E10000015"})
    assert not compare.areas_are_councils(q)


def test_verdicts_against_england_in_words_and_suppressed_values_never_zero() -> None:
    from data_access import reads

    view = build_council_map("cla-rate", reads.indicator("cla-rate") or {}, "31 March 2025", {})
    assert view.colour_by == "significance" and view.tested_available
    assert "England" in view.table_columns[2][1]
    city = view.table[view.table["area"] == "City of London"]
    assert not city.empty and "0" != city["value_shown"].iloc[0] and city["significance"].iloc[0] == "Not compared"
    assert view.text.summary.startswith("Of the ")


def test_no_values_for_the_period_is_a_friendly_not_found() -> None:
    with pytest.raises(ViewNotFound, match="no map of England"):
        build_council_map("cla-rate", {"name": "CLA", "value_type": "rate", "unit": "u", "polarity": None}, "1066", {})


def test_neighbours_map_outlines_the_council_and_its_ten() -> None:
    query = {"area": "E10000015", "indicator": "cla-three-plus-placements"}
    view = neighbours.build_council_map(query)
    assert view.key == "neighbours-map"
    assert view.table["outlined"].iloc[0] == "Thick orange outline"
    assert (view.table["outlined"].str.startswith("Dark outline")).sum() == 10
    assert "Hertfordshire (thick orange outline)" in view.text.summary
    names = [t.name for t in view.figure.data if t.name]
    assert "Hertfordshire (thick orange outline)" in names
    assert [v.key for v in neighbours.chart_views({**query, "view": "map"})] == ["neighbours-map"]
    with pytest.raises(ViewNotFound, match="one indicator"):
        neighbours.build_council_map({"area": "E10000015"})


def test_district_map_for_another_county() -> None:
    view = compare.build_map({"indicator": "year6-obesity", "areas": "E07000069,E07000070"})
    assert compare.map_county(view.query)[0] == "E10000012"
    assert set(view.data["area_code"]) == set(ESSEX_DISTRICTS)
    assert len([t for t in view.figure.data if t.fill == "toself"]) == 12
    assert "Essex's districts on a map" in view.text.title
    assert "Essex's 12 districts" in view.text.summary
    assert "database right 2023" in view.text.source_line()
    assert view.filename_stem.startswith("year6-obesity_essex-districts-map_")
    labels = [a for a in view.figure.layout.annotations if a.text.startswith("<b>")]
    assert len(labels) == 12 and all(51.4 < a.y < 52.2 for a in labels)  # every name inside Essex


def test_a_county_chosen_as_an_area_maps_its_own_districts() -> None:
    q, _meta = compare.parsed({"indicator": "year6-obesity", "areas": "E10000012"})
    county, districts = compare.map_county(q)
    assert county == "E10000012" and sorted(districts) == ESSEX_DISTRICTS


def test_england_map_is_a_registered_view_for_exports() -> None:
    from views.registry import views_from_url

    page, views = views_from_url("/compare?indicator=cla-three-plus-placements&areas=E10000015&view=england")
    assert page == "compare" and [v.key for v in views] == ["compare-england"]
