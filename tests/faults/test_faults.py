"""Faults: a read-only or full SQLite file gives a clear error; an import killed halfway leaves
no partial data; PostgreSQL going away while the app serves makes requests fail cleanly, and
they succeed again afterwards without restarting the app.

The PostgreSQL outage here is made by a small TCP proxy between the app and the server, which
the test stops and starts; restarting the real cluster (``pg_ctlcluster … restart``) would
break other tests running against it at the same time, so that variant lives in
``bench/faults.py`` (figures in BENCHMARKS.md).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import make_url

from settings import PROJECT_ROOT
from tests.security.fuzz_support import TRACEBACK

DISTRICTS = [
    "E10000015",
    "E07000095",
    "E07000096",
    "E07000242",
    "E07000098",
    "E07000099",
    "E07000240",
    "E07000243",
    "E07000102",
    "E07000103",
    "E07000241",
]
NATIVE_HEADER = "indicator_id,indicator_name,unit,value_type,polarity,period_type,area_code,period,value\n"


def _copy_seeded(seeded_sqlite, folder: Path) -> str:
    with seeded_sqlite.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(FULL)")
    copy = folder / "copy.db"
    database = make_url(seeded_sqlite.url).database
    assert database is not None, "a SQLite URL names its file"
    shutil.copyfile(Path(database), copy)
    return str(copy)


def _cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "data_access", *args],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT), **(env or {})},
    )


def _counts(path: str) -> dict[str, int]:
    import sqlite3

    with sqlite3.connect(path) as connection:
        return {
            t: connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("observation", "indicator", "source", "period")
        }


# --- read-only and full SQLite ----------------------------------------------------------------


def test_read_only_sqlite_gives_a_clear_cli_error(seeded_sqlite, tmp_path: Path) -> None:
    from data_access.importers.native import TEMPLATE

    path = _copy_seeded(seeded_sqlite, tmp_path)
    before = _counts(path)
    # mode=ro: the file cannot be written whoever runs the test (chmod does not stop root)
    result = _cli("--database-url", f"sqlite:///file:{path}?mode=ro&uri=true", "import", str(TEMPLATE), "--no-progress")
    assert result.returncode == 2, result.stderr
    assert "error: the database refused to write" in result.stderr and "readonly" in result.stderr
    assert "Traceback" not in result.stderr
    assert _counts(path) == before


def test_read_only_sqlite_in_the_app_reads_and_refuses_writes_cleanly(seeded_sqlite, tmp_path: Path) -> None:
    from app import create_app
    from settings import Settings
    from tests.security.conftest import ADMIN_HASH, sign_in
    from tests.security.fuzz_support import router_body

    path = _copy_seeded(seeded_sqlite, tmp_path)
    url = f"sqlite:///file:{path}?mode=ro&uri=true"
    app = create_app(
        Settings(
            database_url=url,
            cache_dir=str(tmp_path / "cache"),
            admin_user="admin",
            admin_password_hash=ADMIN_HASH,
            session_cookie_secure=False,
            upload_dir=str(tmp_path / "up"),
        )
    )
    client = app.server.test_client()
    assert client.get("/healthz").status_code == 200  # reading still works
    assert client.post("/_dash-update-component", json=router_body("/compare", "")).status_code == 200
    assert sign_in(client).status_code == 302  # signing in writes nothing to the database
    # keeping a checked upload is a write: refused cleanly, with nothing technical shown
    from tests.security.test_admin import _upload

    native = Path(__file__).resolve().parents[2] / "data_access" / "importers" / "native_template.csv"
    result = _upload(client, native.read_bytes())
    text = json.dumps(result["admin-import-check"], default=str)
    assert "problem on our side" in text and not TRACEBACK.search(text)
    assert result["admin-import-token"]["data"] is None


def test_full_sqlite_gives_a_clear_cli_error(seeded_sqlite, tmp_path: Path, capsys) -> None:
    """A file that cannot grow (``PRAGMA max_page_count`` at its current size) behaves as a full disk."""
    from data_access.__main__ import main
    from data_access.database import engine_for, normalise_url

    path = _copy_seeded(seeded_sqlite, tmp_path)
    before = _counts(path)
    url = f"sqlite:///{path}"
    engine = engine_for(normalise_url(url))

    @event.listens_for(engine, "connect")
    def _cap(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        pages = cursor.execute("PRAGMA page_count").fetchone()[0]
        cursor.execute(f"PRAGMA max_page_count = {int(pages)}")
        cursor.close()

    engine.dispose()
    big = tmp_path / "big.csv"
    _write_native(big, indicators=60)
    code = main(["--database-url", url, "import", str(big), "--no-progress"])
    err = capsys.readouterr().err
    assert code == 2
    assert "error: the database disk is full" in err and "Traceback" not in err
    engine.dispose()
    engine_for.cache_clear()
    assert _counts(path) == before


# --- an import killed halfway ---------------------------------------------------------------


def _write_native(path: Path, indicators: int, years: range = range(1990, 2040)) -> int:
    lines = [NATIVE_HEADER]
    rows = 0
    for i in range(indicators):
        first = True
        for area in DISTRICTS:
            for year in years:
                period = f"{year}-{(year + 1) % 100:02d}"
                if first:
                    lines.append(
                        f"fault-test-{i:04d},Fault test {i},%,percentage,higher_better,financial,{area},{period},{(i + year) % 97 + 0.5}\n"
                    )
                    first = False
                else:
                    lines.append(f"fault-test-{i:04d},,,,,financial,{area},{period},{(i + year) % 97 + 0.5}\n")
                rows += 1
    path.write_text("".join(lines), encoding="utf-8")
    return rows


KILL_SCRIPT = """
import sys
from data_access.database import Database
from data_access.importers.service import import_file

def progress(stage, done, total):
    print(stage, done, total, flush=True)

import_file(Database(sys.argv[1]), sys.argv[2], progress=progress)
print("finished", flush=True)
"""


def test_import_killed_halfway_leaves_no_partial_data(seeded_sqlite, tmp_path: Path) -> None:
    path = _copy_seeded(seeded_sqlite, tmp_path)
    before = _counts(path)
    big = tmp_path / "big.csv"
    rows = _write_native(big, indicators=200)  # 200 × 11 areas × 50 years = 110,000 rows: 6 write chunks
    assert rows > 100_000
    process = subprocess.Popen(
        [sys.executable, "-c", KILL_SCRIPT, f"sqlite:///{path}", str(big)],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)},
    )
    killed_at = None
    assert process.stdout is not None
    for line in process.stdout:
        stage, done, total = line.split()[:3] if len(line.split()) >= 3 else (line.strip(), "0", "0")
        if stage == "write" and 0 < int(done) < int(total):
            killed_at = (int(done), int(total))
            process.send_signal(signal.SIGKILL)
            break
        if stage == "finished":
            break
    process.wait(timeout=60)
    assert killed_at is not None, "the import finished before it could be killed mid-write"
    assert process.returncode == -signal.SIGKILL
    after = _counts(path)
    assert after == before, f"killed after writing {killed_at[0]:,} of {killed_at[1]:,} rows: {before} → {after}"
    # and the file is healthy (the journal rolled the half-written transaction back)
    import sqlite3

    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("SELECT count(*) FROM indicator WHERE id LIKE 'fault-test-%'").fetchone()[0] == 0


# --- PostgreSQL going away and coming back ----------------------------------------------------


class TcpProxy:
    """127.0.0.1:<port> → target; ``stop()`` drops the listener and every open connection."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        self.port = probe.getsockname()[1]
        probe.close()
        self._sockets: list[socket.socket] = []
        self._listener: socket.socket | None = None
        self._lock = threading.Lock()

    def start(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(32)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._sockets += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, sink):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def stop(self) -> None:
        if self._listener is not None:
            try:
                self._listener.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept()
            except OSError:
                pass
            self._listener.close()
            self._listener = None
        with self._lock:
            for s in self._sockets:
                try:
                    s.shutdown(socket.SHUT_RDWR)
                    s.close()
                except OSError:
                    pass
            self._sockets.clear()


def test_postgres_outage_fails_cleanly_and_recovers_without_restart(tmp_path: Path) -> None:
    from app import create_app
    from data_access.database import Database
    from data_access.schema import migrate
    from settings import Settings
    from tests.conftest import create_postgres_database
    from tests.security.fuzz_support import router_body

    direct = create_postgres_database("ob_faults")
    migrate(Database(direct))
    parsed = make_url(direct)
    proxy = TcpProxy((parsed.host or "127.0.0.1", parsed.port or 5432))
    proxy.start()
    via_proxy = parsed.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
    app = create_app(Settings(database_url=via_proxy, cache_dir=str(tmp_path / "cache")))
    client = app.server.test_client()
    try:
        assert client.get("/healthz").status_code == 200
        assert client.get("/api/v1/indicators").status_code == 200

        proxy.stop()
        started = time.perf_counter()
        for path in ("/healthz", "/api/v1/indicators", "/api/v1/areas", "/compare"):
            response = client.get(path)
            text = response.get_data(as_text=True)
            assert not TRACEBACK.search(text), path
            assert response.status_code in {200, 500, 503}, path
            if path == "/healthz":
                assert response.status_code == 503 and response.get_json()["database"] == "unreachable"
            if response.status_code >= 500 and path.startswith("/api/"):
                assert response.get_json()["message"].startswith("Something went wrong"), path
        layout = client.post("/_dash-update-component", json=router_body("/indicators", ""))
        assert layout.status_code < 600 and not TRACEBACK.search(layout.get_data(as_text=True))
        assert time.perf_counter() - started < 30, "failing requests must fail fast, not hang"

        proxy.start()  # the database is back; the same app, no restart
        deadline = time.time() + 15
        while time.time() < deadline and client.get("/healthz").status_code != 200:
            time.sleep(0.2)
        assert client.get("/healthz").status_code == 200
        assert client.get("/api/v1/indicators").status_code == 200
        assert client.get("/api/v1/areas").status_code == 200
    finally:
        proxy.stop()
        from data_access.database import engine_for

        engine_for(via_proxy).dispose()
