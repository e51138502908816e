"""Presentation mode driven by the keyboard in headless chromium."""

from __future__ import annotations

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.browser.conftest import console_errors
from views.viewlist import view_list_param

VIEWS = [
    "/compare?indicator=u18-conceptions&areas=E07000243,E07000095&period=2021",
    "/compare?indicator=u18-conceptions&view=tiles",
    "/compare?indicator=u18-conceptions&areas=E07000243&period=2023",
]


def _press(dash_duo, key) -> None:
    ActionChains(dash_duo.driver).send_keys(key).perform()


def _visible_slides(dash_duo) -> list[str]:
    return dash_duo.driver.execute_script(
        "return Array.from(document.querySelectorAll('.present-slide')).filter(s => !s.hidden).map(s => s.id)"
    )


def test_keyboard_drives_a_deck(dash_duo, start) -> None:
    start(f"/present?views={view_list_param(VIEWS)}")
    dash_duo.wait_for_text_to_equal("#present-counter", "Slide 1 of 3", timeout=15)
    driver = dash_duo.driver
    # no navigation chrome, large type
    assert not driver.find_element(By.CSS_SELECTOR, ".site-header").is_displayed()
    assert "present-mode" in driver.find_element(By.TAG_NAME, "body").get_attribute("class")
    summary = driver.find_element(By.CSS_SELECTOR, "#present-slide-0 .present-summary")
    assert float(summary.value_of_css_property("font-size").rstrip("px")) >= 24
    assert _visible_slides(dash_duo) == ["present-slide-0"]
    dash_duo.wait_for_element("#present-slide-0 .js-plotly-plot", timeout=10)

    driver.find_element(By.TAG_NAME, "body").click()
    _press(dash_duo, Keys.ARROW_RIGHT)
    dash_duo.wait_for_text_to_equal("#present-counter", "Slide 2 of 3")
    live = driver.find_element(By.ID, "present-live")
    assert live.get_attribute("aria-live") == "polite"
    assert (
        live.get_attribute("textContent")
        == "Slide 2 of 3: Under-18 conception rate: Hertfordshire's districts compared with Hertfordshire"
    )
    assert _visible_slides(dash_duo) == ["present-slide-1"]

    _press(dash_duo, Keys.ARROW_LEFT)
    dash_duo.wait_for_text_to_equal("#present-counter", "Slide 1 of 3")
    _press(dash_duo, Keys.PAGE_DOWN)
    dash_duo.wait_for_text_to_equal("#present-counter", "Slide 2 of 3")
    _press(dash_duo, Keys.PAGE_DOWN)
    dash_duo.wait_for_text_to_equal("#present-counter", "Slide 3 of 3")
    _press(dash_duo, Keys.PAGE_DOWN)  # stays on the last slide
    dash_duo.wait_for_text_to_equal("#present-counter", "Slide 3 of 3")
    _press(dash_duo, Keys.HOME)
    dash_duo.wait_for_text_to_equal("#present-counter", "Slide 1 of 3")
    _press(dash_duo, Keys.PAGE_UP)
    dash_duo.wait_for_text_to_equal("#present-counter", "Slide 1 of 3")
    _press(dash_duo, Keys.ARROW_RIGHT)
    dash_duo.wait_for_text_to_equal("#present-counter", "Slide 2 of 3")
    assert driver.current_url.endswith("#slide-2")

    # buttons are keyboard-reachable and show a visible focus ring
    button = driver.find_element(By.CSS_SELECTOR, "[data-present-action='next']")
    driver.execute_script("arguments[0].focus()", button)
    assert button.value_of_css_property("outline-style") != "none"

    assert console_errors(dash_duo) == []

    # Esc leaves presentation mode for the current slide's full view
    driver.find_element(By.TAG_NAME, "body").click()
    _press(dash_duo, Keys.ESCAPE)
    dash_duo.wait_for_element("#compare-chart", timeout=15)
    assert "/compare?indicator=u18-conceptions" in driver.current_url  # slide 2's view (the page may tidy its query)
    assert driver.find_element(By.CSS_SELECTOR, ".site-header").is_displayed()
    assert "present-mode" not in (driver.find_element(By.TAG_NAME, "body").get_attribute("class") or "")


def test_saved_deck_and_save_form(dash_duo, start, seeded_sqlite) -> None:
    from data_access.decks import save_deck

    deck_id = save_deck(seeded_sqlite, "Browser test deck", VIEWS[:2])
    start(f"/present/{deck_id}?auto=5")
    dash_duo.wait_for_text_to_equal("#present-counter", "Slide 1 of 2", timeout=15)
    pause = dash_duo.driver.find_element(By.ID, "present-pause")
    assert pause.is_displayed() and pause.text == "Pause auto-advance"
    dash_duo.wait_for_text_to_equal("#present-counter", "Slide 2 of 2", timeout=12)  # auto-advanced
    pause.click()
    assert pause.get_attribute("aria-pressed") == "true"

    start(f"/present?views={view_list_param(VIEWS[:1])}")
    dash_duo.wait_for_text_to_equal("#present-counter", "Slide 1 of 1", timeout=15)
    name = dash_duo.find_element("#present-deck-name")
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", name)
    name.send_keys("Saved from the browser")
    name.send_keys(Keys.TAB)  # to the Save button, by keyboard
    ActionChains(dash_duo.driver).send_keys(Keys.ENTER).perform()
    # saving is an administrator's write: an anonymous visitor is told how, and nothing is written
    dash_duo.wait_for_contains_text("#present-save-status", "needs an administrator", timeout=10)
    assert console_errors(dash_duo) == []
