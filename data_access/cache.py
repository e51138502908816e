"""A shared cache for read results: Redis when ``REDIS_URL`` is set, a file cache otherwise.

Why shared and not in-process: the web tier runs several gunicorn workers, possibly on several
machines behind one load balancer. A per-process dict would make each worker warm up alone, hold
its own copy of every frame (RSS × workers) and serve stale values after an import. ``cachelib``'s
``RedisCache`` (the same backend ``flask-caching`` uses) is shared by every worker on every server;
``FileSystemCache`` under ``settings.cache_dir`` is shared by the workers of one machine.

Invalidation: every key carries the database URL and ``data_version(db)`` — one cheap query of
index-backed aggregates (max observation id and ``loaded_at``, max revision id, row counts of the
small reference tables). An import inserts rows (new max id) or updates them (the writer bumps
``loaded_at`` and records a revision), so the next read misses and recomputes; stale entries are
never read again and expire by timeout. Deleting observations without a reload is not detected.

Only reads that cost more than the cache round trip are wrapped (see ``data_access.reads``); the
cache is off (``NullCache``) until ``configure_cache`` is called, so scripts and tests that never
configure one always read the database directly.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import pickle
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

from cachelib import BaseCache, FileSystemCache, NullCache, RedisCache
from sqlalchemy import func, select

from data_access.database import Database, current
from data_access.models import (
    Area,
    AreaAlias,
    Base,
    Deck,
    DeckSlide,
    Framework,
    Indicator,
    IndicatorCode,
    Judgement,
    Measure,
    Observation,
    ObservationRevision,
    Outcome,
    Period,
    Priority,
    Source,
)

log = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")

#: Bump when the shape of cached values changes, so old entries are never unpickled.
KEY_SCHEMA = "1"
DEFAULT_TIMEOUT = 3600


class _Holder:
    """The process's configured backend (an object reference, not a cache of values)."""

    backend: BaseCache = NullCache()
    description: str = "none"


def make_backend(redis_url: str | None = None, cache_dir: str | None = None, timeout: int = DEFAULT_TIMEOUT) -> BaseCache:
    """``RedisCache`` for a ``redis://`` URL, else ``FileSystemCache`` in ``cache_dir``, else ``NullCache``."""
    if redis_url:
        # deferred: the Redis client loads only where REDIS_URL is set (about 0.4 s of start-up otherwise)
        import redis

        client = redis.Redis.from_url(redis_url, socket_timeout=2, socket_connect_timeout=2)
        return RedisCache(host=client, default_timeout=timeout, key_prefix="ob:")
    if cache_dir:
        return FileSystemCache(cache_dir, threshold=5000, default_timeout=timeout)
    return NullCache()


def configure_cache(redis_url: str | None = None, cache_dir: str | None = None, timeout: int = DEFAULT_TIMEOUT) -> BaseCache:
    """Choose the process's cache backend (``create_app`` does this from ``Settings``)."""
    backend = make_backend(redis_url, cache_dir, timeout)
    _Holder.backend = backend
    _Holder.description = f"redis ({redis_url.split('@')[-1]})" if redis_url else (f"file ({cache_dir})" if cache_dir else "none")
    return backend


def configure_from_settings(settings: Any) -> BaseCache:
    return configure_cache(getattr(settings, "redis_url", None), getattr(settings, "cache_dir", None))


def backend() -> BaseCache:
    return _Holder.backend


def describe() -> str:
    return _Holder.description


def disable() -> None:
    _Holder.backend = NullCache()
    _Holder.description = "none"


def clear() -> None:
    """Drop every entry of the configured backend (tests, benchmarks)."""
    _Holder.backend.clear()


def data_version(db: Database | None = None) -> str:
    """A token that changes whenever observations are added or updated or reference tables change.

    One statement of index-backed aggregates (primary keys, ``ix_observation_loaded_at``) and counts
    of small tables: well under a millisecond on ten million observations.
    """
    database = db if db is not None else current()
    statement = select(
        select(func.max(Observation.id)).scalar_subquery(),
        select(func.max(Observation.loaded_at)).scalar_subquery(),
        select(func.max(ObservationRevision.id)).scalar_subquery(),
        select(func.count()).select_from(Indicator).scalar_subquery(),
        select(func.count()).select_from(IndicatorCode).scalar_subquery(),
        select(func.count()).select_from(Area).scalar_subquery(),
        select(func.count()).select_from(AreaAlias).scalar_subquery(),
        select(func.count()).select_from(Period).scalar_subquery(),
        select(func.count()).select_from(Source).scalar_subquery(),
    )
    with database.read() as session:
        row = session.execute(statement).one()
    return hashlib.sha1(repr(tuple(row)).encode()).hexdigest()[:16]


#: The plan tables: a plan import (``data_access.plans.store.import_plan``) deletes and re-adds a
#: framework's outcomes, priorities and measures, often with the same keys and counts, so no
#: aggregate sees an edited target; they are small (about 250 rows), so their rows are hashed whole.
_PLAN_TABLES = (Framework, Outcome, Priority, Measure)


def written_version(db: Database | None = None) -> str:
    """A token that changes whenever anything is written: seed, observation import, plan import, deck save.

    ``data_version`` plus the database's URL, the plan tables' rows, and aggregates of inspection
    judgements and saved decks (a new deck adds a row, a replaced one gets a new ``created_at``, to
    the second; no view model shows decks, so that is enough). Why not fold
    these into ``data_version``: that runs on every cached read (dozens per page), and reading the
    plan rows is right once per page (``views.view_cache``) but not once per read; no cached read
    returns plan or deck rows.
    """
    database = db if db is not None else current()
    digest = hashlib.sha1(database.url.encode())
    digest.update(data_version(database).encode())
    others = select(
        select(func.count()).select_from(Judgement).scalar_subquery(),
        select(func.max(Judgement.id)).scalar_subquery(),
        select(func.count()).select_from(Deck).scalar_subquery(),
        select(func.max(Deck.created_at)).scalar_subquery(),
        select(func.count()).select_from(DeckSlide).scalar_subquery(),
    )
    with database.read() as session:
        digest.update(repr(tuple(session.execute(others).one())).encode())
        for model in _PLAN_TABLES:
            table = Base.metadata.tables[model.__tablename__]
            rows = session.execute(select(*table.columns).order_by(*table.primary_key.columns)).all()
            digest.update(repr([tuple(row) for row in rows]).encode())
    return digest.hexdigest()[:20]


def _normalise(value: Any) -> Any:
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_normalise(v) for v in value]
        return tuple(sorted(items, key=repr)) if isinstance(value, (set, frozenset)) else tuple(items)
    if isinstance(value, dict):
        return tuple(sorted((k, _normalise(v)) for k, v in value.items()))
    return value


def cache_key(name: str, database: Database, version: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    arguments = repr((_normalise(args), _normalise(kwargs)))
    url_hash = hashlib.sha1(database.url.encode()).hexdigest()[:10]
    arg_hash = hashlib.sha1(arguments.encode()).hexdigest()[:20]
    return f"{KEY_SCHEMA}:{url_hash}:{version}:{name}:{arg_hash}"


def store(name: str, arguments: Any, value: Any, db: Database | None = None) -> None:
    """Put ``value`` under (database, data version, name, arguments); no-op without a cache."""
    backend_ = _Holder.backend
    if isinstance(backend_, NullCache) or value is None:
        return
    database = db if db is not None else current()
    key = cache_key(name, database, data_version(database), (arguments,), {})
    backend_.set(key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def get_or_compute(name: str, arguments: Any, compute: Callable[[], Any], db: Database | None = None) -> Any:
    """``compute()`` once per (database, data version, name, arguments) across every worker and server.

    A ``compute`` returning None is not stored (so ``lambda: None`` is a pure lookup).
    """
    store = _Holder.backend
    if isinstance(store, NullCache):
        return compute()
    database = db if db is not None else current()
    try:
        key = cache_key(name, database, data_version(database), (arguments,), {})
        hit = store.get(key)
    except Exception as error:  # noqa: BLE001 - a broken cache must never break a page
        log.warning("cache unavailable (%s): computing", error.__class__.__name__)
        return compute()
    if hit is not None:
        return pickle.loads(hit)
    value = compute()
    if value is None:
        return None
    try:
        store.set(key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    except Exception as error:  # noqa: BLE001 - unpicklable or cache down: still serve the value
        log.warning("cache write failed (%s)", error.__class__.__name__)
    return value


def cached(func_: Callable[P, R]) -> Callable[P, R]:
    """Cache a read function's result in the shared store, keyed by database, data version and arguments.

    The wrapped function keeps its name, signature and docstring; pass ``db=`` as before. With no
    configured cache it is a plain call. Cache failures (Redis down) fall back to the database.
    """

    @functools.wraps(func_)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        store = _Holder.backend
        if isinstance(store, NullCache):
            return func_(*args, **kwargs)
        given = kwargs.get("db")
        database = given if isinstance(given, Database) else current()
        key_kwargs = {k: v for k, v in kwargs.items() if k != "db"}
        try:
            key = cache_key(func_.__qualname__, database, data_version(database), args, key_kwargs)
            hit = store.get(key)
        except Exception as error:  # noqa: BLE001 - a broken cache must never break a page
            log.warning("cache unavailable (%s): reading the database", error.__class__.__name__)
            return func_(*args, **kwargs)
        if hit is not None:
            return pickle.loads(hit)
        value = func_(*args, **kwargs)
        try:
            store.set(key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        except Exception as error:  # noqa: BLE001
            log.warning("cache write failed (%s)", error.__class__.__name__)
        return value

    return wrapper  # functools.wraps keeps func_ as wrapper.__wrapped__
