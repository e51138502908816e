"""The view-model cache (``views.view_cache``): hits, invalidation, bounds, the off switch, private copies."""

from __future__ import annotations

import functools
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

from components.routes import route
from data_access import reads
from data_access.cache import written_version
from data_access.database import Database
from data_access.plans import store
from data_access.plans.format import decode
from data_access.writes import save_deck
from views import home, view_cache
from views.view_cache import ViewModelCache, memoised, normalise

PLAN = Path(__file__).resolve().parents[2] / "seed" / "data" / "plans" / "plan-2018-21.csv"


@dataclass
class Model:
    """Stands in for a ChartView: a figure and a frame, which callers do change."""

    figure: go.Figure
    table: pd.DataFrame
    notes: list[str] = field(default_factory=list)


def _model(value: float = 1.0) -> Model:
    return Model(go.Figure(go.Bar(x=["a"], y=[value])), pd.DataFrame({"value": [value]}), ["built"])


def test_a_hit_builds_once_and_returns_equal_models() -> None:
    cache = ViewModelCache()
    calls: list[int] = []

    def build() -> Model:
        calls.append(1)
        return _model()

    first = cache.get_or_build("v1", ("k",), build)
    second = cache.get_or_build("v1", ("k",), build)
    assert len(calls) == 1
    assert first.table.equals(second.table) and first.figure == second.figure
    assert cache.stats().hits == 1 and cache.stats().misses == 1 and cache.stats().entries == 1


def test_callers_get_copies_never_the_kept_model() -> None:
    cache = ViewModelCache()
    first = cache.get_or_build("v1", ("k",), _model)
    first.table.loc[0, "value"] = 99.0  # what a page might do to its own model
    first.figure.update_layout(height=123)
    first.notes.append("changed")
    second = cache.get_or_build("v1", ("k",), _model)
    assert second is not first
    assert second.table.loc[0, "value"] == 1.0 and second.figure.layout.height is None and second.notes == ["built"]
    second.notes.append("again")
    assert cache.get_or_build("v1", ("k",), _model).notes == ["built"]


def test_a_new_data_version_drops_every_entry() -> None:
    cache = ViewModelCache()
    cache.get_or_build("v1", ("a",), _model)
    cache.get_or_build("v1", ("b",), _model)
    assert cache.get_or_build("v2", ("a",), lambda: _model(2.0)).table.loc[0, "value"] == 2.0
    assert cache.stats().entries == 1


def test_a_model_built_while_data_was_written_is_not_kept() -> None:
    cache = ViewModelCache()

    def build_during_write() -> Model:
        cache.get_or_build("v2", ("other",), _model)  # another request saw the new data first
        return _model()

    cache.get_or_build("v1", ("k",), build_during_write)
    assert cache.stats().entries == 1  # only the v2 model


def test_bounded_by_entries_least_recently_used_first() -> None:
    cache = ViewModelCache(max_entries=2)
    for key in ("a", "b"):
        cache.get_or_build("v", (key,), _model)
    cache.get_or_build("v", ("a",), _model)  # a is now the most recent
    cache.get_or_build("v", ("c",), _model)
    assert cache.stats().entries == 2
    misses = cache.stats().misses
    cache.get_or_build("v", ("a",), _model)
    assert cache.stats().misses == misses  # a kept
    cache.get_or_build("v", ("b",), _model)
    assert cache.stats().misses == misses + 1  # b evicted


def test_bounded_by_bytes() -> None:
    one = ViewModelCache()
    one.get_or_build("v", ("a",), _model)
    size = one.stats().bytes
    cache = ViewModelCache(max_bytes=int(size * 2.5))
    for key in "abcd":
        cache.get_or_build("v", (key,), _model)
    assert cache.stats().entries == 2 and cache.stats().bytes <= size * 2.5
    too_small = ViewModelCache(max_bytes=size // 2)
    assert too_small.get_or_build("v", ("a",), _model).notes == ["built"]  # served, not kept
    assert too_small.stats().entries == 0


def test_an_unpicklable_model_is_served_not_kept() -> None:
    cache = ViewModelCache()
    lock = threading.Lock()
    assert cache.get_or_build("v", ("k",), lambda: lock) is lock
    assert cache.stats().entries == 0


def test_threads_share_one_cache_safely() -> None:
    cache = ViewModelCache(max_entries=8)
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for i in range(50):
                value = float(i % 12)
                model = cache.get_or_build("v", (i % 12,), functools.partial(_model, value))
                assert model.table.loc[0, "value"] == value
        except BaseException as error:  # noqa: BLE001
            errors.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and cache.stats().entries <= 8


def test_normalised_keys_ignore_order_and_refuse_objects() -> None:
    assert normalise({"b": ["x", "y"], "a": "1"}) == normalise({"a": "1", "b": ("x", "y")})
    assert normalise({"a": "1"}) != normalise({"a": "2"})
    with pytest.raises(TypeError):
        normalise({"frame": pd.DataFrame()})
    with pytest.raises(TypeError):
        normalise(object())


# The decorator: what a page's builder does with and without an active cache.


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch):
    """A builder memoised on the compare route, a fixed data version, and its call count."""
    calls: list[dict[str, object]] = []
    version = {"now": "v1"}
    monkeypatch.setattr(reads, "data_version", lambda: version["now"])

    @memoised("compare", derived=("helper",))
    def build(query: Mapping[str, object], /, *, helper: object = None, period: str | None = None) -> Model:
        calls.append(dict(query))
        return _model(float(len(calls)))

    return build, calls, version


def _in_request(cache: ViewModelCache | None, call):
    token = view_cache.activate(cache)
    try:
        return call()
    finally:
        view_cache.deactivate(token)


def test_without_an_active_cache_a_builder_is_a_plain_call(counted) -> None:
    build, calls, _ = counted
    build({"indicator": "x"})
    build({"indicator": "x"})
    _in_request(None, lambda: build({"indicator": "x"}))  # the app's cache is off
    assert len(calls) == 3


def test_inside_a_request_the_model_is_kept_per_query(counted) -> None:
    build, calls, _ = counted
    cache = ViewModelCache()
    _in_request(cache, lambda: build({"indicator": "x", "areas": "A,B"}))
    _in_request(cache, lambda: build({"areas": "A,B", "indicator": "x"}, helper=object()))  # derived: not in the key
    assert len(calls) == 1
    _in_request(cache, lambda: build({"indicator": "y"}))
    _in_request(cache, lambda: build({"indicator": "x", "areas": "A,B"}, period="2024"))  # period is in the key
    assert len(calls) == 3
    assert view_cache.active() is None  # released after the request


def test_writing_data_invalidates(counted) -> None:
    build, calls, version = counted
    cache = ViewModelCache()
    _in_request(cache, lambda: build({}))
    version["now"] = "v2"
    assert _in_request(cache, lambda: build({})).table.loc[0, "value"] == 2.0
    assert len(calls) == 2


def test_the_home_council_is_part_of_the_key(counted) -> None:
    build, calls, _ = counted
    cache = ViewModelCache()
    before = home.home_area()
    try:
        home.configure("E10000015")
        _in_request(cache, lambda: build({}))
        home.configure("E10000012")
        _in_request(cache, lambda: build({}))
    finally:
        home.configure(before)
    assert len(calls) == 2


def test_a_route_not_cached_memoises_nothing(counted, monkeypatch: pytest.MonkeyPatch) -> None:
    build, calls, _ = counted
    monkeypatch.setattr(view_cache, "route", lambda key: replace(route(key), cached=False))
    cache = ViewModelCache()
    _in_request(cache, lambda: build({}))
    _in_request(cache, lambda: build({}))
    assert len(calls) == 2 and cache.stats().entries == 0


def test_an_argument_without_a_key_is_not_cached(counted) -> None:
    build, calls, _ = counted
    cache = ViewModelCache()
    _in_request(cache, lambda: build({"frame": pd.DataFrame()}))
    _in_request(cache, lambda: build({"frame": pd.DataFrame()}))
    assert len(calls) == 2


# The data version: every kind of write moves it.


def test_the_data_version_moves_on_deck_save_and_plan_import(writable_sqlite_copy: str) -> None:
    db = Database(writable_sqlite_copy)
    before = written_version(db)
    assert written_version(db) == before
    save_deck(db, "A deck", ["/compare"])
    after_deck = written_version(db)
    assert after_deck != before
    text = decode(PLAN.read_bytes())
    store.import_plan(db, text)  # the same plan again: nothing changed
    assert written_version(db) == after_deck
    edited = text.replace("Number of referrals to Children's Services", "Number of referrals to children's services")
    assert edited != text
    store.import_plan(db, edited)  # same rows, same counts, one wording changed
    assert written_version(db) != after_deck


def test_a_frozen_dataclass_is_its_own_key_and_a_mutable_one_or_a_class_is_refused() -> None:
    @dataclass(frozen=True)
    class Frozen:
        code: str

    @dataclass
    class Mutable:
        code: str

    assert normalise(Frozen("E10000015")) == normalise(Frozen("E10000015"))
    assert normalise(Frozen("E10000015")) != normalise(Frozen("E07000243"))
    for refused in (Mutable("E10000015"), Frozen):
        with pytest.raises(TypeError):
            normalise(refused)
