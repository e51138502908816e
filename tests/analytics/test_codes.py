"""The shared identifiers: one slug rule for ids, file names, anchors and deck ids."""

import pytest

import analytics.codes as codes
from analytics.codes import DEFAULT_HOME_AREA, EAST_OF_ENGLAND, ENGLAND, TOTAL, is_council_code, slug


def test_codes_are_the_gss_codes_and_the_total_breakdown() -> None:
    assert (ENGLAND, EAST_OF_ENGLAND, DEFAULT_HOME_AREA, TOTAL) == ("E92000001", "E12000006", "E10000015", "Total")


def test_no_layer_can_borrow_a_hard_coded_county() -> None:
    # whose product it is is HOME_AREA (views.home.home_area()), never a constant
    assert not hasattr(codes, "COUNTY") and not hasattr(codes, "REGION")


@pytest.mark.parametrize(
    ("code", "council"),
    [
        ("E10000015", True),
        ("E06000019", True),
        ("E08000025", True),
        ("E09000001", True),
        ("E07000243", False),
        ("E92000001", False),
        ("e10000015", False),
        ("E1000001", False),
    ],
)
def test_council_codes_are_counties_unitaries_metropolitan_and_london(code: str, council: bool) -> None:
    assert is_council_code(code) is council


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Stevenage", "stevenage"),
        ("St Albans & Harpenden", "st-albans-harpenden"),
        ("  2024/25 ", "2024-25"),
        ("LAC_ceased_SGO%", "lac-ceased-sgo"),
        ("Not compared", "not-compared"),
        ("", ""),
    ],
)
def test_slug_joins_lower_case_words_with_hyphens(text: str, expected: str) -> None:
    assert slug(text) == expected


def test_a_long_slug_is_cut_with_a_hash_so_cut_slugs_stay_distinct() -> None:
    one, two = slug("x" * 100 + " one"), slug("x" * 100 + " two")
    assert len(one) <= 80 and len(two) <= 80 and one != two
    assert slug("a" * 30, max_length=80) == "a" * 30
