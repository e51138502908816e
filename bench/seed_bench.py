"""Seeding the published data, and a fresh clone's ``make run`` up to the first page served.

    python -m bench.seed_bench [--backends sqlite,postgresql] [--runs 3] [--no-clone] [--published DIR]

Why the bench and not a test: these are wall-clock figures that depend on the machine; the
suite only runs a small smoke of this module. Seeding is ``seed.loader.load_seed`` into a freshly
migrated database (the whole published data: every English area, about 650,000 values). The clone run copies
the committed tree (``git clone``), reuses this checkout's virtualenv and node_modules so no
download is timed, and measures from ``make run`` to the first HTTP 200 on ``/``.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Callable
from pathlib import Path

from settings import PROJECT_ROOT

PG_ADMIN = os.environ.get("BENCH_POSTGRES_ADMIN_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


def _fresh(backend: str, folder: Path) -> tuple[str, Callable[[], None]]:
    """A migrated, empty database URL and a cleanup callable."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from data_access.database import Database, engine_for
    from data_access.schema import migrate

    if backend == "sqlite":
        url = f"sqlite:///{folder / f'seed_{uuid.uuid4().hex[:8]}.db'}"
        migrate(Database(url))
        return url, lambda: None
    name = f"ob_seedbench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))  # generated name, not input
    url = make_url(PG_ADMIN).set(database=name).render_as_string(hide_password=False)
    migrate(Database(url))

    def drop() -> None:
        engine_for.cache_clear()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    return url, drop


def seed_times(backend: str, runs: int, published_dir: Path | None = None) -> dict:
    """Seconds for ``load_seed`` into a fresh database, ``runs`` times; and the row count loaded."""
    from data_access.database import Database
    from seed.loader import load_seed
    from seed.published_data import PUBLISHED_DIR

    times, rows = [], 0
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(runs):
            url, cleanup = _fresh(backend, Path(folder))
            try:
                start = time.perf_counter()
                counts = load_seed(Database(url), published_dir=published_dir or PUBLISHED_DIR)
                times.append(time.perf_counter() - start)
                rows = counts["observation"]
            finally:
                cleanup()
    return {"backend": backend, "runs": runs, "min_s": min(times), "median_s": statistics.median(times), "observations": rows}


def clone_to_first_page(port: int = 8093, timeout: float = 300.0) -> dict:
    """From ``make run`` in a fresh clone (venv and node_modules reused) to the first 200 on ``/``."""
    with tempfile.TemporaryDirectory() as folder:
        clone = Path(folder) / "clone"
        subprocess.run(["git", "clone", "--quiet", str(PROJECT_ROOT), str(clone)], check=True)
        for name in (".venv", "node_modules"):
            subprocess.run(["cp", "-a", str(PROJECT_ROOT / name), str(clone / name)], check=True)
        for marker in (clone / ".venv" / ".installed", clone / "node_modules" / ".installed"):
            marker.touch()
        env = {**os.environ, "PORT": str(port), "DATABASE_URL": f"sqlite:///{clone / 'instance' / 'outcome_bees.db'}"}
        start = time.perf_counter()
        process = subprocess.Popen(
            ["make", "run"], cwd=clone, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
        try:
            while time.perf_counter() - start < timeout:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                        if response.status == 200:
                            return {"first_page_s": time.perf_counter() - start}
                except OSError:
                    time.sleep(0.25)
            raise TimeoutError(f"no page within {timeout} s")
        finally:
            os.killpg(process.pid, 15)
            process.wait(timeout=20)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.seed_bench", description=__doc__.splitlines()[0])
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-clone", action="store_true")
    parser.add_argument(
        "--published", "--pack", type=Path, default=None, help="another published-data folder (tests use a small one)"
    )
    args = parser.parse_args(argv)
    print(
        f"machine: {platform.node()} · {platform.processor() or platform.machine()} · {os.cpu_count()} cores · "
        f"Python {platform.python_version()} · {time.strftime('%Y-%m-%d %H:%M %Z')}"
    )
    for backend in [b for b in args.backends.split(",") if b]:
        result = seed_times(backend, args.runs, args.published)
        print(
            f"seed {backend}: {result['observations']:,} observations; min {result['min_s']:.1f} s, "
            f"median {result['median_s']:.1f} s over {result['runs']} runs"
        )
    if not args.no_clone and shutil.which("make") and shutil.which("git"):
        print(f"fresh clone, make run to the first page served: {clone_to_first_page()['first_page_s']:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
