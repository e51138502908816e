"""The /neighbours view (LAIT view and scorecard) on the seeded published data.

The neighbour averages and ranks below are worked BY HAND from the published values listed in
each test (DfE "Children looked after in England" 2024-25 and "Key stage 4 performance" 2024/25,
neighbours from DfE's May 2025 statistical-neighbour model), then compared with the view.
"""

from __future__ import annotations

import statistics
from typing import TypedDict

import pandas as pd
import pytest

import data_access
from data_access import reads
from data_access.database import Database
from views import neighbours as view
from views.base import ViewNotFound
from views.registry import build_views, views_from_url

HERTS, BRISTOL = "E10000015", "E06000023"


class HandWorking(TypedDict):
    """One area's published figures at the latest period, as typed in by hand."""

    period: str
    own: float
    neighbours: dict[str, float]
    rank: int
    rank_of: int
    quartile: str


#: Published values at the latest period, typed in from the source tables (not read from the code under test).
HAND: dict[tuple[str, str], HandWorking] = {
    # lower is better: % of children looked after with three or more placements during 2024-25
    ("cla-three-plus-placements", HERTS): {
        "period": "2024-25",
        "own": 11.0,
        "neighbours": {
            "Oxfordshire": 16.0,
            "Buckinghamshire": 10.0,
            "Cambridgeshire": 11.0,
            "Bracknell Forest": 14.0,
            "West Sussex": 11.0,
            "Bromley": 11.0,
            "Hampshire": 15.0,
            "Trafford": 6.0,
            "Gloucestershire": 12.0,
            "West Berkshire": 12.0,
        },
        "rank": 78,
        "rank_of": 151,
        "quartile": "C",
    },
    ("cla-three-plus-placements", BRISTOL): {
        "period": "2024-25",
        "own": 8.0,
        "neighbours": {
            "Barnet": 10.0,
            "Bournemouth, Christchurch and Poole": 9.0,
            "Brighton and Hove": 12.0,
            "Kirklees": 12.0,
            "Leeds": 13.0,
            "Milton Keynes": 18.0,
            "Portsmouth": 8.0,
            "Reading": 11.0,
            "Sheffield": 8.0,
            "Southend-on-Sea": 11.0,
        },
        "rank": 26,
        "rank_of": 151,
        "quartile": "A",
    },
    # higher is better: average Attainment 8 score 2024/25
    ("ks4-attainment8", HERTS): {
        "period": "2024/25",
        "own": 50.6,
        "neighbours": {
            "Oxfordshire": 46.4,
            "Buckinghamshire": 53.4,
            "Cambridgeshire": 48.1,
            "Bracknell Forest": 46.9,
            "West Sussex": 46.2,
            "Bromley": 50.4,
            "Hampshire": 45.5,
            "Trafford": 57.9,
            "Gloucestershire": 50.3,
            "West Berkshire": 48.0,
        },
        "rank": 23,
        "rank_of": 152,
        "quartile": "A",
    },
    ("ks4-attainment8", BRISTOL): {
        "period": "2024/25",
        "own": 46.4,
        "neighbours": {
            "Barnet": 56.7,
            "Bournemouth, Christchurch and Poole": 50.5,
            "Brighton and Hove": 46.2,
            "Kirklees": 46.4,
            "Leeds": 45.5,
            "Milton Keynes": 44.2,
            "Portsmouth": 39.5,
            "Reading": 50.2,
            "Sheffield": 43.2,
            "Southend-on-Sea": 52.2,
        },
        "rank": 60,
        "rank_of": 152,
        "quartile": "B",
    },
}
#: The hand averages: sum of the ten values above divided by ten, written out.
HAND_AVERAGES = {
    ("cla-three-plus-placements", HERTS): 118.0 / 10,  # 16+10+11+14+11+11+15+6+12+12 = 118 → 11.8
    ("cla-three-plus-placements", BRISTOL): 112.0 / 10,  # 10+9+12+12+13+18+8+11+8+11 = 112 → 11.2
    ("ks4-attainment8", HERTS): 493.1 / 10,  # 46.4+53.4+48.1+46.9+46.2+50.4+45.5+57.9+50.3+48.0 = 493.1 → 49.31
    ("ks4-attainment8", BRISTOL): 474.6 / 10,  # 56.7+50.5+46.2+46.4+45.5+44.2+39.5+50.2+43.2+52.2 = 474.6 → 47.46
}


@pytest.fixture(autouse=True)
def _configured(seeded_sqlite: Database) -> None:
    data_access.configure(seeded_sqlite.url)


def _by_hand_rank(indicator: str, period: str, area: str, lower_is_better: bool) -> tuple[int, int, str]:
    """Rank = 1 + the number of councils with a strictly better value (ties share the lower rank);
    quartile cut points are the 25/50/75% quantiles of all councils' values (R type 7), a value on a
    cut point falling in the lower-valued band; A is the best quarter."""
    frame = reads.series(indicator, reads.areas(levels=["county", "unitary"])["code"].tolist(), period_labels=[period])
    values = {code: float(value) for code, value in zip(frame["area_code"], frame["value"], strict=True) if not pd.isna(value)}
    own = values[area]
    better = sum(1 for v in values.values() if (v < own if lower_is_better else v > own))
    q1, q2, q3 = statistics.quantiles(sorted(values.values()), n=4, method="inclusive")
    position = 0 if own <= q1 else 1 if own <= q2 else 2 if own <= q3 else 3
    band = "ABCD"[position] if lower_is_better else "ABCD"[3 - position]
    return better + 1, len(values), band


@pytest.mark.parametrize("indicator,area", list(HAND))
def test_neighbour_average_and_rank_match_the_hand_working(indicator: str, area: str) -> None:
    hand = HAND[(indicator, area)]
    assert sum(hand["neighbours"].values()) / 10 == pytest.approx(HAND_AVERAGES[(indicator, area)])
    chart = view.build({"area": area, "indicator": indicator})
    assert chart.period == hand["period"]
    rows = chart.chart_rows.set_index("area_name")
    own_area = reads.area(area)
    assert own_area is not None
    assert float(rows["value"].loc[own_area["name"]]) == hand["own"]
    assert {n: float(rows["value"].loc[n]) for n in hand["neighbours"]} == hand["neighbours"]
    assert chart.average == pytest.approx(HAND_AVERAGES[(indicator, area)])
    assert chart.n_average == 10
    lower_is_better = indicator == "cla-three-plus-placements"
    assert _by_hand_rank(indicator, hand["period"], area, lower_is_better) == (hand["rank"], hand["rank_of"], hand["quartile"])
    assert chart.rank is not None
    assert chart.rank["rank"] == hand["rank"]
    assert chart.rank["rank_of"] == hand["rank_of"]
    assert chart.rank["quartile"] == hand["quartile"]
    # the same numbers in the time-series table's latest row
    latest = chart.table.iloc[0]
    assert latest["period"] == hand["period"]
    assert latest["average_of"] == "10 of 10"
    assert latest["rank"].startswith(f"{hand['rank']}") and latest["rank"].endswith(f"of {hand['rank_of']}")


def test_sentence_words_value_average_and_rank() -> None:
    chart = view.build({"area": HERTS, "indicator": "ks4-attainment8"})
    assert chart.text.summary.startswith(
        "In 2024/25 Hertfordshire's score, 50.6, was higher than its statistical neighbours' average, 49.3 "
        "(all ten neighbours had a value), and ranked 23rd of 152 councils (quartile A"
    )
    # no published CI for Attainment 8: not tested, compared by quartile instead
    assert "not tested for significance" in chart.text.summary
    assert "Statistical neighbours (average of 10): 49.3" in [t.name for t in chart.figure.data]


def test_better_or_worse_only_where_a_test_is_meaningful() -> None:
    # Bristol's 8% (DfE prints whole numbers) has a 95% CI (from count and denominator) clear of the average 11.2%: a test, lower is better
    bristol = view.build({"area": BRISTOL, "indicator": "cla-three-plus-placements"})
    assert "was significantly better than its statistical neighbours' average, 11%" in bristol.text.summary
    # no polarity: higher/lower and not ranked
    rate = view.build({"area": HERTS, "indicator": "cla-rate"})
    assert "better than" not in rate.text.summary and "worse than" not in rate.text.summary
    assert "lower than its statistical neighbours' average" in rate.text.summary
    assert "not ranked" in rate.text.summary


def test_sentence_for_rates_uses_the_unit() -> None:
    meta = {
        "value_type": "rate_per_10000",
        "unit": "per 10,000 children aged under 18",
        "decimals": 0,
        "polarity": "lower_better",
    }
    text = view.indicator_sentence("Hertfordshire", "2024/25", meta, 36, None, 41, 10, 23, 153, "A", "county", "Not compared")
    assert text.startswith(
        "In 2024/25 Hertfordshire's rate, 36 per 10,000 children aged under 18, was lower than its "
        "statistical neighbours' average, 41 per 10,000 children aged under 18 (all ten neighbours had a value), "
        "and ranked 23rd of 153 councils"
    )


def test_missing_neighbour_is_shown_as_missing_never_zero(monkeypatch) -> None:
    original = reads.series

    def with_a_gap(indicator_id, area_codes=None, **kwargs):
        frame = original(indicator_id, area_codes, **kwargs)
        hit = (frame["area_code"] == "E10000025") & (frame["period_label"] == "2024-25")  # Oxfordshire suppressed
        frame.loc[hit, "value"] = None
        frame.loc[hit, "status"] = "c"
        return frame

    monkeypatch.setattr(reads, "series", with_a_gap)
    chart = view.build({"area": HERTS, "indicator": "cla-three-plus-placements"})
    rows = chart.chart_rows.set_index("area_name")
    assert pd.isna(rows["value"].loc["Oxfordshire"]) and rows["status"].loc["Oxfordshire"] == "c"
    assert rows.index[-1] == "Oxfordshire"  # missing rows go last, with no bar
    bars = [x for t in chart.figure.data if t.type == "bar" for x in t.x]
    assert 0 not in bars and len(bars) == 10
    assert any("Oxfordshire: c – suppressed" in n and "not as zero" in n for n in chart.text.notes)
    assert any("no bar: c – suppressed" in a.text for a in chart.figure.layout.annotations)


def test_model_2021_selects_the_2021_neighbours() -> None:
    q2025 = view.build({"area": HERTS, "indicator": "cla-three-plus-placements"})
    q2021 = view.build({"area": HERTS, "indicator": "cla-three-plus-placements", "model": "2021"})
    assert "May 2025 model" in q2025.text.subtitle and "April 2021 model" in q2021.text.subtitle
    names2021 = set(q2021.chart_rows["area_name"]) - {"Hertfordshire"}
    assert names2021 == set(reads.statistical_neighbours(HERTS, model="2021")["name"])
    assert q2021.data["neighbour_model"].eq("2021").all()


@pytest.mark.parametrize(
    "query,words",
    [
        ({"area": "NOPE"}, "There is no area with the code “NOPE”"),
        ({"area": HERTS, "indicator": "no-such"}, "There is no indicator called “no-such”"),
        ({"area": HERTS, "model": "1999"}, "There is no statistical-neighbour model “1999”"),
        ({"area": "E92000001"}, "is not a council"),
    ],
)
def test_unknown_inputs_are_view_not_found(query: dict, words: str) -> None:
    with pytest.raises(ViewNotFound) as caught:
        view.build(query)
    assert words in caught.value.message


def test_district_explains_and_links_to_its_county() -> None:
    with pytest.raises(ViewNotFound) as caught:
        view.build({"area": "E07000243"})  # Stevenage
    assert "Stevenage is a district council" in caught.value.message
    assert ("Hertfordshire's statistical neighbours", f"/neighbours?area={HERTS}") in caught.value.links


def test_scorecard_groups_by_plan_then_topic_with_average_rank_and_direction() -> None:
    card = view.build({"area": HERTS})
    rows = card.rows
    assert card.key == "neighbours-scorecard"
    assert len(rows) >= 400  # every indicator with a Hertfordshire value
    assert list(dict.fromkeys(rows["group"]))[0].startswith("Be ")  # Outcome Bees outcomes first
    mine = rows.set_index("indicator_id")
    assert mine.loc["cla-three-plus-placements", "neighbour_average"] == pytest.approx(11.8)
    assert mine.loc["cla-three-plus-placements", "rank"] == 78
    assert mine.loc["cla-three-plus-placements", "quartile"] == "C"
    assert mine.loc["ks4-attainment8", "rank"] == 23 and mine.loc["ks4-attainment8", "neighbour_average"] == pytest.approx(49.31)
    assert mine.loc["cla-three-plus-placements", "direction"] == "Getting worse"  # 9% (2023-24) → 11% (2024-25), lower is better
    assert mine.loc["cla-rate", "quartile"] == "not ranked"
    # CSV data names the neighbour average the same way everywhere
    assert "Statistical neighbours (average of 10)" in set(card.data["neighbour_average_label"])


def test_scorecard_for_another_council_groups_by_topic() -> None:
    card = view.build({"area": BRISTOL})
    assert card.rows["framework"].isna().all()
    assert "grouped by topic" in card.text.subtitle


def test_scorecard_sorts() -> None:
    rows = view.build({"area": HERTS}).rows
    best = view.sort_scorecard(rows, "rank")
    shares = (best["rank"].astype(float) / best["rank_of"].astype(float)).dropna().tolist()
    assert shares == sorted(shares)
    assert best["rank"].isna().tolist() == sorted(best["rank"].isna().tolist())  # unranked last
    by_name = view.sort_scorecard(rows, "name")["indicator_name"].str.lower().tolist()
    assert by_name == sorted(by_name)


def test_registered_for_exports_packs_embeds_and_slides() -> None:
    page, views = views_from_url(f"/neighbours?area={HERTS}&indicator=cla-three-plus-placements")
    assert page == "neighbours" and views[0].key == "neighbours"
    assert build_views("neighbours", {"area": HERTS})[0].key == "neighbours-scorecard"


def test_same_numbers_on_postgres_and_sqlite(seeded_db: Database) -> None:
    data_access.configure(seeded_db.url)
    chart = view.build({"area": HERTS, "indicator": "cla-three-plus-placements"})
    assert chart.average == pytest.approx(11.8)
    assert chart.rank == {"area_code": HERTS, "rank": 78, "rank_of": 151, "quartile": "C", "reason": ""}


def test_presentation_slides_for_both_states() -> None:
    from views.slides import slides_for

    slides = slides_for(
        [f"/neighbours?area={HERTS}&indicator=cla-three-plus-placements", f"/neighbours?area={HERTS}", "/neighbours?area=NOPE"]
    )
    assert [s.key for s in slides] == ["neighbours", "neighbours-scorecard", None]
    assert slides[2].problem is not None and "There is no area with the code" in slides[2].problem


def test_point_in_time_periods_read_at_and_table_headers_carry_the_unit() -> None:
    chart = view.build({"area": HERTS, "indicator": "cla-rate"})
    assert chart.text.summary.startswith("At 31 March 2025 Hertfordshire's rate, 36 per 10,000 children aged under 18,")
    headers = dict(chart.table_columns)
    assert headers["council"] == "Hertfordshire (per 10,000 children aged under 18)"
    assert chart.table.iloc[0]["council"] == "36"  # the number alone in the cell


@pytest.mark.parametrize(
    ("raw", "page"), [(None, 1), ("", 1), ("2", 2), ("all", None), ("ALL", None), ("0", 1), ("-3", 1), ("two", 1)]
)
def test_page_parameter_is_forgiving(raw: str | None, page: int | None) -> None:
    assert view.parse_page(raw) == page


def test_scorecard_pages_slice_the_sorted_table_and_clamp() -> None:
    table = pd.DataFrame({"n": range(1, 124)})
    first = view.scorecard_page(table, 1, size=50)
    assert (first.page, first.pages, first.first_row, first.last_row, first.total) == (1, 3, 1, 50, 123)
    last = view.scorecard_page(table, 99, size=50)  # past the end: the last page
    assert (last.page, last.first_row, last.last_row) == (3, 101, 123) and last.rows["n"].tolist() == list(range(101, 124))
    every = view.scorecard_page(table, None, size=50)
    assert every.page is None and len(every.rows) == 123
    small = view.scorecard_page(table.head(7), 2, size=50)
    assert (small.page, small.pages, len(small.rows)) == (1, 1, 7)


def test_page_is_in_the_url_only_for_the_scorecard_and_not_page_one() -> None:
    q = view.parse_query({"area": HERTS, "page": "3", "sort": "rank"})
    assert q.to_query() == {"area": HERTS, "sort": "rank", "page": "3"}
    assert view.parse_query({"area": HERTS, "page": "all"}).to_query() == {"area": HERTS, "page": "all"}
    assert view.parse_query({"area": HERTS, "page": "1"}).to_query() == {"area": HERTS}


def test_exports_keep_every_scorecard_row_whatever_the_page() -> None:
    chart = view.build({"area": HERTS, "page": "2"})
    assert len(chart.table) == len(chart.data) > view.SCORECARD_PAGE_SIZE
