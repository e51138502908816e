"""A tiny run of bench/import_bench.py (the full 1,000,000-row run is not part of the suite)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

BENCH = Path(__file__).resolve().parents[3] / "bench" / "import_bench.py"


def test_bench_script_runs_on_2000_rows(capsys, tmp_path):
    """The bench on a copy of the run's seeded database (the bench itself seeds one: a minute)."""
    from tests.conftest import seeded_sqlite_copy

    spec = importlib.util.spec_from_file_location("import_bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    results = module.run(2000, ["sqlite"], databases={"sqlite": seeded_sqlite_copy(tmp_path)})
    assert results["sqlite"]["rows"] == 2000
    assert results["sqlite"]["import_rows_per_s"] > 0 and results["sqlite"]["baseline_rows_per_s"] > 0
    assert "rows/s" in capsys.readouterr().out


def test_bulk_write_path_round_trips(import_db, tmp_path):
    """3,000 generated Fingertips rows: above COPY_ROWS, so PostgreSQL takes the COPY path."""
    from sqlalchemy import func, select

    from data_access.importers import import_file, writer
    from data_access.models import Observation

    spec = importlib.util.spec_from_file_location("import_bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    path = tmp_path / "fingertips_smoke.csv"
    module.generate(path, 3000)
    assert 3000 >= writer.COPY_ROWS
    report = import_file(import_db, path)
    assert report.ok and report.inserted == 3000, report.problems[:3]
    with import_db.read() as session:
        stored = session.execute(
            select(func.count(), func.sum(Observation.value)).where(Observation.indicator_id == "fingertips-900000")
        ).one()
    import pandas as pd

    frame = pd.read_csv(path)
    assert stored[0] == 3000 and abs(stored[1] - frame["Value"].sum()) < 1e-6
    again = import_file(import_db, path)
    assert again.ok and again.unchanged == 3000 and again.inserted == 0
