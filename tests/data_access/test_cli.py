"""``python -m data_access migrate|seed|info`` on both backends, as a subprocess."""

import subprocess
import sys

from settings import PROJECT_ROOT


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "data_access", *args], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=600
    )


def test_migrate_seed_info_on_sqlite(tmp_path) -> None:
    """What ``make run`` does on a fresh machine: migrate and seed the embedded SQLite database."""
    from tests.conftest import new_database

    url = new_database("sqlite", tmp_path).url
    assert _run("migrate", "--database-url", url).returncode == 0
    seeded = _run("seed", "--database-url", url)
    assert seeded.returncode == 0, seeded.stderr
    again = _run("seed", "--database-url", url)
    assert "already loaded" in again.stdout
    info = _run("info", "--database-url", url)
    assert info.returncode == 0
    assert "observation" in info.stdout and "latest_period" in info.stdout


def test_migrate_seed_info_on_postgresql() -> None:
    """The same commands against PostgreSQL. The seed itself is loaded into PostgreSQL once per run
    (``tests/conftest.py``, the template every PostgreSQL test copies), so here the commands run on a
    copy of it: migrate is a no-op, seed says it is already loaded, info reads it."""
    from tests.conftest import seeded_postgres_copy

    url = seeded_postgres_copy("ob_cli").url
    assert _run("migrate", "--database-url", url).returncode == 0
    again = _run("seed", "--database-url", url)
    assert again.returncode == 0 and "already loaded" in again.stdout, again.stderr
    info = _run("info", "--database-url", url)
    assert info.returncode == 0
    assert "observation" in info.stdout and "latest_period" in info.stdout


def test_unreachable_database_is_one_clear_line() -> None:
    result = _run("info", "--database-url", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    assert result.returncode == 2
    assert "cannot reach the database" in result.stderr
    assert "Traceback" not in result.stderr
