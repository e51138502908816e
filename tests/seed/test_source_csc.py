"""The DfE children's social care / workforce / NCCIS source module of the published data.

Checks the contract (every part passes the builder's checks, every raw row is written or
counted with a reason) and spot-checks Hertfordshire and England figures against the raw
files, cell by cell, through each observation's ``source_line``.
"""

from __future__ import annotations

import csv
import gzip
import io
from pathlib import Path

import pandas as pd
import pytest

from seed.build_published import PLAN_INDICATORS, _check
from seed.publishing.areas import AreaBook, build_areas
from seed.publishing.model import INDICATOR_COLUMNS, SourcePart
from seed.publishing.shared_indicators import COMMON_IDS
from seed.publishing.sources import csc
from tests.conftest import REALDATA

NATIONAL = REALDATA / "national"
HERTS, ENGLAND, SCILLY, CITY = "E10000015", "E92000001", "E06000053", "E09000001"
KEYS = [
    "dfe-cla-rates",
    "dfe-cla-placement-stability",
    "dfe-care-leavers-accommodation",
    "dfe-care-leavers-activity",
    "dfe-cla-ceased",
    "dfe-csww",
    "dfe-nccis-neet-2021",
    "dfe-nccis-neet-2022",
    "dfe-nccis-neet-2023",
    "dfe-nccis-neet-2025",
]


# ------------------------------------------------------------------ no raw files needed


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("36", ("36", "")),
        (" 12.5 ", ("12.5", "")),
        ("1,234", ("1234", "")),
        ("1.0", ("1.0", "")),
        ("c", ("", "c")),
        ("z", ("", "z")),
        ("low", ("", "low")),
        ("k", ("", "k")),
        ("u", ("", "u")),
        ("x", ("", "x")),
        ("", ("", "x")),
    ],
)
def test_cell_keeps_numbers_verbatim_and_symbols_as_status(text: str, expected: tuple[str, str]) -> None:
    assert csc.cell(text) == expected


def test_cell_refuses_text_it_does_not_know() -> None:
    with pytest.raises(ValueError, match="neither a number"):
        csc.cell("about 5")


def test_read_ees_numbers_lines_and_refuses_embedded_line_breaks(tmp_path: Path) -> None:
    good = tmp_path / "good.csv.gz"
    good.write_bytes(gzip.compress("\ufeffa,b\n1,2\n3,4\n".encode()))
    frame = csc.read_ees(good)
    assert list(frame["a"]) == ["1", "3"] and list(frame["source_line"]) == ["2", "3"]
    bad = tmp_path / "bad.csv"
    bad.write_text('a,b\n"one\ntwo",2\n3,4\n', encoding="utf-8")
    with pytest.raises(ValueError, match="line break"):
        csc.read_ees(bad)


# ------------------------------------------------------------------ against the raw files


@pytest.fixture(scope="module")
def areas() -> AreaBook:
    if not NATIONAL.is_dir():
        pytest.skip(f"raw published files not found at {NATIONAL} (../shared/realdata is absent on this machine)")
    return build_areas(NATIONAL)


@pytest.fixture(scope="module")
def parts(areas: AreaBook) -> dict[str, SourcePart]:
    return {part.meta.key: part for part in csc.build(NATIONAL, areas)}


def _raw_row(file: str, line: str) -> dict[str, str]:
    """The raw file's row at a 1-based line (header = 1), read independently of the module."""
    path = NATIONAL / file
    data = gzip.decompress(path.read_bytes()) if file.endswith(".gz") else path.read_bytes()
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    return rows[int(line) - 2]


def _one(part: SourcePart, indicator: str, area: str, period: str) -> dict[str, str]:
    obs = part.observations
    hit = obs[(obs["indicator_id"] == indicator) & (obs["area_code"] == area) & (obs["period_label"] == period)]
    assert len(hit) == 1, (indicator, area, period, len(hit))
    return {str(k): str(v) for k, v in hit.iloc[0].items()}


def test_one_part_per_file_with_its_keys(parts: dict[str, SourcePart]) -> None:
    assert list(parts) == KEYS
    files = [p.meta.file for p in parts.values()]
    assert len(set(files)) == len(files)
    assert "dfe_csc_ons_mid-year_population_estimates_2012_to_2024.csv" not in files  # denominator source only
    for part in parts.values():
        assert part.meta.licence == "Open Government Licence v3.0"
        assert part.meta.repository.startswith("dfe-analytical-services/") and " @ " in part.meta.repository


def test_every_part_passes_the_published_data_checks(parts: dict[str, SourcePart], areas: AreaBook) -> None:
    plan = set(pd.read_csv(PLAN_INDICATORS, dtype=str)["id"])
    known = plan | set(COMMON_IDS) | {row["id"] for p in parts.values() for row in p.indicators}
    for part in parts.values():
        assert _check(part, areas, known) == [], part.meta.key


def test_every_raw_row_is_written_or_counted_as_dropped(parts: dict[str, SourcePart]) -> None:
    for part in parts.values():
        path = NATIONAL / part.meta.file
        data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
        assert part.raw_rows == data.count(b"\n") - 1, part.meta.key
        written = part.observations["source_line"].nunique()
        assert written + sum(part.dropped.values()) == part.raw_rows, (part.meta.key, part.dropped)
        assert len(part.observations) > 0


def test_new_indicators_are_complete_defined_once_and_do_not_redefine(parts: dict[str, SourcePart]) -> None:
    plan = set(pd.read_csv(PLAN_INDICATORS, dtype=str)["id"])
    defined = [row for p in parts.values() for row in p.indicators]
    ids = [row["id"] for row in defined]
    assert sorted(ids) == sorted(["cla-ceased-returned-home-planned", "cla-ceased-returned-home-unplanned"])
    # the rates and NEET halves LAIT also publishes are defined once, in seed.publishing.shared_indicators
    assert {"cla-starting-rate", "cla-ceasing-rate", "neet-only-16-17", "neet-activity-not-known-16-17"} <= COMMON_IDS
    assert not set(ids) & (plan | COMMON_IDS)
    for row in defined:
        assert tuple(row) == INDICATOR_COLUMNS
        assert row["definition"].endswith(".") and row["source_key"] == ""
        assert row["polarity"] in {"higher_better", "lower_better", "no_judgement", "ambiguous"}
    used = {i for p in parts.values() for i in p.observations["indicator_id"]}
    assert set(ids) <= used


def test_returned_home_is_two_published_counts_never_a_sum(parts: dict[str, SourcePart]) -> None:
    ceased = parts["dfe-cla-ceased"]
    assert "cla-ceased-returned-home" not in set(ceased.observations["indicator_id"])
    planned = _one(ceased, "cla-ceased-returned-home-planned", HERTS, "2023-24")
    unplanned = _one(ceased, "cla-ceased-returned-home-unplanned", HERTS, "2023-24")
    assert (planned["value"], unplanned["value"]) == ("45", "33")
    for obs in (planned, unplanned):
        raw = _raw_row(ceased.meta.file, obs["source_line"])
        assert raw["new_la_code"] == HERTS and raw["time_period"] == "2024"
        assert raw["cla_group"] == "Reason episode ceased" and raw["number"] == obs["value"]
    assert "part of the care planning process" in _raw_row(ceased.meta.file, planned["source_line"])["characteristic"]
    assert "which was not part" in _raw_row(ceased.meta.file, unplanned["source_line"])["characteristic"]


# (part key, indicator, area, period, value, count, denominator, raw value column)
SPOTS = [
    ("dfe-cla-rates", "cla-rate", HERTS, "31 March 2025", "36", "999", "277480", "rate_per_10000"),
    ("dfe-cla-rates", "cla-rate", ENGLAND, "31 March 2025", "67", "81770", "12183016", "rate_per_10000"),
    ("dfe-cla-rates", "cla-starting-rate", HERTS, "2024-25", "15", "424", "277480", "rate_per_10000"),
    ("dfe-cla-placement-stability", "cla-three-plus-placements", HERTS, "2024-25", "11", "108", "999", "children_percent"),
    (
        "dfe-cla-placement-stability",
        "cla-long-term-placement-stability",
        HERTS,
        "2024-25",
        "73",
        "210",
        "288",
        "children_percent",
    ),
    (
        "dfe-care-leavers-accommodation",
        "care-leavers-19-21-suitable-accommodation",
        HERTS,
        "2024-25",
        "89",
        "522",
        "589",
        "care_leaver_percent",
    ),
    (
        "dfe-care-leavers-accommodation",
        "care-leavers-17-18-suitable-accommodation",
        HERTS,
        "2024-25",
        "97",
        "256",
        "264",
        "care_leaver_percent",
    ),
    ("dfe-care-leavers-activity", "care-leavers-19-21-eet", HERTS, "2024-25", "56", "334", "597", "care_leaver_percent"),
    ("dfe-csww", "sw-agency-rate", HERTS, "30 September 2024", "6.1", "", "", "agency_rate_fte"),
    ("dfe-csww", "sw-caseload", HERTS, "30 September 2024", "12.5", "", "", "caseload_fte"),
    ("dfe-csww", "sw-agency-rate", ENGLAND, "30 September 2025", "13", "", "", "agency_rate_fte"),
    ("dfe-nccis-neet-2025", "neet-16-17", HERTS, "2025", "3.9", "", "29679", "NEET_not_known_percent"),
    ("dfe-nccis-neet-2025", "neet-only-16-17", HERTS, "2025", "2.8", "", "29679", "NEET_percent"),
    ("dfe-nccis-neet-2023", "neet-activity-not-known-16-17", HERTS, "2023", "1.0", "", "27365", "Notknown_percent"),
    ("dfe-nccis-neet-2022", "neet-16-17", ENGLAND, "2022", "4.7", "", "1208392.7", "NEET_not_known_percent"),
]


@pytest.mark.parametrize(("key", "indicator", "area", "period", "value", "count", "denominator", "column"), SPOTS)
def test_spot_values_match_the_raw_row(
    parts: dict[str, SourcePart],
    key: str,
    indicator: str,
    area: str,
    period: str,
    value: str,
    count: str,
    denominator: str,
    column: str,
) -> None:
    part = parts[key]
    obs = _one(part, indicator, area, period)
    assert (obs["value"], obs["count"], obs["denominator"], obs["status"]) == (value, count, denominator, "")
    raw = _raw_row(part.meta.file, obs["source_line"])
    assert raw[column] == value
    if area == ENGLAND:
        assert raw["geographic_level"] == "National"
    else:
        assert raw["new_la_code"] == area
    year = period.split()[-1] if " " in period else (period if "-" not in period else str(int(period[:4]) + 1))
    assert raw["time_period"] == year


def test_periods_follow_each_indicator_type(parts: dict[str, SourcePart]) -> None:
    obs = pd.concat([p.observations for p in parts.values()])
    kinds = obs.groupby("indicator_id")["period_type"].unique().map(list).to_dict()
    assert kinds["cla-rate"] == ["snapshot"] and kinds["cla-starting-rate"] == ["financial"]
    assert kinds["sw-turnover-rate"] == ["snapshot"] and kinds["neet-16-17"] == ["calendar"]
    assert kinds["care-leavers-19-21-eet"] == ["financial"]
    labels = set(obs.loc[obs["indicator_id"] == "cla-rate", "period_label"])
    assert labels == {f"31 March {y}" for y in range(2021, 2026)}
    labels = set(obs.loc[obs["indicator_id"] == "sw-vacancy-rate", "period_label"])
    assert labels == {f"30 September {y}" for y in range(2017, 2026)}
    assert set(obs.loc[obs["indicator_id"] == "neet-16-17", "period_label"]) == {"2021", "2022", "2023", "2025"}


def test_symbols_are_statuses_with_no_value(parts: dict[str, SourcePart]) -> None:
    rates = parts["dfe-cla-rates"]
    scilly = _one(rates, "cla-rate", SCILLY, "31 March 2025")
    assert (scilly["value"], scilly["status"], scilly["count"], scilly["denominator"]) == ("", "z", "", "319")
    city = _one(rates, "cla-rate", CITY, "31 March 2025")
    assert (city["value"], city["status"]) == ("", "c")
    for part in parts.values():
        obs = part.observations
        assert ((obs["value"] != "") | (obs["status"] != "")).all()
        assert (obs.loc[obs["value"] != "", "status"] == "").all()


def test_areas_that_are_not_published_areas_are_dropped_with_named_reasons(parts: dict[str, SourcePart]) -> None:
    for part in parts.values():
        codes = set(part.observations["area_code"])
        assert not {c for c in codes if c.startswith(("E13", "E11", "E47"))}
        assert {"E10000006", "E10000021"}.isdisjoint(codes)  # Cumbria, Northamptonshire
    reasons = " | ".join(parts["dfe-cla-rates"].dropped)
    assert "Inner London E13000001" in reasons and "Cumbria E10000006" in reasons
    csww = " | ".join(parts["dfe-csww"].dropped)
    assert "reported jointly" in csww and "E09000021 / E09000027" in csww
    assert any("placeholder" in r for r in parts["dfe-nccis-neet-2021"].dropped)
    assert parts["dfe-cla-placement-stability"].dropped["not a published indicator here"] > 0
