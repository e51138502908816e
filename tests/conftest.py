"""Shared fixtures: real SQLite and real PostgreSQL databases, seeded once per session.

PostgreSQL: each test session creates its own throwaway databases on the server named by
``TEST_POSTGRES_URL`` (default: the local trust-auth server) and drops them afterwards.
Where no server answers, PostgreSQL-parametrised tests skip and the run ends with a loud
banner saying so, so nobody mistakes a SQLite-only pass for a full pass.
"""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path
from typing import TypedDict

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from data_access.database import Database

SHARED = Path(__file__).resolve().parents[2] / "shared"
REALDATA = SHARED / "realdata"
SEEDS = SHARED / "seeds"
ADMIN_PG_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")

if shutil.which("chromium"):
    os.environ.setdefault("DASH_TEST_CHROMEPATH", shutil.which("chromium") or "")


class _PostgresState(TypedDict):
    checked: bool
    ok: bool
    reason: str
    created: list[str]


_pg_state: _PostgresState = {"checked": False, "ok": False, "reason": "", "created": []}


def postgres_available() -> tuple[bool, str]:
    if not _pg_state["checked"]:
        _pg_state["checked"] = True
        try:
            engine = create_engine(ADMIN_PG_URL, isolation_level="AUTOCOMMIT")
            with engine.connect() as connection:
                connection.execute(text("select 1"))
            engine.dispose()
            _pg_state["ok"] = True
        except Exception as error:  # noqa: BLE001 - any failure means "not available"
            _pg_state["reason"] = (
                f"PostgreSQL at {make_url(ADMIN_PG_URL).render_as_string(hide_password=True)} unreachable: {error.__class__.__name__}: {str(error).splitlines()[0]}"
            )
    return bool(_pg_state["ok"]), str(_pg_state["reason"])


def create_postgres_database(prefix: str = "ob_test") -> str:
    """A fresh, empty PostgreSQL database; dropped at the end of the session."""
    ok, reason = postgres_available()
    if not ok:
        pytest.skip(reason)
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    engine = create_engine(ADMIN_PG_URL, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))  # name is generated here, never user input
    engine.dispose()
    _pg_state["created"].append(name)
    return make_url(ADMIN_PG_URL).set(database=name).render_as_string(hide_password=False)


def _drop_postgres_databases() -> None:
    created = list(_pg_state["created"])
    if not created:
        return
    from data_access.database import engine_for

    engine_for.cache_clear()
    engine = create_engine(ADMIN_PG_URL, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        for name in created:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


def sqlite_url(directory: Path) -> str:
    return f"sqlite:///{directory / f'ob_{uuid.uuid4().hex[:8]}.db'}"


def new_database(backend: str, tmp_path: Path) -> Database:
    url = sqlite_url(tmp_path) if backend == "sqlite" else create_postgres_database()
    return Database(url)


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def empty_db(backend: str, tmp_path: Path) -> Database:
    """A migrated, empty database on each backend (function scope: safe to write to)."""
    from data_access.schema import migrate

    db = new_database(backend, tmp_path)
    migrate(db)
    return db


@pytest.fixture(scope="session")
def _seeded_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Database:
    from data_access.schema import migrate
    from seed.loader import load_seed

    db = Database(sqlite_url(tmp_path_factory.mktemp("seeded")))
    migrate(db)
    load_seed(db)
    return db


@pytest.fixture(scope="session")
def _seeded_postgres() -> Database:
    from data_access.schema import migrate
    from seed.loader import load_seed

    db = Database(create_postgres_database("ob_seeded"))
    migrate(db)
    load_seed(db)
    return db


@pytest.fixture
def seeded_db(backend: str, request: pytest.FixtureRequest) -> Database:
    """The shipped seed, loaded once per session per backend. Treat as read-only."""
    name = "_seeded_sqlite" if backend == "sqlite" else "_seeded_postgres"
    return request.getfixturevalue(name)


@pytest.fixture
def seeded_sqlite(_seeded_sqlite: Database) -> Database:
    return _seeded_sqlite


@pytest.fixture
def writable_sqlite_copy(_seeded_sqlite: Database, tmp_path: Path) -> str:
    """The URL of a private copy of the seeded SQLite database, for a test that writes.

    The seeded database is shared by every test in a worker and must stay as seeded: an import
    job left in it by one test (seen: the admin axe test) broke later tests' "nothing kept" checks."""
    database = make_url(_seeded_sqlite.url).database
    assert database is not None, "a SQLite URL names its file"
    with _seeded_sqlite.engine.connect() as connection:  # checkpoint WAL so the copy is complete
        connection.exec_driver_sql("PRAGMA wal_checkpoint(FULL)")
    copy = tmp_path / "writable.db"
    shutil.copyfile(database, copy)
    return f"sqlite:///{copy}"


@pytest.fixture(scope="session")
def _demo_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Database:
    from data_access.schema import migrate
    from seed.loader import load_seed
    from tests.packs import small_pack

    db = Database(sqlite_url(tmp_path_factory.mktemp("demo")))
    migrate(db)
    load_seed(db, illustrative_values=True, pack_dir=small_pack())
    return db


@pytest.fixture
def demo_sqlite(_demo_sqlite: Database) -> Database:
    """The plans, a small published pack and the illustrative series (``seed --illustrative``).

    For tests of how invented values, suppressed cells and intervals from counts are shown:
    the published statistics have few of those for Hertfordshire's districts. Read-only.
    """
    return _demo_sqlite


@pytest.fixture
def use_demo(demo_sqlite: Database):
    """Point the read API at the demonstration database for one test (views and pages tests)."""
    import data_access

    data_access.configure(demo_sqlite.url)
    yield demo_sqlite


@pytest.fixture
def realdata() -> Path:
    if not REALDATA.is_dir():
        pytest.skip(f"real published files not found at {REALDATA} (../shared is absent on this machine)")
    return REALDATA


@pytest.fixture
def app_settings(seeded_sqlite: Database, tmp_path: Path):
    from settings import Settings

    return Settings(database_url=seeded_sqlite.url, cache_dir=str(tmp_path / "cache"))


@pytest.fixture
def dash_app(app_settings):
    """The app built by the factory; page modules may be imported after this."""
    from app import create_app

    return create_app(app_settings)


@pytest.fixture
def client(dash_app):
    return dash_app.server.test_client()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    try:
        _drop_postgres_databases()
    except Exception:  # noqa: BLE001 - cleanup must not mask the test result
        pass


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    ok, reason = postgres_available() if _pg_state["checked"] else (True, "")
    if not ok:
        bar = "!" * 78
        terminalreporter.write_line(bar, red=True, bold=True)
        terminalreporter.write_line("POSTGRESQL TESTS DID NOT RUN: " + reason, red=True, bold=True)
        terminalreporter.write_line("Only SQLite was tested. Start PostgreSQL and re-run `make test`.", red=True, bold=True)
        terminalreporter.write_line(bar, red=True, bold=True)
    elif _pg_state["checked"]:
        terminalreporter.write_line("PostgreSQL tests ran against a real server.", green=True)
