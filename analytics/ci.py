"""Confidence intervals, following the OHID/PHE conventions that Fingertips publishes.

Why these methods: the dashboard's comparisons must agree with what Fingertips shows for
the same numbers, so we use the same methods as the PHE ``PHEindicatormethods`` R package:

* proportions: Wilson score interval (``phe_proportion``), z from the normal quantile;
* rates: Byar's approximation to the Poisson interval for counts >= 10 and the exact
  Poisson interval (chi-squared quantiles) below 10 (``phe_rate``);
* means: Student's t interval (``phe_mean``).

Missing input is never treated as zero: a None/NaN/suppressed count or denominator gives
an interval with ``lower = upper = None`` and a ``reason`` a page can show.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from numbers import Real
from typing import Any

from scipy.stats import chi2, norm
from scipy.stats import t as student_t

SUPPORTED_LEVELS = (95.0, 99.8)

RATE_MULTIPLIERS = {
    "rate_per_1000": 1_000,
    "rate_per_10000": 10_000,
    "rate_per_100000": 100_000,
}

# Status symbols used for suppressed or unavailable figures (EES and Fingertips exports).
_SUPPRESSED_MARKERS = {"c", "x", "z", "k", "u", "*", "..", ":", "-", "low", "supp", "suppressed"}


@dataclass(frozen=True)
class CIResult:
    """A confidence interval; ``reason`` says why it was not computed (bounds then None)."""

    lower: float | None
    upper: float | None
    method: str
    level: float
    reason: str | None = None

    @property
    def available(self) -> bool:
        return self.lower is not None and self.upper is not None


@functools.lru_cache(maxsize=8)  # norm.ppf costs ~0.3 ms; the loader asks for it once per value
def z_value(level: float) -> float:
    """Two-sided normal quantile for a confidence level in per cent (95 -> 1.959964)."""
    return float(norm.ppf(1 - (1 - level / 100) / 2))


def _check_level(level: float) -> float:
    level = float(level)
    if not any(math.isclose(level, allowed) for allowed in SUPPORTED_LEVELS):
        raise ValueError(f"confidence level must be 95 or 99.8, not {level}")
    return level


def as_number(value: Any) -> tuple[float | None, str | None]:
    """(number, None) or (None, why-missing). Suppression markers are recognised by name."""
    if type(value) is float:  # the common case, first: the isinstance(Real) check below is slow
        return (None, "missing") if math.isnan(value) else (value, None)
    if value is None:
        return None, "missing"
    if isinstance(value, bool):
        return None, "not a number"
    if isinstance(value, Real):
        number = float(value)
        return (None, "missing") if math.isnan(number) else (number, None)
    text = str(value).strip()
    if text.lower() in _SUPPRESSED_MARKERS or "no-data" in text:
        return None, "suppressed" if text.lower() in {"c", "*", "supp", "suppressed", "low"} else "missing"
    try:
        number = float(text.replace(",", ""))
    except ValueError:
        return None, "not a number"
    return (None, "missing") if math.isnan(number) else (number, None)


def _inputs(count: Any, denominator: Any, method: str, level: float) -> tuple[float, float] | CIResult:
    """Validate count/denominator, or return the 'not computed' result explaining why."""
    c, c_why = as_number(count)
    d, d_why = as_number(denominator)
    if c is None:
        return CIResult(None, None, method, level, f"count {c_why}")
    if d is None:
        return CIResult(None, None, method, level, "no denominator" if d_why == "missing" else f"denominator {d_why}")
    if d <= 0:
        return CIResult(None, None, method, level, "denominator is zero or negative")
    if c < 0:
        return CIResult(None, None, method, level, "count is negative")
    return c, d


def wilson_ci(count: Any, denominator: Any, level: float = 95, multiplier: float = 100) -> CIResult:
    """Wilson score interval for a proportion count/denominator, scaled by ``multiplier``.

    Matches PHEindicatormethods ``wilson_lower``/``wilson_upper`` (Newcombe 1998 method 3).
    """
    level = _check_level(level)
    checked = _inputs(count, denominator, "wilson", level)
    if isinstance(checked, CIResult):
        return checked
    x, n = checked
    if x > n:
        return CIResult(None, None, "wilson", level, "count exceeds denominator")
    z = z_value(level)
    p = x / n
    centre = 2 * x + z**2
    spread = z * math.sqrt(z**2 + 4 * x * (1 - p))
    lower = (centre - spread) / (2 * (n + z**2))
    upper = (centre + spread) / (2 * (n + z**2))
    return CIResult(max(lower, 0.0) * multiplier, min(upper, 1.0) * multiplier, "wilson", level)


def poisson_exact_limits(count: float, level: float = 95) -> tuple[float, float]:
    """Exact Poisson limits for a count via chi-squared quantiles (Garwood)."""
    alpha = 1 - level / 100
    lower = 0.0 if count == 0 else float(chi2.ppf(alpha / 2, 2 * count)) / 2
    upper = float(chi2.ppf(1 - alpha / 2, 2 * count + 2)) / 2
    return lower, upper


def byars_limits(count: float, level: float = 95) -> tuple[float, float]:
    """Byar's approximation to the Poisson limits of a count (PHEindicatormethods byars_*)."""
    z = z_value(level)
    lower = count * (1 - 1 / (9 * count) - z / (3 * math.sqrt(count))) ** 3 if count > 0 else 0.0
    upper = (count + 1) * (1 - 1 / (9 * (count + 1)) + z / (3 * math.sqrt(count + 1))) ** 3
    return lower, upper


def byars_ci(count: Any, denominator: Any, level: float = 95, multiplier: float = 1000) -> CIResult:
    """Interval for a crude rate count/denominator x multiplier.

    Byar's method for counts >= 10 and the exact Poisson method below 10, as in
    PHEindicatormethods ``phe_rate`` (``method`` says which one was used).
    """
    level = _check_level(level)
    checked = _inputs(count, denominator, "byars", level)
    if isinstance(checked, CIResult):
        return checked
    x, n = checked
    if x < 10:
        lower, upper = poisson_exact_limits(x, level)
        method = "exact poisson"
    else:
        lower, upper = byars_limits(x, level)
        method = "byars"
    return CIResult(lower / n * multiplier, upper / n * multiplier, method, level)


def mean_ci(mean: Any, sd: Any, n: Any, level: float = 95) -> CIResult:
    """Student's t interval for a mean (PHEindicatormethods ``phe_mean``)."""
    level = _check_level(level)
    values = {name: as_number(v) for name, v in (("mean", mean), ("standard deviation", sd), ("n", n))}
    for name, (number, why) in values.items():
        if number is None:
            return CIResult(None, None, "student t", level, f"{name} {why}")
    m, s, size = (values[k][0] for k in ("mean", "standard deviation", "n"))
    assert m is not None and s is not None and size is not None
    if size < 2:
        return CIResult(None, None, "student t", level, "fewer than 2 observations")
    half = float(student_t.ppf(1 - (1 - level / 100) / 2, size - 1)) * s / math.sqrt(size)
    return CIResult(m - half, m + half, "student t", level)


def ci_for(
    value_type: str,
    count: Any,
    denominator: Any,
    *,
    level: float = 95,
    published_lower: Any = None,
    published_upper: Any = None,
) -> CIResult:
    """The interval a page should show for one value of the given ``value_type``.

    A published interval wins (the publisher may have used a method we cannot reproduce,
    e.g. a directly standardised rate). Otherwise percentages get Wilson (x100) and
    rate_per_1000/10000/100000 get Byar's with that multiplier.
    """
    level = _check_level(level)
    lo, _ = as_number(published_lower)
    hi, _ = as_number(published_upper)
    if lo is not None and hi is not None:
        return CIResult(lo, hi, "published", level)
    kind = (value_type or "").strip().lower()
    if kind in {"percentage", "percent", "proportion_percent"}:
        return wilson_ci(count, denominator, level=level, multiplier=100)
    if kind == "proportion":
        return wilson_ci(count, denominator, level=level, multiplier=1)
    if kind in RATE_MULTIPLIERS:
        return byars_ci(count, denominator, level=level, multiplier=RATE_MULTIPLIERS[kind])
    return CIResult(None, None, "none", level, "no method for this value type")


# ------------------------------------------------------------------ the one rule for published values

#: ``ci_method`` as the API and tables state it: where a shown interval came from.
CI_PUBLISHED = "published"
CI_WILSON = "Wilson from published counts"
CI_BYAR = "Byar from the published count"
CI_NONE = "none"
PUBLISHED_CI_METHODS = (CI_PUBLISHED, CI_WILSON, CI_BYAR, CI_NONE)
_PERCENT_TYPES = {"percentage": 100.0, "percent": 100.0, "proportion_percent": 100.0, "proportion": 1.0}


@dataclass(frozen=True)
class PublishedInterval:
    """A 95% or 99.8% interval for one published value and how it was obtained.

    ``method`` is one of ``PUBLISHED_CI_METHODS``; ``note`` says what a reader must know about
    the inputs (a derived denominator), ``reason`` why there is no interval (bounds then None).
    """

    lower: float | None
    upper: float | None
    method: str
    note: str | None = None
    reason: str | None = None

    @property
    def available(self) -> bool:
        return self.lower is not None and self.upper is not None


def published_interval(
    value_type: str,
    value: Any,
    count: Any,
    denominator: Any,
    *,
    published_lower: Any = None,
    published_upper: Any = None,
    level: float = 95,
) -> PublishedInterval:
    """THE rule for the interval of a published value (issue 19, item 1), in order:

    1. the publisher's own interval ("published");
    2. a proportion with a published count and denominator: Wilson;
    3. a rate with a published count: Byar (exact Poisson below 10), over the published
       denominator, or one derived as count / rate x multiplier (``note`` says so; the rate is
       rounded, so the derived denominator is approximate, but the interval's width comes from
       the count, which is exact);
    4. otherwise nothing: a rounded value alone carries no information about its precision.
    """
    level = _check_level(level)
    lo, _ = as_number(published_lower)
    hi, _ = as_number(published_upper)
    if lo is not None and hi is not None:
        return PublishedInterval(lo, hi, CI_PUBLISHED)
    number, _ = as_number(value)
    if number is None:
        return PublishedInterval(None, None, CI_NONE, reason="no value")
    kind = (value_type or "").strip().lower()
    c, _ = as_number(count)
    if kind in _PERCENT_TYPES:
        result = wilson_ci(count, denominator, level=level, multiplier=_PERCENT_TYPES[kind])
        if result.available:
            return PublishedInterval(result.lower, result.upper, CI_WILSON)
        return PublishedInterval(None, None, CI_NONE, reason="no counts published" if c is None else result.reason)
    if kind in RATE_MULTIPLIERS:
        multiplier = RATE_MULTIPLIERS[kind]
        if c is None:
            return PublishedInterval(None, None, CI_NONE, reason="no counts published")
        d, _ = as_number(denominator)
        note = None
        if d is None or d <= 0:
            if number <= 0:
                return PublishedInterval(None, None, CI_NONE, reason="no denominator published and the rate is zero")
            d = c / number * multiplier
            note = f"denominator derived as count ÷ rate × {multiplier:,}"
        result = byars_ci(c, d, level=level, multiplier=multiplier)
        if result.available:
            return PublishedInterval(result.lower, result.upper, CI_BYAR, note=note)
        return PublishedInterval(None, None, CI_NONE, reason=result.reason)
    return PublishedInterval(None, None, CI_NONE, reason="no interval method for this kind of value")
