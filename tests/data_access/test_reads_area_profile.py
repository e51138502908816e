"""Reads added for the area profile and the about page."""

from __future__ import annotations

from data_access import reads
from data_access.database import Database


def test_values_for_areas_by_code_and_level(seeded_db: Database) -> None:
    frame = reads.values_for_areas(["u18-conceptions", "cin-rate"], area_codes=["E92000001"], levels=["district"], db=seeded_db)
    assert set(frame["indicator_id"]) == {"u18-conceptions", "cin-rate"}
    assert set(frame["area_level"]) == {"country", "district"}
    assert (frame["breakdown_dimension"] == "Total").all() and (frame["kind"] == "actual").all()
    # England and every shire district with a value on the 2017 geography (East and West Suffolk were formed in 2019)
    assert frame["area_code"].nunique() == 1 + 162
    latest = reads.values_for_areas(["u18-conceptions"], levels=["district"], periods={"u18-conceptions": "2017"}, db=seeded_db)
    assert set(latest["period_label"]) == {"2017"} and latest["area_code"].nunique() == len(latest)
    assert reads.values_for_areas([], area_codes=["E92000001"], db=seeded_db).empty
    assert reads.values_for_areas(["u18-conceptions"], db=seeded_db).empty


def test_source_value_counts_separates_illustrative(seeded_db: Database, demo_sqlite: Database) -> None:
    counts = reads.source_value_counts(db=seeded_db).set_index("key")
    assert "illustrative-generator" not in counts.index or counts.loc["illustrative-generator", "values"] == 0
    # column first, then label: a Series lookup mypy types as the column's values, not any cell type
    assert counts["values"].loc["dfe-lait"] > 500_000 and counts["illustrative_values"].loc["dfe-lait"] == 0
    demo = reads.source_value_counts(db=demo_sqlite).set_index("key")
    generated = demo.loc["illustrative-generator"]
    assert generated["values"] == generated["illustrative_values"] > 0
    assert counts["illustrative_values"].loc["seed-000"] == 0 and counts["values"].loc["seed-000"] > 0
    assert isinstance(counts.loc["seed-002", "last_period"], str)
