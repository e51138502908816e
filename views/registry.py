"""Which view builder serves which page, for exports, embeds, packs and presentations.

A page key is the first path segment of its URL (``compare`` for ``/compare``): the key of its
route in ``components.routes``, where ``views=True`` says the page has chart views. Each builder
``chart_views(query)`` takes the query (with ``_id`` for pages with an id in the path, such as
``/area/E07000243``) and returns ``ChartView``s. The imports are static so the import contracts
see them; ``tests/views/test_registry.py`` checks this table and the route table name the same pages.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

from components.routes import UnknownRoute, chart_page
from views import area, compare, gaps, neighbours, send, summary, trends
from views.base import ChartView, Query, ViewNotFound

ViewBuilder = Callable[[Query], list[ChartView]]

#: page key → its ``chart_views(query) -> list[ChartView]``.
VIEW_BUILDERS: dict[str, ViewBuilder] = {
    "compare": compare.chart_views,
    "gaps": gaps.chart_views,
    "trends": trends.chart_views,
    "summary": summary.chart_views,
    "area": area.chart_views,
    "neighbours": neighbours.chart_views,
    "send": send.chart_views,
}


def build_views(page: str, query: Query) -> list[ChartView]:
    try:
        builder = VIEW_BUILDERS[chart_page(page).key]
    except (UnknownRoute, KeyError):
        raise ViewNotFound(f"There is no chart view called “{page}”.") from None
    return builder(query)


def views_from_url(url: str) -> tuple[str, list[ChartView]]:
    """``/compare?indicator=…`` → (page, views); used by the PDF pack and presentation mode."""
    parts = urlsplit(url.strip())
    segments = [s for s in parts.path.split("/") if s]
    page = segments[0] if segments else "summary"
    query: dict[str, str] = {k: v[0] for k, v in parse_qs(parts.query).items()}
    if len(segments) > 1:
        query["_id"] = segments[1]
    return page, build_views(page, query)
