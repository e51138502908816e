"""The stored ranges (``peer_distribution``): written with the seed and the judgements, refreshed by
an import, and equal to the range the area profile computes from the peers' values."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import delete

import data_access
from analytics.honest import rankable_flags
from analytics.ranks import distribution
from data_access import reads
from data_access.database import Database
from data_access.importers import import_file
from data_access.models import PeerDistribution
from views import area

HERTS, STEVENAGE = "E10000015", "E07000243"
COUNCILS, DISTRICTS = ("county", "unitary"), ("district", "unitary")
INDICATORS = ["cla-three-plus-placements", "ks4-attainment8", "cla-rate", "year6-obesity", "ks2-rwm-expected"]


def _latest_periods(code: str, db: Database) -> dict[str, str]:
    """Every indicator the area has, at its latest period (as the profile picks it)."""
    observed = reads.area_observations(code, db=db)
    observed = observed[observed["breakdown_value"] == "Total"].sort_values("period_sort", kind="stable")
    return dict(zip(observed["indicator_id"], observed["period_label"]))


def _computed(
    periods: dict[str, str], levels: tuple[str, ...], db: Database
) -> dict[str, tuple[dict[str, float] | None, set[str]]]:
    """The profile's own rule, from every peer's value: rankable values, their range and parents."""
    values = reads.period_values(periods, levels=levels, db=db)
    parent_of = reads.areas(db=db).set_index("code")["parent_code"].to_dict()
    out = {}
    for indicator_id in periods:
        part = values[values["indicator_id"] == indicator_id]
        keep = rankable_flags(part["illustrative"].tolist())
        kept = [(code, value) for code, value, k in zip(part["area_code"], part["value"], keep) if k]
        spread = distribution([value for _, value in kept])
        parents = {parent_of[code] for code, value in kept if value == value and isinstance(parent_of.get(code), str)}
        out[indicator_id] = (spread, parents if spread else set())
    return out


@pytest.mark.parametrize(("code", "levels"), [(HERTS, COUNCILS), (STEVENAGE, DISTRICTS)])
def test_stored_ranges_equal_the_ranges_computed_from_the_peers(seeded_db: Database, code: str, levels: tuple[str, ...]) -> None:
    periods = _latest_periods(code, seeded_db)
    assert any(i in periods for i in INDICATORS), periods
    stored = reads.peer_distributions(periods, levels, db=seeded_db)
    computed = _computed(periods, levels, seeded_db)
    assert set(stored["indicator_id"]) == set(periods)
    drawn = 0
    for row in stored.to_dict("records"):
        spread, parents = computed[row["indicator_id"]]
        if spread is None:
            assert row["dist_min"] is None or row["dist_min"] != row["dist_min"], row
            assert int(row["n"]) == 0 and int(row["parent_count"]) == 0
            continue
        drawn += 1
        for column in ("dist_min", "dist_q1", "dist_q3", "dist_max"):
            assert row[column] == pytest.approx(spread[column], rel=1e-12, abs=1e-12), (row, column)
        assert int(row["n"]) == spread["n"]
        assert int(row["parent_count"]) == len(parents)
        assert row["parent_code"] == (next(iter(parents)) if len(parents) == 1 else None)
    assert drawn >= 3


def test_the_profile_draws_the_same_rows_with_and_without_stored_ranges(writable_sqlite_copy: str) -> None:
    """Every row of Hertfordshire's profile: stored ranges and ranks, then the same profile with the
    table emptied (a database not seeded since migration 0014), computed from the peers' values."""
    db = Database(writable_sqlite_copy)
    data_access.configure(writable_sqlite_copy)
    columns = ["indicator_id", "dist_min", "dist_q1", "dist_q3", "dist_max", "dist_n", "rank_text"]
    stored = area.build_profile({"_id": [HERTS]})
    with db.engine.begin() as connection:
        connection.execute(delete(PeerDistribution))
    data_access.configure(writable_sqlite_copy)
    computed = area.build_profile({"_id": [HERTS]})
    assert stored.rows[columns].fillna(-1).to_dict("records") == computed.rows[columns].fillna(-1).to_dict("records")
    assert stored.peer_scope == computed.peer_scope
    assert stored.rows["dist_n"].gt(0).sum() > 20


def test_an_import_refreshes_the_ranges_of_its_indicators(writable_sqlite_copy: str, tmp_path: Path) -> None:
    db = Database(writable_sqlite_copy)
    data_access.configure(writable_sqlite_copy)
    periods = {"cla-three-plus-placements": "2024-25"}
    before = reads.peer_distributions(periods, COUNCILS, db=db).iloc[0]
    assert before["dist_max"] < 99
    upload = tmp_path / "herts.csv"
    upload.write_text(
        "indicator_id,area_code,period,breakdown_dimension,breakdown_value,kind,value,publisher\n"
        "cla-three-plus-placements,E10000015,2024-25,Total,Total,actual,99,Hertfordshire County Council\n",
        encoding="utf-8",
    )
    report = import_file(db, upload, fmt="native")
    assert report.ok, report
    after = reads.peer_distributions(periods, COUNCILS, db=db).iloc[0]
    assert after["dist_max"] == 99 and int(after["n"]) == int(before["n"])
