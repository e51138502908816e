"""One judgement per (indicator, area, period, benchmark), everywhere (issue 19, item 6).

Walks every view model that shows a rank, quartile or verdict for Hertfordshire (E10000015) and
one other council (Bristol, E06000023): the cards on ``/``, the area profile, the scorecard on
``/neighbours``, ``/compare``, the API's ``rank=1`` columns, and checks each agrees with the one
function (``views.benchmarks.ranks`` → ``analytics.judgement``).
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd
import pytest

import data_access
from analytics import judgement
from analytics.codes import ENGLAND, TOTAL
from analytics.frames import frame_records
from analytics.honest import honest_comparison
from data_access import reads
from views import area as area_view
from views import benchmarks
from views import compare as compare_view
from views import neighbours as neighbours_view
from views import summary as summary_view
from views.api_stats import add_ranks

HERTS, BRISTOL = "E10000015", "E06000023"
RANKED = re.compile(r"^(\d+)(?:st|nd|rd|th) of (\d+)")
BAND = re.compile(r"quartile(?: band)? ([A-D])")


@pytest.fixture(autouse=True)
def _configured(seeded_sqlite):
    data_access.configure(seeded_sqlite.url)


def parse_rank_text(text: str) -> tuple[int | None, int | None, str | None]:
    """ "78th of 151 councils, quartile C" / "78th of 151 (quartile band C)" → (78, 151, "C");
    "not ranked: …" → (None, None, None)."""
    found = RANKED.match(text.strip())
    if not found:
        assert text == "" or text.lower().startswith("not ranked"), text
        return None, None, None
    band = BAND.search(text)
    return int(found.group(1)), int(found.group(2)), band.group(1) if band else None


def truth(periods: dict[str, str], level: str, area_code: str) -> dict[str, dict[str, Any]]:
    """The one function's answer for each indicator at its period (indicator → rank record)."""
    catalogue = reads.indicators().set_index("id")
    polarities: dict[str, str | None] = {i: str(catalogue.loc[i, "polarity"]) for i in periods if i in catalogue.index}
    table = benchmarks.ranks_at(periods, polarities, level)
    return {i: found[area_code] for i, found in table.items() if area_code in found}


def _check(view: str, indicator_id: str, shown: tuple[int | None, int | None, str | None], expected: dict[str, Any]) -> None:
    rank, rank_of, band = shown
    if expected["rank"] is None or pd.isna(expected["rank"]):
        assert rank is None, f"{view} ranks {indicator_id} ({shown}) but the one judgement does not: {expected['reason']}"
        return
    assert rank == int(expected["rank"]), (view, indicator_id, shown, expected)
    assert rank_of == int(expected["rank_of"]), (view, indicator_id, shown, expected)
    assert band is None or band == expected["quartile"], (view, indicator_id, shown, expected)
    assert band is None or band == judgement.band_for(rank, rank_of)  # a band always agrees with its rank


@pytest.mark.parametrize("code", [HERTS, BRISTOL])
def test_scorecard_profile_compare_and_api_agree(code: str) -> None:
    scorecard = neighbours_view.build({"area": code}).rows
    periods = dict(zip(scorecard["indicator_id"], scorecard["period"]))
    expected = truth(periods, "county", code)
    assert expected, "nothing to check"
    # the scorecard (its own read and rank path)
    for row in frame_records(scorecard):
        found = expected.get(row["indicator_id"])
        if found is None:
            continue
        shown_rank: int | None = None if pd.isna(row["rank"]) else int(row["rank"])
        _check(
            "scorecard",
            row["indicator_id"],
            (shown_rank, row["rank_of"] if shown_rank else None, row["quartile"] if shown_rank else None),
            found,
        )
        if shown_rank is None:
            assert row["quartile"] == benchmarks.NOT_RANKED and row["rank_reason"]
    # the area profile's rank column (every indicator, at each one's latest period)
    profile = area_view.build_profile({"_id": code}).rows
    checked = 0
    for row in frame_records(profile):
        found = expected.get(row["indicator_id"])
        if found is None or row["period_label"] != periods.get(row["indicator_id"]):
            continue
        _check("profile", row["indicator_id"], parse_rank_text(str(row["rank_text"])), found)
        checked += 1
    assert checked > 20
    # /compare and the API on a sample of ranked and unranked indicators
    sample = sorted(expected)[:: max(1, len(expected) // 12)]
    for indicator_id in sample:
        chart = compare_view.build({"indicator": indicator_id, "areas": code, "period": periods[indicator_id]})
        mine = chart.data[chart.data["area_code"] == code] if "area_code" in chart.data else pd.DataFrame()
        texts = [t for t in chart.table.get("rank", pd.Series(dtype=object)) if isinstance(t, str) and t]
        if not mine.empty and texts:
            _check("compare", indicator_id, parse_rank_text(texts[0]), expected[indicator_id])
        meta = reads.indicator(indicator_id)
        assert meta is not None
        frame = reads.series(indicator_id, [code])
        frame = frame[frame["period_label"] == periods[indicator_id]].rename(columns={"period_label": "period"})
        api = add_ranks(frame, meta)
        api = api[api["breakdown_value"] == TOTAL]
        if not api.empty:
            rank = api["rank"].iloc[0]
            _check(
                "api",
                indicator_id,
                (
                    None if rank is None else int(rank),
                    api["rank_of"].iloc[0] if rank is not None else None,
                    api["quartile"].iloc[0] if rank is not None else None,
                ),
                expected[indicator_id],
            )


def test_cards_agree_with_the_profile_and_the_scorecard() -> None:
    """Hertfordshire's cards on ``/``: the rank on a card and the verdict against England are the
    profile's and the scorecard's (the plan's intended direction is a target, not a polarity)."""
    summary = summary_view.summarise({"area": HERTS})
    measures = summary.measures
    measures = measures[
        measures["has_data"] & (measures["breakdown_value"].fillna(TOTAL) == TOTAL) & measures["indicator_id"].notna()
    ]
    periods = dict(zip(measures["indicator_id"], measures["period"]))
    expected = truth(periods, "county", HERTS)
    profile = area_view.build_profile({"_id": HERTS}).rows.drop_duplicates("indicator_id").set_index("indicator_id")
    checked = 0
    for record in measures.to_dict("records"):
        indicator_id = record["indicator_id"]
        if indicator_id in expected:
            _check("card", indicator_id, parse_rank_text(str(record["rank_text"])), expected[indicator_id])
            checked += 1
        england = next((c for c in record["comparisons"] if c["code"] == ENGLAND), None)
        if england is None or indicator_id not in profile.index or profile.loc[indicator_id, "period_label"] != record["period"]:
            continue
        assert england["label"] == profile.loc[indicator_id, "significance"], (
            indicator_id,
            england,
            profile.loc[indicator_id, "significance"],
        )
    assert checked >= 10


def test_the_cp_plan_rate_gets_one_judgement() -> None:
    """The issue's example: the CP plan rate was "3rd of 151, quartile A" on its card and "not
    ranked (no better or worse end)" on the profile. Now both say the same thing."""
    summary = summary_view.summarise({"area": HERTS})
    measures = summary.measures
    cp = measures[(measures["indicator_id"] == "cp-plan-rate") & measures["has_data"]]
    if cp.empty:
        pytest.skip("no CP plan rate card in the shipped plan")
    card = str(cp["rank_text"].iloc[0])
    profile = area_view.build_profile({"_id": HERTS}).rows
    row = profile[profile["indicator_id"] == "cp-plan-rate"].iloc[0]
    assert parse_rank_text(card) == parse_rank_text(str(row["rank_text"]))
    found = reads.indicator("cp-plan-rate")
    assert found is not None
    polarity = found["polarity"]
    if polarity not in judgement.RANKED_POLARITIES:
        assert card.startswith(benchmarks.NOT_RANKED) and judgement.NO_POLARITY in card
    # the England verdict on the card is the one the indicator's polarity gives
    england = next(c for c in cp["comparisons"].iloc[0] if c["code"] == ENGLAND)
    direct = honest_comparison(
        row["value"],
        row["lower_ci95"],
        row["upper_ci95"],
        row["england"],
        polarity,
        value_illustrative=row["value_illustrative"],
        benchmark_illustrative=row["england_illustrative"],
    )
    assert england["label"] == direct.label
