"""Friendly errors: JSON for the API, a plain page elsewhere; tracebacks only in the server log."""

from __future__ import annotations

import logging
from html import escape

from dash.exceptions import DependencyException
from flask import Flask, jsonify, request
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException

from components.paths import app_root

log = logging.getLogger("outcome_bees.errors")

_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} – Outcome Bees</title><link rel="icon" href="{root}/_favicon.ico"></head>
<body><main><h1>{title}</h1><p>{message}</p><p><a href="{root}/">Go to the Outcome Bees summary</a></p></main></body></html>"""


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.path == "/healthz" or request.path.startswith("/_dash")


def install_error_handlers(server: Flask) -> None:
    @server.errorhandler(HTTPException)
    def _http_error(error: HTTPException) -> ResponseReturnValue:
        message = error.description or error.name
        status = error.code or 500
        if _wants_json():
            return jsonify({"error": error.name, "message": message}), status
        return (
            _PAGE.format(title=error.name, message=message, root=escape(app_root())),
            status,
            {"Content-Type": "text/html; charset=utf-8"},
        )

    @server.errorhandler(DependencyException)
    def _unknown_dependency(error: DependencyException) -> ResponseReturnValue:
        # /_dash-component-suites/<not a registered package or file>: a wrong address, not a server fault
        return jsonify({"error": "Not Found", "message": "No such script or style sheet."}), 404

    @server.errorhandler(Exception)
    def _unexpected(error: Exception) -> ResponseReturnValue:
        if request.path.endswith("/_dash-update-component"):
            # Errors inside callbacks are caught by Dash's on_error; what reaches here is Dash
            # failing to dispatch the request itself (unknown output, missing keys, wrong types):
            # the client's mistake, so a 400, logged briefly rather than as a server fault.
            log.warning("Malformed callback request refused: %s: %s", type(error).__name__, str(error)[:200])
            return jsonify({"error": "Bad Request", "message": "The callback request was malformed."}), 400
        log.exception("Unhandled error on %s", request.path, exc_info=error)
        message = "Something went wrong on our side. The problem has been logged."
        if _wants_json():
            return jsonify({"error": "Internal Server Error", "message": message}), 500
        return (
            _PAGE.format(title="Sorry, something went wrong", message=message, root=escape(app_root())),
            500,
            {"Content-Type": "text/html; charset=utf-8"},
        )
