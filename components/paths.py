"""App paths → the paths a browser must ask for, so the app can live under a prefix
(``URL_PREFIX=/dashboards/outcome-bees/``, docs/deploy.md).

Why one function read at render time: views, components and pages all speak app-relative
paths (``/compare?…``, the public contract and what the board pack and presentation mode parse);
only where an address leaves for the browser does it gain the prefix. The prefix is the running
request's script root (``URL_PREFIX`` plus a trusted proxy's ``X-Forwarded-Prefix``), so a builder
called outside a request (unit tests) returns the path unchanged, and the default ``/`` changes
no URL at all.
"""

from __future__ import annotations

from flask import has_request_context, request


def app_root() -> str:
    """The public prefix without its trailing slash: ``""`` at the root of the host."""
    return request.script_root.rstrip("/") if has_request_context() else ""


def app_path(path: str, root: str | None = None) -> str:
    """``/compare?x`` → ``/dashboards/outcome-bees/compare?x`` under a prefix.

    Only site paths change: fragments (``#main``), full URLs and protocol-relative ``//`` are left
    alone, and a path already under the prefix is not prefixed twice. ``root``: ``app_root()``
    when the caller has it already (a table of links asks once, not once a row)."""
    root = app_root() if root is None else root
    if not root or not path.startswith("/") or path.startswith("//"):
        return path
    if path == root or path.startswith((root + "/", root + "?", root + "#")):
        return path
    return root + path


def strip_app_root(path: str) -> str:
    """The inverse for paths the browser reports (``dcc.Location.pathname``): the app path."""
    root = app_root()
    if root and (path == root or path.startswith(root + "/")):
        return path[len(root) :] or "/"
    return path
