"""The cached page bodies belong to one home council: a restart with another ``HOME_AREA`` on the
same cache must not serve the previous council's pages (seen: Hertfordshire's plan under an Essex
header)."""

from __future__ import annotations

from web.performance import _routing_key, routing_request


def test_the_page_cache_key_names_the_home_council(seeded_sqlite) -> None:
    import data_access
    from views import home

    data_access.configure(seeded_sqlite.url)
    before = home.home_area()
    try:
        home.configure("E10000015")
        hertfordshire = _routing_key(routing_request("/compare", ""))
        home.configure("E10000012")
        essex = _routing_key(routing_request("/compare", ""))
    finally:
        home.configure(before)
    assert hertfordshire is not None and essex is not None
    assert hertfordshire != essex
    assert essex[-1] == "E10000012"
