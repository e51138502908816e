"""The typed records of the read API hold exactly the keys their TypedDicts declare.

Why: views read ``meta["…"]`` and ``area["…"]`` through ``IndicatorRecord`` and ``AreaRecord``;
mypy trusts those declarations, so a column added to or dropped from the select must change
them too, or the types would lie.
"""

from data_access import reads
from data_access.database import Database
from data_access.reads.records import AncestorRecord, AreaRecord, IndicatorCodeRecord, IndicatorRecord


def test_indicator_record_keys_match_the_read(seeded_sqlite: Database) -> None:
    found = reads.indicator("u18-conceptions", db=seeded_sqlite)
    assert found is not None
    assert set(found) == set(IndicatorRecord.__required_keys__)
    coded = reads.indicator(str(reads.indicator_codes(db=seeded_sqlite)["indicator_id"].iloc[0]), db=seeded_sqlite)
    assert coded is not None and coded["codes"]
    assert all(set(code) == set(IndicatorCodeRecord.__required_keys__) for code in coded["codes"])


def test_area_records_keys_match_the_read(seeded_sqlite: Database) -> None:
    found = reads.area("E07000243", db=seeded_sqlite)
    assert found is not None
    assert set(found) == set(AreaRecord.__required_keys__)
    chain = reads.area_ancestors("E07000243", db=seeded_sqlite)
    assert chain and all(set(step) == set(AncestorRecord.__required_keys__) for step in chain)


def test_indicator_records_is_indicator_for_several_ids(seeded_sqlite: Database) -> None:
    """The batched read gives each id what ``reads.indicator`` gives it (codes included), in the
    order asked, and leaves out unknown ids."""
    coded = str(reads.indicator_codes(db=seeded_sqlite)["indicator_id"].iloc[0])
    found = reads.indicator_records([coded, "no-such-indicator", "u18-conceptions", coded], db=seeded_sqlite)
    assert list(found) == [coded, "u18-conceptions"]
    for indicator_id, record in found.items():
        one = reads.indicator(indicator_id, db=seeded_sqlite)
        assert one is not None
        assert {k: v for k, v in record.items() if k != "codes"} == {k: v for k, v in one.items() if k != "codes"}
        assert [(c["scheme"], c["code"]) for c in record["codes"]] == [(c["scheme"], c["code"]) for c in one["codes"]]
    assert found[coded]["codes"]
    assert reads.indicator_records([], db=seeded_sqlite) == {}
