"""About the data: ``/about`` — what the data is, which values are published and which are
illustrative, sources and licences, data currency, how to cite, and the accessibility
statement at ``/about#accessibility``."""

from __future__ import annotations

import datetime as dt
from typing import Any

import dash
import pandas as pd
from dash import dcc, html

from analytics.frames import frame_records
from components.accessibility import accessibility_statement
from components.attrs import attrs
from components.paths import app_path
from components.routes import route, url_for
from components.tables import data_table
from data_access import reads

dash.register_page(__name__, **route("about").dash_kwargs())

ILLUSTRATIVE_KEY = "illustrative-generator"


def _date(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return f"{value.day} {value:%B %Y}"
    if isinstance(value, dt.date):
        return f"{value.day} {value:%B %Y}"
    if isinstance(value, str) and value:
        return value
    return "Not recorded"


def _sources_table(held_counts: pd.DataFrame) -> html.Div:
    """``held_counts``: ``reads.source_value_counts``, read once for this and ``_currency``."""
    sources = reads.sources()
    counts = held_counts.set_index("key") if not held_counts.empty else pd.DataFrame()
    rows = []
    for s in frame_records(sources):
        held = counts.loc[s["key"]] if s["key"] in counts.index else None
        values = int(held["values"]) if held is not None else 0
        illustrative = int(held["illustrative_values"]) if held is not None else 0
        kind = (
            "Illustrative (generated)"
            if s["key"] == ILLUSTRATIVE_KEY or (values and illustrative == values)
            else ("Published" if values else "Targets, judgements or plan text only")
        )
        rows.append(
            {
                "title": s["title"],
                "publisher": s["publisher"],
                "kind": kind,
                "values": f"{values:,}",
                "latest": (held["last_period"] if held is not None and isinstance(held["last_period"], str) else ""),
                "published": _date(s["published_on"]),
                "file": s["file"] or "",
                "licence": s["licence"] or "Not recorded",
                "note": s["note"] or "",
            }
        )
    frame = pd.DataFrame(rows)
    return data_table(
        frame,
        [
            ("title", "Source"),
            ("publisher", "Publisher"),
            ("kind", "Values are"),
            ("values", "Values held"),
            ("latest", "Latest period"),
            ("published", "Published"),
            ("file", "File"),
            ("licence", "Licence"),
            ("note", "Note"),
        ],
        caption="Sources of the values in Outcome Bees",
        table_id="about-sources",
        numeric=("values",),
    )


def _currency(counts: pd.DataFrame) -> html.Ul:
    currency = reads.data_currency()
    published = counts[counts["key"] != ILLUSTRATIVE_KEY] if not counts.empty else counts
    latest_published = published.sort_values("last_sort")["last_period"].iloc[-1] if not published.empty else "none"
    total = int(currency.get("observations") or 0)
    illustrative = int(currency.get("illustrative_observations") or 0)
    items = [
        html.Li(
            f"Values held: {total:,}, of which {illustrative:,} are illustrative and {total - illustrative:,} are published figures, targets or judgements from the source documents."
        ),
        html.Li(f"Latest period of a published value: {latest_published}."),
        html.Li(f"Newest source publication date recorded: {_date(currency.get('newest_publication'))}."),
        html.Li(f"Newest data extract recorded: {_date(currency.get('newest_extract'))}."),
        html.Li(f"Data last loaded into this dashboard: {_date(currency.get('last_loaded'))}."),
    ]
    return html.Ul(items, id="about-currency")


def _contents() -> html.Nav:
    """The on-page contents: the page is long, and the accessibility statement is linked to directly."""
    return html.Nav(
        html.Ul(
            [
                html.Li(html.A(label, href=f"#{anchor}"))
                for label, anchor in [
                    ("What the data is", "what"),
                    ("Published and illustrative values", "published"),
                    ("Sources and licences", "sources"),
                    ("How current the data is", "currency"),
                    ("How to cite", "cite"),
                    ("Accessibility statement", "accessibility"),
                ]
            ]
        ),
        **attrs({"aria-label": "On this page"}),
    )


def _what_section() -> html.Section:
    """What an indicator and a value are, and the Herefordshire warning (a different council, easily misread)."""
    return html.Section(
        [
            html.H2("What the data is", id="what"),
            html.P(
                "Outcome Bees brings together indicators of how children and young people in Hertfordshire are doing, "
                "grouped by the “Outcome Bees” of the county's plans for children and young people (Be Happy, Be Safe, Be Healthy, "
                "Be Ambitious, Be Independent, Be Resilient and, from 2024, Be Included)."
            ),
            html.P(
                "Each indicator has a definition, a unit, a polarity (whether higher or lower is better, or neither) and its "
                "legacy codes, such as National Indicator 112. Values are stored with their period, area, any breakdown, "
                "their status (suppressed values show their symbol, such as “c – suppressed”, never zero) and where they came from. "
            ),
            html.P(
                [
                    "Herefordshire (E06000019) is a different council from Hertfordshire. Its 2006-8 plan is included as a separate plan and "
                    "its values are never shown as Hertfordshire's. See the ",
                    dcc.Link("indicator catalogue", href=app_path(url_for("indicators"))),
                    " for every definition.",
                ]
            ),
        ]
    )


def _published_section() -> html.Section:
    """Which values are published and which illustrative: the one distinction a reader must not miss."""
    return html.Section(
        [
            html.H2("Published and illustrative values", id="published"),
            html.P(
                [
                    html.Strong("Published values "),
                    "come from two kinds of source. Official statistics for every English council, region and district "
                    "(DfE children's social care, education and workforce statistics and the Local Authority Interactive Tool, "
                    "OHID Fingertips, ONS Explore Local Statistics and conception statistics, DfE NCCIS) are kept exactly as "
                    "published, with their confidence intervals, counts and status symbols, and the line of the original file "
                    "each value came from. The council's own plans and inspection reports (the Children and Young People's Plan "
                    "2011-12, the Plan for Children and Young People 2018-21, Our Way Forward 2024-25, the 2007 Joint Area Review "
                    "and Herefordshire's plan 2006-8) add their figures as printed (“over 95%”, “just under 25%”) with the document "
                    "and line. Where a plan quotes a figure that a later official release revised, the plan's figure is kept and "
                    "the value's note gives the official one.",
                ]
            ),
            html.P(
                "Suppressed or unpublished values are shown as such (with the publisher's symbol), never as zero. "
                "Where no published series measures one of the plans' measures, its card says “local measure: no published series”."
            ),
            html.Div(
                [
                    html.Strong("Illustrative values "),
                    "are invented and are not loaded unless asked for (`python -m data_access seed --illustrative`, or "
                    "SEED_ILLUSTRATIVE=1 for `make run`), for demonstrations only. They are never made where a published value exists, "
                    "and are flagged “illustrative” on every chart, table, download and export. Never quote them or use them for decisions.",
                ],
                className="illustrative-notice",
                role="note",
            ),
        ]
    )


def _sources_section(counts: pd.DataFrame) -> html.Section:
    """Sources and the Open Government Licence attribution the statistics' licence asks for."""
    return html.Section(
        [
            html.H2("Sources and licences", id="sources"),
            _sources_table(counts),
            html.P(
                [
                    "Contains public sector information licensed under the ",
                    html.A(
                        "Open Government Licence v3.0",
                        href="https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
                    ),
                    ". Statistics from ONS, DfE, DWP and OHID are published under that licence; the project's "
                    "seed/published/SOURCES.md lists each file, its publisher, release and what was kept of it.",
                ],
                id="about-ogl",
            ),
            html.P(
                "Where a licence is not recorded, the document was published by a public body and is reproduced here for analysis; check the original before re-use."
            ),
        ]
    )


def _cite_section() -> html.Section:
    """How to cite a view; dated today because a citation names the day it was read."""
    today = dt.date.today()
    return html.Section(
        [
            html.H2("How to cite", id="cite"),
            html.P("Cite the original source shown under the chart or in the table first. To cite the dashboard view itself:"),
            html.Blockquote(
                f"Hertfordshire County Council (2026). Outcome Bees: Hertfordshire children's services outcomes dashboard. "
                f"[Web address of the view]. Accessed {today.day} {today:%B %Y}.",
                className="border-start border-4 ps-3",
                id="about-citation",
            ),
            html.P(
                "Every view has its own web address, so the link reproduces exactly what you saw. Do not cite values marked illustrative."
            ),
        ]
    )


def layout(**_query: str) -> html.Div:
    counts = reads.source_value_counts()  # the sources table and the currency list both read it
    return html.Div(
        [
            html.H1("About the data"),
            _contents(),
            _what_section(),
            _published_section(),
            _sources_section(counts),
            html.Section([html.H2("How current the data is", id="currency"), _currency(counts)]),
            _cite_section(),
            html.Hr(),
            accessibility_statement(heading_level=2, section_id="accessibility"),
        ],
        style={"maxWidth": "75rem"},
    )
