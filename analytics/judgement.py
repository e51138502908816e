"""One judgement per (indicator, area, period, benchmark): the verdict, the rank and the quartile.

Why one function: cards, the area profile, the scorecard, compare, trends, exports and the API
each used to rank and compare in their own way, so one indicator could be "3rd of 151, quartile
A" on a card and "not ranked" on the profile. Every page now asks ``judge`` (or ``rank_in`` for
the rank alone), which applies the rank rules below and the Fingertips comparison
(``analytics.compare.compare_to_benchmark``) with the INDICATOR's polarity. A plan measure's
intended direction is a target (``analytics.targets``), never the indicator's polarity.

The rank rules (``RANK_RULE`` is the sentence users read):

* only indicators where higher or lower is better are ranked (no best end, no rank);
* counts are never ranked: a count grows with the area's size; the per-population measure is
  ranked instead;
* measures DfE's LAIT marks ``No_Quartile`` in its data dictionary are not banded or ranked;
* only periods where at least three quarters of the areas of that level have a value
  (``MIN_COVERAGE``): "1st of 1" is not a rank;
* ties share the lower rank number (LAIT's ``ties = "min"``), and the quartile band follows the
  rank (A is the best quarter of the areas ranked), so a band always agrees with its rank;
* a value more than ``MAX_AGE_YEARS`` years old is "dated": it keeps its rank, but a scorecard's
  headline counts only current values.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from analytics.ci import as_number, ci_for
from analytics.compare import NOT_COMPARED, compare_to_benchmark, normalise_polarity

QUARTILE_BANDS = ("A", "B", "C", "D")
#: Share of the areas of a level that must have a value for a period before any is ranked.
MIN_COVERAGE = 0.75
#: A latest value older than this (years from the period's end to today) is "dated".
MAX_AGE_YEARS = 3
NOT_RANKED = "not ranked"
RANKED_POLARITIES = frozenset({"higher_better", "lower_better"})
#: Which areas an area is ranked among: a council among every upper-tier council (153), a
#: district among every lower-tier area (shire districts and unitaries, 296).
RANK_LEVELS: dict[str, tuple[str, ...]] = {
    "county": ("county", "unitary"),
    "unitary": ("county", "unitary"),
    "district": ("district", "unitary"),
}

#: Why an area is not ranked (each completes "Not ranked: …").
NO_POLARITY = "neither higher nor lower is better"
IS_COUNT = "a count depends on the size of the area; its rate is ranked instead"
LAIT_NO_QUARTILE = "DfE's LAIT does not band this measure (No_Quartile)"
LOW_COVERAGE = "too few areas have a value for this period"
NO_VALUE = "no published value for this period"

RANK_RULE = (
    "Ranks and quartile bands are given only where higher or lower is better, never for counts (the rate is ranked "
    "instead), not for measures DfE's LAIT marks as having no quartile, and only for periods when at least three "
    "quarters of the areas of that level have a value. Rank 1 is the best; ties share a rank; the quartile band "
    "follows the rank, A being the best quarter of the areas ranked. Values more than three years old are shown as "
    "dated and are not counted in the scorecard's headline."
)


@dataclass(frozen=True)
class Rank:
    """One area's place among the areas of its level for one indicator and period.

    ``rank``/``quartile`` are None when not ranked, and ``reason`` says why ("" when ranked).
    ``rank_of`` is how many areas had a value (what the rank is "of")."""

    rank: int | None
    rank_of: int
    quartile: str | None
    reason: str = ""

    @property
    def ranked(self) -> bool:
        return self.rank is not None

    @property
    def quartile_text(self) -> str:
        """The band, or "not ranked" (the scorecard's and exports' quartile column)."""
        return self.quartile if self.quartile is not None else NOT_RANKED

    def not_ranked_text(self) -> str:
        """ "Not ranked: neither higher nor lower is better" (empty when ranked)."""
        return "" if self.ranked else f"Not ranked: {self.reason}" if self.reason else "Not ranked"


@dataclass(frozen=True)
class Judgement:
    """The verdict against one benchmark plus the rank among the areas of the level."""

    verdict: str
    benchmark_value: float | None
    rank: Rank


def rank_refusal(polarity: str | None, value_type: str | None, no_quartile: bool = False) -> str:
    """Why an indicator is never ranked, whatever its values ("" when it may be)."""
    if normalise_polarity(polarity) not in RANKED_POLARITIES:
        return NO_POLARITY
    if str(value_type or "").strip().lower() == "count":
        return IS_COUNT
    if no_quartile:
        return LAIT_NO_QUARTILE
    return ""


def enough_coverage(n_with_value: int, n_areas: int | None) -> bool:
    """At least ``MIN_COVERAGE`` of the ``n_areas`` areas of the level have a value (an unknown
    ``n_areas`` asks for at least four values, so a band can mean a quarter)."""
    if n_areas is None or n_areas <= 0:
        return n_with_value >= 4
    return n_with_value >= max(4, math.ceil(MIN_COVERAGE * n_areas))


def band_for(rank: int, rank_of: int) -> str:
    """The quartile band of a rank: A for the best quarter of the ``rank_of`` areas ranked."""
    position = min(3, (4 * (rank - 1)) // max(rank_of, 1))
    return QUARTILE_BANDS[position]


def _numbers(values: Iterable[Any]) -> list[float]:
    return [n for n, _ in (as_number(v) for v in values) if n is not None and not math.isnan(n)]


def rank_in(
    values: Iterable[Any],
    value: Any,
    polarity: str | None,
    *,
    value_type: str | None = None,
    no_quartile: bool = False,
    n_areas: int | None = None,
) -> Rank:
    """The rank of ``value`` among ``values`` (every area of the level that period, ``value``
    included), under the rank rules; ``n_areas`` is how many areas the level has."""
    present = _numbers(values)
    refusal = rank_refusal(polarity, value_type, no_quartile)
    number, _ = as_number(value)
    if refusal:
        return Rank(None, len(present), None, refusal)
    if number is None or math.isnan(number):
        return Rank(None, len(present), None, NO_VALUE)
    if not enough_coverage(len(present), n_areas):
        return Rank(None, len(present), None, f"{LOW_COVERAGE} ({len(present)} of {n_areas or '?'})")
    low_is_good = normalise_polarity(polarity) == "lower_better"
    better = sum(1 for n in present if (n < number if low_is_good else n > number))
    rank = better + 1
    return Rank(rank, len(present), band_for(rank, len(present)))


def rank_all(
    values: Mapping[str, Any],
    polarity: str | None,
    *,
    value_type: str | None = None,
    no_quartile: bool = False,
    n_areas: int | None = None,
) -> dict[str, Rank]:
    """``rank_in`` for every area of one period at once (area code → Rank), in one sort."""
    numbers = {code: as_number(v)[0] for code, v in values.items()}
    present = sorted(n for n in numbers.values() if n is not None and not math.isnan(n))
    refusal = rank_refusal(polarity, value_type, no_quartile)
    covered = enough_coverage(len(present), n_areas)
    low_is_good = normalise_polarity(polarity) == "lower_better"
    ordered = present if low_is_good else present[::-1]
    first_at: dict[float, int] = {}
    for position, n in enumerate(ordered, start=1):
        first_at.setdefault(n, position)
    out: dict[str, Rank] = {}
    for code, number in numbers.items():
        if refusal:
            out[code] = Rank(None, len(present), None, refusal)
        elif number is None or math.isnan(number):
            out[code] = Rank(None, len(present), None, NO_VALUE)
        elif not covered:
            out[code] = Rank(None, len(present), None, f"{LOW_COVERAGE} ({len(present)} of {n_areas or '?'})")
        else:
            rank = first_at[number]
            out[code] = Rank(rank, len(present), band_for(rank, len(present)))
    return out


def judge(
    value: Any,
    lower: Any,
    upper: Any,
    benchmark_value: Any,
    polarity: str | None,
    rank: Rank | None = None,
    *,
    is_benchmark_area: bool = False,
) -> Judgement:
    """THE judgement of one value against one benchmark: the Fingertips verdict with the
    indicator's polarity (never a plan's intended direction) and the rank under the rank rules."""
    label = verdict(value, lower, upper, benchmark_value, polarity, is_benchmark_area=is_benchmark_area)
    bench, _ = as_number(benchmark_value)
    return Judgement(label, bench, rank if rank is not None else Rank(None, 0, None, NO_VALUE))


def verdict(
    value: Any, lower: Any, upper: Any, benchmark_value: Any, polarity: str | None, *, is_benchmark_area: bool = False
) -> str:
    """The verdict alone (``judge`` without the rank), as cheaply as the loader needs it for half
    a million values: without both interval limits or a benchmark there is no test to make
    (``compare_to_benchmark``'s own rule), so the call is skipped."""
    if benchmark_value is None or lower is None or upper is None:
        return NOT_COMPARED
    return compare_to_benchmark(value, lower, upper, benchmark_value, polarity, is_benchmark_area=is_benchmark_area)


def is_dated(period_end: date | None, today: date | None = None) -> bool:
    """True when the period ended more than ``MAX_AGE_YEARS`` years before ``today``."""
    if period_end is None:
        return False
    today = today or date.today()
    try:
        limit = today.replace(year=today.year - MAX_AGE_YEARS)
    except ValueError:  # 29 February
        limit = today.replace(year=today.year - MAX_AGE_YEARS, day=28)
    return period_end < limit


def headline_counts(ranks: Sequence[Rank], dated: Sequence[bool]) -> dict[str, int]:
    """Quartile counts for a scorecard's headline: ranked AND current values only."""
    counts = {band: 0 for band in QUARTILE_BANDS}
    for found, old in zip(ranks, dated):
        if found.quartile is not None and not old:
            counts[found.quartile] += 1
    return counts


def period_end(sort_key: Any) -> date | None:
    """The end date a period's sort key encodes (``analytics.periods``: yyyymmdd of its end)."""
    number, _ = as_number(sort_key)
    if number is None or math.isnan(number) or number <= 0:
        return None
    key = int(number)
    try:
        return date(key // 10000, (key // 100) % 100, key % 100)
    except ValueError:
        return None


def interval(value: Any, lower: Any, upper: Any, value_type: str, count: Any, denominator: Any) -> tuple[Any, Any]:
    """The 95% CI a verdict tests with: the published one, else one computed from the published
    count and denominator where ``analytics.ci`` has a method (the rule the pages use)."""
    if (as_number(lower)[0] is None or as_number(upper)[0] is None) and as_number(value)[0] is not None:
        if as_number(count)[0] is not None:
            result = ci_for(value_type, count, denominator, level=95)
            if result.lower is not None:
                return result.lower, result.upper
    return lower, upper
