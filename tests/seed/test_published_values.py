"""Values in the published data and in the seeded database equal the official files they came from.

For a large random sample of rows from every published file, the raw file's row at the published data's
``source_line`` must hold the published data's value, count and denominator verbatim; and the seeded
database (SQLite and PostgreSQL) must hold the same numbers for the same keys.
"""

from __future__ import annotations

import csv
import gzip
import random
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import select

from data_access.models import Observation, Period, Source
from seed.published_data import PUBLISHED_DIR, observation_files
from seed.publishing.io import read_published_frame
from tests.conftest import REALDATA

SAMPLE_PER_FILE = 400
SEED = 20261130


def _sources() -> dict[str, str]:
    frame = pd.read_csv(PUBLISHED_DIR / "sources.csv", dtype=str, keep_default_na=False)
    return {k: f.split(",")[0].strip() for k, f in zip(frame["key"], frame["file"])}


def _sample(path: Path) -> pd.DataFrame:
    frame = read_published_frame(path)
    if len(frame) <= SAMPLE_PER_FILE:
        return frame
    rows = random.Random(f"{SEED}-{path.name}").sample(range(len(frame)), SAMPLE_PER_FILE)
    return frame.iloc[sorted(rows)]


def _raw_records(path: Path, lines: set[int]) -> tuple[dict[int, list[str]], set[str]]:
    """The raw CSV records that start on the given physical lines (cells may hold line breaks),
    and every cell of the file (counts and denominators may come from a total row)."""
    opener = gzip.open if path.suffix == ".gz" else open
    found: dict[int, list[str]] = {}
    cells: set[str] = set()
    with opener(path, "rt", encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        start = 1
        for record in reader:
            if start in lines:
                found[start] = [cell.strip() for cell in record]
            cells.update(_plain(cell) for cell in record)
            start = reader.line_num + 1
    return found, cells


def _plain(cell: str) -> str:
    """A spreadsheet cell as the published data carries it: no thousands commas, no '%' sign, '-' (none) as 0
    (the SEND Tribunal file prints rates as '4.40%' and no appeals as ' - ')."""
    text = cell.strip().replace(",", "").removesuffix("%")
    return "0" if text == "-" else text


def _same_number(text: str, cells: list[str]) -> bool:
    cleaned = [_plain(c) for c in cells]
    return text.replace(",", "") in cleaned


def test_published_values_are_in_the_raw_rows(capsys) -> None:
    national = REALDATA / "national"
    if not national.is_dir():
        pytest.skip(f"real published files not found at {national} (../shared is absent on this machine)")
    sources = _sources()
    checked, mismatches = 0, []
    for path in observation_files(PUBLISHED_DIR):
        key = path.name[len("obs-") : -len(".csv.gz")]
        sample = _sample(path)
        if sample.empty:
            continue
        raw, every_cell = _raw_records(national / sources[key], {int(n) for n in sample["source_line"]})
        for row in sample.to_dict("records"):
            cells = raw.get(int(row["source_line"]))
            if row["value"] != "":  # the value is on the line the published data names
                checked += 1
                if cells is None or not _same_number(row["value"], cells):
                    mismatches.append((key, row["source_line"], "value", row["value"]))
            for column in ("count", "denominator"):  # sometimes from the same file's total row
                if row[column] != "":
                    checked += 1
                    if row[column].replace(",", "") not in every_cell:
                        mismatches.append((key, row["source_line"], column, row[column]))
    with capsys.disabled():
        print(f"\npublished data vs raw files: {checked} figures checked, {len(mismatches)} mismatches")
    assert checked > 5000
    assert mismatches == []


@pytest.fixture(scope="module")
def published_rows() -> pd.DataFrame:
    return pd.concat([_sample(p).assign(source_key=p.name[4:-7]) for p in observation_files(PUBLISHED_DIR)], ignore_index=True)


def test_seeded_database_equals_the_published_data(seeded_db, published_rows, capsys) -> None:
    """Every sampled value (or its status) is in the database unchanged, or a plan's own figure took the key."""
    wanted = published_rows[published_rows["value"] != ""]
    statement = (
        select(
            Observation.indicator_id,
            Observation.area_code,
            Period.label,
            Observation.breakdown_dimension,
            Observation.breakdown_value,
            Observation.value,
            Observation.status,
            Observation.illustrative,
            Source.key,
        )
        .join(Period, Period.id == Observation.period_id)
        .join(Source, Source.id == Observation.source_id)
        .where(Observation.indicator_id.in_(sorted(set(wanted["indicator_id"]))))
        .where(Observation.area_code.in_(sorted(set(wanted["area_code"]))))
    )
    with seeded_db.read() as session:
        stored = {tuple(r[:5]): r[5:] for r in session.execute(statement)}
    mismatches: list[tuple[object, ...]] = []
    for row in published_rows.to_dict("records"):
        key = (row["indicator_id"], row["area_code"], row["period_label"], row["breakdown_dimension"], row["breakdown_value"])
        if key not in stored:
            if row["value"] != "":
                mismatches.append((key, "missing"))
            continue
        value, status, illustrative, source_key = stored[key]
        assert not illustrative
        if source_key.startswith("seed-"):
            continue  # a plan's own figure keeps its key (noted when the official series differs)
        assert source_key == row["source_key"] or row["value"] == "", (key, source_key, row["source_key"])
        if row["value"] == "":
            ok = value is None and status == row["status"]
        else:
            ok = value is not None and abs(value - float(row["value"])) <= 1e-9 * max(1.0, abs(float(row["value"])))
        if not ok:
            mismatches.append((key, row["value"], value))
    with capsys.disabled():
        print(
            f"\ndatabase ({seeded_db.backend}) vs published data: {len(published_rows)} rows checked, {len(mismatches)} mismatches"
        )
    assert mismatches == []
