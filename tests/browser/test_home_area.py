"""HOME_AREA=E10000012 (Essex) in headless chromium: the header names Essex, ``/`` opens on the
headline indicators for Essex, ``/compare`` on Essex's twelve districts against Essex."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.browser.conftest import console_errors, open_when_listening

ESSEX = "E10000012"


@pytest.fixture
def essex_start(dash_duo, app_settings):
    from app import create_app
    from views import home

    dash_duo.start_server(create_app(replace(app_settings, home_area=ESSEX)))
    yield lambda path: open_when_listening(dash_duo, path)
    home.configure("E10000015")


def test_summary_and_compare_open_on_essex(essex_start, dash_duo) -> None:
    essex_start("/")
    dash_duo.wait_for_element("#summary-cards .bee-section", timeout=15)
    assert "Essex children's services" in dash_duo.find_element(".site-header").text
    intro = dash_duo.find_element(".summary-intro").text
    assert "Children's services headline indicators" in intro and "Essex" in intro
    assert "Hertfordshire" not in dash_duo.find_element("#summary-cards").text
    assert dash_duo.driver.title.startswith("Essex: Outcome Bees summary")

    essex_start("/compare")
    dash_duo.wait_for_element("#compare-chart .js-plotly-plot", timeout=20)
    names = dash_duo.driver.execute_script(
        "const gd = document.querySelector('#compare-chart .js-plotly-plot');"
        "return gd._fullData.flatMap(t => Array.from(t.y || []));"
    )
    assert "Basildon" in " ".join(map(str, names)) and "Essex" in " ".join(map(str, names))
    assert "Show all Essex's districts" in dash_duo.find_element("#compare-all").text
    assert console_errors(dash_duo) == []
