"""The trends page's layout and URL callback, called as plain functions."""

import importlib

import dash
import pytest


@pytest.fixture
def page(dash_app):
    return importlib.import_module("pages.trends")


def _text(component) -> str:
    return str(component.to_plotly_json())


def test_layout_renders_deep_link(page) -> None:
    text = _text(page.layout(indicator="u18-conceptions", areas="E10000015,E07000243", benchmark="E92000001", ci="off"))
    assert "trends-chart" in text and "trends-table" in text and "trends-labels" in text
    assert "Stevenage" in text
    # ONS's district series ends in 2017 with counts (tested); LAIT's county series to 2022 has
    # no counts: a labelled direction of travel, not tested
    assert "not tested" in text and "Cannot be calculated" not in text


def test_layout_without_arguments_is_safe(page) -> None:
    text = _text(page.layout())
    assert "Under-18 conception rate" in text and "East of England" in text


@pytest.mark.parametrize(
    "query",
    [{"indicator": "no-such-indicator"}, {"areas": "E10000015,BAD"}, {"benchmark": "BAD"}],
)
def test_layout_bad_options_are_friendly(page, query) -> None:
    text = _text(page.layout(**query))
    assert "We could not find that" in text
    assert "trends-chart" not in text


def test_url_for_controls(page) -> None:
    search = page.url_for_controls("u18-conceptions", ["E10000015"], ["E92000001"], "off", "?old")
    assert search == "?indicator=u18-conceptions&areas=E10000015&benchmark=E92000001&ci=off"
    assert page.url_for_controls("u18-conceptions", ["E10000015"], [], "on", "?x") == (
        "?indicator=u18-conceptions&areas=E10000015&benchmark=none&ci=on"
    )
    assert page.url_for_controls("u18-conceptions", ["E10000015"], ["E92000001"], "off", search) is None


def test_callback_as_function(page) -> None:
    from dash._callback_context import context_value
    from dash._utils import AttributeDict

    token = context_value.set(AttributeDict(triggered_inputs=[{"prop_id": "trends-ci.value", "value": "off"}]))
    try:
        search = page.update_trends_url("u18-conceptions", ["E10000015"], ["E92000001"], "off", "?indicator=u18-conceptions")
        assert search.endswith("ci=off")
        with pytest.raises(dash.exceptions.PreventUpdate):
            page.update_trends_url("u18-conceptions", ["E10000015"], ["E92000001"], "off", search)
    finally:
        context_value.reset(token)


def test_url_for_controls_keeps_the_neighbour_model(page) -> None:
    current = "?indicator=u18-conceptions&areas=E10000015&benchmark=sn&ci=on&model=2021"
    search = page.url_for_controls("cla-three-plus-placements", ["E10000015"], ["sn"], "on", current)
    assert search == "?indicator=cla-three-plus-placements&areas=E10000015&benchmark=sn&ci=on&model=2021"
    assert "model=" not in page.url_for_controls("cla-three-plus-placements", ["E10000015"], ["E92000001"], "on", current)
