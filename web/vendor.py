"""Serves front-end files installed by ``npm ci`` (package.json), so nothing loads from a CDN."""

from __future__ import annotations

from flask import Blueprint, abort, send_from_directory

from settings import PROJECT_ROOT

NODE_MODULES = PROJECT_ROOT / "node_modules"
vendor_blueprint = Blueprint("vendor", __name__)

_FILES = {
    "bootstrap.min.css": NODE_MODULES / "bootstrap" / "dist" / "css",
}


@vendor_blueprint.get("/vendor/<path:name>")
def vendor_file(name: str):  # type: ignore[no-untyped-def]
    folder = _FILES.get(name)
    if folder is None or not (folder / name).is_file():
        abort(404)
    response = send_from_directory(folder, name, max_age=86400)
    return response
