"""Statistics the API adds on request (benchmark comparison, recent trend), via ``analytics``."""

from __future__ import annotations

from typing import Any

import pandas as pd

from analytics.ci import ci_for
from analytics.honest import flag, honest_comparison
from analytics.trend import recent_trend
from data_access import reads
from web.query import ApiError


def _finite(value: Any) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if pd.isna(number) else number


def row_interval(row: pd.Series, value_type: str, level: float, default_method: str) -> tuple[float | None, float | None, str]:
    """The row's CI at ``level``: as stored (published) or computed from count and denominator."""
    lower_col, upper_col = ("lower_ci95", "upper_ci95") if level == 95 else ("lower_ci998", "upper_ci998")
    lower, upper = _finite(row.get(lower_col)), _finite(row.get(upper_col))
    if lower is not None and upper is not None:
        return lower, upper, default_method if default_method != "none" else "published"
    result = ci_for(value_type, _finite(row.get("count")), _finite(row.get("denominator")), level=level)
    return result.lower, result.upper, result.method if result.lower is not None else "none"


def add_benchmark_comparison(
    frame: pd.DataFrame, meta: dict[str, Any], benchmark: str, level: float, dimension: str
) -> pd.DataFrame:
    code = reads.resolve_area_code(benchmark.strip().upper())
    if code is None:
        raise ApiError(404, "Not Found", f"Unknown benchmark area code {benchmark!r}. See /api/v1/areas.")
    bench = reads.series(meta["id"], [code], breakdown_dimension=dimension, breakdown_values=None)
    lookup = {(r.period_label, r.breakdown_value): (_finite(r.value), flag(r.illustrative)) for r in bench.itertuples()}
    out = frame.copy()
    labels, values, methods, bench_flags, notes = [], [], [], [], []
    for _, row in out.iterrows():
        bench_value, bench_flag = lookup.get((row["period"], row["breakdown_value"]), (None, None))
        lower, upper, method = row_interval(row, meta["value_type"], level, meta["ci_method"])
        # analytics.honest: a published value is never judged against an illustrative benchmark
        result = honest_comparison(
            _finite(row["value"]), lower, upper, bench_value, meta["polarity"],
            value_illustrative=row.get("illustrative"), benchmark_illustrative=bench_flag,
            is_benchmark_area=row["area_code"] == code,
        )
        labels.append(result.label)
        values.append(bench_value)
        methods.append(method)
        bench_flags.append(result.benchmark_illustrative)
        notes.append(result.reason or ("comparison rests on illustrative values" if result.illustrative else None))
    out["benchmark_code"] = code
    out["benchmark_value"] = values
    out["compared_to_benchmark"] = labels
    out["comparison_level"] = level
    out["ci_method"] = methods
    # added after the existing fields so CSV column positions stay as they were
    out["benchmark_illustrative"] = pd.Series(bench_flags, index=out.index, dtype=object)
    out["comparison_note"] = pd.Series(notes, index=out.index, dtype=object)
    return out


def add_recent_trend(frame: pd.DataFrame, meta: dict[str, Any]) -> pd.DataFrame:
    out = frame.copy()
    trends: dict[tuple[str, str], str] = {}
    for (area, breakdown), group in out.groupby(["area_code", "breakdown_value"], sort=False):
        result = recent_trend(
            group.rename(columns={"period": "period_label"}), meta["polarity"], meta["value_type"]
        )
        trends[(area, breakdown)] = result.label
    out["recent_trend"] = [trends.get((a, b)) for a, b in zip(out["area_code"], out["breakdown_value"])]
    return out
