"""The view registry and the route table name the same chart pages."""

from __future__ import annotations

import pytest

from components.routes import chart_pages
from views.base import ViewNotFound
from views.registry import VIEW_BUILDERS, build_views


def test_every_chart_page_has_a_builder_and_no_builder_lacks_a_route() -> None:
    assert set(VIEW_BUILDERS) == set(chart_pages())


@pytest.mark.parametrize("page", ["about", "indicators", "nowhere"])
def test_a_page_without_chart_views_is_not_found(page: str) -> None:
    with pytest.raises(ViewNotFound, match=page):
        build_views(page, {})
