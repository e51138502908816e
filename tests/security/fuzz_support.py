"""Shared pieces for the fuzz tests: one app per module (hypothesis re-runs a test body many
times, so the app must outlive a single example), hostile value strategies, and the checks."""

from __future__ import annotations

import re
from typing import Any

from hypothesis import strategies as st

KNOWN_KEYS = [
    "indicator",
    "areas",
    "area",
    "benchmark",
    "breakdown",
    "period",
    "phase",
    "view",
    "ci",
    "code",
    "framework",
    "group",
    "q",
    "bee",
    "level",
    "trend",
    "views",
    "title",
    "auto",
    "_id",
    "next",
]
HOSTILE = [
    "",
    " ",
    "%",
    "%%",
    "%00",
    "\x00",
    "../../etc/passwd",
    "..\\..\\win.ini",
    "' OR 1=1 --",
    '"; DROP TABLE observation; --',
    "<script>alert(1)</script>",
    "{{7*7}}",
    "${jndi:ldap://x}",
    "=cmd|' /C calc'!A0",
    "NaN",
    "inf",
    "-inf",
    "1e309",
    "-1",
    "0",
    "99999999999999999999999",
    "E10000015,E07000243",
    "E10000015," * 300,
    "all",
    "Total",
    "disadvantage:",
    ":",
    "|||",
    "ks2-rwm-expected",
    "u18-conceptions",
    "2023-24",
    "2099/00",
    "true",
    "[]",
    "{}",
    "null",
    "\u202e\u0000\ud7ff",
    "😀" * 20,
    "a" * 5000,
]
TRACEBACK = re.compile(r"Traceback \(most recent call last\)|File \"/[^\"]+\.py\", line \d+")


def known_values() -> list[str]:
    """Real ids from the seeded database, so some examples reach deep into the views."""
    from data_access import reads

    values: list[str] = []
    try:
        values += list(reads.indicators()["id"].astype(str))[:40]
        values += list(reads.areas()["code"].astype(str))[:40]
    except Exception:  # noqa: BLE001 - the fuzz still runs on the hostile list
        pass
    return values


def value_strategy(known: list[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(HOSTILE),
        st.sampled_from(known or ["x"]),
        st.text(st.characters(exclude_categories=["Cs"]), max_size=40),
        st.lists(st.sampled_from(known or ["x"]), min_size=1, max_size=12).map(",".join),
        st.integers(min_value=-(10**30), max_value=10**30).map(str),
        st.floats(allow_nan=True, allow_infinity=True).map(str),
    )


def query_strategy(known: list[str]) -> st.SearchStrategy[list[tuple[str, str]]]:
    key = st.one_of(st.sampled_from(KNOWN_KEYS), st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=12))
    return st.lists(st.tuples(key, value_strategy(known)), max_size=6)


def assert_clean(response: Any, what: str) -> None:
    body = response.get_data(as_text=True)
    assert response.status_code < 500, f"{what}: {response.status_code} {body[:300]}"
    assert not TRACEBACK.search(body), f"{what}: traceback in the response"


def router_body(pathname: str, search: str) -> dict[str, Any]:
    """The body Dash posts when the page changes (dash.page_container's routing callback)."""
    from tests.dash_routing import routing_request

    return routing_request(pathname, search)
