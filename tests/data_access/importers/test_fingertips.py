"""Fingertips imports: real files, idempotence, revisions, dry run, HTML cells, breakdowns."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
from sqlalchemy import func, select

from data_access import reads
from data_access.importers import import_file
from data_access.models import Observation, ObservationRevision, Source
from tests.data_access.importers.conftest import checksum, realdata_path

LA_FILE = "fingertips_csc_la_hospital_admissions_2324.csv"


def test_la_file_imports_onto_the_seed_indicator_and_is_idempotent(import_db):
    path = realdata_path(LA_FILE)
    first = import_file(import_db, path)
    assert first.ok, first.problems
    assert first.format == "fingertips"
    assert first.rows_read == 38
    # 90284 is the seed's injury-admissions-0-14: reused, not registered again
    assert first.indicators == ["injury-admissions-0-14"]
    assert first.indicators_registered == []
    # Hertfordshire and England's whole-population rows are in the published data already,
    # identical, so they are unchanged; the sex breakdowns are new
    assert first.unchanged == 14 and first.inserted + first.updated == 24
    before = checksum(import_db)
    second = import_file(import_db, path)
    assert (second.inserted, second.updated, second.unchanged) == (0, 0, 38)
    assert checksum(import_db) == before, "importing the same file twice must change nothing"
    series = reads.series("injury-admissions-0-14", ["E10000015"], db=import_db)
    real = series[series["source_file"].str.startswith(LA_FILE)]  # this file, or the published data's copy of the same file
    row = real[real["period_label"] == "2010-11"].iloc[0]  # financial year, the project's spelling
    assert row["period_type"] == "financial"
    assert abs(row["value"] - 96.4011213) < 1e-9 and abs(row["lower_ci95"] - 92.21998507) < 1e-9
    assert row["count"] == 1998 and row["denominator"] == 207259
    assert not row["illustrative"]
    sexes = reads.breakdowns("injury-admissions-0-14", db=import_db)
    assert {"Male", "Female"} <= set(sexes.loc[sexes["breakdown_dimension"] == "Sex", "breakdown_value"])


def test_newer_release_supersedes_and_keeps_a_revision(import_db, tmp_path: Path):
    path = realdata_path(LA_FILE)
    assert import_file(import_db, path).ok
    rows = list(csv.DictReader(path.open(encoding="utf-8-sig")))
    rows[0]["Value"] = "99.5"  # Hertfordshire 2010/11 Persons, revised
    newer = tmp_path / "fingertips_90284_newer.csv"
    with newer.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    report = import_file(import_db, newer)
    assert report.ok, report.problems
    assert (report.inserted, report.updated, report.unchanged) == (0, 1, 37)
    with import_db.read() as session:
        # the first import already superseded the seed's illustrative 2021-22..2023-24 values
        revision = (
            session.execute(
                select(ObservationRevision)
                .join(Source, Source.id == ObservationRevision.source_id)
                .where(Source.file.startswith(LA_FILE))  # the published data holds the same release
            )
            .scalars()
            .all()
        )
        assert len(revision) == 1
        old_source = session.get(Source, revision[0].source_id)
        assert old_source.file.startswith(LA_FILE) and revision[0].superseded_at is not None
        assert abs(revision[0].value - 96.4011213) < 1e-9
        current = session.get(Observation, revision[0].observation_id)
        assert current.value == 99.5
        assert session.get(Source, current.source_id).file == newer.name


def test_dry_run_writes_nothing(import_db):
    before = checksum(import_db)
    report = import_file(import_db, realdata_path(LA_FILE), dry_run=True)
    assert report.ok and report.dry_run and not report.written
    assert report.inserted + report.updated + report.unchanged == 38
    assert checksum(import_db) == before


def test_html_no_data_cells_rolling_periods_and_england_rows(import_db):
    report = import_file(import_db, realdata_path("fingertips_ncmp_reception_prev_overweight_dist.csv"))
    assert report.ok, report.problems
    assert report.indicators == ["fingertips-93106"]
    series = reads.series("fingertips-93106", db=import_db)
    assert len(series) == 12
    assert set(series["period_label"]) == {"2022/23 - 24/25"}
    assert set(series["period_type"]) == {"rolling"}
    assert series["count"].isna().all()  # <div class="no-data">-</div> is NULL, never 0
    herts = series[series["area_code"] == "E10000015"].iloc[0]
    assert abs(herts["upper_ci998"] - 19.96277) < 1e-9 and herts["denominator"] == 38640


def test_category_type_and_category_become_breakdowns(import_db):
    report = import_file(import_db, realdata_path("fingertips_csc_region_hospital_admissions_2324.csv"))
    assert report.ok, report.problems
    breakdowns = reads.breakdowns("injury-admissions-0-14", db=import_db)
    dims = set(breakdowns["breakdown_dimension"])
    assert any(d.startswith("County & UA deprivation deciles") for d in dims)
    assert all(len(d) <= 60 for d in dims)
    with import_db.read() as session:
        notes = session.execute(
            select(func.count()).select_from(Observation).where(Observation.value_note.like("Should be treated with caution%"))
        ).scalar()
    assert notes > 0


def test_short_fingertipsr_variant(import_db, tmp_path: Path):
    source = realdata_path("fingertips_ncmp_fingertips_data_2021-22_to_2023-24.csv")
    frame = pd.read_csv(source, dtype=str)
    frame = frame[~frame["AreaCode"].str.startswith("E05")]  # keep Herts and its districts
    path = tmp_path / "fingertipsr_short.csv"
    frame.to_csv(path, index=False)
    report = import_file(import_db, path)
    assert report.ok, report.problems
    assert report.inserted == len(frame) == 44
    assert len(report.indicators) == 4 and all(i.startswith("fingertips-") for i in report.indicators)


def test_publishers_own_verdicts_are_kept(import_db):
    """Fingertips' "Compared to England" cells land on the observation: East of England's sex
    breakdowns (new rows) carry "Better" as printed; a parent verdict needs a parent other than England."""
    report = import_file(import_db, realdata_path("fingertips_csc_region_hospital_admissions_2324.csv"))
    assert report.ok, report.problems
    series = reads.series("injury-admissions-0-14", ["E12000006"], breakdown_dimension="Sex", db=import_db)
    assert len(series) == 24
    assert set(series["published_vs_england"]) == {"Better"}
    assert series["published_parent_code"].isna().all()  # its parent is England: no separate parent verdict
