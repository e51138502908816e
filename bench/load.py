"""Load: 50 concurrent clients for 60 s against the production server (gunicorn) on 127.0.0.1.

    python -m bench.load [--clients 50] [--seconds 60] [--port 8081] [--url http://127.0.0.1:8081]
                         [--database-url URL] [--write BENCHMARKS.md]

Without ``--url`` it starts gunicorn itself exactly as ``make serve`` does (``deploy/gunicorn.conf.py``,
debug off) on ``127.0.0.1:<port>`` against a migrated, seeded SQLite copy under ``bench/out/``
(or ``--database-url``), and stops it afterwards. Each client is a thread with its own HTTP
session walking a fixed mix of what a visitor's browser asks for — page HTML, the page-routing
callback (the page's content), the layout and dependency JSON, a stylesheet — and of API calls.
The loop is bounded: it stops at the deadline (and at ``--max-requests`` per client), and every
request has a 10 s timeout. An error is an exception or any status other than the expected one.
Prints the count, rate, p50/p95/p99/max and errors; ``--write`` appends them to BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests

PROJECT_ROOT = Path(__file__).resolve().parents[1]
OUT = PROJECT_ROOT / "bench" / "out"


def _router(path: str, search: str = "") -> dict:
    from tests.dash_routing import routing_request

    return routing_request(path, search)


#: (label, method, path, json body, expected status)
MIX: list[tuple[str, str, str, dict | None, int]] = [
    ("GET /", "GET", "/", None, 200),
    ("page content /", "POST", "/_dash-update-component", _router("/"), 200),
    ("GET /compare", "GET", "/compare", None, 200),
    ("page content /compare", "POST", "/_dash-update-component", _router("/compare"), 200),
    ("page content /compare all districts", "POST", "/_dash-update-component", _router("/compare", "?areas=all"), 200),
    ("GET /_dash-layout", "GET", "/_dash-layout", None, 200),
    ("GET /_dash-dependencies", "GET", "/_dash-dependencies", None, 200),
    ("page content /trends", "POST", "/_dash-update-component", _router("/trends"), 200),
    ("page content /gaps", "POST", "/_dash-update-component", _router("/gaps"), 200),
    ("page content /indicators", "POST", "/_dash-update-component", _router("/indicators"), 200),
    ("page content /about", "POST", "/_dash-update-component", _router("/about"), 200),
    ("GET /assets/style.css", "GET", "/assets/style.css", None, 200),
    ("GET /api/v1/indicators", "GET", "/api/v1/indicators", None, 200),
    ("GET /api/v1/areas", "GET", "/api/v1/areas", None, 200),
    ("GET /api/v1/data.json", "GET", "/api/v1/data.json?indicator=u18-conceptions", None, 200),
    ("GET /healthz", "GET", "/healthz", None, 200),
]


def _seeded_sqlite() -> str:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / "load.db"
    url = f"sqlite:///{path}"
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    for command in ("migrate", "seed"):
        subprocess.run(
            [sys.executable, "-m", "data_access", "--database-url", url, command],
            cwd=PROJECT_ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
    return url


def _start_server(port: int, database_url: str) -> subprocess.Popen:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    env = {
        **os.environ,
        "PYTHONPATH": str(PROJECT_ROOT),
        "DATABASE_URL": database_url,
        "BIND": f"127.0.0.1:{port}",
        "DASH_DEBUG": "0",
        "CACHE_DIR": str(OUT / "load_cache"),
        "LOG_LEVEL": "warning",
    }
    log = open(OUT / f"load_gunicorn_{port}.log", "w")  # closed with the process
    process = subprocess.Popen(
        [str(gunicorn), "--config", "deploy/gunicorn.conf.py", "--access-logfile", "/dev/null", "app:server"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.time() + 90
    while time.time() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited early; see {log.name}")
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                break
        except requests.RequestException:
            time.sleep(0.5)
    else:
        os.killpg(process.pid, signal.SIGTERM)
        raise SystemExit("gunicorn did not answer within 90 s")
    return process


def run_load(base: str, clients: int, seconds: float, max_requests: int, think: float = 0.0) -> dict:
    # warm every worker's caches a little first (not counted)
    with requests.Session() as warm:
        for _ in range(3):
            for _label, method, path, body, _status in MIX:
                warm.request(method, base + path, json=body, timeout=30)

    latencies: list[float] = []
    errors: list[str] = []
    per_label: dict[str, list[float]] = {label: [] for label, *_ in MIX}
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds

    def client(number: int) -> None:
        mine: list[tuple[str, float]] = []
        bad: list[str] = []
        pause = random.Random(number)
        with requests.Session() as session:
            i = number
            for _ in range(max_requests):
                if time.perf_counter() >= stop_at:
                    break
                label, method, path, body, expected = MIX[i % len(MIX)]
                i += 1
                started = time.perf_counter()
                try:
                    response = session.request(method, base + path, json=body, timeout=10)
                    _ = response.content
                    if response.status_code != expected or "Traceback" in response.text:
                        bad.append(f"{label}: HTTP {response.status_code}")
                except requests.RequestException as error:
                    bad.append(f"{label}: {error.__class__.__name__}")
                mine.append((label, (time.perf_counter() - started) * 1000))
                if think > 0:  # a person reading the page: uniform 0.5×–1.5× the mean, never past the deadline
                    time.sleep(max(0.0, min(pause.uniform(0.5, 1.5) * think, stop_at - time.perf_counter())))
        with lock:
            for label, ms in mine:
                latencies.append(ms)
                per_label[label].append(ms)
            errors.extend(bad)

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 30)
    elapsed = time.perf_counter() - began
    latencies.sort()

    def pct(values: list[float], p: float) -> float:
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] if ordered else float("nan")

    return {
        "think": think,
        "clients": clients,
        "seconds": round(elapsed, 1),
        "requests": len(latencies),
        "rate": len(latencies) / elapsed if elapsed else 0.0,
        "p50": pct(latencies, 50),
        "p95": pct(latencies, 95),
        "p99": pct(latencies, 99),
        "max": latencies[-1] if latencies else float("nan"),
        "mean": statistics.fmean(latencies) if latencies else float("nan"),
        "errors": len(errors),
        "error_samples": sorted(set(errors))[:10],
        "per_label": {label: (len(v), pct(v, 50), pct(v, 95)) for label, v in per_label.items()},
        "stuck_threads": sum(t.is_alive() for t in threads),
    }


def report(result: dict, note: str) -> str:
    lines = [
        f"## Load {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC · `python -m bench.load`",
        "",
        f"Machine: {platform.platform()} · {os.cpu_count()} cores. {note}",
        "",
        f"{result['clients']} concurrent clients "
        + (
            f"(each pausing {result['think']:g} s on average between requests) "
            if result["think"]
            else "(closed loop, no pause between requests) "
        )
        + f"for {result['seconds']} s against gunicorn (`deploy/gunicorn.conf.py`, debug off) on 127.0.0.1: "
        f"**{result['requests']:,} requests ({result['rate']:.0f}/s), {result['errors']} errors, "
        f"p50 {result['p50']:.0f} ms, p95 {result['p95']:.0f} ms**, p99 {result['p99']:.0f} ms, max {result['max']:.0f} ms "
        f"(target: 0 errors, p95 ≤ 300 ms — {'met' if result['errors'] == 0 and result['p95'] <= 300 else 'NOT met'}).",
        "",
        "| request | count | p50 ms | p95 ms |",
        "|---|---:|---:|---:|",
    ]
    for label, (count, p50, p95) in result["per_label"].items():
        lines.append(f"| {label} | {count:,} | {p50:.0f} | {p95:.0f} |")
    if result["error_samples"]:
        lines += ["", "Errors seen: " + "; ".join(result["error_samples"])]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.load", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--url", default=None, help="an already running server (otherwise gunicorn is started here)")
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--max-requests", type=int, default=100_000, help="per client; a second bound on the loop")
    parser.add_argument(
        "--think", type=float, default=0.0, help="mean pause per client between requests, seconds (0: closed loop)"
    )
    parser.add_argument("--write", default=None, help="append the figures to this Markdown file (e.g. BENCHMARKS.md)")
    parser.add_argument("--note", default="", help="context for the report (e.g. other load on the machine)")
    args = parser.parse_args(argv)

    process = None
    base = args.url
    if base is None:
        database_url = args.database_url or _seeded_sqlite()
        process = _start_server(args.port, database_url)
        base = f"http://127.0.0.1:{args.port}"
        note = f"Database: {database_url.split('://')[0]} (seeded). " + args.note
    else:
        note = args.note
    try:
        result = run_load(base.rstrip("/"), args.clients, args.seconds, args.max_requests, args.think)
    finally:
        if process is not None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
            shutil.rmtree(OUT / "load_cache", ignore_errors=True)
    text = report(result, note.strip())
    print(text)
    if args.write:
        with open(args.write, "a", encoding="utf-8") as handle:
            handle.write("\n" + text)
    return 0 if result["errors"] == 0 and result["stuck_threads"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
