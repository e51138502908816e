"""Fuzzing ``/_dash-update-component``: every registered callback with wrong types, missing keys,
huge values, plus bodies that are not Dash bodies at all. No response may carry a traceback,
none may be 5xx (a request Dash cannot dispatch is answered 400 with a plain JSON message),
and the server keeps serving afterwards. Runs on its own copy of the seeded database because
some callbacks (saving a presentation deck) write.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.security.fuzz_support import HOSTILE, TRACEBACK, router_body

CASES = 300


@pytest.fixture(scope="module")
def fuzz_app(_seeded_sqlite, tmp_path_factory):
    from sqlalchemy.engine import make_url

    from app import create_app
    from settings import Settings

    folder = tmp_path_factory.mktemp("callbacks")
    with _seeded_sqlite.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(FULL)")
    copy = folder / "fuzz.db"
    shutil.copyfile(Path(make_url(_seeded_sqlite.url).database), copy)
    app = create_app(
        Settings(database_url=f"sqlite:///{copy}", cache_dir=str(folder / "cache"), upload_dir=str(folder / "uploads"))
    )
    client = app.server.test_client()
    client.get("/")
    return app, client


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30) | st.sampled_from(HOSTILE),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
huge_values = st.sampled_from(["x" * 1_000_000, list(range(50_000)), {"k" * 10_000: "v"}, 1e308, "9" * 5000])


def _body_for(key: str, spec: dict, draw_value, mutate: str):
    body = {
        "output": key,
        "outputs": [{"id": o.split(".")[0], "property": o.split(".")[-1]} for o in key.strip(".").split("...")],
        "inputs": [dict(item, value=draw_value()) for item in spec["inputs"]],
        "state": [dict(item, value=draw_value()) for item in spec.get("state", [])],
        "changedPropIds": [f"{item['id']}.{item['property']}" for item in spec["inputs"][:1]],
    }
    if mutate == "drop-inputs":
        body.pop("inputs")
    elif mutate == "drop-state":
        body.pop("state", None)
    elif mutate == "drop-output":
        body.pop("output")
    elif mutate == "inputs-not-list":
        body["inputs"] = draw_value()
    elif mutate == "unknown-output":
        body["output"] = "no-such-component.children"
    elif mutate == "changed-garbage":
        body["changedPropIds"] = draw_value()
    return body


def _check(response, what: str) -> None:
    text = response.get_data(as_text=True)
    assert not TRACEBACK.search(text), f"{what}: traceback leaked"
    # a malformed callback request is the client's error: 4xx with a plain JSON message, never 5xx
    assert response.status_code < 500, f"{what}: {response.status_code} {text[:200]}"
    if response.status_code >= 400 and response.is_json:
        assert set(response.get_json()) == {"error", "message"}


def test_registered_callbacks_with_hostile_payloads(fuzz_app) -> None:
    app, client = fuzz_app
    keys = sorted(app.callback_map)
    assert len(keys) >= 5
    ran = {"n": 0}

    @settings(
        max_examples=CASES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
    )
    @given(
        st.sampled_from(keys),
        st.sampled_from(
            [
                "none",
                "none",
                "none",
                "drop-inputs",
                "drop-state",
                "drop-output",
                "inputs-not-list",
                "unknown-output",
                "changed-garbage",
            ]
        ),
        st.data(),
    )
    def check(key: str, mutate: str, data) -> None:
        ran["n"] += 1
        use_huge = data.draw(st.integers(0, 9)) == 0
        body = _body_for(key, app.callback_map[key], lambda: data.draw(huge_values if use_huge else json_values), mutate)
        _check(client.post("/_dash-update-component", json=body), f"{key[:60]} {mutate}")

    check()
    assert ran["n"] >= CASES
    _still_serving(client)


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"not json",
        b"{",
        b"[]",
        b"null",
        b"123",
        b'"just a string"',
        b'{"output": 5}',
        b'{"output": null, "inputs": null}',
        b'{"output": "url.search", "inputs": [{"id": 1}]}',
        b"[" * 100_000 + b"]" * 100_000,  # deep nesting
        b'{"output": "' + b"a" * 2_000_000 + b'"}',
        json.dumps({"output": ".._pages_content.children..._pages_store.data..", "inputs": "x"}).encode(),
        json.dumps(router_body("/compare", "?" + "a=1&" * 20_000)).encode(),
        json.dumps(router_body("\x00/../../etc/passwd", "?indicator=%00")).encode(),
    ],
)
def test_malformed_bodies(fuzz_app, raw: bytes) -> None:
    _, client = fuzz_app
    for content_type in ("application/json", "text/plain"):
        _check(client.post("/_dash-update-component", data=raw, content_type=content_type), f"{raw[:40]!r} as {content_type}")
    _still_serving(client)


def _still_serving(client) -> None:
    assert client.get("/healthz").status_code == 200
    response = client.post("/_dash-update-component", json=router_body("/compare", ""))
    assert response.status_code == 200 and "compare" in response.get_data(as_text=True)
