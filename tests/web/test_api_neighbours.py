"""API contract for statistical neighbours: /api/v1/neighbours, benchmark=sn and rank=1."""

from __future__ import annotations

import csv
import io

import pytest

HERTS_2025 = [
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


def test_neighbours_lists_the_ten_in_order_with_closeness(client) -> None:
    body = client.get("/api/v1/neighbours?area=E10000015").get_json()
    assert body["area"] == {"code": "E10000015", "name": "Hertfordshire"}
    assert body["model"] == "2025"
    assert [n["name"] for n in body["neighbours"]] == HERTS_2025
    assert [n["rank"] for n in body["neighbours"]] == list(range(1, 11))
    assert body["neighbours"][0] == {"rank": 1, "code": "E10000025", "name": "Oxfordshire", "closeness": "Very close"}


def test_neighbours_2021_model_and_predecessor_code(client) -> None:
    body = client.get("/api/v1/neighbours?area=E10000015&model=2021").get_json()
    assert body["model"] == "2021" and len(body["neighbours"]) == 10
    assert body["neighbours"] != client.get("/api/v1/neighbours?area=E10000015").get_json()["neighbours"]


@pytest.mark.parametrize(
    ("query", "status", "words"),
    [
        ("", 400, "'area' parameter is required"),
        ("?area=E99999999", 404, "Unknown area code"),
        ("?area=E07000243", 404, "no statistical neighbours"),
        ("?area=E10000015&model=1999", 400, "model must be one of 2025, 2021"),
    ],
)
def test_neighbours_errors_are_friendly(client, query: str, status: int, words: str) -> None:
    response = client.get(f"/api/v1/neighbours{query}")
    assert response.status_code == status
    assert words in response.get_json()["message"]


def test_benchmark_sn_gives_the_neighbour_average(client) -> None:
    rows = client.get(
        "/api/v1/data.json?indicator=cla-three-plus-placements&areas=E10000015&benchmark=sn&period=2024-25"
    ).get_json()["rows"]
    (row,) = rows
    assert row["benchmark_code"] == "sn"
    assert row["benchmark_name"] == "Statistical neighbours (average of 10)"
    assert row["benchmark_value"] == pytest.approx(11.8)  # (16+10+11+14+11+11+15+6+12+12)/10
    assert row["benchmark_count"] == 10
    assert row["benchmark_illustrative"] is False
    assert row["compared_to_benchmark"] == "Similar"  # 11.0% with its Wilson interval 9.0-12.9 includes 11.8


def test_rank_adds_rank_rank_of_and_quartile(client) -> None:
    rows = client.get(
        "/api/v1/data.json?indicator=cla-three-plus-placements&areas=E10000015,E92000001&period=2024-25&rank=1"
    ).get_json()["rows"]
    by_area = {r["area_code"]: r for r in rows}
    assert (by_area["E10000015"]["rank"], by_area["E10000015"]["rank_of"], by_area["E10000015"]["quartile"]) == (78, 151, "C")
    assert by_area["E92000001"]["rank"] is None and by_area["E92000001"]["quartile"] == "not ranked"


def test_rank_in_csv_and_not_ranked_without_polarity(client) -> None:
    text = client.get("/api/v1/data.csv?indicator=cla-rate&areas=E10000015&rank=1").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows and {"rank", "rank_of", "quartile"} <= set(rows[0])
    assert {r["quartile"] for r in rows} == {"not ranked"}
