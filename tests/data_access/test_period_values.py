"""reads.period_values: every council's value at one period per indicator, in one lean query."""

from __future__ import annotations

import data_access
from data_access import reads
from data_access.database import Database


def test_period_values_match_the_series_read(seeded_db: Database) -> None:
    data_access.configure(seeded_db.url)
    periods = {"cla-three-plus-placements": "2024-25", "ks4-attainment8": "2024/25"}
    frame = reads.period_values(periods, area_codes=["E92000001"], levels=["county", "unitary"])
    assert list(frame.columns) == ["indicator_id", "area_code", "value", "illustrative"]
    for indicator_id, period in periods.items():
        part = frame[frame["indicator_id"] == indicator_id].set_index("area_code")["value"]
        councils = reads.areas(levels=["county", "unitary"])["code"].tolist()
        expected = reads.series(indicator_id, councils + ["E92000001"], period_labels=[period]).set_index("area_code")["value"]
        assert len(part) == len(expected) >= 150
        assert part.sort_index().astype(float).equals(expected.sort_index().astype(float))
    assert (
        float(frame[(frame["indicator_id"] == "ks4-attainment8") & (frame["area_code"] == "E10000015")]["value"].iloc[0]) == 50.6
    )
    assert reads.period_values({}, levels=["county"]).empty
