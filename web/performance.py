"""Server-side performance pieces: the shared read cache, view models, compression, a smaller plotly.js.

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
* **View models**: the view builders of every page its route declares ``cached=True``
  (``components.routes``) keep their view models per process (``views.view_cache``), for the
  page, its exports, embeds, pack pages and slides alike (``install_view_model_cache``). No page
  body is cached: that needed Dash's private routing protocol.
"""

from __future__ import annotations

import logging

from flask import Flask, g
from flask_compress import Compress

from data_access import cache
from settings import Settings
from views import view_cache
from views.view_cache import ViewModelCache

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
    install_view_model_cache(server, settings)


def install_view_model_cache(server: Flask, settings: Settings) -> ViewModelCache | None:
    """Give this app a view-model cache (``views.view_cache``) and use it for each of its requests.

    On when the shared read cache is (``CACHE_DIR`` or ``REDIS_URL``; ``cache_dir=""`` and no Redis
    turn both off, as ``bench.real_pages --cache off`` does). Public Flask hooks only: the cache is
    activated before each request and released after it, so builders run outside a request (the
    CLI, scripts, tests) never see it, and two apps in one process (tests) never share entries.
    ``server.extensions["ob_view_models"]`` holds it (None when off) for tests and benchmarks."""
    view_models = ViewModelCache() if (settings.cache_dir or settings.redis_url) else None
    server.extensions["ob_view_models"] = view_models

    @server.before_request
    def _use_view_models() -> None:
        g.ob_view_models_token = view_cache.activate(view_models)

    @server.teardown_request
    def _release_view_models(_error: BaseException | None) -> None:
        token = g.pop("ob_view_models_token", None)
        if token is not None:
            view_cache.deactivate(token)

    return view_models
