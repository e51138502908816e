"""Learn an indicator's polarity from a Fingertips export itself.

Why: Fingertips says "Better"/"Worse" only for indicators that have a polarity, and
"Higher"/"Lower" for those that do not. A row labelled Better whose value is below its
benchmark's value can only mean lower is better. Without this the imported indicator had no
polarity and every comparison read Higher/Lower where Fingertips says Better/Worse.

The Recent Trend column ("Decreasing and getting better") carries the same information and
is used too, so a file with no benchmark rows (a single county) still teaches the polarity.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np
import pandas as pd

HIGHER = "higher_better"
LOWER = "lower_better"
NONE = "no_judgement"

_TRENDS = {
    "increasing and getting better": HIGHER,
    "decreasing and getting worse": HIGHER,
    "increasing and getting worse": LOWER,
    "decreasing and getting better": LOWER,
}


def _text(series: pd.Series) -> pd.Series:
    return series.fillna("").astype(str).str.strip()


def comparison_columns(header: list[str]) -> list[str]:
    """The file's "Compared to … value or percentiles" columns (not percentiles-only or goal)."""
    return [c for c in header if c.lower().startswith("compared to") and "value" in c.lower()]


def learn(
    frame: pd.DataFrame,
    indicator_id: pd.Series,
    value: np.ndarray,
    area_code: pd.Series,
    parent_code: pd.Series | None,
    key: pd.Series,
    whole: pd.Series,
    trend_column: str | None,
) -> dict[str, tuple[str, str]]:
    """indicator id -> (polarity, evidence) for indicators whose polarity the file states.

    ``key`` identifies a row's indicator, period, sex and age (not category), and ``whole``
    marks rows with no category: a benchmark's value is the benchmark area's ``whole`` row
    with the same key (England's deprivation deciles are compared with England as a whole).
    Indicators the file says nothing about are absent from the result.
    """
    votes: dict[str, Counter[str]] = {}
    neutral: Counter[str] = Counter()
    values = pd.Series(value, index=frame.index)
    lookup = {(k, a): v for k, a, v, w in zip(key, area_code, values, whole) if w and np.isfinite(v)}
    for column in comparison_columns(list(frame.columns)):
        bench = _benchmarks(column, frame.index, parent_code)
        if bench is not None:
            _count_comparisons(_text(frame[column]).str.lower(), indicator_id, key, bench, values, lookup, votes, neutral)
    if trend_column is not None:
        for label, ind in zip(_text(frame[trend_column]).str.lower(), indicator_id):
            trend = _TRENDS.get(label)
            if trend:
                votes.setdefault(ind, Counter())[trend] += 1
    return _verdicts(votes, neutral)


def _benchmarks(column: str, index: pd.Index, parent_code: pd.Series | None) -> pd.Series | None:
    """Each row's benchmark area for a "Compared to …" column; None when the file cannot say."""
    if "england" in column.lower():
        return pd.Series("E92000001", index=index)
    if parent_code is not None:
        return parent_code.fillna("").astype(str)
    return None


def _count_comparisons(
    labels: pd.Series,
    indicator_id: pd.Series,
    key: pd.Series,
    bench: pd.Series,
    values: pd.Series,
    lookup: dict[tuple[Any, Any], float],
    votes: dict[str, Counter[str]],
    neutral: Counter[str],
) -> None:
    """A Better/Worse row votes for the direction its value sits from its benchmark's."""
    for label, ind, k, bench_code, own in zip(labels, indicator_id, key, bench, values):
        if label in ("higher", "lower"):
            neutral[ind] += 1
            continue
        if label not in ("better", "worse") or not np.isfinite(own):
            continue
        other = lookup.get((k, bench_code))
        if other is None or own == other:
            continue
        above = own > other
        direction = HIGHER if (above == (label == "better")) else LOWER
        votes.setdefault(ind, Counter())[direction] += 1


def _verdicts(votes: dict[str, Counter[str]], neutral: Counter[str]) -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    for ind in set(votes) | set(neutral):
        if not ind:
            continue
        counted = votes.get(ind, Counter())
        total = sum(counted.values())
        if total:
            direction, n = counted.most_common(1)[0]
            if n / total >= 0.95:
                out[ind] = (direction, f"{n} of {total} Better/Worse labels and trends in the file")
            continue
        out[ind] = (NONE, f"the file compares it as Higher/Lower ({neutral[ind]} rows), i.e. no judgement")
    return out
