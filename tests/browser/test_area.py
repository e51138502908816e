"""Area profile in real headless chromium: deep link, spine chart, picker → URL → reload."""

from tests.browser.conftest import choose_option, console_errors


def _spine_rows(dash_duo, graph_id: str) -> list[str]:
    return dash_duo.driver.execute_script(
        f"const gd = document.querySelector('#{graph_id} .js-plotly-plot');"
        "return gd._fullData.filter(t => t.type === 'scatter').flatMap(t => Array.from(t.y));"
    )


def test_area_deep_link_picker_changes_url_and_reload(dash_duo, start) -> None:
    start("/area/E07000243")
    dash_duo.wait_for_element("#area-chart-be-ambitious .js-plotly-plot", timeout=20)
    assert dash_duo.find_element("h1").text == "Stevenage area profile"
    rows = " ".join(_spine_rows(dash_duo, "area-chart-be-ambitious"))
    assert "KS2 RWM expected" in rows  # published for every district (ONS Explore Local Statistics)
    table = dash_duo.find_element("#area-table-be-ambitious").text
    assert "Compared with Hertfordshire" in table and "reading, writing and maths" in table
    assert "Illustrative data" not in dash_duo.find_element("#main-content").text

    choose_option(dash_duo, "#area-code", "Watford (E07000103)", "Watford")
    dash_duo.wait_for_text_to_equal("h1", "Watford area profile", timeout=20)
    assert dash_duo.driver.current_url.endswith("/area/E07000103")

    dash_duo.driver.refresh()
    dash_duo.wait_for_text_to_equal("h1", "Watford area profile", timeout=20)
    dash_duo.wait_for_element("#area-chart-be-ambitious .js-plotly-plot", timeout=20)
    assert console_errors(dash_duo) == []


def test_county_jar_grades_in_words_alias_and_unknown(dash_duo, start) -> None:
    start("/area/E10000015")
    dash_duo.wait_for_contains_text(
        "#area-judgements", "Grade 3 of 4 (good) on the JAR scale, where 4 is outstanding", timeout=20
    )
    assert "not today's Ofsted scale" in dash_duo.find_element("#area-judgements").text

    start("/area/E07000101")
    dash_duo.wait_for_contains_text("#area-alias-note", "earlier code for Stevenage", timeout=20)
    assert dash_duo.driver.current_url.endswith("/area/E07000101")  # no silent jump

    start("/area/E99999999")
    dash_duo.wait_for_contains_text("#main-content", "We could not find that", timeout=10)
    assert "Traceback" not in dash_duo.driver.page_source
    assert console_errors(dash_duo) == []
