"""The one rule for whether an observation's figures can stand together, whatever brought them in.

Why here: the plans' own figures (``seed.loader.validate``) and every imported file
(``data_access.importers.validate``) must pass the same checks, so the rule lives in the layer
both may import. Confidence limits bracket the value (within a rounding tolerance: published
limits are rounded, values sometimes less so) and are the right way round; a percentage and its
limits lie within 0-100 (a change in one, in percentage points, within -100 to 100); counts and
denominators are not negative. Each caller says where a
problem is in its own terms (a file's line and column, a seed file's row).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

#: Tolerance for CI bracketing, relative to the value (at least this much in absolute terms).
CI_TOLERANCE = 1e-6
#: (lower field, upper field, level as people say it)
CI_LEVELS = (("lower_ci95", "upper_ci95", "95%"), ("lower_ci998", "upper_ci998", "99.8%"))
#: Fields a percentage indicator must keep within 0-100.
PERCENTAGE_FIELDS = ("value", "lower_ci95", "upper_ci95", "lower_ci998", "upper_ci998")
#: Fields that are never negative.
COUNT_FIELDS = ("count", "denominator")
#: The fields the checks read (a missing one is treated as blank throughout).
FIELDS = ("indicator_id", "kind", *PERCENTAGE_FIELDS, *COUNT_FIELDS)
#: The observation kind whose figures are differences, not levels.
CHANGE = "change"


@dataclass(frozen=True)
class Implausible:
    """One failed check: the row's position in the frame, the observation field at fault, and why."""

    position: int
    field: str
    message: str


def implausible(frame: pd.DataFrame, value_types: Mapping[str, str]) -> list[Implausible]:
    """Every problem in ``frame`` (observation fields as columns), check by check.

    ``value_types`` gives each indicator's value type (``"percentage"`` is range-checked).
    Blank figures are never a problem here: whether a blank needs a status symbol is the caller's rule.
    """
    numbers = {name: _numbers(frame, name) for name in (*PERCENTAGE_FIELDS, *COUNT_FIELDS)}
    problems = _ci_problems(numbers)
    indicators = frame["indicator_id"] if "indicator_id" in frame.columns else pd.Series([None] * len(frame), index=frame.index)
    is_percentage = indicators.map(value_types).eq("percentage").to_numpy(dtype=bool)
    is_change = (frame["kind"] == CHANGE).to_numpy(dtype=bool) if "kind" in frame.columns else np.zeros(len(frame), dtype=bool)
    for name in PERCENTAGE_FIELDS if is_percentage.any() else ():
        with np.errstate(invalid="ignore"):
            level_outside = ~is_change & ((numbers[name] < 0) | (numbers[name] > 100))
            change_outside = is_change & (np.abs(numbers[name]) > 100)
        outside = is_percentage & np.isfinite(numbers[name]) & (level_outside | change_outside)
        problems += [
            Implausible(int(i), name, f"{numbers[name][i]:g} is a percentage outside 0-100 (indicator {indicators.iloc[i]!r})")
            if not is_change[i]
            else Implausible(
                int(i),
                name,
                f"{numbers[name][i]:g} is a change of more than 100 percentage points (indicator {indicators.iloc[i]!r})",
            )
            for i in np.flatnonzero(outside)
        ]
    for name in COUNT_FIELDS:
        with np.errstate(invalid="ignore"):
            negative = np.isfinite(numbers[name]) & (numbers[name] < 0)
        problems += [Implausible(int(i), name, f"{name} {numbers[name][i]:g} is negative") for i in np.flatnonzero(negative)]
    return problems


def _numbers(frame: pd.DataFrame, name: str) -> np.ndarray:
    if name not in frame.columns:
        return np.full(len(frame), np.nan)
    return pd.to_numeric(frame[name], errors="coerce").to_numpy(dtype="float64", na_value=np.nan)


def _ci_problems(numbers: Mapping[str, np.ndarray]) -> list[Implausible]:
    """Limits above or below the value, or the wrong way round, at each level."""
    value = numbers["value"]
    tolerance = CI_TOLERANCE * np.maximum(1.0, np.abs(np.nan_to_num(value)))
    problems: list[Implausible] = []
    for low_name, high_name, level in CI_LEVELS:
        low, high = numbers[low_name], numbers[high_name]
        with np.errstate(invalid="ignore"):
            low_bad = np.isfinite(low) & np.isfinite(value) & (low > value + tolerance)
            high_bad = np.isfinite(high) & np.isfinite(value) & (high < value - tolerance)
            crossed = np.isfinite(low) & np.isfinite(high) & (low > high + tolerance) & ~(low_bad | high_bad)
        problems += [
            Implausible(int(i), low_name, f"lower {level} confidence limit {low[i]:g} is above the value {value[i]:g}")
            for i in np.flatnonzero(low_bad)
        ]
        problems += [
            Implausible(int(i), high_name, f"upper {level} confidence limit {high[i]:g} is below the value {value[i]:g}")
            for i in np.flatnonzero(high_bad)
        ]
        problems += [
            Implausible(int(i), high_name, f"{level} confidence limits are the wrong way round ({low[i]:g} > {high[i]:g})")
            for i in np.flatnonzero(crossed)
        ]
    return problems
