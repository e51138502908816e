"""Trends in real headless chromium: deep link, CI toggle, URL, reload."""

from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.conftest import console_errors

DEEP_LINK = "/trends?indicator=u18-conceptions&areas=E10000015,E07000095&benchmark=E92000001&ci=on"


def _fills(dash_duo) -> int:  # type: ignore[no-untyped-def]
    return dash_duo.driver.execute_script(
        "const gd = document.querySelector('#trends-chart .js-plotly-plot');"
        "return gd._fullData.filter(t => t.fill === 'toself').length;"
    )


def _line(dash_duo, prefix: str) -> list:  # type: ignore[no-untyped-def]
    return dash_duo.driver.execute_script(
        "const gd = document.querySelector('#trends-chart .js-plotly-plot');"
        f"const t = gd._fullData.find(t => t.name.startsWith({prefix!r}) && t.mode === 'lines+markers');"
        "return [Array.from(t.x), Array.from(t.y)];"
    )


def test_trends_deep_link_ci_toggle_and_reload(dash_duo, start) -> None:  # type: ignore[no-untyped-def]
    start(DEEP_LINK)
    dash_duo.wait_for_element("#trends-chart .js-plotly-plot", timeout=15)
    x, y = _line(dash_duo, "Hertfordshire")
    assert x[0] == "2008" and y[0] == 25.6
    assert _fills(dash_duo) > 0
    table = dash_duo.find_element("#trends-table").text
    assert "Hertfordshire" in table and "Broxbourne" in table and "England" in table
    assert "Decreasing and getting better" in dash_duo.find_element("#trends-labels").text

    dash_duo.find_element("#trends-ci input[value='off']").click()
    WebDriverWait(dash_duo.driver, 10).until(lambda d: "ci=off" in d.current_url)
    WebDriverWait(dash_duo.driver, 10).until(lambda d: _fills(dash_duo) == 0)

    dash_duo.driver.refresh()
    dash_duo.wait_for_element("#trends-chart .js-plotly-plot", timeout=15)
    WebDriverWait(dash_duo.driver, 10).until(lambda d: _fills(dash_duo) == 0)
    assert "Broxbourne" in dash_duo.find_element("#trends-table").text
    assert console_errors(dash_duo) == []


def test_trends_suppressed_value_is_a_gap_not_zero(dash_duo, start) -> None:  # type: ignore[no-untyped-def]
    start("/trends?indicator=cla-rate&areas=E07000102&benchmark=E10000015")
    dash_duo.wait_for_element("#trends-chart .js-plotly-plot", timeout=15)
    x, y = _line(dash_duo, "Three Rivers")
    assert y[x.index("31 March 2023")] is None  # withheld as "c": a gap in the line, never zero
    assert "c – suppressed" in dash_duo.find_element("#trends-table").text
    assert console_errors(dash_duo) == []


def test_trends_unknown_indicator_is_friendly(dash_duo, start) -> None:  # type: ignore[no-untyped-def]
    start("/trends?indicator=not-real")
    dash_duo.wait_for_contains_text("#main-content", "We could not find that", timeout=10)
