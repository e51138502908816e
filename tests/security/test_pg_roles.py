"""scripts/pg_roles.sql on a throwaway PostgreSQL database: the reader cannot write data, the
writer can import but cannot change the schema. Role names get a unique suffix so parallel
runs (and any real roles on a shared server) are never touched; they are dropped afterwards."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from settings import PROJECT_ROOT
from tests.conftest import ADMIN_PG_URL, seeded_postgres_copy

SCRIPT = PROJECT_ROOT / "scripts" / "pg_roles.sql"


@pytest.fixture(scope="module")
def roles_db():

    owner = seeded_postgres_copy("ob_roles", "small")
    owner_url = owner.url
    suffix = uuid.uuid4().hex[:8]
    reader, writer = f"ob_reader_{suffix}", f"ob_writer_{suffix}"
    sql = SCRIPT.read_text().replace("outcome_bees_reader", reader).replace("outcome_bees_writer", writer)
    raw = owner.engine.raw_connection()
    try:
        with raw.cursor() as cursor:
            cursor.execute(sql)  # no parameters: the whole script in one simple query
        raw.commit()
    finally:
        raw.close()
    base = make_url(owner_url)
    yield {
        "owner": owner,
        "reader_url": base.set(username=reader).render_as_string(hide_password=False),
        "writer_url": base.set(username=writer).render_as_string(hide_password=False),
    }
    from data_access.database import engine_for

    for url in (base.set(username=reader), base.set(username=writer)):
        engine_for(url.render_as_string(hide_password=False)).dispose()
    admin = create_engine(ADMIN_PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{base.database}" WITH (FORCE)'))
        for role in (reader, writer):
            connection.execute(text(f'DROP ROLE IF EXISTS "{role}"'))  # generated names, never input
    admin.dispose()


def _refused(engine, statement: str) -> None:
    with pytest.raises(DBAPIError) as raised:
        with engine.begin() as connection:
            connection.execute(text(statement))
    assert "permission denied" in str(raised.value).lower() or "must be owner" in str(raised.value).lower()


def test_reader_reads_but_cannot_write(roles_db) -> None:
    from data_access import reads
    from data_access.database import Database

    reader = Database(roles_db["reader_url"])
    assert len(reads.indicators(db=reader)) > 0
    for statement in (
        "INSERT INTO area (code, name, level) VALUES ('X1', 'x', 'x')",
        "UPDATE observation SET value = 0",
        "DELETE FROM observation",
        "DELETE FROM deck",
        "TRUNCATE observation",
        "CREATE TABLE evil (id int)",
        "DROP TABLE observation",
    ):
        _refused(reader.engine, statement)
    # not even the import jobs: uploads and their progress go through the writer
    _refused(reader.engine, "DELETE FROM import_job")


def test_writer_imports_but_cannot_change_the_schema(roles_db, tmp_path: Path) -> None:
    from data_access import reads
    from data_access.database import Database
    from data_access.importers import import_file
    from data_access.importers.native import TEMPLATE

    writer = Database(roles_db["writer_url"])
    report = import_file(writer, TEMPLATE)
    assert report.ok and report.written, report.problems
    assert report.inserted == 4
    assert reads.indicator("local-example-rate", db=Database(roles_db["reader_url"])) is not None
    again = import_file(writer, TEMPLATE)  # re-import: unchanged rows, still allowed
    assert again.ok and again.unchanged == 4
    # /admin/import keeps its uploads and job progress through the writer
    from data_access.import_jobs import DatabaseJobStore, JobStatus

    jobs = DatabaseJobStore(writer)
    token = jobs.create(b"a,b\n", "x.csv", "admin")
    assert jobs.claim(token) and jobs.upload(token) == b"a,b\n"
    jobs.progress(token, "write", 1, 2)
    jobs.finish(token, JobStatus(state="finished", ok=True))
    assert (jobs.status(token) or {}).get("state") == "finished" and jobs.upload(token) is None
    for statement in (
        "CREATE TABLE evil (id int)",
        "DROP TABLE observation",
        "ALTER TABLE area ADD COLUMN x int",
        "TRUNCATE observation",
        "UPDATE alembic_version SET version_num = 'x'",
    ):
        _refused(writer.engine, statement)
