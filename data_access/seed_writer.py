"""Writing the shipped dataset: the one transaction that puts the plans' rows and the
published data into the database.

Here, not in ``seed/``, because only ``data_access`` talks to the database (an import-linter
contract): ``seed.loader`` validates and merges, then hands plain rows to ``write_seed``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import pandas as pd
from sqlalchemy import delete, insert, select, text

from data_access import judgement_store
from data_access.bulk import insert_observations
from data_access.database import Database
from data_access.models import (
    Area,
    AreaAlias,
    AreaGroup,
    AreaGroupMember,
    Base,
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

Row = dict[str, Any]
#: builds the published data's observation frame once the transaction knows the new period and source ids
PublishedRows = Callable[[dict[tuple[str, str], int], dict[str, int]], pd.DataFrame]


def sources_present(db: Database, keys: Iterable[str]) -> bool:
    """True when any of these sources is in the database (the seed is already loaded)."""
    with db.read() as session:
        return session.scalar(select(Source.id).where(Source.key.in_(list(keys))).limit(1)) is not None


def with_source(rows: list[Row], source_ids: dict[str, int]) -> list[Row]:
    """Rows with their ``source_key`` replaced by the inserted source's id."""
    converted = []
    for row in rows:
        row = dict(row)
        key = row.pop("source_key", None)
        row["source_id"] = source_ids[key] if key else None
        converted.append(row)
    return converted


def by_depth(areas: list[Row]) -> list[list[Row]]:
    """Areas grouped by depth in the parent tree (roots first), so each group can be one insert."""
    parent = {a["code"]: a.get("parent_code") for a in areas}

    def depth(code: str | None) -> int:
        steps = 0
        while code is not None and steps < 10:
            code, steps = parent.get(code), steps + 1
        return steps

    groups: dict[int, list[Row]] = {}
    for area in areas:
        groups.setdefault(depth(area["code"]), []).append(area)
    return [groups[d] for d in sorted(groups)]


def write_seed(db: Database, rows: dict[str, list[Row]], published: PublishedRows, *, replace: bool) -> dict[str, int]:
    """Insert the validated seed in one transaction (``replace`` empties every table first, inside
    it, so a failed reload leaves the previous data untouched). Returns rows inserted per table."""
    counts: dict[str, int] = {}
    with db.write() as session:
        if replace:
            for table in reversed(Base.metadata.sorted_tables):
                session.execute(delete(table))
        result = session.execute(insert(Source).returning(Source.id, Source.key), rows["sources"])
        source_ids = {key: ident for ident, key in result.all()}
        counts["source"] = len(source_ids)

        def bulk(model: type[Base], table_rows: list[Row]) -> None:
            if table_rows:
                session.execute(insert(model), table_rows)
            counts[model.__tablename__] = len(table_rows)

        for depth_rows in by_depth(rows["areas"]):  # parents before children for the self-reference
            session.execute(insert(Area), depth_rows)
        counts["area"] = len(rows["areas"])
        bulk(AreaAlias, rows["area_aliases"])
        bulk(AreaGroup, with_source(rows["area_groups"], source_ids))
        bulk(AreaGroupMember, rows["area_group_members"])
        bulk(Indicator, with_source(rows["indicators"], source_ids))
        bulk(IndicatorCode, rows["indicator_codes"])
        period_result = session.execute(insert(Period).returning(Period.id, Period.period_type, Period.label), rows["periods"])
        period_ids = {(ptype, label): ident for ident, ptype, label in period_result.all()}
        counts["period"] = len(period_ids)
        observations = []
        for o in with_source(rows["observations"], source_ids):
            o["period_id"] = period_ids[o.pop("period")]
            observations.append(o)
        bulk(Observation, observations)
        published_obs = published(period_ids, source_ids)
        insert_observations(session.connection(), published_obs)
        counts["observation"] += len(published_obs)
        counts["observation_published"] = len(published_obs)
        bulk(Framework, with_source(rows["frameworks"], source_ids))
        bulk(Outcome, rows["outcomes"])
        bulk(Priority, rows["priorities"])
        bulk(Measure, with_source(rows["measures"], source_ids))
        bulk(Judgement, with_source(rows["judgements"], source_ids))
        # the one judgement of every published value, computed once here (data_access.judgement_store)
        counts["benchmark_judgement"] = judgement_store.refresh(session.connection())
    analyse(db)
    return counts


def analyse(db: Database) -> None:
    """Refresh PostgreSQL's planner statistics after a bulk load: without them its first plans for
    the pages' reads were hash joins over the whole observation table (seconds per page). VACUUM
    too: it marks the freshly written pages all-visible, without which every index-only scan still
    visited the table for each row (616 heap fetches for one catalogue read) until autovacuum came."""
    if db.backend != "postgresql":
        return
    with db.engine.connect() as connection:
        connection.execution_options(isolation_level="AUTOCOMMIT").execute(text("VACUUM ANALYZE"))
