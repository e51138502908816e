"""Page callbacks on the real published data: the routing callback for each default page and a
mix of councils and districts, cache cold (first request for the URL) and warm (repeated).

    python -m bench.real_pages [--database-url URL] [--repeat 5] [--cache off|file]

``--cache off`` (the default) runs with no cache at all: neither page responses nor the read
caches (``data_access.cache``) carry work from one URL to the next, so each cold figure is that
page's own work. ``cpu ms`` is this process's CPU time for the cold request: on a machine shared
with other jobs wall time swings with the load, CPU time much less (the database server's own
time is not in it, so on PostgreSQL read it beside the wall figure).

Why: ``bench.run`` times the generated national data set; this times the published data
as users see it (every English area, about 650,000 values), through the Flask test client (no
network, one process), so the figures isolate the server's own work.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import statistics
import tempfile
import time
from urllib.parse import urlsplit

URLS = [
    "/",
    "/?area=E07000243",
    "/compare",
    "/compare?areas=E07000117,E07000120",
    "/compare?indicator=ks2-rwm-expected&areas=all",
    "/gaps",
    "/gaps?phase=eyfs",
    "/trends",
    "/trends?indicator=injury-admissions-0-14&areas=E10000012",
    "/area/E10000015",
    "/area/E07000243",
    "/area/E10000012",
    "/area/E10000015?topic=children-looked-after",
    "/indicators",
    "/neighbours",
    "/neighbours?area=E10000015&indicator=cla-three-plus-placements",
    "/neighbours?area=E06000023",
    "/send",
    "/send?area=E07000243",
    "/send?area=E06000023&benchmark=sn",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.real_pages", description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", "sqlite:///instance/outcome_bees.db"))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--cache", choices=["off", "file"], default="off")
    args = parser.parse_args(argv)

    from app import create_app
    from settings import Settings
    from tests.dash_routing import routing_request

    with tempfile.TemporaryDirectory() as cache:
        cache_dir = cache if args.cache == "file" else ""
        client = create_app(Settings(database_url=args.database_url, cache_dir=cache_dir)).server.test_client()
        client.get("/")
        # as the production server does before it forks its workers (deploy/gunicorn.conf.py,
        # ``when_ready``): start-up objects frozen, so a full collection in a request does not walk
        # them (unfrozen, one took 150-330 ms and fell on whichever page was being built)
        gc.collect()
        gc.freeze()
        print(
            f"machine: {platform.node()} · {os.cpu_count()} cores · Python {platform.python_version()} · "
            f"{time.strftime('%Y-%m-%d %H:%M %Z')} · {args.database_url.split('://')[0]} · cache {args.cache} · "
            f"load average {os.getloadavg()[0]:.1f}"
        )
        print("| page | cold ms | cold cpu ms | warm p50 ms | warm max ms |")
        print("|---|---:|---:|---:|---:|")
        colds, cpus, warms = [], [], []
        for url in URLS:
            parts = urlsplit(url)
            body = routing_request(parts.path, f"?{parts.query}" if parts.query else "")
            start, cpu_start = time.perf_counter(), time.process_time()
            response = client.post("/_dash-update-component", json=body)
            cold = (time.perf_counter() - start) * 1000
            cpu = (time.process_time() - cpu_start) * 1000
            assert response.status_code == 200, (url, response.status_code)
            times = []
            for _ in range(args.repeat):
                start = time.perf_counter()
                client.post("/_dash-update-component", json=body)
                times.append((time.perf_counter() - start) * 1000)
            colds.append(cold)
            cpus.append(cpu)
            warms.extend(times)
            print(f"| `{url}` | {cold:.0f} | {cpu:.0f} | {statistics.median(times):.0f} | {max(times):.0f} |")
        print(
            f"\ncold: median {statistics.median(colds):.0f} ms, p95 {p95(colds):.0f} ms, max {max(colds):.0f} ms; "
            f"cold cpu: median {statistics.median(cpus):.0f} ms, p95 {p95(cpus):.0f} ms; "
            f"warm: median {statistics.median(warms):.1f} ms, max {max(warms):.1f} ms"
        )
    return 0


def p95(values: list[float]) -> float:
    """The 95th percentile as the earlier figures in BENCHMARKS.md took it (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


if __name__ == "__main__":
    raise SystemExit(main())
