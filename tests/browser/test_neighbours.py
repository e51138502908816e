"""/neighbours in real headless chromium: the LAIT view and the scorecard, their controls, the
URL as state, and axe-core (0 violations) on each page state."""

from __future__ import annotations

import re

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.browser.a11y.test_axe import AXE, axe_violations, settle
from tests.browser.conftest import choose_option, console_errors

DEEP_LINK = "/neighbours?area=E10000015&indicator=cla-three-plus-placements"


def _no_axe_violations(dash_duo, state: str) -> None:
    if not AXE.is_file():
        return
    settle(dash_duo)
    found = axe_violations(dash_duo)
    assert not found, f"{state}: " + "; ".join(f"[{v['impact']}] {v['id']} ×{v['count']} {v['nodes'][:2]}" for v in found)


def test_indicator_view_model_switch_and_back_to_the_scorecard(dash_duo, start) -> None:
    start(DEEP_LINK)
    dash_duo.wait_for_element("#nb-chart .js-plotly-plot", timeout=20)
    table = dash_duo.find_element("#nb-table").text
    assert "78th of 151" in table and "10 of 10" in table
    summary = dash_duo.find_element(".summary-sentence").text
    assert "Hertfordshire's percentage, 11%" in summary and "ranked 78th of 151 councils" in summary
    categories = " ".join(
        dash_duo.driver.execute_script(
            "const gd = document.querySelector('#nb-chart .js-plotly-plot'); return gd._fullData.flatMap(t => t.y ? Array.from(t.y).filter(Boolean) : []);"
        )
    )
    assert "Hertfordshire (this council)" in categories and "Trafford" in categories
    _no_axe_violations(dash_duo, "indicator view")

    # the 2021 model: the radio writes model=2021 into the URL
    dash_duo.driver.find_element(By.CSS_SELECTOR, "#nb-model input[value='2021']").click()
    dash_duo.wait_for_contains_text(".chart-subtitle", "April 2021 model", timeout=15)
    assert "model=2021" in dash_duo.driver.current_url
    _no_axe_violations(dash_duo, "indicator view, 2021 model")

    # "All indicators (scorecard)" drops the indicator from the URL
    choose_option(dash_duo, "#nb-indicator", "All indicators (scorecard)", search="All indicators")
    dash_duo.wait_for_element("#nb-scorecard", timeout=30)
    assert "indicator=" not in dash_duo.driver.current_url and "model=2021" in dash_duo.driver.current_url
    assert console_errors(dash_duo) == []


def test_scorecard_sorts_through_the_url_and_reloads(dash_duo, start) -> None:
    start("/neighbours?area=E10000015")
    dash_duo.wait_for_element("#nb-scorecard", timeout=30)
    assert "Be Safe" in dash_duo.find_element("#nb-scorecard").text
    _no_axe_violations(dash_duo, "scorecard")
    choose_option(dash_duo, "#nb-sort", "Sort by rank among councils, best first", search="best first")
    dash_duo.wait_for_contains_text("#nb-scorecard caption", "sorted by rank among councils, best first", timeout=30)
    assert "sort=rank" in dash_duo.driver.current_url
    headers = [th.text for th in dash_duo.driver.find_elements(By.CSS_SELECTOR, "#nb-scorecard thead th")]
    column = next(i for i, text in enumerate(headers, start=1) if text.lower().startswith("rank"))  # found by name: columns move
    first_rank = dash_duo.driver.find_element(By.CSS_SELECTOR, f"#nb-scorecard tbody tr td:nth-child({column})").text
    assert first_rank.startswith("1st of")
    dash_duo.driver.refresh()
    dash_duo.wait_for_contains_text("#nb-scorecard caption", "best first", timeout=30)
    # the table is paged (50 rows) through the URL; the sort is kept
    assert len(dash_duo.driver.find_elements(By.CSS_SELECTOR, "#nb-scorecard tbody tr")) == 50
    # by keyboard, as a presenter would: focus the "Next" link and press Enter
    next_link = dash_duo.driver.find_element(By.XPATH, "//nav[@id='nb-pages']//a[starts-with(normalize-space(.), 'Next')]")
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus();", next_link)
    next_link.send_keys(Keys.ENTER)
    dash_duo.wait_for_contains_text("#nb-scorecard caption", "indicators 51–100 of", timeout=30)
    assert "page=2" in dash_duo.driver.current_url and "sort=rank" in dash_duo.driver.current_url
    current = dash_duo.driver.execute_script("return document.querySelector('#nb-pages [aria-current=page]').textContent")
    assert re.fullmatch(r"Page 2 of \d+", current), current  # the page count grows with the catalogue
    assert console_errors(dash_duo) == []


@pytest.mark.parametrize(
    "path,words",
    [
        ("/neighbours?area=E07000243", "Stevenage is a district council"),
        ("/neighbours?area=NOPE", "There is no area with the code"),
    ],
)
def test_district_and_unknown_area_are_friendly(dash_duo, start, path: str, words: str) -> None:
    start(path)
    dash_duo.wait_for_contains_text("#main-content", words, timeout=15)
    assert "Traceback" not in dash_duo.driver.page_source
    if "E07000243" in path:
        links = [a.get_attribute("href") for a in dash_duo.driver.find_elements(By.CSS_SELECTOR, ".not-found a")]
        assert any(link.endswith("/neighbours?area=E10000015") for link in links)
    _no_axe_violations(dash_duo, path)


def test_map_of_england_with_the_neighbours_outlined_and_no_axe_violations(dash_duo, start) -> None:
    start("/neighbours?area=E10000015&indicator=cla-three-plus-placements")
    dash_duo.wait_for_element("#nb-map .js-plotly-plot .main-svg", timeout=20)
    settle(dash_duo)
    names = dash_duo.driver.execute_script("return document.querySelector('#nb-map .js-plotly-plot')._fullData.map(t => t.name);")
    assert "Hertfordshire (thick orange outline)" in names
    assert "Hertfordshire's statistical neighbours (dark outline)" in names
    table = dash_duo.find_element("#nb-map-table").text
    assert table.count("Dark outline (Hertfordshire's statistical neighbour)") == 10
    assert console_errors(dash_duo) == []
    if AXE.is_file():
        assert axe_violations(dash_duo) == []
