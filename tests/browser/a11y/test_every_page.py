"""One journey over every page state: axe-core, the keyboard, reflow and the shell's promises.

Each URL of :func:`tests.browser.a11y.pages.urls_to_visit` is opened once and checked for
everything that used to need its own browser walk (axe's walk, the keyboard walk, the navbar walk
and the shell's single checks each opened every page again):

- axe-core, WCAG 2.0/2.1/2.2 A and AA plus Label in Name: 0 violations, in every state;
- in each page's default state: Tab order from the skip link through every visible control to the
  footer, each visibly focused, nothing trapping focus; the skip link moves focus to the main
  content; no sideways scrolling at 320 px wide or at 200% zoom;
- an unknown path gets the friendly "We could not find that" page;
- charts (``/compare``, ``/trends``): their data table sits in a focusable, named scroll region and
  their summary sentence is text; the vendored basic plotly bundle draws them;
- no console errors.

The list is walked in ``PARTS`` parts so that no single test runs for minutes; every part uses the
worker's shared browser (``tests/browser/conftest.py``)."""

from __future__ import annotations

import json
import time

import pytest

from tests.browser.a11y.pages import urls_to_visit
from tests.browser.a11y.test_axe import AXE, EXTRA_RULES, axe_violations, rules_run, settle
from tests.browser.a11y.test_keyboard import OVERFLOW, WALK_INSTEAD, _viewport, _walk, keyboard_urls
from tests.browser.conftest import console_errors

PARTS = 5
CHART_PAGES = {"/compare", "/trends"}


def _keyboard_and_reflow(dash_duo, url: str) -> list[str]:
    """The keyboard walk and the two reflow checks of one page, at 1280 px like a laptop."""
    driver = dash_duo.driver
    _viewport(driver, 1280, 900)
    time.sleep(0.4)  # plotly's responsive resize
    found = _walk(dash_duo, url)
    if any("not reachable" in p for p in found):
        # A late re-render (the page's URL-sync callback) can replace every node after the
        # controls were listed, so none of the listed ones is ever focused: settle and walk
        # again. A control that really cannot be reached fails both walks.
        settle(dash_duo)
        found = _walk(dash_duo, url)
    for width, scale, label in ((320, 1, "320 px wide"), (640, 2, "200% zoom (1280 px at 2×)")):
        _viewport(driver, width, 900, scale)
        time.sleep(0.4)
        result = driver.execute_script(OVERFLOW)
        if result["scrollWidth"] > result["width"] + 1:
            found.append(
                f"{url} at {label}: the page scrolls sideways ({result['scrollWidth']} > {result['width']}): {result['offenders']}"
            )
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    return found


def _chart_checks(dash_duo, url: str) -> list[str]:
    driver = dash_duo.driver
    problems: list[str] = []
    charts = driver.execute_script("return document.querySelectorAll('#main-content .js-plotly-plot').length")
    if charts < 1:
        problems.append(f"{url}: no chart drawn")
    regions = driver.execute_script(
        "return Array.from(document.querySelectorAll('#main-content .table-responsive[role=region]'))"
        ".map(r => ({tab: r.tabIndex, name: r.getAttribute('aria-label'), table: !!r.querySelector('table caption')}))"
    )
    if not regions or not all(r["tab"] == 0 and r["name"] and r["table"] for r in regions):
        problems.append(f"{url}: chart tables not in focusable, named regions with captions: {regions}")
    sentences = driver.execute_script(
        "return Array.from(document.querySelectorAll('#main-content .summary-sentence')).map(s => s.textContent.trim())"
    )
    if not sentences or not all(len(s) > 20 for s in sentences):
        problems.append(f"{url}: summary sentences missing or empty: {sentences}")
    resources = driver.execute_script("return performance.getEntriesByType('resource').map(r => r.name);")
    if not any("/assets/vendor/plotly-basic.min.js" in r for r in resources) or any(
        "package_data/plotly.min.js" in r for r in resources
    ):
        problems.append(f"{url}: charts not drawn by the vendored basic plotly bundle")
    if not any("/assets/vendor/bootstrap.min.css" in r for r in resources):
        problems.append(f"{url}: the vendored Bootstrap was not loaded")
    return problems


def _visits(part: int) -> list[tuple[str, bool]]:
    """(URL, walk it by keyboard) for this part; the keyboard's stand-in states are visited too."""
    keyboard = set(keyboard_urls())
    visits: list[tuple[str, bool]] = []
    for url in urls_to_visit():
        visits.append((url, url in keyboard))
        if url in WALK_INSTEAD:
            visits.append((WALK_INSTEAD[url], True))
    return visits[part::PARTS]


@pytest.mark.skipif(not AXE.is_file(), reason="node_modules/axe-core missing: run `make node`")
@pytest.mark.parametrize("part", range(PARTS))
def test_every_page_state_axe_keyboard_and_reflow(dash_duo, start, part: int) -> None:
    axe_found: dict[str, list[dict]] = {}
    problems: list[str] = []
    for url, walk in _visits(part):
        start(url) if not url.startswith("/admin") else dash_duo.driver.get(dash_duo.server_url + url)
        settle(dash_duo)
        axe_found[url] = axe_violations(dash_duo)
        if url == "/compare":
            ran = rules_run(dash_duo)
            assert set(EXTRA_RULES) <= ran, f"axe did not run {set(EXTRA_RULES) - ran}"
        if url == "/no/such/page" and "We could not find that" not in dash_duo.find_element("#main-content").text:
            problems.append(f"{url}: no friendly 'We could not find that' page")
        if url in CHART_PAGES:
            problems += _chart_checks(dash_duo, url)
        if walk:
            problems += _keyboard_and_reflow(dash_duo, url)
    counts = {url: sum(v["count"] for v in found) for url, found in axe_found.items()}
    print("\naxe violations per page:", json.dumps(counts, indent=1))
    failures = {url: found for url, found in axe_found.items() if found}
    assert not failures, "axe-core violations:\n" + "\n".join(
        f"{url}: " + "; ".join(f"[{v['impact']}] {v['id']} ×{v['count']} ({v['help']}) e.g. {v['nodes'][:2]}" for v in found)
        for url, found in failures.items()
    )
    assert not problems, "\n".join(problems)
    assert console_errors(dash_duo) == []


def test_the_parts_cover_every_state_once(start) -> None:
    """No state is dropped or walked twice by splitting the journey (``start`` builds the app,
    which registers the pages)."""
    everything = [visit for part in range(PARTS) for visit in _visits(part)]
    assert len(everything) == len(set(everything))
    assert {url for url, _ in everything} >= set(urls_to_visit())
    assert {url for url, walk in everything if walk} == set(keyboard_urls()) | set(WALK_INSTEAD.values())
