"""The page-number navigation for long tables (pure builder, no server)."""

from __future__ import annotations

import json

from dash.development.base_component import Component

from components.pagination import page_numbers, pagination_nav


def _text(component: Component | None) -> str:
    assert component is not None
    return json.dumps(component.to_plotly_json(), default=lambda o: o.to_plotly_json())


def test_page_numbers_keep_first_last_and_a_window() -> None:
    assert page_numbers(1, 3) == [1, 2, 3]
    assert page_numbers(6, 11) == [1, None, 4, 5, 6, 7, 8, None, 11]
    assert page_numbers(1, 11) == [1, 2, 3, None, 11]
    assert page_numbers(11, 11) == [1, None, 9, 10, 11]


def test_one_page_needs_no_navigation() -> None:
    assert pagination_nav(1, 1, lambda n: f"?page={n}", label="Pages") is None


def test_links_current_page_and_disabled_ends() -> None:
    nav = pagination_nav(1, 4, lambda n: f"?page={n if n else 'all'}", label="Table pages", nav_id="p")
    text = _text(nav)
    assert '"aria-label": "Table pages"' in text
    assert '"aria-current": "page"' in text  # page 1 is marked, not linked
    assert '"aria-disabled": "true"' in text  # no previous page from the first
    assert '"href": "?page=2"' in text and '"href": "?page=all"' in text and '"href": "?page=0"' not in text
    assert "Page " in text and " of 4" in text  # the link's name says which page of how many


def test_all_rows_offers_the_way_back_to_pages() -> None:
    text = _text(pagination_nav(None, 4, lambda n: f"?page={n if n else 'all'}", label="Table pages"))
    assert '"href": "?page=1"' in text and "Show in pages" in text
