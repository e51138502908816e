"""The LAIT source module: period rules, ids and values, checked against other published files.

Why cross-checks: LAIT prints every period as a bare year and leaves its meaning to the data
dictionary. A wrong rule would shift a whole series by a year without any error, so each rule
is tested on facts: the same figure in the publisher's own file must sit under the same label.
"""

from __future__ import annotations

import gzip
import time
from pathlib import Path

import pandas as pd
import pytest

from seed.build_published import _check
from seed.publishing.areas import AreaBook, build_areas
from seed.publishing.model import SourcePart
from seed.publishing.shared_indicators import COMMON_IDS
from seed.publishing.sources import lait
from tests.conftest import REALDATA

HERTS, ENGLAND = "E10000015", "E92000001"
PLAN = Path(lait.PLAN_INDICATORS)


# ------------------------------------------------------------------ rules (no raw files needed)


@pytest.mark.parametrize(
    ("years", "rule", "expected"),
    [
        ("2025", lait.ACADEMIC, ("academic", "2024/25", "", "")),
        ("2016/17", lait.ACADEMIC, ("academic", "2016/17", "", "")),
        ("2016-17", lait.ACADEMIC, ("academic", "2016/17", "", "")),
        ("2018 (Rev)", lait.ACADEMIC, ("academic", "2017/18", "revised", "")),
        ("2025 (prov)", lait.ACADEMIC, ("academic", "2024/25", "provisional", "")),
        ("2020 (Final)", lait.ACADEMIC, ("academic", "2019/20", "", "")),
        ("2016", lait.FINANCIAL, ("financial", "2015-16", "", "")),
        ("2016-17 (OT)", lait.FINANCIAL, ("financial", "2016-17", "", "Outturn")),
        ("2025-26", lait.FINANCIAL, ("financial", "2025-26", "", "")),
        ("2013/14-15/16", lait.FINANCIAL, ("rolling", "2013/14 to 2015/16", "", "")),
        ("2022", lait.CALENDAR, ("calendar", "2022", "", "")),
        ("2014-16", lait.CALENDAR, ("rolling", "2014-16", "", "")),
        ("2025", lait.MARCH_31, ("snapshot", "31 March 2025", "", "")),
        ("2016", lait.SEPT_30, ("snapshot", "30 September 2016", "", "")),
        ("2024", lait.JANUARY, ("month", "January 2024", "", "")),
    ],
)
def test_years_read_by_rule(years: str, rule: str, expected: tuple[str, str, str, str]) -> None:
    read = lait.read_years(years, rule)
    assert read is not None
    assert (read.period_type, read.label, read.status, read.note) == expected


def test_years_zero_is_no_period_and_unknown_shapes_raise() -> None:
    assert lait.read_years("0", lait.ACADEMIC) is None
    with pytest.raises(ValueError):
        lait.read_years("2018 (Est)", lait.ACADEMIC)  # a new note must be looked at, not guessed
    with pytest.raises(ValueError):
        lait.read_years("2016-17", lait.MARCH_31)


def test_ids_are_slugs_made_unique_where_only_a_percent_differs() -> None:
    ids = lait.indicator_ids(["LAC_ceased_SGO", "LAC_ceased_SGO%", "LACStable_2016on", "KS1W_Expected _STD"], set())
    assert ids["LAC_ceased_SGO"] == "lait-lac-ceased-sgo"
    assert ids["LAC_ceased_SGO%"] == "lait-lac-ceased-sgo-pct"
    assert ids["LACStable_2016on"] == "lait-lacstable-2016on"
    assert ids["KS1W_Expected _STD"] == "lait-ks1w-expected-std"
    long = lait.indicator_ids(["x" * 120], set())
    assert len(long["x" * 120]) <= lait.MAX_ID


@pytest.mark.parametrize(
    ("axis", "title", "kind"),
    [
        ("% achieving expected level", "", "percentage"),
        ("Rate per 10,000", "", "rate_per_10000"),
        ("Rate per 1000 live births", "", "rate_per_1000"),
        ("Rate per 100,000 of 10-17 population", "", "rate_per_100000"),
        ("Entries", "English Baccalaureate with SEN Statement/EHCP - Entries (%)", "percentage"),
        ("Score per pupil", "", "score"),
        ("Average", "", "mean"),
        ("Unit Cost", "", "currency"),
        ("Number of Children Looked After", "", "count"),
    ],
)
def test_value_type_from_the_y_axis(axis: str, title: str, kind: str) -> None:
    assert lait.value_type(axis, title) == kind


# ------------------------------------------------------------------ the real files


@pytest.fixture(scope="module")
def national() -> Path:
    if not REALDATA.is_dir():
        pytest.skip(f"real published files not found at {REALDATA} (../shared is absent on this machine)")
    return REALDATA / "national"


@pytest.fixture(scope="module")
def areas(national: Path) -> AreaBook:
    return build_areas(national)


@pytest.fixture(scope="module")
def built(national: Path, areas: AreaBook) -> tuple[SourcePart, float]:
    started = time.perf_counter()
    parts = lait.build(national, areas)
    assert len(parts) == 1
    return parts[0], time.perf_counter() - started


@pytest.fixture(scope="module")
def part(built: tuple[SourcePart, float]) -> SourcePart:
    return built[0]


@pytest.fixture(scope="module")
def obs(part: SourcePart) -> pd.DataFrame:
    return part.observations


def _read(national: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(national / name, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def _series(obs: pd.DataFrame, indicator: str, area: str, breakdown: str = "Total") -> dict[str, str]:
    rows = obs[(obs["indicator_id"] == indicator) & (obs["area_code"] == area) & (obs["breakdown_value"] == breakdown)]
    return dict(zip(rows["period_label"], rows["value"]))


def test_part_passes_the_published_data_check_and_accounts_for_every_row(
    built: tuple[SourcePart, float], areas: AreaBook
) -> None:
    part, seconds = built
    plan = set(pd.read_csv(PLAN, dtype=str)["id"])
    own = {row["id"] for row in part.indicators}
    assert not own & (plan | COMMON_IDS)
    assert _check(part, areas, plan | COMMON_IDS | own) == []
    assert part.meta.key == "dfe-lait"
    assert part.raw_rows == 641070
    assert part.raw_rows == len(part.observations) + sum(part.dropped.values())
    assert seconds < 30


def test_drops_are_the_unresolvable_areas_and_the_year_zero_rows(part: SourcePart) -> None:
    reasons = " | ".join(part.dropped)
    for name in ("Cumbria", "Northamptonshire", "Poole (Pre LG)", "London (Inner)", "London (Outer)"):
        assert name in reasons
    assert part.dropped["no period given (Years '0')"] > 0
    assert not any("period type differs" in reason for reason in part.dropped)


def test_every_measure_is_an_indicator_or_mapped(part: SourcePart) -> None:
    codes = {row["code"]: row["indicator_id"] for row in part.indicator_codes}
    assert len(codes) == 434
    assert {row["dfe_code"] for row in part.indicators} == set(codes) - set(lait.MAPPED)
    for code, target in lait.MAPPED.items():
        assert codes[code] == target.indicator_id
    assert codes["LACStableNum_2016on"] == "lait-lacstablenum-2016on"


def test_values_are_kept_verbatim_and_dashes_are_not_available(national: Path, part: SourcePart, obs: pd.DataFrame) -> None:
    turnover = _series(obs, "sw-turnover-rate", HERTS)
    assert turnover["30 September 2016"] == "20.700000000000003"
    dashes = obs[obs["status"] == "x"]
    assert len(dashes) > 0 and (dashes["value"] == "").all()
    assert (obs.loc[obs["value"] == "", "status"] != "").all()
    raw = lait.read_data(national).set_index("source_line")
    sample = obs.iloc[:: len(obs) // 200]
    published = raw.loc[sample["source_line"], "Values"].str.strip().tolist()
    assert [v if v != "-" else "" for v in published] == sample["value"].tolist()


def test_source_lines_count_the_embedded_line_breaks(national: Path) -> None:
    data = lait.read_data(national)
    with gzip.open(national / lait.DATA_FILE, "rt", encoding="utf-8") as handle:
        lines = handle.read().split("\n")
    for index in (0, 454749, 454750, 454921, len(data) - 1):  # before, at and after the 170 multi-line cells
        row = data.iloc[index]
        assert lines[int(row["source_line"]) - 1].startswith(f"{row['Short Desc']},"), index


def test_breakdowns_and_suffix_notes(obs: pd.DataFrame) -> None:
    ks2 = obs[(obs["indicator_id"] == "ks2-rwm-expected") & (obs["area_code"] == ENGLAND) & (obs["period_label"] == "2024/25")]
    assert set(zip(ks2["breakdown_dimension"], ks2["breakdown_value"])) == {
        ("Total", "Total"),
        ("disadvantage", "Disadvantaged"),
        ("disadvantage", "Not disadvantaged"),
        ("fsm", "Eligible for FSM"),
        ("fsm", "Not eligible for FSM"),
    }
    finance = obs[obs["indicator_id"] == "lait-lacfinance"]
    assert (finance["value_note"] == "Outturn").all() and (finance["period_type"] == "financial").all()
    assert "revised" in set(obs.loc[obs["indicator_id"] == "lait-a3a", "status"])


# ------------------------------------------------------------------ cross-checks against other files


def test_cla_rate_is_31_march_of_the_year(national: Path, obs: pd.DataFrame) -> None:
    """LAC "2025" = the CLA rate per 10,000 at 31 March 2025 in the DfE CLA file."""
    cla = _read(national, "dfe_csc_cla_number_and_rate_per_10k_children.csv")
    cla = cla[(cla["new_la_code"] == HERTS) & cla["population_type"].str.contains("31 March")]
    ours = _series(obs, "cla-rate", HERTS)
    assert len(cla) >= 5
    for year, rate in zip(cla["time_period"], cla["rate_per_10000"]):
        assert float(ours[f"31 March {year}"]) == float(rate), year


def test_ks2_bare_year_is_the_academic_year_ending_in_it(national: Path, obs: pd.DataFrame) -> None:
    """KS2RWM_Expected_STD "2025" = ONS ELS 2024-09-01/P1Y (2024/25), England and Hertfordshire."""
    els = _read(national, "ons_els_pupils-at-expected-standards-by-end-of-primary-school.csv")
    for area in (ENGLAND, HERTS):
        ours = _series(obs, "ks2-rwm-expected", area)
        rows = els[els["areacd"] == area]
        assert len(rows) >= 5
        for period, value in zip(rows["period"], rows["observation"]):
            start = int(period[:4])
            assert float(ours[f"{start}/{(start + 1) % 100:02d}"]) == float(value), (area, period)
    assert _series(obs, "ks2-rwm-expected", ENGLAND)["2024/25"] == "63"


def test_care_leavers_accommodation_is_the_reporting_year(national: Path, obs: pd.DataFrame) -> None:
    """CareLeaverAcc "2025" = care leavers 19-21 in suitable accommodation, reporting year 2025 (2024-25)."""
    leavers = _read(national, "dfe_csc_la_care_leavers_accommodation_suitability.csv")
    leavers = leavers[
        (leavers["new_la_code"] == HERTS)
        & (leavers["care_leaver_age"] == "19 to 21 years")
        & (leavers["breakdown"] == "Accommodation considered suitable")
    ]
    ours = _series(obs, "care-leavers-19-21-suitable-accommodation", HERTS)
    assert len(leavers) >= 5
    for year, percent in zip(leavers["time_period"], leavers["care_leaver_percent"]):
        start = int(year) - 1
        assert float(ours[f"{start}-{(start + 1) % 100:02d}"]) == float(percent), year


def test_agency_rate_is_30_september_of_the_year(national: Path, obs: pd.DataFrame) -> None:
    """Work_Force_Agecy_Rate "2024" = CSWW agency_rate_fte for 2024 (census at 30 September)."""
    csww = _read(national, "dfe_csc_csww_indicators_2017_to_2025.csv")
    csww = csww[csww["new_la_code"] == HERTS]
    ours = _series(obs, "sw-agency-rate", HERTS)
    assert len(csww) >= 9
    for year, rate in zip(csww["time_period"], csww["agency_rate_fte"]):
        assert float(ours[f"30 September {year}"]) == pytest.approx(float(rate)), year


def test_neet_bare_year_is_the_nccis_calendar_year(national: Path, obs: pd.DataFrame) -> None:
    """16-17_not known_NEET "2025" = NCCIS time_period 2025 (Dec-Feb average), not financial 2024-25."""
    ours = _series(obs, "neet-16-17", HERTS)
    names = [
        "dfe_nccis_neet_UD_NEETNK_LA_dashboard_final.csv",
        "dfe_nccis_neet_UD_NEETNK_LA_dashboard_2023_final.csv",
        "dfe_nccis_neet_UD_NEETNK_LA_dashboard_2022_final.csv",
        "dfe_nccis_neet_UD_NEETNK_LA_dashboard_2021_vg_removed.csv",
    ]
    checked = 0
    for name in names:
        nccis = _read(national, name)
        for year, percent in nccis.loc[nccis["new_la_code"] == HERTS, ["time_period", "NEET_not_known_percent"]].values:
            assert float(ours[str(year)]) == pytest.approx(float(percent)), (name, year)
            checked += 1
    assert checked == 4
