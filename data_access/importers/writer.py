"""Write a validated file in ONE transaction: source, areas, indicators, periods, observations.

Idempotent: the source row is keyed by the file's SHA-256, and an observation whose figures
are unchanged is left alone. A changed figure is updated in place and its old figures are
kept in ``observation_revision`` with the source they came from. Existing keys are found
with one bulk select per import (never per row) and rows are inserted with Core
``insert()`` executemany in chunks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import Connection, bindparam, func, insert, inspect, select, update

from data_access import judgement_store
from data_access.bulk import OBSERVATION_TABLE, bulk_insert_observations, column_lists, copy_rows
from data_access.database import Database
from data_access.importers.cells import row_codes
from data_access.importers.geography import LEVEL_ORDER, sort_order
from data_access.importers.report import FIGURE_FIELDS, IndicatorSpec, ProgressCallback, RegistrableArea
from data_access.importers.validate import Validated
from data_access.models import (
    FIGURE_COLUMNS,
    PUBLISHED_VERDICT_COLUMNS,
    Area,
    Indicator,
    Observation,
    ObservationRevision,
    Period,
    Source,
)

CHUNK = 20_000
#: From this many new rows on, lookup indexes are rebuilt once rather than updated per row.
BULK_INDEX_ROWS = 100_000
#: From this many new rows on, PostgreSQL (psycopg) receives them through COPY.
COPY_ROWS = 1_000
KEY = ["indicator_id", "area_code", "period_id", "breakdown_dimension", "breakdown_value", "kind"]
INSERT_COLUMNS = [
    "indicator_id",
    "area_code",
    "period_id",
    "breakdown_dimension",
    "breakdown_value",
    "kind",
    *FIGURE_COLUMNS,
    "source_id",
    "source_line",
    "illustrative",
    *PUBLISHED_VERDICT_COLUMNS,
]
_COMPARED = list(FIGURE_FIELDS) + ["value_note"]
#: figures an update keeps in observation_revision
_REVISED = ("value", "lower_ci95", "upper_ci95", "count", "denominator", "status")
#: columns an update rewrites: the figures and where they came from
_UPDATED = [*FIGURE_COLUMNS, "source_id", "source_line", "illustrative", *PUBLISHED_VERDICT_COLUMNS]
_ALWAYS_SENT = {
    "indicator_id",
    "area_code",
    "period_id",
    "breakdown_dimension",
    "breakdown_value",
    "kind",
    "source_id",
    "illustrative",
}


@dataclass
class SourceInfo:
    key: str
    publisher: str
    title: str
    file: str
    note: str | None = None
    url: str | None = None
    imported_by: str | None = None  # the CLI's user or the signed-in administrator


@dataclass
class WriteCounts:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    source_id: int | None = None
    indicators_registered: list[str] | None = None


def _bulk_session(conn: Connection, rows: int) -> None:
    """Give a big load the memory it needs, for this transaction/connection only.

    SQLite's default page cache is 2 MB, so a million-row insert into an indexed table (and
    the index rebuild after it) spills to disk over and over; PostgreSQL's default
    ``maintenance_work_mem`` makes the index rebuild sort on disk. Both settings are reset
    when the import ends (SQLite's cache size is restored; ``SET LOCAL`` ends with the
    transaction). Fixed statements, no data in them.
    """
    if rows < BULK_INDEX_ROWS:
        return
    if conn.dialect.name == "sqlite":
        previous = conn.exec_driver_sql("PRAGMA cache_size").scalar()
        conn.exec_driver_sql("PRAGMA cache_size = -262144")  # 256 MiB
        conn.info["ob_restore_cache_size"] = previous
    elif conn.dialect.name == "postgresql":
        conn.exec_driver_sql("SET LOCAL maintenance_work_mem = '256MB'")
        conn.exec_driver_sql("SET LOCAL work_mem = '64MB'")


def _insert_new(conn: Connection, new_rows: pd.DataFrame, total: int, progress: ProgressCallback | None) -> None:
    """Insert in chunks: PostgreSQL (psycopg) through COPY, everything else through executemany."""
    copy = len(new_rows) >= COPY_ROWS and conn.dialect.name == "postgresql" and conn.dialect.driver == "psycopg"
    done = 0
    for start in range(0, len(new_rows), CHUNK):
        chunk = new_rows.iloc[start : start + CHUNK]
        # columns that are NULL throughout the chunk are left to their NULL default
        columns = [c for c in INSERT_COLUMNS if c in _ALWAYS_SENT or chunk[c].notna().any()]
        if copy:
            copy_rows(conn, chunk, columns)
        else:
            bulk_insert_observations(conn, chunk, columns)
        done += len(chunk)
        if progress:
            progress("write", done, total)


def _end_bulk_session(conn: Connection) -> None:
    previous = conn.info.pop("ob_restore_cache_size", None)
    if previous is not None:
        conn.exec_driver_sql(f"PRAGMA cache_size = {int(previous)}")


class _DryRun(Exception):
    """Raised inside the transaction to roll a dry run back."""


def records(frame: pd.DataFrame, columns: list[str]) -> list[dict[str, Any]]:
    """Rows as dicts of plain Python values, NaN/NA as None."""
    return [dict(zip(columns, row)) for row in zip(*column_lists(frame, columns))]


def _source_id(conn: Connection, info: SourceInfo) -> int:
    found = conn.execute(select(Source.id).where(Source.key == info.key)).scalar()
    if found is not None:
        return int(found)
    result = conn.execute(
        insert(Source).values(
            key=info.key,
            publisher=info.publisher[:200],
            title=info.title[:400],
            file=info.file[:300],
            url=info.url,
            extracted_on=dt.date.today(),
            note=info.note,
            imported_by=(info.imported_by or None) and info.imported_by[:120],
        )
    )
    key = result.inserted_primary_key
    if key is None:  # every supported dialect returns the new id; this keeps the type honest
        raise RuntimeError("the database did not return the new source id")
    return int(key[0])


def _register_indicators(conn: Connection, specs: dict[str, IndicatorSpec], source_id: int) -> list[str]:
    if not specs:
        return []
    existing = set(conn.execute(select(Indicator.id).where(Indicator.id.in_(list(specs)))).scalars())
    new = [spec for key, spec in specs.items() if key not in existing]
    if new:
        conn.execute(
            insert(Indicator),
            [
                {
                    "id": spec.id,
                    "name": spec.name[:300],
                    "unit": spec.unit[:120],
                    "value_type": spec.value_type,
                    "polarity": spec.polarity,
                    "ci_method": spec.ci_method,
                    "period_type": spec.period_type,
                    "decimals": spec.decimals,
                    "publisher": spec.publisher,
                    "definition": spec.definition,
                    "topic": spec.topic,
                    "source_id": source_id,
                    "fingertips_id": spec.fingertips_id,
                    "dfe_code": spec.dfe_code,
                }
                for spec in new
            ],
        )
    return [spec.id for spec in new]


def _register_areas(conn: Connection, areas: dict[str, RegistrableArea]) -> None:
    if not areas:
        return
    if any(len(entry) > 2 for entry in areas.values()):
        _register_areas_with_parents(conn, areas)
        return
    existing = set(conn.execute(select(Area.code).where(Area.code.in_(list(areas)))).scalars())
    rows = [
        {"code": code, "name": entry[0][:200] or code, "level": entry[1], "sort_order": 0 if entry[1] == "country" else 1}
        for code, entry in areas.items()
        if code not in existing
    ]
    if rows:
        conn.execute(insert(Area), rows)


def _register_areas_with_parents(conn: Connection, areas: dict[str, RegistrableArea]) -> None:
    """Add areas a file names (wards, MSOAs …) with their level and parent, parents first.

    A parent the database does not hold and the file does not add is left out (NULL), so
    the foreign key holds; the area is still registered.
    """
    codes = list(areas)
    parents = {entry[2] for entry in areas.values() if len(entry) > 2 and entry[2]}
    known = set(conn.execute(select(Area.code).where(Area.code.in_(codes + sorted(parents)))).scalars())
    rank = {level: position for position, level in enumerate(LEVEL_ORDER)}
    rows: list[dict[str, Any]] = []
    for code, entry in sorted(areas.items(), key=lambda item: rank.get(item[1][1], len(rank))):
        if code in known:
            continue
        name, level = entry[0], entry[1]
        parent = entry[2] if len(entry) > 2 else None
        rows.append(
            {
                "code": code,
                "name": (name or code)[:200],
                "level": level,
                "parent_code": parent if parent in known or parent in areas else None,
                "sort_order": sort_order(level),
            }
        )
    # parents first: one statement per level keeps the foreign key satisfied
    for level in dict.fromkeys(row["level"] for row in rows):
        batch = [row for row in rows if row["level"] == level]
        conn.execute(insert(Area), batch)


def _set_parents(conn: Connection, parents: dict[str, str]) -> None:
    """Give stored areas without a parent the one the lookup found, where that parent is stored too."""
    if not parents:
        return
    known = set(conn.execute(select(Area.code).where(Area.code.in_(sorted(set(parents.values()))))).scalars())
    for code, parent in parents.items():
        if parent in known:
            conn.execute(update(Area).where(Area.code == code, Area.parent_code.is_(None)).values(parent_code=parent))


def _replace_polarity(conn: Connection, specs: dict[str, IndicatorSpec]) -> None:
    """Store the source's polarity where the user asked for it (``--update-metadata``)."""
    for spec in specs.values():
        if spec.replace_polarity:
            conn.execute(update(Indicator).where(Indicator.id == spec.id).values(polarity=spec.polarity))


def _period_ids(conn: Connection, validated: Validated) -> dict[tuple[str, str], int]:
    wanted = validated.periods
    if not wanted:
        return {}
    labels = sorted({label for _, label in wanted})
    found: dict[tuple[str, str], int] = {}
    for start in range(0, len(labels), 500):
        rows = conn.execute(
            select(Period.id, Period.period_type, Period.label).where(Period.label.in_(labels[start : start + 500]))
        ).all()
        found.update({(ptype, label): int(pid) for pid, ptype, label in rows})
    missing = [info for key, info in wanted.items() if key not in found]
    if missing:
        conn.execute(
            insert(Period),
            [
                {
                    "period_type": info.period_type,
                    "label": info.label,
                    "start_date": info.start,
                    "end_date": info.end,
                    "sort_key": info.sort_key,
                }
                for info in missing
            ],
        )
        found.update(_select_periods(conn, [(i.period_type, i.label) for i in missing]))
    return found


def _select_periods(conn: Connection, keys: list[tuple[str, str]]) -> dict[tuple[str, str], int]:
    found: dict[tuple[str, str], int] = {}
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        labels = sorted({label for _, label in chunk})
        rows = conn.execute(select(Period.id, Period.period_type, Period.label).where(Period.label.in_(labels))).all()
        wanted = set(chunk)
        found.update({(ptype, label): int(pid) for pid, ptype, label in rows if (ptype, label) in wanted})
    return found


def _existing(conn: Connection, frame: pd.DataFrame) -> pd.DataFrame:
    """Stored observations that share indicator and period with the file: one bulk select each chunk."""
    indicator_ids = sorted(frame["indicator_id"].unique().tolist())
    period_ids = sorted(int(p) for p in frame["period_id"].unique())
    columns = (
        [Observation.id.label("obs_id"), Observation.source_id.label("old_source_id")]
        + [getattr(Observation, name) for name in KEY]
        + [getattr(Observation, name).label(f"old_{name}") for name in _COMPARED]
    )
    parts = []
    for start in range(0, len(period_ids), 900):
        statement = select(*columns).where(
            Observation.indicator_id.in_(indicator_ids), Observation.period_id.in_(period_ids[start : start + 900])
        )
        result = conn.execute(statement)
        parts.append(pd.DataFrame(result.all(), columns=list(result.keys())))
    existing = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    return existing


def _same(new: pd.Series, old: pd.Series) -> np.ndarray:
    if new.dtype.kind == "f" or old.dtype.kind == "f":
        a = pd.to_numeric(new, errors="coerce").to_numpy(dtype="float64")
        b = pd.to_numeric(old, errors="coerce").to_numpy(dtype="float64")
        both_nan = np.isnan(a) & np.isnan(b)
        with np.errstate(invalid="ignore"):
            close = np.isclose(a, b, rtol=1e-12, atol=0.0)
        return both_nan | close
    new_cells = new.astype(object).where(new.notna(), None).replace({"": None})
    old_cells = old.astype(object).where(old.notna(), None).replace({"": None})
    return np.array([x == y for x, y in zip(new_cells, old_cells)], dtype=bool)


def write(
    db: Database,
    validated: Validated,
    indicators: dict[str, IndicatorSpec],
    source: SourceInfo,
    *,
    dry_run: bool = False,
    progress: ProgressCallback | None = None,
) -> WriteCounts:
    counts = WriteCounts()
    total = len(validated.frame)
    try:
        with db.engine.begin() as conn:
            source_id = counts.source_id = _source_id(conn, source)
            _register_areas(conn, validated.areas_to_register)
            _set_parents(conn, validated.parents_to_set)
            counts.indicators_registered = _register_indicators(conn, indicators, source_id)
            _replace_polarity(conn, indicators)
            new_rows, matched = _split_new(conn, _keyed_rows(conn, validated, source_id))
            _insert_all(conn, new_rows, total, progress)
            counts.inserted = len(new_rows)
            counts.unchanged, counts.updated = _update_changed(conn, matched)
            # the stored judgements of the indicators this file touched (ranks move with every value)
            judgement_store.refresh(conn, {str(i) for i in validated.frame["indicator_id"].unique()})
            if progress:
                progress("write", total, total)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return counts


def _keyed_rows(conn: Connection, validated: Validated, source_id: int) -> pd.DataFrame:
    """The validated rows with their period id and source, as the observation table keys them."""
    frame = validated.frame
    period_ids = _period_ids(conn, validated)
    types, labels = frame["period_type"].astype(str), frame["period_label"].astype(str)
    _, first, codes = np.unique(row_codes([types, labels]), return_index=True, return_inverse=True)
    ids = np.array([period_ids[(t, lb)] for t, lb in zip(types.to_numpy()[first], labels.to_numpy()[first])], dtype="int64")
    return frame.assign(period_id=ids[codes], source_id=source_id, source_line=frame["line"].astype(str), illustrative=False)


def _split_new(conn: Connection, frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(rows not stored yet, rows matching a stored observation, with its id and old figures)."""
    existing = _existing(conn, frame)
    if existing.empty:
        return frame, frame.iloc[0:0].assign(obs_id=pd.Series(dtype="int64"))
    existing["period_id"] = existing["period_id"].astype("int64")
    merged = frame.merge(existing, on=KEY, how="left", indicator=True)
    return merged[merged["_merge"] == "left_only"], merged[merged["_merge"] == "both"]


def _insert_all(conn: Connection, new_rows: pd.DataFrame, total: int, progress: ProgressCallback | None) -> None:
    """Insert; a big load drops the two lookup indexes and rebuilds them once at the end.

    Same transaction, so a failure leaves them in place; the unique key stays.
    """
    rebuild = []
    if len(new_rows) >= BULK_INDEX_ROWS:
        present = {ix["name"] for ix in inspect(conn).get_indexes(OBSERVATION_TABLE.name)}
        rebuild = [ix for ix in OBSERVATION_TABLE.indexes if not ix.unique and ix.name in present]
    for index in rebuild:
        index.drop(conn)
    _bulk_session(conn, len(new_rows))
    try:
        _insert_new(conn, new_rows, total, progress)
        for index in rebuild:
            index.create(conn)
    finally:
        _end_bulk_session(conn)


def _update_changed(conn: Connection, matched: pd.DataFrame) -> tuple[int, int]:
    """Update rows whose figures changed, keeping the old figures as a revision; (unchanged, updated)."""
    if not len(matched):
        return 0, 0
    same = np.ones(len(matched), dtype=bool)
    for name in _COMPARED:
        same &= _same(matched[name], matched[f"old_{name}"])
    changed = matched[~same]
    if len(changed):
        _save_revisions(conn, changed)
        _apply_updates(conn, changed)
    return int(same.sum()), len(changed)


def _save_revisions(conn: Connection, changed: pd.DataFrame) -> None:
    revisions = changed.rename(columns={f"old_{n}": f"rev_{n}" for n in _REVISED})
    revisions = revisions.assign(
        observation_id=revisions["obs_id"].astype("int64"), rev_source_id=revisions["old_source_id"].astype("int64")
    )
    columns = ["observation_id", *(f"rev_{n}" for n in _REVISED), "rev_source_id"]
    revision_rows = [{k.removeprefix("rev_"): v for k, v in row.items()} for row in records(revisions, columns)]
    now = dt.datetime.now()
    for start in range(0, len(revision_rows), CHUNK):
        conn.execute(insert(ObservationRevision), [dict(r, superseded_at=now) for r in revision_rows[start : start + CHUNK]])


def _apply_updates(conn: Connection, changed: pd.DataFrame) -> None:
    statement = (
        update(Observation)
        .where(Observation.id == bindparam("obs_id"))
        .values({name: bindparam(f"new_{name}") for name in _UPDATED} | {"loaded_at": func.current_timestamp()})
    )
    rows = records(changed.assign(obs_id=changed["obs_id"].astype("int64")), ["obs_id", *_UPDATED])
    params = [{("obs_id" if k == "obs_id" else f"new_{k}"): v for k, v in row.items()} for row in rows]
    for start in range(0, len(params), CHUNK):
        conn.execute(statement, params[start : start + CHUNK])
