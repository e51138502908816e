"""The code's shape, checked: functions stay short enough to read in one screen.

Issue 23 set the rule: no function over 60 lines outside migrations and ``bench/``. The list of
known exceptions below is the debt still to pay; it may only shrink. A function that grows past
the limit, or a new long one, fails here with its place and length.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIMIT = 60
SKIPPED_FOLDERS = {"tests", "bench", "migrations", "node_modules"}

# Long functions not yet split (path::name). Remove a line when you split the function.
KNOWN_LONG: set[str] = {
    "analytics/periods.py::parse_period",
    "analytics/targets.py::_assess",
    "components/accessibility.py::accessibility_statement",
    "components/bee_card.py::measure_row",
    "components/bee_card.py::bee_card",
    "components/compare_chart.py::comparison_bar_figure",
    "components/district_map.py::district_map_figure",
    "components/england_map.py::england_map_figure",
    "components/export_figure.py::export_layout",
    "components/gap_chart.py::dumbbell_figure",
    "components/gap_chart.py::gap_trend_figure",
    "components/neighbour_chart.py::neighbour_bar_figure",
    "components/slides.py::presentation",
    "components/spine_chart.py::spine_chart_figure",
    "components/trend_chart.py::trend_figure",
    "data_access/plans/format.py::parse",
    "data_access/plans/format.py::_measure",
    "data_access/plans/format.py::rows",
    "pages/about.py::layout",
    "pages/admin_import.py::layout",
    "pages/indicator_detail.py::layout",
    "seed/build_boundaries.py::build_collection",
    "seed/build_published.py::build",
    "seed/pack/sources/ons_els.py::els_files",
    "seed/pack/sources/sen2.py::indicators",
    "seed/pack/sources/sen2_tribunal.py::build",
    "views/area.py::_indicator_rows",
    "views/area.py::group_view",
    "views/compare.py::_chart_view",
    "views/compare.py::build_map",
    "views/council_map.py::build_council_map",
    "views/gaps.py::gap_rows",
    "views/gaps.py::build",
    "views/gaps.py::build_trend",
    "views/neighbours.py::build_indicator",
    "views/neighbours.py::_series_table",
    "views/neighbours.py::scorecard_rows",
    "views/neighbours.py::build_scorecard",
    "views/send.py::mix_view",
    "views/summary.py::_measure_record",
    "views/summary.py::summarise",
    "views/trends.py::build",
}


def _source_files() -> list[Path]:
    files = []
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if parts[0] in SKIPPED_FOLDERS or any(part in SKIPPED_FOLDERS or part.startswith(".") for part in parts):
            continue
        files.append(path)
    return files


def function_lengths() -> dict[str, int]:
    """Every function and method of the application code, by ``path::name``, with its length in lines."""
    lengths: dict[str, int] = {}
    for path in _source_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                key = f"{path.relative_to(ROOT).as_posix()}::{node.name}"
                size = (node.end_lineno or node.lineno) - node.lineno + 1
                lengths[key] = max(size, lengths.get(key, 0))
    return lengths


def test_no_new_function_is_longer_than_the_limit() -> None:
    too_long = {key: size for key, size in function_lengths().items() if size > LIMIT and key not in KNOWN_LONG}
    assert not too_long, f"functions over {LIMIT} lines (split them into named steps): {too_long}"


def test_the_list_of_known_long_functions_only_shrinks() -> None:
    lengths = function_lengths()
    paid = sorted(key for key in KNOWN_LONG if lengths.get(key, 0) <= LIMIT)
    assert not paid, f"these are now short (or gone): remove them from KNOWN_LONG: {paid}"


# ---------------------------------------------------------------- h-layers: imports inside functions
# Issue 23: no imports inside functions except where a reason says why. Each one left needs a comment
# on the line above it, ``# deferred: <reason>`` (a heavy optional dependency loaded only on its own
# path, ...). KNOWN_UNEXPLAINED (path::line text) is the debt still to pay; it may only shrink.
DEFERRED_MARK = "# deferred:"
KNOWN_UNEXPLAINED: set[str] = set()


def inner_imports() -> dict[str, bool]:
    """Every import inside a function of the application code, ``path::import text`` -> has a reason comment."""
    found: dict[str, bool] = {}
    for path in _source_files():
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        for function in ast.walk(ast.parse(text)):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    above = lines[node.lineno - 2].strip() if node.lineno >= 2 else ""
                    key = f"{path.relative_to(ROOT).as_posix()}::{ast.unparse(node)}"
                    found[key] = found.get(key, True) and above.startswith(DEFERRED_MARK)
    return found


def test_every_import_inside_a_function_says_why() -> None:
    unexplained = sorted(key for key, explained in inner_imports().items() if not explained and key not in KNOWN_UNEXPLAINED)
    assert not unexplained, (
        f"imports inside functions: move them to the top, or put `{DEFERRED_MARK} <reason>` above: {unexplained}"
    )


def test_the_list_of_unexplained_inner_imports_only_shrinks() -> None:
    found = inner_imports()
    paid = sorted(key for key in KNOWN_UNEXPLAINED if found.get(key, True))
    assert not paid, f"these are now explained (or gone): remove them from KNOWN_UNEXPLAINED: {paid}"
