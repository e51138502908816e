"""The read API on the seeded database, on real SQLite and real PostgreSQL."""

import pandas as pd

from data_access import reads
from data_access.database import Database


def test_series_returns_published_conceptions_with_sources(seeded_db: Database) -> None:
    frame = reads.series("u18-conceptions", ["E10000015", "E12000006", "E92000001"], db=seeded_db)
    y2008 = frame[frame["period_label"] == "2008"].set_index("area_code")
    assert y2008.loc["E10000015", "value"] == 25.6
    assert y2008.loc["E12000006", "value"] == 31.3
    assert y2008.loc["E92000001", "value"] == 39.5
    assert not y2008["illustrative"].any()
    assert y2008["source_line"].notna().all()


def test_predecessor_codes_resolve_to_current_area(seeded_db: Database) -> None:
    assert reads.resolve_area_code("E07000101", db=seeded_db) == "E07000243"
    assert reads.resolve_area_code("E07000100", db=seeded_db) == "E07000240"
    assert reads.resolve_area_code("E07000243", db=seeded_db) == "E07000243"
    assert reads.resolve_area_code("NOPE", db=seeded_db) is None
    area = reads.area("E07000097", db=seeded_db)
    assert area is not None and area["name"] == "East Hertfordshire"


def test_series_is_ordered_by_period_and_keeps_missing_values(seeded_db: Database) -> None:
    frame = reads.series("u18-conceptions", db=seeded_db)
    assert list(frame["period_sort"]) == sorted(frame["period_sort"])
    suppressed = frame[frame["value"].isna()]
    assert (suppressed["status"].notna()).all(), "a missing value must carry a status symbol"


def test_latest_values_one_row_per_indicator_and_area(seeded_db: Database) -> None:
    frame = reads.latest_values(["u18-conceptions", "eyfs-gld"], ["E10000015", "E07000243"], db=seeded_db)
    assert not frame.duplicated(["indicator_id", "area_code"]).any()
    assert set(frame["area_code"]) == {"E10000015", "E07000243"}


def test_catalogue_reads(seeded_db: Database) -> None:
    indicators = reads.indicators(db=seeded_db)
    assert {"id", "name", "unit", "polarity", "codes", "has_data"} <= set(indicators.columns)
    assert reads.indicator("no-such-indicator", db=seeded_db) is None
    areas = reads.areas(levels=["district"], db=seeded_db)
    assert len(areas[areas["parent_code"] == "E10000015"]) == 10
    assert isinstance(reads.availability("u18-conceptions", db=seeded_db), pd.DataFrame)
    assert reads.table_counts(db=seeded_db)["observation"] > 0
    currency = reads.data_currency(db=seeded_db)
    assert currency["observations"] > 0 and currency["latest_period"]


def test_framework_tree_and_judgements(seeded_db: Database) -> None:
    frameworks = reads.frameworks(db=seeded_db)
    assert "our-way-forward-2024-25" in set(frameworks["id"])
    tree = reads.framework_tree("our-way-forward-2024-25", db=seeded_db)
    assert "Be Included" in set(tree["outcome_name"])
    jar = reads.judgements("E10000015", db=seeded_db)
    assert not jar.empty


def test_several_codes_resolve_in_one_call_as_one_at_a_time(seeded_db: Database) -> None:
    codes = ["E07000101", "E07000243", "NOPE", "E10000015", "E07000100"]
    assert reads.resolve_area_codes(codes, db=seeded_db) == {code: reads.resolve_area_code(code, db=seeded_db) for code in codes}
    found = reads.areas_by_code(codes, db=seeded_db)
    assert list(found) == ["E07000101", "E07000243", "E10000015", "E07000100"]  # asked order; unknown left out
    for code in found:
        assert found[code] == reads.area(code, db=seeded_db)
    assert found["E07000101"]["code"] == "E07000243"  # a predecessor code answers with the current area
    assert reads.areas_by_code([], db=seeded_db) == {} and reads.resolve_area_codes([], db=seeded_db) == {}


def test_indicator_choices_are_the_catalogues_indicators_with_data_in_its_order(seeded_db: Database) -> None:
    catalogue = reads.indicators(db=seeded_db)
    expected = catalogue.loc[catalogue["has_data"], ["id", "name"]].reset_index(drop=True)
    pd.testing.assert_frame_equal(reads.indicator_choices(db=seeded_db), expected)
