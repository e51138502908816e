"""The stored judgements (``benchmark_judgement``): written with the seed, refreshed by an import,
and equal to what the one function computes on request."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import data_access
from analytics.frames import row_dict
from data_access import reads
from data_access.database import Database
from data_access.importers import import_file
from views import benchmarks

HERTS, BRISTOL = "E10000015", "E06000023"


@pytest.mark.parametrize("indicator_id", ["cla-three-plus-placements", "ks4-attainment8", "cla-rate", "year6-obesity"])
@pytest.mark.parametrize("code", [HERTS, BRISTOL])
def test_stored_ranks_equal_the_ranks_computed_on_request(seeded_sqlite: Database, indicator_id: str, code: str) -> None:
    data_access.configure(seeded_sqlite.url)
    stored = reads.stored_judgements(code, [indicator_id])
    meta = reads.indicator(indicator_id)
    assert meta is not None
    live = benchmarks.ranks(indicator_id, meta["polarity"], "county")
    live = live[live["area_code"] == code].set_index("period_label")
    assert not stored.empty
    for row in stored.to_dict("records"):
        expected = live.loc[row["period_label"]]
        rank = None if pd.isna(row["rank"]) else int(row["rank"])
        assert rank == (None if pd.isna(expected["rank"]) else int(expected["rank"])), row
        assert int(row["rank_of"]) == int(expected["rank_of"])
        assert (row["quartile"] or benchmarks.NOT_RANKED) == expected["quartile"]
        assert row["rank_reason"] == expected["reason"]


def test_neighbour_average_and_england_are_stored(seeded_sqlite: Database) -> None:
    data_access.configure(seeded_sqlite.url)
    stored = reads.stored_judgements(HERTS, ["cla-three-plus-placements"]).set_index("period_label")
    row = row_dict(stored.loc["2024-25"])
    assert row["sn_value"] == pytest.approx(11.8, abs=0.05) and int(row["sn_with_value"]) == 10
    assert row["england_value"] is not None and row["region_code"] == "E12000006"
    assert (int(row["rank"]), int(row["rank_of"]), row["quartile"]) == (78, 151, "C")


def test_an_import_refreshes_the_judgements_of_its_indicators(writable_sqlite_copy: str, tmp_path: Path) -> None:
    db = Database(writable_sqlite_copy)
    data_access.configure(writable_sqlite_copy)
    before = reads.stored_judgements(HERTS, ["cla-three-plus-placements"], db=db).set_index("period_label")
    assert row_dict(before.loc["2024-25"])["rank"] == 78
    upload = tmp_path / "herts.csv"
    upload.write_text(
        "indicator_id,area_code,period,breakdown_dimension,breakdown_value,kind,value,publisher\n"
        "cla-three-plus-placements,E10000015,2024-25,Total,Total,actual,0,Hertfordshire County Council\n",
        encoding="utf-8",
    )
    report = import_file(db, upload, fmt="native")
    assert report.ok, report
    after = reads.stored_judgements(HERTS, ["cla-three-plus-placements"], db=db).set_index("period_label")
    changed = row_dict(after.loc["2024-25"])
    assert changed["rank"] == 1 and changed["quartile"] == "A"
