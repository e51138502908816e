"""The shared shape of a view and the helpers every view module uses."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from analytics.codes import slug as slug  # re-exported: web and pages name files and anchors with it
from components.chart_block import ChartText
from components.routes import url_for
from data_access import reads
from data_access.reads.records import AreaRecord, IndicatorRecord

#: A page's query as Dash and Flask hand it over: parameter → a string, or a list for a repeated key.
#: Typed ``object``: the values are read only through ``first`` and ``code_list``, which check them.
Query = Mapping[str, object]

#: Where an unknown indicator's message points the reader.
INDICATOR_LINKS: tuple[tuple[str, str], ...] = (("Indicator catalogue", url_for("indicators")),)


class ViewNotFound(LookupError):
    """An unknown id or option in a view's query; the message is shown to the user."""

    def __init__(self, message: str, links: Sequence[tuple[str, str]] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.links = list(links)


@dataclass
class ChartView:
    """One chart with its words, its table and its data.

    A page that needs more (its query, period, indicator) gets a subclass from its view module
    with those as typed fields, e.g. ``views.compare.CompareChart``.
    """

    key: str
    figure: go.Figure
    text: ChartText
    table: pd.DataFrame
    table_columns: list[tuple[str, str]]
    data: pd.DataFrame
    filename_stem: str
    numeric_columns: Sequence[str] = ()


def first(query: Query, key: str, default: str | None = None) -> str | None:
    """A single query value; lists (repeated keys) take the first, blanks mean default."""
    value = query.get(key, default)
    if isinstance(value, (list, tuple)):
        value = value[0] if value else default
    if value is None:
        return default
    value = str(value).strip()
    return value or default


def code_list(query: Query, key: str) -> list[str]:
    raw = query.get(key)
    if raw is None:
        return []
    if isinstance(raw, (list, tuple)):
        raw = ",".join(str(r) for r in raw)
    return [part.strip().upper() for part in str(raw).split(",") if part.strip()]


def known_indicator(indicator_id: str, links: Sequence[tuple[str, str]] = INDICATOR_LINKS) -> IndicatorRecord:
    """The indicator's record, or the friendly "no indicator called …" every view says for an unknown id."""
    found = reads.indicator(indicator_id)
    if found is None:
        raise ViewNotFound(f"There is no indicator called “{indicator_id}”.", links)
    return found


def known_area(code: str, message: str | None = None, links: Sequence[tuple[str, str]] = ()) -> AreaRecord:
    """The area's record (a predecessor code resolves), or ``ViewNotFound`` with the view's own words."""
    found = reads.area(code)
    if found is None:
        raise ViewNotFound(message or f"There is no area with the code “{code}”.", links)
    return found


def area_name(code: str) -> str:
    """The area's name for a label, or its code when the area is unknown (a label still says something)."""
    found = reads.area(code)
    return found["name"] if found is not None else code


def any_illustrative(frame: pd.DataFrame) -> bool:
    return bool("illustrative" in frame and frame["illustrative"].fillna(False).astype(bool).any())


#: The attribution the Open Government Licence asks for, on every chart and export of published statistics.
OGL_ATTRIBUTION = "Contains public sector information licensed under the Open Government Licence v3.0"


def source_lines(frame: pd.DataFrame) -> list[str]:
    """Distinct sources of the values shown, with their document line where known."""
    if frame.empty:
        return []
    lines: list[str] = []
    # the distinct (title, line) pairs in first-seen order, every missing cell one value (as
    # ``drop_duplicates`` has them): a frame's drop_duplicates and itertuples cost ~7 ms a chart
    pairs = dict.fromkeys(
        (None if pd.isna(title) else title, None if pd.isna(line) else line)
        for title, line in zip(frame["source_title"].tolist(), frame["source_line"].tolist())
    )
    for title, line in pairs:
        if title is None:
            continue
        lines.append(f"{title}, line {line}" if isinstance(line, str) and line else str(title))
    # keep the list short on a chart: many lines of one document collapse to the document
    if len(lines) > 4:
        lines = list(dict.fromkeys(str(t) for t in frame["source_title"].dropna()))
    if "source_licence" in frame.columns and frame["source_licence"].astype(str).str.contains("Open Government").any():
        lines.append(OGL_ATTRIBUTION)
    return lines
