"""The /neighbours page's layout and URL callback, called as plain functions."""

import importlib

import dash
import pytest


@pytest.fixture
def page(dash_app):
    return importlib.import_module("pages.neighbours")


def _text(component) -> str:
    return str(component.to_plotly_json())


def test_indicator_view_has_chart_table_sentence_and_links(page) -> None:
    text = _text(page.layout(area="E10000015", indicator="cla-three-plus-placements"))
    assert "nb-chart" in text and "nb-table" in text
    assert "In 2024-25 Hertfordshire's percentage, 11%" in text and "ranked 78th of 151 councils" in text
    assert "/export/neighbours.csv?area=E10000015&indicator=cla-three-plus-placements" in text
    assert "/embed/neighbours?" in text and "/pack?add=" in text
    assert "Oxfordshire" in text and "Statistical neighbours' average" in text


def test_scorecard_without_indicator_has_sortable_table_and_csv(page) -> None:
    text = _text(page.layout(area="E10000015"))
    assert "nb-scorecard" in text and "Hertfordshire scorecard" in text
    assert "/export/neighbours.csv?area=E10000015" in text
    assert "Sort by rank among councils, best first" in text
    assert "/neighbours?area=E10000015&indicator=cla-three-plus-placements" in text  # rows link to the indicator view
    ranked = _text(page.layout(area="E10000015", sort="rank"))
    assert "sorted by rank among councils, best first" in ranked


def test_defaults_and_friendly_messages(page) -> None:
    assert "Hertfordshire scorecard" in _text(page.layout())
    unknown = _text(page.layout(area="NOPE"))
    assert "We could not find that" in unknown and "Traceback" not in unknown
    district = _text(page.layout(area="E07000243"))
    assert "Stevenage is a district council" in district and "/neighbours?area=E10000015" in district
    assert "There is no indicator called" in _text(page.layout(area="E10000015", indicator="nope"))


def test_url_callback_writes_the_view(page) -> None:
    search = page.update_neighbours_url("E06000023", "ks4-attainment8", "2021", "group", "?area=E10000015")
    assert search == "?area=E06000023&indicator=ks4-attainment8&model=2021"
    assert (
        page.update_neighbours_url("E10000015", page.SCORECARD, "2025", "rank", "?area=E10000015") == "?area=E10000015&sort=rank"
    )


def test_url_callback_no_change_prevents_update(page) -> None:
    with pytest.raises(dash.exceptions.PreventUpdate):
        page.update_neighbours_url("E10000015", page.SCORECARD, "2025", "group", "")
    with pytest.raises(dash.exceptions.PreventUpdate):
        page.update_neighbours_url("E10000015", "cla-rate", "2025", "group", "?area=E10000015&indicator=cla-rate")


def test_area_profile_of_a_council_links_here(dash_app) -> None:
    area = importlib.import_module("pages.area")
    assert "/neighbours?area=E10000015" in _text(area.layout(code="E10000015"))
    assert "Compare with statistical neighbours" not in _text(area.layout(code="E07000243"))


def test_indicator_view_has_the_map_of_england_with_the_neighbours_outlined(page) -> None:
    text = _text(page.layout(area="E10000015", indicator="cla-three-plus-placements"))
    assert "nb-map" in text and "nb-map-table" in text
    assert "Hertfordshire (thick orange outline)" in text and "Contains OS data" in text
    assert "/export/neighbours.png?area=E10000015&indicator=cla-three-plus-placements&view=map" in text
    assert "nb-map-colour" in text


def test_scorecard_has_no_map(page) -> None:
    assert "nb-map" not in _text(page.layout(area="E10000015"))
