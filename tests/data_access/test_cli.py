"""``python -m data_access migrate|seed|info`` on both backends, as a subprocess."""

import subprocess

from tests.conftest import run_data_access_cli


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return run_data_access_cli(*args)


def test_migrate_seed_info_on_sqlite(seeded_sqlite, tmp_path) -> None:
    """What ``make run`` does on a fresh machine: migrate and seed the embedded SQLite database.

    The run's seeded SQLite database is itself built by ``python -m data_access migrate`` and
    ``seed`` on an empty file (``tests/conftest.py``); here, its output, and the commands again on a
    copy of what they built: ``seed`` says it is already loaded and ``info`` reads it."""
    from tests.conftest import seeded_by_cli_folder, seeded_sqlite_copy

    seeded = seeded_by_cli_folder() / "seed"
    assert seeded.is_file(), "the run's seeded SQLite database was built by the command line"
    said = seeded.read_text(encoding="utf-8")
    assert "Seed dataset loaded" in said and "no illustrative values" in said and "observation" in said, said
    url = seeded_sqlite_copy(tmp_path).url
    assert _run("migrate", "--database-url", url).returncode == 0
    again = _run("seed", "--database-url", url)
    assert again.returncode == 0 and "already loaded" in again.stdout, again.stderr
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
