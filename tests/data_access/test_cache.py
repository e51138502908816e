"""The shared read cache: FileSystemCache always, RedisCache when a Redis answers."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from sqlalchemy import Table, insert

from data_access import cache, reads
from data_access.database import Database
from data_access.models import Indicator
from data_access.schema import migrate

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _redis_or_skip() -> str:
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except Exception as error:  # noqa: BLE001
        pytest.skip(f"Redis at {REDIS_URL} does not answer: {error.__class__.__name__}")
    return REDIS_URL


@pytest.fixture(params=["file", "redis"])
def configured(request: pytest.FixtureRequest, tmp_path: Path):
    if request.param == "redis":
        store = cache.configure_cache(redis_url=_redis_or_skip())
    else:
        store = cache.configure_cache(cache_dir=str(tmp_path / "cache"))
    yield request.param, store
    cache.disable()


@pytest.fixture
def db(tmp_path: Path) -> Database:
    database = Database(f"sqlite:///{tmp_path / f'c_{uuid.uuid4().hex[:6]}.db'}")
    migrate(database)
    return database


def _add_indicator(db: Database, ident: str) -> None:
    table = Indicator.__table__
    assert isinstance(table, Table)  # declarative types __table__ only as a FromClause
    with db.engine.begin() as connection:
        connection.execute(
            insert(table),
            [
                {
                    "id": ident,
                    "name": ident,
                    "unit": "%",
                    "value_type": "percentage",
                    "polarity": "higher_better",
                    "ci_method": "none",
                    "period_type": "academic",
                    "decimals": 1,
                }
            ],
        )


def test_backend_choice(tmp_path: Path) -> None:
    from cachelib import FileSystemCache, NullCache, RedisCache

    assert isinstance(cache.make_backend(None, None), NullCache)
    assert isinstance(cache.make_backend(None, str(tmp_path)), FileSystemCache)
    assert isinstance(cache.make_backend("redis://127.0.0.1:6379/15", str(tmp_path)), RedisCache)


def test_cached_read_hits_then_invalidates_on_new_data(configured, db: Database) -> None:
    calls = []

    @cache.cached
    def counted(prefix: str, db: Database | None = None) -> list[str]:
        calls.append(prefix)
        return sorted(reads.indicators(db=db)["id"])

    configured[1].clear()
    assert counted("x", db=db) == []
    assert counted("x", db=db) == []
    assert len(calls) == 1  # second call served from the shared store
    _add_indicator(db, f"ind-{uuid.uuid4().hex[:6]}")
    assert len(counted("x", db=db)) == 1  # the data version moved: recomputed
    assert len(calls) == 2
    counted("y", db=db)
    assert len(calls) == 3  # arguments are part of the key


def test_keys_differ_by_database(configured, tmp_path: Path) -> None:
    first, second = (Database(f"sqlite:///{tmp_path / name}") for name in ("one.db", "two.db"))
    for database in (first, second):
        migrate(database)
    _add_indicator(first, "only-in-first")
    assert "only-in-first" in set(reads.indicators(db=first)["id"])
    assert "only-in-first" not in set(reads.indicators(db=second)["id"])


def test_cached_reads_equal_uncached(configured, seeded_sqlite: Database) -> None:
    indicator = reads.indicators(db=seeded_sqlite)["id"].iloc[0]
    cached_frames = [
        reads.periods(indicator, db=seeded_sqlite),
        reads.breakdowns(indicator, db=seeded_sqlite),
        reads.areas(levels=["district"], db=seeded_sqlite),
    ]
    cache.disable()
    fresh = [
        reads.periods(indicator, db=seeded_sqlite),
        reads.breakdowns(indicator, db=seeded_sqlite),
        reads.areas(levels=["district"], db=seeded_sqlite),
    ]
    for got, want in zip(cached_frames, fresh):
        assert got.equals(want)


def test_data_version_is_cheap_and_changes(db: Database) -> None:
    before = cache.data_version(db)
    assert before == cache.data_version(db)
    _add_indicator(db, "another")
    assert cache.data_version(db) != before


def test_get_or_compute_and_store(configured, db: Database) -> None:
    configured[1].clear()
    assert cache.get_or_compute("t", ("a",), lambda: None, db=db) is None  # lookups store nothing
    cache.store("t", ("a",), b"body", db=db)
    assert cache.get_or_compute("t", ("a",), lambda: b"other", db=db) == b"body"


def test_no_cache_configured_is_a_plain_call(db: Database) -> None:
    cache.disable()
    assert cache.describe() == "none"
    assert reads.indicators(db=db).empty
