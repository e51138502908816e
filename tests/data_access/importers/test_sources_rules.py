"""Issue 13 rules on SQLite and PostgreSQL: polarity from the source, multi-geography files.

Each test writes a small Fingertips-shaped file (the real files are covered by
test_realdata.py and tests/web/test_fingertips_agreement_api.py).
"""

from __future__ import annotations

import csv
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from sqlalchemy import select, update

from data_access.__main__ import main
from data_access.database import Database
from data_access.importers import import_file
from data_access.importers.fingertips_api import fetch_and_import, polarity_from_metadata_csv
from data_access.models import Area, Indicator
from tests.data_access.importers.conftest import checksum
from tests.data_access.importers.fingertips_stub import METADATA_COLUMNS, metadata_csv

HEADER = [
    "Indicator ID",
    "Indicator Name",
    "Parent Code",
    "Parent Name",
    "Area Code",
    "Area Name",
    "Area Type",
    "Sex",
    "Age",
    "Category Type",
    "Category",
    "Time period",
    "Value",
    "Lower CI 95.0 limit",
    "Upper CI 95.0 limit",
    "Count",
    "Denominator",
    "Value note",
    "Recent Trend",
    "Compared to England value or percentiles",
    "Compared to parent value or percentiles",
]
NAME = "Year 6: prevalence of a test condition"
WARD = "E05999991"
MSOA = "E02999991"


def _row(
    area: str,
    name: str,
    area_type: str,
    parent: str,
    value: float,
    low: float,
    high: float,
    england: str,
    parent_label: str,
    indicator: int = 99901,
) -> list[str]:
    return [
        str(indicator),
        NAME,
        parent,
        "",
        area,
        name,
        area_type,
        "Persons",
        "10-11 yrs",
        "",
        "",
        "2022/23",
        str(value),
        str(low),
        str(high),
        "",
        "",
        "",
        "",
        england,
        parent_label,
    ]


def rows(england_labels: tuple[str, str] = ("Better", "Worse"), indicator: int = 99901) -> list[list[str]]:
    """England 20%; Hertfordshire 15% (below England), Broxbourne 25% (above), a ward and an MSOA."""
    better, worse = england_labels
    return [
        _row("E92000001", "England", "England", "", 20.0, 19.9, 20.1, "Not compared", "", indicator),
        _row("E10000015", "Hertfordshire", "Counties & UAs", "E92000001", 15.0, 14.0, 16.0, better, "", indicator),
        _row("E07000095", "Broxbourne", "Districts & UAs", "E10000015", 25.0, 23.0, 27.0, worse, worse, indicator),
        _row(WARD, "Test Ward", "Ward", "E07000095", 30.0, 24.0, 36.0, worse, "Similar", indicator),
        _row(MSOA, "Test MSOA", "Middle Super Output Area", "E10000015", 10.0, 7.0, 13.0, better, "Similar", indicator),
    ]


def write(path: Path, data: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(data)
    return path


def polarity(db: Database, indicator_id: str = "fingertips-99901") -> str | None:
    with db.read() as session:
        return session.execute(select(Indicator.polarity).where(Indicator.id == indicator_id)).scalar()


# ------------------------------------------------------------------ polarity


def test_polarity_learned_from_the_file(import_db, tmp_path):
    # Hertfordshire is below England and "Better", Broxbourne above and "Worse": lower is better
    report = import_file(import_db, write(tmp_path / "ft.csv", rows()))
    assert report.ok, report.problems[:3]
    assert polarity(import_db) == "lower_better"
    assert any("polarity lower_better" in note for note in report.notes)


def test_higher_is_better_learned_from_the_file(import_db, tmp_path):
    report = import_file(import_db, write(tmp_path / "ft.csv", rows(("Worse", "Better"))))
    assert report.ok
    assert polarity(import_db) == "higher_better"


def test_higher_lower_words_mean_no_judgement(import_db, tmp_path):
    report = import_file(import_db, write(tmp_path / "ft.csv", rows(("Lower", "Higher"))))
    assert report.ok
    assert polarity(import_db) == "no_judgement"


def test_existing_polarity_kept_without_update_metadata_and_replaced_with_it(import_db, tmp_path, capsys):
    path = write(tmp_path / "ft.csv", rows())
    assert import_file(import_db, path).ok
    with import_db.engine.begin() as conn:  # someone chose another polarity on purpose
        conn.execute(update(Indicator).where(Indicator.id == "fingertips-99901").values(polarity="higher_better"))
    assert main(["import", str(path), "--no-progress", "--database-url", import_db.url]) == 0
    out = capsys.readouterr().out
    assert polarity(import_db) == "higher_better"
    assert "the stored higher_better is kept" in out and "--update-metadata" in out
    assert main(["import", str(path), "--update-metadata", "--no-progress", "--database-url", import_db.url]) == 0
    assert "replaced by lower_better" in capsys.readouterr().out
    assert polarity(import_db) == "lower_better"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("RAG - Low is good", "lower_better"),
        ("RAG - High is good", "higher_better"),
        ("BOB - Blue orange blue", "no_judgement"),
        ("Not applicable", "no_judgement"),
    ],
)
def test_polarity_words_of_the_fingertips_metadata(text, expected):
    body = metadata_csv([(99902, "Another", "RAG - High is good"), (99901, NAME, text)]).decode("utf-8")
    assert len(METADATA_COLUMNS) == 30 and body.splitlines()[0].endswith("Value type,Year type,Polarity")
    assert polarity_from_metadata_csv(body, 99901) == expected
    assert polarity_from_metadata_csv(metadata_csv([(99901, NAME, "")]).decode("utf-8"), 99901) is None  # blank: nothing stated
    assert polarity_from_metadata_csv(body, 12345) is None  # no row for the indicator
    assert polarity_from_metadata_csv('"IID","Name"\r\n99901,x\r\n', 99901) is None  # not the metadata columns


@pytest.fixture
def api_stub(tmp_path) -> Iterator[tuple[str, list[str]]]:
    """The data download (no comparison columns) and the metadata CSV in the service's shape; the
    polarity differs by profile (133 says low is good), as Fingertips allows."""
    data = write(tmp_path / "served.csv", [r[:-2] + ["", ""] for r in rows()]).read_bytes()
    seen: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # http.server API
            seen.append(self.path)
            url = urlparse(self.path)
            query = parse_qs(url.query)
            if url.path == "/api/indicator_metadata/csv/by_indicator_id":
                words = "RAG - Low is good" if query.get("profile_id") == ["133"] else "RAG - High is good"
                body, kind = metadata_csv([(99901, NAME, words)]), "text/csv"
            elif url.path == "/api/all_data/csv/by_indicator_id" and {"child_area_type_id", "parent_area_type_id"} <= set(query):
                body, kind = data, "text/csv"
            else:
                body = b"Missing required parameter: child_area_type_id"
                self.send_response(400)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/api", seen
    finally:
        server.shutdown()
        server.server_close()


def test_polarity_from_the_api_metadata(import_db, api_stub):
    base, seen = api_stub
    report = fetch_and_import(import_db, 99901, 502, base_url=base, timeout=10)
    assert report.ok, report.problems[:3]
    assert polarity(import_db) == "higher_better"
    assert any("indicator metadata" in note and "higher_better" in note for note in report.notes)
    metadata = [p for p in seen if "indicator_metadata" in p]
    assert metadata and urlparse(metadata[0]).path == "/api/indicator_metadata/csv/by_indicator_id"
    assert parse_qs(urlparse(metadata[0]).query) == {"indicator_ids": ["99901"]}


def test_polarity_of_the_profile_when_one_is_given(import_db, api_stub):
    base, seen = api_stub
    report = fetch_and_import(import_db, 99901, 502, profile_id=133, base_url=base, timeout=10)
    assert report.ok, report.problems[:3]
    assert polarity(import_db) == "lower_better"
    metadata = [p for p in seen if "indicator_metadata" in p]
    assert parse_qs(urlparse(metadata[0]).query) == {"indicator_ids": ["99901"], "profile_id": ["133"]}


# ------------------------------------------------------------------ areas


def test_areas_registered_with_level_and_parent(import_db, tmp_path):
    report = import_file(import_db, write(tmp_path / "ft.csv", rows()))
    assert report.ok
    with import_db.read() as session:
        found = {
            a.code: (a.level, a.parent_code, a.name)
            for a in session.execute(select(Area).where(Area.code.in_([WARD, MSOA]))).scalars()
        }
    assert found == {WARD: ("ward", "E07000095", "Test Ward"), MSOA: ("msoa", "E10000015", "Test MSOA")}
    assert report.inserted == 5


def test_malformed_code_and_code_without_name_are_errors_with_lines(import_db, tmp_path):
    data = rows()
    data.append(_row("E0599999", "Short Code Ward", "Ward", "E07000095", 12.0, 10.0, 14.0, "Similar", "Similar"))
    data.append(_row("E05999992", "", "Ward", "E07000095", 12.0, 10.0, 14.0, "Similar", "Similar"))
    before = checksum(import_db)
    report = import_file(import_db, write(tmp_path / "ft.csv", data))
    assert not report.ok
    by_line = {p.line: p.message for p in report.problems}
    assert "is not a well-formed GSS code" in by_line[7]
    assert "has no area name in the file" in by_line[8]
    assert set(by_line) == {7, 8}
    # transactional: the well-formed ward and MSOA were not registered either
    assert checksum(import_db) == before


# ------------------------------------------------------------------ API and area profile


@pytest.fixture
def app_on(import_db, tmp_path):
    from app import create_app
    from settings import Settings

    assert import_file(import_db, write(tmp_path / "ft.csv", rows())).ok
    return create_app(Settings(database_url=import_db.url, cache_dir=str(tmp_path / "cache")))


def test_api_lists_areas_by_level_and_parent(app_on):
    client = app_on.server.test_client()
    wards = client.get("/api/v1/areas?level=ward&parent=E07000095").get_json()["areas"]
    assert [(a["code"], a["level"], a["parent_code"]) for a in wards] == [(WARD, "ward", "E07000095")]
    msoas = client.get("/api/v1/areas?level=msoa").get_json()["areas"]
    assert [a["code"] for a in msoas] == [MSOA]
    children = {a["code"] for a in client.get("/api/v1/areas?parent=E10000015").get_json()["areas"]}
    assert MSOA in children and "E07000095" in children and WARD not in children
    everything = {a["code"] for a in client.get("/api/v1/areas").get_json()["areas"]}
    assert {WARD, MSOA, "E92000001", "E07000243"} <= everything  # unfiltered: as before, plus the new areas
    assert client.get("/api/v1/areas?level=galaxy").status_code == 400
    assert client.get("/api/v1/areas?parent=E99999999").status_code == 404


def test_ward_profile_against_district_county_and_england(app_on, import_db):
    import data_access
    from pages import area as page
    from views import area as view
    from views import area_context

    data_access.configure(import_db.url)
    profile = view.build_profile({"_id": WARD})
    assert profile.area["level"] == "ward"
    assert profile.county["code"] == "E07000095"  # its district is the profile's comparator
    table, columns = area_context.context_table(profile.area, profile.rows)
    headers = [header for _, header in columns]
    assert headers[2:] == [
        "Test Ward",
        "Broxbourne",
        "Compared with Broxbourne",
        "Hertfordshire",
        "Compared with Hertfordshire",
        "England",
        "Compared with England",
    ]
    row = table.iloc[0]
    # 30% (24-36) against 25% Broxbourne: similar; against 15% Hertfordshire and 20% England: worse
    assert (row["b0_compared"], row["b1_compared"], row["b2_compared"]) == ("Similar", "Worse", "Worse")
    rendered = str(page.layout(code=WARD))
    assert "area-context-table" in rendered and "an electoral ward" in rendered
