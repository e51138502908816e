"""Pure statistics for Outcome Bees: periods, confidence intervals, benchmark comparisons,
trends, gaps, targets and ranks. No Dash and no database imports - pages and importers
call these with plain numbers or DataFrames, and the methods match OHID Fingertips and
DfE LAIT so our answers agree with theirs (see tests/analytics/test_fingertips_agreement.py).
"""

from analytics.ci import CIResult, byars_ci, ci_for, mean_ci, wilson_ci
from analytics.compare import (
    BETTER,
    HIGHER,
    LOWER,
    NOT_COMPARED,
    SIMILAR,
    WORSE,
    compare_frame,
    compare_to_benchmark,
    comparison_sentence,
    normalise_polarity,
)
from analytics.gaps import GapResult, PercentChange, gap, percent_change
from analytics.periods import ParsedPeriod, PeriodError, parse_period, period_sort_key
from analytics.ranks import neighbour_average, rank_areas
from analytics.targets import TargetResult, assess_target
from analytics.trend import TrendResult, direction_of_travel, recent_trend

__all__ = [
    "BETTER",
    "HIGHER",
    "LOWER",
    "NOT_COMPARED",
    "SIMILAR",
    "WORSE",
    "CIResult",
    "GapResult",
    "ParsedPeriod",
    "PercentChange",
    "PeriodError",
    "TargetResult",
    "TrendResult",
    "assess_target",
    "byars_ci",
    "ci_for",
    "compare_frame",
    "compare_to_benchmark",
    "comparison_sentence",
    "direction_of_travel",
    "gap",
    "mean_ci",
    "neighbour_average",
    "normalise_polarity",
    "parse_period",
    "percent_change",
    "period_sort_key",
    "rank_areas",
    "recent_trend",
    "wilson_ci",
]
