"""The Flask side of the server, assembled: vendored assets, the HTTP API, exports, the board pack,
embeds, headers, error pages, admin sign-in and import jobs, caching and compression.

Kept apart from ``app.py`` so the composition root stays thin and each piece is testable; kept out
of ``web/__init__.py`` so importing one ``web`` module (pages import ``web.session``) does not load
every blueprint.
"""

from __future__ import annotations

from flask import Flask

from settings import Settings
from web.admin import install_admin
from web.api import api_blueprint
from web.board_pack import board_pack_blueprint
from web.embed import embed_blueprint
from web.errors import install_error_handlers
from web.exports import exports_blueprint
from web.import_jobs import install_import_jobs
from web.performance import install_performance
from web.security import install_security_headers
from web.vendor import vendor_blueprint


def install_server_extensions(server: Flask, settings: Settings) -> None:
    server.config["OUTCOME_BEES_SETTINGS"] = settings
    server.config["SECRET_KEY"] = settings.secret_key
    server.config["MAX_CONTENT_LENGTH"] = settings.upload_max_bytes
    # session cookie (only the /admin sign-in uses it): never readable by scripts, not sent cross-site
    server.config["SESSION_COOKIE_HTTPONLY"] = True
    server.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    server.config["SESSION_COOKIE_SECURE"] = settings.session_cookie_secure
    server.config["SESSION_COOKIE_NAME"] = "ob_session"
    server.config["PERMANENT_SESSION_LIFETIME"] = 8 * 3600
    server.register_blueprint(vendor_blueprint)
    server.register_blueprint(api_blueprint)
    server.register_blueprint(exports_blueprint)
    server.register_blueprint(board_pack_blueprint)
    server.register_blueprint(embed_blueprint)
    install_security_headers(server, settings)
    install_error_handlers(server)
    install_admin(server, settings)
    install_import_jobs(server, settings)
    # performance: shared read cache (Redis / file), brotli+gzip compression, basic plotly.js bundle

    install_performance(server, settings)
