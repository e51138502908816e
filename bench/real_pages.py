"""Page callbacks on the real published data: the routing callback for each default page and a
mix of councils and districts, cache cold (first request for the URL) and warm (repeated).

    python -m bench.real_pages [--database-url URL] [--repeat 5]

Why: ``bench.run`` times the generated national data set; this times the published-data pack
as users see it (every English area, about 650,000 values), through the Flask test client (no
network, one process), so the figures isolate the server's own work.
"""

from __future__ import annotations

import argparse
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
    args = parser.parse_args(argv)

    from app import create_app
    from settings import Settings
    from web.performance import routing_request

    with tempfile.TemporaryDirectory() as cache:
        client = create_app(Settings(database_url=args.database_url, cache_dir=cache)).server.test_client()
        client.get("/")
        print(
            f"machine: {platform.node()} · {os.cpu_count()} cores · Python {platform.python_version()} · "
            f"{time.strftime('%Y-%m-%d %H:%M %Z')} · {args.database_url.split('://')[0]}"
        )
        print("| page | cold ms | warm p50 ms | warm max ms |")
        print("|---|---:|---:|---:|")
        colds, warms = [], []
        for url in URLS:
            parts = urlsplit(url)
            body = routing_request(parts.path, f"?{parts.query}" if parts.query else "")
            start = time.perf_counter()
            response = client.post("/_dash-update-component", json=body)
            cold = (time.perf_counter() - start) * 1000
            assert response.status_code == 200, (url, response.status_code)
            times = []
            for _ in range(args.repeat):
                start = time.perf_counter()
                client.post("/_dash-update-component", json=body)
                times.append((time.perf_counter() - start) * 1000)
            colds.append(cold)
            warms.extend(times)
            print(f"| `{url}` | {cold:.0f} | {statistics.median(times):.0f} | {max(times):.0f} |")
        colds.sort()
        p95 = colds[min(len(colds) - 1, int(round(0.95 * (len(colds) - 1))))]
        print(
            f"\ncold: median {statistics.median(colds):.0f} ms, p95 {p95:.0f} ms, max {max(colds):.0f} ms; "
            f"warm: median {statistics.median(warms):.1f} ms, max {max(warms):.1f} ms"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
