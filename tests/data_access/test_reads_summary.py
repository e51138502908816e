"""reads.series_for_indicators: many indicators × areas in one query (Outcome Bees summary)."""

from __future__ import annotations

from data_access import reads
from data_access.database import Database
from data_access.models import TOTAL


def test_series_for_indicators_returns_total_actual_rows_for_all_asked(seeded_db: Database) -> None:
    ids = ["u18-conceptions", "reception-obesity", "eyfs-gld"]
    areas = ["E07000243", "E10000015", "E92000001"]
    frame = reads.series_for_indicators(ids, areas, db=seeded_db)
    assert set(frame["indicator_id"]) == set(ids)
    assert set(frame["area_code"]) <= set(areas)
    assert (frame["breakdown_dimension"] == TOTAL).all() and (frame["breakdown_value"] == TOTAL).all()
    assert (frame["kind"] == "actual").all()
    # matches the one-indicator read exactly
    single = reads.series("u18-conceptions", areas, breakdown_values=[TOTAL], db=seeded_db)
    mine = frame[frame["indicator_id"] == "u18-conceptions"]
    assert len(mine) == len(single)
    # oldest period first within an indicator; suppressed values stay NaN with a status, never 0
    for _, rows in frame.groupby("indicator_id"):
        assert rows["period_sort"].is_monotonic_increasing
    assert not ((frame["value"] == 0) & frame["status"].notna()).any()
    assert frame["illustrative"].dtype == bool


def test_series_for_indicators_empty_inputs(seeded_db: Database) -> None:
    assert reads.series_for_indicators([], ["E10000015"], db=seeded_db).empty
    assert reads.series_for_indicators(["u18-conceptions"], [], db=seeded_db).empty
    assert list(reads.series_for_indicators(["no-such"], ["E10000015"], db=seeded_db).columns) == reads.SERIES_COLUMNS
