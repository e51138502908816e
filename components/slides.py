"""Presentation mode: full-screen slides, one live view each, with its summary in large type.

Pure builder: ``views/slides.py`` turns view URLs into slides (a chart's figure and words, or an
error message) and the page modules pass them here. Keyboard handling, the slide counter, announcements and auto-advance live in
``assets/present.js``; the look (chrome hidden, ≥24 px type, high contrast) in ``assets/present.css``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import plotly.graph_objects as go
from dash import dcc, html

from components.attrs import Child, attrs
from components.chart_block import ChartText
from components.paths import app_path
from components.shell import illustrative_notice
from components.theme import TEMPLATE_NAME


@dataclass
class Slide:
    """One view URL's chart (its figure and words), or the problem that stopped it being drawn."""

    url: str
    key: str | None = None  # the view's key (which chart of the URL this is)
    figure: go.Figure | None = None
    text: ChartText | None = None
    problem: str | None = None

    @property
    def title(self) -> str:
        return self.text.title if self.text else "This view could not be shown"


def large_figure(figure: go.Figure) -> go.Figure:
    """The view's figure restyled for a projector: the large template, bigger type, no title."""
    fig = go.Figure(figure)
    fig.update_layout(
        template=f"{TEMPLATE_NAME}_large",
        title=None,
        font={"size": 24},
        height=None,
        autosize=True,
        legend={"font": {"size": 22}, "orientation": "h", "x": 0, "xanchor": "left", "y": 1.02, "yanchor": "bottom"},
        hoverlabel={"font": {"size": 22}},
    )
    # annotations keep their size: tile-map labels must fit their fixed-aspect tiles (see report)
    fig.update_xaxes(tickfont={"size": 22}, title_font={"size": 24})
    fig.update_yaxes(tickfont={"size": 22}, title_font={"size": 24})
    return fig


def _slide(index: int, total: int, slide: Slide) -> html.Section:
    label = f"Slide {index + 1} of {total}: {slide.title}"
    body: list[Child]
    if slide.figure is None or slide.text is None:
        body = [
            html.H2(slide.title, className="present-title"),
            html.P(slide.problem or "", className="present-summary"),
            html.P(html.A("Open the link this slide points to", href=app_path(slide.url), className="present-link")),
        ]
    else:
        text = slide.text
        body = [
            html.H2(text.title, className="present-title"),
            html.P(text.subtitle, className="present-subtitle"),
            illustrative_notice(text.illustrative),
            html.P(text.summary, className="present-summary"),
            html.Figure(
                [
                    dcc.Graph(
                        id=f"present-graph-{index}",
                        figure=large_figure(slide.figure),
                        config={"displayModeBar": False, "responsive": True},
                        responsive=True,
                        className="present-graph",
                    ),
                    html.Figcaption(
                        [
                            html.Span(text.source_line(), className="present-source"),
                            " ",
                            html.A("Open the full view", href=app_path(slide.url), className="present-link"),
                        ]
                    ),
                ],
                **attrs({"aria-label": f"Chart: {text.title}. {text.summary}"}),
            ),
        ]
    return html.Section(
        body,
        id=f"present-slide-{index}",
        className="present-slide",
        hidden=index != 0,
        tabIndex="-1",
        **attrs(
            {"aria-roledescription": "slide", "aria-label": label, "data-title": slide.title, "data-href": app_path(slide.url)}
        ),
    )


def presentation(name: str, slides: Sequence[Slide], *, auto_seconds: int = 0, extra: Sequence = ()) -> html.Div:
    """The whole presentation: hidden page heading, controls, live region, slides."""
    total = len(slides)
    first_title = slides[0].title if slides else ""
    return html.Div(
        [
            html.H1(f"Presentation: {name}", className="visually-hidden"),
            html.P(
                "Use the right arrow or Page Down for the next slide, the left arrow or Page Up for the previous one, "
                "Home and End for the first and last, and Escape to leave to the slide's full view.",
                className="visually-hidden",
                id="present-help",
            ),
            _controls(slides, auto_seconds),
            html.Div(
                f"Slide 1 of {total}: {first_title}",
                id="present-live",
                className="visually-hidden",
                role="status",
                **attrs({"aria-live": "polite", "aria-atomic": "true"}),
            ),
            *[_slide(i, total, slide) for i, slide in enumerate(slides)],
            *extra,
        ],
        id="present-root",
        className="present-root",
        **attrs({"data-auto": str(max(0, int(auto_seconds))), "data-total": str(total), "aria-describedby": "present-help"}),
    )


def _controls(slides: Sequence[Slide], auto_seconds: int) -> html.Div:
    """The counter and the buttons (previous, next, pause, full screen, leave), each with its action."""
    return html.Div(
        [
            html.P(f"Slide 1 of {len(slides)}", id="present-counter", className="present-counter"),
            html.Div(
                [
                    html.Button(
                        "← Previous", type="button", className="present-button", **attrs({"data-present-action": "prev"})
                    ),
                    html.Button("Next →", type="button", className="present-button", **attrs({"data-present-action": "next"})),
                    html.Button(
                        "Pause auto-advance",
                        type="button",
                        className="present-button",
                        id="present-pause",
                        hidden=auto_seconds <= 0,
                        **attrs({"data-present-action": "pause", "aria-pressed": "false"}),
                    ),
                    html.Button(
                        "Full screen", type="button", className="present-button", **attrs({"data-present-action": "fullscreen"})
                    ),
                    html.A(
                        "Leave (Esc)",
                        href=app_path(slides[0].url if slides else "/"),
                        className="present-button present-exit",
                        id="present-exit",
                        **attrs({"data-present-action": "exit"}),
                    ),
                ],
                className="present-buttons",
                role="group",
                **attrs({"aria-label": "Presentation controls"}),
            ),
        ],
        className="present-bar",
    )
