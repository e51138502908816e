"""Restart the real local PostgreSQL cluster while gunicorn serves from it; record what clients saw.

    python -m bench.faults --really-restart-postgres [--port 8082] [--cluster "15 main"]

NOT part of ``make test`` or ``make bench``: restarting the cluster breaks every other
connection to it (other people's tests, bench runs). The suite's safe variant stops a TCP proxy
instead (``tests/faults/test_faults.py``). Steps: a throwaway database is created, migrated
and seeded; gunicorn (``deploy/gunicorn.conf.py``) serves it on 127.0.0.1:<port>; one client
polls ``/healthz`` and ``/api/v1/indicators`` every 50 ms; ``pg_ctlcluster --skip-systemctl-redirect
<version> <name> restart`` runs; polling goes on until 10 s of successes. Printed: how long
requests failed, their status codes, whether any response held a traceback, and that the app
process was never restarted.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter

import requests
from sqlalchemy import create_engine, text

from bench.load import PROJECT_ROOT, _start_server

ADMIN = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.faults", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--really-restart-postgres", action="store_true", required=True)
    parser.add_argument("--port", type=int, default=8082)
    parser.add_argument("--cluster", default="15 main")
    args = parser.parse_args(argv)
    if not shutil.which("pg_ctlcluster"):
        print("pg_ctlcluster not found: nothing to do", file=sys.stderr)
        return 2

    name = f"ob_faults_{uuid.uuid4().hex[:8]}"
    admin = create_engine(ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))  # generated name
    url = ADMIN.rsplit("/", 1)[0] + f"/{name}"
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    for command in ("migrate", "seed"):
        subprocess.run(
            [sys.executable, "-m", "data_access", "--database-url", url, command],
            cwd=PROJECT_ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
    server = _start_server(args.port, url)
    base = f"http://127.0.0.1:{args.port}"
    statuses: Counter[str] = Counter()
    tracebacks = 0
    first_fail = last_fail = None
    try:
        version, cluster = args.cluster.split()
        restart = subprocess.Popen(["pg_ctlcluster", "--skip-systemctl-redirect", version, cluster, "restart"])
        ok_since = None
        deadline = time.time() + 120
        while time.time() < deadline:
            for path in ("/healthz", "/api/v1/indicators"):
                try:
                    response = requests.get(base + path, timeout=5)
                    code = str(response.status_code)
                    tracebacks += "Traceback" in response.text
                except requests.RequestException as error:
                    code = error.__class__.__name__
                statuses[f"{path} {code}"] += 1
                now = time.time()
                if code != "200":
                    first_fail = first_fail or now
                    last_fail = now
                    ok_since = None
                else:
                    ok_since = ok_since or now
            if restart.poll() is not None and ok_since and time.time() - ok_since > 10:
                break
            time.sleep(0.05)
        alive = server.poll() is None
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    outage = (last_fail - first_fail) if first_fail and last_fail else 0.0
    print(
        f"requests failed for {outage:.1f} s; responses: {dict(statuses)}; tracebacks: {tracebacks}; "
        f"app process kept running throughout: {alive}"
    )
    return 0 if tracebacks == 0 and alive else 1


if __name__ == "__main__":
    raise SystemExit(main())
