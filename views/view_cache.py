"""The view-model cache: a page's view model kept per (route, query, home council, data written).

Why view models and not page bodies: the app used to cache the rendered body of a page by reading
Dash's private pages routing request (``_pages_location`` → ``_pages_content``) before Dash ran;
Dash has no public hook for that, and a Dash upgrade could break it silently. Now that verdicts,
ranks and quartiles are precomputed (``benchmark_judgement``), almost all of a page's time is in
its view builder (reads, statistics, figures: 0.3–2 s on the published data), and the builder is
one function that the page's ``layout(**query)`` and the exports, embeds, pack and slides
(``views.registry``) call alike. Memoising it needs no framework internals at all.

* **Declared on the route**: ``@memoised("compare")`` on a builder caches it only while the route
  says ``cached=True`` in ``components.routes``; the flag means exactly that.
* **Key**: the route key, the builder's name, the query normalised (keys sorted, values as strings,
  lists as tuples; a parameter the view ignores only makes a separate entry), the other arguments
  except the ones the builder declares ``derived`` (``parsed_query=``, ``preloaded=``, ``tiles=``,
  ``chart=``: work done once for two charts, a pure function of the query), the home council
  (``views.home``: the same URL shows another council's defaults after a restart with another
  ``HOME_AREA``) and ``reads.data_version()``, which changes whenever anything is written (seed,
  import, plan import, deck save) and names the database. When the version moves the whole cache is
  dropped: stale entries could never be read again anyway.
* **Never shared, never mutated**: a view model holds Plotly figures and DataFrames, which callers
  do change (a page sets a figure's height, adds a column). The cache stores the pickled bytes —
  immutable — and every caller, the first one included, gets its own unpickled copy. Copying costs
  1–110 ms against 300–2,000 ms of building (``send``, the largest, 0.5 MB). Why not deep copies of
  a stored object: one stray mutation of the stored object would poison every later page; bytes
  cannot be changed, and their size is what the bound counts.
* **Bounded, per process, thread-safe**: an LRU of at most ``max_entries`` entries and
  ``max_bytes`` bytes behind one lock (gunicorn threads share it). Per process, unlike the read
  cache (``data_access.cache``): figures are too big to ship through Redis on every page, and the
  data version is read from the database on every lookup, so a worker never serves a model
  another worker's import made stale.
* **Only inside a request of an app that turned it on**: ``web.performance`` makes one cache per
  app, on when the shared read cache is (``CACHE_DIR`` or ``REDIS_URL``; ``cache_dir=""`` turns
  both off, as ``bench.real_pages --cache off`` does), and activates it for each request
  (``activate``/``deactivate``). Outside a request — the CLI, scripts, tests calling a view — a
  builder is a plain call.
"""

from __future__ import annotations

import functools
import logging
import pickle
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Mapping
from contextvars import ContextVar, Token
from dataclasses import dataclass
from typing import Concatenate, ParamSpec, TypeVar

from components.routes import route
from data_access import reads
from views import home
from views.base import Query

log = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")

DEFAULT_MAX_ENTRIES = 256
DEFAULT_MAX_BYTES = 128 * 2**20


@dataclass(frozen=True)
class CacheStats:
    """What the cache holds and has done (tests, benchmarks, logs)."""

    entries: int
    bytes: int
    hits: int
    misses: int


class ViewModelCache:
    """An LRU of pickled view models, bounded by entries and bytes, safe across threads."""

    def __init__(self, max_entries: int = DEFAULT_MAX_ENTRIES, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._entries: OrderedDict[Hashable, bytes] = OrderedDict()
        self._bytes = 0
        self._version: str | None = None
        self._hits = 0
        self._misses = 0
        self._lock = threading.Lock()

    def get_or_build(self, version: str, key: Hashable, build: Callable[[], R]) -> R:
        """A copy of the model under ``key`` for this data ``version``, building and keeping it on a miss.

        The build runs outside the lock (two threads missing the same key both build; the second
        store wins, and the models are equal)."""
        with self._lock:
            if version != self._version:  # data written: every entry is stale
                self._entries.clear()
                self._bytes = 0
                self._version = version
            blob = self._entries.get(key)
            if blob is not None:
                self._entries.move_to_end(key)
                self._hits += 1
            else:
                self._misses += 1
        if blob is not None:
            value: R = pickle.loads(blob)
            return value
        built = build()
        try:
            blob = pickle.dumps(built, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as error:  # noqa: BLE001 - an unpicklable model is served, not kept
            log.warning("view model not cached (%s)", error.__class__.__name__)
            return built
        self._store(version, key, blob)
        copy: R = pickle.loads(blob)  # the caller may change its model; the kept bytes stay as built
        return copy

    def _store(self, version: str, key: Hashable, blob: bytes) -> None:
        if len(blob) > self.max_bytes:
            return
        with self._lock:
            if version != self._version:  # written while this model was built: keep nothing
                return
            old = self._entries.pop(key, None)
            self._bytes -= len(old) if old is not None else 0
            self._entries[key] = blob
            self._bytes += len(blob)
            while len(self._entries) > self.max_entries or self._bytes > self.max_bytes:
                _, evicted = self._entries.popitem(last=False)
                self._bytes -= len(evicted)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0
            self._version = None

    def stats(self) -> CacheStats:
        with self._lock:
            return CacheStats(len(self._entries), self._bytes, self._hits, self._misses)


class _Request:
    """The active cache and the data version, read once per request (not once per builder)."""

    def __init__(self, cache: ViewModelCache) -> None:
        self.cache = cache
        self.version: str | None = None

    def data_version(self) -> str:
        if self.version is None:
            self.version = reads.data_version()
        return self.version


#: The cache of the app serving the current request (``web.performance`` sets it per request);
#: None outside a request or when the app's cache is off. A context variable, so each thread's
#: request sees its own app's cache.
_ACTIVE: ContextVar[_Request | None] = ContextVar("ob_view_model_cache", default=None)


def activate(cache: ViewModelCache | None) -> Token[_Request | None]:
    """Use ``cache`` for the builders run until ``deactivate`` (one request); None: no cache."""
    return _ACTIVE.set(_Request(cache) if cache is not None else None)


def deactivate(token: Token[_Request | None]) -> None:
    try:
        _ACTIVE.reset(token)
    except ValueError:  # torn down in another context than the one it was set in: just release it
        _ACTIVE.set(None)


def active() -> ViewModelCache | None:
    current = _ACTIVE.get()
    return current.cache if current is not None else None


def normalise(value: object) -> Hashable:
    """A query or argument as a hashable, order-free key: ``{"b": ["x"], "a": 1}`` →
    ``(("a", 1), ("b", ("x",)))``; a frozen dataclass (a parsed query) as it is. Anything else
    raises ``TypeError`` and the call is not cached: a key made of an object's identity or of a
    truncated repr could hand one page another's model."""
    if isinstance(value, Mapping):
        return tuple(sorted((str(k), normalise(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(normalise(v) for v in value)
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    # An instance of a frozen dataclass: its class carries @dataclass's parameters (a dataclass
    # *class* passed as a value does not: its type is ``type``). Frozen instances hash by their fields.
    if getattr(getattr(type(value), "__dataclass_params__", None), "frozen", False):
        return value
    raise TypeError(f"no cache key for a {type(value).__name__}")


#: Route keys with a memoised builder (``tests/web/test_page_cache_routes.py`` checks them against
#: the routes that say ``cached=True``).
_MEMOISED_ROUTES: set[str] = set()


def memoised_routes() -> frozenset[str]:
    return frozenset(_MEMOISED_ROUTES)


def memoised(
    route_key: str, *, derived: Iterable[str] = ()
) -> Callable[[Callable[Concatenate[Query, P], R]], Callable[Concatenate[Query, P], R]]:
    """Keep ``builder(query, …)``'s view model in the active cache while ``route_key`` is ``cached``.

    ``derived`` names keyword arguments that are a pure function of the query, handed in only so
    two charts of one page share work on a miss; they stay out of the key."""
    skip = frozenset(derived)
    _MEMOISED_ROUTES.add(route_key)

    def decorate(builder: Callable[Concatenate[Query, P], R]) -> Callable[Concatenate[Query, P], R]:
        name = f"{builder.__module__}.{builder.__qualname__}"

        @functools.wraps(builder)
        def wrapper(query: Query, /, *args: P.args, **kwargs: P.kwargs) -> R:
            current = _ACTIVE.get()
            if current is None or not route(route_key).cached:
                return builder(query, *args, **kwargs)
            try:
                version = current.data_version()
                key = (
                    route_key,
                    name,
                    normalise(dict(query)),
                    normalise(args),
                    normalise({k: v for k, v in kwargs.items() if k not in skip}),
                    home.home_area(),
                )
            except Exception as error:  # noqa: BLE001 - the cache must never break a page
                log.warning("view model cache skipped (%s)", error.__class__.__name__)
                return builder(query, *args, **kwargs)
            return current.cache.get_or_build(version, key, lambda: builder(query, *args, **kwargs))

        return wrapper

    return decorate
