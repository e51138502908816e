"""Gaps between two groups (e.g. disadvantaged vs others) and per cent change over time.

Why: a gap between two percentages is a difference in PERCENTAGE POINTS; reporting it as
"per cent" is the commonest error in board papers, so the unit travels with the number.
Whether a gap is statistically real needs an interval for the difference:

* two proportions with counts: Newcombe's hybrid score interval (Newcombe 1998, method
  10), built from each group's Wilson interval - good coverage at small counts, and it is
  the interval PHE/OHID recommend for differences between proportions;
* other values with both confidence intervals: the MOVER "square root of the sum of
  squares" combination of the two intervals' arms (Newcombe's construction applied to any
  pair of independent intervals). It assumes the groups are independent - it is an
  approximation and the note says so;
* otherwise the difference is reported with ``significant = None`` ("not tested").
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from analytics.ci import CIResult, as_number, wilson_ci

NEWCOMBE = "newcombe hybrid score (method 10)"
MOVER = "square root of sum of squares of CI arms (MOVER, independent groups)"
NOT_TESTED = "not tested"

_UNITS = {
    "percentage": "percentage points",
    "percent": "percentage points",
    "proportion": "proportion",
    "rate_per_1000": "per 1,000",
    "rate_per_10000": "per 10,000",
    "rate_per_100000": "per 100,000",
    "count": "number",
    "days": "days",
    "weeks": "weeks",
    "currency": "£",
}


@dataclass(frozen=True)
class GapResult:
    """Difference a - b in the measure's own unit, with an interval when one can be justified."""

    difference: float | None
    unit_label: str
    lower: float | None
    upper: float | None
    method: str
    significant: bool | None
    note: str | None = None


@dataclass(frozen=True)
class PercentChange:
    """Relative change (new - old) / old x 100, always labelled "per cent"."""

    value: float | None
    unit_label: str = "per cent"
    reason: str | None = None

    @property
    def text(self) -> str:
        if self.value is None:
            return f"not calculated ({self.reason})"
        return f"{self.value:+.1f} per cent"


def unit_label_for(value_type: str) -> str:
    """Unit a difference is expressed in; scores and averages are "points"."""
    return _UNITS.get((value_type or "").strip().lower(), "points")


def _limits(ci: Any) -> tuple[float | None, float | None]:
    if ci is None:
        return None, None
    if isinstance(ci, CIResult):
        return ci.lower, ci.upper
    lower, upper = ci
    return as_number(lower)[0], as_number(upper)[0]


def newcombe_difference(
    count_a: Any, denom_a: Any, count_b: Any, denom_b: Any, level: float = 95
) -> tuple[float, float, float] | str:
    """(p_a - p_b, lower, upper) as proportions, or the reason it cannot be computed."""
    ci_a = wilson_ci(count_a, denom_a, level=level, multiplier=1)
    ci_b = wilson_ci(count_b, denom_b, level=level, multiplier=1)
    if not ci_a.available:
        return f"group a: {ci_a.reason}"
    if not ci_b.available:
        return f"group b: {ci_b.reason}"
    p_a = float(count_a) / float(denom_a)
    p_b = float(count_b) / float(denom_b)
    assert ci_a.lower is not None and ci_a.upper is not None and ci_b.lower is not None and ci_b.upper is not None
    d = p_a - p_b
    lower = d - math.sqrt((p_a - ci_a.lower) ** 2 + (ci_b.upper - p_b) ** 2)
    upper = d + math.sqrt((ci_a.upper - p_a) ** 2 + (p_b - ci_b.lower) ** 2)
    return d, lower, upper


def gap(
    value_a: Any,
    value_b: Any,
    value_type: str,
    *,
    count_a: Any = None,
    denom_a: Any = None,
    count_b: Any = None,
    denom_b: Any = None,
    ci_a: Any = None,
    ci_b: Any = None,
) -> GapResult:
    """Gap a - b in the value's unit (percentage points for percentages, never per cent).

    ``ci_a``/``ci_b`` are CIResult or (lower, upper) 95% intervals in the value's unit.
    """
    unit = unit_label_for(value_type)
    a, a_why = as_number(value_a)
    b, b_why = as_number(value_b)
    if a is None or b is None:
        why = f"value a {a_why}" if a is None else f"value b {b_why}"
        return GapResult(None, unit, None, None, NOT_TESTED, None, f"gap not calculated: {why}")
    difference = a - b
    kind = (value_type or "").strip().lower()
    counts = [as_number(v)[0] for v in (count_a, denom_a, count_b, denom_b)]
    if kind in {"percentage", "percent", "proportion"} and all(v is not None for v in counts):
        scale = 100.0 if kind != "proportion" else 1.0
        result = newcombe_difference(count_a, denom_a, count_b, denom_b)
        if isinstance(result, tuple):
            d, lower, upper = result
            note = None
            if not math.isclose(d * scale, difference, abs_tol=0.1 if scale == 100 else 0.001):
                note = (
                    f"published values differ from count/denominator ({d * scale:.2f} vs {difference:.2f}); "
                    "interval is for the counts"
                )
            significant = lower > 0 or upper < 0
            return GapResult(difference, unit, lower * scale, upper * scale, NEWCOMBE, significant, note)
        return GapResult(difference, unit, None, None, NOT_TESTED, None, f"not tested: {result}")
    lo_a, hi_a = _limits(ci_a)
    lo_b, hi_b = _limits(ci_b)
    if None not in (lo_a, hi_a, lo_b, hi_b):
        assert lo_a is not None and hi_a is not None and lo_b is not None and hi_b is not None
        lower = difference - math.sqrt((a - lo_a) ** 2 + (hi_b - b) ** 2)
        upper = difference + math.sqrt((hi_a - a) ** 2 + (b - lo_b) ** 2)
        return GapResult(
            difference,
            unit,
            lower,
            upper,
            MOVER,
            lower > 0 or upper < 0,
            "approximate: combines the two published intervals assuming independent groups",
        )
    return GapResult(
        difference, unit, None, None, NOT_TESTED, None, "not tested: no counts or confidence intervals for both groups"
    )


def percent_change(old: Any, new: Any) -> PercentChange:
    """(new - old) / |old| x 100, in per cent; not calculated when old is 0 or missing."""
    o, o_why = as_number(old)
    n, n_why = as_number(new)
    if o is None:
        return PercentChange(None, reason=f"earlier value {o_why}")
    if n is None:
        return PercentChange(None, reason=f"later value {n_why}")
    if o == 0:
        return PercentChange(None, reason="earlier value is zero")
    return PercentChange((n - o) / abs(o) * 100)
