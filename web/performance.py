"""Server-side performance pieces: the shared read cache, response compression, a smaller plotly.js.

* **Cache**: ``data_access.cache`` backed by Redis when ``REDIS_URL`` is set (shared by every
  worker on every app server), else a file cache in ``settings.cache_dir`` (shared by the workers
  of one machine). Never an in-process dict.
* **Compression**: flask-compress (brotli, then gzip) for HTML, JSON callback responses, JS, CSS
  and SVG. Dash's callback JSON compresses ~10×; plotly.js ~3–4×.
* **plotly.js**: the pages draw only ``scatter`` and ``bar`` traces in the browser, so the app ships
  plotly.js's official *basic* partial bundle as an asset (``assets/vendor/plotly-basic.min.js``,
  1.2 MB, 0.4 MB compressed); ``dcc.Graph`` uses the ``window.Plotly`` it defines instead of
  fetching the full 4.8 MB bundle (see ``web.vendor``). Server-side exports (kaleido) use the
  Python package's own bundle.
* **Page cache**: the rendered body of every page its route declares ``cached=True``
  (``components.routes``), served before the page code runs (``install_response_cache``).
"""

from __future__ import annotations

import logging

from flask import Flask, Response, g, request
from flask_compress import Compress

from components.paths import strip_app_root
from components.routes import cached_paths, cached_prefixes
from data_access import cache
from settings import Settings
from views.home import home_area

log = logging.getLogger(__name__)

COMPRESS_MIMETYPES = [
    "text/html",
    "text/css",
    "text/plain",
    "text/csv",
    "text/javascript",
    "application/javascript",
    "application/json",
    "image/svg+xml",
]


def install_cache(settings: Settings) -> str:
    cache.configure_from_settings(settings)
    return cache.describe()


def install_compression(server: Flask) -> None:
    server.config.setdefault("COMPRESS_ALGORITHM", ["br", "gzip"])
    server.config.setdefault("COMPRESS_BR_LEVEL", 5)
    server.config.setdefault("COMPRESS_LEVEL", 6)
    server.config.setdefault("COMPRESS_MIN_SIZE", 500)
    server.config.setdefault("COMPRESS_MIMETYPES", COMPRESS_MIMETYPES)
    Compress(server)


def install_performance(server: Flask, settings: Settings) -> None:
    install_cache(settings)
    install_compression(server)
    install_response_cache(server)


#: The page cache. Pages declared ``cached=True`` in the route table (``components.routes``; the
#: flag also rides in each page's ``dash.register_page`` entry) render a page that is a pure function
#: of the URL and the data (view state in the URL, no session, no clock). For these, the response of
#: Dash's pages routing callback (``POST /_dash-update-component`` with outputs
#: ``_pages_content.children`` + ``_pages_store.data``) is cached in the shared store keyed by
#: path + query string + data version: a hit skips the layout, the figures and Dash's JSON
#: serialisation. A page opts in on its route once it meets that rule.
CACHED_PAGE_PATHS = cached_paths()
#: Pages with an id in the path (``/area/E07000243``, ``/indicators/u18-conceptions``): every
#: address of their template (the bare nav path ``/area`` is not cached).
CACHED_PAGE_PREFIXES = cached_prefixes()


def is_cacheable_page(pathname: object) -> bool:
    return isinstance(pathname, str) and (pathname in CACHED_PAGE_PATHS or pathname.startswith(CACHED_PAGE_PREFIXES))


ROUTING_OUTPUTS = ".._pages_content.children..._pages_store.data.."


def routing_request(pathname: str, search: str = "") -> dict:
    """The body the Dash renderer POSTs to ``/_dash-update-component`` when ``dcc.Location``
    changes (the pages routing callback); benchmarks and tests replay it."""
    return {
        "output": ROUTING_OUTPUTS,
        "outputs": [{"id": "_pages_content", "property": "children"}, {"id": "_pages_store", "property": "data"}],
        "inputs": [
            {"id": "_pages_location", "property": "pathname", "value": pathname},
            {"id": "_pages_location", "property": "search", "value": search},
        ],
        "changedPropIds": ["_pages_location.pathname"],
    }


def _routing_key(payload: object) -> tuple[str, str, str] | None:
    """(pathname, search, home council) when the request is the routing callback for a cacheable page.

    The home council is part of the key: the same URL renders another council's defaults after a
    restart with a different ``HOME_AREA`` on the same cache (seen: Hertfordshire's plan under an
    Essex header)."""
    if not isinstance(payload, dict) or payload.get("output") != ROUTING_OUTPUTS or payload.get("state"):
        return None
    values = {(i.get("id"), i.get("property")): i.get("value") for i in payload.get("inputs", []) if isinstance(i, dict)}
    pathname = values.get(("_pages_location", "pathname"))
    search = values.get(("_pages_location", "search")) or ""
    page = strip_app_root(pathname) if isinstance(pathname, str) else pathname  # the browser's path: URL_PREFIX
    if len(values) != 2 or not is_cacheable_page(page) or not isinstance(search, str):
        return None
    return str(pathname), search, home_area()


def install_response_cache(server: Flask) -> None:
    """Serve cached page bodies before Dash runs the page code.

    Why the private protocol: Dash has no public hook to cache a page's rendered output, and the
    layout functions return component trees that would have to be serialised anyway; replaying the
    routing callback's JSON body skips both the layout and the serialisation. This reads Dash's
    internal routing request (``_pages_location`` → ``_pages_content``/``_pages_store``, see
    ``routing_request``), which a Dash upgrade may change: ``tests/web/test_hosting.py`` and
    ``tests/security`` replay it, so a change fails there, not in production. Caching the view
    models instead (now that the verdicts are precomputed) is the way off the private protocol."""

    @server.before_request
    def _cached_page() -> Response | None:
        if request.method != "POST" or not request.path.endswith("/_dash-update-component"):
            return None
        key = _routing_key(request.get_json(silent=True))
        if key is None:
            return None
        try:
            body = cache.get_or_compute("routing-response", key, lambda: None)
        except Exception:  # noqa: BLE001 - never let the cache break a page
            body = None
        if body is not None:
            return server.response_class(body, mimetype="application/json")
        g.ob_routing_key = key
        return None

    @server.after_request
    def _store_page(response: Response) -> Response:
        key = g.pop("ob_routing_key", None)
        if key is not None and response.status_code == 200 and not response.direct_passthrough:
            try:
                cache.store("routing-response", key, response.get_data())
            except Exception:  # noqa: BLE001
                pass
        return response
