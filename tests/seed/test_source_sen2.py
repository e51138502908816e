"""The SEN2 (EHC plans) and SEND Tribunal sources of the published data.

Checks the contract (every part passes the builder's checks; periods mean what DfE says;
DfE's pre-unitary codes land on today's councils; the tribunal spreadsheet's wrong LA numbers
do not move figures to another council), and samples values from EVERY SEN2 file the published data
reads against the raw file line and the seeded SQLite and PostgreSQL databases.
"""

from __future__ import annotations

import csv
import gzip
import io
import random
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import select

from data_access.models import Observation, Period
from seed.build_published import PLAN_INDICATORS, _check
from seed.published_data import PUBLISHED_DIR
from seed.publishing.areas import AreaBook, build_areas
from seed.publishing.io import read_published_frame
from seed.publishing.model import SourcePart
from seed.publishing.sources import sen2, sen2_tribunal
from tests.conftest import REALDATA

NATIONAL = REALDATA / "national"
HERTS, ENGLAND, EAST = "E10000015", "E92000001", "E12000006"
#: Every published file made from an SEN2 file (and the tribunal spreadsheet).
KEYS = (
    "dfe-sen2-caseload",
    "dfe-sen2-newplans",
    "dfe-sen2-timeliness",
    "dfe-sen2-requests",
    "dfe-sen2-annual-reviews",
    "dfe-sen2-ceased",
    "dfe-sen2-needs",
    "dfe-sen2-caseload-2022",
    "dfe-sen2-mi-2022",
    "moj-dfe-send-tribunal",
)


def test_january_counts_and_calendar_years() -> None:
    assert sen2.january("202425") == ("month", "January 2025")
    assert sen2.january("201819") == ("month", "January 2019")
    assert sen2.january("2014") == ("month", "January 2014")  # the 2022 release's calendar year of the count
    assert sen2.calendar("2024") == ("calendar", "2024")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4.40%", ("4.40", "")),
        ('"13,889"', None),
        ("13,889", ("13889", "")),
        (" - ", ("0", "")),
        ("~", ("", "~")),
        (" .. ", ("", "x")),
        ("  ", ("", "x")),
    ],
)
def test_tribunal_cells(text: str, expected: tuple[str, str] | None) -> None:
    if expected is None:
        with pytest.raises(ValueError):
            sen2_tribunal.figure(text)
    else:
        assert sen2_tribunal.figure(text) == expected


def test_indicators_are_defined_once_with_topic_send() -> None:
    ids = [row["id"] for row in sen2.indicators()] + [sen2_tribunal.indicator()["id"]]
    assert len(ids) == len(set(ids))
    plan_ids = set(pd.read_csv(PLAN_INDICATORS, dtype=str)["id"])
    assert not set(ids) & plan_ids
    assert all(row["topic"] == "SEND" for row in sen2.indicators())
    timeliness = {row["id"]: row for row in sen2.indicators()}[sen2.WITHIN_20]
    assert timeliness["value_type"] == "percentage" and timeliness["ci_method"] == "wilson"


# ------------------------------------------------------------------ with the raw files


@pytest.fixture(scope="module")
def areas() -> AreaBook:
    if not NATIONAL.is_dir():
        pytest.skip(f"real published files not found at {NATIONAL} (../shared is absent on this machine)")
    return build_areas(NATIONAL)


@pytest.fixture(scope="module")
def parts(areas: AreaBook) -> dict[str, SourcePart]:
    return {part.meta.key: part for part in sen2.build(NATIONAL, areas)}


def test_every_part_passes_the_builders_checks(parts, areas) -> None:
    known = set(pd.read_csv(PLAN_INDICATORS, dtype=str)["id"]) | {r["id"] for r in sen2.indicators()}
    known.add(sen2_tribunal.RATE)
    assert sorted(parts) == sorted(KEYS)
    for part in parts.values():
        assert _check(part, areas, known) == []


def test_every_ees_row_is_written_or_counted(parts) -> None:
    """Rows written (one raw row may give several observations) plus rows counted = raw rows."""
    for key, part in parts.items():
        if key == "moj-dfe-send-tribunal":
            continue
        written = part.observations["source_line"].nunique()
        assert written + sum(part.dropped.values()) == part.raw_rows, key


def _obs(parts: dict[str, SourcePart], key: str, indicator: str, area: str, period: str) -> dict[str, str]:
    frame = parts[key].observations
    rows = frame[(frame["indicator_id"] == indicator) & (frame["area_code"] == area) & (frame["period_label"] == period)]
    assert len(rows) == 1, (key, indicator, area, period, len(rows))
    return {str(k): str(v) for k, v in rows.iloc[0].items()}


def test_hertfordshire_figures_with_their_lines(parts) -> None:
    plans = _obs(parts, "dfe-sen2-caseload", sen2.PLANS, HERTS, "January 2025")
    assert (plans["value"], plans["source_line"]) == ("12920", "20097")
    timely = _obs(parts, "dfe-sen2-timeliness", sen2.WITHIN_20, HERTS, "2024")
    assert (timely["value"], timely["count"], timely["denominator"], timely["source_line"]) == ("55.2", "984", "1781", "9712")
    timely_ex = _obs(parts, "dfe-sen2-timeliness", sen2.WITHIN_20_EX, HERTS, "2024")
    assert (timely_ex["value"], timely_ex["count"], timely_ex["denominator"]) == ("56.3", "957", "1699")
    old = _obs(parts, "dfe-sen2-caseload-2022", sen2.PLANS, HERTS, "January 2016")
    assert (old["value"], old["source_line"]) == ("4366", "5967")  # 2,056 statements + 2,310 EHC plans
    early = _obs(parts, "dfe-sen2-mi-2022", sen2.WITHIN_20, HERTS, "2014")
    assert (early["value"], early["count"], early["denominator"]) == ("74.500000000000", "102", "137")
    asked = _obs(parts, "dfe-sen2-requests", sen2.ASSESSED, HERTS, "2024")
    assert (asked["value"], asked["count"], asked["denominator"]) == ("66.3", "2216", "3343")
    need = _obs(parts, "dfe-sen2-needs", "send-need-asd", HERTS, "January 2025")
    assert (need["value"], need["count"], need["denominator"]) == ("26.9", "3472", "12920")
    independent = _obs(parts, "dfe-sen2-caseload", "send-place-special-independent", HERTS, "January 2025")
    assert (independent["value"], independent["denominator"]) == ("278", "12920")
    reviews = _obs(parts, "dfe-sen2-annual-reviews", sen2.REVIEWS, HERTS, "2024")
    assert (reviews["value"], reviews["status"]) == ("", "x")  # suppressed by DfE pending checks: never 0
    appeal = _obs(parts, "moj-dfe-send-tribunal", sen2_tribunal.RATE, HERTS, "2024")
    assert (appeal["value"], appeal["count"], appeal["denominator"], appeal["source_line"]) == ("4.40", "613", "13889", "93")
    england = _obs(parts, "moj-dfe-send-tribunal", sen2_tribunal.RATE, ENGLAND, "2024")
    assert (england["value"], england["count"], england["denominator"]) == ("3.20", "22276", "689739")


def test_overlapping_years_are_given_once_by_the_2025_release(parts) -> None:
    """The 2022 release repeats 2019-2022; the builder keeps the 2025 release (precedence order)."""
    keys = list(parts)
    assert keys.index("dfe-sen2-caseload") < keys.index("dfe-sen2-caseload-2022")
    assert keys.index("dfe-sen2-timeliness") < keys.index("dfe-sen2-mi-2022")
    new = _obs(parts, "dfe-sen2-caseload", sen2.PLANS, HERTS, "January 2022")
    old = _obs(parts, "dfe-sen2-caseload-2022", sen2.PLANS, HERTS, "January 2022")
    assert new["value"] == old["value"] == "9422"  # the releases agree where they overlap


@pytest.mark.parametrize(("old", "new"), [("E10000002", "E06000060"), ("E10000023", "E06000065"), ("E10000027", "E06000066")])
def test_pre_unitary_codes_land_on_todays_councils(parts, old: str, new: str) -> None:
    frame = parts["dfe-sen2-caseload"].observations
    assert old not in set(frame["area_code"])
    assert not frame[(frame["area_code"] == new) & (frame["indicator_id"] == sen2.PLANS)].empty


def test_tribunal_matches_by_name_not_by_the_wrong_numbers(parts) -> None:
    """The spreadsheet gives Northamptonshire 892 (DfE's Nottingham) and Nottingham 891 (Nottinghamshire)."""
    frame = parts["moj-dfe-send-tribunal"].observations
    nottingham = _obs(parts, "moj-dfe-send-tribunal", sen2_tribunal.RATE, "E06000018", "2014")
    assert (nottingham["count"], nottingham["denominator"]) == (
        "18",
        "671",
    )  # Nottingham's own line, not Northamptonshire's 41/4,248
    notts = _obs(parts, "moj-dfe-send-tribunal", sen2_tribunal.RATE, "E10000024", "2014")
    assert (notts["count"], notts["denominator"]) == ("47", "1812")
    cambs = _obs(parts, "moj-dfe-send-tribunal", sen2_tribunal.RATE, "E10000003", "2024")
    assert cambs["source_line"] == "91"
    assert "E06000059" not in set(frame.loc[frame["period_label"] < "2019", "area_code"])  # old Dorset county
    reasons = " ".join(parts["moj-dfe-send-tribunal"].dropped)
    assert "Northamptonshire 892" in reasons and "Cumbria 909" in reasons


def _plain(cell: str) -> str:
    """A cell as the published data carries it: no thousands commas or '%', the tribunal file's '-' (none) as 0."""
    text = cell.strip().replace(",", "").removesuffix("%")
    return "0" if text == "-" else text


def _raw_lines(path: Path, wanted: set[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    text = gzip.decompress(path.read_bytes()).decode("utf-8-sig")
    reader = csv.reader(io.StringIO(text, newline=""))
    start = 1
    for record in reader:
        if start in wanted:
            found[start] = [_plain(cell) for cell in record]
        start = reader.line_num + 1
    return found


def _sample_every_file() -> pd.DataFrame:
    frames = []
    for key in KEYS:
        frame = read_published_frame(PUBLISHED_DIR / f"obs-{key}.csv.gz")
        frame = frame[frame["value"] != ""]
        picked = random.Random(f"sen2-{key}").sample(range(len(frame)), min(40, len(frame)))
        frames.append(frame.iloc[sorted(picked)].assign(source_key=key))
    return pd.concat(frames, ignore_index=True)


def test_sampled_values_from_every_sen2_file_are_on_their_raw_lines(areas) -> None:
    sources = pd.read_csv(PUBLISHED_DIR / "sources.csv", dtype=str, keep_default_na=False).set_index("key")["file"]
    sample = _sample_every_file()
    assert set(sample["source_key"]) == set(KEYS)
    for key, rows in sample.groupby("source_key"):
        raw = _raw_lines(NATIONAL / sources[key], {int(n) for n in rows["source_line"]})
        for row in rows.to_dict("records"):
            cells = raw[int(row["source_line"])]
            assert row["value"] in cells, (key, row)
            for column in ("count", "denominator"):
                assert row[column] == "" or row[column] in cells, (key, column, row)


def test_sampled_values_from_every_sen2_file_are_in_the_seeded_database(seeded_db) -> None:
    """SQLite and PostgreSQL hold each sampled value unchanged, under the same key."""
    sample = _sample_every_file()
    statement = (
        select(
            Observation.indicator_id,
            Observation.area_code,
            Period.label,
            Observation.value,
            Observation.count,
            Observation.denominator,
        )
        .join(Period, Period.id == Observation.period_id)
        .where(Observation.indicator_id.in_(sorted(set(sample["indicator_id"]))))
        .where(Observation.area_code.in_(sorted(set(sample["area_code"]))))
    )
    with seeded_db.read() as session:
        stored = {tuple(r[:3]): r[3:] for r in session.execute(statement)}
    for row in sample.to_dict("records"):
        value, count, denominator = stored[(row["indicator_id"], row["area_code"], row["period_label"])]
        assert value == pytest.approx(float(row["value"])), row
        if row["count"]:
            assert count == pytest.approx(float(row["count"])), row
        if row["denominator"]:
            assert denominator == pytest.approx(float(row["denominator"])), row
    herts = select(Observation.value, Observation.count, Observation.denominator, Observation.lower_ci95).join(
        Period, Period.id == Observation.period_id
    )
    herts = herts.where(Observation.indicator_id == "send-ehcp-20wk-incl", Observation.area_code == HERTS, Period.label == "2024")
    with seeded_db.read() as session:
        assert tuple(session.execute(herts).one())[:3] == (pytest.approx(55.2), pytest.approx(984), pytest.approx(1781))
