"""PNG / SVG / CSV exports mirror the views; one warm kaleido browser serves the module."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from components.routes import chart_pages

QUERY = "indicator=u18-conceptions&areas=E07000243,E07000095&period=2021"


@pytest.fixture(scope="module")
def export_client(tmp_path_factory, _demo_sqlite):
    from app import create_app
    from settings import Settings

    app = create_app(Settings(database_url=_demo_sqlite.url, cache_dir=str(tmp_path_factory.mktemp("cache"))))
    return app.server.test_client()


@pytest.fixture(scope="module")
def png_response(export_client):
    return export_client.get(f"/export/compare.png?{QUERY}")


@pytest.fixture(scope="module")
def svg_response(export_client):
    return export_client.get(f"/export/compare.svg?{QUERY}")


def test_png_is_a_3200_by_1800_png_with_a_descriptive_name(png_response) -> None:
    assert png_response.status_code == 200, png_response.data[:300]
    assert png_response.mimetype == "image/png"
    assert png_response.data[:8] == b"\x89PNG\r\n\x1a\n"
    image = Image.open(io.BytesIO(png_response.data))
    assert image.size == (3200, 1800)
    assert 'filename="u18-conceptions_stevenage-broxbourne-herts_2021.png"' in png_response.headers["Content-Disposition"]


def test_svg_carries_title_subtitle_source_and_illustrative_marking(svg_response) -> None:
    assert svg_response.status_code == 200
    assert svg_response.mimetype == "image/svg+xml"
    body = svg_response.data.decode("utf-8")
    assert body.lstrip().startswith("<svg")
    assert 'width="1600" height="900"' in body
    assert "Under-18 conception rate: Stevenage, Broxbourne compared with Hertfordshire" in body
    assert "2021" in body and "Per 1,000 females aged 15-17" in body
    assert "Source: Outcome Bees illustrative data generator" in body
    assert "Illustrative data: some values are invented" in body
    assert "Chart made by Outcome Bees on" in body
    assert 'filename="u18-conceptions_stevenage-broxbourne-herts_2021.svg"' in svg_response.headers["Content-Disposition"]
    import xml.dom.minidom

    xml.dom.minidom.parseString(svg_response.data)  # well-formed


def test_suppression_note_is_drawn_into_the_export(export_client) -> None:
    body = export_client.get(
        "/export/compare.svg?indicator=cla-rate&areas=E07000102,E07000095&period=31%20March%202023"
    ).data.decode()
    assert "Three Rivers: c – suppressed (confidential); shown without a bar, not as zero." in body


def test_tile_map_png_export(export_client, png_response) -> None:
    """Speed is measured in bench/export_bench.py, not here (timed tests flake)."""
    response = export_client.get(f"/export/compare.png?{QUERY}&view=tiles")
    assert response.status_code == 200
    assert Image.open(io.BytesIO(response.data)).size == (3200, 1800)


def test_district_map_svg_export_carries_the_boundary_attribution(export_client) -> None:
    """Drawn offline by kaleido (scatter polygons, no geo base map to fetch), attribution on it and under it."""
    response = export_client.get(f"/export/compare.svg?{QUERY}&view=map")
    assert response.status_code == 200
    assert 'filename="u18-conceptions_districts-map_2021.svg"' in response.headers["Content-Disposition"]
    body = response.data.decode()
    assert body.count("Contains OS data © Crown copyright and database right 2024") >= 2  # on the map and in the source line
    assert "Stevenage" in body


def test_csv_of_the_same_view(export_client) -> None:
    response = export_client.get(f"/export/compare.csv?{QUERY}")
    assert response.status_code == 200
    assert 'filename="u18-conceptions_stevenage-broxbourne-herts_2021.csv"' in response.headers["Content-Disposition"]
    assert "Stevenage" in response.data.decode()


@pytest.mark.parametrize("fmt", ["png", "svg", "csv"])
def test_unknown_view_or_id_is_a_friendly_404(export_client, fmt: str) -> None:
    response = export_client.get(f"/export/compare.{fmt}?indicator=no-such-thing")
    assert response.status_code == 404
    assert "There is no indicator called" in response.data.decode()
    assert export_client.get(f"/export/nowhere.{fmt}").status_code == 404


def test_missing_browser_gives_503_with_a_clear_message(export_client, monkeypatch) -> None:
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    response = export_client.get(f"/export/compare.png?{QUERY}")
    assert response.status_code == 503
    text = response.data.decode()
    assert "chromium" in text and "CSV" in text


@pytest.mark.parametrize("page", sorted(chart_pages()))
def test_every_registered_page_exports_svg(export_client, page: str) -> None:
    query = "_id=E07000243" if page == "area" else ""
    response = export_client.get(f"/export/{page}.svg?{query}")
    assert response.status_code in (200, 404), response.data[:300]
    if response.status_code == 200:
        body = response.data.decode()
        assert "Source:" in body and "<title" in body


@pytest.fixture(scope="module")
def published_client(tmp_path_factory, _seeded_sqlite):
    from app import create_app
    from settings import Settings

    app = create_app(Settings(database_url=_seeded_sqlite.url, cache_dir=str(tmp_path_factory.mktemp("cache"))))
    return app.server.test_client()


def test_published_export_names_its_source_and_the_open_government_licence(published_client) -> None:
    """The default view is published statistics: the export says whose, under what licence, and is not marked illustrative."""
    body = published_client.get("/export/compare.svg").data.decode("utf-8")
    # /compare opens on the home county's districts against the county (HOME_AREA, issue 22)
    assert "Year 6 prevalence of obesity: Broxbourne, Dacorum" in body and "compared with Hertfordshire" in body
    assert "National Child Measurement Programme" in body
    assert "Open Government Licence v3.0" in body
    assert "Illustrative data" not in body
    csv_text = published_client.get("/export/compare.csv").data.decode("utf-8")
    assert "Stevenage" in csv_text and "23.1" in csv_text


NEIGHBOURS = "area=E10000015&indicator=cla-three-plus-placements"


def test_neighbours_view_exports_with_title_source_and_date(published_client) -> None:
    response = published_client.get(f"/export/neighbours.svg?{NEIGHBOURS}")
    assert response.status_code == 200, response.data[:300]
    body = response.data.decode("utf-8")
    assert (
        "Children looked after with three or more placements during the year: Hertfordshire and its statistical neighbours"
        in body
    )
    assert "Source: Children looked after in England including adoptions" in body
    assert "statistical neighbour benchmarking tool (May 2025 model)" in body
    assert "Chart made by Outcome Bees on" in body
    assert (
        'filename="cla-three-plus-placements_hertfordshire-neighbours-2025_2024-25.svg"'
        in response.headers["Content-Disposition"]
    )


def test_neighbours_scorecard_png_and_formula_safe_csv(published_client) -> None:
    png = published_client.get("/export/neighbours.png?area=E10000015")
    assert png.status_code == 200, png.data[:300]
    assert Image.open(io.BytesIO(png.data)).size == (3200, 1800)
    response = published_client.get("/export/neighbours.csv?area=E10000015")
    assert response.status_code == 200
    assert 'filename="scorecard_hertfordshire-neighbours-2025.csv"' in response.headers["Content-Disposition"]
    import csv

    rows = list(csv.DictReader(io.StringIO(response.data.decode("utf-8"))))
    assert len(rows) >= 400
    herts = {r["indicator_id"]: r for r in rows}
    assert herts["cla-three-plus-placements"]["neighbour_average"] == "11.8"
    assert herts["cla-three-plus-placements"]["rank"] == "78" and herts["cla-three-plus-placements"]["quartile"] == "C"
    assert herts["cla-three-plus-placements"]["neighbour_average_label"] == "Statistical neighbours (average of 10)"
    # no text cell can run as a spreadsheet formula
    assert not any(
        v.startswith(("=", "+", "@")) for r in rows for v in r.values() if v and not v.lstrip("-").replace(".", "", 1).isdigit()
    )


def test_neighbours_export_of_a_district_is_a_friendly_404(published_client) -> None:
    response = published_client.get("/export/neighbours.svg?area=E07000243")
    assert response.status_code == 404
    assert "Stevenage is a district council" in response.data.decode()


@pytest.fixture(scope="module")
def seeded_export_client(tmp_path_factory, _seeded_sqlite):
    from app import create_app
    from settings import Settings

    app = create_app(Settings(database_url=_seeded_sqlite.url, cache_dir=str(tmp_path_factory.mktemp("cache"))))
    return app.server.test_client()


@pytest.mark.parametrize(
    "url",
    [
        "/export/neighbours.svg?area=E10000015&indicator=cla-three-plus-placements&view=map",
        "/export/compare.svg?indicator=cla-three-plus-placements&areas=E10000015,E10000012&view=england&colour=quartile",
    ],
)
def test_england_map_svg_export_carries_the_boundary_attribution(seeded_export_client, url: str) -> None:
    """Drawn offline by kaleido (no geo base map to fetch), with the OGL/OS attribution on the map and under it."""
    response = seeded_export_client.get(url)
    assert response.status_code == 200
    assert "england-councils-map" in response.headers["Content-Disposition"]
    body = response.data.decode()
    assert body.count("Contains OS data © Crown copyright and database right 2024") >= 2
    assert "London (enlarged" in body


def test_england_map_csv_export_lists_every_council(seeded_export_client) -> None:
    response = seeded_export_client.get("/export/neighbours.csv?area=E10000015&indicator=cla-three-plus-placements&view=map")
    assert response.status_code == 200
    assert response.data.decode().count("\n") >= 150
