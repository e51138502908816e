"""The page cache follows the route table: what a page's registration says is what is cached."""

from __future__ import annotations

import re

import dash

from components.routes import dash_routes
from web.performance import is_cacheable_page


def test_registered_pages_say_whether_they_are_cached(dash_app) -> None:
    registered = {p["module"].rsplit(".", 1)[-1]: p for p in dash.page_registry.values()}
    assert len(registered) == len(dash_routes())
    for page in registered.values():
        address = re.sub("<[^>]+>", "x", page["path_template"]) if page.get("path_template") else page["path"]
        assert is_cacheable_page(address) is bool(page["cached"]), (page["module"], address)


def test_only_the_declared_pages_are_served_from_the_cache() -> None:
    assert is_cacheable_page("/compare") and is_cacheable_page("/area/E07000243")
    assert not is_cacheable_page("/area") and not is_cacheable_page("/pack") and not is_cacheable_page("/admin/import")
