"""The accessibility statement (GOV.UK model) exists at /accessibility and every page links to it."""

from __future__ import annotations

import json

from plotly.utils import PlotlyJSONEncoder

GOVUK_SECTIONS = [
    "How accessible this website is",
    "Feedback and contact information",
    "Reporting accessibility problems with this website",
    "Enforcement procedure",
    "Technical information about this website's accessibility",
    "Compliance status",
    "Non-accessible content",
    "Preparation of this accessibility statement",
]


def _text(component) -> str:
    return json.dumps(component, cls=PlotlyJSONEncoder)


def test_statement_page_exists_with_the_govuk_sections(dash_app) -> None:
    import dash

    pages = {p["path"]: p for p in dash.page_registry.values()}
    assert "/accessibility" in pages
    text = _text(pages["/accessibility"]["layout"]())
    assert "Accessibility statement for Outcome Bees" in text
    for section in GOVUK_SECTIONS:
        assert section in text, section
    assert "WCAG 2.2" in text
    assert "aria-hidden-focus" in text, "the Dash 4 drop-down repair is stated, not hidden"


def test_every_page_links_to_the_statement(dash_app) -> None:
    from app import shell_layout

    assert '"href": "/accessibility"' in _text(shell_layout().children[-1])  # the footer, on every page
    from settings import PROJECT_ROOT

    base = (PROJECT_ROOT / "web" / "templates" / "admin" / "base.html").read_text()
    assert 'href="{{ root }}/accessibility"' in base  # the sign-in pages outside Dash too, under any URL_PREFIX
