"""Bulk writes at the speed each driver offers: observations, and the judgements and ranges stored with them.

Why not plain ``insert()`` everywhere: the published data is about 650,000 rows (and 550,000 stored judgements). SQLite
takes them fast through one prepared statement in one transaction; PostgreSQL through
executemany takes several times longer than through ``COPY``, psycopg's bulk path. The
``COPY`` statement is composed with ``psycopg.sql`` from the model's own table and column
names (identifiers, never data), and the rows travel as COPY data, not as SQL text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, cast

import numpy as np
import pandas as pd
from sqlalchemy import Connection, Table, bindparam, insert

from data_access.models import Base, Observation

if TYPE_CHECKING:
    from psycopg import Connection as PsycopgConnection

#: the observation table as Core sees it (``Observation.__table__`` is typed as any FROM clause)
OBSERVATION_TABLE: Table = Base.metadata.tables[Observation.__tablename__]
CHUNK = 20_000


def column_lists(frame: pd.DataFrame, columns: list[str]) -> list[list[Any]]:
    """Each column as a list of plain Python values, NaN/NA as None (what DBAPI drivers want)."""
    lists = []
    for column in columns:
        series = frame[column]
        if series.dtype.kind == "f":
            values = series.to_numpy(dtype="float64")
            array = values.astype(object)
            array[np.isnan(values)] = None
        elif series.dtype.kind in "iu":
            array = series.to_numpy().astype(object)
        elif series.dtype.kind == "b":
            array = series.to_numpy().astype(object)
        else:
            array = series.to_numpy(dtype=object).copy()
            mask = pd.isna(series).to_numpy()
            if mask.any():
                array[mask] = None
        lists.append(array.tolist())
    return lists


def bulk_insert_observations(conn: Connection, chunk: pd.DataFrame, columns: list[str]) -> None:
    """Insert a chunk through the driver's own executemany.

    The statement is SQLAlchemy's ``insert()`` compiled for this dialect (never a string built
    here); only the row loop moves into the DBAPI driver, which profiling showed to be most of
    the import's write time when SQLAlchemy processes each parameter set.
    """
    compiled = insert(OBSERVATION_TABLE).values({c: bindparam(c) for c in columns}).compile(dialect=conn.dialect)
    lists = column_lists(chunk, columns)
    if compiled.positional and compiled.positiontup is not None:
        order = [columns.index(name) for name in compiled.positiontup]
        conn.exec_driver_sql(str(compiled), list(zip(*(lists[i] for i in order))))
    else:
        conn.exec_driver_sql(str(compiled), [dict(zip(columns, row)) for row in zip(*lists)])


def _copy(connection: Connection, frame: pd.DataFrame, columns: list[str]) -> None:
    def chunks() -> Iterator[tuple[Any, ...]]:
        for start in range(0, len(frame), CHUNK):
            yield from zip(*column_lists(frame.iloc[start : start + CHUNK], columns))

    _copy_into(connection, Observation.__tablename__, columns, chunks())


def _copy_into(connection: Connection, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    # deferred: psycopg is needed only on PostgreSQL's COPY path; a SQLite deployment never loads it
    from psycopg import sql

    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table), sql.SQL(", ").join(sql.Identifier(c) for c in columns)
    )
    # SQLAlchemy types the driver connection as the generic DBAPI; on this path it is psycopg's
    raw = cast("PsycopgConnection[Any]", connection.connection.dbapi_connection)
    with raw.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


def insert_rows(connection: Connection, table: Table, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> int:
    """Insert plain row tuples (values in ``columns`` order, None for NULL) into ``table`` in the
    caller's transaction: ``COPY`` on psycopg, the driver's own executemany elsewhere.

    Why: the stored judgements are half a million rows per seed; SQLAlchemy's per-row parameter
    processing of dictionaries was a quarter of their cost on SQLite, and executemany several
    times COPY's on PostgreSQL."""
    unknown = [c for c in columns if c not in table.c]
    if unknown:
        raise ValueError(f"not {table.name} columns: {unknown}")
    if not rows:
        return 0
    if connection.dialect.name == "postgresql" and connection.dialect.driver == "psycopg":
        _copy_into(connection, table.name, columns, rows)
        return len(rows)
    compiled = insert(table).values({c: bindparam(c) for c in columns}).compile(dialect=connection.dialect)
    if compiled.positional and compiled.positiontup is not None:
        order = [list(columns).index(name) for name in compiled.positiontup]
        reorder = order != list(range(len(columns)))
        for start in range(0, len(rows), CHUNK):
            chunk = rows[start : start + CHUNK]
            connection.exec_driver_sql(str(compiled), [tuple(r[i] for i in order) for r in chunk] if reorder else list(chunk))
    else:
        for start in range(0, len(rows), CHUNK):
            connection.exec_driver_sql(str(compiled), [dict(zip(columns, r)) for r in rows[start : start + CHUNK]])
    return len(rows)


def copy_rows(connection: Connection, frame: pd.DataFrame, columns: list[str]) -> None:
    """COPY ``frame``'s ``columns`` into ``observation`` in the caller's transaction (psycopg only).

    The importer's write path for big files (``importers.writer``): same rows as its
    executemany, several times faster on PostgreSQL.
    """
    _copy(connection, frame, columns)


def insert_observations(connection: Connection, frame: pd.DataFrame) -> int:
    """Insert every row of ``frame`` (columns named as ``observation``'s) in the caller's transaction."""
    columns = [str(c) for c in frame.columns]
    unknown = [c for c in columns if c not in Observation.__table__.c]
    if unknown:
        raise ValueError(f"not observation columns: {unknown}")
    if frame.empty:
        return 0
    if connection.dialect.name == "postgresql" and connection.dialect.driver == "psycopg":
        _copy(connection, frame, columns)
    else:
        for start in range(0, len(frame), CHUNK):
            bulk_insert_observations(connection, frame.iloc[start : start + CHUNK], columns)
    return len(frame)
