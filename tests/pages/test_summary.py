"""The summary page's layout and URL callback, called as plain functions."""

from __future__ import annotations

import json

import dash
import pytest
from plotly.utils import PlotlyJSONEncoder


@pytest.fixture
def page(dash_app):
    import pages.summary as module

    return module


def _text(component) -> str:
    return json.dumps(component.to_plotly_json(), cls=PlotlyJSONEncoder, ensure_ascii=False)


def _h1_count(text: str) -> int:
    return text.count('"type": "H1"')


def test_default_layout_is_cheap_and_complete(page) -> None:
    text = _text(page.layout())
    assert _h1_count(text) == 1
    assert "Outcome Bees summary" in text and "Our Way Forward" in text
    assert '"id": "summary-framework"' in text and '"id": "summary-area"' in text
    assert "Be Safe" in text and "with data" in text and "Illustrative data" not in text
    assert "Local measure" in text and "Measured by" in text


def test_deep_link_layout(page) -> None:
    text = _text(page.layout(framework="plan-2018-21", area="E07000243"))
    assert "Stevenage" in text and "Plan 2018-21" in text
    assert "/trends?indicator=" in text and "areas=E07000243" in text
    assert "Compared with Hertfordshire" in text  # the county is a benchmark for a district
    assert (
        "/export/summary.png?framework=plan-2018-21&amp;area=E07000243" in text
        or "/export/summary.png?framework=plan-2018-21&area=E07000243" in text
    )


@pytest.mark.parametrize(
    "query",
    [
        {"framework": "no-such-plan"},
        {"framework": "plan-2018-21", "area": "E99999999"},
        {"framework": "plan-2018-21", "area": "E06000019"},
        {"framework": "herefordshire-cypp-2006-08", "area": "E10000015"},
        {"framework": "plan-2018-21", "area": "<script>"},
    ],
)
def test_unknown_or_mismatched_query_is_friendly_not_found(page, query) -> None:
    text = _text(page.layout(**query))
    assert "We could not find that" in text
    assert "Traceback" not in text


def test_herefordshire_plan_page_shows_only_herefordshire(page) -> None:
    text = _text(page.layout(framework="herefordshire-cypp-2006-08"))
    assert "different council from Hertfordshire" in text
    assert '"value": "E06000019"' in text
    assert '"value": "E10000015"' not in text and "Stevenage" not in text


def test_url_callback_writes_the_choice(page) -> None:
    assert page.update_summary_url("plan-2018-21", "E07000243", "") == "?framework=plan-2018-21&area=E07000243"


def test_url_callback_resets_area_for_another_councils_plan(page) -> None:
    assert (
        page.update_summary_url("herefordshire-cypp-2006-08", "E07000243", "?framework=plan-2018-21&area=E07000243")
        == "?framework=herefordshire-cypp-2006-08&area=E06000019"
    )
    assert page.update_summary_url("plan-2018-21", "E06000019", "") == "?framework=plan-2018-21&area=E10000015"
    # a district stays chosen when moving between Hertfordshire plans
    assert page.update_summary_url("cypp-2011-12", "E07000243", "") == "?framework=cypp-2011-12&area=E07000243"


def test_url_callback_unknown_framework_falls_back_and_no_change_prevents_update(page) -> None:
    # a plan id the URL named but nobody has: the default plan and its council are written back
    assert (
        page.update_summary_url("no-such-plan", None, "?framework=no-such-plan")
        == "?framework=our-way-forward-2024-25&area=E10000015"
    )
    # the bare default URL already shows the default plan and council: no rewrite, no second render
    with pytest.raises(dash.exceptions.PreventUpdate):
        page.update_summary_url(None, None, "")
    with pytest.raises(dash.exceptions.PreventUpdate):
        page.update_summary_url("our-way-forward-2024-25", "E10000015", "?framework=our-way-forward-2024-25&area=E10000015")
