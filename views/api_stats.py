"""Statistics the API adds on request (benchmark comparison, recent trend, neighbours, ranks).

They are view models of the API rows: ``web/api.py`` asks for them and owns only HTTP, so the
statistics stay below ``web`` with the rest of the ``analytics`` callers (docs/architecture.md).
"""

from __future__ import annotations

import pandas as pd

from analytics.ci import CI_NONE, PublishedInterval, published_interval
from analytics.codes import TOTAL
from analytics.compare import published_verdict_for
from analytics.frames import Row, cell_float, frame_records
from analytics.honest import flag, honest_comparison
from data_access import reads
from data_access.reads.records import IndicatorRecord
from views import benchmarks
from views.base import ViewNotFound
from views.recent_trends import TrendWords, trend_words, with_intervals


def _interval_at(row: pd.Series, value_type: str, level: float) -> PublishedInterval:
    """The row's interval at ``level`` by the one rule (``analytics.ci.published_interval``)."""
    lower_col, upper_col = ("lower_ci95", "upper_ci95") if level == 95 else ("lower_ci998", "upper_ci998")
    return published_interval(
        value_type,
        cell_float(row.get("value")),
        cell_float(row.get("count")),
        cell_float(row.get("denominator")),
        published_lower=cell_float(row.get(lower_col)),
        published_upper=cell_float(row.get(upper_col)),
        level=level,
    )


def row_interval(row: pd.Series, value_type: str, level: float, default_method: str) -> tuple[float | None, float | None, str]:
    """The row's CI at ``level`` and its ``ci_method``: "published", "Wilson from published
    counts", "Byar from the published count", or "none" (``default_method`` is kept for callers;
    the method now always says where the interval shown came from)."""
    found = _interval_at(row, value_type, level)
    return found.lower, found.upper, found.method if found.available else CI_NONE


def add_intervals(frame: pd.DataFrame, meta: IndicatorRecord) -> pd.DataFrame:
    """Every row's 95% interval by the one rule, beside the published columns (which stay as
    printed): ``ci_lower``/``ci_upper`` the interval used, ``ci_method`` where it came from
    ("published", "Wilson from published counts", "Byar from the published count", or "none")
    and ``ci_note`` (e.g. a derived denominator). ``benchmark=`` restates them at its level."""
    out = frame.copy()
    found = [_interval_at(row, meta["value_type"], 95) for _, row in out.iterrows()]
    out["ci_lower"] = pd.Series([f.lower for f in found], index=out.index, dtype="float64")
    out["ci_upper"] = pd.Series([f.upper for f in found], index=out.index, dtype="float64")
    out["ci_method"] = pd.Series([f.method if f.available else CI_NONE for f in found], index=out.index, dtype=object)
    out["ci_note"] = pd.Series([f.note if f.available else None for f in found], index=out.index, dtype=object)
    return out


def add_benchmark_comparison(
    frame: pd.DataFrame, meta: IndicatorRecord, benchmark: str, level: float, dimension: str
) -> pd.DataFrame:
    code = reads.resolve_area_code(benchmark.strip().upper())
    if code is None:
        raise ViewNotFound(f"Unknown benchmark area code {benchmark!r}. See /api/v1/areas.")
    bench = reads.series(meta["id"], [code], breakdown_dimension=dimension, breakdown_values=None)
    columns = (bench["period_label"], bench["breakdown_value"], bench["value"], bench["illustrative"])
    lookup = {(period, group): (cell_float(value), flag(illustrative)) for period, group, value, illustrative in zip(*columns)}
    out = frame.copy()
    labels, values, methods, bench_flags, notes, sources, ci_notes = [], [], [], [], [], [], []
    lowers: list[float | None] = []
    uppers: list[float | None] = []
    for _, row in out.iterrows():
        bench_value, bench_flag = lookup.get((row["period"], row["breakdown_value"]), (None, None))
        found = _interval_at(row, meta["value_type"], level)
        lower, upper, method = found.lower, found.upper, found.method if found.available else CI_NONE
        # analytics.honest: a published value is never judged against an illustrative benchmark
        result = honest_comparison(
            cell_float(row["value"]),
            lower,
            upper,
            bench_value,
            meta["polarity"],
            value_illustrative=row.get("illustrative"),
            benchmark_illustrative=bench_flag,
            is_benchmark_area=row["area_code"] == code,
            published_verdict=published_verdict_for(row, code),
        )
        labels.append(result.label)
        lowers.append(lower)
        uppers.append(upper)
        values.append(bench_value)
        methods.append(method)
        bench_flags.append(result.benchmark_illustrative)
        sources.append(result.source)
        ci_notes.append(found.note if found.available else None)
        notes.append(result.reason or result.note or ("comparison rests on illustrative values" if result.illustrative else None))
    out["benchmark_code"] = code
    out["benchmark_value"] = values
    out["compared_to_benchmark"] = labels
    out["comparison_level"] = level
    out["ci_method"] = methods
    # added after the existing fields so CSV column positions stay as they were
    out["benchmark_illustrative"] = pd.Series(bench_flags, index=out.index, dtype=object)
    out["comparison_note"] = pd.Series(notes, index=out.index, dtype=object)
    out["comparison_source"] = pd.Series(sources, index=out.index, dtype=object)
    out["ci_note"] = pd.Series(ci_notes, index=out.index, dtype=object)
    out["ci_lower"] = pd.Series(lowers, index=out.index, dtype="float64")
    out["ci_upper"] = pd.Series(uppers, index=out.index, dtype="float64")
    return out


def add_recent_trend(frame: pd.DataFrame, meta: IndicatorRecord) -> pd.DataFrame:
    """``trend=1``: each series' recent trend, in the words the trends page uses
    (``views.recent_trends``): the Fingertips test where the published counts or intervals allow
    it, else a labelled direction of travel ending "not tested"; ``recent_trend_tested`` and
    ``recent_trend_note`` (why not tested) beside it."""
    out = frame.copy()
    found: dict[tuple[str, str], TrendWords] = {}
    series = with_intervals(out.rename(columns={"period": "period_label"}), meta["value_type"])
    for (area, breakdown), group in series.groupby(["area_code", "breakdown_value"], sort=False):
        found[(str(area), str(breakdown))] = trend_words(group, meta["polarity"], meta["value_type"])
    keys = list(zip(out["area_code"].astype(str), out["breakdown_value"].astype(str), strict=True))
    out["recent_trend"] = pd.Series([found[k].text if k in found else None for k in keys], index=out.index, dtype=object)
    out["recent_trend_tested"] = pd.Series([found[k].tested if k in found else None for k in keys], index=out.index, dtype=object)
    out["recent_trend_note"] = pd.Series([found[k].reason if k in found else None for k in keys], index=out.index, dtype=object)
    return out


def add_neighbour_benchmark(frame: pd.DataFrame, meta: IndicatorRecord, model: str, level: float) -> pd.DataFrame:
    """``benchmark=sn``: each council's row against the mean of its DfE statistical neighbours
    for the same period and breakdown (LAIT's neighbour average; only published values).

    The average has no confidence interval, so a row is compared by its own interval (as with a
    national value) and is "Not compared" where it has none; ``rank=1`` gives the quartile.
    """
    out = frame.copy()
    averages: dict[tuple[str, str], pd.DataFrame] = {}
    values, counts, names, labels, methods, flags, notes = [], [], [], [], [], [], []
    for _, row in out.iterrows():
        key = (row["area_code"], row["breakdown_value"])
        if key not in averages:
            averages[key] = benchmarks.neighbour_averages(
                meta["id"],
                row["area_code"],
                model=model,
                breakdown_dimension=row["breakdown_dimension"],
                breakdown_value=row["breakdown_value"],
            ).set_index("period_label")
        table = averages[key]
        found = table.loc[row["period"]] if row["period"] in table.index else None
        bench_value = cell_float(found["value"]) if found is not None else None
        count = int(found["n_with_value"]) if found is not None else 0
        lower, upper, method = row_interval(row, meta["value_type"], level, meta["ci_method"])
        # the neighbour average is made of published values only (views.benchmarks)
        result = honest_comparison(
            cell_float(row["value"]),
            lower,
            upper,
            bench_value,
            meta["polarity"],
            value_illustrative=row.get("illustrative"),
            benchmark_illustrative=False if bench_value is not None else None,
        )
        labels.append(result.label)
        notes.append(result.reason or ("comparison rests on illustrative values" if result.illustrative else None))
        values.append(bench_value)
        counts.append(count if found is not None else None)
        names.append(benchmarks.sn_label(count) if found is not None else None)
        methods.append(method)
        flags.append(False if found is not None and bench_value is not None else None)
    out["benchmark_code"] = benchmarks.SN
    out["benchmark_name"] = names
    out["benchmark_value"] = values
    out["benchmark_count"] = counts
    out["benchmark_illustrative"] = flags
    out["compared_to_benchmark"] = labels
    out["comparison_level"] = level
    out["ci_method"] = methods
    out["comparison_note"] = notes
    out["neighbour_model"] = model
    return out


def add_ranks(frame: pd.DataFrame, meta: IndicatorRecord) -> pd.DataFrame:
    """``rank=1``: each all-population row's rank among all councils (or all lower-tier areas for
    a district), the number ranked that period, and its LAIT quartile band (A = best quarter)."""
    out = frame.copy()
    lookup: dict[str, dict[tuple[str, str], Row]] = {}
    ranks: list[int | None] = []
    rank_ofs: list[object] = []
    quartiles: list[str] = []
    for _, row in out.iterrows():
        level = str(row.get("area_level") or "")
        found = None
        if isinstance(level, str) and row["breakdown_value"] == TOTAL and benchmarks.rank_levels(level):
            if level not in lookup:
                table = benchmarks.ranks(meta["id"], meta["polarity"], level)
                lookup[level] = {(r["area_code"], r["period_label"]): r for r in frame_records(table)}
            found = lookup[level].get((row["area_code"], row["period"]))
        rank = found["rank"] if found else None
        ranks.append(None if rank is None or pd.isna(rank) else int(rank))
        rank_ofs.append(found["rank_of"] if found else None)
        quartiles.append(found["quartile"] if found else benchmarks.NOT_RANKED)
    out["rank"] = pd.Series(ranks, index=out.index, dtype=object)
    out["rank_of"] = pd.Series(rank_ofs, index=out.index, dtype=object)
    out["quartile"] = quartiles
    return out
