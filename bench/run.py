"""``make bench``: read functions, callbacks over HTTP, the browser and server memory, beside two baselines.

    python -m bench.run [--scale national] [--backends sqlite,postgresql] [--iterations 40]
                        [--no-browser] [--no-http] [--two-servers] [--note "what changed"]
                        [--output bench/history/runs.md | --no-write]

Everything runs on the same generated data in one run (``bench.generate``; cached under
``bench/out/`` for SQLite and in the PostgreSQL database ``ob_bench_<scale>``, regenerated only
when absent or incomplete). For each backend:

* every ``data_access.reads`` function the compare and trends callbacks call, with the shared
  cache OFF (the database work itself), p50/p95 over a seeded mix of indicators and areas;
* the floor: the same answer from a hand-written Core ``select()`` on a Core connection, rows
  fetched, no pandas, no ORM session;
* the naive baseline: ``pd.read_sql_table("observation")`` then merge and filter in pandas, what a
  typical Dash app does. At national scale the table does not fit a sensible worker (≈ 5 GB of
  DataFrame), so it is timed on the first N rows and scaled linearly to the full count (stated);
* whole page callbacks over HTTP: ``POST /_dash-update-component`` for Dash's pages routing
  callback (``_pages_location`` → ``_pages_content``), exactly what the browser sends when the URL
  changes, against gunicorn (``deploy/gunicorn.conf.py``, 4 workers), cache cold and warm;
* headless Chromium on loopback: time to the first painted chart (``.js-plotly-plot .main-svg``
  observed from ``performance.now()``), cold (new profile, server cache cleared) and warm (second
  visit), and the bytes a first visit transfers (Performance API ``transferSize``);
* RSS (and PSS, which counts shared copy-on-write pages once) of the gunicorn master + workers.

Plus: import rows/s (``data_access.importers.service.import_file`` on a generated native CSV, and
the generator's own bulk load), export times (``/export/compare.csv|svg``), and with
``--two-servers`` two gunicorn processes on ports 8071/8072 sharing one PostgreSQL and one Redis.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import os
import platform
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from settings import PROJECT_ROOT

if TYPE_CHECKING:
    from sqlalchemy import Connection

OUT = PROJECT_ROOT / "bench" / "out"
PG_ADMIN = os.environ.get("BENCH_POSTGRES_ADMIN_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
PORTS = (8071, 8072)
TARGET_CALLBACK_MS = 50.0
TARGET_VS_FLOOR = 1.5
TARGET_VS_NAIVE = 20.0
TARGET_FIRST_CHART_S = 1.5
TARGET_BYTES = 1.5 * 1024 * 1024
TARGET_RSS_MB = 400.0
CHROME_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1400,1000",
]


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# ------------------------------------------------------------------ statistics


@dataclass
class Timing:
    name: str
    samples: list[float] = field(default_factory=list)  # seconds

    def p(self, q: float) -> float:
        if not self.samples:
            return float("nan")
        ordered = sorted(self.samples)
        index = min(len(ordered) - 1, max(0, int(round(q / 100 * (len(ordered) - 1)))))
        return ordered[index] * 1000

    @property
    def p50(self) -> float:
        return self.p(50)

    @property
    def p95(self) -> float:
        return self.p(95)


_T = TypeVar("_T")


def each(call: Callable[[_T], object], items: Iterable[_T]) -> list[Callable[[], object]]:
    """One zero-argument call per item, its item bound now (a bare closure would see only the last item)."""
    return [functools.partial(call, item) for item in items]


def timed(name: str, calls: list[Callable[[], Any]], warmup: int = 1) -> Timing:
    for call in calls[:warmup]:
        call()
    timing = Timing(name)
    for call in calls:
        started = time.perf_counter()
        call()
        timing.samples.append(time.perf_counter() - started)
    return timing


# ------------------------------------------------------------------ databases


def sqlite_url(scale: str) -> str:
    return f"sqlite:///{OUT / f'{scale}.db'}"


def postgres_url(scale: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(PG_ADMIN).set(database=f"ob_bench_{scale}").render_as_string(hide_password=False)


def ensure_database(url: str, scale: str) -> dict:
    """Reuse a complete generation of the same scale; otherwise (re)generate. Always migrate to head."""
    from bench.generate import GENERATOR_VERSION, generate, generated_scale
    from data_access.database import Database
    from data_access.schema import migrate

    if url.startswith("postgresql"):
        from sqlalchemy import create_engine, text
        from sqlalchemy.engine import make_url

        name = make_url(url).database
        admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            exists = connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).first()
            if not exists:
                connection.execute(text(f'CREATE DATABASE "{name}"'))  # name built here from the scale
        admin.dispose()
    db = Database(url)
    meta = generated_scale(db)
    if meta and meta.get("scale") == scale and meta.get("version") == GENERATOR_VERSION:
        log(f"reusing {db!r}: {meta['observations']:,} observations")
        started = time.perf_counter()
        migrate(db)  # a new index migration lands on the cached data here
        meta["migrate_seconds"] = round(time.perf_counter() - started, 1)
        meta["reused"] = True
        return meta
    log(f"generating {scale} into {db!r}")
    meta = generate(url, scale)
    meta["reused"] = False
    return meta


# ------------------------------------------------------------------ workload


@dataclass(frozen=True)
class Case:
    indicator: str
    areas: tuple[str, ...]
    benchmark: str
    breakdown: str | None = None


def workload(db_url: str, n: int, seed: int = 7) -> tuple[list[Case], list[Case]]:
    """Seeded compare (districts vs their county) and trends (upper-tier areas vs England+region) cases."""
    from data_access import reads
    from data_access.database import Database

    db = Database(db_url)
    areas = reads.areas(db=db)
    indicators = [i for i in reads.indicators(db=db)["id"] if str(i).startswith("bench-ind-")]
    districts = areas[areas["level"] == "district"]
    uppers = areas[areas["level"].isin(["county", "unitary"])]["code"].tolist()
    # pandas-stubs types to_dict() keys as Hashable; the group keys are area codes (str)
    by_parent = cast(dict[str, list[str]], districts.groupby("parent_code")["code"].apply(list).to_dict())
    rng = random.Random(seed)
    compare, trends = [], []
    for _ in range(n):
        parent = rng.choice(sorted(by_parent))
        picks = tuple(rng.sample(by_parent[parent], min(len(by_parent[parent]), rng.randint(2, 4))))
        compare.append(Case(rng.choice(indicators), picks, parent))
        trends.append(
            Case(rng.choice(indicators), tuple(rng.sample(uppers, min(len(uppers), rng.randint(1, 3)))), "E92000001,E12000006")
        )
    return compare, trends


def compare_url(case: Case) -> str:
    return "/compare?" + urllib.parse.urlencode(
        {"indicator": case.indicator, "areas": ",".join(case.areas), "benchmark": case.benchmark}
    )


def trends_url(case: Case) -> str:
    return "/trends?" + urllib.parse.urlencode(
        {"indicator": case.indicator, "areas": ",".join(case.areas), "benchmark": case.benchmark}
    )


# ------------------------------------------------------------------ reads, floor, naive


def bare_series(connection: Connection, indicator: str, codes: list[str]) -> Sequence[Sequence[Any]]:
    """The floor for ``reads.series``: same columns, same joins, same order; rows fetched, no pandas."""
    from sqlalchemy import select

    from data_access.models import TOTAL, Area, Observation, Period, Source

    o, a, p, s = Observation.__table__.c, Area.__table__.c, Period.__table__.c, Source.__table__.c
    statement = (
        select(
            o.indicator_id,
            o.area_code,
            a.name,
            a.level,
            p.label,
            p.period_type,
            p.sort_key,
            o.breakdown_dimension,
            o.breakdown_value,
            o.kind,
            o.value,
            o.value_text,
            o.lower_ci95,
            o.upper_ci95,
            o.lower_ci998,
            o.upper_ci998,
            o.count,
            o.denominator,
            o.status,
            o.value_note,
            o.qualifier,
            o.illustrative,
            s.title,
            s.publisher,
            s.url,
            s.file,
            o.source_line,
        )
        .select_from(
            Observation.__table__.join(Area.__table__, a.code == o.area_code)
            .join(Period.__table__, p.id == o.period_id)
            .join(Source.__table__, s.id == o.source_id)
        )
        .where(
            o.indicator_id == indicator,
            o.breakdown_dimension == TOTAL,
            o.kind == "actual",
            o.area_code.in_(codes),
            o.breakdown_value == TOTAL,
        )
        .order_by(p.sort_key, a.sort_order, a.name, o.breakdown_value)
    )
    return connection.execute(statement).all()


def bare_periods(connection: Connection, indicator: str) -> Sequence[Sequence[Any]]:
    from sqlalchemy import select

    from data_access.models import Observation, Period

    o, p = Observation.__table__.c, Period.__table__.c
    statement = (
        select(p.label, p.period_type, p.sort_key, p.start_date, p.end_date)
        .select_from(Period.__table__.join(Observation.__table__, o.period_id == p.id))
        .where(o.indicator_id == indicator, o.kind == "actual")
        .distinct()
        .order_by(p.sort_key)
    )
    return connection.execute(statement).all()


def bare_breakdowns(connection: Connection, indicator: str) -> Sequence[Sequence[Any]]:
    from sqlalchemy import select

    from data_access.models import Observation

    o = Observation.__table__.c
    statement = (
        select(o.breakdown_dimension, o.breakdown_value)
        .where(o.indicator_id == indicator)
        .distinct()
        .order_by(o.breakdown_dimension, o.breakdown_value)
    )
    return connection.execute(statement).all()


def naive_series(db_url: str, cases: list[Case], sample_rows: int | None) -> dict:
    """Load observation (+ area, period, source) into pandas and filter: per callback, as naive apps do."""
    import pandas as pd
    from sqlalchemy import func, select

    from data_access.database import Database
    from data_access.models import TOTAL, Observation

    db = Database(db_url)
    with db.engine.connect() as connection:
        total = connection.execute(select(func.max(Observation.id))).scalar() or 0
    timings = []
    for case in cases:
        started = time.perf_counter()
        with db.engine.connect() as connection:
            if sample_rows and sample_rows < total:
                obs = pd.read_sql_query(select(Observation.__table__).where(Observation.id <= sample_rows), connection)
            else:
                obs = pd.read_sql_table("observation", connection)
            area = pd.read_sql_table("area", connection)
            period = pd.read_sql_table("period", connection)
            source = pd.read_sql_table("source", connection)
        frame = obs[
            (obs["indicator_id"] == case.indicator)
            & (obs["breakdown_dimension"] == TOTAL)
            & (obs["breakdown_value"] == TOTAL)
            & (obs["kind"] == "actual")
            & obs["area_code"].isin([*case.areas, case.benchmark, "E92000001"])
        ]
        frame = (
            frame.merge(area, left_on="area_code", right_on="code")
            .merge(period, left_on="period_id", right_on="id", suffixes=("", "_p"))
            .merge(source, left_on="source_id", right_on="id", suffixes=("", "_s"))
        )
        frame.sort_values(["sort_key", "sort_order", "name"])
        seconds = time.perf_counter() - started
        loaded = len(obs)
        del obs, frame
        scale_factor = total / loaded if loaded else 1.0
        timings.append(seconds * scale_factor)
    return {
        "timing": Timing("naive pandas", timings),
        "sample_rows": sample_rows if sample_rows and sample_rows < total else total,
        "total_rows": total,
    }


def bench_reads(db_url: str, compare: list[Case], trends: list[Case]) -> list[Timing]:
    """Read functions with the shared cache OFF (database work), next to the bare-SQL floor."""
    from data_access import cache, reads
    from data_access.database import Database
    from data_access.models import TOTAL

    cache.disable()
    db = Database(db_url)
    out: list[Timing] = []

    def wanted(case: Case) -> list[str]:
        return list(dict.fromkeys([*case.areas, case.benchmark, "E92000001"]))

    out.append(
        timed(
            "reads.series (compare)",
            each(
                lambda c: reads.series(c.indicator, wanted(c), breakdown_dimension=TOTAL, breakdown_values=[TOTAL], db=db),
                compare,
            ),
        )
    )
    with db.engine.connect() as connection:
        out.append(
            timed(
                "floor: bare select (compare series)",
                each(lambda c: bare_series(connection, c.indicator, wanted(c)), compare),
            )
        )
    trend_codes = [list(dict.fromkeys([*c.areas, *c.benchmark.split(",")])) for c in trends]
    out.append(
        timed("reads.series (trends)", each(lambda cw: reads.series(cw[0].indicator, cw[1], db=db), zip(trends, trend_codes)))
    )
    with db.engine.connect() as connection:
        out.append(
            timed(
                "floor: bare select (trends series)",
                each(lambda cw: bare_series(connection, cw[0].indicator, cw[1]), zip(trends, trend_codes)),
            )
        )
    out.append(timed("reads.periods", each(lambda c: reads.periods(c.indicator, db=db), compare)))
    with db.engine.connect() as connection:
        out.append(timed("floor: bare select (periods)", each(lambda c: bare_periods(connection, c.indicator), compare)))
    out.append(timed("reads.breakdowns", each(lambda c: reads.breakdowns(c.indicator, db=db), compare)))
    with db.engine.connect() as connection:
        out.append(timed("floor: bare select (breakdowns)", each(lambda c: bare_breakdowns(connection, c.indicator), compare)))
    out.append(timed("reads.indicator", each(lambda c: reads.indicator(c.indicator, db=db), compare)))
    out.append(timed("reads.resolve_area_code", each(lambda c: reads.resolve_area_code(c.areas[0], db=db), compare)))
    out.append(timed("reads.area", each(lambda c: reads.area(c.areas[0], db=db), compare)))
    out.append(timed("reads.latest_values", each(lambda c: reads.latest_values([c.indicator], wanted(c), db=db), compare)))
    few = compare[: max(3, len(compare) // 4)]
    out.append(timed("reads.indicators (catalogue)", [lambda: reads.indicators(db=db) for _ in few]))
    out.append(timed("reads.areas", [lambda: reads.areas(db=db) for _ in few]))
    out.append(timed("cache.data_version", [lambda: cache.data_version(db) for _ in compare]))
    return out


# ------------------------------------------------------------------ servers


@contextmanager
def gunicorn(
    db_url: str, port: int, *, workers: int = 4, redis_url: str | None = None, cache_dir: str | None = None
) -> Iterator[subprocess.Popen[bytes]]:
    env = {
        **os.environ,
        "DATABASE_URL": db_url,
        "BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": str(workers),
        "LOG_LEVEL": "warning",
        "PYTHONPATH": str(PROJECT_ROOT),
    }
    env.pop("REDIS_URL", None)
    if redis_url:
        env["REDIS_URL"] = redis_url
    if cache_dir:
        env["CACHE_DIR"] = cache_dir
    logfile = open(OUT / f"gunicorn_{port}.log", "w")  # closed below
    process = subprocess.Popen(
        [
            str(PROJECT_ROOT / ".venv" / "bin" / "gunicorn"),
            "--config",
            str(PROJECT_ROOT / "deploy" / "gunicorn.conf.py"),
            "--access-logfile",
            "/dev/null",
            "app:server",
        ],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=logfile,
        stderr=subprocess.STDOUT,
    )
    try:
        import requests

        deadline = time.time() + 90
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn on {port} exited; see {OUT / f'gunicorn_{port}.log'}")
            try:
                if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                    break
            except requests.RequestException:
                pass
            if time.time() > deadline:
                raise RuntimeError(f"gunicorn on {port} did not answer /healthz")
            time.sleep(0.5)
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        logfile.close()


def server_memory(process: subprocess.Popen) -> dict:
    import psutil

    parent = psutil.Process(process.pid)
    procs = [parent, *parent.children(recursive=True)]
    rss = sum(p.memory_info().rss for p in procs)
    pss: float
    try:
        pss = sum(p.memory_full_info().pss for p in procs)
    except (psutil.AccessDenied, AttributeError):
        pss = float("nan")
    return {"processes": len(procs), "rss_mb": rss / 2**20, "pss_mb": pss / 2**20}


def routing_payload(url: str) -> dict:
    """The body the Dash renderer POSTs when ``dcc.Location`` changes: the pages routing callback."""
    parts = urllib.parse.urlsplit(url)
    search = f"?{parts.query}" if parts.query else ""
    from tests.dash_routing import routing_request

    return routing_request(parts.path, search) | {
        "changedPropIds": ["_pages_location.search"],
        "parsedChangedPropsIds": ["_pages_location.search"],
        "state": [],
    }


def http_callbacks(base: str, urls: list[str], label: str) -> tuple[Timing, list[int]]:
    import requests

    session = requests.Session()
    session.get(base + "/", timeout=30)  # the first visit, as a browser would
    timing, statuses = Timing(label), []
    for url in urls:
        started = time.perf_counter()
        response = session.post(
            base + "/_dash-update-component", json=routing_payload(url), headers={"Accept-Encoding": "gzip, br"}, timeout=60
        )
        timing.samples.append(time.perf_counter() - started)
        statuses.append(response.status_code)
        if response.status_code != 200 or "_pages_content" not in response.text:
            log(f"  {url}: HTTP {response.status_code} {response.text[:200]}")
    return timing, statuses


def clear_shared_cache(redis_url: str | None, cache_dir: str | None) -> None:
    from data_access import cache

    backend = cache.make_backend(redis_url, cache_dir)
    backend.clear()


# ------------------------------------------------------------------ browser


_OBSERVER = """
window.__ob_chart = null;
new MutationObserver(function (list, observer) {
  if (window.__ob_chart === null && document.querySelector('.js-plotly-plot .main-svg')) {
    window.__ob_chart = performance.now(); observer.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
"""


def browser_timings(base: str, url: str, profile_dir: Path) -> dict:
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for flag in CHROME_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile_dir}")
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "chromedriver"), options=options)
    results: dict[str, Any] = {}
    try:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": _OBSERVER})
        driver.execute_cdp_cmd("Network.enable", {})
        for visit in ("cold", "warm"):
            if visit == "warm":
                driver.get("about:blank")
            driver.get(base + url)
            deadline = time.time() + 30
            chart = None
            while time.time() < deadline:
                chart = driver.execute_script("return window.__ob_chart")
                if chart is not None:
                    break
                time.sleep(0.05)
            time.sleep(1.0)  # let late resources finish so transfer sizes are complete
            entries = driver.execute_script(
                "return [performance.getEntriesByType('navigation')[0].transferSize,"
                " performance.getEntriesByType('resource').map(function (r) {"
                "   return [r.name, r.transferSize, r.encodedBodySize, r.decodedBodySize]; })]"
            )
            nav_bytes, resources = entries
            transferred = (nav_bytes or 0) + sum(r[1] or 0 for r in resources)
            results[visit] = {
                "chart_ms": chart,
                "bytes": transferred,
                "decoded_bytes": sum(r[3] or 0 for r in resources),
                "resources": len(resources),
                "largest": sorted(((r[1] or 0, r[0].split("?")[0].rsplit("/", 1)[-1]) for r in resources), reverse=True)[:3],
            }
    finally:
        driver.quit()
    return results


# ------------------------------------------------------------------ imports and exports


def import_rate(rows: int = 60_000) -> dict:
    """``import_file`` on a generated native CSV into a fresh small-scale SQLite."""
    import pandas as pd

    from bench.generate import generate
    from data_access import reads
    from data_access.database import Database
    from data_access.importers.service import import_file

    workdir = Path(tempfile.mkdtemp(prefix="ob_import_"))
    try:
        url = f"sqlite:///{workdir / 'import.db'}"
        generate(url, "small", quiet=True)
        db = Database(url)
        codes = reads.areas(db=db)[["code", "name"]].values.tolist()
        periods = [f"{y}-{(y + 1) % 100:02d}" for y in range(2009, 2024)]
        n_ind = max(1, rows // (len(codes) * len(periods)))
        records = []
        for i in range(n_ind):
            for code, name in codes:
                for j, period in enumerate(periods):
                    value = 20 + (i * 7 + j * 3 + len(code)) % 50
                    records.append(
                        {
                            "indicator_id": f"bench-import-{i:04d}",
                            "indicator_name": f"Imported indicator {i}",
                            "unit": "per 10,000 children",
                            "value_type": "rate_per_10000",
                            "polarity": "no_judgement",
                            "period_type": "financial",
                            "area_code": code,
                            "area_name": name,
                            "period": period,
                            "breakdown_dimension": "Total",
                            "breakdown_value": "Total",
                            "kind": "actual",
                            "value": value,
                            "status": "",
                            "lower_ci95": value - 2,
                            "upper_ci95": value + 2,
                            "count": value * 10,
                            "denominator": 10000,
                            "publisher": "Bench",
                        }
                    )
        path = workdir / "native.csv"
        pd.DataFrame(records).to_csv(path, index=False)
        report = import_file(db, path)
        ok = not report.problems
        return {
            "rows": report.rows_read,
            "seconds": report.seconds,
            "rows_per_second": report.rows_read / report.seconds if report.seconds else 0,
            "ok": ok,
            "problems": [str(p) for p in report.problems[:3]],
        }
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def export_times(base: str, urls: list[str]) -> dict:
    import requests

    out: dict[str, Timing] = {}
    for fmt in ("csv", "svg"):
        timing = Timing(f"export .{fmt}")
        for url in urls:
            query = url.split("?", 1)[1]
            started = time.perf_counter()
            response = requests.get(f"{base}/export/compare.{fmt}?{query}", timeout=120)
            timing.samples.append(time.perf_counter() - started)
            if response.status_code != 200:
                log(f"  export {fmt}: HTTP {response.status_code}")
        out[fmt] = timing
    return out


# ------------------------------------------------------------------ the run


def machine() -> dict:
    cpu = platform.processor()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        import psutil

        ram = f"{psutil.virtual_memory().total / 2**30:.1f} GiB"
    except ImportError:
        ram = "?"
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT_ROOT, capture_output=True, text=True
    ).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain"], cwd=PROJECT_ROOT, capture_output=True, text=True).stdout.strip()
    return {
        "uname": " ".join(platform.uname()),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram": ram,
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit + (" (+ uncommitted changes)" if dirty else ""),
        "python": platform.python_version(),
    }


def run_backend(name: str, url: str, scale: str, args: argparse.Namespace, results: dict) -> None:
    compare, trends = workload(url, args.iterations)
    log(f"{name}: reads ({len(compare)} cases each)")
    section: dict[str, Any] = {"reads": bench_reads(url, compare, trends)}
    sample = None if scale != "national" else args.naive_sample
    log(f"{name}: naive pandas baseline ({'sample ' + str(sample) if sample else 'full table'})")
    section["naive"] = naive_series(url, compare[: args.naive_repeats], sample)
    if not args.no_http:
        redis_url = args.redis_url if name == "postgresql" or args.redis_for_sqlite else None
        cache_dir = str(OUT / "cache")
        cases = [compare_url(c) for c in compare] + [trends_url(c) for c in trends]
        with gunicorn(url, PORTS[0], workers=args.workers, redis_url=redis_url, cache_dir=cache_dir) as process:
            section["cache_backend"] = f"redis {redis_url}" if redis_url else f"file {cache_dir}"
            clear_shared_cache(redis_url, None if redis_url else cache_dir)
            base = f"http://127.0.0.1:{PORTS[0]}"
            log(f"{name}: HTTP callbacks, cache cold then warm ({section['cache_backend']})")
            section["http_compare_cold"], _ = http_callbacks(
                base, [compare_url(c) for c in compare], "callback /compare (cache cold)"
            )
            section["http_trends_cold"], _ = http_callbacks(
                base, [trends_url(c) for c in trends], "callback /trends (cache cold)"
            )
            section["http_compare_warm"], _ = http_callbacks(
                base, [compare_url(c) for c in compare], "callback /compare (cache warm)"
            )
            section["http_trends_warm"], statuses = http_callbacks(
                base, [trends_url(c) for c in trends], "callback /trends (cache warm)"
            )
            section["http_errors"] = sum(1 for s in statuses if s != 200)
            section["memory"] = server_memory(process)
            if not args.no_exports:
                log(f"{name}: exports")
                section["exports"] = export_times(base, [compare_url(c) for c in compare[:5]])
            if not args.no_browser:
                log(f"{name}: browser (cold, warm)")
                clear_shared_cache(redis_url, None if redis_url else cache_dir)
                profile = Path(tempfile.mkdtemp(prefix="ob_chrome_"))
                try:
                    section["browser"] = browser_timings(base, compare_url(compare[0]), profile)
                finally:
                    shutil.rmtree(profile, ignore_errors=True)
            section["memory_after"] = server_memory(process)
            del cases
    results["backends"][name] = section


def two_servers(url: str, args: argparse.Namespace, results: dict) -> None:
    """Two gunicorn processes (ports 8071, 8072), one PostgreSQL, one Redis; requests alternate."""
    compare, trends = workload(url, args.iterations, seed=11)
    urls = [compare_url(c) for c in compare] + [trends_url(c) for c in trends]
    clear_shared_cache(args.redis_url, None)
    workers = max(1, args.workers // 2)
    with (
        gunicorn(url, PORTS[0], workers=workers, redis_url=args.redis_url) as first,
        gunicorn(url, PORTS[1], workers=workers, redis_url=args.redis_url) as second,
    ):
        bases = [f"http://127.0.0.1:{port}" for port in PORTS]
        # Server A renders every page once (cold); server B then renders the same pages: its reads hit
        # the entries A put in Redis. Then a round-robin mix, as a load balancer would send.
        a_cold, _ = http_callbacks(bases[0], urls, "A cold (8071)")
        b_shared, _ = http_callbacks(bases[1], urls, "B after A, shared Redis (8072)")
        mixed = Timing("round robin A/B")
        errors = 0
        for index, url in enumerate(urls * 2):
            timing, statuses = http_callbacks(bases[index % 2], [url], "x")
            mixed.samples.extend(timing.samples)
            errors += sum(1 for s in statuses if s != 200)
        import redis

        keys = redis.Redis.from_url(args.redis_url).dbsize()
        results["two_servers"] = {
            "a_cold": a_cold,
            "b_shared": b_shared,
            "mixed": mixed,
            "errors": errors,
            "redis_keys": keys,
            "workers_each": workers,
            "memory": [server_memory(first), server_memory(second)],
        }


def ms(value: float) -> str:
    return "–" if value != value else (f"{value:,.1f}" if value < 100 else f"{value:,.0f}")


def ratio(a: float, b: float) -> str:
    if a != a or b != b or b == 0:
        return "–"
    return f"{a / b:,.2f}×" if a / b < 100 else f"{a / b:,.0f}×"


def verdict(ok: bool | None) -> str:
    return "–" if ok is None else ("met" if ok else "**missed**")


def render(results: dict, note: str) -> str:
    m = results["machine"]
    lines = [
        f"## Run {m['date']} · commit {m['commit']} · scale {results['scale']}",
        "",
        f"Machine: `{m['uname']}` · {m['cpu']} · {m['cores']} cores · {m['ram']} RAM · Python {m['python']}",
        "",
    ]
    for name, meta in results["data"].items():
        lines.append(
            f"- Data ({name}): {meta.get('observations', 0):,} observations, {meta.get('areas', '?')} areas, "
            f"{meta.get('indicators', '?')} indicators, {meta.get('periods', '?')} periods; "
            + ("cached from an earlier run" if meta.get("reused") else f"generated in {meta.get('seconds')} s")
            + f" (bulk load {meta.get('rows_per_second', 0):,} rows/s)."
        )
    lines += ["", f"What changed since the previous run: {note or '(not stated)'}", ""]
    for name, section in results["backends"].items():
        reads = {t.name: t for t in section["reads"]}
        naive = section["naive"]["timing"]
        lines += [
            f"### {name}",
            "",
            "| measurement | p50 ms | p95 ms | vs floor (p95) | naive ÷ this (p95) | target | verdict |",
            "|---|---:|---:|---:|---:|---|---|",
        ]
        floors = {
            "reads.series (compare)": "floor: bare select (compare series)",
            "reads.series (trends)": "floor: bare select (trends series)",
            "reads.periods": "floor: bare select (periods)",
            "reads.breakdowns": "floor: bare select (breakdowns)",
        }
        for timing in section["reads"]:
            floor = reads.get(floors.get(timing.name, ""))
            vs_floor = ratio(timing.p95, floor.p95) if floor else ""
            target, ok = "", None
            if timing.name.startswith("reads.series"):
                assert floor is not None, f"{timing.name} is always measured next to its floor"
                target, ok = f"≤ {TARGET_VS_FLOOR}× floor", timing.p95 <= TARGET_VS_FLOOR * floor.p95
            vs_naive = ratio(naive.p95, timing.p95) if timing.name.startswith("reads.series") else ""
            lines.append(
                f"| {timing.name} | {ms(timing.p50)} | {ms(timing.p95)} | {vs_floor} | {vs_naive} | {target} | {verdict(ok)} |"
            )
        sample = section["naive"]
        lines.append(
            f"| naive: read_sql_table(observation) + pandas filter | {ms(naive.p50)} | {ms(naive.p95)} | "
            f"{ratio(naive.p95, reads['floor: bare select (compare series)'].p95)} | 1× | | |"
        )
        compare_floor = reads["floor: bare select (compare series)"].p95
        trends_floor = reads["floor: bare select (trends series)"].p95
        for key, floor in (
            ("http_compare_cold", compare_floor),
            ("http_trends_cold", trends_floor),
            ("http_compare_warm", compare_floor),
            ("http_trends_warm", trends_floor),
        ):
            if key not in section:
                continue
            t = section[key]
            ok = t.p95 <= TARGET_CALLBACK_MS and naive.p95 / t.p95 >= TARGET_VS_NAIVE
            lines.append(
                f"| {t.name} over HTTP | {ms(t.p50)} | {ms(t.p95)} | {ratio(t.p95, floor)} | {ratio(naive.p95, t.p95)} | "
                f"≤ {TARGET_CALLBACK_MS:.0f} ms, ≥ {TARGET_VS_NAIVE:.0f}× naive | {verdict(ok)} |"
            )
        for _fmt, t in section.get("exports", {}).items():
            lines.append(f"| {t.name} (compare) | {ms(t.p50)} | {ms(t.p95)} | | | | |")
        if "browser" in section:
            b = section["browser"]
            cold, warm = b["cold"], b["warm"]
            lines.append(
                f"| browser: first chart painted, cold | {ms(cold['chart_ms'] or float('nan'))} | | | | ≤ {TARGET_FIRST_CHART_S * 1000:.0f} ms | "
                f"{verdict(cold['chart_ms'] is not None and cold['chart_ms'] <= TARGET_FIRST_CHART_S * 1000)} |"
            )
            lines.append(f"| browser: first chart painted, warm | {ms(warm['chart_ms'] or float('nan'))} | | | | | |")
            lines.append(
                f"| browser: bytes transferred, first visit | {cold['bytes'] / 1024:,.0f} KiB ({cold['decoded_bytes'] / 1024:,.0f} KiB decoded, {cold['resources']} resources) | | | | ≤ 1,536 KiB | "
                f"{verdict(cold['bytes'] <= TARGET_BYTES)} |"
            )
            lines.append(f"| browser: bytes transferred, second visit | {warm['bytes'] / 1024:,.0f} KiB | | | | | |")
        if "memory" in section:
            mem = section["memory"]
            lines.append(
                f"| server memory after the callbacks, {mem['processes']} processes (gunicorn master + workers) | RSS {mem['rss_mb']:,.0f} MB | PSS {mem['pss_mb']:,.0f} MB | | | ≤ {TARGET_RSS_MB:.0f} MB | "
                f"{verdict(mem['rss_mb'] <= TARGET_RSS_MB)} (RSS sum) / {verdict(mem['pss_mb'] <= TARGET_RSS_MB)} (PSS) |"
            )
        if "memory_after" in section and section["memory_after"]["processes"] != section.get("memory", {}).get("processes"):
            mem = section["memory_after"]
            lines.append(
                f"| … after SVG exports: {mem['processes']} processes incl. kaleido's Chromium | RSS {mem['rss_mb']:,.0f} MB | PSS {mem['pss_mb']:,.0f} MB | | | | |"
            )
        lines += [
            "",
            f"Naive baseline: timed on {sample['sample_rows']:,} of {sample['total_rows']:,} rows and scaled linearly"
            if sample["sample_rows"] < sample["total_rows"]
            else f"Naive baseline: full table ({sample['total_rows']:,} rows).",
            f"HTTP: {section.get('cache_backend', '–')}; errors {section.get('http_errors', '–')}.",
            "",
        ]
    if "import" in results:
        imp = results["import"]
        lines += [
            f"Import: `import_file` native CSV, {imp['rows']:,} rows in {imp['seconds']:.1f} s = **{imp['rows_per_second']:,.0f} rows/s**"
            + ("" if imp["ok"] else f" (problems: {imp['problems']})")
            + ".",
            "",
        ]
    if "two_servers" in results:
        two = results["two_servers"]
        lines += [
            "### Two app servers, one PostgreSQL, one Redis",
            "",
            f"Ports {PORTS[0]} and {PORTS[1]}, {two['workers_each']} workers each, `REDIS_URL` shared; {two['redis_keys']} keys in Redis afterwards; errors {two['errors']}.",
            "",
            "| measurement | p50 ms | p95 ms |",
            "|---|---:|---:|",
        ]
        for key in ("a_cold", "b_shared", "mixed"):
            t = two[key]
            lines.append(f"| {t.name} | {ms(t.p50)} | {ms(t.p95)} |")
        mem = two["memory"]
        lines += [f"| memory A / B (RSS MB) | {mem[0]['rss_mb']:,.0f} | {mem[1]['rss_mb']:,.0f} |", ""]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run")
    parser.add_argument("--scale", default=os.environ.get("BENCH_SCALE", "national"), choices=["small", "county", "national"])
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--sqlite-url", default=None, help="default: bench/out/<scale>.db")
    parser.add_argument(
        "--postgres-url", default=None, help="default: database ob_bench_<scale> on BENCH_POSTGRES_ADMIN_URL's server"
    )
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"))
    parser.add_argument(
        "--redis-for-sqlite", action="store_true", help="use Redis (not the file cache) for the SQLite server too"
    )
    parser.add_argument("--iterations", type=int, default=40)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--naive-sample", type=int, default=1_000_000)
    parser.add_argument("--naive-repeats", type=int, default=3)
    parser.add_argument("--no-http", action="store_true")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--no-exports", action="store_true")
    parser.add_argument("--no-import", action="store_true")
    parser.add_argument("--two-servers", action="store_true")
    parser.add_argument("--note", default="")
    parser.add_argument("--output", default=str(PROJECT_ROOT / "bench" / "history" / "runs.md"))
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--json", default=None, help="also write raw results here")
    args = parser.parse_args(argv)

    OUT.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    results: dict[str, Any] = {"machine": machine(), "scale": args.scale, "data": {}, "backends": {}}
    backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    urls = {"sqlite": args.sqlite_url or sqlite_url(args.scale), "postgresql": args.postgres_url or postgres_url(args.scale)}
    for name in backends:
        results["data"][name] = ensure_database(urls[name], args.scale)
    for name in backends:
        run_backend(name, urls[name], args.scale, args, results)
    if not args.no_import:
        log("import rate")
        results["import"] = import_rate()
    if args.two_servers and "postgresql" in backends:
        log("two servers sharing PostgreSQL + Redis")
        two_servers(urls["postgresql"], args, results)
    results["seconds"] = round(time.perf_counter() - started)
    text = render(results, args.note) + f"\nWhole run: {results['seconds']} s.\n"
    print(text)
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                results,
                default=lambda o: (
                    {"name": o.name, "p50": o.p50, "p95": o.p95, "n": len(o.samples)} if isinstance(o, Timing) else str(o)
                ),
                indent=1,
            )
        )
    if not args.no_write:
        path = Path(args.output)
        header = (
            "# Benchmarks\n\nOne section per `make bench` run, newest last. Targets and method: `bench/run.py`.\n\n"
            if not path.exists()
            else ""
        )
        with path.open("a") as handle:
            handle.write(header + text + "\n")
    log(f"done in {results['seconds']} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
