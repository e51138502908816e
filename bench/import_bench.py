"""Import bench: a generated Fingertips "all data" file into SQLite and PostgreSQL.

    .venv/bin/python bench/import_bench.py                 # 1,000,000 rows, both backends
    .venv/bin/python bench/import_bench.py --rows 2000 --backends sqlite

For each backend it (1) imports the file with ``import_file`` into a fresh seeded database
and (2) times a raw baseline: the same rows bulk-inserted with a plain Core ``insert()``
executemany into a fresh copy of the observation table on the same database, with no
parsing or validation. Both are reported in rows per second. The file is written to a
temporary directory and deleted afterwards.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from data_access.database import Database

HEADER = [
    "Indicator ID",
    "Indicator Name",
    "Parent Code",
    "Parent Name",
    "Area Code",
    "Area Name",
    "Area Type",
    "Sex",
    "Age",
    "Category Type",
    "Category",
    "Time period",
    "Value",
    "Lower CI 95.0 limit",
    "Upper CI 95.0 limit",
    "Lower CI 99.8 limit",
    "Upper CI 99.8 limit",
    "Count",
    "Denominator",
    "Value note",
    "Recent Trend",
    "Compared to England value or percentiles",
    "Compared to percentiles",
    "Time period Sortable",
    "New data",
    "Compared to goal",
    "Time period range",
]
AREAS = [
    ("E92000001", "England", "England"),
    ("E12000006", "East of England", "Regions (statistical)"),
    ("E10000015", "Hertfordshire", "Counties & UAs (from Apr 2023)"),
    ("E07000095", "Broxbourne", "Districts & UAs (from Apr 2023)"),
    ("E07000096", "Dacorum", "Districts & UAs (from Apr 2023)"),
    ("E07000242", "East Hertfordshire", "Districts & UAs (from Apr 2023)"),
    ("E07000098", "Hertsmere", "Districts & UAs (from Apr 2023)"),
    ("E07000099", "North Hertfordshire", "Districts & UAs (from Apr 2023)"),
    ("E07000240", "St Albans", "Districts & UAs (from Apr 2023)"),
    ("E07000243", "Stevenage", "Districts & UAs (from Apr 2023)"),
    ("E07000102", "Three Rivers", "Districts & UAs (from Apr 2023)"),
    ("E07000103", "Watford", "Districts & UAs (from Apr 2023)"),
    ("E07000241", "Welwyn Hatfield", "Districts & UAs (from Apr 2023)"),
]


def generate(path: Path, rows: int, seed: int = 7) -> None:
    """A Fingertips-format file with unique keys: indicators × areas × years × sex × categories."""
    rng = np.random.default_rng(seed)
    per_indicator = len(AREAS) * 20 * 3 * 10  # areas × years × sexes × categories (incl. total)
    n_indicators = max(1, -(-rows // per_indicator))
    idx = np.arange(rows)
    indicator = 900000 + idx // per_indicator
    rest = idx % per_indicator
    area = rest % len(AREAS)
    rest //= len(AREAS)
    year = 2004 + rest % 20
    rest //= 20
    sex = rest % 3
    category = rest // 3
    value = np.round(rng.uniform(10, 90, rows), 4)
    width = np.round(rng.uniform(0.5, 4, rows), 4)
    codes = np.array([a[0] for a in AREAS])
    names = np.array([a[1] for a in AREAS])
    types = np.array([a[2] for a in AREAS])
    frame = pd.DataFrame(
        {
            "Indicator ID": indicator,
            "Indicator Name": np.char.add(np.char.add("Bench indicator ", indicator.astype(str)), " prevalence (synthetic)"),
            "Parent Code": "E92000001",
            "Parent Name": "England",
            "Area Code": codes[area],
            "Area Name": names[area],
            "Area Type": types[area],
            "Sex": np.array(["Persons", "Male", "Female"])[sex],
            "Age": "<15 yrs",
            "Category Type": np.where(category == 0, "", "Synthetic deprivation deciles"),
            "Category": np.where(category == 0, "", np.char.add("Decile ", category.astype(str))),
            "Time period": np.char.add(np.char.add(year.astype(str), "/"), np.char.zfill(((year + 1) % 100).astype(str), 2)),
            "Value": value,
            "Lower CI 95.0 limit": np.round(value - width, 4),
            "Upper CI 95.0 limit": np.round(value + width, 4),
            "Lower CI 99.8 limit": np.round(value - 1.6 * width, 4),
            "Upper CI 99.8 limit": np.round(value + 1.6 * width, 4),
            "Count": rng.integers(10, 5000, rows),
            "Denominator": rng.integers(5000, 250000, rows),
            "Value note": "",
            "Recent Trend": "",
            "Compared to England value or percentiles": "Similar",
            "Compared to percentiles": "Not compared",
            "Time period Sortable": year * 10000,
            "New data": "",
            "Compared to goal": "",
            "Time period range": "1y",
        }
    )
    frame.to_csv(path, index=False, quoting=csv.QUOTE_MINIMAL)
    del n_indicators


def _database(backend: str, folder: Path) -> Database:
    from data_access.database import Database
    from data_access.schema import migrate
    from seed.loader import load_seed

    if backend == "sqlite":
        db = Database(f"sqlite:///{folder / f'bench_{uuid.uuid4().hex[:6]}.db'}")
    else:
        from tests.conftest import create_postgres_database

        db = Database(create_postgres_database("ob_bench"))
    migrate(db)
    load_seed(db)
    return db


def baseline(db: Database, path: Path) -> tuple[int, float]:
    """Raw bulk insert of the same rows (already in memory) into a copy of the observation table."""
    from sqlalchemy import Column, Float, Integer, MetaData, String, Table, insert

    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    metadata = MetaData()
    table = Table(
        f"bench_raw_{uuid.uuid4().hex[:6]}",
        metadata,
        Column("id", Integer, primary_key=True),
        *(
            Column(name, String(120))
            for name in (
                "indicator_id",
                "area_code",
                "period",
                "breakdown_dimension",
                "breakdown_value",
                "kind",
                "status",
                "source_line",
            )
        ),
        *(
            Column(name, Float)
            for name in ("value", "lower_ci95", "upper_ci95", "lower_ci998", "upper_ci998", "count", "denominator")
        ),
    )
    metadata.create_all(db.engine)
    rows = [
        {
            "indicator_id": i,
            "area_code": a,
            "period": p,
            "breakdown_dimension": s,
            "breakdown_value": c or "Total",
            "kind": "actual",
            "status": None,
            "source_line": str(n + 2),
            "value": float(v),
            "lower_ci95": float(lo),
            "upper_ci95": float(hi),
            "lower_ci998": float(lo2),
            "upper_ci998": float(hi2),
            "count": float(k),
            "denominator": float(d),
        }
        for n, (i, a, p, s, c, v, lo, hi, lo2, hi2, k, d) in enumerate(
            zip(
                frame["Indicator ID"],
                frame["Area Code"],
                frame["Time period"],
                frame["Sex"],
                frame["Category"],
                frame["Value"],
                frame["Lower CI 95.0 limit"],
                frame["Upper CI 95.0 limit"],
                frame["Lower CI 99.8 limit"],
                frame["Upper CI 99.8 limit"],
                frame["Count"],
                frame["Denominator"],
            )
        )
    ]
    started = time.perf_counter()
    with db.engine.begin() as conn:
        for start in range(0, len(rows), 20_000):
            conn.execute(insert(table), rows[start : start + 20_000])
    seconds = time.perf_counter() - started
    metadata.drop_all(db.engine)
    return len(rows), seconds


def run(rows: int, backends: list[str], databases: dict[str, Database] | None = None) -> dict[str, dict[str, float]]:
    """Import ``rows`` generated rows on each backend; ``databases`` gives an already seeded
    database per backend (the test suite's copies) instead of seeding one here (a minute each)."""
    from data_access.importers import import_file

    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="ob-bench-") as tmp:
        folder = Path(tmp)
        path = folder / "fingertips_bench.csv"
        started = time.perf_counter()
        generate(path, rows)
        print(f"generated {rows:,} rows ({path.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - started:.1f} s")
        for backend in backends:
            db = databases[backend] if databases and backend in databases else _database(backend, folder)
            report = import_file(db, path)
            if not report.ok:
                print(f"{backend}: import refused: {report.problems[:3]}")
                results[backend] = {"import_rows_per_s": 0.0}
                continue
            again = import_file(db, path)
            n, raw_seconds = baseline(db, path)
            results[backend] = {
                "rows": report.rows_read,
                "import_seconds": report.seconds,
                "import_rows_per_s": report.rows_read / report.seconds,
                "reimport_seconds": again.seconds,
                "reimport_rows_per_s": again.rows_read / again.seconds,
                "baseline_seconds": raw_seconds,
                "baseline_rows_per_s": n / raw_seconds,
            }
            r = results[backend]
            print(
                f"{backend:<10} import {r['import_rows_per_s']:>10,.0f} rows/s ({r['import_seconds']:.2f} s, "
                f"inserted {report.inserted:,}) | re-import (all unchanged) {r['reimport_rows_per_s']:>10,.0f} rows/s | "
                f"raw bulk insert baseline {r['baseline_rows_per_s']:>10,.0f} rows/s ({raw_seconds:.2f} s)"
            )
    try:
        from tests.conftest import _drop_postgres_databases

        _drop_postgres_databases()
    except Exception:  # noqa: BLE001 - best effort cleanup
        pass
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--backends", default="sqlite,postgresql", help="comma-separated: sqlite,postgresql")
    args = parser.parse_args(argv)
    os.environ.setdefault("PYTHONHASHSEED", "0")
    run(args.rows, [b.strip() for b in args.backends.split(",") if b.strip()])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
