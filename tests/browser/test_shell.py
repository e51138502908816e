"""The app shell: home renders, the navbar reaches every page, no console errors."""

import dash
from selenium.webdriver.common.by import By

from tests.browser.conftest import console_errors


def test_home_renders_and_navbar_reaches_every_page(dash_duo, start) -> None:
    start("/")
    dash_duo.wait_for_element("header nav", timeout=10)
    links = dash_duo.driver.find_elements(By.CSS_SELECTOR, "header nav a.nav-link")
    expected = [p for p in dash.page_registry.values() if p.get("nav_label")]
    assert len(links) == len(expected) >= 2
    hrefs = [link.get_attribute("href") for link in links]
    for href in hrefs:
        dash_duo.driver.get(href)
        dash_duo.wait_for_element("#main-content h1", timeout=15)
        assert "Traceback" not in dash_duo.driver.page_source
        assert "We could not find that" not in dash_duo.find_element("#main-content").text
    assert console_errors(dash_duo) == []


def test_unknown_path_gets_friendly_404(dash_duo, start) -> None:
    start("/no/such/page")
    dash_duo.wait_for_contains_text("#main-content", "We could not find that", timeout=10)
    assert console_errors(dash_duo) == []


def test_skip_link_is_first_focusable(dash_duo, start) -> None:
    from selenium.webdriver.common.keys import Keys

    start("/compare")
    dash_duo.find_element("body").send_keys(Keys.TAB)
    active = dash_duo.driver.switch_to.active_element
    assert active.get_attribute("class") == "skip-link"


def test_charts_use_the_vendored_basic_plotly_bundle(dash_duo, start) -> None:
    """dcc.Graph finds window.Plotly (assets/vendor/plotly-basic.min.js) and never fetches its full bundle."""
    start("/compare")
    dash_duo.wait_for_element("#compare-chart .js-plotly-plot", timeout=15)
    resources = dash_duo.driver.execute_script("return performance.getEntriesByType('resource').map(r => r.name);")
    assert any("/assets/vendor/plotly-basic.min.js" in r for r in resources)
    assert not any("package_data/plotly.min.js" in r for r in resources)
    assert any("/assets/vendor/bootstrap.min.css" in r for r in resources)
