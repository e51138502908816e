"""A series' recent trend in words, shared by the trends page and the API (``trend=1``).

Why one module: a reader must get the same words for the same series on the page and in the
API. Where the publisher's counts (or intervals) allow it, Fingertips' recent-trend test is
made, on intervals from the one rule (``verdicts.interval``: published, or Wilson/Byar from the
published counts, a derived denominator included); where they do not, the series gets a
labelled direction of travel ("fell in each of the last 3 years (2019 to 2022); not tested")
and the reason, never a bare "cannot be calculated".
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics.frames import frame_records
from analytics.trend import (
    CANNOT_BE_CALCULATED,
    POINTS_TO_USE,
    Columns,
    direction_of,
    series_columns,
    time_order,
    trend_of,
)
from views import verdicts


@dataclass(frozen=True)
class TrendWords:
    """``text``: what a table or the API says ("Decreasing and getting better (2019 to 2023,
    tested)", or a direction "…; not tested"); ``label``: the short legend words; ``tested``:
    whether the Fingertips test was made; ``reason``: why not, in a reader's words."""

    text: str
    label: str
    tested: bool
    reason: str | None


def with_intervals(frame: pd.DataFrame, value_type: str) -> pd.DataFrame:
    """Each value's 95% interval by the one rule (published, Wilson or Byar from the published
    counts, a derived denominator included), so the recent trend can use Fingertips' method
    wherever the publisher's counts allow; ``ci_method`` says which."""
    out = frame.copy()
    lowers, uppers, methods = [], [], []
    # the five cells the rule reads, as records: ``iterrows`` built a Series of every column per row
    read = [c for c in ("value", "count", "denominator", "lower_ci95", "upper_ci95") if c in out]
    for record in frame_records(out[read]):
        found = verdicts.interval(record, value_type)
        lowers.append(found.lower)
        uppers.append(found.upper)
        methods.append(f"{found.method} ({found.note})" if found.note else found.method)
    out["lower_ci95"] = pd.Series(lowers, index=out.index, dtype="float64")
    out["upper_ci95"] = pd.Series(uppers, index=out.index, dtype="float64")
    out["ci_method"] = methods
    return out


def reason_words(reason: str) -> str:
    """``analytics.trend`` reasons as a reader's words."""
    return reason.replace("missing confidence intervals in", "no published counts or intervals for").replace(
        "missing count or denominator in", "no published count and denominator for"
    )


def trend_words(part: pd.DataFrame, polarity: str, value_type: str) -> TrendWords:
    """One series' recent trend: ``part`` is one area's rows (period_sort, period_label, value,
    count, denominator and the intervals of ``with_intervals``), in any order."""
    return words_of(series_columns(part), polarity, value_type)


def words_of(columns: Columns, polarity: str, value_type: str) -> TrendWords:
    """``trend_words`` of one area's series held as arrays (``analytics.trend.series_columns``), in
    any order: the trends page takes the arrays of all its lines once and hands each line its part."""
    order = time_order(columns["period_sort"], kind="stable")
    ordered = {name: values[order] for name, values in columns.items()}
    result = trend_of(ordered, polarity, value_type)
    if result.label == CANNOT_BE_CALCULATED:
        direction = direction_of(ordered)
        return TrendWords(f"{direction.text}; not tested", "not tested", False, reason_words(result.reason or "no method"))
    labels = ordered["period_label"][~np.asarray(pd.isna(ordered["value"]), dtype=bool)][-POINTS_TO_USE:]
    span = f"{labels[0]} to {labels[-1]}" if len(labels) > 1 else ""
    return TrendWords(f"{result.label} ({span}, tested)" if span else result.label, result.label, True, None)
