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


def test_stored_judgements_at_each_indicators_own_period(seeded_db: Database) -> None:
    data_access.configure(seeded_db.url)
    every = reads.stored_judgements(HERTS)
    latest = every.drop_duplicates("indicator_id", keep="last")
    periods = dict(zip(latest["indicator_id"], latest["period_label"]))
    some = dict(list(periods.items())[:40])
    kept = every[[some.get(i) == p for i, p in zip(every["indicator_id"], every["period_label"])]].reset_index(drop=True)
    pd.testing.assert_frame_equal(reads.stored_judgements(HERTS, periods=some), kept)
    assert reads.stored_judgements(HERTS, periods={"no-such-indicator": "2024"}).empty


@pytest.mark.parametrize(
    ("indicator_id", "period", "county"),
    [
        ("year6-obesity", "2024/25", HERTS),
        ("physically-active-cyp", "2022/23", HERTS),  # one district suppressed: "not ranked" by the same rule
        ("u18-conceptions-abortion-percent", "2021", HERTS),  # no polarity: never ranked
        ("year6-obesity", "2020/21", "E10000012"),  # no Essex district has a value: computed as before
    ],
)
def test_district_ranks_are_the_computed_ranks_of_those_districts(
    seeded_db: Database, indicator_id: str, period: str, county: str
) -> None:
    data_access.configure(seeded_db.url)
    meta = reads.indicator(indicator_id)
    assert meta is not None
    districts = reads.areas(levels=["district"])
    codes = districts.loc[districts["parent_code"] == county, "code"].tolist()
    rows = reads.series(indicator_id, codes, period_labels=[period])
    found = benchmarks.district_ranks(indicator_id, meta["polarity"], meta["value_type"], period, rows)
    live = benchmarks.ranks(indicator_id, meta["polarity"], "district", [period])
    asked = rows.loc[rows["area_level"] == "district", "area_code"]
    expected = live[live["area_code"].isin(asked)]
    # what the store cannot answer comes back as the whole computed table: only the asked districts count
    keyed = found[found["area_code"].isin(asked)].set_index("area_code").sort_index()
    wanted = expected.set_index("area_code").sort_index()
    assert list(keyed.index) == list(wanted.index)
    assert list(keyed["quartile"]) == list(wanted["quartile"])
    assert [None if pd.isna(r) else int(r) for r in keyed["rank"]] == [None if pd.isna(r) else int(r) for r in wanted["rank"]]
    assert list(keyed["rank_of"]) == list(wanted["rank_of"]) and list(keyed["reason"]) == list(wanted["reason"])
