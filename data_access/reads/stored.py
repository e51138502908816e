"""The stored judgements (``data_access.judgement_store``): ranks, quartiles and verdicts against
England, region, county and statistical neighbours, computed once when data was loaded; and the
ranges an area profile draws (``data_access.distribution_store``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
from sqlalchemy import select

from data_access.cache import cached
from data_access.database import Database
from data_access.models import Area, BenchmarkJudgement, PeerDistribution, Period
from data_access.reads._base import _db, _frame, at_periods

_COLUMNS = (
    BenchmarkJudgement.indicator_id,
    BenchmarkJudgement.area_code,
    Period.label.label("period_label"),
    Period.sort_key.label("period_sort"),
    BenchmarkJudgement.rank,
    BenchmarkJudgement.rank_of,
    BenchmarkJudgement.quartile,
    BenchmarkJudgement.rank_reason,
    BenchmarkJudgement.england_value,
    BenchmarkJudgement.england_verdict,
    BenchmarkJudgement.region_code,
    BenchmarkJudgement.region_value,
    BenchmarkJudgement.region_verdict,
    BenchmarkJudgement.county_code,
    BenchmarkJudgement.county_value,
    BenchmarkJudgement.county_verdict,
    BenchmarkJudgement.sn_value,
    BenchmarkJudgement.sn_with_value,
    BenchmarkJudgement.sn_verdict,
)
#: The columns ``stored_judgements`` returns (also when nothing matched).
JUDGEMENT_COLUMNS = [column.key for column in select(*_COLUMNS).selected_columns]


@cached
def stored_judgements(
    area_code: str,
    indicator_ids: Sequence[str] | None = None,
    db: Database | None = None,
    *,
    periods: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Every stored judgement of one area (optionally of some indicators), one indexed read:
    indicator, period, rank/rank_of/quartile/rank_reason and each benchmark's value and verdict.

    ``periods`` (indicator id → period label) keeps only those indicators, each at its own period:
    a scorecard judges each indicator's latest value, and every period of every indicator was
    six times the rows it used."""
    statement = (
        select(*_COLUMNS)
        .join(Period, Period.id == BenchmarkJudgement.period_id)
        .where(BenchmarkJudgement.area_code == area_code)
        .order_by(BenchmarkJudgement.indicator_id, Period.sort_key)
    )
    if indicator_ids is not None:
        statement = statement.where(BenchmarkJudgement.indicator_id.in_(list(indicator_ids)))
    if periods is not None:
        statement = statement.where(
            BenchmarkJudgement.indicator_id.in_(sorted(periods)), Period.label.in_(sorted(set(periods.values())))
        )
    frame = _frame(_db(db), statement)
    if frame.empty:
        return pd.DataFrame(columns=JUDGEMENT_COLUMNS)
    return at_periods(frame, periods, "period_label") if periods is not None else frame


@cached
def stored_ranks(
    indicator_id: str,
    levels: Sequence[str],
    period_labels: Sequence[str] | None = None,
    db: Database | None = None,
    *,
    area_codes: Sequence[str] | None = None,
) -> pd.DataFrame:
    """The stored rank of every area at ``levels`` (or of ``area_codes`` among them) for one
    indicator, every period (one read on the primary key): ``area_code, period_label, rank,
    rank_of, quartile, rank_reason``."""
    statement = (
        select(
            BenchmarkJudgement.area_code,
            Period.label.label("period_label"),
            BenchmarkJudgement.rank,
            BenchmarkJudgement.rank_of,
            BenchmarkJudgement.quartile,
            BenchmarkJudgement.rank_reason,
        )
        .join(Period, Period.id == BenchmarkJudgement.period_id)
        .join(Area, Area.code == BenchmarkJudgement.area_code)
        .where(BenchmarkJudgement.indicator_id == indicator_id, Area.level.in_(list(levels)))
    )
    if period_labels is not None:
        statement = statement.where(Period.label.in_(list(period_labels)))
    if area_codes is not None:
        statement = statement.where(BenchmarkJudgement.area_code.in_(list(area_codes)))
    return _frame(_db(db), statement)


DISTRIBUTION_COLUMNS = [
    "indicator_id",
    "period_label",
    "dist_min",
    "dist_q1",
    "dist_q3",
    "dist_max",
    "n",
    "parent_code",
    "parent_count",
]


def peer_distributions(periods: Mapping[str, str], levels: Sequence[str], db: Database | None = None) -> pd.DataFrame:
    """The stored range of every area of ``levels`` at one period per indicator (``periods``:
    indicator id → period label), one row per indicator and period id of that label
    (``DISTRIBUTION_COLUMNS``); an indicator with no row has none stored."""
    if not periods:
        return pd.DataFrame(columns=DISTRIBUTION_COLUMNS)
    statement = (
        select(
            PeerDistribution.indicator_id,
            Period.label.label("period_label"),
            PeerDistribution.dist_min,
            PeerDistribution.dist_q1,
            PeerDistribution.dist_q3,
            PeerDistribution.dist_max,
            PeerDistribution.n,
            PeerDistribution.parent_code,
            PeerDistribution.parent_count,
        )
        .join(Period, Period.id == PeerDistribution.period_id)
        .where(
            PeerDistribution.levels == ",".join(levels),
            PeerDistribution.indicator_id.in_(sorted(periods)),
            Period.label.in_(sorted(set(periods.values()))),
        )
    )
    frame = _frame(_db(db), statement)
    return at_periods(frame, periods, "period_label") if not frame.empty else pd.DataFrame(columns=DISTRIBUTION_COLUMNS)


def area_ranks_at(area_code: str, periods: Mapping[str, str], db: Database | None = None) -> pd.DataFrame:
    """One area's stored rank at one period per indicator (``periods``: indicator id → period
    label): ``indicator_id, period_label, rank, rank_of, quartile, rank_reason``, one row per
    stored period of that label (the area profile reads ~150 at once; the whole judgement row of
    every period was three times the read)."""
    columns = ["indicator_id", "period_label", "rank", "rank_of", "quartile", "rank_reason"]
    if not periods:
        return pd.DataFrame(columns=columns)
    statement = (
        select(
            BenchmarkJudgement.indicator_id,
            Period.label.label("period_label"),
            BenchmarkJudgement.rank,
            BenchmarkJudgement.rank_of,
            BenchmarkJudgement.quartile,
            BenchmarkJudgement.rank_reason,
        )
        .join(Period, Period.id == BenchmarkJudgement.period_id)
        .where(
            BenchmarkJudgement.area_code == area_code,
            BenchmarkJudgement.indicator_id.in_(sorted(periods)),
            Period.label.in_(sorted(set(periods.values()))),
        )
    )
    frame = _frame(_db(db), statement)
    return at_periods(frame, periods, "period_label") if not frame.empty else pd.DataFrame(columns=columns)
