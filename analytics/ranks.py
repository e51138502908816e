"""Ranks, quartile bands and neighbour averages, as DfE's LAIT does them.

Why: LAIT (``R/fn_analysis.R`` ``calculate_rank`` / ``calculate_quartile_band``) is the tool
our users benchmark against, so ranks are polarity-aware (1 = best), ties share the lower
rank number (``ties = "min"``), and quartile band A is the best quarter. For indicators
with no judgement rank 1 and band A mean the HIGHEST value. Missing values are not ranked
and get no band - they are not pushed to the bottom as if they were the worst.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from analytics.ci import as_number
from analytics.compare import normalise_polarity
from analytics.honest import rankable

QUARTILE_BANDS = ("A", "B", "C", "D")
#: Fewer areas with a value than this draw no range on a spine chart.
MIN_AREAS_FOR_DISTRIBUTION = 8


def rank_areas(
    df: pd.DataFrame, polarity: str | None, value_col: str = "value", illustrative_col: str = "illustrative"
) -> pd.DataFrame:
    """Copy of ``df`` with ``rank`` (nullable Int64; 1 = best) and ``quartile_band`` (A..D).

    Bands follow LAIT: quartiles of the values themselves (see ``quartile_bands``), so tied
    values share a band and the best quarter is A. When ``df`` has ``illustrative_col``,
    ``analytics.honest.rankable`` decides which values are ranked together (an illustrative
    value is not ranked among published ones: no rank, no band) and ``rank_illustrative``
    says a rank was made among illustrative values only.
    """
    if value_col not in df.columns:
        raise KeyError(f"rank_areas needs column {value_col!r}")
    out = df.copy()
    values = pd.to_numeric(out[value_col], errors="coerce").astype(float)
    if illustrative_col in out.columns:
        ranked_together = rankable(out[illustrative_col])
        values = values.where(ranked_together)
        out["rank_illustrative"] = ranked_together & out[illustrative_col].fillna(False).astype(bool)
    ascending = normalise_polarity(polarity) == "lower_better"
    ranks = values.rank(method="min", ascending=ascending, na_option="keep")
    out["rank"] = ranks.astype("Int64")
    out["quartile_band"] = quartile_bands(values, polarity)
    return out


def quartile_bands(values: pd.Series, polarity: str | None) -> pd.Series:
    """LAIT ``calculate_quartile_band``: cut points are the 0/25/50/75/100% quantiles of the
    non-missing values (R's default type 7 = numpy's "linear"); intervals are closed on the
    right, so a value exactly on a cut point falls in the lower-valued band.
    Lower-is-better: lowest quarter is A. Otherwise (incl. no_judgement) highest is A.
    """
    numbers = pd.to_numeric(values, errors="coerce").astype(float)
    present = numbers.dropna()
    if present.empty:
        return pd.Series([None] * len(numbers), index=numbers.index, dtype=object)
    q1, q2, q3 = np.quantile(present.to_numpy(), [0.25, 0.5, 0.75])
    low_is_good = normalise_polarity(polarity) == "lower_better"
    bands: list[Any] = []
    for value in numbers:
        if np.isnan(value):
            bands.append(None)
            continue
        position = 0 if value <= q1 else 1 if value <= q2 else 2 if value <= q3 else 3
        bands.append(QUARTILE_BANDS[position] if low_is_good else QUARTILE_BANDS[3 - position])
    return pd.Series(bands, index=numbers.index, dtype=object)


def rank_one(values: Iterable[Any], value: Any, polarity: str | None) -> tuple[int, int, str] | None:
    """``(rank, rank_of, band)`` of one ``value`` among ``values`` (which include it), exactly as
    ``rank_areas`` would rank it, without building frames: a scorecard ranks one council on
    hundreds of indicators, and frame construction was most of its time. None when ``value`` is
    missing or not among the values.
    """
    number, _ = as_number(value)
    present = np.array([n for n, _ in (as_number(v) for v in values) if n is not None], dtype=float)
    if number is None or present.size == 0:
        return None
    low_is_good = normalise_polarity(polarity) == "lower_better"
    better = int((present < number).sum()) if low_is_good else int((present > number).sum())
    q1, q2, q3 = np.quantile(present, [0.25, 0.5, 0.75])
    position = 0 if number <= q1 else 1 if number <= q2 else 2 if number <= q3 else 3
    band = QUARTILE_BANDS[position] if low_is_good else QUARTILE_BANDS[3 - position]
    return better + 1, int(present.size), band


def neighbour_average(values: Iterable[Any]) -> float | None:
    """Mean of the neighbours' values ignoring missing ones; None if every value is missing.

    An unweighted mean, as LAIT and the DfE statistical-neighbour benchmarking use.
    """
    numbers = [number for number, _ in (as_number(v) for v in values) if number is not None]
    if not numbers:
        return None
    return float(np.mean(numbers))


def distribution(values: pd.Series | list[Any], minimum: int = MIN_AREAS_FOR_DISTRIBUTION) -> dict[str, float] | None:
    """Lowest, 25th, 75th percentile and highest of the non-missing values (numpy 'linear',
    as LAIT's quartile bands), or None when fewer than ``minimum`` areas have values."""
    cells = list(values)
    if all(type(v) is float or type(v) is int or v is None for v in cells):
        # the usual case (database values): no Series to build, a profile asks ~150 times
        numbers = np.array([v for v in cells if v is not None], dtype=float)
        numbers = numbers[~np.isnan(numbers)]
    else:
        numbers = pd.to_numeric(pd.Series(cells, dtype=object), errors="coerce").dropna().astype(float).to_numpy()
    if len(numbers) < minimum:
        return None
    q1, q3 = np.quantile(numbers, [0.25, 0.75])
    return {
        "dist_min": float(numbers.min()),
        "dist_q1": float(q1),
        "dist_q3": float(q3),
        "dist_max": float(numbers.max()),
        "n": int(len(numbers)),
    }
