"""About and accessibility statement in real headless chromium."""

from tests.browser.conftest import console_errors


def test_about_and_accessibility_anchor_and_page(dash_duo, start) -> None:
    start("/about#accessibility")
    dash_duo.wait_for_element("#accessibility", timeout=15)
    assert "Accessibility statement for Outcome Bees" in dash_duo.find_element("#accessibility").text
    assert "Illustrative (generated)" in dash_duo.find_element("#about-sources").text

    start("/accessibility")
    dash_duo.wait_for_text_to_equal("h1", "Accessibility statement for Outcome Bees", timeout=15)
    text = dash_duo.find_element("#main-content").text
    assert "Enforcement procedure" in text and "WCAG 2.2" in text and "23 November 2026" in text
    assert console_errors(dash_duo) == []
