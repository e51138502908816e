"""A tiny run of bench/import_bench.py (the full 1,000,000-row run is not part of the suite)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

BENCH = Path(__file__).resolve().parents[3] / "bench" / "import_bench.py"


def test_bench_script_runs_on_2000_rows(capsys):
    spec = importlib.util.spec_from_file_location("import_bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    results = module.run(2000, ["sqlite"])
    assert results["sqlite"]["rows"] == 2000
    assert results["sqlite"]["import_rows_per_s"] > 0 and results["sqlite"]["baseline_rows_per_s"] > 0
    assert "rows/s" in capsys.readouterr().out
