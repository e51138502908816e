"""The district comparison view, built from query strings on the seeded SQLite database."""

import pandas as pd
import pytest

import data_access
from views import compare
from views.base import ViewNotFound


@pytest.fixture(autouse=True)
def _db(seeded_sqlite):
    data_access.configure(seeded_sqlite.url)


def test_defaults_are_the_home_countys_districts_against_the_county() -> None:
    """A published district indicator: Year 6 obesity (OHID NCMP), latest year, no invented values."""
    q = compare.build({}).query
    assert q.indicator == "year6-obesity"
    assert len(q.areas) == 10 and {"E07000243", "E07000095"} <= set(q.areas)
    assert q.benchmark == "E10000015"


def test_stevenage_and_broxbourne_against_their_county() -> None:
    view = compare.build({"areas": "E07000243,E07000095"})
    q = view.query
    assert q.areas == ("E07000243", "E07000095")
    assert q.benchmark == "E10000015"  # a district's benchmark is its own county (the area table)
    assert view.period == "2024/25"
    assert list(view.data["area_name"])[:3] == ["Stevenage", "Broxbourne", "Hertfordshire"]
    assert "England" in set(view.data["area_name"])
    assert not view.text.illustrative
    # no interval is published for these values: both values and the gap, untested, and why
    assert "Stevenage: 23.1%, higher than Hertfordshire's 17.8% by 5.3 percentage points" in view.text.summary
    assert "(not tested: no counts published)" in view.text.summary
    # the publisher's own verdicts against England are still said
    assert any("publisher's own verdicts against England" in note and "Stevenage similar" in note for note in view.text.notes)


def test_publisher_verdict_carried_against_england() -> None:
    """Fingertips prints its own verdict for these district values: kept, and said to be the publisher's."""
    view = compare.build({"benchmark": "E92000001"})
    rows = view.data.set_index("area_name")
    assert rows.loc["Stevenage", "significance"] == "Similar"
    assert rows.loc["Stevenage", "comparison_source"] == "publisher"
    assert "(the publisher's own verdict)" in view.text.summary


def test_interval_from_the_published_count_against_england() -> None:
    """ONS prints the under-18 conception count: Byar's interval, so 2017 is tested against England."""
    view = compare.build({"indicator": "u18-conceptions", "areas": "E10000015", "benchmark": "E92000001", "period": "2017"})
    herts = view.data.set_index("area_name").loc["Hertfordshire"]
    assert herts["ci_method"].startswith("Byar from the published count")
    assert herts["significance"] == "Better"


def test_any_county_districts_against_their_own_county() -> None:
    """Lancashire's districts against Lancashire where it has values; against England where it has none."""
    cla = compare.build({"indicator": "ks2-rwm-expected", "areas": "E07000117,E07000120"})  # Burnley, Hyndburn
    assert cla.query.benchmark == "E10000017"
    assert set(cla.data["area_name"]) >= {"Burnley", "Hyndburn", "Lancashire", "England"}
    assert cla.data["value"].notna().all()
    obesity = compare.build({"areas": "E07000117,E07000120"})  # NCMP obesity: no Lancashire county row published
    assert obesity.query.benchmark == "E92000001"
    assert obesity.data["value"].notna().all()


def test_significance_labels_come_from_analytics() -> None:
    """Fingertips publishes intervals for injury admissions, so councils are tested against England."""
    view = compare.build({"indicator": "injury-admissions-0-14", "areas": "E10000012,E10000015", "benchmark": "E92000001"})
    labels = set(view.data["significance"])
    assert labels <= {"Better", "Similar", "Worse", "Not compared", "Benchmark"}
    assert labels & {"Better", "Similar", "Worse"}
    assert "significantly" in view.text.summary or "similar" in view.text.summary


def test_predecessor_codes_are_accepted() -> None:
    view = compare.build({"areas": "E07000101"})
    assert view.query.areas == ("E07000243",)


def test_all_districts() -> None:
    view = compare.build({"areas": "all"})
    assert len(view.query.areas) == 10


@pytest.mark.parametrize(
    "query",
    [{"indicator": "no-such-thing"}, {"areas": "E99999999"}, {"benchmark": "XYZ"}, {"period": "1066"}],
)
def test_unknown_ids_raise_a_friendly_not_found(query) -> None:
    with pytest.raises(ViewNotFound) as raised:
        compare.build(query)
    assert raised.value.message and "Traceback" not in raised.value.message


def test_suppressed_values_are_not_zero() -> None:
    view = compare.build_tiles({"indicator": "u18-conceptions"})
    suppressed = view.data[view.data["value"].isna()]
    for shown in view.table["value_shown"]:
        assert shown != "0" and shown != "0.0"
    if not suppressed.empty:
        assert any("suppressed" in note or "not" in note for note in view.text.notes)


def test_filename_says_what_it_is() -> None:
    view = compare.build({"indicator": "u18-conceptions", "areas": "E07000243,E07000095", "period": "2021"})
    assert view.filename_stem == "u18-conceptions_stevenage-broxbourne-herts_2021"


def test_tiles_cover_the_ten_districts() -> None:
    view = compare.build_tiles({})
    assert len(view.data) == 10


def test_map_shows_the_tile_districts_with_the_same_sentence_and_table() -> None:
    tiles = compare.build_tiles({"indicator": "u18-conceptions"})
    view = compare.build_map({"indicator": "u18-conceptions"})
    assert view.key == "compare-map"
    assert view.text.summary == tiles.text.summary
    assert view.table.equals(tiles.table) and view.table_columns == tiles.table_columns
    assert view.missing_shapes == []
    fills = [t for t in view.figure.data if t.fill == "toself"]
    assert len(fills) == 10
    assert view.filename_stem == "u18-conceptions_districts-map_2017"
    assert "Hertfordshire's districts on a map" in view.text.title


def test_map_carries_the_ons_boundary_attribution() -> None:
    view = compare.build_map({})
    assert "Contains OS data © Crown copyright and database right 2024" in view.text.source_line()
    assert any("Crown copyright" in a.text for a in view.figure.layout.annotations)


def test_map_is_a_registered_view_for_exports_packs_and_slides() -> None:
    from views.registry import views_from_url

    page, views = views_from_url("/compare?indicator=u18-conceptions&view=map")
    assert page == "compare" and [v.key for v in views] == ["compare-map"]


def test_districts_without_a_shipped_shape_are_named_and_left_to_the_tiles(monkeypatch) -> None:
    from data_access import reads

    real = reads.district_boundaries
    monkeypatch.setattr(
        reads,
        "district_boundaries",
        lambda codes: {**real(codes), "features": [f for f in real(codes)["features"] if f["id"] != "E07000103"]},
    )
    view = compare.build_map({})
    assert view.missing_shapes == ["E07000103"]
    assert "No boundary is shipped for Watford, so it is shown on the tile grid only." in view.text.notes
    assert len([t for t in view.figure.data if t.fill == "toself"]) == 9


def test_no_shapes_at_all_is_a_friendly_not_found(monkeypatch) -> None:
    from data_access import reads

    monkeypatch.setattr(
        reads, "district_boundaries", lambda codes: {"type": "FeatureCollection", "attribution": "", "features": []}
    )
    with pytest.raises(ViewNotFound, match="tile grid only"):
        compare.build_map({})


def test_map_colours_by_quartile_when_the_rows_carry_one(monkeypatch) -> None:
    tiles = compare.build_tiles({})
    quartiles = ["A", "B", "C", "D", "A", "B", "C", "D", "A", None]
    tiles.data = tiles.data.assign(quartile=pd.Series(quartiles, index=tiles.data.index))
    view = compare.build_map({"colour": "quartile"}, tiles=tiles)
    assert view.colour_by == "quartile" and "coloured by quartile" in view.text.subtitle
    # the published district values have no intervals, so no district can be tested: by default
    # the map is coloured by LAIT quartile among England's lower-tier areas instead
    default = compare.build_map({})
    assert default.colour_by == "quartile"
    assert set(default.data["quartile"]) <= set("ABCD") and default.data["quartile"].notna().all()
    assert compare.build_map({"colour": "significance"}).colour_by == "significance"
    no_bands = compare.build_tiles({})
    no_bands.data = no_bands.data.drop(columns=["quartile"])
    assert compare.build_map({"colour": "quartile"}, tiles=no_bands).colour_by == "significance"


def _bar_words(view: compare.CompareChart) -> tuple[list[str], list[str]]:
    """The axis labels and hover texts of the bar chart."""
    labels = [str(c) for c in view.figure.layout.yaxis.categoryarray]
    hovers = [str(h) for trace in view.figure.data if trace.customdata is not None for h in trace.customdata]
    return labels, hovers


def test_bars_carry_the_verdict_and_how_it_was_made() -> None:
    """Issue 19: no bar reads a bare "Not compared"; each says whose verdict, or that it was not tested."""
    published, _ = _bar_words(compare.build({"benchmark": "E92000001"}))
    assert any("Similar, publisher's verdict" in label for label in published)
    labels, hovers = _bar_words(
        compare.build({"indicator": "u18-conceptions", "areas": "E10000015", "benchmark": "E92000001", "period": "2017"})
    )
    assert any("(Better, tested)" in label for label in labels)
    assert any("tested on 95% confidence intervals: Byar from the published count" in h for h in hovers)
    labels, hovers = _bar_words(compare.build({"indicator": "cp-plan-rate", "areas": "E10000015", "benchmark": "E92000001"}))
    assert any("(Lower, not tested)" in label for label in labels)
    assert any("lower than England's" in h and "not tested" in h for h in hovers)
    for view in (compare.build({}), compare.build({"indicator": "cp-plan-rate", "areas": "E10000015"})):
        labels, hovers = _bar_words(view)
        assert not any("(Not compared)" in label for label in labels), labels
        assert "Not compared" not in set(view.table["significance"]), view.table["significance"].tolist()


@pytest.mark.parametrize("indicator", ["eyfs-literacy", "ks2-rwm-expected"])
def test_a_district_and_its_county_come_from_one_publisher(indicator: str) -> None:
    """Issue 19, item 8: ONS ELS publishes the districts and the county, so both come from it (the
    published data's precedence rule, seed/publishing/precedence.py), and no note has to warn of mixed sources."""
    view = compare.build({"indicator": indicator, "areas": "E07000243"})
    shown = view.data[view.data["value"].notna()]
    assert set(shown["area_name"]) >= {"Stevenage", "Hertfordshire"}
    assert shown["source_title"].nunique() == 1, shown[["area_name", "source_title"]]
    assert not any(note.startswith("These values come from different sources") for note in view.text.notes)


def test_untested_district_tiles_say_higher_or_lower_not_a_bare_not_compared() -> None:
    """Year 6 obesity 2024/25 (the default): no district intervals are published, so each tile and
    its table row give the difference from the county in words (issue 19, item 3)."""
    tiles = compare.build_tiles({})
    shown = dict(zip(tiles.table["area"], tiles.table["significance"], strict=True))
    assert shown["Stevenage"].startswith("23.1%, higher than Hertfordshire's 17.8%"), shown["Stevenage"]
    assert "not tested" in shown["Stevenage"]
    assert not any(text == "Not compared" for text in shown.values()), shown
    labels = [a["text"] for a in tiles.figure.to_plotly_json()["layout"]["annotations"]]
    assert any("Stevenage" in t and "Higher, not tested" in t for t in labels), labels
    assert any("St Albans" in t and "Lower, not tested" in t for t in labels), labels
