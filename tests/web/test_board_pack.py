"""The PDF board pack: valid PDF, cover, one view per page, extracted text has titles and sources."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from views.viewlist import parse_view_list, view_list_param

VIEWS = [
    "/compare?indicator=u18-conceptions&areas=E07000243,E07000095&period=2021",
    "/compare?indicator=u18-conceptions&view=tiles",
]


@pytest.fixture(scope="module")
def pack_client(tmp_path_factory, _demo_sqlite):
    from app import create_app
    from settings import Settings

    app = create_app(Settings(database_url=_demo_sqlite.url, cache_dir=str(tmp_path_factory.mktemp("cache"))))
    return app.server.test_client()


@pytest.fixture(scope="module")
def pack(pack_client):
    response = pack_client.get(f"/pack.pdf?views={view_list_param(VIEWS)}&title=Stevenage+partnership+%E2%80%94+Q3")
    assert response.status_code == 200, response.data[:400]
    return response


def test_pack_is_a_pdf_with_a_descriptive_name(pack) -> None:
    assert pack.mimetype == "application/pdf"
    assert pack.data[:5] == b"%PDF-"
    assert "stevenage-partnership-q3_" in pack.headers["Content-Disposition"]


def test_pack_text_has_title_views_sources_and_page_numbers(pack) -> None:
    reader = PdfReader(io.BytesIO(pack.data))
    assert len(reader.pages) >= 1 + len(VIEWS)
    pages = [page.extract_text() for page in reader.pages]
    cover = pages[0]
    assert "Stevenage partnership — Q3" in cover
    assert "Generated" in cover and "Data currency" in cover
    text = "\n".join(pages)
    assert "Under-18 conception rate: Stevenage, Broxbourne" in text
    assert "Hertfordshire's districts compared with Hertfordshire" in text
    assert "Source: Outcome Bees illustrative data generator" in text
    assert "Illustrative data" in text
    assert f"Page 1 of {len(reader.pages)}" in cover
    assert f"Page {len(reader.pages)} of {len(reader.pages)}" in pages[-1]
    assert reader.metadata is not None and reader.metadata.title == "Stevenage partnership — Q3"


def test_each_view_starts_on_its_own_page_with_heading_summary_and_table(pack) -> None:
    reader = PdfReader(io.BytesIO(pack.data))
    pages = [page.extract_text() for page in reader.pages]
    first_view = pages[1]
    assert first_view.lstrip().startswith("Under-18 conception rate: Stevenage, Broxbourne")
    assert "Stevenage, 11.6, is similar to Hertfordshire" in first_view.replace("\n", " ")
    tile_pages = [i for i, t in enumerate(pages) if t.lstrip().startswith("Under-18 conception rate: Hertfordshire's districts")]
    assert tile_pages and tile_pages[0] > 1
    # the ten-district table (header row repeated on each page it spans) follows its chart
    table_pages = [t for t in pages[tile_pages[0] :] if "District" in t and "Illustrative?" in t]
    assert table_pages and "Dacorum" in "".join(table_pages)
    assert any("Table: Under-18 conception rate" in t for t in pages)


def test_unknown_view_in_a_pack_is_404_naming_it(pack_client) -> None:
    response = pack_client.get("/pack.pdf?views=%2Fcompare%3Findicator%3Dnope")
    assert response.status_code == 404
    assert "View 1 in the pack" in response.data.decode() and "nope" in response.data.decode()


def test_empty_pack_is_400(pack_client) -> None:
    assert pack_client.get("/pack.pdf").status_code == 400


def test_view_list_round_trips_commas_inside_queries() -> None:
    urls = [*VIEWS, "/area/E07000243", "/trends?areas=A,B&indicator=x"]
    assert parse_view_list(view_list_param(urls)) == urls
    assert parse_view_list(",".join(urls)) == urls  # already decoded once (Flask, Dash)
    assert parse_view_list("https://elsewhere.example/compare?x=1") == ["/compare?x=1"]  # never off-site


def test_pack_page_and_add_link(client) -> None:
    from components.controls import download_links

    links = dict(
        (label, href) for label, href in download_links("compare", "indicator=u18-conceptions&areas=E07000243,E07000095")
    )
    assert (
        links["Add this view to the board pack"]
        == "/pack?add=%2Fcompare%3Findicator%3Du18-conceptions%26areas%3DE07000243%2CE07000095"
    )
    import importlib

    layout = importlib.import_module("pages.pack").layout()
    assert "Board pack" in str(layout) and "pack-app" in str(layout)


def test_pack_with_the_neighbours_views(pack_client) -> None:
    views = ["/neighbours?area=E10000015&indicator=cla-three-plus-placements", "/neighbours?area=E10000015"]
    response = pack_client.get(f"/pack.pdf?views={view_list_param(views)}")
    assert response.status_code == 200, response.data[:400]
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages).replace("\n", " ")
    assert "Hertfordshire and its statistical neighbours" in text
    assert "Hertfordshire scorecard" in text
    assert "Statistical neighbours' average" in text and "Quartile band" in text
