"""Engine and transaction behaviour on both backends."""

import pytest
from sqlalchemy import select

from data_access.database import Database, normalise_url
from data_access.models import Area, Source


def test_normalise_url_uses_psycopg3() -> None:
    assert normalise_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("sqlite:///x.db") == "sqlite:///x.db"


def test_write_scope_rolls_back_everything_on_error(empty_db: Database) -> None:
    with pytest.raises(RuntimeError):
        with empty_db.write() as session:
            session.add(Source(key="s", publisher="p", title="t"))
            session.add(Area(code="E92000001", name="England", level="country", sort_order=0))
            session.flush()
            raise RuntimeError("boom")
    with empty_db.read() as session:
        assert session.scalars(select(Area)).all() == []
        assert session.scalars(select(Source)).all() == []


def test_foreign_keys_enforced(empty_db: Database) -> None:
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError):
        with empty_db.write() as session:
            session.add(Area(code="E07000243", name="Stevenage", level="district", parent_code="NOPE", sort_order=1))
