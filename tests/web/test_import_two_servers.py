"""Two real app servers (gunicorn) over one PostgreSQL (and one Redis): upload on A, watch on B.

docs/deploy.md promises that any request can land on any server. For ``/admin/import`` that means
the upload, the "Import this file" click and the progress polls may each reach a different server;
each server here has its own upload (scratch) folder and cache folder, so only the database or
Redis can carry the job from one to the other.
"""

from __future__ import annotations

import base64
import json
import os
import re
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from settings import PROJECT_ROOT
from tests.conftest import seeded_postgres_copy
from tests.security.conftest import ADMIN_HASH, ADMIN_PASSWORD, ADMIN_USER, redis_available

PORT_BASE = int(os.environ.get("OB_TEST_PORT_BASE", "59700")) + 40
TEMPLATE = PROJECT_ROOT / "data_access" / "importers" / "native_template.csv"


def _wait_until_up(base: str, process: subprocess.Popen[bytes], log: Path, timeout: float = 120) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"server {base} exited:\n{log.read_text()[-3000:]}")
        try:
            if requests.get(base + "/healthz", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise AssertionError(f"server {base} did not start in {timeout} s:\n{log.read_text()[-3000:]}")


def _start_servers(tmp_path: Path, env_extra: dict[str, str], count: int = 2) -> tuple[list[str], list[subprocess.Popen[bytes]]]:
    secret = uuid.uuid4().hex * 2  # identical on every server, as docs/deploy.md requires
    bases, processes = [], []
    for index in range(count):
        port = PORT_BASE + index
        folder = tmp_path / f"server{index}"
        folder.mkdir()
        env = {
            **os.environ,
            **env_extra,
            "PYTHONPATH": str(PROJECT_ROOT),
            "SECRET_KEY": secret,
            "ADMIN_USER": ADMIN_USER,
            "ADMIN_PASSWORD_HASH": ADMIN_HASH,
            "SESSION_COOKIE_SECURE": "0",
            "UPLOAD_DIR": str(folder / "uploads"),
            "CACHE_DIR": str(folder / "cache"),
        }
        log = folder / "server.log"
        command = [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "1", "--threads", "4"]
        command += ["--timeout", "120", "app:server"]
        processes.append(subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT))
        bases.append(f"http://127.0.0.1:{port}")
    for base, process in zip(bases, processes):
        _wait_until_up(base, process, tmp_path / f"server{bases.index(base)}" / "server.log")
    return bases, processes


def _stop(processes: list[subprocess.Popen[bytes]]) -> None:
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def _sign_in(base: str) -> requests.Session:
    """A browser of its own, signed in on this server only."""
    browser = requests.Session()
    page = browser.get(base + "/admin/login", timeout=10).text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token, page[:500]
    response = browser.post(
        base + "/admin/login",
        data={"username": ADMIN_USER, "password": ADMIN_PASSWORD, "csrf_token": token.group(1)},
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 302, response.text[:500]
    assert browser.get(base + "/admin/import", allow_redirects=False, timeout=30).status_code == 200
    return browser


def _callback(base: str, browser: requests.Session, first_input: str) -> dict[str, Any]:
    """The callback whose first input is ``first_input``, as this server lists it."""
    for spec in browser.get(base + "/_dash-dependencies", timeout=30).json():
        inputs = spec.get("inputs") or []
        if inputs and f"{inputs[0]['id']}.{inputs[0]['property']}" == first_input:
            return spec
    raise AssertionError(f"no callback with input {first_input}")


def _call(base: str, browser: requests.Session, spec: dict[str, Any], inputs: list[Any], state: list[Any]) -> dict[str, Any]:
    def outputs(output: str) -> list[dict[str, str]]:
        parts = output.strip(".").split("...") if output.startswith("..") else [output]
        found = []
        for part in parts:
            ident, _, prop = part.rpartition(".")
            found.append({"id": ident, "property": prop.split("@")[0]})
        return found

    body = {
        "output": spec["output"],
        "outputs": outputs(spec["output"]),
        "inputs": [{**item, "value": value} for item, value in zip(spec["inputs"], inputs)],
        "state": [{**item, "value": value} for item, value in zip(spec["state"], state)],
        "changedPropIds": [f"{spec['inputs'][0]['id']}.{spec['inputs'][0]['property']}"],
    }
    response = browser.post(base + "/_dash-update-component", json=body, timeout=60)
    assert response.status_code == 200, response.text[:500]
    return dict(response.json()["response"])


def _words(component: Any) -> list[str]:
    """The text a person would read in a serialised Dash component tree."""
    if isinstance(component, str):
        return [component]
    if isinstance(component, list):
        return [word for child in component for word in _words(child)]
    if isinstance(component, dict):
        return _words(component.get("props", {}).get("children"))
    return []


def _two_server_import(tmp_path: Path, redis_url: str | None) -> dict[str, Any]:
    from data_access import reads

    db = seeded_postgres_copy("ob_two_servers", "small")
    url = db.url
    env = {"DATABASE_URL": url}
    if redis_url:
        env["REDIS_URL"] = redis_url
    else:
        env["REDIS_URL"] = ""
    bases, processes = _start_servers(tmp_path, env)
    try:
        server_a, server_b = bases
        on_a, on_b = _sign_in(server_a), _sign_in(server_b)

        contents = "data:text/csv;base64," + base64.b64encode(TEMPLATE.read_bytes()).decode()
        checked = _call(server_a, on_a, _callback(server_a, on_a, "admin-import-upload.contents"), [contents], ["two.csv"])
        token = checked["admin-import-token"]["data"]
        assert token and "no problems found" in json.dumps(checked["admin-import-check"]), checked
        assert reads.indicator("local-example-rate", db=db) is None, "the check wrote nothing"

        # the click goes to B: the upload must come from the shared store, not A's disk
        started = _call(server_b, on_b, _callback(server_b, on_b, "admin-import-confirm.n_clicks"), [1], [token])
        assert started["admin-import-job"]["data"] == token, started

        # progress is polled on A (which neither runs the import nor holds the file) and on B in turn
        polls = {server_a: (on_a, _callback(server_a, on_a, "admin-import-poll.n_intervals")), server_b: (on_b, None)}
        polls[server_b] = (on_b, _callback(server_b, on_b, "admin-import-poll.n_intervals"))
        seen: list[str] = []
        finished: dict[str, str] = {}
        deadline = time.time() + 90
        while time.time() < deadline and len(finished) < 2:
            server = server_a if len(seen) % 2 == 0 else server_b
            browser, spec = polls[server]
            assert spec is not None
            answer = _call(server, browser, spec, [len(seen) + 1], [token])
            words = " ".join(_words(answer["admin-import-progress"]["children"]))
            seen.append(f"{'A' if server == server_a else 'B'} (job runs on B): {words[:100]}")
            if answer["admin-import-poll"]["disabled"]:
                finished[server] = words
            time.sleep(0.15)
        print(f"\npolls ({len(seen)}):", *seen, sep="\n  ")
        assert set(finished) == {server_a, server_b}, seen
        assert all("Import complete" in words for words in finished.values()), finished

        assert reads.indicator("local-example-rate", db=db) is not None, "the rows are in the shared database"
        from sqlalchemy import func, select

        from data_access.models import Observation

        with db.read() as session:
            rows = session.scalar(
                select(func.count()).select_from(Observation).where(Observation.indicator_id == "local-example-rate")
            )
        assert rows and rows >= 3, rows
        for server in bases:
            assert not any(p.is_file() for p in (tmp_path / f"server{bases.index(server)}" / "uploads").rglob("*"))
        return {"token": token, "db": db, "polls": seen}
    finally:
        _stop(processes)


@pytest.fixture
def two_server_ports_free() -> Iterator[None]:
    import socket

    for port in (PORT_BASE, PORT_BASE + 1):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                pytest.skip(f"port {port} is in use (OB_TEST_PORT_BASE={PORT_BASE - 40})")
    yield


def test_upload_on_one_server_progress_on_another_with_redis(tmp_path, two_server_ports_free) -> None:
    ok, reason = redis_available()
    if not ok:
        pytest.skip(reason)
    import redis

    from tests.security.conftest import TEST_REDIS_URL

    outcome = _two_server_import(tmp_path, TEST_REDIS_URL)
    stored = redis.Redis.from_url(TEST_REDIS_URL).get(f"ob:import-job:{outcome['token']}")
    assert stored is not None and json.loads(stored)["state"] == "finished", "the job lived in Redis"


def test_upload_on_one_server_progress_on_another_database_only(tmp_path, two_server_ports_free) -> None:
    from sqlalchemy import select

    from data_access.models import ImportJob

    outcome = _two_server_import(tmp_path, None)
    with outcome["db"].read() as session:
        job = session.get(ImportJob, outcome["token"])
        assert job is not None and job.status == "finished", "the job lived in the database"
        assert session.scalar(select(ImportJob.upload).where(ImportJob.id == job.id)) is None, "the upload was dropped"
