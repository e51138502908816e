"""The ONS conceptions Table 6 module against the raw file: the rate with its count, the %
leading to abortion, u flags, dropped areas and measures, and the published data's row rules."""

from __future__ import annotations

import csv
import gzip

import pandas as pd
import pytest

from seed.build_published import PLAN_INDICATORS, _check
from seed.publishing.areas import AreaBook, build_areas
from seed.publishing.model import SourcePart
from seed.publishing.shared_indicators import COMMON_IDS
from seed.publishing.sources import ons_conceptions
from tests.conftest import REALDATA
from tests.published_sample import one

NATIONAL = REALDATA / "national"
HERTS, STEVENAGE, ENGLAND = "E10000015", "E07000243", "E92000001"


@pytest.fixture(scope="module")
def built() -> tuple[AreaBook, SourcePart]:
    if not REALDATA.is_dir():
        pytest.skip(f"raw published files not found at {REALDATA} (../shared/realdata is absent on this machine)")
    areas = build_areas(NATIONAL)
    parts = ons_conceptions.build(NATIONAL, areas)
    assert len(parts) == 1
    return areas, parts[0]


@pytest.fixture(scope="module")
def raw_lines(built) -> list[list[str]]:
    with gzip.open(NATIONAL / ons_conceptions.FILE, "rt", encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_part_meta_and_published_data_checks(built) -> None:
    areas, part = built
    assert part.meta.key == "ons-conceptions-2017-table6"
    assert part.meta.title == "Conceptions in England and Wales: 2017 (Table 6)"
    assert part.meta.publisher == "Office for National Statistics"
    assert part.meta.published_on == ""  # the README gives "April 2019", not a day
    plan = set(pd.read_csv(PLAN_INDICATORS, dtype=str)["id"])
    own = {row["id"] for row in part.indicators}
    assert own == {"u18-conceptions-abortion-percent"} and not own & (plan | COMMON_IDS)
    assert _check(part, areas, plan | COMMON_IDS | own) == []
    assert len(part.observations) + sum(part.dropped.values()) == part.raw_rows == 36900
    assert set(part.observations["period_type"]) == {"calendar"}
    assert part.indicators[0]["polarity"] == "no_judgement"


def test_hertfordshire_2008_rate_and_count_match_the_raw_file(built, raw_lines) -> None:
    _, part = built
    row = one(part, indicator_id="u18-conceptions", area_code=HERTS, period_label="2008")
    raw = raw_lines[int(row["source_line"]) - 1]
    assert raw[0] == HERTS and raw[3] == "2008" and raw[4] == ons_conceptions.RATE
    # The file (ONS 2017 release, revised populations) prints 24.2; 25.6 in the county plan is an older vintage.
    assert row["value"] == raw[5] == "24.2"
    assert row["count"] == "520.0" and row["status"] == ""
    stevenage = one(part, indicator_id="u18-conceptions", area_code=STEVENAGE, period_label="2008")
    assert (stevenage["value"], stevenage["count"]) == ("34.6", "58.0")
    assert raw_lines[int(stevenage["source_line"]) - 1][:2] == [STEVENAGE, "Stevenage"]


def test_stevenage_2017_rate_and_abortion_percent(built, raw_lines) -> None:
    _, part = built
    rate = one(part, indicator_id="u18-conceptions", area_code=STEVENAGE, period_label="2017")
    assert (rate["value"], rate["count"], rate["status"]) == ("16.3", "22.0", "")
    share = one(part, indicator_id="u18-conceptions-abortion-percent", area_code=STEVENAGE, period_label="2017")
    assert (share["value"], share["denominator"], share["status"]) == ("50.0", "22.0", "u")
    assert raw_lines[int(share["source_line"]) - 1][4:] == [ons_conceptions.ABORTION_PERCENT, "50.0", "u"]


def test_empty_flagged_values_keep_the_u_status(built) -> None:
    _, part = built
    rutland = one(part, indicator_id="u18-conceptions-abortion-percent", area_code="E06000017", period_label="2016")
    assert (rutland["value"], rutland["status"]) == ("", "u")
    assert rutland["value_note"].startswith("no figure printed")
    assert not ((part.observations["value"] == "") & (part.observations["status"] == "")).any()


def test_dropped_areas_and_measures(built) -> None:
    _, part = built
    dropped = part.dropped
    assert dropped[ons_conceptions.area_drop_reason("E09000012, E09000001")] == 200  # both combined codes
    assert dropped[ons_conceptions.area_drop_reason("E11000001")] == 600
    assert dropped[ons_conceptions.area_drop_reason("E13000001")] == 200
    assert dropped["maternity rate per 1,000 women aged 15-17 not loaded"] == 6300
    assert dropped["abortion rate per 1,000 women aged 15-17 not loaded"] == 6300
    assert dropped[ons_conceptions.REASON_NUMBER] == 6300
    codes = set(part.observations["area_code"])
    assert not {c for c in codes if c.startswith(("E11", "E13"))}
    assert "E06000060" in codes  # Buckinghamshire county's rows, same boundary as the unitary
    assert ENGLAND in codes and STEVENAGE in codes
