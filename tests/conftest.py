"""Shared fixtures: real SQLite and real PostgreSQL databases, seeded once per session.

PostgreSQL: each test session creates its own throwaway databases on the server named by
``TEST_POSTGRES_URL`` (default: the local trust-auth server) and drops them afterwards.
Where no server answers, PostgreSQL-parametrised tests skip and the run ends with a loud
banner saying so, so nobody mistakes a SQLite-only pass for a full pass.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TypedDict

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from data_access.database import Database, engine_for
from settings import PROJECT_ROOT
from tests import shared_databases

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


# The whole published data; tests.published_sample.small_published(); that small sample with the illustrative
# series (``seed --illustrative``, the demonstration data).
SEED_VARIANTS = ("full", "small", "demo")


def _load_variant(db: Database, variant: str) -> None:
    from data_access.schema import migrate
    from seed.loader import load_seed
    from tests.published_sample import small_published

    migrate(db)
    if variant in ("small", "demo"):
        load_seed(db, published_dir=small_published(), illustrative_values=variant == "demo")
    else:
        load_seed(db)


def run_data_access_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """``python -m data_access ARGS`` as a person types it, from the project folder."""
    return subprocess.run(
        [sys.executable, "-m", "data_access", *args], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=900
    )


def seeded_by_cli_folder() -> Path:
    """Where the CLI's output from building the run's full SQLite database is kept."""
    return shared_databases.run_folder() / "seeded-by-cli"


def _seed_through_the_cli(url: str) -> None:
    """What ``make run`` does on a fresh machine: ``migrate`` then ``seed`` on an empty SQLite file.

    The run's full seeded SQLite database is built this way, so the command line's full seed is
    exercised once per run (``tests/data_access/test_cli.py`` checks the result) instead of twice."""
    for command in ("migrate", "seed"):
        done = run_data_access_cli(command, "--database-url", url)
        if done.returncode != 0:
            raise RuntimeError(f"python -m data_access {command} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
        seeded_by_cli_folder().joinpath(command).write_text(done.stdout, encoding="utf-8")


def _build_golden_sqlite(variant: str) -> None:
    path = shared_databases.golden_sqlite_file(variant)
    path.unlink(missing_ok=True)
    db = Database(f"sqlite:///{path}")
    if variant == "full":
        seeded_by_cli_folder().mkdir(parents=True, exist_ok=True)
        _seed_through_the_cli(db.url)
    else:
        _load_variant(db, variant)
    with db.engine.connect() as connection:  # fold the WAL into the file so a plain copy is complete
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.engine.dispose()


def _build_golden_postgres(variant: str) -> None:
    name = shared_databases.golden_postgres_name(variant)
    admin = create_engine(ADMIN_PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:  # the name is generated here, never user input
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    db = Database(make_url(ADMIN_PG_URL).set(database=name).render_as_string(hide_password=False))
    _load_variant(db, variant)
    db.engine.dispose()  # a template must have no connections when it is copied


def seeded_sqlite_copy(directory: Path, variant: str = "full") -> Database:
    """A private copy of the run's seeded SQLite database (built once per run, by whichever
    worker asks first): safe to write to."""
    shared_databases.build_once(f"golden-sqlite-{variant}", lambda: _build_golden_sqlite(variant))
    copy = directory / f"seeded_{variant}_{uuid.uuid4().hex[:8]}.db"
    shutil.copyfile(shared_databases.golden_sqlite_file(variant), copy)
    return Database(f"sqlite:///{copy}")


def seeded_postgres_copy(prefix: str = "ob_seeded", variant: str = "full") -> Database:
    """A private copy of the run's seeded PostgreSQL database, made from its template in seconds
    instead of re-seeding; dropped at the end of the session. Safe to write to."""
    ok, reason = postgres_available()
    if not ok:
        pytest.skip(reason)
    shared_databases.build_once(f"golden-postgres-{variant}", lambda: _build_golden_postgres(variant))
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin = create_engine(ADMIN_PG_URL, isolation_level="AUTOCOMMIT")
    with shared_databases.locked("golden-postgres-copy"), admin.connect() as connection:
        golden = shared_databases.golden_postgres_name(variant)
        connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{golden}"'))  # generated names
    admin.dispose()
    _pg_state["created"].append(name)
    return Database(make_url(ADMIN_PG_URL).set(database=name).render_as_string(hide_password=False))


def seeded_copy(backend: str, directory: Path, variant: str = "full") -> Database:
    """A private, writable seeded database on ``backend`` ("sqlite" or "postgresql")."""
    if backend == "sqlite":
        return seeded_sqlite_copy(directory, variant)
    return seeded_postgres_copy(f"ob_{variant}", variant)


#: The run's seeded databases each xdist worker builds before its first test, so that both cores
#: work from the start. Left to the tests, the first test of every worker needs the full SQLite
#: database and the others wait for it, idle, for most of a minute, and the PostgreSQL build lands in
#: the middle of whichever test asks first (a browser test's set-up, once). A worker not named here
#: goes straight to its tests; with two workers, gw1 also builds gw2's share: the full SQLite build
#: through the CLI is the longest, and both browser groups wait for it (gw1 waited ~20 s for it when
#: gw0 built the SQLite samples too).
EARLY_BUILDS: dict[str, list[tuple[str, str]]] = {
    "gw0": [("sqlite", "full")],
    "gw1": [("postgresql", "full"), ("postgresql", "small"), ("postgresql", "demo")],
    "gw2": [("sqlite", "small"), ("sqlite", "demo")],
}
WHOLE_RUN_TESTS = 1000  # fewer collected tests: a targeted run, which builds only what it uses


@pytest.fixture(scope="session", autouse=True)
def _seeded_databases_built_early(request: pytest.FixtureRequest) -> None:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if worker not in EARLY_BUILDS or len(request.session.items) < WHOLE_RUN_TESTS:
        return
    builds = list(EARLY_BUILDS[worker])
    if worker == "gw1" and int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1")) < 3:
        builds += EARLY_BUILDS["gw2"]
    for backend, variant in builds:
        if backend == "sqlite":
            shared_databases.build_once(f"golden-sqlite-{variant}", functools.partial(_build_golden_sqlite, variant))
        elif postgres_available()[0]:
            shared_databases.build_once(f"golden-postgres-{variant}", functools.partial(_build_golden_postgres, variant))


@pytest.fixture(scope="session")
def _seeded_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Database:
    return seeded_sqlite_copy(tmp_path_factory.mktemp("seeded"))


@pytest.fixture(scope="session")
def _seeded_postgres() -> Database:
    return seeded_postgres_copy()


@pytest.fixture
def seeded_db(backend: str, request: pytest.FixtureRequest) -> Database:
    """The shipped seed, loaded once per session per backend. Treat as read-only."""
    name = "_seeded_sqlite" if backend == "sqlite" else "_seeded_postgres"
    return request.getfixturevalue(name)


@pytest.fixture
def seeded_sqlite(_seeded_sqlite: Database) -> Database:
    return _seeded_sqlite


@pytest.fixture
def writable_sqlite_copy(_seeded_sqlite: Database, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """The URL of a private copy of the seeded SQLite database, for a test that writes.

    The seeded database is shared by every test in a worker and must stay as seeded: an import
    job left in it by one test (seen: the admin axe test) broke later tests' "nothing kept" checks.
    The copy (370 MB) is deleted when the test ends, so its pages need never reach the disk (a run
    wrote 32 GB); not under a browser test, whose app may still be answering the browser then."""
    database = make_url(_seeded_sqlite.url).database
    assert database is not None, "a SQLite URL names its file"
    with _seeded_sqlite.engine.connect() as connection:  # checkpoint WAL so the copy is complete
        connection.exec_driver_sql("PRAGMA wal_checkpoint(FULL)")
    copy = tmp_path / "writable.db"
    shutil.copyfile(database, copy)
    url = f"sqlite:///{copy}"
    yield url
    if "dash_duo" in request.fixturenames:
        return
    engine_for(url).dispose()
    for path in (copy, copy.with_name(copy.name + "-wal"), copy.with_name(copy.name + "-shm")):
        path.unlink(missing_ok=True)


@pytest.fixture
def writable_postgres_copy() -> str:
    """The URL of a private copy of the seeded PostgreSQL database, for a test that writes."""
    return seeded_postgres_copy("ob_writable").url


@pytest.fixture(scope="session")
def _demo_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Database:
    return seeded_sqlite_copy(tmp_path_factory.mktemp("demo"), "demo")


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


def pytest_configure(config: pytest.Config) -> None:
    shared_databases.configure_run_id(config)


def _drop_golden_postgres(variants: list[str]) -> None:
    from data_access.database import engine_for

    engine_for.cache_clear()
    engine = create_engine(ADMIN_PG_URL, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        for variant in variants:
            name = shared_databases.golden_postgres_name(variant)  # generated, never user input
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    try:
        _drop_postgres_databases()
    except Exception:  # noqa: BLE001 - cleanup must not mask the test result
        pass
    if not shared_databases.is_controller(session.config):
        return
    # The controller finishes after every worker: the run's golden copies go now.
    try:
        built = [variant for variant in SEED_VARIANTS if shared_databases.was_attempted(f"golden-postgres-{variant}")]
        if built:
            _drop_golden_postgres(built)
    except Exception:  # noqa: BLE001 - cleanup must not mask the test result
        pass
    shared_databases.remove_run_folder()


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if shared_databases.is_controller(config) and getattr(config.option, "numprocesses", None):
        postgres_available()  # under xdist the workers' summaries are not shown: the controller says it
    ok, reason = postgres_available() if _pg_state["checked"] else (True, "")
    if not ok:
        bar = "!" * 78
        terminalreporter.write_line(bar, red=True, bold=True)
        terminalreporter.write_line("POSTGRESQL TESTS DID NOT RUN: " + reason, red=True, bold=True)
        terminalreporter.write_line("Only SQLite was tested. Start PostgreSQL and re-run `make test`.", red=True, bold=True)
        terminalreporter.write_line(bar, red=True, bold=True)
    elif _pg_state["checked"]:
        terminalreporter.write_line("PostgreSQL answered: its tests ran against a real server.", green=True)
