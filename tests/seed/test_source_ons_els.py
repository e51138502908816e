"""The ONS Explore Local Statistics source module against the raw files: indicator mapping,
periods (including the looked-after series' academic year), areas, statuses and accounting."""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from seed.build_published import PLAN_INDICATORS, _check
from seed.publishing import model
from seed.publishing.areas import AreaBook, build_areas
from seed.publishing.model import SourcePart
from seed.publishing.shared_indicators import COMMON_IDS
from seed.publishing.sources import ons_els
from tests.conftest import REALDATA
from tests.published_sample import one

NATIONAL = REALDATA / "national"
HERTS, STEVENAGE, ENGLAND = "E10000015", "E07000243", "E92000001"
STEMS = [
    "pupils-at-expected-standards-by-end-of-primary-school",
    "early-years",
    "gcses-in-english-and-maths",
    "persistent-absences-for-all-pupils",
    "persistent-absences-for-pupils-eligible-for-free-school-meals",
    "persistent-absences-for-pupils-looked-after-by-local-authorities",
    "children-in-relative-poverty",
]


@pytest.fixture(scope="module")
def built() -> tuple[AreaBook, dict[str, SourcePart]]:
    if not REALDATA.is_dir():
        pytest.skip(f"raw published files not found at {REALDATA} (../shared/realdata is absent on this machine)")
    areas = build_areas(NATIONAL)
    return areas, {part.meta.key.removeprefix("ons-els-"): part for part in ons_els.build(NATIONAL, areas)}


def raw_row(stem: str, line: int) -> dict[str, str]:
    """The raw CSV row at a 1-based line (header = line 1)."""
    with (NATIONAL / f"ons_els_{stem}.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    return dict(zip(rows[0], rows[line - 1]))


def test_one_part_per_file_and_every_part_passes_the_checks(built) -> None:
    areas, parts = built
    assert list(parts) == STEMS  # healthy life expectancy is not loaded
    plan = set(pd.read_csv(PLAN_INDICATORS, dtype=str)["id"])
    own = {row["id"] for part in parts.values() for row in part.indicators}
    assert own == {"gcse-english-maths-by-19"} and not own & (plan | COMMON_IDS)
    for stem, part in parts.items():
        assert _check(part, areas, plan | COMMON_IDS | own) == [], stem
        assert len(part.observations) + sum(part.dropped.values()) == part.raw_rows, stem
        assert part.meta.file == f"ons_els_{stem}.csv" and part.meta.repository.startswith(ons_els.REPO)
        assert (part.observations["lower_ci95"] == "").all()  # no ELS file here publishes CIs
    assert "Department for Education" in parts["early-years"].meta.note  # read from the metadata JSON


def test_ks2_all_districts_and_spot_values(built) -> None:
    _, parts = built
    part = parts["pupils-at-expected-standards-by-end-of-primary-school"]
    assert set(part.observations["indicator_id"]) == {"ks2-rwm-expected"}
    for code, expected in ((HERTS, "63.0"), (STEVENAGE, "53"), (ENGLAND, "61")):
        row = one(part, area_code=code, period_label="2023/24")
        raw = raw_row(part.meta.file[8:-4], int(row["source_line"]))
        assert raw["areacd"] == code and raw["period"] == "2023-09-01/P1Y"
        assert row["value"] == raw["observation"] == expected
    districts = part.observations[
        part.observations["area_code"].str.startswith("E07") & (part.observations["period_label"] == "2024/25")
    ]
    assert districts["area_code"].nunique() == 164
    assert part.dropped["combined authority (E47): not in the area table"] == 75


def test_early_years_labels_map_to_the_shared_ids(built) -> None:
    _, parts = built
    part = parts["early-years"]
    assert set(part.observations["indicator_id"]) == {"eyfs-communication-language", "eyfs-literacy", "eyfs-maths"}
    assert set(part.observations["period_label"]) == {"2021/22", "2022/23", "2023/24", "2024/25"}
    # Barnsley is published under its 2024 code and its old one with the same figure: one row, the new code's
    barnsley = one(part, indicator_id="eyfs-literacy", area_code="E08000038", period_label="2023/24")
    assert barnsley["value"] == "69.8" and barnsley["source_line"] == "1716"
    assert part.dropped[model.REASON_OLD_CODE] == 30
    assert not part.observations["value_note"].str.startswith("Obsolete code").any()


def test_gcse_by_19_indicator_definition(built) -> None:
    _, parts = built
    part = parts["gcses-in-english-and-maths"]
    row = part.indicators[0]
    assert (row["id"], row["polarity"], row["period_type"], row["value_type"]) == (
        "gcse-english-maths-by-19",
        "higher_better",
        "academic",
        "percentage",
    )
    assert "age 15" in row["definition"]
    missing = part.observations[part.observations["value"] == ""]
    assert not missing.empty and (missing["status"] == "x").all()


def test_persistent_absence_all_pupils_and_fsm_breakdown(built) -> None:
    _, parts = built
    total = parts["persistent-absences-for-all-pupils"]
    assert one(total, area_code=HERTS, period_label="2024/25")["value"] == "16.719089999999998"  # verbatim
    assert "2019/20" not in set(total.observations["period_label"])
    assert not total.observations["area_code"].str.startswith("E07").any()
    fsm = parts["persistent-absences-for-pupils-eligible-for-free-school-meals"]
    assert set(
        zip(fsm.observations["indicator_id"], fsm.observations["breakdown_dimension"], fsm.observations["breakdown_value"])
    ) == {("persistent-absence", "fsm", "Eligible for FSM")}
    assert one(fsm, area_code=HERTS, period_label="2023/24")["value"] == "37.76485"


def test_looked_after_absence_periods_are_the_academic_year(built) -> None:
    _, parts = built
    part = parts["persistent-absences-for-pupils-looked-after-by-local-authorities"]
    assert ons_els.looked_after_period("2018-04-01/P1Y") == ("academic", "2018/19")
    assert set(part.observations["period_type"]) == {"academic"}
    herts = one(part, area_code=HERTS, period_label="2018/19")
    assert herts["value"] == "12.5" and raw_row(part.meta.file[8:-4], int(herts["source_line"]))["period"] == ("2018-04-01/P1Y")
    gap = part.observations[part.observations["period_label"] == "2019/20"]
    assert (gap["value"] == "").all() and (gap["status"] == "x").all()  # DfE has no 2019/20 absence year
    rutland = one(part, area_code="E06000017", period_label="2022/23")
    assert (rutland["value"], rutland["status"]) == ("", "c")
    city = one(part, area_code="E09000001", period_label="2018/19")
    assert (city["value"], city["status"]) == ("", "z")


def test_child_poverty_before_and_after_housing_costs(built) -> None:
    _, parts = built
    part = parts["children-in-relative-poverty"]
    bhc = one(part, indicator_id="child-poverty-relative-low-income", area_code=STEVENAGE, period_label="2023-24")
    ahc = one(part, indicator_id="child-poverty-relative-low-income-ahc", area_code=STEVENAGE, period_label="2023-24")
    assert (bhc["value"], ahc["value"]) == ("15.67755235", "24.40056417")
    assert bhc["period_type"] == "financial"
    assert part.dropped["Wales, Scotland or Northern Ireland area"] == 408
    assert part.dropped["United Kingdom (K02): not in the area table"] == 6
    assert ENGLAND not in set(part.observations["area_code"])  # the file has no England row


def test_area_reasons_and_unknown_status() -> None:
    assert ons_els.area_drop_reason("E47000001").startswith("combined authority")
    assert ons_els.area_drop_reason("E13000001").startswith("Inner or Outer London")
    assert ons_els.area_drop_reason("W06000001") == "Wales, Scotland or Northern Ireland area"
    assert ons_els.area_drop_reason("E07000004").startswith("area abolished")
    assert ons_els.value_note({"notes": "Obsolete code since 2025", "notes.1": ""}) == ""
    assert ons_els.value_note({"notes": "aggregated", "notes.1": "x"}) == "aggregated; x"
