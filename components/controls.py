"""Labelled form controls, so every control has a visible label tied to it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dash import dcc, html

from components.routes import embed_url, export_url, page_path, url_for


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
    """The share/export links every chart offers (URLs mirror the view). ``page`` is the key of a
    route with chart views in ``components.routes``; any other key raises ``UnknownRoute``."""
    links: list[tuple[str, str]] = []
    if csv:
        links.append(("Download CSV of this view", export_url(page, "csv", query_string)))
    if images:
        links.append(("Download PNG", export_url(page, "png", query_string)))
        links.append(("Download SVG", export_url(page, "svg", query_string)))
    if embed:
        links.append(("Embeddable chart", embed_url(page, query_string)))
        links.append(("Copy embed code", embed_url(page, query_string, code=True)))
    if pack:
        links.append(("Add this view to the board pack", url_for("pack", add=page_path(page, query_string))))
    return links
