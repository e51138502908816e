"""axe-core (npm ``axe-core``, installed by ``make node``) in headless Chromium: WCAG 2.0/2.1/2.2
A and AA rules, 0 violations. The helpers every browser test uses to run it; the administrator's
pages and the states real indicators produce. Every page in its main states is checked by the
one journey in ``test_every_page.py``; the failure message lists each page's violations with their
rule, impact and first elements.
"""

from __future__ import annotations

import json

import pytest

from settings import PROJECT_ROOT
from tests.browser.conftest import start_traced, wait_for_import_page

AXE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
#: rules axe tags "experimental" (so off by default even under the tags above) that we hold
#: ourselves to: WCAG 2.5.3 Label in Name (the dropdown buttons, see assets/a11y.js repair 4)
EXTRA_RULES = ["label-content-name-mismatch"]

RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: %s}, rules: %s, resultTypes: ['violations']})
  .then(r => done(JSON.stringify(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' :: ' + (n.failureSummary || '').split('\\n').slice(0, 2).join(' ')),
      count: v.nodes.length})))))
  .catch(e => done(JSON.stringify([{id: 'axe-error', impact: 'critical', help: String(e), nodes: [], count: 1}])));
""" % (json.dumps(TAGS), json.dumps({rule: {"enabled": True} for rule in EXTRA_RULES}))  # noqa: UP031 (JavaScript braces)


RULES_RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: %s}, rules: %s, resultTypes: ['violations']})
  .then(r => done(JSON.stringify([].concat(r.violations, r.passes, r.incomplete, r.inapplicable).map(v => v.id))))
  .catch(e => done(JSON.stringify(['axe-error: ' + String(e)])));
""" % (json.dumps(TAGS), json.dumps({rule: {"enabled": True} for rule in EXTRA_RULES}))  # noqa: UP031 (JavaScript braces)


def settle(dash_duo) -> None:
    """Wait until Dash has no callback in flight and the page has its H1."""
    driver = dash_duo.driver
    dash_duo.wait_for_element("#main-content", timeout=15)
    import time

    deadline = time.time() + 20
    while time.time() < deadline:
        ready = driver.execute_script(
            "return !document.querySelector('[data-dash-is-loading=\"true\"], ._dash-loading')"
            " && !!document.querySelector('#main-content h1, body > main h1, main h1')"
            # every chart drawn, and a11y.js has put each dropdown button in the tab order
            " && Array.from(document.querySelectorAll('.dash-graph')).every(g => g.querySelector('.js-plotly-plot .main-svg'))"
            " && !Array.from(document.querySelectorAll('.dash-dropdown-wrapper button.dash-dropdown')).some(b => b.tabIndex !== 0)"
        )
        if ready:
            break
        time.sleep(0.2)
    time.sleep(0.4)  # plotly finishes drawing


def axe_violations(dash_duo) -> list[dict]:
    driver = dash_duo.driver
    driver.set_script_timeout(60)
    if not driver.execute_script("return typeof window.axe !== 'undefined'"):
        driver.execute_script(AXE.read_text(encoding="utf-8"))
    return json.loads(driver.execute_async_script(RUN_AXE))


def rules_run(dash_duo) -> set[str]:
    """Ids of every rule axe ran (whatever the result), to prove a rule is not silently off."""
    driver = dash_duo.driver
    driver.set_script_timeout(60)
    if not driver.execute_script("return typeof window.axe !== 'undefined'"):
        driver.execute_script(AXE.read_text(encoding="utf-8"))
    return set(json.loads(driver.execute_async_script(RULES_RUN)))


@pytest.mark.skipif(not AXE.is_file(), reason="node_modules/axe-core missing: run `make node`")
def test_admin_sign_in_and_import_page_have_no_axe_violations(dash_duo, writable_sqlite_copy, tmp_path) -> None:
    """Signing in with the keyboard, then the import page (with a checked file's summary shown)."""
    from selenium.webdriver.common.keys import Keys

    from app import create_app
    from settings import Settings
    from tests.security.conftest import ADMIN_HASH, ADMIN_PASSWORD, ADMIN_USER

    app = create_app(
        Settings(
            database_url=writable_sqlite_copy,  # checking a file records an import job: not in the shared database
            cache_dir=str(tmp_path / "cache"),
            admin_user=ADMIN_USER,
            admin_password_hash=ADMIN_HASH,
            session_cookie_secure=False,
            upload_dir=str(tmp_path / "uploads"),
            login_max_attempts=50,
        )
    )
    start_traced(dash_duo, app)
    driver = dash_duo.driver
    driver.get(dash_duo.server_url + "/admin/import")
    dash_duo.wait_for_element("#admin-user", timeout=10)
    assert "/admin/login" in driver.current_url
    driver.find_element("css selector", "#admin-user").send_keys(ADMIN_USER)
    password = driver.find_element("css selector", "#admin-password")
    password.send_keys(ADMIN_PASSWORD)
    password.send_keys(Keys.ENTER)
    wait_for_import_page(dash_duo)
    settle(dash_duo)
    found = {"/admin/import": axe_violations(dash_duo)}
    # a checked file: upload the native template through the file input
    from settings import PROJECT_ROOT

    upload = driver.find_element("css selector", "#admin-import-upload input[type=file]")
    upload.send_keys(str(PROJECT_ROOT / "data_access" / "importers" / "native_template.csv"))
    from selenium.common.exceptions import TimeoutException

    try:
        dash_duo.wait_for_contains_text("#admin-import-check", "no problems found", timeout=30)
    except TimeoutException as error:  # say what the browser saw
        raise AssertionError(f"the file check never showed; browser console: {dash_duo.get_logs()}") from error
    found["/admin/import (file checked)"] = axe_violations(dash_duo)
    print("\naxe violations, admin:", {k: sum(v["count"] for v in f) for k, f in found.items()})
    failures = {k: f for k, f in found.items() if f}
    assert not failures, failures


#: States that real indicators produce, a sample across topics (issue 19): published verdicts,
#: untested differences, derived intervals, labelled directions of travel, whole-number values,
#: a district beside its county from another source. The first was flagged (WCAG 2.5.3).
REAL_STATES = [
    "/trends?indicator=lait-he-19-fsm&areas=E07000243",
    "/trends?indicator=injury-admissions-0-14&areas=E10000012",
    "/trends?indicator=year6-obesity&areas=E07000243,E07000095",
    "/compare?benchmark=E92000001",
    "/compare?indicator=ks2-rwm-expected&areas=E07000243",
    "/compare?indicator=u18-conceptions&areas=E10000015&benchmark=E92000001&period=2017",
    "/compare?indicator=cp-plan-rate&areas=E10000015,E10000012&benchmark=E92000001",
    "/area/E10000015?topic=child-protection",
    "/area/E07000243?topic=health",
    "/?area=E10000015",
]


@pytest.mark.skipif(not AXE.is_file(), reason="node_modules/axe-core missing: run `make node`")
def test_real_indicator_states_have_no_axe_violations(dash_duo, start) -> None:
    results: dict[str, list[dict]] = {}
    for url in REAL_STATES:
        start(url)
        settle(dash_duo)
        results[url] = axe_violations(dash_duo)
    failures = {url: found for url, found in results.items() if found}
    assert not failures, "axe-core violations:\n" + "\n".join(
        f"{url}: " + "; ".join(f"[{v['impact']}] {v['id']} ×{v['count']} ({v['help']}) e.g. {v['nodes'][:2]}" for v in found)
        for url, found in failures.items()
    )
