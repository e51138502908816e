"""The read API: small functions returning tidy DataFrames or plain dicts.

Pages and the HTTP API call these and never see a session, a query or an ORM object.
Every function takes an optional ``db``; without one it uses the process's configured
database. All filtering is done with bound parameters in ``select()`` statements.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd
from sqlalchemy import Integer, Select, and_, cast, exists, func, select

from data_access.cache import cached
from data_access.database import Database, current
from data_access.models import (
    TOTAL,
    Area,
    AreaAlias,
    AreaGroup,
    AreaGroupMember,
    Framework,
    Indicator,
    IndicatorCode,
    Judgement,
    Measure,
    Observation,
    Outcome,
    Period,
    Priority,
    Source,
)

SERIES_COLUMNS = [
    "indicator_id",
    "area_code",
    "area_name",
    "area_level",
    "period_label",
    "period_type",
    "period_sort",
    "breakdown_dimension",
    "breakdown_value",
    "kind",
    "value",
    "value_text",
    "lower_ci95",
    "upper_ci95",
    "lower_ci998",
    "upper_ci998",
    "count",
    "denominator",
    "status",
    "value_note",
    "qualifier",
    "illustrative",
    "source_title",
    "source_publisher",
    "source_url",
    "source_file",
    "source_line",
]


def _db(db: Database | None) -> Database:
    return db if db is not None else current()


def _frame(db: Database, statement: Select[Any]) -> pd.DataFrame:
    # A Core connection, not an ORM session: these selects return plain rows, and skipping the
    # ORM's result machinery takes the read to within a few percent of the bare query (BENCHMARKS.md).
    with db.engine.connect() as connection:
        result = connection.execute(statement)
        return pd.DataFrame(result.all(), columns=list(result.keys()))


def _one(db: Database, statement: Select[Any]) -> dict[str, Any] | None:
    with db.engine.connect() as connection:
        row = connection.execute(statement).mappings().first()
        return dict(row) if row is not None else None


# ---------------------------------------------------------------- indicators

_INDICATOR_COLUMNS = (
    Indicator.id,
    Indicator.name,
    Indicator.short_name,
    Indicator.definition,
    Indicator.unit,
    Indicator.value_type,
    Indicator.polarity,
    Indicator.ci_method,
    Indicator.period_type,
    Indicator.decimals,
    Indicator.topic,
    Indicator.publisher,
    Indicator.fingertips_id,
    Indicator.dfe_code,
    Indicator.gap_phase,
    Source.title.label("source_title"),
    Source.url.label("source_url"),
    Source.publisher.label("source_publisher"),
    Source.licence.label("source_licence"),
)


@cached
def indicators(db: Database | None = None) -> pd.DataFrame:
    """Every indicator with its source, ordered by name."""
    statement = (
        select(*_INDICATOR_COLUMNS)
        .outerjoin(Source, Source.id == Indicator.source_id)
        .order_by(Indicator.name)
    )
    frame = _frame(_db(db), statement)
    codes = indicator_codes(db)
    joined = codes.assign(label=codes["scheme"] + " " + codes["code"]).groupby("indicator_id")["label"]
    labels = joined.apply(lambda s: "; ".join(sorted(s))).to_dict() if not codes.empty else {}
    frame["codes"] = [labels.get(indicator_id, "") for indicator_id in frame["id"]]
    frame["has_data"] = frame["id"].isin(indicators_with_data(db))
    return frame


def indicator(indicator_id: str, db: Database | None = None) -> dict[str, Any] | None:
    """One indicator as a dict, with its codes; None when the id is unknown."""
    statement = (
        select(*_INDICATOR_COLUMNS)
        .outerjoin(Source, Source.id == Indicator.source_id)
        .where(Indicator.id == indicator_id)
    )
    found = _one(_db(db), statement)
    if found is None:
        return None
    # Only this indicator's codes (not the whole table): one indexed lookup on the primary key.
    code_statement = (
        select(IndicatorCode.scheme, IndicatorCode.code, IndicatorCode.note)
        .where(IndicatorCode.indicator_id == indicator_id)
        .order_by(IndicatorCode.scheme, IndicatorCode.code)
    )
    found["codes"] = _frame(_db(db), code_statement).to_dict("records")
    return found


def indicator_codes(db: Database | None = None) -> pd.DataFrame:
    statement = select(IndicatorCode.indicator_id, IndicatorCode.scheme, IndicatorCode.code, IndicatorCode.note)
    return _frame(_db(db), statement.order_by(IndicatorCode.scheme, IndicatorCode.code))


def indicators_with_data(db: Database | None = None) -> set[str]:
    # One EXISTS probe per indicator on ix_observation_indicator_period_kind, not a DISTINCT
    # over every observation (a full scan of ten million rows at national scale).
    has_actual = exists().where(Observation.indicator_id == Indicator.id, Observation.kind == "actual")
    statement = select(Indicator.id).where(has_actual)
    with _db(db).read() as session:
        return set(session.scalars(statement))


# --------------------------------------------------------------------- areas


@cached
def areas(levels: Iterable[str] | None = None, db: Database | None = None) -> pd.DataFrame:
    """Areas ordered for menus: England, region, counties, then districts by name."""
    statement = select(
        Area.code, Area.name, Area.short_name, Area.level, Area.parent_code, Area.dfe_la_code, Area.sort_order
    ).order_by(Area.sort_order, Area.name)
    if levels is not None:
        statement = statement.where(Area.level.in_(list(levels)))
    return _frame(_db(db), statement)


def resolve_area_code(code: str, db: Database | None = None) -> str | None:
    """The current GSS code for ``code`` (itself, or the area a predecessor code became)."""
    database = _db(db)
    with database.read() as session:
        if session.get(Area, code) is not None:
            return code
        alias = session.get(AreaAlias, code)
        return alias.area_code if alias is not None else None


def area(code: str, db: Database | None = None) -> dict[str, Any] | None:
    """One area (predecessor codes resolve to the current area); None when unknown."""
    resolved = resolve_area_code(code, db)
    if resolved is None:
        return None
    statement = select(
        Area.code, Area.name, Area.short_name, Area.level, Area.parent_code, Area.dfe_la_code
    ).where(Area.code == resolved)
    return _one(_db(db), statement)


def area_aliases(db: Database | None = None) -> pd.DataFrame:
    statement = select(AreaAlias.alias, AreaAlias.area_code, AreaAlias.scheme, AreaAlias.valid_until, AreaAlias.note)
    return _frame(_db(db), statement.order_by(AreaAlias.alias))


def area_groups(db: Database | None = None) -> pd.DataFrame:
    statement = (
        select(
            AreaGroup.id.label("group_id"),
            AreaGroup.name.label("group_name"),
            AreaGroup.kind,
            AreaGroup.anchor_area_code,
            AreaGroupMember.member_code,
            AreaGroupMember.member_name,
            AreaGroupMember.rank,
        )
        .outerjoin(AreaGroupMember, AreaGroupMember.group_id == AreaGroup.id)
        .order_by(AreaGroup.id, AreaGroupMember.rank)
    )
    return _frame(_db(db), statement)


# -------------------------------------------------------------- observations


def _series_statement() -> Select[Any]:
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
            Observation.value,
            Observation.value_text,
            Observation.lower_ci95,
            Observation.upper_ci95,
            Observation.lower_ci998,
            Observation.upper_ci998,
            Observation.count,
            Observation.denominator,
            Observation.status,
            Observation.value_note,
            Observation.qualifier,
            Observation.illustrative,
            Source.title.label("source_title"),
            Source.publisher.label("source_publisher"),
            Source.url.label("source_url"),
            Source.file.label("source_file"),
            Observation.source_line,
        )
        .join(Area, Area.code == Observation.area_code)
        .join(Period, Period.id == Observation.period_id)
        .join(Source, Source.id == Observation.source_id)
    )


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
    frame = _frame(_db(db), statement)
    if frame.empty:
        return pd.DataFrame(columns=SERIES_COLUMNS)
    frame["illustrative"] = frame["illustrative"].astype(bool)
    return frame


def area_observations(area_code: str, db: Database | None = None) -> pd.DataFrame:
    """Every total (all-population) actual value for one area, all indicators and periods."""
    statement = _series_statement().where(
        Observation.area_code == area_code,
        Observation.breakdown_dimension == TOTAL,
        Observation.kind == "actual",
    )
    frame = _frame(_db(db), statement.order_by(Observation.indicator_id, Period.sort_key))
    if frame.empty:
        return pd.DataFrame(columns=SERIES_COLUMNS)
    frame["illustrative"] = frame["illustrative"].astype(bool)
    return frame


def latest_values(
    indicator_ids: Sequence[str], area_codes: Sequence[str], db: Database | None = None
) -> pd.DataFrame:
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
    statement = _series_statement().join(
        latest,
        and_(
            latest.c.i == Observation.indicator_id,
            latest.c.a == Observation.area_code,
            latest.c.s == Period.sort_key,
        ),
    ).where(Observation.breakdown_dimension == TOTAL, Observation.kind == "actual")
    frame = _frame(_db(db), statement)
    if frame.empty:
        return pd.DataFrame(columns=SERIES_COLUMNS)
    frame["illustrative"] = frame["illustrative"].astype(bool)
    return frame


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


# ---------------------------------------------------------------- frameworks


def frameworks(db: Database | None = None) -> pd.DataFrame:
    statement = select(
        Framework.id,
        Framework.name,
        Framework.short_name,
        Framework.owner_area_code,
        Framework.period_label,
        Framework.outcome_kind,
        Framework.is_default,
        Source.title.label("source_title"),
    ).outerjoin(Source, Source.id == Framework.source_id).order_by(Framework.sort_order)
    return _frame(_db(db), statement)


def framework_tree(framework_id: str, db: Database | None = None) -> pd.DataFrame:
    """One row per measure (or per outcome with no measures), outcome → priority → measure."""
    statement = (
        select(
            Outcome.id.label("outcome_id"),
            Outcome.code.label("outcome_code"),
            Outcome.name.label("outcome_name"),
            Outcome.description.label("outcome_description"),
            Outcome.sort_order.label("outcome_order"),
            Priority.id.label("priority_id"),
            Priority.label.label("priority_label"),
            Priority.title.label("priority_title"),
            Measure.id.label("measure_id"),
            Measure.wording,
            Measure.indicator_id,
            Measure.polarity_override,
            Measure.target_kind,
            Measure.target_value,
            Measure.target_baseline_value,
            Measure.target_baseline_period,
            Measure.target_comparator,
            Measure.target_relation,
            Measure.target_by,
            Measure.target_text,
            Measure.legacy_code,
            Measure.source_line,
            Measure.sort_order.label("measure_order"),
        )
        .outerjoin(Measure, Measure.outcome_id == Outcome.id)
        .outerjoin(Priority, Priority.id == Measure.priority_id)
        .where(Outcome.framework_id == framework_id)
        .order_by(Outcome.sort_order, Measure.sort_order)
    )
    return _frame(_db(db), statement)


def priorities(framework_id: str, db: Database | None = None) -> pd.DataFrame:
    statement = (
        select(Priority.id, Priority.outcome_id, Priority.label, Priority.title, Priority.lead, Priority.source_line)
        .where(Priority.framework_id == framework_id)
        .order_by(Priority.sort_order)
    )
    return _frame(_db(db), statement)


def measures_using(indicator_id: str, db: Database | None = None) -> pd.DataFrame:
    """Which plans and outcomes use an indicator, with the plan's own wording."""
    statement = (
        select(
            Framework.id.label("framework_id"),
            Framework.name.label("framework_name"),
            Outcome.name.label("outcome_name"),
            Measure.wording,
            Measure.source_line,
        )
        .join(Outcome, Outcome.id == Measure.outcome_id)
        .join(Framework, Framework.id == Measure.framework_id)
        .where(Measure.indicator_id == indicator_id)
        .order_by(Framework.sort_order, Outcome.sort_order)
    )
    return _frame(_db(db), statement)


# ---------------------------------------------------------------- judgements


def judgements(area_code: str, db: Database | None = None) -> pd.DataFrame:
    statement = (
        select(
            Judgement.body,
            Judgement.framework,
            Judgement.aspect,
            Judgement.scale,
            Judgement.scale_direction,
            Judgement.grade,
            Judgement.label,
            Judgement.judged_on,
            Judgement.period_label,
            Judgement.note,
            Source.title.label("source_title"),
            Judgement.source_line,
        )
        .join(Source, Source.id == Judgement.source_id)
        .where(Judgement.area_code == area_code)
        .order_by(Judgement.judged_on, Judgement.id)
    )
    return _frame(_db(db), statement)


# ------------------------------------------------------------------- sources


def sources(db: Database | None = None) -> pd.DataFrame:
    statement = select(
        Source.key,
        Source.publisher,
        Source.title,
        Source.url,
        Source.file,
        Source.published_on,
        Source.extracted_on,
        Source.licence,
        Source.note,
    ).order_by(Source.id)
    return _frame(_db(db), statement)


@cached
def data_currency(db: Database | None = None) -> dict[str, Any]:
    """How fresh the data is: the latest period with values, the newest extract, when loaded."""
    database = _db(db)
    with database.read() as session:
        latest_sort = session.scalar(  # actual values only: targets run to 2030
            select(func.max(Period.sort_key))
            .join(Observation, Observation.period_id == Period.id)
            .where(Observation.kind == "actual", Observation.value.is_not(None))
        )
        latest_label = (
            session.scalar(select(Period.label).where(Period.sort_key == latest_sort).limit(1))
            if latest_sort is not None
            else None
        )
        newest_extract = session.scalar(select(func.max(Source.extracted_on)))
        newest_publication = session.scalar(select(func.max(Source.published_on)))
        loaded = session.scalar(select(func.max(Observation.loaded_at)))
        illustrative = session.scalar(select(func.count()).where(Observation.illustrative.is_(True)))
        total = session.scalar(select(func.count()).select_from(Observation))
    return {
        "latest_period": latest_label,
        "newest_extract": newest_extract,
        "newest_publication": newest_publication,
        "last_loaded": loaded,
        "observations": total or 0,
        "illustrative_observations": illustrative or 0,
    }


def table_counts(db: Database | None = None) -> dict[str, int]:
    """Row counts per table, for ``info`` and ``/healthz``."""
    from data_access.models import Base

    database = _db(db)
    counts: dict[str, int] = {}
    with database.read() as session:
        for table in Base.metadata.sorted_tables:
            counts[table.name] = int(session.scalar(select(func.count()).select_from(table)) or 0)
    return counts


def ping(db: Database | None = None) -> bool:
    """True when the database answers a trivial query."""
    with _db(db).read() as session:
        return session.scalar(select(func.count()).select_from(Area)) is not None


# ------------------------------------------------------- area profile (appended)


def values_for_areas(
    indicator_ids: Sequence[str],
    *,
    area_codes: Sequence[str] = (),
    levels: Sequence[str] = (),
    db: Database | None = None,
) -> pd.DataFrame:
    """Total (all-population) actual rows for several indicators at once, for the areas named
    in ``area_codes`` and every area at one of ``levels`` (used for spine-chart distributions)."""
    if not indicator_ids or (not area_codes and not levels):
        return pd.DataFrame(columns=SERIES_COLUMNS)
    conditions = []
    if area_codes:
        conditions.append(Observation.area_code.in_(list(area_codes)))
    if levels:
        conditions.append(Area.level.in_(list(levels)))
    from sqlalchemy import or_

    statement = _series_statement().where(
        Observation.indicator_id.in_(list(indicator_ids)),
        Observation.breakdown_dimension == TOTAL,
        Observation.breakdown_value == TOTAL,
        Observation.kind == "actual",
        or_(*conditions),
    )
    frame = _frame(_db(db), statement.order_by(Observation.indicator_id, Period.sort_key, Area.sort_order))
    if frame.empty:
        return pd.DataFrame(columns=SERIES_COLUMNS)
    frame["illustrative"] = frame["illustrative"].astype(bool)
    return frame


# ------------------------------------------------------------ summary (bees)


def series_for_indicators(
    indicator_ids: Sequence[str], area_codes: Sequence[str], db: Database | None = None
) -> pd.DataFrame:
    """Every total (all-population) actual row for several indicators × areas, in ONE query.

    For pages that show many indicators at once (the Outcome Bees summary): latest value,
    benchmarks at the same period, previous value and a sparkline all come from this frame.
    Ordered by indicator, then oldest period first; suppressed values are rows with NaN value.
    """
    ids, codes = [i for i in dict.fromkeys(indicator_ids) if i], [c for c in dict.fromkeys(area_codes) if c]
    if not ids or not codes:
        return pd.DataFrame(columns=SERIES_COLUMNS)
    statement = _series_statement().where(
        Observation.indicator_id.in_(ids),
        Observation.area_code.in_(codes),
        Observation.breakdown_dimension == TOTAL,
        Observation.breakdown_value == TOTAL,
        Observation.kind == "actual",
    )
    statement = statement.order_by(Observation.indicator_id, Period.sort_key, Area.sort_order)
    frame = _frame(_db(db), statement)
    if frame.empty:
        return pd.DataFrame(columns=SERIES_COLUMNS)
    frame["illustrative"] = frame["illustrative"].astype(bool)
    return frame


def source_value_counts(db: Database | None = None) -> pd.DataFrame:
    """Per source: how many actual values it gives, how many are illustrative, and the latest
    period (actual values only; targets and projections are not 'data currency')."""
    statement = (
        select(
            Source.key,
            Source.title,
            func.count(Observation.id).label("values"),
            func.sum(cast(Observation.illustrative, Integer)).label("illustrative_values"),
            func.max(Period.sort_key).label("last_sort"),
        )
        .join(Observation, Observation.source_id == Source.id)
        .join(Period, Period.id == Observation.period_id)
        .where(Observation.kind == "actual")
        .group_by(Source.key, Source.title)
        .order_by(Source.key)
    )
    frame = _frame(_db(db), statement)
    if frame.empty:
        return frame.assign(last_period=pd.Series(dtype=object))
    labels = _frame(_db(db), select(Period.sort_key, Period.label)).drop_duplicates("sort_key").set_index("sort_key")["label"]
    frame["illustrative_values"] = frame["illustrative_values"].fillna(0).astype(int)
    frame["last_period"] = frame["last_sort"].map(labels)
    return frame


# ------------------------------------------------------------------- presentation decks


def decks(db: Database | None = None) -> pd.DataFrame:
    """Saved decks, newest first: id, name, created_at, slides (count)."""
    from data_access.models import Deck, DeckSlide

    statement = (
        select(Deck.id, Deck.name, Deck.created_at, func.count(DeckSlide.position).label("slides"))
        .outerjoin(DeckSlide, DeckSlide.deck_id == Deck.id)
        .group_by(Deck.id, Deck.name, Deck.created_at)
        .order_by(Deck.created_at.desc(), Deck.name)
    )
    return _frame(_db(db), statement)


def deck(deck_id: str, db: Database | None = None) -> dict[str, Any] | None:
    """One deck with its view URLs in order, or None."""
    from data_access.models import Deck, DeckSlide

    database = _db(db)
    with database.read() as session:
        row = session.execute(select(Deck.id, Deck.name, Deck.created_at).where(Deck.id == deck_id)).mappings().first()
        if row is None:
            return None
        urls = list(session.scalars(select(DeckSlide.view_url).where(DeckSlide.deck_id == deck_id).order_by(DeckSlide.position)))
    return {**dict(row), "view_urls": urls}
