"""The native CSV: the template imports, registration rules, aliases."""

from __future__ import annotations

from pathlib import Path

from data_access import reads
from data_access.database import Database
from data_access.importers import import_file
from data_access.importers.native import TEMPLATE
from tests.data_access.importers.conftest import checksum

HEADER = "indicator_id,indicator_name,unit,area_code,period,period_type,value,status,lower_ci95,upper_ci95,value_note\n"


def test_template_imports(import_db):
    report = import_file(import_db, TEMPLATE)
    assert report.ok, report.problems
    assert report.format == "native" and report.inserted == 4
    assert report.indicators_registered == ["local-example-rate"]
    indicator = reads.indicator("local-example-rate", db=import_db)
    assert indicator["value_type"] == "rate_per_10000"
    series = reads.series("local-example-rate", db=import_db)
    suppressed = series[series["area_code"] == "E07000243"].iloc[0]
    assert suppressed["status"] == "c" and suppressed["value"] != suppressed["value"]  # NaN, not 0
    targets = reads.series("local-example-rate", kinds=("target",), db=import_db)
    assert len(targets) == 1


def test_predecessor_code_is_mapped_with_a_note(import_db, tmp_path: Path):
    path = tmp_path / "old_codes.csv"
    path.write_text(HEADER + "local-old,Old code test,%,E07000101,2011/12,academic,55.0,,,,\n", encoding="utf-8")
    report = import_file(import_db, path)
    assert report.ok, report.problems
    assert any("E07000101" in note and "E07000243" in note for note in report.notes)
    series = reads.series("local-old", db=import_db)
    assert list(series["area_code"]) == ["E07000243"]
    assert "E07000101" in series["value_note"].iloc[0]


def test_unknown_indicator_without_name_is_a_problem_and_nothing_is_written(import_db, tmp_path: Path):
    path = tmp_path / "nameless.csv"
    path.write_text(HEADER + "local-nameless,,,E10000015,2022/23,academic,5,,,,\n", encoding="utf-8")
    before = checksum(import_db)
    report = import_file(import_db, path)
    assert not report.ok
    assert report.problems[0].line == 2 and "indicator_name" in report.problems[0].message
    assert checksum(import_db) == before


def test_all_problems_are_reported_not_just_the_first(import_db, tmp_path: Path):
    path = tmp_path / "many.csv"
    path.write_text(
        HEADER
        + "local-many,Many,%,E10000015,2022/23,academic,abc,,,,\n"
        + "local-many,,%,E99999999,2022/23,academic,5,,,,\n"
        + "local-many,,%,E10000015,2023/24,academic,150,,,,\n",
        encoding="utf-8",
    )
    report = import_file(import_db, path)
    assert {p.line for p in report.problems} == {2, 3, 4}
    assert report.rejected == 3


def test_progress_callback_sees_every_stage(import_db: Database) -> None:
    calls: list[tuple[str, int, int]] = []
    report = import_file(import_db, TEMPLATE, progress=lambda stage, done, total: calls.append((stage, done, total)))
    assert report.ok
    stages = [c[0] for c in calls]
    assert stages[0] == "read" and stages[-1] == "done"
    assert {"read", "validate", "write", "done"} <= set(stages)
    assert ("write", 4, 4) in calls
    summary = report.summary()
    for word in ("rows read 4", "inserted 4", "updated 0", "unchanged 0", "rejected 0"):
        assert word in summary


def test_a_partly_filled_plan_template_imports_what_was_filled(import_db, tmp_path: Path):
    """A team fills the local measures it has figures for and imports the template as it is: the
    untouched rows are left out with a note, not refused (they once refused the whole file)."""
    import csv
    import io

    from data_access.plans import store

    text = store.template(import_db, "our-way-forward-2024-25")
    assert text is not None
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) > 2
    rows[0]["value"], rows[0]["unit"] = "72", "%"
    path = tmp_path / "filled.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    report = import_file(import_db, path)
    assert report.ok, report.problems
    assert report.inserted == 1 and report.indicators_registered == [rows[0]["indicator_id"]]
    blank = len(rows) - 1
    assert any(f"{blank:,} rows have no value, status or interval" in note for note in report.notes), report.notes


def test_a_row_with_no_figure_in_a_file_of_them_still_refuses_with_its_line(import_db, tmp_path: Path):
    """Only rows without any figure are left out; a bad figure still names its line."""
    path = tmp_path / "bad.csv"
    path.write_text(
        HEADER + "local-x,Local x,%,E10000015,2024,,,,,,\n" + "local-x,Local x,%,E10000015,2025,,abc,,,,\n",
        encoding="utf-8",
    )
    report = import_file(import_db, path)
    assert not report.ok
    assert any(problem.line == 3 for problem in report.problems), report.problems
