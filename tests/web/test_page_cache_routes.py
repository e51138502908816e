"""The view-model cache follows the route table: a route that says ``cached=True`` has memoised
view builders, and its page, exports and embeds share one kept model per query and data version."""

from __future__ import annotations

import dash

from components.routes import ROUTES, dash_routes
from data_access.database import Database
from data_access.writes import save_deck
from tests.dash_routing import routing_request
from views.view_cache import memoised_routes


def _view_models(app):
    return app.server.extensions["ob_view_models"]


def test_registered_pages_say_whether_their_view_models_are_cached(dash_app) -> None:
    registered = list(dash.page_registry.values())
    assert len(registered) == len(dash_routes())
    by_address = {(r.template or r.path): r for r in ROUTES if r.dash}
    for page in registered:
        declared = by_address[page.get("path_template") or page["path"]]
        assert page["cached"] is declared.cached, page["module"]
    assert memoised_routes() == {r.key for r in ROUTES if r.cached}


def test_a_page_and_its_export_build_the_view_model_once(dash_app, client) -> None:
    cache = _view_models(dash_app)
    first = client.post("/_dash-update-component", json=routing_request("/compare", "?areas=E07000243,E07000095"))
    built = cache.stats()
    second = client.post("/_dash-update-component", json=routing_request("/compare", "?areas=E07000243,E07000095"))
    assert first.status_code == second.status_code == 200
    assert first.get_json() == second.get_json()
    assert cache.stats().misses == built.misses and cache.stats().hits > built.hits
    csv = client.get("/export/compare.csv?areas=E07000243,E07000095")
    assert csv.status_code == 200
    assert cache.stats().misses == built.misses  # the export used the page's model


def test_the_cache_is_off_without_a_cache_dir(seeded_sqlite: Database) -> None:
    from app import create_app
    from settings import Settings

    app = create_app(Settings(database_url=seeded_sqlite.url, cache_dir=""))
    assert _view_models(app) is None
    response = app.server.test_client().post("/_dash-update-component", json=routing_request("/trends", ""))
    assert response.status_code == 200 and "Trends" in response.get_data(as_text=True)


def test_a_write_drops_the_kept_models(writable_sqlite_copy: str, tmp_path) -> None:
    from app import create_app
    from settings import Settings

    app = create_app(Settings(database_url=writable_sqlite_copy, cache_dir=str(tmp_path / "cache")))
    client = app.server.test_client()
    cache = _view_models(app)
    client.post("/_dash-update-component", json=routing_request("/trends", ""))
    client.post("/_dash-update-component", json=routing_request("/trends", ""))
    before = cache.stats()
    save_deck(Database(writable_sqlite_copy), "Board", ["/trends"])
    client.post("/_dash-update-component", json=routing_request("/trends", ""))
    assert cache.stats().misses == before.misses + 1
