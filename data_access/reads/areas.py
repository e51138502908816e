"""Areas, their predecessor codes and named comparator groups."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import cast

import pandas as pd
from sqlalchemy import func, select

from data_access.cache import cached
from data_access.database import Database
from data_access.models import Area, AreaAlias, AreaGroup, AreaGroupMember, Source
from data_access.reads._base import _db, _frame, _one
from data_access.reads.records import AncestorRecord, AreaRecord


@cached
def areas(levels: Iterable[str] | None = None, db: Database | None = None, parent: str | None = None) -> pd.DataFrame:
    """Areas ordered for menus: England, region, counties, then districts by name.

    ``parent`` keeps the areas whose parent is that code (the wards of a district, the MSOAs
    of a county), so a file's small areas can be listed without loading them all.
    """
    statement = select(
        Area.code, Area.name, Area.short_name, Area.level, Area.parent_code, Area.dfe_la_code, Area.sort_order
    ).order_by(Area.sort_order, Area.name)
    if levels is not None:
        statement = statement.where(Area.level.in_(list(levels)))
    if parent is not None:
        statement = statement.where(Area.parent_code == parent)
    return _frame(_db(db), statement)


def area_ancestors(code: str, db: Database | None = None) -> list[AncestorRecord]:
    """The area's parent, grandparent … up to the top (nearest first), each as code/name/level.

    Why: a ward or MSOA is read against its district, county and England; the chain comes
    from the parent codes the import recorded, and stops at a missing or looping parent.
    """
    database = _db(db)
    chain: list[AncestorRecord] = []
    seen = {code}
    with database.read() as session:
        current = session.get(Area, code)
        while current is not None and current.parent_code and current.parent_code not in seen:
            seen.add(current.parent_code)
            current = session.get(Area, current.parent_code)
            if current is not None:
                chain.append({"code": current.code, "name": current.name, "level": current.level})
    return chain


def resolve_area_code(code: str, db: Database | None = None) -> str | None:
    """The current GSS code for ``code`` (itself, or the area a predecessor code became)."""
    database = _db(db)
    with database.read() as session:
        if session.get(Area, code) is not None:
            return code
        alias = session.get(AreaAlias, code)
        return alias.area_code if alias is not None else None


def resolve_area_codes(codes: Sequence[str], db: Database | None = None) -> dict[str, str | None]:
    """``resolve_area_code`` for several codes in at most two reads (every code asked is a key).

    Why: a comparison of twelve areas resolved them one query at a time (two with an alias)."""
    wanted = list(dict.fromkeys(codes))
    if not wanted:
        return {}
    database = _db(db)
    with database.engine.connect() as connection:
        current = set(connection.scalars(select(Area.code).where(Area.code.in_(wanted))))
        missing = [code for code in wanted if code not in current]
        aliases: dict[str, str] = {}
        if missing:
            found = connection.execute(select(AreaAlias.alias, AreaAlias.area_code).where(AreaAlias.alias.in_(missing)))
            aliases = {str(alias): str(target) for alias, target in found}
    return {code: code if code in current else aliases.get(code) for code in wanted}


def areas_by_code(codes: Sequence[str], db: Database | None = None) -> dict[str, AreaRecord]:
    """``area`` for several codes at once: asked code → its record (predecessor codes resolve);
    unknown codes are left out. One read when every code is current (three with predecessors)."""
    wanted = list(dict.fromkeys(codes))
    if not wanted:
        return {}
    columns = (Area.code, Area.name, Area.short_name, Area.level, Area.parent_code, Area.dfe_la_code)
    with _db(db).engine.connect() as connection:
        # the select's columns are AreaRecord's keys
        records = {
            str(row["code"]): cast(AreaRecord, dict(row))
            for row in connection.execute(select(*columns).where(Area.code.in_(wanted))).mappings()
        }
        missing = [code for code in wanted if code not in records]
        if missing:
            found = connection.execute(select(AreaAlias.alias, AreaAlias.area_code).where(AreaAlias.alias.in_(missing)))
            aliases = {str(alias): str(target) for alias, target in found}
            targets = sorted(set(aliases.values()) - set(records))
            if targets:
                statement = select(*columns).where(Area.code.in_(targets))
                records.update(
                    {str(row["code"]): cast(AreaRecord, dict(row)) for row in connection.execute(statement).mappings()}
                )
            records.update({code: records[aliases[code]] for code in missing if aliases.get(code) in records})
    return {code: records[code] for code in wanted if code in records}


def area(code: str, db: Database | None = None) -> AreaRecord | None:
    """One area (predecessor codes resolve to the current area); None when unknown."""
    resolved = resolve_area_code(code, db)
    if resolved is None:
        return None
    statement = select(Area.code, Area.name, Area.short_name, Area.level, Area.parent_code, Area.dfe_la_code).where(
        Area.code == resolved
    )
    # the select's columns are AreaRecord's keys
    return cast(AreaRecord | None, _one(_db(db), statement))


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


#: DfE statistical-neighbour models loaded from the published data, the default first.
NEIGHBOUR_MODELS = ("2025", "2021")


@cached
def statistical_neighbours(
    area_code: str | None = None, model: str = NEIGHBOUR_MODELS[0], db: Database | None = None
) -> pd.DataFrame:
    """A council's ten DfE statistical neighbours in the model's order (every council's when
    ``area_code`` is None): ``area_code, rank, code, name, closeness, group_id, source_title``.

    Empty for an area the model has no group for (districts, England, councils created after it).
    """
    statement = (
        select(
            AreaGroup.anchor_area_code.label("area_code"),
            AreaGroupMember.rank,
            AreaGroupMember.member_code.label("code"),
            Area.name,
            AreaGroupMember.closeness,
            AreaGroup.id.label("group_id"),
            Source.title.label("source_title"),
        )
        .join(AreaGroupMember, AreaGroupMember.group_id == AreaGroup.id)
        .join(Area, Area.code == AreaGroupMember.member_code)
        .outerjoin(Source, Source.id == AreaGroup.source_id)
        .where(AreaGroup.kind == "statistical_neighbours", AreaGroup.model == model)
        .order_by(AreaGroup.anchor_area_code, AreaGroupMember.rank)
    )
    if area_code is not None:
        statement = statement.where(AreaGroup.anchor_area_code == area_code)
    frame = _frame(_db(db), statement)
    if frame.empty:
        return pd.DataFrame(columns=["area_code", "rank", "code", "name", "closeness", "group_id", "source_title"])
    frame["rank"] = frame["rank"].astype(int)
    return frame


@cached
def level_sizes(db: Database | None = None) -> dict[str, int]:
    """How many areas each level has (level → count): the denominator of the rank rules' coverage."""
    statement = select(Area.level, func.count()).group_by(Area.level)
    with _db(db).read() as session:
        return {str(level): int(n) for level, n in session.execute(statement)}
