"""The attainment-gaps page's layout and URL callback, called as plain functions."""

import importlib

import dash
import pytest


@pytest.fixture
def page(dash_app):
    return importlib.import_module("pages.gaps")


def _text(component) -> str:
    return str(component.to_plotly_json())


def test_layout_renders_deep_link(page) -> None:
    text = _text(page.layout(phase="ks4", areas="E10000015,E07000243", period="2016/17"))
    assert "gaps-chart" in text and "gaps-table" in text and "gaps-trend-chart" in text
    assert "Stevenage" in text and "England" in text
    assert "16.8 points" in text and "35.8" in text and "37.1" in text


def test_layout_without_arguments_is_safe(page) -> None:
    text = _text(page.layout())
    assert "Attainment gaps" in text and "gaps-phase" in text


def test_published_period_hint_only_on_illustrative_views(page) -> None:
    """The default view is published, so there is no "published figures are available for" hint."""
    text = _text(page.layout())
    assert "Published figures (not illustrative)" not in text


@pytest.mark.parametrize(
    "query",
    [{"phase": "ks5"}, {"areas": "E10000015,NOT-AN-AREA"}, {"period": "1990/91"}],
)
def test_layout_bad_options_are_friendly(page, query) -> None:
    text = _text(page.layout(**query))
    assert "We could not find that" in text
    assert "gaps-chart" not in text


def test_url_for_controls_writes_the_view(page) -> None:
    current = "?phase=ks4&areas=E10000015&period=2016%2F17"
    search = page.url_for_controls("ks4", ["E10000015", "E07000243"], "2016/17", current, "gaps-areas")
    assert search == "?phase=ks4&areas=E10000015%2CE07000243&period=2016%2F17"


def test_new_phase_resets_period(page) -> None:
    current = "?phase=ks4&areas=E10000015&period=2016%2F17"
    assert page.url_for_controls("eyfs", ["E10000015"], "2016/17", current, "gaps-phase") == "?phase=eyfs&areas=E10000015"


def test_unchanged_controls_change_nothing(page) -> None:
    current = "?phase=ks4&areas=E10000015&period=2016%2F17"
    assert page.url_for_controls("ks4", ["E10000015"], "2016/17", current, "gaps-period") is None


def test_callback_as_function(page) -> None:
    from dash._callback_context import context_value
    from dash._utils import AttributeDict

    token = context_value.set(AttributeDict(triggered_inputs=[{"prop_id": "gaps-period.value", "value": "2017/18"}]))
    try:
        search = page.update_gaps_url("ks4", ["E10000015"], "2017/18", "?phase=ks4&areas=E10000015&period=2016%2F17")
        assert search == "?phase=ks4&areas=E10000015&period=2017%2F18"
        with pytest.raises(dash.exceptions.PreventUpdate):
            page.update_gaps_url("ks4", ["E10000015"], "2016/17", "?phase=ks4&areas=E10000015&period=2016%2F17")
    finally:
        context_value.reset(token)
