"""Outcome Bees summary view on the shipped seed (SQLite)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

import data_access
from analytics import compare_to_benchmark, direction_of_travel, normalise_polarity
from data_access import reads
from views import summary as view
from views.base import ViewNotFound
from views.registry import build_views, views_from_url

HERTS, STEVENAGE, ENGLAND, HEREFORDSHIRE = "E10000015", "E07000243", "E92000001", "E06000019"
HEREFORDSHIRE_PLAN = "herefordshire-cypp-2006-08"


@pytest.fixture(autouse=True)
def _configured(seeded_sqlite):
    data_access.configure(seeded_sqlite.url)


def _measure(summary: view.Summary, measure_id: str) -> dict:
    rows = summary.measures
    return rows[rows["measure_id"] == measure_id].iloc[0].to_dict()


def test_defaults_are_our_way_forward_for_hertfordshire() -> None:
    q = view.parse_query({})
    assert (q.framework, q.area) == ("our-way-forward-2024-25", HERTS)
    summary = view.summarise({})
    assert [b["code"] for b in summary.benchmarks] == [ENGLAND, "E12000006"]
    names = [bee.name for bee in summary.bees]
    assert "Be Safe" in names and "Be Included" in names


def test_unknown_framework_or_area_is_not_found() -> None:
    with pytest.raises(ViewNotFound, match="no outcome framework"):
        view.parse_query({"framework": "no-such-plan"})
    with pytest.raises(ViewNotFound, match="no area"):
        view.parse_query({"framework": "plan-2018-21", "area": "E99999999"})


def test_predecessor_code_resolves() -> None:
    assert view.parse_query({"framework": "plan-2018-21", "area": "E07000101"}).area == STEVENAGE


def test_herefordshire_plan_shows_only_herefordshire() -> None:
    q = view.parse_query({"framework": HEREFORDSHIRE_PLAN})
    assert q.area == HEREFORDSHIRE
    for area in (HERTS, STEVENAGE, ENGLAND):
        with pytest.raises(ViewNotFound, match="Herefordshire"):
            view.parse_query({"framework": HEREFORDSHIRE_PLAN, "area": area})
    summary = view.summarise({"framework": HEREFORDSHIRE_PLAN})
    assert summary.area["code"] == HEREFORDSHIRE
    assert HERTS not in {b["code"] for b in summary.benchmarks}
    data = view.chart_views({"framework": HEREFORDSHIRE_PLAN})[0].data
    assert set(data["area_code"]) == {HEREFORDSHIRE}


def test_hertfordshire_plans_never_show_herefordshire() -> None:
    for framework in ("our-way-forward-2024-25", "plan-2018-21", "cypp-2011-12"):
        with pytest.raises(ViewNotFound, match="Hertfordshire"):
            view.parse_query({"framework": framework, "area": HEREFORDSHIRE})
        assert HEREFORDSHIRE not in set(view.allowed_areas(HERTS)["code"])
    assert len(view.allowed_areas(HERTS)) == 11  # the county and its ten districts


@pytest.mark.usefixtures("use_demo")  # district series for the plan's measures exist only as illustrative values
def test_district_values_comparisons_and_direction_come_from_the_data() -> None:
    summary = view.summarise({"framework": "plan-2018-21", "area": STEVENAGE})
    assert [b["code"] for b in summary.benchmarks] == [ENGLAND, "E12000006", HERTS]
    rows = summary.measures
    with_data = rows[rows["has_data"]]
    assert not with_data.empty
    meta = reads.indicators().set_index("id")
    for record in with_data.to_dict("records"):
        series = reads.series(
            record["indicator_id"],
            [STEVENAGE, ENGLAND, "E12000006", HERTS],
            breakdown_dimension=record["breakdown_dimension"],
            breakdown_values=[record["breakdown_value"]],
        )
        mine = series[series["area_code"] == STEVENAGE]
        latest = mine.iloc[-1]
        assert record["period"] == latest["period_label"]
        if pd.notna(latest["value"]):
            assert record["value"] == pytest.approx(latest["value"])
        polarity = normalise_polarity(record["polarity"])
        assert record["direction"] == direction_of_travel(mine, polarity)
        england = series[(series["area_code"] == ENGLAND) & (series["period_label"] == latest["period_label"])]
        england_label = next(c["label"] for c in record["comparisons"] if c["code"] == ENGLAND)
        if england.empty:
            assert england_label == "Not compared"
        elif pd.notna(latest["lower_ci95"]):
            assert england_label == compare_to_benchmark(
                latest["value"], latest["lower_ci95"], latest["upper_ci95"], england["value"].iloc[0], polarity
            )
        assert record["source"], "every value shows its source"
        if record["breakdown_dimension"] == "disadvantage":  # the plan's disadvantaged-pupil measures link to the gaps page
            assert record["trend_href"].startswith("/gaps?phase=") and STEVENAGE in record["trend_href"]
        else:
            assert record["trend_href"] == f"/trends?indicator={record['indicator_id']}&areas={STEVENAGE}"
        assert record["polarity"] == normalise_polarity(record["polarity"]) and record["indicator_id"] in meta.index


def test_polarity_override_wins() -> None:
    summary = view.summarise({})
    cp = _measure(summary, "owf-56a")  # CP-plan rate: the plan wants it lower than national; the indicator is ambiguous
    assert cp["polarity"] == "lower_better" and cp["polarity_from"] == "plan"
    if cp["has_data"]:
        assert {c["label"] for c in cp["comparisons"]} <= {"Better", "Similar", "Worse", "Not compared"}
        assert cp["rag"] in {"Green", "Amber", "Red", "Not assessed"}
    cin = _measure(summary, "owf-92a")
    assert cin["polarity"] == "ambiguous"
    assert {c["label"] for c in cin["comparisons"]} <= {"Higher", "Similar", "Lower", "Not compared"}


def test_measures_without_data_are_listed_honestly() -> None:
    summary = view.summarise({"framework": "plan-2018-21", "area": STEVENAGE})
    for bee in summary.bees:
        if bee.measures.empty:
            continue
        missing = bee.measures[~bee.measures["has_data"]]
        assert missing["no_data_reason"].str.len().gt(0).all()
        assert missing["value_shown"].eq("").all()
        assert re.match(rf"^{re.escape(bee.name)}: \d+ of {len(bee.measures)} measures? (have|has) data", bee.summary)
        assert bee.with_data == int(bee.measures["has_data"].sum())


def test_suppressed_values_show_symbol_never_zero() -> None:
    summary = view.summarise({"framework": "plan-2018-21", "area": STEVENAGE})
    rows = summary.measures
    blank = rows[rows["has_data"] & rows["value"].isna()]
    for shown in blank["value_shown"]:
        assert shown and not shown.startswith("0")


@pytest.mark.usefixtures("use_demo")
def test_illustrative_values_are_marked() -> None:
    summary = view.summarise({"area": STEVENAGE})
    rows = summary.measures
    assert rows["illustrative"].any() and summary.illustrative
    views = view.chart_views({"area": STEVENAGE})
    assert views[0].text.illustrative
    bee_tables = pd.concat([v.table for v in views[1:]])
    flagged = bee_tables[bee_tables["illustrative_shown"] == "Yes"]
    assert not flagged.empty and (flagged["source"].str.len() > 0).all()


def test_chart_views_overview_then_one_per_bee() -> None:
    query = {"framework": "plan-2018-21", "area": STEVENAGE}
    views = view.chart_views(query)
    summary = view.summarise(query)
    assert len(views) == 1 + len(summary.bees)
    overview, bees = views[0], views[1:]
    assert overview.filename_stem == "plan-2018-21_stevenage_summary"
    assert set(overview.data["area_code"]) == {STEVENAGE}
    assert len(overview.data) == len(summary.measures)
    for chart, bee in zip(bees, summary.bees):
        assert chart.text.summary == bee.summary
        assert chart.text.summary.startswith(f"{bee.name}: ")
        assert len(chart.table) == len(bee.measures)
        assert chart.figure.data and chart.figure.layout.title.text is None  # no title on the figure
        assert {"Compared with England", "Source", "Illustrative?"} <= {label for _, label in chart.table_columns}
    one = view.chart_views({**query, "bee": "be-ambitious"})
    assert len(one) == 1 and one[0].text.title.startswith("Be Ambitious")
    with pytest.raises(ViewNotFound):
        view.chart_views({**query, "bee": "be-nonsense"})


def test_registry_and_url_hooks() -> None:
    assert build_views("summary", {"framework": "cypp-2011-12"})[0].key == "summary"
    page, views = views_from_url("/?framework=plan-2018-21&area=E07000243")
    assert page == "summary" and views[0].text.title.endswith("Stevenage")


def test_summary_builds_for_a_district_under_an_old_plan() -> None:
    """Speed is measured in bench/, not here; this only checks the view builds."""
    summary = view.summarise({"framework": "cypp-2011-12", "area": STEVENAGE})
    assert summary.area["code"] == STEVENAGE
    assert summary.bees and all(len(bee.measures) == len(bee.measures["measure_id"].unique()) for bee in summary.bees)


def test_tables_never_show_nan() -> None:
    for chart in view.chart_views({"framework": "plan-2018-21", "area": STEVENAGE}):
        cells = chart.table.astype(str)
        assert not cells.apply(lambda column: column.str.fullmatch("nan|None")).any().any(), chart.text.title


def test_a_measure_about_disadvantaged_pupils_shows_their_values_not_everyones() -> None:
    """Plan 2018-21: "The attainment of disadvantage [sic] children … at Key Stage 4"."""
    from data_access import reads

    summary = view.summarise({"framework": "plan-2018-21", "area": "E10000015"})
    rows = [m for bee in summary.bees for m in bee.measures.to_dict("records") if m["measure_id"] == "p18-ambitious-5"]
    assert rows and rows[0]["has_data"]
    disadvantaged = reads.series(
        "ks4-attainment8", ["E10000015"], breakdown_dimension="disadvantage", breakdown_values=["Disadvantaged"]
    )
    everyone = reads.series("ks4-attainment8", ["E10000015"])
    assert rows[0]["value"] == disadvantaged["value"].iloc[-1]
    assert rows[0]["value"] != everyone["value"].iloc[-1]


def test_our_way_forward_has_published_values_for_at_least_15_measures() -> None:
    """The plan's measures read official series where one measures them; the rest say they are local."""
    summary = view.summarise({})
    measures = summary.measures
    assert len(measures) == 37
    with_data = measures[measures["has_data"].astype(bool)]
    assert len(with_data) >= 15
    assert not with_data["illustrative"].astype(bool).any()
    local = measures[~measures["has_data"].astype(bool) & measures["indicator_id"].isna()]
    assert set(local["no_data_reason"]) == {"no published series"}
    assert local["local"].astype(bool).all()
    linked = measures[measures["indicator_id"].notna()]
    assert linked["indicator_note"].notna().all(), "every linked measure says why its indicator fits"
    placements = _measure(summary, "owf-57b")
    assert placements["indicator_id"] == "cla-three-plus-placements" and placements["has_data"]
