"""Recent trend and direction of travel, following the Fingertips "recent trend" method.

Why: Fingertips' trend arrows are what partners quote, so we reproduce its rule (OHID
PholioVisualisation ``TrendMarkerCalculator``): take the five most recent points, test for
a linear trend, call it significant when the chi-squared statistic (1 df) exceeds the 99.8%
critical value, and only when dropping any one of the five points leaves the slope's sign
unchanged (a single outlier must not create a "trend").

* Proportions with counts and denominators: chi-squared test for linear trend in
  proportions (Cochran-Armitage), with the leave-one-out check on the logits.
* Rates and other values with 95% confidence intervals (given, or computed from counts):
  inverse-variance weighted least squares of value on time, where each point's standard
  error is (upper - lower) / 3.92; the statistic is (slope / SE(slope))^2. This is what
  Fingertips does for every comparator method other than proportions, so rates per
  1,000/10,000/100,000 with counts are tested the same way - Byar's intervals stand in
  for the Poisson variance of each count.

Anything else is "Cannot be calculated" with the reason. ``direction_of_travel`` is a
plain latest-vs-previous comparison with no significance test, labelled as such by pages.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
from scipy.stats import chi2

from analytics.ci import RATE_MULTIPLIERS, ci_for
from analytics.compare import normalise_polarity

POINTS_TO_USE = 5
SIGNIFICANCE_LEVEL = 99.8
CRITICAL_CHI2 = float(chi2.ppf(SIGNIFICANCE_LEVEL / 100, 1))  # 9.5495, as Fingertips

INCREASING_BETTER = "Increasing and getting better"
INCREASING_WORSE = "Increasing and getting worse"
DECREASING_BETTER = "Decreasing and getting better"
DECREASING_WORSE = "Decreasing and getting worse"
INCREASING = "Increasing"
DECREASING = "Decreasing"
NO_SIGNIFICANT_CHANGE = "No significant change"
CANNOT_BE_CALCULATED = "Cannot be calculated"

IMPROVING = "Improving"
GETTING_WORSE = "Getting worse"
NO_CHANGE = "No change"
INCREASED = "Increased"
DECREASED = "Decreased"
NOT_ENOUGH_DATA = "Not enough data"

_PROPORTION_TYPES = {"percentage", "percent", "proportion"}


@dataclass(frozen=True)
class TrendResult:
    """Trend label; ``direction`` is "increasing"/"decreasing"/None, ``reason`` why not calculated."""

    label: str
    reason: str | None = None
    p_value: float | None = None
    direction: str | None = None
    chi_squared: float | None = None
    method: str | None = None


def _label(direction: str, polarity: str) -> str:
    kind = normalise_polarity(polarity)
    if kind == "higher_better":
        return INCREASING_BETTER if direction == "increasing" else DECREASING_WORSE
    if kind == "lower_better":
        return INCREASING_WORSE if direction == "increasing" else DECREASING_BETTER
    return INCREASING if direction == "increasing" else DECREASING


def _cannot(reason: str) -> TrendResult:
    return TrendResult(CANNOT_BE_CALCULATED, reason=reason)


#: The columns the recent trend and the direction of travel read (``series_columns``).
SERIES_COLUMNS = ("period_sort", "period_label", "period_type", "value", "count", "denominator", "lower_ci95", "upper_ci95")

#: One series' columns as arrays, by name: what ``trend_of`` and ``direction_of`` read.
Columns = Mapping[str, npt.NDArray[Any]]


def series_columns(frame: pd.DataFrame) -> dict[str, npt.NDArray[Any]]:
    """The columns of ``frame`` the trend reads, as arrays. Why arrays: the test takes five points,
    and each copy, filter and sort of a frame cost more than the statistics (a /send page makes
    ten such tests; a page that already holds the arrays passes them to ``trend_of``)."""
    return {name: frame[name].to_numpy() for name in SERIES_COLUMNS if name in frame.columns}


def time_order(keys: npt.NDArray[Any], kind: str = "quicksort") -> npt.NDArray[np.intp]:
    """Positions that put ``keys`` (period_sort) in order, missing keys last: the order
    ``DataFrame.sort_values`` gives with the same ``kind``, ties included, so the arrays give
    the very points the frames gave."""
    missing = np.asarray(pd.isna(keys), dtype=bool)
    positions = np.arange(len(keys))
    present = keys[~missing].argsort(kind=kind)
    return np.concatenate([positions[~missing][present], positions[missing]])


def _numeric(values: npt.NDArray[Any]) -> npt.NDArray[Any]:
    """``pd.to_numeric(errors="coerce")``: what is not a number is missing."""
    return np.asarray(pd.to_numeric(values, errors="coerce"))


def _valued_in_time_order(columns: Columns, values: npt.NDArray[Any]) -> npt.NDArray[np.intp]:
    """Positions of the values that are there, in time order."""
    valued = np.flatnonzero(~np.asarray(pd.isna(values), dtype=bool))
    return valued[time_order(columns["period_sort"][valued])]


def _recent(columns: Columns, needed: list[str]) -> dict[str, npt.NDArray[Any]] | str:
    """The five most recent points in time order (``value`` and ``needed`` as numbers), or a reason string."""
    missing = [col for col in ["period_sort", "value", *needed] if col not in columns]
    if missing:
        return f"missing columns {missing}"
    numbers = {col: _numeric(columns[col]) for col in ["value", *needed]}
    order = _valued_in_time_order(columns, numbers["value"])
    if len(pd.unique(columns["period_sort"][order])) < len(order):
        return "more than one value for the same period"
    if len(order) < POINTS_TO_USE:
        return f"fewer than {POINTS_TO_USE} points ({len(order)} with a value)"
    recent = {col: values[order[-POINTS_TO_USE:]] for col, values in numbers.items()}
    if needed and any(np.asarray(pd.isna(recent[col])).any() for col in needed):
        return f"missing {' or '.join(needed)} in the most recent {POINTS_TO_USE} points"
    return recent


def _consistent_slopes(t: np.ndarray, y: np.ndarray, w: np.ndarray) -> bool:
    """True when the weighted slope keeps its sign with all points and leaving out each one.

    Zero counts as positive, as in Fingertips.
    """
    signs = []
    for drop in range(-1, len(t)):
        keep = np.ones(len(t), dtype=bool)
        if drop >= 0:
            keep[drop] = False
        slope = np.polyfit(t[keep], y[keep], 1, w=np.sqrt(w[keep]))[0]
        signs.append(slope >= 0)
    return all(signs) or not any(signs)


def chi_squared_for_trend(counts: np.ndarray, denominators: np.ndarray, scores: np.ndarray | None = None) -> float:
    """Chi-squared test for linear trend in proportions (1 df), the Cochran-Armitage
    statistic as in R's ``prop.trend.test`` and Fingertips' trend calculator."""
    x = np.asarray(counts, dtype=float)
    n = np.asarray(denominators, dtype=float)
    t = np.arange(1, len(x) + 1, dtype=float) if scores is None else np.asarray(scores, dtype=float)
    total_n, total_x = n.sum(), x.sum()
    numerator = total_n * (total_n * (x * t).sum() - total_x * (n * t).sum()) ** 2
    denominator = total_x * (total_n - total_x) * (total_n * (n * t**2).sum() - (n * t).sum() ** 2)
    return float(numerator / denominator)


def _proportion_trend(recent: Columns, polarity: str) -> TrendResult:
    counts = np.asarray(recent["count"], dtype=float)
    denoms = np.asarray(recent["denominator"], dtype=float)
    if (denoms <= 0).any() or (counts < 0).any() or (counts > denoms).any():
        return _cannot("a count is negative or exceeds its denominator")
    if (counts == 0).any() or (counts == denoms).any():
        return _cannot("a proportion of 0% or 100% in the most recent points")
    t = np.arange(1, POINTS_TO_USE + 1, dtype=float)
    total_n, total_x = denoms.sum(), counts.sum()
    statistic = chi_squared_for_trend(counts, denoms, t)
    logits = np.log(counts / (denoms - counts))
    direction = "increasing" if (counts * t).sum() / total_x > (denoms * t).sum() / total_n else "decreasing"
    return _finish(
        statistic,
        direction,
        _consistent_slopes(t, logits, np.ones_like(t)),
        polarity,
        "chi-squared test for trend in proportions",
    )


def _weighted_trend(recent: Columns, polarity: str) -> TrendResult:
    t = np.arange(1, POINTS_TO_USE + 1, dtype=float)
    y = np.asarray(recent["value"], dtype=float)
    se = (np.asarray(recent["upper_ci95"], dtype=float) - np.asarray(recent["lower_ci95"], dtype=float)) / 3.92
    if (se <= 0).any() or np.isnan(se).any():
        return _cannot("a confidence interval of zero width in the most recent points")
    w = 1 / se**2
    s1, s2, s3, s4, s5 = w.sum(), (w * y * t).sum(), (w * t).sum(), (w * y).sum(), (w * t**2).sum()
    slope = (s1 * s2 - s3 * s4) / (s1 * s5 - s3**2)
    slope_se = math.sqrt(s1 / (s1 * s5 - s3**2))
    statistic = float((slope / slope_se) ** 2)
    direction = "increasing" if slope > 0 else "decreasing"
    return _finish(statistic, direction, _consistent_slopes(t, y, w), polarity, "weighted regression on 95% confidence intervals")


def _finish(statistic: float, direction: str, consistent: bool, polarity: str, method: str) -> TrendResult:
    p_value = float(chi2.sf(statistic, 1))
    if statistic > CRITICAL_CHI2 and consistent:
        return TrendResult(_label(direction, polarity), None, p_value, direction, statistic, method)
    return TrendResult(NO_SIGNIFICANT_CHANGE, None, p_value, None, statistic, method)


def recent_trend(frame: pd.DataFrame, polarity: str, value_type: str) -> TrendResult:
    """Fingertips-style recent trend over the five most recent points of ``frame``.

    ``frame`` columns: period_sort, value, count, denominator; optionally lower_ci95 and
    upper_ci95 (used for non-proportions; computed from count/denominator when absent).
    """
    return trend_of(series_columns(frame), polarity, value_type)


def trend_of(columns: Columns, polarity: str, value_type: str) -> TrendResult:
    """``recent_trend`` of a series held as arrays (``series_columns``), in any order."""
    kind = (value_type or "").strip().lower()
    if kind in _PROPORTION_TYPES:
        recent = _recent(columns, ["count", "denominator"])
        if isinstance(recent, str):
            return _cannot(recent)
        return _proportion_trend(recent, polarity)
    has_ci = {"lower_ci95", "upper_ci95"} <= set(columns)
    if not has_ci and kind in RATE_MULTIPLIERS:
        recent = _recent(columns, ["count", "denominator"])
        if isinstance(recent, str):
            return _cannot(recent)
        limits = [ci_for(kind, c, d) for c, d in zip(recent["count"].tolist(), recent["denominator"].tolist(), strict=True)]
        recent["lower_ci95"] = np.array([ci.lower for ci in limits], dtype=float)
        recent["upper_ci95"] = np.array([ci.upper for ci in limits], dtype=float)
        return _weighted_trend(recent, polarity)
    if has_ci:
        recent = _recent(columns, ["lower_ci95", "upper_ci95"])
        if isinstance(recent, str):
            return _cannot(recent.replace("lower_ci95 or upper_ci95", "confidence intervals"))
        return _weighted_trend(recent, polarity)
    return _cannot(f"no trend method for value type {value_type!r} without counts or confidence intervals")


def direction_of_travel(frame: pd.DataFrame, polarity: str) -> str:
    """Latest value against the previous one (no significance test).

    "Improving"/"Getting worse" when the polarity says which way is good, otherwise
    "Increased"/"Decreased"; "No change" when equal; "Not enough data" with < 2 values.
    """
    if "value" not in frame.columns or "period_sort" not in frame.columns:
        return NOT_ENOUGH_DATA
    values = pd.to_numeric(frame["value"], errors="coerce")
    data = frame.assign(value=values)[values.notna()].sort_values("period_sort")
    if len(data) < 2:
        return NOT_ENOUGH_DATA
    return direction_between(float(data["value"].iloc[-2]), float(data["value"].iloc[-1]), polarity)


def direction_between(previous: float, latest: float, polarity: str) -> str:
    """``direction_of_travel`` from the two newest values alone (a scorecard asks ~500 times)."""
    if math.isclose(latest, previous, rel_tol=1e-12, abs_tol=1e-12):
        return NO_CHANGE
    up = latest > previous
    kind = normalise_polarity(polarity)
    if kind == "higher_better":
        return IMPROVING if up else GETTING_WORSE
    if kind == "lower_better":
        return GETTING_WORSE if up else IMPROVING
    return INCREASED if up else DECREASED


#: Period types whose steps are years (a "year" in the words of a direction of travel).
_YEARLY = {"academic", "financial", "calendar", "snapshot", "rolling"}


@dataclass(frozen=True)
class Direction:
    """A labelled, untested direction of travel over the recent points: ``text`` says what the
    values did and over which periods ("fell in each of the last 3 years (2019 to 2022)");
    ``first``/``last`` are the period labels it covers."""

    text: str
    first: str | None
    last: str | None


def recent_direction(frame: pd.DataFrame, points: int = POINTS_TO_USE) -> Direction:
    """What the last ``points`` values did, in words, with no significance test (a page adds
    "not tested"). ``frame`` columns: period_sort, period_label, value; optionally period_type."""
    return direction_of(series_columns(frame), points)


def direction_of(columns: Columns, points: int = POINTS_TO_USE) -> Direction:
    """``recent_direction`` of a series held as arrays (``series_columns``), in any order."""
    if not {"period_sort", "period_label", "value"} <= set(columns):
        return Direction(NOT_ENOUGH_DATA.lower(), None, None)
    values = _numeric(columns["value"])
    order = _valued_in_time_order(columns, values)
    chosen = order[max(len(order) - points, 0) :]
    if len(chosen) < 2:
        return Direction("fewer than two values to compare", None, None)
    kinds = {k for k in columns["period_type"][chosen] if not pd.isna(k)} if "period_type" in columns else set()
    unit = "years" if kinds and kinds <= _YEARLY else "periods"
    labels, numbers = columns["period_label"][chosen], np.asarray(values[chosen], dtype=float)
    first, last = str(labels[0]), str(labels[-1])
    steps = np.sign(np.diff(numbers))
    span = f"({first} to {last})"
    n = len(steps)
    if (steps < 0).all() or (steps > 0).all():
        word = "fell" if steps[0] < 0 else "rose"
        if n == 1:
            return Direction(f"{word} {span}", first, last)
        return Direction(f"{word} in each of the last {n} {unit} {span}", first, last)
    if (steps == 0).all():
        return Direction(f"unchanged over the last {n} {unit} {span}", first, last)
    start, end = float(numbers[0]), float(numbers[-1])
    overall = "higher" if end > start else ("lower" if end < start else "the same")
    ups, downs = int((steps > 0).sum()), int((steps < 0).sum())
    return Direction(
        f"{overall} in {last} than in {first} (rose in {ups} and fell in {downs} of the last {n} {unit})", first, last
    )
