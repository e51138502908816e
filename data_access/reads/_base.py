"""Shared plumbing for the read modules: the configured database, statements to DataFrames."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
from sqlalchemy import Select

from data_access.database import Database, current

#: A select of any columns (SQLAlchemy 2.1 types a select by the tuple of its column types).
AnySelect = Select[*tuple[Any, ...]]


def _db(db: Database | None) -> Database:
    return db if db is not None else current()


def _frame(db: Database, statement: AnySelect) -> pd.DataFrame:
    # A Core connection, not an ORM session: these selects return plain rows, and skipping the
    # ORM's result machinery takes the read to within a few percent of the bare query (BENCHMARKS.md).
    with db.engine.connect() as connection:
        result = connection.execute(statement)
        columns = list(result.keys())
        # plain tuples: given SQLAlchemy Row objects, pandas probes each row for attributes it
        # does not have, and every failed probe goes through Row's key-not-found path
        return pd.DataFrame([tuple(row) for row in result], columns=columns)


def _one(db: Database, statement: AnySelect) -> dict[str, Any] | None:
    with db.engine.connect() as connection:
        row = connection.execute(statement).mappings().first()
        return dict(row) if row is not None else None


def at_periods(frame: pd.DataFrame, periods: Mapping[str, str], label_column: str) -> pd.DataFrame:
    """Keep each indicator's own period. Why not ``(indicator, label) IN (…)`` in SQL: PostgreSQL
    evaluates that as one OR per pair on every candidate row (500 pairs × 600,000 rows took 8 s
    on a scorecard); two plain ``IN`` lists use the indexes and this filter drops the few extra rows."""
    if frame.empty:
        return frame
    keep = [periods.get(i) == label for i, label in zip(frame["indicator_id"], frame[label_column])]
    return frame[keep].reset_index(drop=True)
