"""The default pages show published statistics, equal to the official files, with no illustrative banner."""

from __future__ import annotations

from functools import lru_cache

import pandas as pd
import pytest

from tests.browser.conftest import console_errors
from tests.conftest import REALDATA

NATIONAL = REALDATA / "national"


def _need_files() -> None:
    if not NATIONAL.is_dir():
        pytest.skip(f"real published files not found at {NATIONAL} (../shared is absent on this machine)")


@lru_cache(maxsize=1)
def _lait() -> pd.DataFrame:
    return pd.read_csv(NATIONAL / "dfe_lait_bds_long_all_la.csv.gz", dtype=str, keep_default_na=False)


def lait_value(short: str, la_number: str, years: str) -> str:
    frame = _lait()
    found = frame[
        (frame["Short Desc"] == short)
        & (frame["LA Number"].str.replace(".0", "", regex=False) == la_number)
        & (frame["Years"] == years)
    ]
    assert len(found) == 1, (short, la_number, years)
    return str(found["Values"].iloc[0]).strip()


def obesity_value(area_code: str, period: str) -> str:
    """The whole-population row ('NA' in the file's inequality column) of the Year 6 obesity file."""
    frame = pd.read_csv(NATIONAL / "fingertips_tdl_obese_year6.csv", dtype=str, keep_default_na=False)
    found = frame[(frame["area_code"] == area_code) & (frame["period"] == period) & (frame["inequality"] == "NA")]
    assert len(found) == 1, (area_code, period)
    return str(found["value"].iloc[0]).strip()


def _no_banner(dash_duo) -> None:
    text = dash_duo.find_element("#main-content").text
    assert "Illustrative data" not in text


def test_default_compare_is_published_year6_obesity(dash_duo, start) -> None:
    _need_files()
    start("/compare")
    dash_duo.wait_for_contains_text("#compare-table", "Stevenage", timeout=20)
    table = dash_duo.find_element("#compare-table").text
    for code, name in (("E07000243", "Stevenage"), ("E07000095", "Broxbourne"), ("E10000015", "Hertfordshire")):
        value = obesity_value(code, "2024/25")
        assert f"{float(value):.1f}%" in table, (name, value)
    _no_banner(dash_duo)
    assert "Open Government Licence" in dash_duo.find_element("#main-content").text
    assert console_errors(dash_duo) == []


def test_default_summary_shows_published_values(dash_duo, start) -> None:
    _need_files()
    start("/")
    dash_duo.wait_for_contains_text("#main-content", "measures across 7 bees have data", timeout=20)
    card = dash_duo.find_element('[data-measure="owf-56a"]').text
    assert lait_value("CPP_rate", "919", "2025") in card and "31 March 2025" in card
    assert "Local measure" in dash_duo.find_element('[data-measure="owf-54a"]').text
    _no_banner(dash_duo)


def test_default_gaps_are_council_level_and_published(dash_duo, start) -> None:
    _need_files()
    start("/gaps")
    dash_duo.wait_for_contains_text("#main-content", "not for districts", timeout=20)
    text = dash_duo.find_element("#main-content").text
    assert f"{float(lait_value('DAP_KS4_ATT8', '919', '2025')):.1f}" in text
    assert f"{float(lait_value('NonDAP_KS4_ATT8', '919', '2025')):.1f}" in text
    _no_banner(dash_duo)


def test_default_trends_and_area_profile(dash_duo, start) -> None:
    _need_files()
    start("/trends")
    dash_duo.wait_for_contains_text("#main-content", "Under-18 conception rate", timeout=20)
    assert f"{float(lait_value('Under18concep', '919', '2022')):.1f} in 2022" in dash_duo.find_element("#main-content").text
    _no_banner(dash_duo)
    start("/area/E10000015")
    dash_duo.wait_for_contains_text("#main-content", "Be Safe compared with England", timeout=30)
    text = dash_duo.find_element("#main-content").text
    assert "More indicators from DfE's Local Authority Interactive Tool" in text
    _no_banner(dash_duo)
