"""The accessibility statement, in the GOV.UK model, shared by ``/about#accessibility`` and
``/accessibility``.

Why a builder: the Public Sector Bodies (Websites and Mobile Applications) (No. 2)
Accessibility Regulations 2018 require one statement; showing it in two places must never
let the two copies drift apart.
"""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from components.attrs import attrs
from components.paths import app_path
from components.routes import url_for

STATEMENT_PREPARED = "23 November 2026"
LAST_REVIEWED = "23 November 2026"
STANDARD = "Web Content Accessibility Guidelines version 2.2 AA"
CONTACT_TEXT = (
    "the Children's Services performance and intelligence team at Hertfordshire County Council, "
    "through the council's contact details on hertfordshire.gov.uk"
)
EHRC_URL = "https://www.equalityhumanrights.com/"
EASS_URL = "https://www.equalityadvisoryservice.com/"
REGULATIONS_URL = "https://www.legislation.gov.uk/uksi/2018/952/contents/made"
WCAG_URL = "https://www.w3.org/TR/WCAG22/"

#: Known issues: (what goes wrong, the WCAG 2.2 success criterion, what to do instead).
KNOWN_ISSUES: list[tuple[str, str, str]] = [
    (
        "Values shown when you hover over a chart cannot be reached with a keyboard.",
        "2.1.1 Keyboard and 1.4.13 Content on hover or focus",
        "Every chart has a table of its data directly below it, open by default, and a one-sentence summary above it.",
    ),
    (
        "Some buttons in the chart toolbar (zoom, download picture) are not clearly named for screen readers.",
        "4.1.2 Name, role, value",
        "Use the labelled “Download CSV”, “Download PNG” and “Download SVG” links under each chart instead.",
    ),
    (
        "The searchable drop-down lists may announce the chosen option inconsistently in some screen readers.",
        "4.1.2 Name, role, value",
        "Every view is also set by its web address, so a link can open any view directly.",
    ),
    (
        "In spine charts, where an area sits relative to England is shown by position along each row.",
        "1.1.1 Non-text content",
        "Significance is also given by marker shape and in words in the table, which also gives every value.",
    ),
    (
        "The drop-down lists and option buttons come from the Dash 4 framework, whose own markup puts a hidden "
        "stand-in element in the keyboard order (axe-core rule aria-hidden-focus) and marks radio buttons up as "
        "options of a list box (nested-interactive), and names each drop-down button with its chosen values in a "
        "different order from the one shown, leaving out the field's label (label-content-name-mismatch, WCAG 2.5.3 "
        "Label in Name). Outcome Bees corrects all three in the browser as each page loads "
        "(assets/a11y.js) and automated checks find no failures after the correction, but assistive technology that "
        "reads a page in the moment before the correction runs may meet the original markup.",
        "4.1.2 Name, role, value",
        "Every view is also set by its web address, so a link can open any view directly.",
    ),
    (
        "Downloaded PNG charts for board papers have their title, source and notes drawn onto the picture.",
        "1.4.5 Images of text",
        "The page and the CSV download carry the same words and values as text.",
    ),
]


def _issue_list() -> html.Ul:
    return html.Ul(
        [
            html.Li([issue, f" This fails WCAG 2.2 success criterion {criterion}. ", workaround])
            for issue, criterion, workaround in KNOWN_ISSUES
        ],
        id="accessibility-known-issues",
    )


def accessibility_statement(*, heading_level: int = 2, section_id: str = "accessibility") -> html.Section:
    """The full statement; ``heading_level`` is 2 inside /about, 1 on its own page."""
    h = getattr(html, f"H{heading_level}")
    sub = getattr(html, f"H{min(heading_level + 1, 6)}")
    return html.Section(
        [
            *_introduction(h, section_id),
            *_contact(sub),
            *_compliance(sub),
            *_improvement(sub, section_id),
        ],
        id=section_id,
        className="accessibility-statement",
        **attrs({"aria-labelledby": f"{section_id}-heading"}),
    )


def _introduction(h: Any, section_id: str) -> list[Any]:
    """Who runs the site and what a visitor should be able to do."""
    return [
        h("Accessibility statement for Outcome Bees", id=f"{section_id}-heading"),
        html.P(
            "This accessibility statement applies to Outcome Bees, the Hertfordshire children's services outcomes dashboard. "
            "It is run by Hertfordshire County Council. We want as many people as possible to be able to use it. For example, you should be able to:"
        ),
        html.Ul(
            [
                html.Li("change colours, contrast levels and fonts using your browser or device settings"),
                html.Li("zoom in up to 400% without the text spilling off the screen"),
                html.Li("navigate the whole site using just a keyboard, starting with the “Skip to main content” link"),
                html.Li("navigate most of the site using speech recognition software"),
                html.Li(
                    "listen to most of the site using a screen reader (including recent versions of JAWS, NVDA and VoiceOver)"
                ),
                html.Li("read a table of the data and a one-sentence summary for every chart"),
            ]
        ),
        html.P(
            "We have also made the text as simple as we can. Meaning is never shown by colour alone: charts also use marker shapes, patterns and words."
        ),
        html.P(
            [
                "AbilityNet has ",
                html.A("advice on making your device easier to use", href="https://mcmw.abilitynet.org.uk/"),
                " if you have a disability.",
            ]
        ),
    ]


def _contact(sub: Any) -> list[Any]:
    """The known issues, and how to ask for another format, report a problem or complain."""
    return [
        sub("How accessible this website is"),
        html.P("We know some parts of this website are not fully accessible:"),
        _issue_list(),
        sub("Feedback and contact information"),
        html.P(
            [
                "If you need information on this website in a different format, such as accessible PDF, large print, easy read, audio recording or braille, contact ",
                CONTACT_TEXT,
                ". Tell us the web address of the page and what you need. We'll consider your request and get back to you within 10 working days.",
            ]
        ),
        sub("Reporting accessibility problems with this website"),
        html.P(
            [
                "We're always looking to improve the accessibility of this website. If you find any problems not listed on this page "
                "or think we're not meeting accessibility requirements, contact ",
                CONTACT_TEXT,
                ". Please include the web address of the page; every view in Outcome Bees has its own address.",
            ],
            id="accessibility-report",
        ),
        sub("Enforcement procedure"),
        html.P(
            [
                "The ",
                html.A("Equality and Human Rights Commission (EHRC)", href=EHRC_URL),
                " is responsible for enforcing the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 "
                "(the “accessibility regulations”). If you're not happy with how we respond to your complaint, contact the ",
                html.A("Equality Advisory and Support Service (EASS)", href=EASS_URL),
                ".",
            ],
            id="accessibility-enforcement",
        ),
    ]


def _compliance(sub: Any) -> list[Any]:
    """The regulations, the compliance status and the content that is not accessible."""
    return [
        sub("Technical information about this website's accessibility"),
        html.P(
            [
                "Hertfordshire County Council is committed to making its website accessible, in accordance with the ",
                html.A(
                    "Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018",
                    href=REGULATIONS_URL,
                ),
                ".",
            ]
        ),
        sub("Compliance status"),
        html.P(
            [
                "This website is partially compliant with the ",
                html.A(STANDARD, href=WCAG_URL),
                " standard, due to the non-compliances listed below.",
            ],
            id="accessibility-compliance",
        ),
        sub("Non-accessible content"),
        html.P("The content listed below is non-accessible for the following reasons."),
        html.P(html.Strong("Non-compliance with the accessibility regulations")),
        html.P(
            "The known issues listed under “How accessible this website is” fail the WCAG 2.2 success criteria named there. We plan to fix them as set out below."
        ),
        html.P(html.Strong("Disproportionate burden")),
        html.P("We are not claiming disproportionate burden for any content."),
        html.P(html.Strong("Content that's not within the scope of the accessibility regulations")),
        html.P(
            "Maps are exempt from the regulations. The district tile map on the comparison page is always accompanied by a table giving every "
            "district's value and its comparison in words, so no information is available only on the map."
        ),
    ]


def _improvement(sub: Any, section_id: str) -> list[Any]:
    """What is being done, when the statement was prepared, and the link to its own page."""
    return [
        sub("What we're doing to improve accessibility"),
        html.P(
            "We test every page with automated browser tests, check it with a keyboard, and look at it at desktop and meeting-room projector sizes. "
            "We are replacing hover-only chart details with keyboard-reachable text and naming the chart toolbar buttons."
        ),
        sub("Preparation of this accessibility statement"),
        html.P(
            f"This statement was prepared on {STATEMENT_PREPARED}. It was last reviewed on {LAST_REVIEWED}.",
            id="accessibility-prepared",
        ),
        html.P(
            f"This website was last tested on {STATEMENT_PREPARED} against the WCAG 2.2 AA standard. The test was carried out by the Outcome Bees "
            "development team, using automated browser tests, keyboard-only checks and screenshots at 1400 and 1920 pixels wide."
        ),
        html.P(dcc.Link("Accessibility statement on its own page", href=app_path(url_for("accessibility"))), className="no-print")
        if section_id != "accessibility-statement"
        else None,
    ]
