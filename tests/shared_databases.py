"""Seeded databases built once per test run and shared by every xdist worker.

Loading the shipped seed takes about a minute on this 2-core machine (most of it the stored
judgements). Each worker used to load it itself, on SQLite and again on PostgreSQL, and a few tests
loaded it once more to get a database they could write to. Now the first worker that needs a seeded
database builds a *golden* copy under a file lock, and everyone else copies it:

- SQLite: the golden file sits in a folder named for the run; a worker copies it to its own
  temporary folder (a file copy, about a second), so no test shares a file with another worker.
- PostgreSQL: the golden database is a template nobody connects to; a copy is
  ``CREATE DATABASE ... TEMPLATE golden`` (seconds, no re-seeding).

The run is identified by xdist's ``testrunuid``, which the controller fixes in ``pytest_configure``
so that it can also remove the golden copies when the whole run ends.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

RUN_ID_ENV = "OB_TEST_RUN_ID"


def configure_run_id(config: pytest.Config) -> None:
    """Give the run one id that the controller and every worker share.

    Called from ``pytest_configure``. In the controller (or a run without xdist) the id is set
    here and passed to xdist as its ``testrunuid``; a worker reads the one xdist hands it."""
    workerinput = getattr(config, "workerinput", None)
    if workerinput is not None:
        os.environ[RUN_ID_ENV] = str(workerinput["testrunuid"])
        return
    run_id = getattr(config.option, "testrunuid", None) or uuid.uuid4().hex
    if hasattr(config.option, "testrunuid"):
        config.option.testrunuid = run_id
    os.environ[RUN_ID_ENV] = run_id


def run_id() -> str:
    return os.environ.get(RUN_ID_ENV) or "solo"


def is_controller(config: pytest.Config) -> bool:
    return getattr(config, "workerinput", None) is None


def run_folder() -> Path:
    folder = Path(tempfile.gettempdir()) / f"ob-test-{run_id()[:12]}"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def golden_postgres_name(variant: str) -> str:
    return f"ob_golden_{variant}_{run_id()[:12]}"


@contextmanager
def locked(name: str) -> Iterator[None]:
    with open(run_folder() / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def build_once(name: str, build: Callable[[], None]) -> None:
    """Run ``build`` once per test run, whichever worker asks first; the others wait for it.

    A marker file records success, so a failed build is retried (and fails again, loudly) by the
    next worker rather than leaving a half-built database behind for it."""
    done = run_folder() / f"{name}.done"
    with locked(name):
        if done.exists():
            return
        build()
        done.touch()


def was_attempted(name: str) -> bool:
    """Whether any worker started building ``name`` (its lock file exists), finished or not."""
    return (run_folder() / f"{name}.lock").exists()


def golden_sqlite_file(variant: str) -> Path:
    return run_folder() / f"golden-{variant}.db"


def remove_run_folder() -> None:
    shutil.rmtree(run_folder(), ignore_errors=True)
