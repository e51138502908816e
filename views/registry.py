"""Which view builder serves which page, for exports, embeds, packs and presentations.

A page key is the first path segment of its URL (``compare`` for ``/compare``). Its module's
``chart_views(query)`` takes the query (with ``_id`` for pages with an id in the path, such as
``/area/E07000243``) and returns ``ChartView``s.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qs, urlsplit

from views.base import ChartView, ViewNotFound

#: page key → module exposing ``chart_views(query) -> list[ChartView]``.
VIEW_MODULES: dict[str, str] = {
    "compare": "views.compare",
    "gaps": "views.gaps",
    "trends": "views.trends",
    "summary": "views.summary",
    "area": "views.area",
    "neighbours": "views.neighbours",
    "send": "views.send",
}


def build_views(page: str, query: Mapping[str, Any]) -> list[ChartView]:
    module_name = VIEW_MODULES.get(page)
    if module_name is None:
        raise ViewNotFound(f"There is no chart view called “{page}”.")
    module = importlib.import_module(module_name)
    return module.chart_views(query)


def views_from_url(url: str) -> tuple[str, list[ChartView]]:
    """``/compare?indicator=…`` → (page, views); used by the PDF pack and presentation mode."""
    parts = urlsplit(url.strip())
    segments = [s for s in parts.path.split("/") if s]
    page = segments[0] if segments else "summary"
    query: dict[str, Any] = {k: v[0] for k, v in parse_qs(parts.query).items()}
    if len(segments) > 1:
        query["_id"] = segments[1]
    return page, build_views(page, query)
