"""Computing and storing the one judgement of every published value when data is loaded.

Why here: ``analytics.judgement`` says how an area is ranked and judged; a scorecard or a profile
needs it for hundreds of indicators at once, and computing it per request (every council's value
for every indicator) was most of a cold page's time — on PostgreSQL many seconds. The seed writer
and the import writer call ``refresh`` inside their own transaction, so the stored judgements
always match the observations they were computed from. Pages read them through
``reads.stored_judgements``; other benchmarks are computed on request by the same functions.

Only published (not illustrative) all-population actual values of councils and districts are
judged here; rows without a stored judgement are computed on request by the same function.
``refresh`` also recomputes the ranges the area profile draws (``data_access.distribution_store``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import Connection, Table, delete, select

from analytics.codes import ENGLAND, TOTAL
from analytics.judgement import RANK_LEVELS, Rank, interval, rank_all, verdict
from data_access import distribution_store
from data_access.bulk import insert_rows
from data_access.models import (
    Area,
    AreaGroup,
    AreaGroupMember,
    Base,
    BenchmarkJudgement,
    Indicator,
    IndicatorCode,
    Observation,
)
from data_access.reads.areas import NEIGHBOUR_MODELS
from data_access.reads.indicators import NO_QUARTILE_SCHEME

#: The neighbour model whose average is stored (the default; the other is computed on request).
STORED_MODEL = NEIGHBOUR_MODELS[0]
JUDGED_LEVELS = ("county", "unitary", "district")
BENCHMARK_LEVELS = ("country", "region")


def refresh(conn: Connection, indicator_ids: Iterable[str] | None = None) -> int:
    """Recompute the stored judgements (of ``indicator_ids``, or of every indicator) from the
    observations on ``conn``; returns the rows written. Call inside the writer's transaction."""
    ids = sorted(set(indicator_ids)) if indicator_ids is not None else None
    if ids is not None and not ids:
        return 0
    wipe = delete(BenchmarkJudgement)
    conn.execute(wipe.where(BenchmarkJudgement.indicator_id.in_(ids)) if ids is not None else wipe)
    written = insert_rows(conn, JUDGEMENT_TABLE, STORED_COLUMNS, _rows(conn, ids))
    # the ranges the area profile draws move with the same values: recomputed here, so every
    # writer that refreshes the judgements refreshes them too
    distribution_store.refresh(conn, ids)
    return written


def _observations(conn: Connection, ids: Sequence[str] | None) -> dict[tuple[str, int], list[_Record]]:
    """The judged values, grouped by (indicator, period): each group is one ranking."""
    statement = (
        select(
            Observation.indicator_id,
            Observation.period_id,
            Observation.area_code,
            Observation.value,
            Observation.lower_ci95,
            Observation.upper_ci95,
            Observation.count,
            Observation.denominator,
        )
        .join(Area, Area.code == Observation.area_code)
        .where(
            Observation.breakdown_dimension == TOTAL,
            Observation.breakdown_value == TOTAL,
            Observation.kind == "actual",
            Observation.illustrative.is_(False),
            Observation.value.is_not(None),
            Area.level.in_([*JUDGED_LEVELS, *BENCHMARK_LEVELS]),
        )
    )
    if ids is not None:
        statement = statement.where(Observation.indicator_id.in_(list(ids)))
    groups: dict[tuple[str, int], list[_Record]] = {}
    for indicator_id, period_id, code, value, lower, upper, count, denominator in conn.execute(statement):
        groups.setdefault((indicator_id, period_id), []).append(_Record(code, value, lower, upper, count, denominator))
    return groups


@dataclass(frozen=True)
class _Places:
    """What ranking and comparing need to know about the areas, read once per refresh."""

    #: code -> (level, parent code)
    areas: dict[str, tuple[str, str | None]]
    #: how many areas each level has (the denominator of a quartile band)
    sizes: dict[str, int]
    #: indicator -> (polarity, value type)
    meta: dict[str, tuple[str, str]]
    #: indicators LAIT gives no quartile band
    no_quartile: set[str]
    #: council -> its statistical neighbours (the stored model)
    neighbours: dict[str, list[str]]
    region_for: dict[str, str | None]
    county_for: dict[str, str | None]

    def level(self, code: str) -> str:
        return self.areas.get(code, ("", None))[0]


def _places(conn: Connection) -> _Places:
    areas = {code: (level, parent) for code, level, parent in conn.execute(select(Area.code, Area.level, Area.parent_code))}
    sizes: dict[str, int] = {}
    for level, _ in areas.values():
        sizes[level] = sizes.get(level, 0) + 1
    meta = {i: (p, t) for i, p, t in conn.execute(select(Indicator.id, Indicator.polarity, Indicator.value_type))}
    no_quartile = set(conn.scalars(select(IndicatorCode.indicator_id).where(IndicatorCode.scheme == NO_QUARTILE_SCHEME)))
    neighbours: dict[str, list[str]] = {}
    group_rows = conn.execute(
        select(AreaGroup.anchor_area_code, AreaGroupMember.member_code)
        .join(AreaGroupMember, AreaGroupMember.group_id == AreaGroup.id)
        .where(AreaGroup.kind == "statistical_neighbours", AreaGroup.model == STORED_MODEL)
    )
    for anchor, member in group_rows:
        neighbours.setdefault(str(anchor), []).append(str(member))

    def region_of(code: str) -> str | None:
        level, parent = areas.get(code, ("", None))
        steps = 0
        while parent is not None and steps < 5:
            if areas.get(parent, ("", None))[0] == "region":
                return parent
            parent, steps = areas.get(parent, ("", None))[1], steps + 1
        return None

    def county_of(code: str) -> str | None:
        level, parent = areas.get(code, ("", None))
        return parent if level == "district" and parent and areas.get(parent, ("", None))[0] == "county" else None

    return _Places(
        areas=areas,
        sizes=sizes,
        meta=meta,
        no_quartile=no_quartile,
        neighbours=neighbours,
        region_for={code: region_of(code) for code, (level, _) in areas.items() if level in JUDGED_LEVELS},
        county_for={code: county_of(code) for code, (level, _) in areas.items() if level == "district"},
    )


def _rows(conn: Connection, ids: Sequence[str] | None) -> list[tuple[Any, ...]]:
    """Each judged area's row of ``STORED_COLUMNS``: one ranking per (indicator, period), then each
    value against its benchmarks. Plain tuples, not frames or dicts: half a million rows a seed."""
    groups = _observations(conn, ids)
    if not groups:
        return []
    places = _places(conn)
    out: list[tuple[Any, ...]] = []
    for (indicator_id, period_id), records in groups.items():
        polarity, value_type = places.meta.get(indicator_id, ("no_judgement", "other"))
        values = {r.area_code: r.value for r in records}
        ranks: dict[tuple[str, ...], dict[str, Rank]] = {}
        for level_set in {RANK_LEVELS[level] for level in JUDGED_LEVELS}:
            among = {code: v for code, v in values.items() if places.level(code) in level_set}
            ranks[level_set] = rank_all(
                among,
                polarity,
                value_type=value_type,
                no_quartile=indicator_id in places.no_quartile,
                n_areas=sum(places.sizes.get(level, 0) for level in level_set) or None,
            )
        judged = _Ranking(indicator_id, int(period_id), values, polarity, value_type)
        for record in records:
            level = places.level(record.area_code)
            if level in JUDGED_LEVELS:
                out.append(_row(record, ranks[RANK_LEVELS[level]][record.area_code], judged, places))
    return out


class _Record(NamedTuple):
    """One judged value as read (``_observations``)."""

    area_code: str
    value: float | None  # never None: the read asks for values only
    lower_ci95: float | None
    upper_ci95: float | None
    published_count: float | None  # (``count`` is a tuple's own method)
    denominator: float | None


@dataclass(frozen=True)
class _Ranking:
    """One (indicator, period): every area's value and what judging them needs."""

    indicator_id: str
    period_id: int
    values: dict[str, Any]
    polarity: str
    value_type: str


#: ``_row``'s values, in this order (the stored table's columns)
STORED_COLUMNS = [
    "indicator_id",
    "area_code",
    "period_id",
    "rank",
    "rank_of",
    "quartile",
    "rank_reason",
    "england_value",
    "england_verdict",
    "region_code",
    "region_value",
    "region_verdict",
    "county_code",
    "county_value",
    "county_verdict",
    "sn_value",
    "sn_with_value",
    "sn_verdict",
]
JUDGEMENT_TABLE: Table = Base.metadata.tables[BenchmarkJudgement.__tablename__]


def _row(record: _Record, found: Rank, judged: _Ranking, places: _Places) -> tuple[Any, ...]:
    """One area's stored judgement for one indicator and period: its rank and its verdict against
    each benchmark, as a row of ``STORED_COLUMNS``."""
    code, value, values, polarity = record.area_code, record.value, judged.values, judged.polarity
    lower, upper = record.lower_ci95, record.upper_ci95
    if lower is None or upper is None or lower != lower or upper != upper:
        lower, upper = interval(value, None, None, judged.value_type, record.published_count, record.denominator)
        lower, upper = (None, None) if lower is None or upper is None else (lower, upper)
    england = values.get(ENGLAND)
    region, county = places.region_for.get(code), places.county_for.get(code)
    region_value, county_value = values.get(region) if region else None, values.get(county) if county else None
    group_codes = places.neighbours.get(code, [])
    present = [v for v in (values.get(c) for c in group_codes) if v is not None]
    # the plain mean of the neighbours with a value (analytics.ranks.neighbour_average, in floats)
    average = sum(present) / len(present) if present else None
    return (
        judged.indicator_id,
        code,
        judged.period_id,
        found.rank,
        found.rank_of,
        found.quartile,
        found.reason,
        england,
        _against(value, lower, upper, england, polarity),
        region,
        region_value,
        _against(value, lower, upper, region_value, polarity),
        county,
        county_value,
        _against(value, lower, upper, county_value, polarity),
        average,
        len(present) if group_codes else None,
        _against(value, lower, upper, average, polarity),
    )


def _against(value: Any, lower: Any, upper: Any, benchmark: Any, polarity: str | None) -> str | None:
    """The verdict against one benchmark; None where there is no benchmark value."""
    return None if benchmark is None else verdict(value, lower, upper, benchmark, polarity)
