"""Labelled form controls, so every control has a visible label tied to it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from dash import dcc, html


def labelled_dropdown(
    control_id: str | dict,
    label: str,
    options: Sequence[dict[str, Any]],
    value: Any,
    *,
    multi: bool = False,
    hint: str | None = None,
    clearable: bool = False,
    width: int = 3,
) -> html.Div:
    label_id = f"{control_id}-label" if isinstance(control_id, str) else None
    children: list[html.Label | html.Div | dcc.Dropdown] = [
        html.Label(label, htmlFor=control_id if isinstance(control_id, str) else None, id=label_id, className="form-label")
    ]
    if hint:
        children.append(html.Div(hint, className="form-text mt-0 mb-1"))
    children.append(
        dcc.Dropdown(
            id=control_id,
            options=list(options),
            value=value,
            multi=multi,
            clearable=clearable,
            searchable=True,
        )
    )
    return html.Div(children, className=f"col-12 col-md-{width} mb-2")


def download_links(
    page: str, query_string: str, *, csv: bool = True, images: bool = True, embed: bool = True, pack: bool = True
) -> list[tuple[str, str]]:
    """The share/export links every chart offers (URLs mirror the view)."""
    qs = f"?{query_string}" if query_string else ""
    links: list[tuple[str, str]] = []
    if csv:
        links.append(("Download CSV of this view", f"/export/{page}.csv{qs}"))
    if images:
        links.append(("Download PNG", f"/export/{page}.png{qs}"))
        links.append(("Download SVG", f"/export/{page}.svg{qs}"))
    if embed:
        links.append(("Embeddable chart", f"/embed/{page}{qs}"))
        links.append(("Copy embed code", f"/embed-code/{page}{qs}"))
    if pack:
        view_path = ("/" if page == "summary" else f"/{page}") + qs
        links.append(("Add this view to the board pack", f"/pack?add={quote(view_path, safe='')}"))
    return links
