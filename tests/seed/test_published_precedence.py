"""One publisher for a district and its county (issue 19, item 8): the pack's precedence rule."""

from __future__ import annotations

import pandas as pd

from seed.publishing.model import OBS_COLUMNS, SourceMeta, SourcePart
from seed.publishing.precedence import one_publisher_for_districts, reason

LEVELS = {"E92000001": "country", "E10000015": "county", "E07000243": "district", "E06000001": "unitary"}


def _part(key: str, rows: list[tuple[str, str, str, str]]) -> SourcePart:
    """rows: (indicator, area, period, value)."""
    records = [
        {column: "" for column in OBS_COLUMNS}
        | {
            "indicator_id": i,
            "area_code": a,
            "period_type": "academic",
            "period_label": p,
            "breakdown_dimension": "Total",
            "breakdown_value": "Total",
            "value": v,
        }
        for i, a, p, v in rows
    ]
    return SourcePart(
        SourceMeta(key, "publisher", key, f"{key}.csv"), pd.DataFrame.from_records(records, columns=list(OBS_COLUMNS))
    )


def _values(part: SourcePart) -> set[tuple[str, str, str]]:
    return set(part.observations[["indicator_id", "area_code", "period_label"]].itertuples(index=False, name=None))


def test_the_districts_publisher_gives_the_county_and_england_for_its_periods() -> None:
    lait = _part(
        "dfe-lait",
        [
            ("eyfs", "E92000001", "2023/24", "68.1"),
            ("eyfs", "E10000015", "2023/24", "70.2"),
            ("eyfs", "E06000001", "2023/24", "66.0"),  # the later source has no row for it: kept
            ("eyfs", "E10000015", "2018/19", "71.0"),  # a period the later source lacks: kept
            ("other", "E10000015", "2023/24", "5"),  # another indicator: kept
        ],
    )
    els = _part(
        "ons-els-early-years",
        [
            ("eyfs", "E92000001", "2023/24", "68.0"),
            ("eyfs", "E10000015", "2023/24", "70.0"),
            ("eyfs", "E07000243", "2023/24", "64.0"),
        ],
    )
    one_publisher_for_districts([lait, els], LEVELS)
    assert _values(lait) == {
        ("eyfs", "E06000001", "2023/24"),
        ("eyfs", "E10000015", "2018/19"),
        ("other", "E10000015", "2023/24"),
    }
    assert len(els.observations) == 3
    assert lait.dropped == {reason("ons-els-early-years"): 2}
    assert "`ons-els-early-years`" in reason("ons-els-early-years")


def test_an_earlier_source_with_its_own_districts_keeps_the_series() -> None:
    fingertips = _part("fingertips", [("obesity", "E10000015", "2024/25", "17.8"), ("obesity", "E07000243", "2024/25", "23.1")])
    later = _part("ons-els", [("obesity", "E10000015", "2024/25", "17.9"), ("obesity", "E07000243", "2024/25", "23.0")])
    one_publisher_for_districts([fingertips, later], LEVELS)
    assert len(fingertips.observations) == 2 and not fingertips.dropped
