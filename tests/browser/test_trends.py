"""Trends in real headless chromium: deep link, CI toggle, URL, reload."""

from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.conftest import console_errors

# Fingertips publishes intervals for injury admissions; Essex beside Hertfordshire
DEEP_LINK = "/trends?indicator=injury-admissions-0-14&areas=E10000015,E10000012&benchmark=E92000001&ci=on"


def _fills(dash_duo) -> int:
    return dash_duo.driver.execute_script(
        "const gd = document.querySelector('#trends-chart .js-plotly-plot');"
        "return gd._fullData.filter(t => t.fill === 'toself').length;"
    )


def _line(dash_duo, prefix: str) -> list:
    return dash_duo.driver.execute_script(
        "const gd = document.querySelector('#trends-chart .js-plotly-plot');"
        f"const t = gd._fullData.find(t => t.name.startsWith({prefix!r}) && t.mode === 'lines+markers');"
        "return [Array.from(t.x), Array.from(t.y)];"
    )


def test_trends_deep_link_ci_toggle_and_reload(dash_duo, start) -> None:
    start(DEEP_LINK)
    dash_duo.wait_for_element("#trends-chart .js-plotly-plot", timeout=15)
    x, y = _line(dash_duo, "Hertfordshire")
    assert x[0] == "2010-11" and abs(y[0] - 96.4011213) < 1e-6  # Fingertips 90284, as published
    assert _fills(dash_duo) > 0
    table = dash_duo.find_element("#trends-table").text
    assert "Hertfordshire" in table and "Essex" in table and "England" in table
    assert "Decreasing and getting better" in dash_duo.find_element("#trends-labels").text

    dash_duo.find_element("#trends-ci input[value='off']").click()
    WebDriverWait(dash_duo.driver, 10).until(lambda d: "ci=off" in d.current_url)
    WebDriverWait(dash_duo.driver, 10).until(lambda d: _fills(dash_duo) == 0)

    dash_duo.driver.refresh()
    dash_duo.wait_for_element("#trends-chart .js-plotly-plot", timeout=15)
    WebDriverWait(dash_duo.driver, 10).until(lambda d: _fills(dash_duo) == 0)
    assert "Essex" in dash_duo.find_element("#trends-table").text
    assert console_errors(dash_duo) == []


def test_trends_suppressed_value_is_a_gap_not_zero(dash_duo, demo_start) -> None:
    """A withheld district cell in the demonstration series (districts have no published CLA rate)."""
    demo_start("/trends?indicator=cla-rate&areas=E07000102&benchmark=E10000015")
    dash_duo.wait_for_element("#trends-chart .js-plotly-plot", timeout=15)
    x, y = _line(dash_duo, "Three Rivers")
    assert y[x.index("31 March 2023")] is None  # withheld as "c": a gap in the line, never zero
    assert "c – suppressed" in dash_duo.find_element("#trends-table").text
    assert console_errors(dash_duo) == []


def test_trends_unknown_indicator_is_friendly(dash_duo, start) -> None:
    start("/trends?indicator=not-real")
    dash_duo.wait_for_contains_text("#main-content", "We could not find that", timeout=10)
