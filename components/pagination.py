"""A page-number navigation for long tables, as plain links (the URL holds the page, so every page
is shareable and works with the keyboard and without scripts)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dash import dcc, html

# ARIA attributes go to Dash components as keyword splats (their names are not identifiers)
CURRENT: dict[str, Any] = {"aria-current": "page"}
DISABLED: dict[str, Any] = {"aria-disabled": "true"}
HIDDEN: dict[str, Any] = {"aria-hidden": "true"}

#: page numbers shown either side of the current one before the list is shortened with "…"
WINDOW = 2


def page_numbers(page: int, pages: int, window: int = WINDOW) -> list[int | None]:
    """The page numbers to offer: the first, the last and ``window`` either side of ``page``,
    with None where a run is left out (drawn as "…")."""
    wanted = {1, pages, *range(page - window, page + window + 1)}
    shown = sorted(n for n in wanted if 1 <= n <= pages)
    out: list[int | None] = []
    previous = 0
    for number in shown:
        if previous and number - previous > 1:
            out.append(None)
        out.append(number)
        previous = number
    return out


def pagination_nav(
    page: int | None,
    pages: int,
    href: Callable[[int | None], str],
    *,
    label: str,
    nav_id: str | None = None,
) -> html.Nav | None:
    """Previous / numbers / next / "Show all" links; ``page`` None means every row is shown.
    ``href(n)`` gives the URL of page ``n`` (None: all rows). Nothing when there is one page."""
    if pages <= 1:
        return None
    items: list[html.Li] = []

    def item(
        text: str, target: int | None, *, current: bool = False, disabled: bool = False, before: str = "", after: str = ""
    ) -> html.Li:
        # dcc.Link takes no aria-label: the fuller name is visually hidden text around the visible one
        words: list[str | html.Span] = [text]
        if before:
            words.insert(0, html.Span(before, className="visually-hidden"))
        if after:
            words.append(html.Span(after, className="visually-hidden"))
        if current:
            body: html.Span | dcc.Link = html.Span(words, className="page-link", **CURRENT)
        elif disabled:
            body = html.Span(words, className="page-link", **DISABLED)
        else:
            body = dcc.Link(words, href=href(target), className="page-link")
        return html.Li(body, className="page-item" + (" active" if current else "") + (" disabled" if disabled else ""))

    if page is not None:
        items.append(item("Previous", page - 1, disabled=page == 1, after=" page"))
        for number in page_numbers(page, pages):
            if number is None:
                items.append(html.Li(html.Span("…", className="page-link"), className="page-item disabled", **HIDDEN))
            else:
                items.append(item(str(number), number, current=number == page, before="Page ", after=f" of {pages}"))
        items.append(item("Next", page + 1, disabled=page == pages, after=" page"))
        items.append(item("Show all rows", None))
    else:
        items.append(item("Show all rows", None, current=True))
        items.append(item("Show in pages", 1))
    named: dict[str, Any] = {"aria-label": label} | ({"id": nav_id} if nav_id else {})
    return html.Nav(html.Ul(items, className="pagination flex-wrap"), **named)
