"""Outcome Bees: the composition root.

``create_app(settings)`` wires the pieces together and nothing else: no callbacks, data or
figures live here. Tests build their own app with their own database through the factory.
Run the development server with ``make run``; production uses ``gunicorn app:server``.
"""

from __future__ import annotations

import logging
from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import Dash, dcc, html

import components.theme  # noqa: F401  (registers the plotly template)
import data_access
from components.shell import footer, navbar, skip_link
from settings import PROJECT_ROOT, Settings
from views import home
from web.hosting import install_hosting
from web.server import install_server_extensions
from web.vendor import BOOTSTRAP_CSS, assets_ignore

log = logging.getLogger("outcome_bees")

INDEX_STRING = """<!DOCTYPE html>
<html lang="en">
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
    </head>
    <body>
        {%app_entry%}
        <footer>
            {%config%}
            {%scripts%}
            {%renderer%}
        </footer>
    </body>
</html>"""


def _on_callback_error(error: Exception) -> None:
    """Last safety net: log the traceback on the server, show the user nothing technical."""
    log.exception("Callback failed", exc_info=error)
    raise dash.exceptions.PreventUpdate


def shell_layout() -> html.Div:
    """The app-wide frame around every page (one ``dcc.Location`` for the whole app)."""
    # aria-* props have no keyword of their own in Dash's typed signature; Any lets them reach **kwargs.
    live_region: dict[str, Any] = {"aria-live": "polite"}
    return html.Div(
        [
            skip_link(),
            dcc.Location(id="url", refresh="callback-nav"),
            navbar(dash.page_registry.values(), home.home_name()),
            html.Main(
                dbc.Container(dash.page_container, fluid=True, className="page-body"),
                id="main-content",
                tabIndex="-1",
            ),
            html.Div(id="page-announcer", className="visually-hidden", role="status", **live_region),
            footer(),
        ],
        className="app-shell",
    )


def create_app(settings: Settings | None = None) -> Dash:
    settings = settings or Settings.from_env()
    data_access.configure(settings.database_url)
    # HOME_AREA: refused here, before anything is served, when it is not a known council
    try:
        home.configure(settings.home_area)
    except home.HomeAreaError as error:
        raise SystemExit(f"Outcome Bees cannot start: {error}") from None
    app = Dash(
        __name__,
        use_pages=True,
        pages_folder=str(PROJECT_ROOT / "pages"),
        assets_folder=str(PROJECT_ROOT / "assets"),
        # URL_PREFIX: Dash's routes stay at "/" (web.hosting moves the prefix into SCRIPT_NAME); the
        # browser asks for assets and callbacks under the prefix
        routes_pathname_prefix="/",
        requests_pathname_prefix=settings.url_prefix,
        external_stylesheets=[settings.url_prefix + BOOTSTRAP_CSS.lstrip("/")],
        assets_ignore=assets_ignore(),
        title="Outcome Bees",
        update_title="",  # "" (like None) keeps the tab title while callbacks run; the signature takes str
        on_error=_on_callback_error,
        # Pages build their layouts per request; without this, Dash calls every page's layout()
        # at start-up to build a validation layout and embeds it (~700 KB) in every HTML page.
        suppress_callback_exceptions=True,
        meta_tags=[
            {"name": "viewport", "content": "width=device-width, initial-scale=1"},
            {"name": "description", "content": f"{home.home_name()} children's services outcomes dashboard"},
        ],
    )
    app.index_string = INDEX_STRING
    app.layout = shell_layout
    install_server_extensions(app.server, settings)
    install_hosting(app.server, settings)
    return app


app = create_app()
server = app.server

if __name__ == "__main__":
    import os

    app.run(host="127.0.0.1", port=int(os.environ.get("PORT", "8050")), debug=Settings.from_env().debug)
