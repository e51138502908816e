"""The command line (import, fetch) and the Fingertips fetch against a local stub server."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from data_access.__main__ import main
from data_access.importers.fingertips_api import build_url
from tests.conftest import REALDATA
from tests.data_access.importers.conftest import MALFORMED, checksum, realdata_path
from tests.data_access.importers.fingertips_stub import metadata_csv

LA_FILE = "fingertips_csc_la_hospital_admissions_2324.csv"


@pytest.fixture
def stub_server() -> Iterator[tuple[str, list[str]]]:
    """Serves the real recorded file from ../shared/realdata for indicator 90284 (never copied)."""
    source = realdata_path(LA_FILE)
    seen: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # http.server API
            seen.append(self.path)
            url = urlparse(self.path)
            query = parse_qs(url.query)
            if url.path != "/api/all_data/csv/by_indicator_id" or query.get("indicator_ids") != ["90284"]:
                body = f"Indicator {query.get('indicator_ids', ['?'])[0]} does not exist".encode()  # plain text, as Fingertips
                self.send_response(404)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            body = source.read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", "text/csv")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:  # silence
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/api", seen
    finally:
        server.shutdown()
        server.server_close()


def test_cli_import_dry_run_then_import(import_db, capsys):
    path = realdata_path(LA_FILE)
    before = checksum(import_db)
    assert main(["import", str(path), "--dry-run", "--no-progress", "--database-url", import_db.url]) == 0
    assert "DRY RUN" in capsys.readouterr().out
    assert checksum(import_db) == before
    assert main(["import", str(path), "--format", "fingertips", "--database-url", import_db.url]) == 0
    out = capsys.readouterr().out
    assert "rows read 38" in out and "(written)" in out


def test_cli_rejects_a_bad_file_with_exit_code_1(import_db, capsys):
    assert main(["import", str(MALFORMED / "text_in_number.csv"), "--database-url", import_db.url]) == 1
    out = capsys.readouterr().out
    assert "line 3, column 'Value'" in out and "nothing was written" in out


def test_cli_wrong_format_flag(import_db, capsys):
    path = realdata_path(LA_FILE)
    assert main(["import", str(path), "--format", "ees", "--database-url", import_db.url]) == 1
    assert "does not look like the ees format" in capsys.readouterr().out


def test_fetch_from_stub_server(import_db, stub_server, capsys):
    base, seen = stub_server
    code = main(
        [
            "fetch",
            "fingertips",
            "--indicator",
            "90284",
            "--area-type",
            "502",
            "--parent",
            "E12000006",
            "--base-url",
            base,
            "--no-progress",
            "--database-url",
            import_db.url,
        ]
    )
    out = capsys.readouterr().out
    assert code == 0, out
    assert "rows read 38" in out
    query = parse_qs(urlparse(seen[0]).query)
    assert query == {
        "indicator_ids": ["90284"],
        "child_area_type_id": ["502"],
        "parent_area_type_id": ["15"],  # always sent, England unless --parent-area-type says otherwise
        "parent_area_code": ["E12000006"],
    }
    # the source records the URL it came from
    from sqlalchemy import select

    from data_access.models import Source

    with import_db.read() as session:
        urls = [u for u in session.execute(select(Source.url)).scalars() if u and "by_indicator_id" in u]
    assert urls and urls[0].startswith(base)


def test_fetch_unknown_indicator_is_one_line(import_db, stub_server, capsys):
    base, _ = stub_server
    code = main(
        ["fetch", "fingertips", "--indicator", "1", "--area-type", "502", "--base-url", base, "--database-url", import_db.url]
    )
    assert code == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "HTTP 404" in err
    assert err.endswith(": Indicator 1 does not exist")  # Fingertips' own words, not only the status


def test_fetch_indicator_needs_an_area_type(import_db, capsys):
    assert main(["fetch", "fingertips", "--indicator", "90284", "--database-url", import_db.url]) == 2
    assert "--indicator needs --area-type" in capsys.readouterr().err


@pytest.mark.parametrize("backend", ["sqlite"])
def test_fetch_offline_is_one_clear_line(import_db, capsys):
    closed = "http://127.0.0.1:9/api"  # nothing listens on the discard port
    assert (
        main(
            [
                "fetch",
                "fingertips",
                "--indicator",
                "90284",
                "--area-type",
                "502",
                "--base-url",
                closed,
                "--timeout",
                "5",
                "--database-url",
                import_db.url,
            ]
        )
        == 2
    )
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0
    assert err.startswith("error: cannot reach the Fingertips API") and "offline?" in err


def test_default_url():
    assert build_url(90284, 502) == (
        "https://fingertips.phe.org.uk/api/all_data/csv/by_indicator_id"
        "?indicator_ids=90284&child_area_type_id=502&parent_area_type_id=15"
    )
    assert "parent_area_type_id=6" in build_url(90284, 402, parent_area_type_id=6)


def test_realdata_never_copied_into_the_repository():
    repo = Path(__file__).resolve().parents[3]
    if not REALDATA.is_dir():
        pytest.skip("realdata absent")
    names = {p.name for p in REALDATA.glob("*.csv")}
    copied = [p for p in repo.rglob("*.csv") if p.name in names and ".venv" not in p.parts]
    assert not copied, copied


@pytest.fixture
def profile_stub() -> Iterator[tuple[str, list[str]]]:
    """A stub of ``all_data/csv/by_profile_id`` and ``by_group_id`` (profile 133, group 1938133222).

    Not a recorded response (no internet here): the body is the real Fingertips all-data file
    from ../shared/realdata, served as the profile's download (same CSV format).
    """
    source = realdata_path(LA_FILE)
    seen: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # http.server API
            seen.append(self.path)
            url = urlparse(self.path)
            query = parse_qs(url.query)
            if url.path == "/api/indicator_metadata/csv/by_profile_id" and query.get("profile_id") == ["133"]:
                body = metadata_csv([(90284, "Hospital admissions", "RAG - Low is good"), (90285, "Other", "Not applicable")])
                self.send_response(200)
                self.send_header("Content-Type", "text/csv")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            known = (url.path == "/api/all_data/csv/by_profile_id" and query.get("profile_id") == ["133"]) or (
                url.path == "/api/all_data/csv/by_group_id" and query.get("group_id") == ["1938133222"]
            )
            if not known or "child_area_type_id" not in query or "parent_area_type_id" not in query:
                self.send_response(404)
                self.end_headers()
                return
            body = source.read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", "text/csv")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/api", seen
    finally:
        server.shutdown()
        server.server_close()


def test_fetch_whole_profile_from_stub(import_db, profile_stub, capsys):
    base, seen = profile_stub
    code = main(
        [
            "fetch",
            "fingertips",
            "--profile",
            "133",
            "--area-type",
            "502",
            "--parent",
            "E12000006",
            "--base-url",
            base,
            "--no-progress",
            "--database-url",
            import_db.url,
        ]
    )
    out = capsys.readouterr().out
    assert code == 0, out
    assert "rows read 38" in out and "(written)" in out
    # the profile's polarities come from its metadata CSV, one row per indicator
    assert "indicator_metadata/csv/by_profile_id?profile_id=133: polarity stated for 2 indicator(s)" in out
    url = urlparse(seen[0])
    assert url.path == "/api/all_data/csv/by_profile_id"
    assert parse_qs(url.query) == {
        "child_area_type_id": ["502"],
        "parent_area_type_id": ["15"],
        "profile_id": ["133"],
        "parent_area_code": ["E12000006"],
    }


@pytest.mark.parametrize("backend", ["sqlite"])
def test_fetch_profile_group_dry_run(import_db, profile_stub, capsys):
    base, seen = profile_stub
    code = main(
        [
            "fetch",
            "fingertips",
            "--group",
            "1938133222",
            "--area-type",
            "402",
            "--parent-area-type",
            "6",
            "--base-url",
            base,
            "--no-progress",
            "--dry-run",
            "--database-url",
            import_db.url,
        ]
    )
    assert code == 0, capsys.readouterr().out
    query = parse_qs(urlparse(seen[0]).query)
    assert query == {"child_area_type_id": ["402"], "parent_area_type_id": ["6"], "group_id": ["1938133222"]}


@pytest.mark.parametrize("backend", ["sqlite"])
def test_fetch_profile_needs_area_type_and_one_selector(import_db, capsys):
    assert main(["fetch", "fingertips", "--profile", "133", "--database-url", import_db.url]) == 2
    assert "--area-type" in capsys.readouterr().err
    assert main(["fetch", "fingertips", "--group", "7", "--indicator", "1", "--database-url", import_db.url]) == 2
    assert "exactly one of" in capsys.readouterr().err
    # with --indicator, --profile names the profile whose polarity to read: still one indicator's data
    assert main(["fetch", "fingertips", "--profile", "133", "--indicator", "1", "--database-url", import_db.url]) == 2
    assert "--indicator needs --area-type" in capsys.readouterr().err
