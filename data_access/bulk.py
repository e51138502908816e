"""Bulk observation writes at the speed each driver offers.

Why not plain ``insert()`` everywhere: the published-data pack is about 650,000 rows. SQLite
takes them fast through one prepared statement in one transaction; PostgreSQL through
executemany takes several times longer than through ``COPY``, psycopg's bulk path. The
``COPY`` statement is composed with ``psycopg.sql`` from the model's own table and column
names (identifiers, never data), and the rows travel as COPY data, not as SQL text.
"""

from __future__ import annotations

from typing import Any, cast

import pandas as pd
from sqlalchemy import Connection

from data_access.importers.writer import bulk_insert_observations, column_lists
from data_access.models import Observation

CHUNK = 20_000


def _copy(connection: Connection, frame: pd.DataFrame, columns: list[str]) -> None:
    from psycopg import Connection as PsycopgConnection
    from psycopg import sql

    table = Observation.__tablename__
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table), sql.SQL(", ").join(sql.Identifier(c) for c in columns)
    )
    # SQLAlchemy types the driver connection as the generic DBAPI; on this path it is psycopg's
    raw = cast("PsycopgConnection[Any]", connection.connection.dbapi_connection)
    with raw.cursor() as cursor, cursor.copy(statement) as copy:
        for start in range(0, len(frame), CHUNK):
            for row in zip(*column_lists(frame.iloc[start : start + CHUNK], columns)):
                copy.write_row(row)


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
