"""Computing and storing each (indicator, period, level) range an area profile draws, when data is loaded.

Why here: an area profile's spine chart shows, beside each value, the range of every area of its
level (lowest, quartiles, highest: ``analytics.ranks.distribution``). Drawing it per request read
every peer's value for every indicator of the profile (~150 councils × ~150 indicators), most of a
cold profile's reading. ``data_access.judgement_store.refresh`` calls ``refresh`` in the same
transaction as the stored judgements (seed and import), so the ranges always match the observations.
``reads.peer_distributions`` reads them; the profile computes a range on request, as before, where
none is stored (a database not seeded since migration 0014, or a county's-districts range).

The rule is the profile's own (``views.area``): the total (all-population) actual rows of every
area of the level at the period's label, illustrative values left out when any is published
(``analytics.honest.rankable_flags``), and the range of the values present.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, delete, insert, select

from analytics.codes import TOTAL
from analytics.frames import is_missing_cell
from analytics.honest import rankable_flags
from analytics.judgement import RANK_LEVELS
from analytics.ranks import distribution
from data_access.models import Area, Observation, PeerDistribution, Period

#: The level sets a range is drawn over (a council's among every upper-tier council, a
#: district's among every lower-tier area), as ``PeerDistribution.levels`` names them.
LEVEL_SETS = tuple(sorted({RANK_LEVELS[level] for level in RANK_LEVELS}))


def levels_key(levels: Sequence[str]) -> str:
    """``("county", "unitary")`` → ``"county,unitary"``: how the stored rows name a level set."""
    return ",".join(levels)


def refresh(conn: Connection, indicator_ids: Sequence[str] | None = None) -> int:
    """Recompute the stored ranges (of ``indicator_ids``, or of every indicator) from the
    observations on ``conn``; returns the rows written. Call inside the writer's transaction."""
    wipe = delete(PeerDistribution)
    conn.execute(wipe.where(PeerDistribution.indicator_id.in_(list(indicator_ids))) if indicator_ids is not None else wipe)
    rows = _rows(conn, indicator_ids)
    for start in range(0, len(rows), 20_000):
        conn.execute(insert(PeerDistribution), rows[start : start + 20_000])
    return len(rows)


#: (level, parent code, value, illustrative) of one area's row
_Member = tuple[str, Any, Any, Any]


def _members(
    conn: Connection, ids: Sequence[str] | None
) -> tuple[dict[tuple[str, str], list[_Member]], dict[tuple[str, str], set[int]]]:
    """Every area's row at each (indicator, period label), and the period ids of that label."""
    levels = sorted({level for level_set in LEVEL_SETS for level in level_set})
    statement = (
        select(
            Observation.indicator_id,
            Observation.period_id,
            Period.label,
            Area.level,
            Area.parent_code,
            Observation.value,
            Observation.illustrative,
        )
        .join(Area, Area.code == Observation.area_code)
        .join(Period, Period.id == Observation.period_id)
        .where(
            Observation.breakdown_dimension == TOTAL,
            Observation.breakdown_value == TOTAL,
            Observation.kind == "actual",
            Area.level.in_(levels),
        )
    )
    if ids is not None:
        statement = statement.where(Observation.indicator_id.in_(list(ids)))
    members: dict[tuple[str, str], list[_Member]] = {}
    period_ids: dict[tuple[str, str], set[int]] = {}
    for indicator_id, period_id, label, level, parent, value, illustrative in conn.execute(statement):
        key = (str(indicator_id), str(label))
        members.setdefault(key, []).append((str(level), parent, value, illustrative))
        period_ids.setdefault(key, set()).add(int(period_id))
    return members, period_ids


def spread_of(members: Sequence[_Member]) -> tuple[dict[str, float] | None, set[str]]:
    """The range of the areas' values (None below ``MIN_AREAS_FOR_DISTRIBUTION``) and the
    parents of the areas with a value in it (none when there is no range): the profile's rule."""
    keep = rankable_flags(illustrative for _, _, _, illustrative in members)
    counted = [m for m, k in zip(members, keep) if k]
    spread = distribution([value for _, _, value, _ in counted])
    if spread is None:
        return None, set()
    present = (parent for _, parent, value, _ in counted if not is_missing_cell(value))
    return spread, {parent for parent in present if isinstance(parent, str)}


def _rows(conn: Connection, ids: Sequence[str] | None) -> list[dict[str, Any]]:
    members, period_ids = _members(conn, ids)
    out: list[dict[str, Any]] = []
    for (indicator_id, label), rows in members.items():
        for level_set in LEVEL_SETS:
            peers = [m for m in rows if m[0] in level_set]
            if not peers:
                continue
            spread, parents = spread_of(peers)
            row = {
                "indicator_id": indicator_id,
                "levels": levels_key(level_set),
                "dist_min": spread["dist_min"] if spread else None,
                "dist_q1": spread["dist_q1"] if spread else None,
                "dist_q3": spread["dist_q3"] if spread else None,
                "dist_max": spread["dist_max"] if spread else None,
                "n": int(spread["n"]) if spread else 0,
                "parent_code": next(iter(parents)) if len(parents) == 1 else None,
                "parent_count": len(parents),
            }
            out += [{**row, "period_id": period_id} for period_id in sorted(period_ids[(indicator_id, label)])]
    return out
