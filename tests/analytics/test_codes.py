"""The shared identifiers: one slug rule for ids, file names, anchors and deck ids."""

import pytest

from analytics.codes import COUNTY, ENGLAND, REGION, TOTAL, slug


def test_codes_are_the_gss_codes_and_the_total_breakdown() -> None:
    assert (ENGLAND, REGION, COUNTY, TOTAL) == ("E92000001", "E12000006", "E10000015", "Total")


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
