"""Front-end files the app ships in ``assets/vendor/`` (Bootstrap CSS, plotly.js basic bundle).

Why committed rather than installed: a council's server runs ``pip install`` and ``gunicorn``, not
``npm``. Dash serves ``assets/`` itself; this module says which vendored files Dash must not
auto-include, and keeps the older ``/vendor/bootstrap.min.css`` address answering (admin pages and
bookmarked board-pack HTML link to it).
"""

from __future__ import annotations

import os

from flask import Blueprint, Response, abort, send_from_directory

from settings import PROJECT_ROOT

VENDOR_DIR = PROJECT_ROOT / "assets" / "vendor"
BOOTSTRAP_CSS = "/assets/vendor/bootstrap.min.css"
vendor_blueprint = Blueprint("vendor", __name__)


def assets_ignore() -> str:
    """Dash ``assets_ignore``: Bootstrap is linked first by hand (so ``style.css`` overrides it);
    ``PLOTLY_BUNDLE=full`` also leaves the basic plotly.js out, so ``dcc.Graph`` loads its full bundle."""
    ignored = [r"^bootstrap\.min\.css$"]  # Dash matches file names, not paths
    if os.environ.get("PLOTLY_BUNDLE", "basic").lower() == "full":
        ignored.append(r"^plotly-basic\.min\.js$")
    return "|".join(ignored)


@vendor_blueprint.get("/vendor/<path:name>")
def vendor_file(name: str) -> Response:
    if name != "bootstrap.min.css" or not (VENDOR_DIR / name).is_file():
        abort(404)
    return send_from_directory(VENDOR_DIR, name, max_age=86400)
