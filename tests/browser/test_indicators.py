"""Indicator catalogue and indicator page in real headless chromium."""

from selenium.webdriver.common.keys import Keys

from tests.browser.conftest import console_errors


def test_catalogue_search_writes_url_and_reloads(dash_duo, start) -> None:
    start("/indicators")
    dash_duo.wait_for_element("#indicators-table", timeout=15)
    assert "Under-18 conception rate" in dash_duo.find_element("#indicators-table").text

    box = dash_duo.find_element("#indicators-q")
    box.send_keys("NI 112", Keys.ENTER)
    dash_duo.wait_for_contains_text("#indicators-count", "match “NI 112”", timeout=15)
    assert "q=NI+112" in dash_duo.driver.current_url
    table = dash_duo.find_element("#indicators-table").text
    assert "Under-18 conception rate" in table and "Reception prevalence of obesity" not in table

    dash_duo.driver.refresh()
    dash_duo.wait_for_contains_text("#indicators-count", "match “NI 112”", timeout=15)
    assert dash_duo.find_element("#indicators-q").get_attribute("value") == "NI 112"
    assert console_errors(dash_duo) == []


def test_indicator_page_deep_link_and_unknown(dash_duo, start) -> None:
    start("/indicators/u18-conceptions")
    dash_duo.wait_for_text_to_equal("h1", "Under-18 conception rate", timeout=15)
    body = dash_duo.find_element("#main-content").text
    assert "Lower is better" in body and "NI 112" in body and "Illustrative data" not in body
    assert dash_duo.find_element("#indicator-compare-link").get_attribute("href").endswith("/compare?indicator=u18-conceptions")
    assert "Districts" in dash_duo.find_element("#indicator-availability").text

    start("/indicators/not-a-thing")
    dash_duo.wait_for_contains_text("#main-content", "We could not find that", timeout=10)
    assert console_errors(dash_duo) == []
