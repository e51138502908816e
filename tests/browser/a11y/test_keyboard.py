"""Keyboard-only use: the walk of one page (run over every page's default state, with reflow at
320 px and at 200% zoom, by ``test_every_page.py``), the announcement of page changes, and a
dropdown driven by keys.

Per page: the first Tab lands on the skip link, which moves focus to the main content; Tab then
visits every visible control on the page in turn (none is skipped), each with a visible focus
indicator (a computed outline or box-shadow), and eventually leaves the page content for the
footer — nothing traps focus.
"""

from __future__ import annotations

import time

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from tests.browser.a11y.pages import urls_to_visit
from tests.browser.a11y.test_axe import settle

MAX_TABS = 400  # at least; a page with more controls (the indicator catalogue) gets room for each

FOCUS_STATE_FN = """
function focusState() {
const el = document.activeElement;
if (!el || el === document.body || el === document.documentElement) return {body: true};
const style = getComputedStyle(el);
const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
const shadow = style.boxShadow && style.boxShadow !== 'none';
let key = el.__a11yKey;
if (!key) { window.__a11yN = (window.__a11yN || 0) + 1; key = el.__a11yKey = 'k' + window.__a11yN; }
const r = el.getBoundingClientRect();
return {key: key, tag: el.tagName, id: el.id, cls: String(el.className || '').slice(0, 60),
        text: (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 40),
        visible: outline || shadow, skip: el.classList.contains('skip-link'),
        inFooter: !!el.closest('footer, .site-footer'), inMain: !!el.closest('#main-content'),
        onScreen: r.width > 0 && r.height > 0};
}
"""
FOCUS_STATE = FOCUS_STATE_FN + "return focusState();"

#: Records the focus after every Tab as it happens (on keyup, once focus has moved), so that a
#: batch of Tabs costs one WebDriver round trip instead of three per Tab.
RECORD_TABS = (
    FOCUS_STATE_FN
    + """
window.__tabWalk = [];
if (!window.__tabRecorder) {
  window.__tabRecorder = (e) => { if (e.key === 'Tab' && window.__tabWalk) window.__tabWalk.push(focusState()); };
  window.addEventListener('keyup', window.__tabRecorder, true);
}
"""
)
TAB_BATCH = 25

#: Puts Chrome's sequential-focus starting point before the skip link. ``blur()`` does not move
#: it: after a walk it stays wherever the last Tab left it, and a second walk would start there.
FOCUS_TOP = """
let top = document.getElementById('walk-start');
if (!top) { top = document.createElement('span'); top.id = 'walk-start'; top.tabIndex = -1; document.body.prepend(top); }
window.scrollTo(0, 0);
top.focus({preventScroll: true});
"""

FOCUSABLES = """
const sel = 'a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), select:not([disabled]), '
          + 'textarea:not([disabled]), [tabindex]:not([tabindex="-1"]), summary';
const out = [];
for (const el of document.querySelectorAll(sel)) {
  if (el.closest('[aria-hidden="true"], [inert], [hidden]')) continue;
  const closed = el.closest('details:not([open])');
  if (closed && el !== closed.querySelector(':scope > summary')) continue;  // revealed by opening its summary
  if (el.tabIndex < 0) continue;
  if (el.type === 'radio' && !el.checked && document.querySelector(`input[type=radio][name="${el.name}"]:checked`)) continue;
  const r = el.getBoundingClientRect();
  const s = getComputedStyle(el);
  if (r.width === 0 || r.height === 0 || s.visibility === 'hidden' || s.display === 'none') continue;
  if (el.classList.contains('skip-link')) continue;
  let key = el.__a11yKey;
  if (!key) { window.__a11yN = (window.__a11yN || 0) + 1; key = el.__a11yKey = 'k' + window.__a11yN; }
  out.push({key: key, tag: el.tagName, id: el.id, text: (el.innerText || el.value || '').trim().slice(0, 40)});
}
return out;
"""

OVERFLOW = """
const width = document.documentElement.clientWidth;
const offenders = [];
if (document.documentElement.scrollWidth > width + 1) {
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.right <= width + 1 || r.width === 0) continue;
    let scroller = false;
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') { scroller = true; break; }
    }
    if (!scroller || window.__allOffenders) offenders.push(el.tagName + (el.id ? '#' + el.id : '') + '.' + String(el.className || '').slice(0, 40) + ' right=' + Math.round(r.right));
  }
}
return {scrollWidth: document.documentElement.scrollWidth, width: width, offenders: offenders.slice(0, 5)};
"""


def _tab(driver) -> dict:
    driver.switch_to.active_element.send_keys(Keys.TAB)
    return driver.execute_script(FOCUS_STATE)


def _tab_states(driver, limit: int):
    """(focus state, Tab number) after each of up to ``limit`` Tabs, sent in batches.

    A batch stops early once focus has left the page; a Tab that moves focus out of the
    document fires no keyup there, so the focus after the batch is read directly too."""
    sent = 0
    while sent < limit:
        count = min(TAB_BATCH, limit - sent)
        ActionChains(driver).send_keys(Keys.TAB * count).perform()
        recorded = driver.execute_script("const w = window.__tabWalk || []; window.__tabWalk = []; return w;")
        for offset, state in enumerate(recorded):
            yield state, sent + offset
        if len(recorded) < count:  # focus left the document part-way through the batch
            yield driver.execute_script(FOCUS_STATE) | {"body": True}, sent + len(recorded)
            return
        sent += count


def _walk(dash_duo, url: str) -> list[str]:
    """Problems found on one page (empty when all is well)."""
    driver = dash_duo.driver
    problems: list[str] = []
    chrome = driver.execute_script(
        "const s = document.querySelector('.skip-link'); return !!s && getComputedStyle(s).display !== 'none';"
    )
    expected = {item["key"]: item for item in driver.execute_script(FOCUSABLES)}

    # 1. from the top: skip link first, then every control in turn, each visibly focused, to the end
    driver.execute_script(FOCUS_TOP)
    driver.execute_script(RECORD_TABS)
    seen: list[dict] = []
    reached_end = False
    limit = max(MAX_TABS, len(expected) + 50)
    for state, number in _tab_states(driver, limit):
        if number == 0 and chrome and not state.get("skip"):
            problems.append(
                f"{url}: first Tab reached {state.get('tag')}#{state.get('id')} '{state.get('text')}' instead of the skip link"
            )
        if state.get("body") or (state.get("skip") and number > 0):
            reached_end = True  # past the last control: focus left the page, nothing trapped it
            break
        seen.append(state)
        if not state["visible"] and state["onScreen"]:
            problems.append(f"{url}: no visible focus on {state['tag']}#{state['id']} '{state['text']}'")
        if len(seen) > 3 and all(s["key"] == state["key"] for s in seen[-3:]):
            problems.append(f"{url}: focus is stuck on {state['tag']}#{state['id']}")
            break
    if not reached_end:
        problems.append(f"{url}: {limit} Tabs did not reach the end of the page (a trap?)")
    if chrome and not any(s["inFooter"] for s in seen):
        problems.append(f"{url}: Tab never reached the footer")
    visited = {s["key"] for s in seen}
    missed = [f"{v['tag']}#{v['id']} '{v['text']}'" for k, v in expected.items() if k not in visited]
    if missed:
        problems.append(f"{url}: controls not reachable by Tab: {missed[:6]}")

    # 2. the skip link moves focus to the main content, past the navigation
    if chrome:
        driver.execute_script(FOCUS_TOP)
        _tab(driver)
        driver.switch_to.active_element.send_keys(Keys.ENTER)
        time.sleep(0.1)
        after = _tab(driver)
        if not after.get("inMain") and not after.get("inFooter"):
            problems.append(
                f"{url}: after the skip link, Tab went to {after.get('tag')} '{after.get('text')}', not the main content"
            )
    return problems


def _viewport(driver, width: int, height: int = 900, scale: float = 1) -> None:
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": scale, "mobile": False}
    )


#: Pages walked in another state than their default: the /neighbours scorecard lists ~520
#: indicator links (a minute of Tab presses), so the walk takes its indicator view, which has the
#: same controls; the scorecard's table is plain links (axe checks it in the default state).
WALK_INSTEAD = {"/neighbours": "/neighbours?area=E10000015&indicator=cla-three-plus-placements"}


def keyboard_urls() -> list[str]:
    """The default state of each page, walked by keyboard in ``test_every_page.py`` (axe covers
    the other states); a page in ``WALK_INSTEAD`` is walked in its stand-in state instead."""
    urls = []
    for url in urls_to_visit():
        base = url.split("?")[0]
        if (
            url == base
            and not url.startswith("/admin")
            and url not in {"/area/E07000243", "/area/NOPE"}
            and url not in WALK_INSTEAD
        ):
            urls.append(url)
    return urls


def test_page_change_is_announced_and_focus_moves_to_the_new_heading(dash_duo, start) -> None:
    driver = dash_duo.driver
    start("/")
    settle(dash_duo)
    link = driver.execute_script("return document.querySelector('header nav a[href=\"/compare\"]')")
    assert link is not None
    driver.execute_script("arguments[0].focus()", link)
    driver.switch_to.active_element.send_keys(Keys.ENTER)
    dash_duo.wait_for_contains_text("#page-announcer", "page loaded", timeout=15)
    heading = driver.execute_script("return document.querySelector('#main-content h1').textContent.trim()")
    assert driver.find_element("css selector", "#page-announcer").get_attribute("textContent") == f"{heading} – page loaded"
    assert driver.execute_script("return document.activeElement === document.querySelector('#main-content h1')")
    region = driver.find_element("css selector", "#page-announcer")
    assert region.get_attribute("aria-live") == "polite" and region.get_attribute("role") == "status"


def test_dropdown_is_operable_by_keyboard_and_focus_survives_the_rerender(dash_duo, start) -> None:
    driver = dash_duo.driver
    start("/compare")
    settle(dash_duo)
    button = driver.execute_script("return document.querySelector('#main-content .dash-dropdown-wrapper button.dash-dropdown')")
    assert button is not None and button.get_attribute("tabindex") == "0"
    control_id = button.get_attribute("id")
    before = driver.current_url
    driver.execute_script("arguments[0].focus()", button)
    driver.switch_to.active_element.send_keys(Keys.ENTER)
    time.sleep(0.4)
    from selenium.common.exceptions import ElementNotInteractableException, StaleElementReferenceException

    for key in (Keys.ARROW_DOWN, Keys.ARROW_DOWN, Keys.ENTER, Keys.ESCAPE):
        if driver.current_url != before:
            break  # the choice already changed the view: that is the behaviour under test
        for _ in range(10):
            try:
                driver.switch_to.active_element.send_keys(key)
                break
            except (StaleElementReferenceException, ElementNotInteractableException):
                time.sleep(0.2)  # the focused element is mid-redraw; ask for the active one again
        time.sleep(0.2)
    deadline = time.time() + 10
    while time.time() < deadline and driver.current_url == before:
        time.sleep(0.2)
    assert driver.current_url != before, "choosing an option by keyboard changed the view (and its URL)"
    settle(dash_duo)
    active = None
    deadline = time.time() + 5  # focus is restored shortly after the redraw settles
    while time.time() < deadline and active is None:
        time.sleep(0.25)
        active = driver.execute_script(
            "const a = document.activeElement; return a && a !== document.body ? (a.id || a.className) : null"
        )
    assert active is not None, "focus fell back to the top of the document after the page re-rendered"
    assert control_id in (active or "") or driver.execute_script(
        "return !!document.activeElement.closest('.dash-dropdown-wrapper, [role=listbox], [role=dialog]')"
    ), active
