"""The "Colour the map by: significance · quartile" links under a map (the choice lives in the URL).

Shared by the district map and the map of England's councils on ``/compare`` and ``/neighbours``:
the current choice is bold text, the other a link to the same URL with ``colour=`` changed, and a
quartile choice with no quartiles for the period is plain text saying so, not a link that would
redraw the same map.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlencode

from dash import dcc, html

from components.paths import app_path


def colour_links(
    path: str,
    query: Mapping[str, str],
    current: str,
    quartiles_available: bool,
    *,
    significance_label: str,
    quartile_label: str,
    element_id: str,
) -> html.P:
    links: list = ["Colour the map by: "]
    for i, (value, label) in enumerate((("significance", significance_label), ("quartile", quartile_label))):
        if i:
            links.append(" · ")
        href = f"{path}?" + urlencode({**{k: v for k, v in query.items() if k != "colour"}, "colour": value})
        if value == current:
            links.append(html.Strong(f"{label} (shown)"))
        elif value == "quartile" and not quartiles_available:
            links.append(html.Span(f"{label} (none for this period)", className="text-body-secondary"))
        else:
            links.append(dcc.Link(label, href=app_path(href)))
    return html.P(links, id=element_id, className="small")
