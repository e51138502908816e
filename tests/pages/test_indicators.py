"""Indicator catalogue and indicator pages as plain functions."""

from __future__ import annotations

import dash
import pytest

from tests.pages.test_area import _ids, _text


def test_catalogue_lists_everything_and_searches_legacy_codes(dash_app) -> None:
    import pages.indicators as page

    everything = _text(page.layout())
    assert "Indicator catalogue" in everything and "Under-18 conception rate" in everything
    found = page.layout(q="NI 112")
    text = _text(found)
    assert "1 of" in text and "Under-18 conception rate" in text and "Lower is better" in text
    assert "Reception prevalence of obesity" not in text
    assert "cpr-re-registrations" in str(page.layout(q="PAF A3"))
    assert "No indicator matches" in _text(page.layout(q="zzzz nothing"))
    assert "indicators-q" in _ids(page.layout())


def test_search_box_writes_the_url(dash_app) -> None:
    import pages.indicators as page

    assert page.update_indicators_url("NI 112", "") == "?q=NI+112"
    assert page.update_indicators_url("  ", "?q=NI+112") == ""
    with pytest.raises(dash.exceptions.PreventUpdate):
        page.update_indicators_url("NI 112", "?q=NI+112")


def test_indicator_page_definition_availability_plans_and_links(dash_app) -> None:
    import pages.indicator_detail as page

    layout = page.layout(indicator_id="u18-conceptions")
    text = _text(layout)
    for expected in (
        "Under-18 conception rate",
        "Lower is better",
        "Byar's method",
        "Calendar year",
        "NI 112",
        "Districts",
        "Children and Young People's Plan 2011-12",
        "Conceptions in England and Wales",
        "Rate per 1,000",
    ):
        assert expected in text, expected
    dumped = str(layout)
    assert "/trends?indicator=u18-conceptions" in dumped and "/compare?indicator=u18-conceptions" in dumped
    assert "indicator-availability" in _ids(layout)
    assert "Illustrative data" not in text


def test_indicator_without_values_and_unknown_indicator(dash_app) -> None:
    import pages.indicator_detail as page

    empty = _text(page.layout(indicator_id="camhs-effectiveness-score"))
    assert "We hold no values for this indicator yet" in empty and "old NI 51" in empty
    missing = _text(page.layout(indicator_id="no-such-thing"))
    assert "We could not find that" in missing and "no-such-thing" in missing
    assert _text(page.layout())  # no arguments: still a page
