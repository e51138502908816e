"""The indicator catalogue: search, a table with links, and the words for an indicator's metadata.

Why plain words: a board-paper author should read "lower is better" and "Byar's method",
not ``lower_better`` and ``byar``. Search matches words in the name, definition and topic,
and legacy codes however they are typed ("NI 112", "ni112", "PAF A3").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd
from dash import html

from components.attrs import Child
from components.routes import url_for
from components.tables import data_table

POLARITY_WORDS = {
    "higher_better": "Higher is better",
    "lower_better": "Lower is better",
    "no_judgement": "No judgement: neither higher nor lower is better",
    "ambiguous": "Ambiguous: a rise could be good or bad news",
}
CI_METHOD_WORDS = {
    "wilson": "Wilson score interval (for percentages)",
    "byar": "Byar's method (for rates and counts of events)",
    "published": "As published by the source",
    "none": "No confidence interval",
}
PERIOD_TYPE_WORDS = {
    "academic": "Academic year (September to August)",
    "financial": "Financial year (April to March)",
    "calendar": "Calendar year",
    "snapshot": "Snapshot on a date",
    "rolling": "Rolling period",
    "month": "Month",
    "quarter": "Quarter",
    "not_stated": "Not stated in the source",
}
VALUE_TYPE_WORDS = {
    "percentage": "Percentage",
    "rate_per_1000": "Rate per 1,000",
    "rate_per_10000": "Rate per 10,000",
    "rate_per_100000": "Rate per 100,000",
    "count": "Count",
    "score": "Score",
    "mean": "Mean",
    "other": "Other",
}
LEVEL_WORDS = {
    "country": "England",
    "region": "Regions",
    "county": "Counties",
    "unitary": "Unitary authorities",
    "district": "Districts",
    "ward": "Wards",
    "group": "Comparator groups",
    "other": "Other areas",
}


def words(mapping: dict[str, str], key: object) -> str:
    if not isinstance(key, str) or not key:
        return "Not recorded"
    return mapping.get(key, key.replace("_", " ").capitalize())


def _squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def search_catalogue(frame: pd.DataFrame, query: str | None) -> pd.DataFrame:
    """Rows matching every word of ``query`` (name, short name, definition, topic, id, codes).

    Codes are also matched with spaces and punctuation removed, so "NI 112", "ni112" and
    "NI-112" all find the indicator coded NI 112; a bare "112" finds it too.
    """
    if not query or not query.strip():
        return frame
    text_columns = [c for c in ("id", "name", "short_name", "definition", "topic", "publisher", "codes") if c in frame]
    haystack = frame[text_columns].fillna("").astype(str).agg(" ".join, axis=1).str.lower()
    codes = frame["codes"].fillna("").astype(str) if "codes" in frame else pd.Series("", index=frame.index)
    code_keys = codes.map(lambda s: {_squash(part) for part in s.split(";") if part.strip()})
    squashed_query = _squash(query)
    # A query that is itself a code ("NI 112"): match codes exactly, ignoring spacing.
    exact_code = code_keys.map(lambda keys: squashed_query in keys)
    if exact_code.any():
        return frame[exact_code]
    mask = pd.Series(True, index=frame.index)
    for word in query.lower().split():
        mask &= haystack.str.contains(re.escape(word), regex=True)
    if not mask.any():
        mask = code_keys.map(lambda keys: any(squashed_query in k for k in keys))
    return frame[mask]


CATALOGUE_COLUMNS = [
    ("name", "Indicator"),
    ("unit", "Unit"),
    ("polarity_words", "Polarity"),
    ("codes_shown", "Legacy and external codes"),
    ("data_shown", "Has data?"),
    ("topic", "Topic"),
]


def catalogue_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """Pre-formatted catalogue rows with an ``href`` to each indicator's page."""
    return pd.DataFrame(
        {
            "id": frame["id"],
            "name": frame["name"],
            "href": [url_for("indicator", indicator_id=i) for i in frame["id"]],
            "unit": frame["unit"].fillna(""),
            "polarity_words": [words(POLARITY_WORDS, p) for p in frame["polarity"]],
            "codes_shown": frame["codes"].fillna("").replace("", "None"),
            "data_shown": ["Yes" if v else "No values yet" for v in frame["has_data"]],
            "topic": frame["topic"].fillna(""),
        }
    )


def linked_table(
    frame: pd.DataFrame,
    columns: Sequence[tuple[str, str]],
    *,
    caption: str,
    link_column: str,
    href_column: str,
    table_id: str | None = None,
    numeric: Sequence[str] = (),
) -> html.Div:
    """``components.tables.data_table`` with ``link_column`` cells linking to ``href_column``."""
    return data_table(frame, columns, caption=caption, table_id=table_id, numeric=numeric, link=(link_column, href_column))


def definition_list(items: Sequence[tuple[str, Child | Sequence[Child]]]) -> html.Dl:
    """A two-column definition list; values may be strings or Dash components."""
    children: list[Child] = []
    for term, detail in items:
        children.append(html.Dt(term, className="col-sm-3"))
        children.append(html.Dd(detail if detail not in (None, "") else "Not recorded", className="col-sm-9"))
    return html.Dl(children, className="row indicator-metadata")
