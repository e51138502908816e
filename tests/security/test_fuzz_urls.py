"""Property-based fuzzing of URLs and query strings for every page and API route (hypothesis).

Cases: pages 380 (each one an HTTP GET of the page *and* the page-routing callback that runs
its ``layout(**query)``), API 470, exports/embed code 80, arbitrary paths 100 → 1,030 in all
(counted and asserted).
Every response: status < 500 and no traceback. Pages come from ``dash.page_registry`` so new
pages are fuzzed automatically. ``derandomize`` keeps the cases the same on every run.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

import dash
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.security.fuzz_support import assert_clean, known_values, query_strategy, router_body, value_strategy

PAGE_CASES, API_CASES, EXPORT_CASES, PATH_CASES = 380, 470, 80, 100  # 1,030 in all
RAN: dict[str, int] = {}


def fuzz_settings(cases: int) -> settings:
    return settings(
        max_examples=cases,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.filter_too_much],
    )


@pytest.fixture(scope="module")
def fuzz(_seeded_sqlite, tmp_path_factory):
    from app import create_app
    from settings import Settings

    app = create_app(Settings(database_url=_seeded_sqlite.url, cache_dir=str(tmp_path_factory.mktemp("cache"))))
    client = app.server.test_client()
    client.get("/")  # builds the page router
    templates = sorted({page.get("path_template") or page["path"] for page in dash.page_registry.values()})
    return {"client": client, "templates": templates, "known": known_values()}


def _fill(template: str, segment: str) -> str:
    import re

    return re.sub(r"<[^>]+>", quote(segment, safe="") or "x", template)


KNOWN_PLACEHOLDER = ["E10000015", "E07000243", "u18-conceptions"]


def test_page_urls_and_layouts(fuzz) -> None:
    client, known = fuzz["client"], fuzz["known"] + KNOWN_PLACEHOLDER
    seen: set[str] = set()

    @fuzz_settings(PAGE_CASES)
    @given(st.sampled_from(fuzz["templates"]), value_strategy(known), query_strategy(known))
    def check(template: str, segment: str, query: list[tuple[str, str]]) -> None:
        path = _fill(template, segment)
        search = urlencode(query)
        url = path + (f"?{search}" if search else "")
        seen.add(template)
        RAN["pages"] = RAN.get("pages", 0) + 1
        assert_clean(client.get(url), f"GET {url[:200]}")
        response = client.post("/_dash-update-component", json=router_body(path, f"?{search}" if search else ""))
        assert_clean(response, f"layout {url[:200]}")
        assert response.status_code == 200, f"layout {url[:200]}: {response.status_code}"

    check()
    assert seen == set(fuzz["templates"]), "every registered page was fuzzed"
    assert RAN["pages"] >= PAGE_CASES


API_ROUTES = [
    "/api/v1/indicators",
    "/api/v1/indicators/{segment}",
    "/api/v1/areas",
    "/api/v1/data.json",
    "/api/v1/data.csv",
    "/healthz",
]


def test_api_urls(fuzz) -> None:
    client, known = fuzz["client"], fuzz["known"]

    @fuzz_settings(API_CASES)
    @given(st.sampled_from(API_ROUTES), value_strategy(known), query_strategy(known))
    def check(route: str, segment: str, query: list[tuple[str, str]]) -> None:
        RAN["api"] = RAN.get("api", 0) + 1
        url = route.format(segment=quote(segment, safe="") or "x") + ("?" + urlencode(query) if query else "")
        response = client.get(url)
        assert_clean(response, f"GET {url[:200]}")
        if route.startswith("/api/"):
            assert response.status_code in {200, 400, 404}, f"{url[:200]}: {response.status_code}"

    check()
    assert RAN["api"] >= API_CASES


EXPORT_ROUTES = ["/export/{page}.csv", "/embed-code/{page}", "/embed-code/{page}/{segment}"]
PAGES = ["compare", "gaps", "trends", "summary", "area", "nothing", "..", "%2e%2e"]


def test_export_and_embed_code_urls(fuzz) -> None:
    """Export CSVs and embed code (the picture exports use kaleido and are covered by their own tests)."""
    client, known = fuzz["client"], fuzz["known"]

    @fuzz_settings(EXPORT_CASES)
    @given(st.sampled_from(EXPORT_ROUTES), st.sampled_from(PAGES), value_strategy(known), query_strategy(known))
    def check(route: str, page: str, segment: str, query: list[tuple[str, str]]) -> None:
        RAN["exports"] = RAN.get("exports", 0) + 1
        url = route.format(page=page, segment=quote(segment, safe="") or "x") + ("?" + urlencode(query) if query else "")
        assert_clean(client.get(url), f"GET {url[:200]}")

    check()
    assert RAN["exports"] >= EXPORT_CASES


def test_arbitrary_paths(fuzz) -> None:
    client = fuzz["client"]
    segment = st.text(st.characters(exclude_categories=["Cs"]), max_size=30)

    @fuzz_settings(PATH_CASES)
    @given(
        st.lists(segment, min_size=1, max_size=5),
        st.sampled_from(["", "/api/v1", "/admin", "/assets", "/vendor", "/_dash-component-suites", "/export", "/embed"]),
    )
    def check(segments: list[str], prefix: str) -> None:
        RAN["paths"] = RAN.get("paths", 0) + 1
        url = prefix + "/" + "/".join(quote(s, safe="") for s in segments)
        assert_clean(client.get(url), f"GET {url[:200]}")

    check()
    assert RAN["paths"] >= PATH_CASES


def test_unknown_component_suite_is_404_not_500(fuzz) -> None:
    """Found by test_arbitrary_paths: Dash raised DependencyException (500) for an unknown package."""
    for url in (
        "/_dash-component-suites/0/0",
        "/_dash-component-suites/dash/nope.js",
        "/_dash-component-suites/os/../../etc/passwd",
    ):
        response = fuzz["client"].get(url)
        assert response.status_code == 404, url
        assert_clean(response, url)
