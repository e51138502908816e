"""District comparison in real headless chromium: deep link, control change, URL, reload."""

from selenium.webdriver.common.by import By

from tests.browser.conftest import choose_option, console_errors

DEEP_LINK = "/compare?indicator=u18-conceptions&areas=E07000243,E07000095&benchmark=E10000015&period=2017"


def _bar_categories(dash_duo) -> list[str]:
    return dash_duo.driver.execute_script(
        "const gd = document.querySelector('#compare-chart .js-plotly-plot');return gd._fullData.flatMap(t => Array.from(t.y));"
    )


def test_compare_deep_link_control_change_and_reload(dash_duo, start) -> None:
    start(DEEP_LINK)
    dash_duo.wait_for_element("#compare-chart .js-plotly-plot", timeout=15)
    categories = " ".join(_bar_categories(dash_duo))
    assert "Stevenage" in categories and "Hertfordshire" in categories
    table = dash_duo.find_element("#compare-table").text
    assert "Stevenage" in table and "Broxbourne" in table and "Hertfordshire" in table
    assert "Illustrative data" not in dash_duo.find_element("#main-content").text  # ONS conceptions, published

    # change the benchmark to England with the keyboard-friendly dropdown helper
    choose_option(dash_duo, "#compare-benchmark", "England")
    dash_duo.wait_for_contains_text("#compare-table", "Compared with England", timeout=10)
    url = dash_duo.driver.current_url
    assert "benchmark=E92000001" in url and "period=2017" in url

    dash_duo.driver.refresh()
    dash_duo.wait_for_contains_text("#compare-table", "Compared with England", timeout=15)
    assert "Stevenage" in dash_duo.find_element("#compare-table").text
    assert console_errors(dash_duo) == []


def test_compare_unknown_indicator_is_friendly(dash_duo, start) -> None:
    start("/compare?indicator=not-a-real-indicator")
    dash_duo.wait_for_contains_text("#main-content", "We could not find that", timeout=10)
    assert "Traceback" not in dash_duo.driver.page_source
    links = [a.get_attribute("href") for a in dash_duo.driver.find_elements(By.CSS_SELECTOR, ".not-found a")]
    assert any(link.endswith("/indicators") for link in links)


def test_district_map_renders_beside_the_tiles_with_its_table_and_no_axe_violations(dash_duo, start) -> None:
    from tests.browser.a11y.test_axe import AXE, axe_violations, settle

    start("/compare?indicator=u18-conceptions")
    dash_duo.wait_for_element("#compare-map .js-plotly-plot .main-svg", timeout=15)
    settle(dash_duo)
    drawn = dash_duo.driver.execute_script(
        "const gd = document.querySelector('#compare-map .js-plotly-plot');"
        "return {fills: gd._fullData.filter(t => t.fill === 'toself').length,"
        " paths: gd.querySelectorAll('.scatterlayer .js-fill').length,"
        " labels: Array.from(gd.querySelectorAll('.annotation-text')).map(a => a.textContent)};"
    )
    assert drawn["fills"] == 10 and drawn["paths"] >= 10
    assert "Stevenage" in drawn["labels"] and any("Crown copyright" in label for label in drawn["labels"])
    # the tile grid and the map sit side by side on a desktop screen
    tiles_box = dash_duo.find_element("#compare-tiles").rect
    map_box = dash_duo.find_element("#compare-map").rect
    assert map_box["x"] > tiles_box["x"] + tiles_box["width"] / 2 and abs(map_box["y"] - tiles_box["y"]) < 40
    # keyboard and screen-reader users get the one table, with every district
    table = dash_duo.find_element("#compare-tiles-table").text
    assert all(name in table for name in ("Watford", "Three Rivers", "East Herts", "Dacorum"))
    label = dash_duo.find_element("#compare-map").find_element(By.XPATH, "ancestor::figure").get_attribute("aria-label")
    assert label.startswith("Map: ") and "table below" in label
    assert console_errors(dash_duo) == []
    if AXE.is_file():
        assert axe_violations(dash_duo) == []


def _map_state(dash_duo, graph: str) -> dict:
    return dash_duo.driver.execute_script(
        f"const gd = document.querySelector('#{graph} .js-plotly-plot');"
        "return {fills: gd._fullData.filter(t => t.fill === 'toself').length,"
        " markers: gd._fullData.filter(t => t.mode === 'markers').reduce((n, t) => n + t.x.length, 0),"
        " names: gd._fullData.map(t => t.name),"
        " labels: Array.from(gd.querySelectorAll('.annotation-text')).map(a => a.textContent),"
        " height: gd.getBoundingClientRect().height};"
    )


def test_councils_compared_show_the_map_of_england_table_and_no_axe_violations(dash_duo, start) -> None:
    from tests.browser.a11y.test_axe import AXE, axe_violations, settle

    start("/compare?indicator=cla-three-plus-placements&areas=E10000015,E10000012&colour=quartile")
    dash_duo.wait_for_element("#compare-england .js-plotly-plot .main-svg", timeout=20)
    settle(dash_duo)
    drawn = _map_state(dash_duo, "compare-england")
    assert drawn["fills"] >= 4 and drawn["markers"] == 153 + 33  # every council, London again in its inset
    assert "Councils compared (dark outline)" in drawn["names"]
    assert any("Crown copyright" in label for label in drawn["labels"]) and drawn["height"] > 600
    table = dash_duo.find_element("#compare-england-table").text
    assert "Hertfordshire" in table and "78th of 151 (quartile C)" in table and "Wolverhampton" in table
    label = dash_duo.find_element("#compare-england").find_element(By.XPATH, "ancestor::figure").get_attribute("aria-label")
    assert label.startswith("Map: ") and "table below" in label
    # the colour choice is a link: the map redraws by significance, and the URL says so
    link = dash_duo.find_element("#compare-map-colour a")
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", link)
    dash_duo.wait_for_contains_text("#compare-map-colour", "significance against England (shown)", timeout=15)
    assert "colour=significance" in dash_duo.driver.current_url
    assert console_errors(dash_duo) == []
    if AXE.is_file():
        settle(dash_duo)
        assert axe_violations(dash_duo) == []


def test_another_countys_districts_on_their_map_with_no_axe_violations(dash_duo, start) -> None:
    from tests.browser.a11y.test_axe import AXE, axe_violations, settle

    start("/compare?indicator=year6-obesity&areas=E07000069,E07000070")
    dash_duo.wait_for_element("#compare-map .js-plotly-plot .main-svg", timeout=20)
    settle(dash_duo)
    drawn = _map_state(dash_duo, "compare-map")
    assert drawn["fills"] == 12 and "Chelmsford" in " ".join(drawn["labels"])
    assert "Tendring" in dash_duo.find_element("#compare-tiles-table").text
    assert console_errors(dash_duo) == []
    if AXE.is_file():
        assert axe_violations(dash_duo) == []
