"""The Fingertips source module against the raw exports: every row written or dropped with a
reason, values verbatim, CIs and counts carried, and the published data's row rules met."""

from __future__ import annotations

import csv
import gzip
from pathlib import Path

import pandas as pd
import pytest

from seed.build_published import PLAN_INDICATORS, _check
from seed.publishing import model
from seed.publishing.areas import AreaBook, build_areas
from seed.publishing.model import SourcePart
from seed.publishing.shared_indicators import COMMON_IDS
from seed.publishing.sources import fingertips
from tests.conftest import REALDATA
from tests.published_sample import one

NATIONAL = REALDATA / "national"
HERTS, STEVENAGE, ENGLAND = "E10000015", "E07000243", "E92000001"


@pytest.fixture(scope="module")
def built() -> tuple[AreaBook, dict[str, SourcePart], list[SourcePart]]:
    if not REALDATA.is_dir():
        pytest.skip(f"raw published files not found at {REALDATA} (../shared/realdata is absent on this machine)")
    areas = build_areas(NATIONAL)
    parts = fingertips.build(NATIONAL, areas)
    return areas, {part.meta.key: part for part in parts}, parts


def raw_lines(file: str) -> list[list[str]]:
    """The raw file as CSV rows, index 0 = line 1 (the header)."""
    opener = gzip.open if file.endswith(".gz") else open
    with opener(NATIONAL / file, "rt", encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_parts_in_order_and_pass_the_published_data_checks(built) -> None:
    areas, by_key, parts = built
    assert [p.meta.key for p in parts] == [
        "fingertips-90319",
        "fingertips-90323",
        "fingertips-93563",
        "fingertips-93570",
        "fingertips-90284",
        "fingertips-90284-regions",
    ]
    plan = set(pd.read_csv(PLAN_INDICATORS, dtype=str)["id"])
    own = {row["id"] for part in parts for row in part.indicators}
    assert own == {"dental-decay-5yo", "physically-active-cyp"}
    assert not own & (plan | COMMON_IDS)
    for part in parts:
        assert _check(part, areas, plan | COMMON_IDS | own) == [], part.meta.key
        assert len(part.observations) + sum(part.dropped.values()) == part.raw_rows, part.meta.key
        assert part.meta.repository and part.meta.note and part.meta.url


def test_year6_obesity_2023_24_matches_the_raw_file(built) -> None:
    _, by_key, _ = built
    part = by_key["fingertips-90323"]
    lines = raw_lines("fingertips_tdl_obese_year6.csv")
    header = lines[0]
    for code, expected in ((HERTS, "17.6"), (STEVENAGE, "21.8"), (ENGLAND, "22.1")):
        row = one(part, indicator_id="year6-obesity", area_code=code, period_label="2023/24")
        raw = dict(zip(header, lines[int(row["source_line"]) - 1]))
        assert raw["area_code"] == code and raw["period"] == "2023/24" and raw["inequality"] == "NA"
        assert row["value"] == raw["value"] == expected
        assert row["period_type"] == "academic" and row["lower_ci95"] == "" and row["status"] == ""


def test_tdl_files_drop_wards_quintiles_and_abolished_areas(built) -> None:
    _, by_key, _ = built
    part = by_key["fingertips-90319"]
    assert part.dropped[fingertips.REASON_WARD] == 21
    assert part.dropped[fingertips.REASON_QUINTILE] == 60
    assert not part.observations["area_code"].str.startswith("E05").any()
    assert set(part.observations["breakdown_dimension"]) == {"Total"}
    # "NA" in the file is a missing value: no figure, status x
    na = part.observations[part.observations["status"] == "x"]
    assert not na.empty and (na["value"] == "").all()
    assert "1 dp" in part.meta.note


def test_new_indicators_carry_their_fingertips_ids(built) -> None:
    _, by_key, _ = built
    dental = by_key["fingertips-93563"].indicators[0]
    active = by_key["fingertips-93570"].indicators[0]
    assert (dental["id"], dental["fingertips_id"], dental["polarity"]) == ("dental-decay-5yo", "93563", "lower_better")
    assert (active["id"], active["fingertips_id"], active["polarity"]) == ("physically-active-cyp", "93570", "higher_better")
    assert dental["period_type"] == active["period_type"] == "academic"
    codes = {(c["scheme"], c["code"], c["indicator_id"]) for p in by_key.values() for c in p.indicator_codes}
    assert ("Fingertips", "90319", "reception-obesity") in codes
    assert ("Fingertips", "90284", "injury-admissions-0-14") in codes
    row = one(by_key["fingertips-93563"], area_code=STEVENAGE, period_label="2023/24")
    assert row["value"] == "23.7"


def test_injury_admissions_2022_23_keep_cis_count_and_denominator(built) -> None:
    _, by_key, _ = built
    part = by_key["fingertips-90284"]
    row = one(part, area_code=HERTS, period_label="2022-23", breakdown_dimension="Total")
    assert row["period_type"] == "financial"
    assert (row["value"], row["lower_ci95"], row["upper_ci95"]) == ("73.21454", "69.77245", "76.87421")
    assert (row["lower_ci998"], row["upper_ci998"]) == ("67.82125", "78.99435")
    assert (row["count"], row["denominator"]) == ("1655", "226048")
    lines = raw_lines("fingertips_csc_la_hospital_admissions_2324.csv.gz")
    raw = dict(zip(lines[0], lines[int(row["source_line"]) - 1]))
    assert (raw["Area Code"], raw["Time period"], raw["Sex"], raw["Value"]) == (HERTS, "2022/23", "Persons", "73.21454")


def test_injury_not_presented_values_and_notes(built) -> None:
    _, by_key, _ = built
    part = by_key["fingertips-90284"]
    surrey = one(part, area_code="E10000030", period_label="2022-23", breakdown_dimension="Total")
    assert surrey["value"] == "" and surrey["status"] == "x"
    assert surrey["value_note"].startswith("Not presented due to Frimley Health")
    cornwall = one(part, area_code="E06000052", period_label="2023-24", breakdown_dimension="Total")
    assert cornwall["value"] != "" and cornwall["value_note"] == "Value for Cornwall and Isles of Scilly combined"
    assert fingertips.injury_status("", "Value suppressed for disclosure control due to small count") == "c"
    assert fingertips.injury_status("", "") == "x"
    assert fingertips.injury_status("12.5", "") == ""


def test_injury_deprivation_deciles_are_one_clean_scheme(built) -> None:
    _, by_key, _ = built
    part = by_key["fingertips-90284"]
    deciles = part.observations[part.observations["breakdown_dimension"] == "deprivation"]
    assert set(deciles["area_code"]) == {ENGLAND}
    per_year = deciles[deciles["value"] != ""].groupby("period_label")["breakdown_value"].nunique()
    assert per_year.loc["2016-17":].eq(10).all()
    most = one(part, area_code=ENGLAND, period_label="2023-24", breakdown_value="Most deprived decile (IMD2019)")
    assert (most["value"], most["count"]) == ("83.40796", "8830")
    assert part.dropped[fingertips.REASON_SEX] > 0 and part.dropped[fingertips.REASON_OTHER_DECILES] > 0


def test_region_file_adds_regions_and_england_repeats_are_dropped(built) -> None:
    _, by_key, _ = built
    la, regions = by_key["fingertips-90284"], by_key["fingertips-90284-regions"]
    assert not la.observations["area_code"].str.startswith("E12").any()
    east = one(regions, area_code="E12000006", period_label="2022-23", breakdown_dimension="Total")
    assert east["value"] != "" and east["lower_ci95"] != ""
    # the LA export lists England twice (as an area and as its own parent): one row kept
    assert la.dropped[model.REASON_REPEAT] == 106
    assert "sex split" in fingertips.REASON_SEX


def test_every_written_row_points_at_its_raw_line(built) -> None:
    areas, by_key, _ = built
    for key, file, code_column, value_column in (
        ("fingertips-90319", "fingertips_tdl_obese_reception.csv", "area_code", "value"),
        ("fingertips-90284-regions", "fingertips_csc_region_hospital_admissions_2324.csv.gz", "Area Code", "Value"),
    ):
        lines = raw_lines(file)
        index = {name: i for i, name in enumerate(lines[0])}
        for row in by_key[key].observations.itertuples(index=False):
            raw = lines[int(row.source_line) - 1]
            expected = "" if raw[index[value_column]] == "NA" else raw[index[value_column]]
            assert row.value == expected, (key, row.source_line)
            assert row.area_code == areas.resolve(raw[index[code_column]]), (key, row.source_line)


def test_build_is_deterministic(built) -> None:
    areas, by_key, _ = built
    again = {p.meta.key: p for p in fingertips.build(Path(NATIONAL), areas)}
    for key, part in by_key.items():
        assert part.observations.equals(again[key].observations), key
