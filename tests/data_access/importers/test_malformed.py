"""The malformed corpus: every file is refused with a row-level message and the database is unchanged.

The files live in tests/data_access/malformed/ (written by the project). The 50 MB single-line
files are generated here at test time and never committed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from data_access.importers import import_file
from tests.data_access.importers.conftest import MALFORMED, checksum

#: file -> (line, column or None, fragment of the message)
EXPECTED = {
    "wrong_header.csv": (1, None, "header not recognised"),
    "unknown_area.csv": (3, "Area Code", "'E0700099' (Nowhere)"),
    "text_in_number.csv": (3, "Value", "'twelve' is not a number"),
    "duplicate_rows.csv": (4, "Indicator ID", "duplicate row: same indicator, area, period and breakdown as line 3"),
    "ci_outside_value.csv": (3, "Upper CI 95.0 limit", "is below the value 90"),
    "percentage_over_100.csv": (3, "value", "104.2 is a percentage outside 0-100"),
    "wrong_encoding.csv": (2, None, "not UTF-8"),
    "truncated.csv": (3, "Upper CI 95.0 limit", "looks truncated"),
    "empty.csv": (1, None, "the file is empty"),
    "header_only.csv": (2, None, "no data rows"),
    "mixed_units.csv": (3, "unit", "mixed units: 'per 1000' here but '%' on line 2"),
    "formula_injection.csv": (3, "Value note", "formula injection"),
    "unterminated_quote.csv": (3, None, "quoted cell is never closed"),
    "extra_cells.csv": (3, None, "this row has 28 cells but the header has 27 columns"),
    "bad_period.csv": (2, "period", "cannot read 'Q5 of 2020' as a period"),
    "ees_unknown_symbol.csv": (4, "children_count", "'n/a' is not a number"),
    "ons_bad_period.csv": (2, "period", "is not an ISO period"),
}

FINGERTIPS_HEADER = (
    "Indicator ID,Indicator Name,Parent Code,Parent Name,Area Code,Area Name,Area Type,Sex,Age,Category Type,"
    "Category,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit,Lower CI 99.8 limit,Upper CI 99.8 limit,"
    "Count,Denominator,Value note,Recent Trend,Compared to England value or percentiles,Compared to percentiles,"
    "Time period Sortable,New data,Compared to goal,Time period range"
)
FIFTY_MB = 50 * 1024 * 1024


def test_corpus_is_complete():
    present = {p.name for p in MALFORMED.glob("*.csv")}
    assert present == set(EXPECTED)
    assert len(present) + 2 >= 12  # plus the two generated 50 MB files


@pytest.fixture(scope="module")
def as_seeded(module_db) -> dict[str, tuple[int, str]]:
    """The module's database as seeded, checksummed once: every refused file must leave it so
    (a test that let a write through fails itself, and so does every later one)."""
    return checksum(module_db)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_malformed_file_is_refused_and_nothing_changes(module_db, as_seeded, name):
    line, column, fragment = EXPECTED[name]
    report = import_file(module_db, MALFORMED / name)
    assert not report.ok and not report.written
    assert report.inserted == report.updated == report.unchanged == 0
    assert all(p.line is not None for p in report.problems), report.problems
    hits = [p for p in report.problems if fragment in p.message]
    assert hits, [str(p) for p in report.problems]
    assert hits[0].line == line and hits[0].column == column, str(hits[0])
    assert checksum(module_db) == as_seeded


def test_a_50mb_single_line_file_is_refused(module_db, as_seeded, tmp_path: Path):
    path = tmp_path / "one_line.csv"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("Indicator ID," + "x" * FIFTY_MB)
    report = import_file(module_db, path)
    assert not report.ok
    assert report.problems[0].line == 1 and "bytes long" in report.problems[0].message
    assert checksum(module_db) == as_seeded


def test_a_50mb_data_line_is_refused(module_db, as_seeded, tmp_path: Path):
    path = tmp_path / "long_row.csv"
    with path.open("w", encoding="utf-8") as handle:
        handle.write(FINGERTIPS_HEADER + "\n")
        handle.write("90284,Hospital admissions,E92000001,England,E10000015,")
        handle.write("H" * FIFTY_MB)
        handle.write(",Counties & UAs,Persons,<15 yrs,,,2020/21,80.5,77.1,84.0,,,1700,211000,,,,,20200000,,,1y\n")
    report = import_file(module_db, path)
    assert not report.ok
    problem = report.problems[0]
    assert (problem.line, problem.column) == (2, "Area Name") and "characters long" in problem.message
    assert checksum(module_db) == as_seeded
