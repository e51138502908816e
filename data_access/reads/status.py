"""Sources, data currency and health: what the data is and how fresh."""

from __future__ import annotations

from typing import Any

import pandas as pd
from sqlalchemy import Integer, cast, func, select

from data_access.cache import cached, written_version
from data_access.database import Database
from data_access.models import Area, Base, Observation, Period, Source
from data_access.reads._base import _db, _frame


def data_version(db: Database | None = None) -> str:
    """A token that changes whenever data is written (seed, import, plan import, deck save):
    ``views.view_cache`` keys the view models it keeps on it (``data_access.cache.written_version``)."""
    return written_version(_db(db))


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


@cached
def source_value_counts(db: Database | None = None) -> pd.DataFrame:
    """Per source: how many actual values it gives, how many are illustrative, and the latest
    period (actual values only; targets and projections are not 'data currency').

    Cached (``data_access.cache``, keyed on the data version): it aggregates every observation,
    about half a second on the published data, and only a write changes it."""
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
