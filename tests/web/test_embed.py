"""Embeds: a minimal chart page with title, source and link back; only /embed/ may be framed."""

from __future__ import annotations

import pytest

ORIGIN = "https://intranet.example.gov.uk"


@pytest.fixture(scope="module")
def embed_client(tmp_path_factory, _demo_sqlite):
    from app import create_app
    from settings import Settings

    settings = Settings(
        database_url=_demo_sqlite.url, cache_dir=str(tmp_path_factory.mktemp("cache")), embed_allowed_origins=(ORIGIN,)
    )
    return create_app(settings).server.test_client()


@pytest.fixture(scope="module")
def embed_page(embed_client):
    return embed_client.get("/embed/compare?indicator=u18-conceptions&areas=E07000243,E07000095&period=2021")


def test_embed_sends_configured_frame_ancestors(embed_page) -> None:
    assert embed_page.status_code == 200
    csp = embed_page.headers["Content-Security-Policy"]
    assert f"frame-ancestors 'self' {ORIGIN}" in csp
    assert "X-Frame-Options" not in embed_page.headers


def test_embed_page_has_chart_title_source_and_link_back(embed_page) -> None:
    html = embed_page.data.decode()
    assert html.startswith('<!DOCTYPE html><html lang="en">')
    assert (
        "<title>Under-18 conception rate: Stevenage, Broxbourne compared with Hertfordshire – Outcome Bees chart</title>" in html
    )
    assert "<svg" in html and 'role="img"' in html
    assert "Source: Outcome Bees illustrative data generator" in html
    assert "Illustrative data" in html
    assert (
        'href="http://localhost/compare?indicator=u18-conceptions&amp;areas=E07000243%2CE07000095&amp;period=2021" target="_top"'
        in html
    )
    assert "<script" not in html and "cdn" not in html.lower()


def test_embed_code_offers_iframe_with_descriptive_title(embed_client) -> None:
    response = embed_client.get("/embed-code/compare?indicator=u18-conceptions&areas=E07000243,E07000095&period=2021")
    assert response.status_code == 200
    html = response.data.decode()
    assert "&lt;iframe src=&quot;http://localhost/embed/compare?indicator=u18-conceptions" in html
    assert "title=&quot;Chart: Under-18 conception rate: Stevenage, Broxbourne compared with Hertfordshire&quot;" in html
    assert ORIGIN in html
    assert response.headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("path", ["/", "/compare", "/pack", "/present", "/embed-code/compare", "/pack.pdf"])
def test_other_pages_refuse_framing(embed_client, path: str) -> None:
    response = embed_client.get(path)
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


def test_unknown_embed_is_friendly_404(embed_client) -> None:
    response = embed_client.get("/embed/compare?indicator=nope")
    assert response.status_code == 404
    assert "There is no indicator called" in response.data.decode()


def test_neighbours_embed_has_title_source_and_link_back(embed_client) -> None:
    response = embed_client.get("/embed/neighbours?area=E10000015&indicator=cla-three-plus-placements")
    assert response.status_code == 200, response.data[:300]
    html = response.data.decode()
    assert "Hertfordshire and its statistical neighbours – Outcome Bees chart</title>" in html
    assert "<svg" in html and "Source:" in html
    assert 'href="http://localhost/neighbours?area=E10000015&amp;indicator=cla-three-plus-placements" target="_top"' in html
