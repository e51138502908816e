"""The rank rules of ``analytics.judgement``: polarity, counts, LAIT's No_Quartile, coverage,
quartile agrees with rank, staleness; and the one judgement (verdict + rank)."""

from __future__ import annotations

from datetime import date

import pytest

from analytics import judgement as j
from analytics.compare import BETTER, NOT_COMPARED, SIMILAR, WORSE

VALUES = [float(v) for v in range(1, 21)]  # 20 areas, all with a value


def test_higher_is_better_ranks_the_highest_first_with_band_a() -> None:
    found = j.rank_in(VALUES, 20.0, "higher_better", value_type="percentage", n_areas=20)
    assert (found.rank, found.rank_of, found.quartile, found.reason) == (1, 20, "A", "")
    worst = j.rank_in(VALUES, 1.0, "higher_better", value_type="percentage", n_areas=20)
    assert (worst.rank, worst.quartile) == (20, "D")


def test_lower_is_better_ranks_the_lowest_first() -> None:
    found = j.rank_in(VALUES, 1.0, "lower_better", value_type="rate", n_areas=20)
    assert (found.rank, found.quartile) == (1, "A")


@pytest.mark.parametrize("polarity", ["no_judgement", "ambiguous", None, "BOB - Blue orange blue"])
def test_no_polarity_no_rank(polarity: str | None) -> None:
    found = j.rank_in(VALUES, 5.0, polarity, value_type="percentage", n_areas=20)
    assert found.rank is None and found.quartile is None
    assert found.reason == j.NO_POLARITY
    assert found.not_ranked_text() == "Not ranked: neither higher nor lower is better"
    assert found.quartile_text == j.NOT_RANKED


def test_counts_are_never_ranked() -> None:
    found = j.rank_in(VALUES, 5.0, "lower_better", value_type="count", n_areas=20)
    assert found.rank is None and found.reason == j.IS_COUNT
    assert "rate is ranked instead" in found.not_ranked_text()


def test_lait_no_quartile_is_not_ranked() -> None:
    found = j.rank_in(VALUES, 5.0, "higher_better", value_type="score", no_quartile=True, n_areas=20)
    assert found.rank is None and found.reason == j.LAIT_NO_QUARTILE


def test_coverage_needs_three_quarters_of_the_areas_of_the_level() -> None:
    # 15 of 20 have a value: exactly three quarters, ranked
    assert j.rank_in(VALUES[:15], 15.0, "higher_better", value_type="percentage", n_areas=20).rank == 1
    # 14 of 20: not ranked, and the reason gives the figures
    short = j.rank_in(VALUES[:14], 14.0, "higher_better", value_type="percentage", n_areas=20)
    assert short.rank is None and short.reason == f"{j.LOW_COVERAGE} (14 of 20)"
    # the Hertfordshire artefact: "1st of 1, quartile D" is now not ranked
    alone = j.rank_in([7.0], 7.0, "higher_better", value_type="percentage", n_areas=153)
    assert alone.rank is None and alone.quartile is None and alone.rank_of == 1


def test_missing_value_is_not_ranked_and_not_pushed_to_the_bottom() -> None:
    found = j.rank_in([*VALUES, None], None, "higher_better", value_type="percentage", n_areas=21)
    assert found.rank is None and found.reason == j.NO_VALUE and found.rank_of == 20


def test_ties_share_the_lower_rank_and_the_same_band() -> None:
    values = [10.0, 10.0, 9.0, 8.0, 7.0, 6.0, 5.0, 4.0]
    table = j.rank_all(dict(zip("abcdefgh", values)), "higher_better", value_type="percentage", n_areas=8)
    assert (table["a"].rank, table["b"].rank, table["c"].rank) == (1, 1, 3)
    assert table["a"].quartile == table["b"].quartile == "A"


@pytest.mark.parametrize("n", [4, 5, 7, 10, 151, 153, 296])
def test_quartile_always_agrees_with_rank(n: int) -> None:
    values = {f"E{i:03d}": float(i % 17) for i in range(n)}  # many ties
    table = j.rank_all(values, "lower_better", value_type="rate", n_areas=n)
    order = "ABCD"
    ranked = sorted((r.rank, order.index(r.quartile)) for r in table.values() if r.rank is not None and r.quartile)
    assert len(ranked) == n
    # a better (smaller) rank never has a worse band, and each band is the rank's quarter
    assert all(b1 <= b2 for (_, b1), (_, b2) in zip(ranked, ranked[1:]))
    for rank, band in ranked:
        assert band == min(3, 4 * (rank - 1) // n)


def test_rank_all_and_rank_in_agree() -> None:
    values = {f"E{i}": v for i, v in enumerate([3.0, 1.0, None, 2.0, 5.0, 5.0, 8.0, 0.5])}
    table = j.rank_all(values, "higher_better", value_type="percentage", n_areas=8)
    for code, value in values.items():
        assert table[code] == j.rank_in(values.values(), value, "higher_better", value_type="percentage", n_areas=8)


def test_staleness_three_years() -> None:
    today = date(2026, 12, 6)
    assert not j.is_dated(date(2025, 3, 31), today)
    assert not j.is_dated(date(2023, 12, 6), today)
    assert j.is_dated(date(2023, 8, 31), today)
    assert j.is_dated(date(2006, 3, 31), today)
    assert not j.is_dated(None, today)
    assert j.period_end(20250331) == date(2025, 3, 31)
    assert j.period_end(0) is None


def test_headline_counts_only_ranked_current_values() -> None:
    ranked_a = j.Rank(1, 150, "A")
    ranked_d = j.Rank(150, 150, "D")
    unranked = j.Rank(None, 1, None, j.LOW_COVERAGE)
    counts = j.headline_counts([ranked_a, ranked_d, ranked_d, unranked], [False, False, True, False])
    assert counts == {"A": 1, "B": 0, "C": 0, "D": 1}


def test_judge_uses_the_given_polarity_and_carries_the_rank() -> None:
    rank = j.rank_in(VALUES, 3.0, "lower_better", value_type="rate", n_areas=20)
    lower_is_better = j.judge(22.1, 20.0, 24.0, 40.6, "lower_better", rank)
    assert lower_is_better.verdict == BETTER and lower_is_better.rank.rank == 3
    assert j.judge(50.0, 45.0, 55.0, 40.6, "lower_better").verdict == WORSE
    assert j.judge(41.0, 39.0, 43.0, 40.6, "lower_better").verdict == SIMILAR
    assert j.judge(22.1, None, None, None, "lower_better").verdict == NOT_COMPARED


def test_rank_rule_sentence_states_every_rule() -> None:
    words = j.RANK_RULE.lower()
    for part in ("higher or lower is better", "counts", "no quartile", "three quarters", "three years"):
        assert part in words
