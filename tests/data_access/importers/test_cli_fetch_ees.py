"""``fetch ees`` against a local stub of the EES public statistics API (offline).

The stub's responses are NOT recordings of the live API (this machine has no internet):
they are built in the documented shape of ``GET /v1/data-sets/{dataSetId}/csv`` (the data
set as a human-readable tidy CSV) and ``GET /v1/data-sets/{dataSetId}/meta`` (JSON with
``filters`` and ``indicators``, each with ``column``, ``label`` and, for indicators, ``unit``
and ``decimalPlaces``). The CSV body is a real EES download read from ../shared/realdata
(served as is, never copied into the repository); the meta JSON is derived from that file's
own header by hand below.
"""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from urllib.parse import parse_qs, urlparse

import pytest
from sqlalchemy import func, select

from data_access.__main__ import main
from data_access.importers.ees_api import build_url, parse_filters
from data_access.importers.fingertips_api import FetchError
from data_access.models import Indicator, Observation, Source
from tests.data_access.importers.conftest import realdata_path

EES_FILE = "dfe_csc_cla_number_and_rate_per_10k_children.csv"
DATASET = "7c0e9201-c7c0-ff73-bee4-304e731ec0e6"  # an id in the API's GUID form; the stub knows only this one

#: Built from the real file's header in the documented meta shape (not a recorded response).
META = {
    "filters": [{"id": "pop", "column": "population_type", "label": "Population type", "hint": "", "options": []}],
    "indicators": [
        {"id": "est", "column": "population_estimate", "label": "Population estimate", "unit": "", "decimalPlaces": 0},
        {"id": "cnt", "column": "children_count", "label": "Number of children", "unit": "", "decimalPlaces": 0},
        {"id": "rate", "column": "rate_per_10000", "label": "Rate per 10,000 children", "unit": "per 10,000", "decimalPlaces": 0},
    ],
    "geographicLevels": [
        {"code": "NAT", "label": "National"},
        {"code": "REG", "label": "Regional"},
        {"code": "LA", "label": "Local authority"},
    ],
    "timePeriods": [{"code": "RY", "label": "2025", "period": "2025"}],
}


@pytest.fixture
def ees_stub() -> Iterator[tuple[str, list[str]]]:
    source = realdata_path(EES_FILE)
    seen: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # http.server API
            seen.append(self.path)
            url = urlparse(self.path)
            if url.path == f"/statistics/v1/data-sets/{DATASET}/csv":
                body, kind = source.read_bytes(), "text/csv"
            elif url.path == f"/statistics/v1/data-sets/{DATASET}/meta":
                body, kind = json.dumps(META).encode(), "application/json"
            else:
                # RFC 7807 ProblemDetails, the shape EES answers errors in
                body = json.dumps(
                    {
                        "type": "https://tools.ietf.org/html/rfc9110#section-15.5.5",
                        "title": "Not Found",
                        "status": 404,
                        "detail": f"No data set was found for the path {url.path}.",
                    }
                ).encode()
                self.send_response(404)
                self.send_header("Content-Type", "application/problem+json")
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
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/statistics", seen
    finally:
        server.shutdown()
        server.server_close()


def _count(db, model) -> int:
    with db.read() as session:
        return int(session.execute(select(func.count()).select_from(model)).scalar() or 0)


def test_fetch_ees_imports_the_data_set_with_its_metadata(import_db, ees_stub, capsys):
    base, seen = ees_stub
    before = _count(import_db, Observation)
    code = main(
        [
            "fetch",
            "ees",
            "--dataset",
            DATASET,
            "--version",
            "1.0",
            "--base-url",
            base,
            "--no-progress",
            "--database-url",
            import_db.url,
        ]
    )
    out = capsys.readouterr().out
    assert code == 0, out
    assert "rows read 45" in out and "(written)" in out
    assert "4 column(s) described" in out
    assert [urlparse(p).path.rsplit("/", 1)[1] for p in seen] == ["csv", "meta"]
    assert all(parse_qs(urlparse(p).query) == {"dataSetVersion": ["1.0"]} for p in seen)
    assert _count(import_db, Observation) > before
    with import_db.read() as session:
        names = set(session.execute(select(Indicator.name)).scalars())
        urls = [u for u in session.execute(select(Source.url)).scalars() if u and "/data-sets/" in u]
    assert any("Rate per 10,000 children" in n for n in names), names  # the label came from the meta endpoint
    assert urls and urls[0].startswith(base) and urls[0].endswith("/csv?dataSetVersion=1.0")


def test_fetch_ees_filter_keeps_matching_rows(import_db, ees_stub, capsys):
    base, _ = ees_stub
    code = main(
        [
            "fetch",
            "ees",
            "--dataset",
            DATASET,
            "--filter",
            "geographic_level=National",
            "--filter",
            "population_type=Children looked after on 31 March each year",
            "--base-url",
            base,
            "--no-progress",
            "--dry-run",
            "--database-url",
            import_db.url,
        ]
    )
    out = capsys.readouterr().out
    assert code == 0, out
    assert "kept 5 of 45 rows" in out and "rows read 5" in out  # one per year


def test_fetch_ees_unknown_filter_column_is_one_line(import_db, ees_stub, capsys):
    base, _ = ees_stub
    assert (
        main(["fetch", "ees", "--dataset", DATASET, "--filter", "nope=1", "--base-url", base, "--database-url", import_db.url])
        == 2
    )
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "nope" in err


def test_fetch_ees_unknown_dataset_is_one_line(import_db, ees_stub, capsys):
    base, _ = ees_stub
    assert main(["fetch", "ees", "--dataset", "no-such-set", "--base-url", base, "--database-url", import_db.url]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "HTTP 404" in err
    # what EES said (ProblemDetails title and detail) is on the one line, not only the status
    assert "Not Found: No data set was found for the path /statistics/v1/data-sets/no-such-set/csv." in err


def test_problem_details_summaries() -> None:
    from data_access.importers.http_get import error_summary

    assert error_summary(b'{"title": "Bad Request", "status": 400, "detail": "dataSetVersion is not valid"}') == (
        "Bad Request: dataSetVersion is not valid"
    )
    validation = {
        "title": "One or more validation errors occurred.",
        "status": 400,
        "errors": [{"message": "Must be a valid version.", "path": "dataSetVersion", "code": "InvalidVersion"}],
    }
    assert error_summary(json.dumps(validation).encode()) == "One or more validation errors occurred.: Must be a valid version."
    assert error_summary(b"Indicator 1 does not exist\r\n") == "Indicator 1 does not exist"
    assert error_summary(b"<html><body><h1>Service\nUnavailable</h1></body></html>") == "Service Unavailable"
    assert error_summary(b"") == ""
    assert len(error_summary(b"x" * 5000)) == 240


@pytest.mark.parametrize("backend", ["sqlite"])
def test_fetch_ees_offline_is_one_clear_line(import_db, capsys):
    closed = "http://127.0.0.1:9/statistics"  # nothing listens on the discard port
    assert (
        main(["fetch", "ees", "--dataset", DATASET, "--base-url", closed, "--timeout", "5", "--database-url", import_db.url]) == 2
    )
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0
    assert err.startswith("error: cannot reach the EES API") and "offline?" in err


@pytest.mark.parametrize("backend", ["sqlite"])
def test_fetch_ees_needs_a_dataset(import_db, capsys):
    assert main(["fetch", "ees", "--database-url", import_db.url]) == 2
    assert "--dataset" in capsys.readouterr().err


def test_default_ees_url():
    assert build_url("abc", "csv") == "https://api.education.gov.uk/statistics/v1/data-sets/abc/csv"
    assert build_url("abc", "meta", "2.*") == "https://api.education.gov.uk/statistics/v1/data-sets/abc/meta?dataSetVersion=2.%2A"


def test_parse_filters():
    assert parse_filters(["a=1", "a=2", "b = x"]) == {"a": {"1", "2"}, "b": {"x"}}
    with pytest.raises(FetchError):
        parse_filters(["no-equals"])
