"""The import page's server side: the ids its preview names are the ids it writes, and the page and the
command line agree on a file's identity (a file imported by one is "0 new" for the other)."""

from __future__ import annotations

import time
from pathlib import Path

from data_access.database import Database
from data_access.importers.service import import_file

KS2 = "dfe_csc_ks2_la.csv"


def _service(url: str, tmp_path: Path):
    from settings import Settings
    from web.import_jobs import ImportJobService

    return ImportJobService(Settings(database_url=url, upload_dir=str(tmp_path / "uploads")))


def _run(service, token: str) -> dict:
    assert service.start(token)
    for _ in range(600):
        status = service.status(token) or {}
        if status.get("state") in {"finished", "failed"}:
            return dict(status)
        time.sleep(0.1)
    raise AssertionError("the import did not finish in 60 s")


def test_preview_ids_are_the_written_ids_and_the_cli_agrees(writable_sqlite_copy: str, tmp_path: Path, realdata: Path):
    data = (realdata / "national" / KS2).read_bytes()
    service = _service(writable_sqlite_copy, tmp_path)
    checked = service.check(data, KS2, "admin")
    assert checked.token and not checked.problems
    previewed = {entry["id"] for entry in checked.report["preview"]["indicators"] if entry["new"]}
    assert previewed and all(i.startswith("ees-dfe-csc-ks2-la-") for i in previewed), "named from the file, not the upload"
    done = _run(service, checked.token)
    assert done["state"] == "finished" and done["ok"]
    assert set(done["report"]["indicators_registered"]) == previewed

    again = import_file(Database(writable_sqlite_copy), realdata / "national" / KS2)
    assert (again.inserted, again.indicators_registered) == (0, []), "the command line sees the page's import"
    assert again.unchanged == done["report"]["inserted"]


def test_a_second_upload_named_as_a_browser_copy_adds_nothing(writable_sqlite_copy: str, tmp_path: Path, realdata: Path):
    data = (realdata / "national" / KS2).read_bytes()
    service = _service(writable_sqlite_copy, tmp_path)
    first = service.check(data, KS2, "admin")
    assert first.token
    _run(service, first.token)
    second = service.check(data, "dfe_csc_ks2_la (1).csv", "admin")
    assert second.report["inserted"] == 0
    assert not any(entry["new"] for entry in second.report["preview"]["indicators"])


def test_a_page_import_records_who_imported_it(writable_sqlite_copy: str, tmp_path: Path):
    """The card of a local measure says "imported on <date> by <user>": the page passes the
    signed-in administrator on to the import (it once wrote no one, shown as "by nan")."""
    from sqlalchemy import select

    from data_access.models import Source
    from settings import PROJECT_ROOT

    template = PROJECT_ROOT / "data_access" / "importers" / "native_template.csv"
    service = _service(writable_sqlite_copy, tmp_path)
    checked = service.check(template.read_bytes(), "local.csv", "performance.team")
    assert checked.token and not checked.problems
    assert _run(service, checked.token)["ok"]
    with Database(writable_sqlite_copy).read() as session:
        who = session.scalars(select(Source.imported_by).where(Source.imported_by.is_not(None))).all()
    assert "performance.team" in who
