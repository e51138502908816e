"""/send in real headless chromium: a council (every chart drawn, tiles, a control change written
to the URL) and a district (the friendly message linking to its county), axe-core on each state."""

from __future__ import annotations

from tests.browser.a11y.test_axe import AXE, axe_violations, settle
from tests.browser.conftest import choose_option, console_errors


def _no_axe_violations(dash_duo, state: str) -> None:
    if not AXE.is_file():
        return
    settle(dash_duo)
    found = axe_violations(dash_duo)
    assert not found, f"{state}: " + "; ".join(f"[{v['impact']}] {v['id']} ×{v['count']} {v['nodes'][:2]}" for v in found)


def test_council_page_tiles_charts_and_benchmark_change(dash_duo, start) -> None:
    start("/send?area=E10000015")
    dash_duo.wait_for_element("#send-tribunal-chart .js-plotly-plot", timeout=90)
    tiles = dash_duo.find_element("#send-tiles").text
    assert "12,920" in tiles and "55.2%" in tiles and "4.4%" in tiles
    assert "68th of 153 councils, quartile B" in tiles
    for key in ("headline", "plans", "timeliness", "timeliness-ex", "placements", "needs", "funnel", "tribunal", "ceased"):
        dash_duo.wait_for_element(f"#send-{key}-table", timeout=10)
    assert "984 of 1,781" in dash_duo.find_element("#send-headline-table").text
    _no_axe_violations(dash_duo, "Hertfordshire")

    choose_option(dash_duo, "#send-benchmark", "Statistical neighbours (average)", search="Statistical")
    dash_duo.wait_for_contains_text(".chart-subtitle", "Verdicts against Statistical neighbours", timeout=90)
    assert "benchmark=sn" in dash_duo.driver.current_url
    _no_axe_violations(dash_duo, "Hertfordshire against its neighbours")
    assert console_errors(dash_duo) == []


def test_district_gets_a_link_to_its_county(dash_duo, start) -> None:
    start("/send?area=E07000243")
    message = dash_duo.wait_for_element(".not-found", timeout=20).text
    assert "Stevenage is a district" in message and "SEND in Hertfordshire" in message
    link = dash_duo.find_element(".not-found a[href*='/send?area=E10000015']")
    assert link.text == "SEND in Hertfordshire"
    _no_axe_violations(dash_duo, "Stevenage (district)")
    link.click()
    dash_duo.wait_for_element("#send-tiles", timeout=40)
    assert console_errors(dash_duo) == []
