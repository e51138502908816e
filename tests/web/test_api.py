"""The HTTP API contract: /api/v1/… and /healthz (field names are public; add, never rename)."""

import csv
import io

import pytest


def test_healthz(client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json()["status"] == "ok"


def test_indicators_list_has_contract_fields(client) -> None:
    indicators = client.get("/api/v1/indicators").get_json()["indicators"]
    assert indicators
    assert {"id", "name", "unit", "polarity", "source"} <= set(indicators[0])
    assert "u18-conceptions" in {i["id"] for i in indicators}


def test_areas_list_includes_predecessor_codes(client) -> None:
    areas = {a["code"]: a for a in client.get("/api/v1/areas").get_json()["areas"]}
    assert areas["E07000243"]["name"] == "Stevenage"
    assert "E07000101" in areas["E07000243"]["other_codes"]


def test_data_csv_reproduces_published_conceptions_2008(client) -> None:
    response = client.get("/api/v1/data.csv?indicator=u18-conceptions&areas=E10000015,E12000006,E92000001")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = [r for r in csv.DictReader(io.StringIO(response.get_data(as_text=True))) if r["period"] == "2008"]
    values = {r["area_code"]: r["value"] for r in rows}
    assert values == {"E10000015": "25.6", "E12000006": "31.3", "E92000001": "39.5"}
    for row in rows:
        assert row["source"] and row["source_line"], "every published value carries its document and line"
        assert row["illustrative"] == "False"


def test_data_json_rows_have_contract_fields(client) -> None:
    body = client.get("/api/v1/data.json?indicator=u18-conceptions&areas=E07000243").get_json()
    row = body["rows"][0]
    for field in (
        "area_code",
        "area_name",
        "period",
        "breakdown_dimension",
        "breakdown_value",
        "value",
        "lower_ci95",
        "upper_ci95",
        "count",
        "denominator",
        "status",
        "source",
        "illustrative",
    ):
        assert field in row


def test_predecessor_code_is_mapped_with_a_note(client) -> None:
    body = client.get("/api/v1/data.json?indicator=u18-conceptions&areas=E07000101").get_json()
    assert {r["area_code"] for r in body["rows"]} == {"E07000243"}
    assert any("E07000101" in note for note in body["notes"])


def test_benchmark_and_trend_statistics(client) -> None:
    body = client.get(
        "/api/v1/data.json?indicator=u18-conceptions&areas=E07000243,E10000015&benchmark=E92000001&trend=1"
    ).get_json()
    allowed = {"Better", "Similar", "Worse", "Higher", "Lower", "Not compared"}
    for row in body["rows"]:
        assert row["compared_to_benchmark"] in allowed
        assert "benchmark_value" in row and "ci_method" in row and "recent_trend" in row
    assert client.get("/api/v1/data.json?indicator=u18-conceptions&benchmark=E92000001&level=99.8").status_code == 200
    assert client.get("/api/v1/data.json?indicator=u18-conceptions&benchmark=E92000001&level=90").status_code == 400


def test_breakdown_parameter(client) -> None:
    body = client.get("/api/v1/data.json?indicator=ks4-attainment8&areas=E10000015&breakdown=disadvantage").get_json()
    assert {"Disadvantaged", "Not disadvantaged"} <= {r["breakdown_value"] for r in body["rows"]}


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/data.json?indicator=nope",
        "/api/v1/data.csv?indicator=nope",
        "/api/v1/data.json?indicator=u18-conceptions&areas=E99999999",
        "/api/v1/data.json?indicator=u18-conceptions&benchmark=NOPE",
        "/api/v1/indicators/nope",
    ],
)
def test_unknown_ids_give_json_404_without_traceback(client, url) -> None:
    response = client.get(url)
    assert response.status_code == 404
    body = response.get_json()
    assert body["message"] and "Traceback" not in response.get_data(as_text=True)


def test_missing_indicator_parameter_is_400(client) -> None:
    assert client.get("/api/v1/data.json").status_code == 400


def test_csv_export_neutralises_formulas() -> None:
    import pandas as pd

    from web.csvsafe import frame_to_safe_csv

    text = frame_to_safe_csv(pd.DataFrame({"a": ['=HYPERLINK("x")', "ok", "-2+3"], "n": [-1.5, 2.0, 3.0]}))
    assert "'=HYPERLINK" in text and "'-2+3" in text and "-1.5" in text


def test_security_headers_on_pages(client) -> None:
    response = client.get("/compare")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"]


def test_fingertips_id_is_an_integer(client) -> None:
    """Issue 13: the id came back as 90284.0 from a nullable column."""
    rows = {r["id"]: r for r in client.get("/api/v1/indicators").get_json()["indicators"]}
    assert rows["injury-admissions-0-14"]["fingertips_id"] == 90284
    assert isinstance(rows["injury-admissions-0-14"]["fingertips_id"], int)
    assert rows["cla-rate"]["fingertips_id"] is None
    assert '"fingertips_id":90284.0' not in client.get("/api/v1/indicators").get_data(as_text=True).replace(" ", "")


# --------------------------------------------------------------- honest benchmarks (issue 13)


@pytest.fixture
def invented_england(backend, tmp_path):
    from tests.conftest import seeded_copy
    from tests.honest_data import invent_england

    return invent_england(seeded_copy(backend, tmp_path, "demo"))


def _honest_client(db, tmp_path):
    from app import create_app
    from settings import Settings

    return create_app(Settings(database_url=db.url, cache_dir=str(tmp_path / "cache"))).server.test_client()


def test_published_value_is_not_compared_with_an_illustrative_benchmark(invented_england, tmp_path) -> None:
    from tests.honest_data import (
        COUNTY,
        DISTRICT,
        ENGLAND,
        INDICATOR,
        INVENTED_PERIOD,
        PUBLISHED_PERIOD,
    )

    client = _honest_client(invented_england, tmp_path)
    body = client.get(
        f"/api/v1/data.json?indicator={INDICATOR}&areas={COUNTY},{DISTRICT},{ENGLAND}&benchmark={ENGLAND}"
    ).get_json()
    rows = {(r["area_code"], r["period"]): r for r in body["rows"]}
    invented = rows[(COUNTY, INVENTED_PERIOD)]
    assert invented["illustrative"] is False and invented["benchmark_illustrative"] is True
    assert invented["compared_to_benchmark"] == "Not compared"
    assert invented["comparison_note"] == "benchmark value is illustrative"
    published = rows[(COUNTY, PUBLISHED_PERIOD)]
    assert published["benchmark_illustrative"] is False and published["compared_to_benchmark"] == "Better"
    assert published["comparison_note"] is None
    # an illustrative district value may still be compared with the invented England, marked
    district = rows[(DISTRICT, INVENTED_PERIOD)]
    assert district["illustrative"] is True and district["benchmark_illustrative"] is True
    if district["compared_to_benchmark"] != "Not compared":
        assert district["comparison_note"] == "comparison rests on illustrative values"
    for row in body["rows"]:
        assert row["benchmark_illustrative"] in {True, False, None}
        if row["illustrative"] is False and row["benchmark_illustrative"] is True:
            assert row["compared_to_benchmark"] == "Not compared"


def test_benchmark_illustrative_is_null_without_a_benchmark_value(invented_england, tmp_path) -> None:
    from tests.honest_data import COUNTY, DISTRICT

    client = _honest_client(invented_england, tmp_path)
    # social-worker caseload is published for the county only: no district benchmark value
    body = client.get(f"/api/v1/data.json?indicator=sw-caseload&areas={COUNTY}&benchmark={DISTRICT}").get_json()
    assert body["rows"]
    assert all(r["benchmark_value"] is None and r["benchmark_illustrative"] is None for r in body["rows"])


def test_csv_carries_benchmark_illustrative(invented_england, tmp_path) -> None:

    from tests.honest_data import COUNTY, ENGLAND, INDICATOR, INVENTED_PERIOD

    client = _honest_client(invented_england, tmp_path)
    text = client.get(f"/api/v1/data.csv?indicator={INDICATOR}&areas={COUNTY}&benchmark={ENGLAND}").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(text)))
    header = list(rows[0].keys())
    assert header.index("benchmark_illustrative") > header.index("ci_method")  # added at the end, positions kept
    invented = next(r for r in rows if r["period"] == INVENTED_PERIOD)
    assert invented["compared_to_benchmark"] == "Not compared"
    assert invented["benchmark_illustrative"].lower() in {"true", "1"}


def test_every_row_carries_its_interval_and_method(client) -> None:
    """Issue 19, item 1: Hertfordshire's 2017 under-18 conceptions (222, rate 11.0) get a Byar
    interval from the published count, with the derived denominator said."""
    rows = client.get("/api/v1/data.json?indicator=u18-conceptions&areas=E10000015&period=2017").get_json()["rows"]
    (row,) = rows
    assert row["count"] == 222 and row["lower_ci95"] is None  # the published columns stay as printed
    assert row["ci_method"] == "Byar from the published count"
    assert "denominator derived" in row["ci_note"]
    assert row["ci_lower"] < row["value"] < row["ci_upper"]


def test_trend_without_counts_is_a_labelled_direction_not_tested(client) -> None:
    """Issue 19, item 4: no bare "Cannot be calculated" in the API: the direction, "not tested", and why."""
    rows = client.get("/api/v1/data.json?indicator=cp-plan-rate&areas=E10000015&trend=1").get_json()["rows"]
    assert rows
    for row in rows:
        assert row["recent_trend"].endswith("; not tested")
        assert row["recent_trend_tested"] is False and row["recent_trend_note"]
    tested = client.get("/api/v1/data.json?indicator=injury-admissions-0-14&areas=E10000015&trend=1").get_json()["rows"]
    assert all(r["recent_trend_tested"] is True and r["recent_trend"].endswith(", tested)") for r in tested)
