"""Statistical-neighbour averages, ranks and quartile bands on the shipped data, on SQLite and
PostgreSQL, checked against figures worked out by hand from the published values (listed here)."""

from __future__ import annotations

import statistics

import pandas as pd
import pytest

import data_access
from data_access import reads
from views import benchmarks

HERTS, ESSEX = "E10000015", "E10000012"
#: DfE 2025 model, in order (the issue's list; the DfE file gives old LA numbers).
HERTS_NEIGHBOURS = [
    "Oxfordshire",
    "Buckinghamshire",
    "Cambridgeshire",
    "Bracknell Forest",
    "West Sussex",
    "Bromley",
    "Hampshire",
    "Trafford",
    "Gloucestershire",
    "West Berkshire",
]
#: Children looked after with three or more placements during 2024-25 (%), DfE CLA release.
HERTS_NEIGHBOUR_VALUES = {
    "Oxfordshire": 16,
    "Buckinghamshire": 10,
    "Cambridgeshire": 11,
    "Bracknell Forest": 14,
    "West Sussex": 11,
    "Bromley": 11,
    "Hampshire": 15,
    "Trafford": 6,
    "Gloucestershire": 12,
    "West Berkshire": 12,
}
ESSEX_NEIGHBOUR_VALUES = {
    "Bexley": 10,
    "Gloucestershire": 12,
    "Hampshire": 15,
    "Kent": 12,
    "North Somerset": 12,
    "Somerset": 18,
    "Suffolk": 9,
    "Warwickshire": 16,
    "West Sussex": 11,
    "Wiltshire": 9,
}


@pytest.fixture(autouse=True)
def _db(seeded_db):
    data_access.configure(seeded_db.url)


def test_hertfordshire_neighbours_are_the_dfe_2025_list_in_order() -> None:
    group = benchmarks.neighbours(HERTS)
    assert group["name"].tolist() == HERTS_NEIGHBOURS
    assert group["rank"].tolist() == list(range(1, 11))
    assert set(group["closeness"]) == {"Very close"}
    assert benchmarks.neighbours("E07000243").empty  # districts have none


def test_neighbour_average_is_the_plain_mean_of_the_neighbours_with_a_value() -> None:
    herts = benchmarks.neighbour_averages("cla-three-plus-placements", HERTS).set_index("period_label").loc["2024-25"]
    assert herts["value"] == pytest.approx(118 / 10) == pytest.approx(sum(HERTS_NEIGHBOUR_VALUES.values()) / 10)
    assert (herts["n_with_value"], herts["n_neighbours"]) == (10, 10)
    essex = benchmarks.neighbour_averages("cla-three-plus-placements", ESSEX).set_index("period_label").loc["2024-25"]
    assert essex["value"] == pytest.approx(124 / 10) == pytest.approx(sum(ESSEX_NEIGHBOUR_VALUES.values()) / 10)


def test_neighbour_average_counts_only_neighbours_with_a_value() -> None:
    """NCMP Year 6 obesity 2024/25: two of Hertfordshire's neighbours (Hampshire, West Sussex) have no county value."""
    row = benchmarks.neighbour_averages("year6-obesity", HERTS).set_index("period_label").loc["2024/25"]
    assert isinstance(row, pd.Series), "one row per period"
    values = reads.series("year6-obesity", benchmarks.neighbours(HERTS)["code"].tolist(), period_labels=["2024/25"])
    present = values["value"].dropna()
    assert row["n_with_value"] == len(present) < 10
    assert row["value"] == pytest.approx(present.mean())
    assert benchmarks.sn_label(int(row["n_with_value"])) == f"Statistical neighbours (average of {len(present)})"


def _by_hand(indicator_id: str, period: str, area: str, lower_is_better: bool) -> tuple[int, int, str]:
    """Rank = 1 + the councils strictly better (ties share the lower rank); quartile from the
    R type-7 quartiles (statistics 'inclusive'), a value on a cut point in the lower-valued band."""
    frame = reads.values_for_areas([indicator_id], levels=["county", "unitary"], periods={indicator_id: period})
    values = frame.set_index("area_code")["value"].dropna()
    mine = values[area]
    better = (values < mine).sum() if lower_is_better else (values > mine).sum()
    q1, q2, q3 = statistics.quantiles(values.tolist(), n=4, method="inclusive")
    position = 0 if mine <= q1 else 1 if mine <= q2 else 2 if mine <= q3 else 3
    band = "ABCD"[position] if lower_is_better else "DCBA"[position]
    return int(better) + 1, len(values), band


@pytest.mark.parametrize(
    ("indicator_id", "period", "area", "polarity", "expected_rank"),
    [
        ("cla-three-plus-placements", "2024-25", HERTS, "lower_better", 78),  # 77 councils lower, 26 tied on 11%
        ("cla-three-plus-placements", "2024-25", ESSEX, "lower_better", 133),
        ("cla-long-term-placement-stability", "2024-25", HERTS, "higher_better", 30),  # 29 councils higher than 73%
    ],
)
def test_rank_and_quartile_among_all_councils(
    indicator_id: str, period: str, area: str, polarity: str, expected_rank: int
) -> None:
    rank, rank_of, band = _by_hand(indicator_id, period, area, polarity == "lower_better")
    assert rank == expected_rank
    table = benchmarks.ranks(indicator_id, polarity, "county", [period]).set_index("area_code")
    assert (int(table["rank"].loc[area]), int(table["rank_of"].loc[area]), table.loc[area, "quartile"]) == (rank, rank_of, band)
    at = benchmarks.ranks_at({indicator_id: period}, {indicator_id: polarity}, "county")[indicator_id][area]
    assert (at["rank"], at["rank_of"], at["quartile"]) == (rank, rank_of, band)


def test_no_polarity_means_not_ranked() -> None:
    table = benchmarks.ranks("cla-rate", "ambiguous", "county", ["31 March 2025"]).set_index("area_code")
    assert table.loc[HERTS, "quartile"] == benchmarks.NOT_RANKED
    assert table["rank"].isna().all()


def test_districts_rank_among_all_lower_tier_areas() -> None:
    table = benchmarks.ranks("year6-obesity", "lower_better", "district", ["2024/25"])
    assert int(table["rank_of"].iloc[0]) > 280  # 296 lower-tier areas, a few with no value
    assert "E07000243" in set(table["area_code"]) and "E06000001" in set(table["area_code"])


def test_words() -> None:
    assert [benchmarks.ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111)] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "11th",
        "12th",
        "13th",
        "21st",
        "22nd",
        "23rd",
        "101st",
        "111th",
    ]
    assert benchmarks.rank_words(23, 153, "county") == "ranked 23rd of 153 councils"
    assert benchmarks.rank_phrase({"rank": 78, "rank_of": 151, "quartile": "C"}, "county") == "78th of 151 councils, quartile C"
    with pytest.raises(ValueError):
        benchmarks.parse_model("1999")


def test_averages_of_rows_already_read_leaves_out_illustrative_values() -> None:
    """``averages_of``: per period in time order, the mean of the published values, how many had one."""
    rows = pd.DataFrame(
        {
            "period_label": ["2024", "2023", "2024", "2024", "2023"],
            "period_type": ["calendar"] * 5,
            "period_sort": [20241231, 20231231, 20241231, 20241231, 20231231],
            "value": [10.0, 4.0, None, 20.0, 6.0],
            "illustrative": [False, False, False, False, True],
        }
    )
    out = benchmarks.averages_of(rows, 3)
    assert out["period_label"].tolist() == ["2023", "2024"]
    assert out["value"].tolist() == [4.0, 15.0]
    assert out["n_with_value"].tolist() == [1, 2]
    assert set(out["n_neighbours"]) == {3}
    lines = benchmarks.average_rows(out, "x", "2025")
    assert lines["area_code"].tolist() == [benchmarks.SN] * 2
    assert lines["area_name"].iloc[0] == "Statistical neighbours (average of 1–2)"
    assert benchmarks.averages_of(rows.iloc[:0], 3).empty
