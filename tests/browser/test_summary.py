"""The Outcome Bees summary in headless chromium: deep link, cards, values, control → URL, reload."""

from __future__ import annotations

import time

import data_access
from tests.browser.conftest import console_errors
from views import summary as view

DEEP_LINK = "/?framework=plan-2018-21&area=E07000243"


def _wait_for(predicate, timeout: float = 10.0) -> bool:
    end = time.time() + timeout
    while time.time() < end:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def _cards(dash_duo) -> list[str]:
    script = "return Array.from(document.querySelectorAll('#summary-cards .bee-name')).map(e => e.textContent.trim())"
    return list(dash_duo.driver.execute_script(script))


def test_summary_deep_link_control_url_and_reload(demo_start, dash_duo, demo_sqlite) -> None:
    """Stevenage's values for the 2018-21 plan's measures are the demonstration series (districts)."""
    data_access.configure(demo_sqlite.url)
    expected = view.summarise({"framework": "plan-2018-21", "area": "E07000243"})
    demo_start(DEEP_LINK)
    dash_duo.wait_for_element("#summary-cards .bee-section", timeout=10)

    # one card per bee, in plan order, with its "n of m with data" count
    assert _cards(dash_duo) == [bee.name for bee in expected.bees]
    for bee in expected.bees:
        count = dash_duo.find_element(f"#bee-{bee.code} .bee-count").text
        assert (f"{bee.with_data} of {len(bee.measures)} with data" if len(bee.measures) else "No measures") == count

    # values, periods and comparison words as the view computed them; sources on hover
    rows = expected.measures[expected.measures["has_data"]]
    assert not rows.empty
    for record in rows.to_dict("records"):
        row = dash_duo.find_element(f'li[data-measure="{record["measure_id"]}"]')
        assert row.find_element("css selector", ".measure-value-number").text == record["value_shown"]
        assert row.find_element("css selector", ".measure-period").text == record["period"]
        assert "Source:" in row.find_element("css selector", ".measure-value").get_attribute("title")
        england = next(c for c in record["comparisons"] if c["code"] == "E92000001")
        badges = row.find_element("css selector", ".measure-badges").text
        assert "England" in badges
        if england["label"] != "Not compared" or england.get("text"):
            # no bare "not compared": the verdict or the untested difference, with England's value
            assert "England: not compared" not in badges and f"England ({england['benchmark_shown']}" in badges
        link = row.find_element("css selector", "a.measure-name").get_attribute("href")
        assert link.endswith(record["trend_href"])  # its trend, or the gaps page for a disadvantaged-pupil measure
        if record["illustrative"]:
            assert "ILLUSTRATIVE" in row.text.upper()
    no_data = dash_duo.find_elements(".measure-row.no-data")
    assert len(no_data) == int((~expected.measures["has_data"]).sum())
    assert "Stevenage" in dash_duo.find_element("#summary-sentence").text

    # change the framework control: the URL changes and keeps the district
    dash_duo.find_element("#summary-framework").click()
    dash_duo.wait_for_element(".dash-dropdown-option, .Select-option, [role='option']", timeout=5)
    options = dash_duo.find_elements(".dash-dropdown-option, .Select-option, [role='option']")
    target = next(o for o in options if o.text.strip().startswith("CYPP 2011-12"))
    target.click()
    assert _wait_for(lambda: "framework=cypp-2011-12" in dash_duo.driver.current_url)
    assert "area=E07000243" in dash_duo.driver.current_url
    cypp = view.summarise({"framework": "cypp-2011-12", "area": "E07000243"})
    assert _wait_for(lambda: _cards(dash_duo) == [bee.name for bee in cypp.bees])

    # reload the new URL: same view
    url = dash_duo.driver.current_url
    dash_duo.driver.get(url)
    dash_duo.wait_for_element("#summary-cards .bee-section", timeout=10)
    assert _cards(dash_duo) == [bee.name for bee in cypp.bees]
    assert dash_duo.driver.current_url == url
    assert "CYPP 2011-12" in dash_duo.find_element("#summary-framework").text
    assert console_errors(dash_duo) == []


def test_summary_unknown_framework_is_friendly(start, dash_duo) -> None:
    start("/?framework=no-such-plan")
    dash_duo.wait_for_element(".not-found", timeout=10)
    assert "no outcome framework" in dash_duo.find_element(".not-found").text
    assert console_errors(dash_duo) == []
