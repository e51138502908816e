"""Attainment gaps in real headless chromium: deep link, control change, URL, reload."""

from selenium.webdriver.common.by import By

from tests.browser.conftest import console_errors

DEEP_LINK = "/gaps?phase=ks4&areas=E10000015,E07000243&period=2016%2F17"


def _trace_values(dash_duo, graph: str, name: str) -> list:
    return dash_duo.driver.execute_script(
        f"const gd = document.querySelector('{graph} .js-plotly-plot');"
        f"const t = gd._fullData.find(t => t.name === {name!r});"
        "return t ? Array.from(t.x) : null;"
    )


def test_gaps_deep_link_control_change_and_reload(dash_duo, demo_start) -> None:
    """Districts have no published gaps: Stevenage's series here is the demonstration (illustrative) one."""
    demo_start(DEEP_LINK)
    dash_duo.wait_for_element("#gaps-chart .js-plotly-plot", timeout=15)
    assert _trace_values(dash_duo, "#gaps-chart", "Disadvantaged pupils") == [37.1, 35.3, 35.8]  # England, Stevenage, Herts
    table = dash_duo.find_element("#gaps-table").text
    assert "Hertfordshire" in table and "Stevenage" in table and "England" in table
    assert "16.8 points" in table and "12.8 points" in table
    summary = dash_duo.find_element("#main-content").text
    assert "Hertfordshire's disadvantaged pupils' Attainment 8 (35.8) was below England's disadvantaged pupils (37.1)" in summary
    dash_duo.wait_for_element("#gaps-trend-chart .js-plotly-plot", timeout=15)

    dash_duo.select_dcc_dropdown("#gaps-period", value="2017/18")
    dash_duo.wait_for_contains_text(".chart-subtitle", "2017/18", timeout=10)
    url = dash_duo.driver.current_url
    assert "period=2017%2F18" in url and "phase=ks4" in url and "E07000243" in url

    dash_duo.driver.refresh()
    dash_duo.wait_for_contains_text(".chart-subtitle", "2017/18", timeout=15)
    assert "Stevenage" in dash_duo.find_element("#gaps-table").text
    assert console_errors(dash_duo) == []


def test_gaps_unknown_phase_is_friendly(dash_duo, start) -> None:
    start("/gaps?phase=ks9")
    dash_duo.wait_for_contains_text("#main-content", "We could not find that", timeout=10)
    links = [a.get_attribute("href") for a in dash_duo.driver.find_elements(By.CSS_SELECTOR, ".not-found a")]
    assert any("phase=ks4" in link for link in links)
