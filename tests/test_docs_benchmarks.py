"""BENCHMARKS.md opens with one current table, and every row says when, on what commit and where.

Issue 23: the file had grown into 550 lines of run logs with no current figure at the top. The
logs now live in ``bench/history/``; this keeps the table honest as rows are updated.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COLUMNS = ["target", "latest figure", "verdict", "date", "commit", "command", "log"]


def _first_table(text: str) -> list[list[str]]:
    rows: list[list[str]] = []
    for line in text.splitlines():
        if line.startswith("|"):
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
        elif rows:
            break
        elif line.startswith("## "):
            break
    return rows


def test_benchmarks_open_with_the_current_table() -> None:
    text = (ROOT / "BENCHMARKS.md").read_text(encoding="utf-8")
    table = _first_table(text)
    assert table, "BENCHMARKS.md must open with the current table, before any section"
    header, _rule, *rows = table
    assert header == COLUMNS
    assert len(rows) >= 10
    for row in rows:
        target, figure, verdict, date, commit, command, log = row
        assert target and figure and verdict and command, row
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", date), row
        assert re.fullmatch(r"[0-9a-f]{7,40}", commit), row
        link = re.fullmatch(r"\[[^\]]+\]\(([^)#]+)(#[^)]*)?\)", log)
        assert link and (ROOT / link.group(1)).is_file(), row
    assert any("make test" in row[0] for row in rows), "the suite's wall time is a target too"


def test_run_logs_live_in_bench_history() -> None:
    text = (ROOT / "BENCHMARKS.md").read_text(encoding="utf-8")
    assert len(text.splitlines()) < 80, "run logs go to bench/history/, not here"
    assert sorted(path.name for path in (ROOT / "bench" / "history").glob("*.md"))
