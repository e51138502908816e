"""Hosting under a path (URL_PREFIX) and behind proxies (TRUSTED_PROXIES), through the Flask
test client: every route answers under the prefix and nowhere else, every URL the app writes
carries the prefix, and proxy headers count only when the proxies are trusted."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest

PREFIX = "/dashboards/outcome-bees"
COMPARE = "indicator=u18-conceptions&areas=E07000243,E07000095"
FORWARDED = {
    "X-Forwarded-For": "203.0.113.9",
    "X-Forwarded-Proto": "https",
    "X-Forwarded-Host": "intranet.example",
    "X-Forwarded-Prefix": PREFIX,
}


def _client(tmp_path_factory: pytest.TempPathFactory, database_url: str, **hosting: Any):
    from app import create_app
    from settings import Settings

    settings = Settings(database_url=database_url, cache_dir=str(tmp_path_factory.mktemp("cache")), **hosting)
    return create_app(settings).server.test_client()


@pytest.fixture(scope="module")
def prefixed(tmp_path_factory: pytest.TempPathFactory, _seeded_sqlite):
    return _client(tmp_path_factory, _seeded_sqlite.url, url_prefix=PREFIX)


def _strings_under(key: str, tree: Any) -> Iterator[str]:
    """Every string value of ``key`` anywhere in a Dash JSON tree (``href`` of every link)."""
    if isinstance(tree, dict):
        for k, v in tree.items():
            if k == key and isinstance(v, str):
                yield v
            else:
                yield from _strings_under(key, v)
    elif isinstance(tree, list):
        for item in tree:
            yield from _strings_under(key, item)


def _site_paths(hrefs: Iterator[str]) -> list[str]:
    return [h for h in hrefs if h.startswith("/")]


def test_the_app_answers_under_the_prefix_and_nowhere_else(prefixed) -> None:
    for path in ("/", "/compare", "/healthz", "/api/v1/indicators", "/assets/style.css", "/vendor/bootstrap.min.css"):
        assert prefixed.get(PREFIX + path).status_code == 200, path
        assert prefixed.get(path).status_code == 404, path
    bare = prefixed.get(PREFIX + "?a=1")
    assert bare.status_code == 308 and bare.headers["Location"].endswith(f"{PREFIX}/?a=1")
    assert prefixed.get(PREFIX + "-other/compare").status_code == 404


def _dash_config(html: str) -> dict[str, Any]:
    found = re.search(r'<script id="_dash-config" type="application/json">(.*?)</script>', html, re.S)
    assert found is not None
    config: dict[str, Any] = json.loads(found.group(1))
    return config


def test_dash_asks_for_its_scripts_and_callbacks_under_the_prefix(prefixed) -> None:
    html = prefixed.get(PREFIX + "/").get_data(as_text=True)
    assert _dash_config(html)["requests_pathname_prefix"] == PREFIX + "/"
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and all(s.startswith(PREFIX + "/") for s in sources if s.startswith("/")), sources
    assert f'href="{PREFIX}/assets/vendor/bootstrap.min.css' in html


def test_every_link_in_the_shell_and_pages_carries_the_prefix(prefixed) -> None:
    from tests.dash_routing import routing_request

    shell = prefixed.get(PREFIX + "/_dash-layout").get_json()
    hrefs = _site_paths(_strings_under("href", shell))
    assert f"{PREFIX}/compare" in hrefs and f"{PREFIX}/about" in hrefs and f"{PREFIX}/" in hrefs
    assert all(h.startswith(PREFIX + "/") for h in hrefs), hrefs
    for path, search in (
        ("/", ""),
        ("/compare", f"?{COMPARE}"),
        ("/trends", ""),
        ("/gaps", ""),
        ("/area/E10000015", ""),
        ("/neighbours", ""),
        ("/indicators", ""),
        ("/indicators/u18-conceptions", ""),
        ("/about", ""),
        ("/present", ""),
        ("/pack", ""),
        ("/nowhere", ""),
    ):
        response = prefixed.post(PREFIX + "/_dash-update-component", json=routing_request(PREFIX + path, search))
        assert response.status_code == 200, path
        hrefs = _site_paths(_strings_under("href", response.get_json()))
        assert hrefs or path in {"/pack", "/about"}, path
        assert all(h.startswith(PREFIX + "/") for h in hrefs), (path, [h for h in hrefs if not h.startswith(PREFIX)])


def test_exports_embeds_and_the_pack_answer_under_the_prefix(prefixed) -> None:
    assert prefixed.get(f"{PREFIX}/export/compare.csv?{COMPARE}").status_code == 200
    for fmt, kind in (("png", "image/png"), ("svg", "image/svg+xml")):  # rendered by kaleido, here not in a browser test
        image = prefixed.get(f"{PREFIX}/export/compare.{fmt}?{COMPARE}")
        assert image.status_code == 200 and image.mimetype == kind, (fmt, image.status_code)
    embed = prefixed.get(f"{PREFIX}/embed/compare?{COMPARE}")
    assert embed.status_code == 200
    assert f'href="http://localhost{PREFIX}/compare?' in embed.get_data(as_text=True)
    code = prefixed.get(f"{PREFIX}/embed-code/compare?{COMPARE}").get_data(as_text=True)
    assert f"src=&quot;http://localhost{PREFIX}/embed/compare?" in code


def test_admin_sign_in_stays_under_the_prefix(prefixed) -> None:
    refused = prefixed.get(f"{PREFIX}/admin/import")
    assert refused.status_code == 302
    assert refused.headers["Location"] == f"{PREFIX}/admin/login?next=/admin/import"
    page = prefixed.get(f"{PREFIX}/admin/login").get_data(as_text=True)
    links = re.findall(r'(?:href|action)="([^"#][^"]*)"', page)
    assert links and all(link.startswith(PREFIX + "/") for link in links), links


def test_error_pages_link_home_under_the_prefix(prefixed) -> None:
    page = prefixed.get(f"{PREFIX}/export/nowhere.csv")
    assert page.status_code == 404
    assert f'href="{PREFIX}/"' in page.get_data(as_text=True)


def test_the_default_prefix_changes_no_url(tmp_path_factory, _seeded_sqlite) -> None:
    client = _client(tmp_path_factory, _seeded_sqlite.url)
    html = client.get("/").get_data(as_text=True)
    assert _dash_config(html)["requests_pathname_prefix"] == "/"
    assert 'href="/assets/vendor/bootstrap.min.css' in html
    hrefs = _site_paths(_strings_under("href", client.get("/_dash-layout").get_json()))
    assert "/compare" in hrefs and "/" in hrefs
    assert client.get("/admin/import").headers["Location"] == "/admin/login?next=/admin/import"


def test_trusted_proxy_headers_set_scheme_host_and_prefix(tmp_path_factory, _seeded_sqlite) -> None:
    client = _client(tmp_path_factory, _seeded_sqlite.url, trusted_proxies=1)
    code = client.get(f"/embed-code/compare?{COMPARE}", headers=FORWARDED).get_data(as_text=True)
    assert f"src=&quot;https://intranet.example{PREFIX}/embed/compare?" in code
    assert f'href="https://intranet.example{PREFIX}/compare?' in code
    assert client.get("/admin/import", headers=FORWARDED).headers["Location"] == f"{PREFIX}/admin/login?next=/admin/import"


def test_proxy_headers_are_ignored_when_no_proxy_is_trusted(tmp_path_factory, _seeded_sqlite) -> None:
    client = _client(tmp_path_factory, _seeded_sqlite.url)
    code = client.get(f"/embed-code/compare?{COMPARE}", headers=FORWARDED).get_data(as_text=True)
    assert "src=&quot;http://localhost/embed/compare?" in code
    assert "intranet.example" not in code
    assert client.get("/admin/import", headers=FORWARDED).headers["Location"] == "/admin/login?next=/admin/import"


def test_a_trusted_proxy_that_strips_the_prefix_is_served_too(tmp_path_factory, _seeded_sqlite) -> None:
    client = _client(tmp_path_factory, _seeded_sqlite.url, url_prefix=PREFIX, trusted_proxies=1)
    assert client.get("/api/v1/indicators", headers=FORWARDED).status_code == 200
    assert client.get(f"{PREFIX}/api/v1/indicators").status_code == 200
    assert client.get("/api/v1/indicators").status_code == 404
