"""The kept view models belong to one home council: a restart with another ``HOME_AREA`` on the
same process must not serve the previous council's defaults (seen with the old page cache:
Hertfordshire's plan under an Essex header)."""

from __future__ import annotations

from tests.dash_routing import routing_request


def test_the_view_model_key_names_the_home_council(dash_app, client) -> None:
    from views import home

    cache = dash_app.server.extensions["ob_view_models"]
    before = home.home_area()
    try:
        home.configure("E10000015")
        hertfordshire = client.post("/_dash-update-component", json=routing_request("/compare", ""))
        misses = cache.stats().misses
        home.configure("E10000012")
        essex = client.post("/_dash-update-component", json=routing_request("/compare", ""))
    finally:
        home.configure(before)
    assert cache.stats().misses > misses  # not served from Hertfordshire's models
    assert hertfordshire.get_json() != essex.get_json()
    assert "Essex" in essex.get_data(as_text=True)
