"""The shapes of the single records the read API returns: one indicator, one area, one code.

Why TypedDicts and not dataclasses: these cross the data_access → views boundary as plain dicts
(they are cached, pickled, turned into JSON by the HTTP API and spread into table rows), and the
callers already read them by key. Typing the keys lets mypy check every ``meta["…"]`` look-up
without changing what the dicts are. The columns follow ``data_access.models``; a nullable
column is ``X | None`` here.
"""

from __future__ import annotations

from typing import TypedDict


class IndicatorCodeRecord(TypedDict):
    """One code another scheme gives the indicator (Fingertips id, DfE code, LAIT flag)."""

    scheme: str
    code: str
    note: str | None


class IndicatorRecord(TypedDict):
    """One indicator with its source, as ``reads.indicator`` returns it."""

    id: str
    name: str
    short_name: str | None
    definition: str | None
    unit: str
    value_type: str
    polarity: str
    ci_method: str
    period_type: str
    decimals: int
    topic: str | None
    publisher: str | None
    fingertips_id: int | None
    dfe_code: str | None
    gap_phase: str | None
    source_title: str | None
    source_url: str | None
    source_publisher: str | None
    source_licence: str | None
    source_key: str | None
    codes: list[IndicatorCodeRecord]


class AreaRecord(TypedDict):
    """One area, as ``reads.area`` returns it."""

    code: str
    name: str
    short_name: str | None
    level: str
    parent_code: str | None
    dfe_la_code: str | None


class AncestorRecord(TypedDict):
    """One step up an area's chain of parents (``reads.area_ancestors``)."""

    code: str
    name: str
    level: str
