"""``data_access.bulk.insert_rows``: plain row tuples in, the same rows out as SQLAlchemy's own insert
would give, on SQLite (driver executemany) and PostgreSQL (COPY), in the caller's transaction."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from data_access.bulk import insert_rows
from data_access.database import Database
from data_access.models import Base, Source

SOURCES = Base.metadata.tables[Source.__tablename__]


def test_rows_go_in_as_given_with_nulls_and_quotes(empty_db: Database) -> None:
    # columns not in the table's own order, so the SQLite path has to reorder them
    columns = ["title", "key", "publisher", "note"]
    rows = [
        ("A title", "k-1", "ONS", None),
        ("Quotes ' and \" and a tab\there", "k-2", "DfE", "line one\nline two"),
        ("Percent 50% \\ backslash", "k-3", "OHID", ""),
    ]
    with empty_db.write() as session:
        assert insert_rows(session.connection(), SOURCES, columns, rows) == 3
    with empty_db.read() as session:
        found = session.execute(select(Source.title, Source.key, Source.publisher, Source.note).order_by(Source.key)).all()
    assert [tuple(r) for r in found] == rows


def test_nothing_is_kept_when_the_transaction_fails(empty_db: Database) -> None:
    with pytest.raises(RuntimeError), empty_db.write() as session:
        insert_rows(session.connection(), SOURCES, ["key", "publisher", "title"], [("k-1", "ONS", "T")])
        raise RuntimeError("the writer failed after the bulk insert")
    with empty_db.read() as session:
        assert session.execute(select(Source.key)).all() == []


def test_unknown_columns_and_no_rows(empty_db: Database) -> None:
    with empty_db.write() as session:
        with pytest.raises(ValueError, match="not source columns"):
            insert_rows(session.connection(), SOURCES, ["key", "nope"], [("k", "x")])
        assert insert_rows(session.connection(), SOURCES, ["key", "publisher", "title"], []) == 0
