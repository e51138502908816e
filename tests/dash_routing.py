"""The request the Dash renderer sends when the address changes, for tests and benchmarks to replay.

``dash.page_container``'s routing callback (``dcc.Location`` ``_pages_location`` →
``_pages_content.children`` + ``_pages_store.data``) is Dash's own protocol, not the app's: the app
no longer reads it (the page cache became the view-model cache, ``views.view_cache``), so it lives
here, beside the tests that drive pages through the server without a browser, and ``bench`` uses it
the same way. A Dash upgrade that changes the protocol fails these tests, not the app.
"""

from __future__ import annotations

from typing import Any

ROUTING_OUTPUTS = ".._pages_content.children..._pages_store.data.."


def routing_request(pathname: str, search: str = "") -> dict[str, Any]:
    """The body the Dash renderer POSTs to ``/_dash-update-component`` when ``dcc.Location`` changes."""
    return {
        "output": ROUTING_OUTPUTS,
        "outputs": [{"id": "_pages_content", "property": "children"}, {"id": "_pages_store", "property": "data"}],
        "inputs": [
            {"id": "_pages_location", "property": "pathname", "value": pathname},
            {"id": "_pages_location", "property": "search", "value": search},
        ],
        "changedPropIds": ["_pages_location.pathname"],
    }
