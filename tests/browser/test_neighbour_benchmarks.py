"""Statistical neighbours as a benchmark, ranks and the district range option, in headless chromium."""

from selenium.webdriver.common.by import By

from tests.browser.conftest import choose_option, console_errors


def test_compare_benchmark_sn_chosen_from_the_dropdown(dash_duo, start) -> None:
    start("/compare?indicator=cla-three-plus-placements&areas=E10000015,E10000012&benchmark=E92000001&colour=quartile")
    dash_duo.wait_for_contains_text("#compare-table", "Compared with England", timeout=15)
    choose_option(dash_duo, "#compare-benchmark", "Statistical neighbours (average)", search="Statistical")
    dash_duo.wait_for_contains_text("#compare-table", "Statistical neighbours (average of 10)", timeout=15)
    assert "benchmark=sn" in dash_duo.driver.current_url
    assert "colour=quartile" in dash_duo.driver.current_url  # a URL-only setting survives the change of control
    table = dash_duo.find_element("#compare-table").text
    assert "11.8%" in table and "78th of 151 councils (quartile C)" in table
    assert "Oxfordshire, Buckinghamshire" in dash_duo.find_element("#main-content").text  # whose neighbours
    assert dash_duo.find_elements("#compare-england")  # councils compared: the map of England, not the districts
    assert console_errors(dash_duo) == []


def test_trends_with_the_neighbour_average_line(dash_duo, start) -> None:
    start("/trends?indicator=cla-three-plus-placements&areas=E10000015&benchmark=sn,E92000001")
    dash_duo.wait_for_element("#main-content .js-plotly-plot", timeout=15)
    names = dash_duo.driver.execute_script(
        "return document.querySelector('#main-content .js-plotly-plot')._fullData.map(t => t.name);"
    )
    assert any(str(n).startswith("Statistical neighbours (average of 10)") for n in names)
    assert "Not calculated: an average of the neighbours" in dash_duo.find_element("#main-content").text
    assert console_errors(dash_duo) == []


def test_area_profile_neighbours_and_district_range_links(dash_duo, start) -> None:
    start("/area/E10000015")
    link = dash_duo.wait_for_element("#area-options a", timeout=15)
    assert link.text.startswith("Add the statistical neighbours' average")
    link.click()
    # the whole county profile (seven groups of charts) redraws: allow for a CI machine whose other core is busy
    dash_duo.wait_for_contains_text("#main-content", "Compared with statistical neighbours", timeout=40)
    assert "benchmark=sn" in dash_duo.driver.current_url

    start("/area/E07000243")
    dash_duo.wait_for_element("#area-options", timeout=15)
    county = [
        a for a in dash_duo.driver.find_elements(By.CSS_SELECTOR, "#area-options a") if "Hertfordshire's districts" in a.text
    ]
    county[0].click()
    dash_duo.wait_for_contains_text("#main-content", "(10 areas)", timeout=40)
    assert "range=county" in dash_duo.driver.current_url
    assert console_errors(dash_duo) == []
