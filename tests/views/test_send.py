"""The /send view on the seeded published data, with worked examples typed in BY HAND from the
raw files (DfE SEN2 2025 release, ``sen2_2025_timeliness_20_week.csv.gz``; the SEND Tribunal
spreadsheet), not read from the code under test."""

from __future__ import annotations

import json
import math
import statistics

import pandas as pd
import pytest

import data_access
from analytics.codes import ENGLAND
from analytics.frames import Row, frame_records
from data_access.database import Database
from views import send as view
from views import trends
from views.base import ViewNotFound
from views.registry import build_views, views_from_url

HERTS, BRISTOL, STEVENAGE = "E10000015", "E06000023", "E07000243"

#: 2024, all EHC plans issued, including exceptions: (within 20 weeks, plans issued, printed %) — file line 9712 for Hertfordshire, 6343 England.
HERTS_2024 = (984, 1781, 55.2)
ENGLAND_2024 = (41448, 90392, 45.9)
#: Hertfordshire's ten DfE statistical neighbours (May 2025 model) and their printed 2024 % (incl. exceptions).
NEIGHBOURS_2024 = {
    "Oxfordshire": 38.6,
    "Buckinghamshire": 32.1,  # published under DfE's pre-unitary code E10000002
    "Cambridgeshire": 7.7,
    "Bracknell Forest": 45.1,
    "West Sussex": 11.4,
    "Bromley": 45.3,
    "Hampshire": 41.0,
    "Trafford": 53.4,
    "Gloucestershire": 26.3,
    "West Berkshire": 48.0,
}


@pytest.fixture(autouse=True)
def _configured(seeded_sqlite: Database) -> None:
    data_access.configure(seeded_sqlite.url)


def _wilson(count: int, n: int, z: float = 1.959963984540054) -> tuple[float, float]:
    p = count / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (centre - half) * 100, (centre + half) * 100


@pytest.fixture
def herts() -> tuple[view.SendData, list]:
    return view.build({"area": HERTS})


def _tile(data: view.SendData, key: str) -> view.Headline:
    return next(h for h in view.headlines(data) if h.key == key)


def test_worked_example_hertfordshire_timeliness_interval_and_verdict_against_england(herts) -> None:
    data, _ = herts
    tile = _tile(data, "timeliness")
    low, high = _wilson(HERTS_2024[0], HERTS_2024[1])  # 52.9% to 57.5%
    assert (round(low, 1), round(high, 1)) == (52.9, 57.5)
    assert tile.period == "2024" and tile.value == "55.2%"
    assert tile.detail == f"984 of 1,781 · 95% CI {low:.1f}% to {high:.1f}%"
    assert tile.england == "45.9%"
    # England's 45.9% is below the whole interval and higher is better: significantly better
    assert ENGLAND_2024[2] < low
    assert tile.verdict == "Better"
    assert "significantly better than England, 45.9%" in tile.sentence


def test_worked_example_neighbour_average_of_timeliness(herts) -> None:
    data, _ = herts
    names = [data.names.get(code, code) for code in data.neighbours]
    assert sorted(names) == sorted(NEIGHBOURS_2024)
    by_hand = statistics.mean(NEIGHBOURS_2024.values())  # 348.9 / 10 = 34.89
    assert round(by_hand, 2) == 34.89
    assert _tile(data, "timeliness").neighbours == f"{by_hand:.1f}%" == "34.9%"


def test_tribunal_rate_verdict_and_rank(herts) -> None:
    data, _ = herts
    tile = _tile(data, "tribunal")
    assert (tile.value, tile.england, tile.detail.split(" ·")[0]) == ("4.4%", "3.2%", "613 of 13,889")
    low, _high = _wilson(613, 13889)
    assert low > 3.2 and tile.verdict == "Worse"  # lower is better
    assert tile.rank.endswith("quartile D")
    assert tile.region == "not published"  # the spreadsheet gives no regional totals: never 0


def test_counts_are_compared_only_with_themselves(herts) -> None:
    data, _ = herts
    plans = _tile(data, "plans")
    assert plans.value == "12,920" and plans.period == "January 2025"
    assert plans.detail == "+1,023 (+8.6%) on January 2024"  # 12,920 - 11,897
    assert plans.england.startswith("growth ") and plans.rank == "not ranked"
    assert plans.verdict.startswith("not compared")


def test_suppressed_reviews_are_not_published_never_zero(herts) -> None:
    data, _ = herts
    reviews = _tile(data, "reviews")
    assert reviews.value == "not published" and reviews.verdict == "Not compared"


def test_every_chart_has_table_sentence_and_sources(herts) -> None:
    _, charts = herts
    assert [c.key for c in charts] == list(view.CHART_KEYS)
    for chart in charts:
        assert not chart.table.empty, chart.key
        assert chart.text.summary and chart.text.summary != "No values to show.", chart.key
        assert chart.text.sources, chart.key
    placements = next(c for c in charts if c.key == "placements")
    herts_mainstream = placements.table[
        (placements.table["area"] == "Hertfordshire") & (placements.table["category"] == "Mainstream school")
    ]
    assert herts_mainstream["share_shown"].tolist() == ["49.1%"]  # DfE's printed mainstream_total_pc, January 2025
    funnel = next(c for c in charts if c.key == "funnel")
    assert "received 3,343 requests" in funnel.text.summary and "2,216 (66.3% of requests)" in funnel.text.summary


def test_chart_picks_one_view_for_exports_and_the_registry_serves_all() -> None:
    assert [v.key for v in build_views("send", {"area": HERTS, "chart": "tribunal"})] == ["tribunal"]
    page, views = views_from_url(f"/send?area={BRISTOL}&benchmark=sn")
    assert page == "send" and len(views) == len(view.CHART_KEYS)
    assert "Verdicts against Statistical neighbours" in views[0].text.subtitle


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ({"area": STEVENAGE}, "Stevenage is a district"),
        ({"area": "E12000006"}, "is not a council"),
        ({"area": "NOPE"}, "no area with the code"),
        ({"area": HERTS, "benchmark": "E07000243"}, "is not an option"),
        ({"area": HERTS, "chart": "pie"}, "no SEND chart"),
    ],
)
def test_unknown_or_unsuitable_inputs_are_view_not_found(query: dict[str, str], words: str) -> None:
    with pytest.raises(ViewNotFound) as raised:
        view.parse_query(query)
    assert words in raised.value.message


def test_district_links_to_its_county() -> None:
    with pytest.raises(ViewNotFound) as raised:
        view.parse_query({"area": STEVENAGE})
    assert ("SEND in Hertfordshire", f"/send?area={HERTS}") in raised.value.links


def test_another_council_bristol() -> None:
    data, _ = view.build({"area": BRISTOL})
    tile = _tile(data, "timeliness")
    assert (tile.value, tile.detail.split(" ·")[0], tile.verdict) == ("17.3%", "118 of 684", "Worse")
    assert data.q.benchmark == ENGLAND


def test_send_is_a_topic_of_the_area_profile_and_not_forty_headline_rows() -> None:
    from views import area

    headline = area.build_profile({"_id": HERTS})
    shown = set(headline.rows.loc[headline.rows["indicator_id"].str.startswith("send-"), "indicator_id"])
    assert shown == {"send-ehcp-20wk-excl"}  # only the series Our Way Forward links to
    assert ("send", "SEND") in [(key, name) for key, name, _count in headline.topics]
    topic = area.build_profile({"_id": HERTS, "topic": "send"})
    assert topic.topic_name == "SEND (DfE SEN2 and the SEND Tribunal)"
    assert {"send-ehcp-20wk-incl", "send-tribunal-appeal-rate", "send-ehcp-count"} <= set(topic.rows["indicator_id"])


def test_our_way_forward_20_week_measure_reads_sen2_with_2024() -> None:
    from views import summary

    bees = summary.summarise({}).bees
    rows = [m for bee in bees for m in frame_records(bee.measures) if m["measure_id"] == "owf-69a"]
    assert len(rows) == 1
    card = rows[0]
    assert card["indicator_id"] == "send-ehcp-20wk-excl" and card["period"] == "2024" and card["value_shown"] == "56.3%"
    assert card["indicator_note"]  # the one-line reason for the link


def test_a_missing_share_reads_not_published_never_nan() -> None:
    """The placement table once showed "nan%" for "Awaiting provision"."""
    from views.send import _pct

    assert _pct(float("nan")) == "not published"
    assert _pct(None) == "not published"
    assert _pct(12.34) == "12.3%"


@pytest.mark.parametrize("benchmark", [ENGLAND, "sn", "E12000009"])
def test_trend_charts_drawn_from_the_loaded_values_are_the_trends_charts(benchmark: str) -> None:
    """The four trend charts come from ``load``'s one read (``trend_series`` → ``trends.shape``),
    not four ``trends.build`` calls: the same lines, tables, words and figure as /trends draws."""
    data, charts = view.build({"area": HERTS, "benchmark": benchmark})
    drawn = {c.key: c for c in charts}
    lines = [ENGLAND, "sn", *([benchmark] if benchmark not in {ENGLAND, "sn"} else [])]
    for key, indicator, benchmarks in [
        ("plans", view.PLANS, "none"),
        ("timeliness", view.WITHIN_20, ",".join(lines)),
        ("timeliness-ex", view.WITHIN_20_EX, ",".join(lines)),
        ("tribunal", view.TRIBUNAL, ",".join(lines)),
    ]:
        expected = trends.build({"indicator": indicator, "areas": HERTS, "benchmark": benchmarks})
        chart = drawn[key]
        assert isinstance(chart, trends.TrendsChart)
        assert chart.query == expected.query
        assert chart.text.notes[1:] == expected.text.notes
        assert (chart.text.title, chart.text.summary, chart.text.sources) == (
            expected.text.title,
            expected.text.summary,
            expected.text.sources,
        )
        pd.testing.assert_frame_equal(chart.table, expected.table)
        assert chart.trends == expected.trends and chart.periods == expected.periods
        assert json.dumps(chart.figure.to_plotly_json(), sort_keys=True, default=str) == json.dumps(
            expected.figure.to_plotly_json(), sort_keys=True, default=str
        )


def test_trend_series_is_what_trends_fetch_reads() -> None:
    """``trend_series`` takes from the loaded values the rows ``trends.fetch`` would read, in its order."""
    data = view.load(view.parse_query({"area": HERTS}))
    q = trends.TrendsQuery(view.WITHIN_20, (HERTS,), (ENGLAND, "sn"), ci=True)
    mine, read = view.trend_series(data, q), trends.fetch(q)
    columns = ["area_code", "period_label", "value", "count", "denominator"]
    pd.testing.assert_frame_equal(
        mine.actual[columns].reset_index(drop=True), read.actual[columns].reset_index(drop=True), check_dtype=False
    )
    assert mine.neighbours is not None and read.neighbours is not None
    pd.testing.assert_frame_equal(mine.neighbours, read.neighbours)
    assert mine.targets.empty == read.targets.empty
    assert set(mine.actual["area_code"]) == {HERTS, ENGLAND}


def test_periods_and_latest_in_one_pass_over_the_rows() -> None:
    """Periods oldest first (no sort key last); the latest period with a value per indicator and area."""
    rows: list[Row] = [
        {"indicator_id": "a", "period_label": "2024", "period_sort": 20241231, "area_code": "X", "value": None},
        {"indicator_id": "a", "period_label": "2022", "period_sort": 20221231, "area_code": "X", "value": 1.0},
        {"indicator_id": "a", "period_label": "2023", "period_sort": 20231231, "area_code": "X", "value": 2.0},
        {"indicator_id": "a", "period_label": "2024", "period_sort": 20241231, "area_code": "Y", "value": 3.0},
        {"indicator_id": "a", "period_label": "undated", "period_sort": None, "area_code": "Z", "value": float("nan")},
        {"indicator_id": "b", "period_label": "2021", "period_sort": 20211231, "area_code": "X", "value": 0.0},
    ]
    periods, latest = view.periods_and_latest(rows)
    assert periods == {"a": ["2022", "2023", "2024", "undated"], "b": ["2021"]}
    assert latest == {("a", "X"): "2023", ("a", "Y"): "2024", ("b", "X"): "2021"}


def test_send_data_answers_periods_and_latest_as_its_frame_says(herts) -> None:
    data = herts[0]
    for indicator in (view.PLANS, view.WITHIN_20, view.TRIBUNAL):
        part = data.rows(indicator)
        assert data.periods(indicator) == part.drop_duplicates("period_label").sort_values("period_sort")["period_label"].tolist()
        mine = part[(part["area_code"] == HERTS) & part["value"].notna()].sort_values("period_sort")
        assert data.latest(indicator, HERTS) == mine["period_label"].iloc[-1]
    assert data.latest(view.PLANS, "nowhere") is None and data.periods("nothing") == []


def test_another_region_as_benchmark_is_judged_not_left_not_compared() -> None:
    """Cumbria (North West) against the North East: that region's shares are loaded with the page,
    so a share headline gets a verdict against it, as against the council's own region."""
    data, _ = view.build({"area": "E10000012", "benchmark": "E12000001"})
    tile = _tile(data, "timeliness")
    assert tile.against == "North East"
    assert tile.verdict != view.NOT_COMPARED and "(not compared)" not in tile.sentence, tile.sentence
    assert "North East" in tile.sentence
