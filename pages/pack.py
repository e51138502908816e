"""The board pack: views chosen with "Add this view to the board pack", kept in this browser.

The list lives in localStorage and is drawn by ``assets/pack.js`` (reorder, remove, title);
"Download PDF board pack" opens ``/pack.pdf?views=…&title=…``, made from the live database.
"""

from __future__ import annotations

import dash
from dash import html

from components.paths import app_path
from components.routes import route

dash.register_page(__name__, **route("pack").dash_kwargs())


def layout(**_query: str) -> html.Div:
    return html.Div(
        [
            html.H1("Board pack"),
            html.P(
                "Collect views while you explore with “Add this view to the board pack” under any chart, then download "
                "one PDF: a cover with the generation date and data currency, and each view on its own page with its "
                "chart, summary sentence, sources and table. The PDF is made from the live database when you download it."
            ),
            html.P(
                "The board pack list needs JavaScript. You can still ask for a pack by address: "
                + app_path("/pack.pdf?views=<view addresses, URL-encoded, comma-separated>&title=<title>."),
                id="pack-nojs",
            ),
            html.Div(id="pack-app", className="pack-app"),  # filled by assets/pack.js; React keeps no children here
        ]
    )
