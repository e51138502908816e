"""Plan files (data_access/plans): every bad input reported with line and column and nothing
written; import → export → import is a round trip; a re-import updates the plan in place."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from data_access.database import Database
from data_access.plans import format as plan_format
from data_access.plans import store
from data_access.plans.cli import cmd_plan
from data_access.plans.format import REQUIRED, Known, PlanFileError, parse

PLANS = Path(__file__).resolve().parents[2] / "seed" / "data" / "plans"
KNOWN = Known(
    areas=frozenset({"E10000015", "E06000019", "E92000001"}),
    indicators=frozenset({"cla-rate", "u18-conceptions"}),
    sources=frozenset({"seed-004"}),
)
HEADER = ",".join(REQUIRED)
GOOD_ROWS = [
    "p1,My plan,E10000015,2025-26,Be Safe,Keep children safe,m1,Fewer children in care,cla-rate,decrease,60,2025-26,CLA rate per 10k",
    "p1,My plan,E10000015,2025-26,Be Safe,Keep children safe,m2,More visits to the Local Offer,,increase,,,",
    "p1,My plan,E10000015,2025-26,Be Healthy,,m3,Fewer teenage conceptions,u18-conceptions,decrease,12.5,2026,",
]


def _file(*rows: str, header: str = HEADER) -> str:
    return "\n".join([header, *rows]) + "\n"


def _problems(text: str) -> list[tuple[int, str]]:
    with pytest.raises(PlanFileError) as error:
        parse(text, KNOWN)
    return [(p.line, p.column) for p in error.value.problems]


def test_a_good_file_gives_outcomes_in_order_of_first_appearance() -> None:
    plan = parse(_file(*GOOD_ROWS), KNOWN)
    assert [o["name"] for o in plan.outcomes] == ["Be Safe", "Be Healthy"]
    assert [m["id"] for m in plan.measures] == ["m1", "m2", "m3"]
    assert plan.measures[0]["target_value"] == 60 and plan.measures[0]["direction"] == "decrease"
    assert plan.measures[1]["indicator_id"] is None and plan.measures[1]["target_value"] is None
    assert [p["title"] for p in plan.priorities] == ["Keep children safe"]


@pytest.mark.parametrize(
    ("bad_row", "column", "words"),
    [
        (GOOD_ROWS[0].replace("E10000015", "E99999999"), "area_code", "unknown area"),
        (GOOD_ROWS[0].replace("cla-rate", "no-such-indicator"), "indicator_id", "unknown indicator"),
        (GOOD_ROWS[0].replace("decrease", "down"), "direction", "not one of"),
        (GOOD_ROWS[0].replace(",60,", ",sixty,"), "target", "not a number"),
        (GOOD_ROWS[0].replace(",60,", ",85%,"), "target", "not a number"),
        (GOOD_ROWS[0].replace(",m1,", ",,"), "measure_id", "required"),
        (GOOD_ROWS[0].replace("Be Safe,", ",", 1), "outcome", "outcome"),
        (GOOD_ROWS[0].replace("p1,", "my plan!,", 1), "framework_id", "letters, digits"),
    ],
)
def test_each_bad_input_is_reported_with_line_and_column(bad_row: str, column: str, words: str) -> None:
    text = _file(GOOD_ROWS[1], bad_row) if column not in {"area_code", "framework_id"} else _file(bad_row)
    with pytest.raises(PlanFileError) as error:
        parse(text, KNOWN)
    line = 2 if column in {"area_code", "framework_id"} else 3
    found = [p for p in error.value.problems if p.column == column]
    assert found and found[0].line == line and words in found[0].message, error.value.problems
    assert f"line {line}, column {column}" in str(error.value)


def test_duplicate_measure_ids_name_both_lines() -> None:
    problems = _problems(_file(GOOD_ROWS[0], GOOD_ROWS[1].replace(",m2,", ",m1,")))
    assert problems == [(3, "measure_id")]
    with pytest.raises(PlanFileError, match="first on line 2"):
        parse(_file(GOOD_ROWS[0], GOOD_ROWS[1].replace(",m2,", ",m1,")), KNOWN)


def test_every_problem_in_the_file_is_reported_at_once() -> None:
    rows = [
        GOOD_ROWS[0].replace("decrease", "sideways"),
        GOOD_ROWS[1].replace(",m2,", ",m1,"),
        GOOD_ROWS[2].replace("12.5", "twelve").replace("u18-conceptions", "nope"),
    ]
    assert _problems(_file(*rows)) == [(2, "direction"), (3, "measure_id"), (4, "indicator_id"), (4, "target")]


def test_missing_required_columns_and_a_second_plan_in_one_file() -> None:
    header = HEADER.replace(",direction", "")
    assert _problems(_file(header=header)) == [(1, "direction")]
    assert (3, "framework_id") in _problems(_file(GOOD_ROWS[0], GOOD_ROWS[1].replace("p1,", "p2,", 1)))


def test_an_excel_file_with_a_byte_order_mark_reads() -> None:
    data = ("\ufeff" + _file(*GOOD_ROWS)).encode("utf-8")
    assert parse(plan_format.decode(data), KNOWN).id == "p1"
    assert "é" in plan_format.decode("Santé".encode("cp1252"))


@pytest.mark.parametrize("name", sorted(p.name for p in PLANS.glob("*.csv")))
def test_shipped_plan_files_round_trip_through_the_format(name: str, seeded_sqlite: Database) -> None:
    text = (PLANS / name).read_text(encoding="utf-8")
    known = store.known_keys(seeded_sqlite)
    plan = parse(text, known)
    assert plan_format.to_csv(plan) == text
    assert plan_format.to_csv(parse(plan_format.to_csv(plan), known)) == text


def _export(db: Database, framework_id: str) -> str:
    plan = store.load_plan(db, framework_id)
    assert plan is not None
    return plan_format.to_csv(plan)


def test_import_export_import_is_a_round_trip_and_idempotent(writable_sqlite_copy: str) -> None:
    db = Database(writable_sqlite_copy)
    for path in sorted(PLANS.glob("*.csv")):
        text = path.read_text(encoding="utf-8")
        first = store.import_plan(db, text)
        assert not first.created  # the seed loaded it: updated in place
        exported = _export(db, first.framework_id)
        assert exported == text, path.name
        again = store.import_plan(db, exported)
        assert (again.outcomes, again.priorities, again.measures) == (first.outcomes, first.priorities, first.measures)
        assert _export(db, first.framework_id) == text


def test_reimport_updates_in_place_and_a_bad_file_writes_nothing(writable_sqlite_copy: str) -> None:
    db = Database(writable_sqlite_copy)
    text = (PLANS / "our-way-forward-2024-25.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    rows[0]["measure"] = "A reworded measure"
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    result = store.import_plan(db, buffer.getvalue())
    assert not result.created and result.measures == 37
    plan = store.load_plan(db, "our-way-forward-2024-25")
    assert plan is not None and plan.measures[0]["wording"] == "A reworded measure" and len(plan.measures) == 37
    rows[1]["direction"] = "upwards"
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    with pytest.raises(PlanFileError):
        store.import_plan(db, buffer.getvalue().replace("A reworded measure", "Not saved"))
    plan = store.load_plan(db, "our-way-forward-2024-25")
    assert plan is not None and plan.measures[0]["wording"] == "A reworded measure"


def test_dry_run_writes_nothing(writable_sqlite_copy: str) -> None:
    db = Database(writable_sqlite_copy)
    text = _file(*GOOD_ROWS).replace("E10000015", "E06000019")
    result = store.import_plan(db, text, dry_run=True)
    assert result.created and result.dry_run and result.measures == 3
    assert store.load_plan(db, "p1") is None
    assert store.import_plan(db, text).created and store.load_plan(db, "p1") is not None


def test_cli_import_export_and_template(writable_sqlite_copy: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from data_access.__main__ import main

    url = writable_sqlite_copy
    bad = tmp_path / "bad.csv"
    bad.write_text(_file(GOOD_ROWS[0].replace("decrease", "down")), encoding="utf-8")
    assert main(["--database-url", url, "plan", "import", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "bad.csv: line 2, column direction" in err and "nothing was written" in err
    out = tmp_path / "owf.csv"
    assert main(["--database-url", url, "plan", "export", "our-way-forward-2024-25", "--output", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == (PLANS / "our-way-forward-2024-25.csv").read_text(encoding="utf-8")
    assert main(["--database-url", url, "plan", "import", str(out), "--dry-run"]) == 0
    assert "updated in place" in capsys.readouterr().out
    assert main(["--database-url", url, "plan", "template", "our-way-forward-2024-25"]) == 0
    template = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert template and {r["area_code"] for r in template} == {"E10000015"}
    assert all(r["indicator_id"].startswith("local-") and r["value"] == "" for r in template)
    assert main(["--database-url", url, "plan", "export", "no-such-plan"]) == 2
    assert cmd_plan is not None


def test_herefordshires_plan_reads_published_indicators_each_with_its_reason(seeded_sqlite: Database) -> None:
    from data_access import reads

    plan = parse((PLANS / "herefordshire-cypp-2006-08.csv").read_text(encoding="utf-8"), store.known_keys(seeded_sqlite))
    linked = [m for m in plan.measures if m["indicator_id"]]
    assert len(linked) >= 16
    assert all(m["indicator_note"] and "\n" not in m["indicator_note"] for m in linked), "one line: why the indicator fits"
    published = [m for m in linked if not reads.series(m["indicator_id"], ["E06000019"], db=seeded_sqlite).empty]
    assert len(published) >= 13  # Herefordshire's own published values, never Hertfordshire's
    assert {"year6-obesity", "lait-prevregcpr", "neet-16-17", "lait-level2age19"} <= {m["indicator_id"] for m in linked}


def test_reimport_in_place_on_both_backends(backend: str, tmp_path: Path) -> None:
    """SQLite and PostgreSQL: the seed's plan re-imported (reworded) updates in place, then round-trips."""
    from tests.conftest import seeded_copy

    empty_db = seeded_copy(backend, tmp_path, "small")
    text = (PLANS / "plan-2018-21.csv").read_text(encoding="utf-8")
    result = store.import_plan(empty_db, text.replace("Number of referrals", "Count of referrals"))
    assert not result.created and result.measures == 29
    plan = store.load_plan(empty_db, "plan-2018-21")
    assert plan is not None and any(m["wording"].startswith("Count of referrals") for m in plan.measures)
    store.import_plan(empty_db, text)
    assert _export(empty_db, "plan-2018-21") == text
