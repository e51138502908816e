"""HOME_AREA in headless chromium: with Essex (E10000012) the header names Essex, ``/`` opens on
the headline indicators for Essex and ``/compare`` on Essex's twelve districts against Essex; with
a unitary council (Medway, E06000035) ``/compare`` opens on Medway against its statistical neighbours."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.browser.conftest import console_errors, open_when_listening

HOMES = {"E10000012": ("Essex", ["Basildon", "Essex"]), "E06000035": ("Medway", ["Medway", "Statistical neighbours"])}


@pytest.fixture(params=list(HOMES), ids=[name for name, _ in HOMES.values()])
def home_start(request: pytest.FixtureRequest, dash_duo, app_settings):
    from app import create_app
    from views import home

    dash_duo.start_server(create_app(replace(app_settings, home_area=request.param)))
    yield request.param, lambda path: open_when_listening(dash_duo, path)
    home.configure("E10000015")


def test_summary_and_compare_open_on_the_home_council(home_start, dash_duo) -> None:
    code, start = home_start
    name, bars = HOMES[code]
    start("/")
    dash_duo.wait_for_element("#summary-cards .bee-section", timeout=15)
    assert f"{name} children's services" in dash_duo.find_element(".site-header").text
    intro = dash_duo.find_element(".summary-intro").text
    assert "Children's services headline indicators" in intro and name in intro
    assert "Hertfordshire" not in dash_duo.find_element("#summary-cards").text
    assert dash_duo.driver.title.startswith(f"{name}: Outcome Bees summary")

    start("/compare")
    dash_duo.wait_for_element("#compare-chart .js-plotly-plot", timeout=20)
    names = " ".join(
        map(
            str,
            dash_duo.driver.execute_script(
                "const gd = document.querySelector('#compare-chart .js-plotly-plot');"
                "return gd._fullData.flatMap(t => Array.from(t.y || []));"
            ),
        )
    )
    assert all(bar in names for bar in bars), names
    if code == "E10000012":
        assert "Show all Essex's districts" in dash_duo.find_element("#compare-all").text
    assert console_errors(dash_duo) == []
