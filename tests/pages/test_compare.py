"""The compare page's layout and URL callback, called as plain functions."""

import importlib

import dash
import pytest


@pytest.fixture
def page(dash_app):
    return importlib.import_module("pages.compare")


def _text(component) -> str:
    return str(component.to_plotly_json())


def test_layout_renders_deep_link(page) -> None:
    layout = page.layout(indicator="u18-conceptions", areas="E07000243,E07000095", benchmark="E10000015")
    text = _text(layout)
    assert "compare-chart" in text and "compare-table" in text and "Stevenage" in text


def test_layout_unknown_indicator_is_friendly(page) -> None:
    text = _text(page.layout(indicator="nope"))
    assert "We could not find that" in text


def test_layout_without_arguments_is_safe(page) -> None:
    text = _text(page.layout())  # the default view: Stevenage and Broxbourne against the county
    assert "compare-chart" in text and "Stevenage" in text and "Broxbourne" in text


def test_url_callback_writes_the_view(page) -> None:
    search = page.update_compare_url("u18-conceptions", ["E07000243", "E07000103"], "E92000001", "2021", "Total", None, "?old")
    assert search == "?indicator=u18-conceptions&areas=E07000243%2CE07000103&benchmark=E92000001&period=2021"


def test_url_callback_no_change_prevents_update(page) -> None:
    current = "?indicator=u18-conceptions&areas=E07000243&benchmark=E10000015"
    with pytest.raises(dash.exceptions.PreventUpdate):
        page.update_compare_url("u18-conceptions", ["E07000243"], "E10000015", None, None, None, current)


def test_layout_puts_the_district_map_beside_the_tiles_with_one_table(page) -> None:
    text = _text(page.layout(indicator="u18-conceptions"))
    assert "compare-tiles" in text and "compare-map" in text
    assert text.count("compare-tiles-table") == 1  # one table for both drawings
    assert "Download the map as PNG" in text and "view%3Dmap" in text  # its own links, named apart from the tiles'
    assert "Crown copyright and database right 2024" in text


def test_layout_without_shapes_keeps_the_tiles_and_says_so(page, monkeypatch) -> None:
    from data_access import reads

    monkeypatch.setattr(
        reads, "district_boundaries", lambda codes: {"type": "FeatureCollection", "attribution": "", "features": []}
    )
    text = _text(page.layout(indicator="u18-conceptions"))
    assert "compare-tiles" in text and "compare-map" not in text
    assert "shown on the tile grid only" in text


def test_url_callback_keeps_the_url_only_settings(page) -> None:
    """model= and colour= have no control: a change of indicator keeps a shared link's choice."""
    current = "?indicator=u18-conceptions&areas=E10000015,E10000012&benchmark=sn&model=2021&colour=quartile"
    search = page.update_compare_url("cla-three-plus-placements", ["E10000015", "E10000012"], "sn", None, None, None, current)
    assert search == ("?indicator=cla-three-plus-placements&areas=E10000015%2CE10000012&benchmark=sn&model=2021&colour=quartile")
    # away from the neighbours the model is dropped; the map colouring stays
    search = page.update_compare_url("cla-three-plus-placements", ["E10000015"], "E92000001", None, None, None, current)
    assert "model=" not in search and "colour=quartile" in search


def test_quartile_colouring_asked_for_where_there_are_none_says_so(page) -> None:
    """No district has a value (so no quartile) for this indicator: the map keeps significance
    colouring, says why, and the quartile choice is not a link that would redraw the same map."""
    text = _text(
        page.layout(indicator="cla-three-plus-placements", areas="E07000243,E07000095", benchmark="E10000015", colour="quartile")
    )
    assert "significance against the benchmark (shown)" in text
    assert "quartile among England's districts (none for this period)" in text
    assert "No district has a quartile among England's districts for 2024-25" in text


def test_councils_compared_get_the_map_of_england_with_its_table_and_colour_links(page) -> None:
    text = _text(page.layout(indicator="cla-three-plus-placements", areas="E10000015,E10000012", colour="quartile"))
    assert "compare-england" in text and "compare-england-table" in text
    assert "compare-tiles" not in text and "compare-no-tiles" not in text  # no Hertfordshire districts for councils
    assert "England's councils on a map" in text and "Contains OS data" in text
    assert "quartile among England's councils (shown)" in text
    assert "view=england&colour=quartile" in text  # the map's own export links


def test_districts_of_another_county_get_their_own_map_without_the_herts_tiles(page) -> None:
    text = _text(page.layout(indicator="year6-obesity", areas="E07000069,E07000070"))
    assert "compare-map" in text and "Essex's districts on a map" in text
    assert 'compare-tiles"' not in text.replace("compare-tiles-table", "")
    assert text.count("compare-tiles-table") == 1
