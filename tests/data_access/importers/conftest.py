"""Fixtures for the import tests: seeded databases that tests may write to, and a checksum."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import select

from data_access.database import Database
from data_access.models import Base
from tests.conftest import REALDATA, seeded_copy

MALFORMED = Path(__file__).resolve().parents[1] / "malformed"


def seeded(backend: str, folder: Path) -> Database:
    """A private copy of the run's database seeded with the small published sample (built once per run)."""
    return seeded_copy(backend, folder, "small")


@pytest.fixture
def import_db(backend: str, tmp_path: Path) -> Database:
    """A freshly seeded database per test and backend (safe to write to)."""
    return seeded(backend, tmp_path)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def module_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Database:
    """One seeded database per backend per test module."""
    return seeded(str(request.param), tmp_path_factory.mktemp("imports"))


def checksum(db: Database) -> dict[str, tuple[int, str]]:
    """Row count and SHA-256 of every table's rows (ordered by primary key)."""
    out: dict[str, tuple[int, str]] = {}
    with db.read() as session:
        for table in Base.metadata.sorted_tables:
            rows = session.execute(select(table).order_by(*table.primary_key.columns)).all()
            digest = hashlib.sha256(repr([tuple(r) for r in rows]).encode()).hexdigest()
            out[table.name] = (len(rows), digest)
    return out


def realdata_path(name: str) -> Path:
    path = REALDATA / name
    if not path.is_file():
        pytest.skip(f"real published file {name} not found at {REALDATA} (../shared is absent on this machine)")
    return path
