"""Hosting under a path and behind proxies: ``URL_PREFIX`` and ``TRUSTED_PROXIES`` (docs/deploy.md).

Why WSGI middleware rather than prefixed routes: every Flask route, Dash's routes and every
``request.path`` check (admin guard, framing rules, error pages) keep speaking
app-relative paths; the prefix moves from ``PATH_INFO`` to ``SCRIPT_NAME``, which is where Flask
(``request.script_root``, ``url_root``) and ``components.paths.app_path`` read it back.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from flask import Flask
from werkzeug.exceptions import NotFound
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.utils import redirect

from settings import Settings

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment


class PrefixMiddleware:
    """Serves ``app`` at ``prefix`` only: requests elsewhere are 404, the bare prefix redirects to
    ``prefix/``. A path a trusted proxy has already stripped (its ``X-Forwarded-Prefix`` ended up
    in ``SCRIPT_NAME`` through ProxyFix) is served as it is."""

    def __init__(self, app: WSGIApplication, prefix: str) -> None:
        self.app = app
        self.prefix = "/" + prefix.strip("/")

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        script = environ.get("SCRIPT_NAME", "").rstrip("/")
        path = environ.get("PATH_INFO", "") or "/"
        if path == self.prefix:
            query = environ.get("QUERY_STRING", "")
            target = f"{script}{self.prefix}/" + (f"?{query}" if query else "")
            return redirect(target, code=308)(environ, start_response)
        if path.startswith(self.prefix + "/"):
            environ["SCRIPT_NAME"] = script if script.endswith(self.prefix) else script + self.prefix
            environ["PATH_INFO"] = path[len(self.prefix) :]
            return self.app(environ, start_response)
        if script.endswith(self.prefix):
            return self.app(environ, start_response)
        return NotFound()(environ, start_response)


def install_hosting(server: Flask, settings: Settings) -> None:
    """Mount the app under ``settings.url_prefix`` and trust ``settings.trusted_proxies`` proxies
    (ProxyFix outermost: it sets the scheme, host and any stripped prefix before the mount looks)."""
    if settings.url_prefix != "/":
        _wrap(server, PrefixMiddleware(server.wsgi_app, settings.url_prefix))
    if settings.trusted_proxies > 0:
        n = settings.trusted_proxies
        _wrap(server, ProxyFix(server.wsgi_app, x_for=n, x_proto=n, x_host=n, x_prefix=n))


def _wrap(server: Flask, wrapped: WSGIApplication) -> None:
    # Flask's documented pattern is ``app.wsgi_app = Middleware(app.wsgi_app)``; mypy reads that as
    # replacing a method, so the same assignment is spelled with setattr.
    setattr(server, "wsgi_app", wrapped)  # noqa: B010
