"""Values: series for charts, latest values, the periods and breakdowns an indicator has."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
from sqlalchemy import Integer, and_, cast, exists, func, or_, select

from data_access.cache import cached
from data_access.database import Database
from data_access.models import FIGURE_COLUMNS, PUBLISHED_VERDICT_COLUMNS, TOTAL, Area, Observation, Period, Source
from data_access.reads._base import AnySelect, _db, _frame, at_periods


def _series_statement() -> AnySelect:
    return (
        select(
            Observation.indicator_id,
            Observation.area_code,
            Area.name.label("area_name"),
            Area.level.label("area_level"),
            Period.label.label("period_label"),
            Period.period_type,
            Period.sort_key.label("period_sort"),
            Observation.breakdown_dimension,
            Observation.breakdown_value,
            Observation.kind,
            *(Observation.__table__.c[name] for name in FIGURE_COLUMNS),
            Observation.illustrative,
            Source.title.label("source_title"),
            Source.publisher.label("source_publisher"),
            Source.url.label("source_url"),
            Source.file.label("source_file"),
            Source.licence.label("source_licence"),
            Observation.source_line,
            *(Observation.__table__.c[name] for name in PUBLISHED_VERDICT_COLUMNS),
        )
        .join(Area, Area.code == Observation.area_code)
        .join(Period, Period.id == Observation.period_id)
        .join(Source, Source.id == Observation.source_id)
    )


#: The columns every series read returns (also when nothing matched).
SERIES_COLUMNS = [column.key for column in _series_statement().selected_columns]


def _series_frame(db: Database | None, statement: AnySelect) -> pd.DataFrame:
    """Run a series statement: an empty frame keeps its columns; ``illustrative`` is a real bool."""
    frame = _frame(_db(db), statement)
    if frame.empty:
        return pd.DataFrame(columns=SERIES_COLUMNS)
    frame["illustrative"] = frame["illustrative"].astype(bool)
    return frame


def series(
    indicator_id: str,
    area_codes: Sequence[str] | None = None,
    *,
    breakdown_dimension: str = TOTAL,
    breakdown_values: Sequence[str] | None = None,
    period_labels: Sequence[str] | None = None,
    kinds: Sequence[str] = ("actual",),
    db: Database | None = None,
) -> pd.DataFrame:
    """Tidy rows for one indicator: areas × periods × breakdown values, oldest period first.

    ``breakdown_values=None`` returns every value of the dimension (for gap charts).
    Missing and suppressed values come back as rows with ``value`` NaN and a ``status``.
    """
    statement = _series_statement().where(
        Observation.indicator_id == indicator_id,
        Observation.breakdown_dimension == breakdown_dimension,
        Observation.kind.in_(list(kinds)),
    )
    if area_codes is not None:
        statement = statement.where(Observation.area_code.in_(list(area_codes)))
    if breakdown_values is not None:
        statement = statement.where(Observation.breakdown_value.in_(list(breakdown_values)))
    if period_labels is not None:
        statement = statement.where(Period.label.in_(list(period_labels)))
    statement = statement.order_by(Period.sort_key, Area.sort_order, Area.name, Observation.breakdown_value)
    return _series_frame(db, statement)


def area_observations(area_code: str, db: Database | None = None) -> pd.DataFrame:
    """Every total (all-population) actual value for one area, all indicators and periods."""
    statement = _series_statement().where(
        Observation.area_code == area_code,
        Observation.breakdown_dimension == TOTAL,
        Observation.kind == "actual",
    )
    return _series_frame(db, statement.order_by(Observation.indicator_id, Period.sort_key))


def area_latest_observations(area_code: str, db: Database | None = None) -> pd.DataFrame:
    """``area_observations`` at each indicator's latest period only (every row at that period's
    sort key): the area profile shows the latest value and counts the indicators, and reading
    every period (4,100 rows for a county, 574 of them latest) was a tenth of its time."""
    wanted = (
        Observation.area_code == area_code,
        Observation.breakdown_dimension == TOTAL,
        Observation.kind == "actual",
    )
    latest = (
        select(Observation.indicator_id.label("i"), func.max(Period.sort_key).label("s"))
        .join(Period, Period.id == Observation.period_id)
        .where(*wanted)
        .group_by(Observation.indicator_id)
        .subquery()
    )
    statement = (
        _series_statement()
        .join(latest, and_(latest.c.i == Observation.indicator_id, latest.c.s == Period.sort_key))
        .where(*wanted)
    )
    return _series_frame(db, statement.order_by(Observation.indicator_id, Period.sort_key))


def latest_values(indicator_ids: Sequence[str], area_codes: Sequence[str], db: Database | None = None) -> pd.DataFrame:
    """The most recent total actual row per indicator × area."""
    latest = (
        select(
            Observation.indicator_id.label("i"),
            Observation.area_code.label("a"),
            func.max(Period.sort_key).label("s"),
        )
        .join(Period, Period.id == Observation.period_id)
        .where(
            Observation.indicator_id.in_(list(indicator_ids)),
            Observation.area_code.in_(list(area_codes)),
            Observation.breakdown_dimension == TOTAL,
            Observation.kind == "actual",
        )
        .group_by(Observation.indicator_id, Observation.area_code)
        .subquery()
    )
    statement = (
        _series_statement()
        .join(
            latest,
            and_(
                latest.c.i == Observation.indicator_id,
                latest.c.a == Observation.area_code,
                latest.c.s == Period.sort_key,
            ),
        )
        .where(Observation.breakdown_dimension == TOTAL, Observation.kind == "actual")
    )
    return _series_frame(db, statement)


@cached
def periods(indicator_id: str, db: Database | None = None) -> pd.DataFrame:
    """The periods an indicator has actual values for, oldest first."""
    # EXISTS per period (a few dozen index probes on ix_observation_indicator_period_kind)
    # instead of joining and de-duplicating every row of the indicator.
    has_actual = exists().where(
        Observation.indicator_id == indicator_id,
        Observation.kind == "actual",
        Observation.period_id == Period.id,
    )
    statement = (
        select(Period.label, Period.period_type, Period.sort_key, Period.start_date, Period.end_date)
        .where(has_actual)
        .order_by(Period.sort_key)
    )
    return _frame(_db(db), statement)


@cached
def breakdowns(indicator_id: str, db: Database | None = None) -> pd.DataFrame:
    statement = (
        select(Observation.breakdown_dimension, Observation.breakdown_value)
        .where(Observation.indicator_id == indicator_id)
        .distinct()
        .order_by(Observation.breakdown_dimension, Observation.breakdown_value)
    )
    return _frame(_db(db), statement)


@cached
def availability(indicator_id: str, db: Database | None = None) -> pd.DataFrame:
    """Where an indicator has data: per area level, how many areas and which periods."""
    statement = (
        select(
            Area.level,
            func.count(func.distinct(Observation.area_code)).label("areas"),
            func.min(Period.sort_key).label("first_sort"),
            func.max(Period.sort_key).label("last_sort"),
            func.count(Observation.id).label("values"),
            func.max(cast(Observation.illustrative, Integer)).label("any_illustrative"),
        )
        .join(Area, Area.code == Observation.area_code)
        .join(Period, Period.id == Observation.period_id)
        .where(Observation.indicator_id == indicator_id, Observation.kind == "actual")
        .group_by(Area.level)
    )
    frame = _frame(_db(db), statement)
    if frame.empty:
        return frame
    labels = _frame(_db(db), select(Period.sort_key, Period.label))
    by_key = labels.drop_duplicates("sort_key").set_index("sort_key")["label"]
    frame["first_period"] = frame["first_sort"].map(by_key)
    frame["last_period"] = frame["last_sort"].map(by_key)
    frame["any_illustrative"] = frame["any_illustrative"].astype(bool)
    return frame


def values_for_areas(
    indicator_ids: Sequence[str],
    *,
    area_codes: Sequence[str] = (),
    levels: Sequence[str] = (),
    periods: Mapping[str, str] | None = None,
    kinds: Sequence[str] = ("actual",),
    db: Database | None = None,
) -> pd.DataFrame:
    """Total (all-population) rows of ``kinds`` (actual values unless told) for several indicators
    at once, for the areas named in ``area_codes`` and every area at one of ``levels`` (used for
    spine-chart distributions). Ordered by indicator, then as ``series`` orders (period, area
    order, area name), so one indicator's rows are in ``series``' order.

    ``periods`` (indicator id → period label) keeps one period per indicator: with every
    council's published series loaded, all periods of all peers would be hundreds of thousands
    of rows where the profile needs one period's."""
    if not indicator_ids or (not area_codes and not levels):
        return pd.DataFrame(columns=SERIES_COLUMNS)
    conditions = []
    if area_codes:
        conditions.append(Observation.area_code.in_(list(area_codes)))
    if levels:
        conditions.append(Area.level.in_(list(levels)))
    statement = _series_statement().where(
        Observation.indicator_id.in_(list(indicator_ids)),
        Observation.breakdown_dimension == TOTAL,
        Observation.breakdown_value == TOTAL,
        Observation.kind == kinds[0] if len(kinds) == 1 else Observation.kind.in_(list(kinds)),
        or_(*conditions),
    )
    if periods:
        statement = statement.where(Period.label.in_(sorted(set(periods.values()))))
    frame = _series_frame(db, statement.order_by(Observation.indicator_id, Period.sort_key, Area.sort_order, Area.name))
    return at_periods(frame, periods, "period_label") if periods else frame


def series_for_indicators(
    indicator_ids: Sequence[str],
    area_codes: Sequence[str],
    db: Database | None = None,
    *,
    groups: Sequence[tuple[str, str, str]] = (),
) -> pd.DataFrame:
    """Every total (all-population) actual row for several indicators × areas, in ONE query,
    plus the rows of the named ``groups`` (indicator, breakdown dimension, breakdown value).

    For pages that show many indicators at once (the Outcome Bees summary): latest value,
    benchmarks at the same period, previous value and a sparkline all come from this frame.
    Ordered by indicator, then oldest period first; suppressed values are rows with NaN value.
    """
    ids, codes = [i for i in dict.fromkeys(indicator_ids) if i], [c for c in dict.fromkeys(area_codes) if c]
    if not ids or not codes:
        return pd.DataFrame(columns=SERIES_COLUMNS)
    wanted = [and_(Observation.breakdown_dimension == TOTAL, Observation.breakdown_value == TOTAL)]
    # plan measures about one group (indicator, dimension, value), e.g. disadvantaged pupils' A8
    wanted += [
        and_(Observation.indicator_id == i, Observation.breakdown_dimension == d, Observation.breakdown_value == v)
        for i, d, v in groups
    ]
    statement = _series_statement().where(
        Observation.indicator_id.in_(ids),
        Observation.area_code.in_(codes),
        or_(*wanted),
        Observation.kind == "actual",
    )
    statement = statement.order_by(Observation.indicator_id, Period.sort_key, Area.sort_order)
    return _series_frame(db, statement)


def period_values(
    periods: Mapping[str, str],
    *,
    area_codes: Sequence[str] = (),
    levels: Sequence[str] = (),
    db: Database | None = None,
) -> pd.DataFrame:
    """``indicator_id, area_code, value, illustrative`` of the total (all-population) actual rows
    at one period per indicator (``periods``: indicator id → period label), for the named areas
    and every area at ``levels``.

    A lean ``values_for_areas``: a scorecard ranks a council among 153 on ~500 indicators at
    once (~80,000 rows), where the series columns (sources, CIs, counts) are not needed and
    building them was most of the time."""
    columns = ["indicator_id", "area_code", "value", "illustrative"]
    if not periods or (not area_codes and not levels):
        return pd.DataFrame(columns=columns)
    conditions = []
    if area_codes:
        conditions.append(Observation.area_code.in_(list(area_codes)))
    if levels:
        conditions.append(Area.level.in_(list(levels)))
    statement = (
        select(Observation.indicator_id, Observation.area_code, Observation.value, Observation.illustrative)
        .join(Area, Area.code == Observation.area_code)
        .join(Period, Period.id == Observation.period_id)
        .where(
            Observation.breakdown_dimension == TOTAL,
            Observation.breakdown_value == TOTAL,
            Observation.kind == "actual",
            or_(*conditions),
        )
    )
    # one select per period label, each with that label's indicators: exactly the rows wanted.
    # With one select of every indicator at every label (a profile's 150 indicators span a dozen
    # labels) most rows fetched were another indicator's period, and fetching them was most of
    # the read; an OR of (label, indicators) pairs stops SQLite using its indexes.
    by_label: dict[str, list[str]] = {}
    for indicator_id, label in periods.items():
        by_label.setdefault(label, []).append(indicator_id)
    # plain tuples to pandas: handing it ~80,000 Row objects costs a failed attribute lookup per row
    rows: list[tuple[Any, ...]] = []
    with _db(db).engine.connect() as connection:
        for label in sorted(by_label):
            chosen = statement.where(Period.label == label, Observation.indicator_id.in_(sorted(by_label[label])))
            rows.extend(tuple(row) for row in connection.execute(chosen))
    if not rows:
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame.from_records(rows, columns=columns)
    frame["illustrative"] = frame["illustrative"].astype(bool)
    return frame
