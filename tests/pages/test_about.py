"""About and accessibility pages."""

from __future__ import annotations

from tests.pages.test_area import _ids, _text


def test_about_explains_data_sources_currency_citation_and_accessibility(dash_app) -> None:
    import pages.about as page

    layout = page.layout()
    text = _text(layout)
    for expected in (
        "Published values",
        "Illustrative values",
        "Joint area review",
        "Illustrative (generated)",
        "How current the data is",
        "How to cite",
        "Accessibility statement for Outcome Bees",
    ):
        assert expected in text, expected
    ids = _ids(layout)
    assert "accessibility" in ids and "about-sources" in ids and "about-currency" in ids


def test_accessibility_statement_follows_the_govuk_model(dash_app) -> None:
    import pages.accessibility as page

    text = _text(page.layout())
    for expected in (
        "How accessible this website is",
        "Reporting accessibility problems",
        "Enforcement procedure",
        "Equality Advisory and Support Service",
        "Technical information",
        "Web Content Accessibility Guidelines version 2.2 AA",
        "partially compliant",
        "This statement was prepared on 23 November 2026",
    ):
        assert expected in text, expected
