"""Accessible HTML tables: a real <table> with caption and header scope.

Why not DataTable: screen readers and keyboard users get a plain table for free, it prints,
and it shows exactly the chart's data including suppressed cells with their symbols.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
from dash import dcc, html

from analytics.frames import frame_records
from components.attrs import attrs
from components.paths import app_path, app_root


def data_table(
    frame: pd.DataFrame,
    columns: Sequence[tuple[str, str]],
    *,
    caption: str,
    table_id: str | dict | None = None,
    numeric: Sequence[str] = (),
    link: tuple[str, str] | None = None,
) -> html.Div:
    """``columns`` is (column name in ``frame``, header text); cells are shown as given (pre-formatted).

    ``link`` = (column, href column): that column's cells link to the row's href (catalogue rows).
    """
    head = html.Thead(html.Tr([html.Th(label, scope="col") for _, label in columns]))
    body_rows = []
    root = app_root()  # once for the table: the request's script root is worked out on each ask
    for record in frame_records(frame):
        cells: list[html.Th | html.Td] = []
        for index, (name, _) in enumerate(columns):
            value = record.get(name, "")
            text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
            content = (
                dcc.Link(text, href=app_path(record[link[1]], root)) if link and name == link[0] and record.get(link[1]) else text
            )
            class_name = "text-end" if name in numeric else None
            if index == 0:
                cells.append(html.Th(content, scope="row", className=class_name))
            else:
                cells.append(html.Td(content, className=class_name))
        body_rows.append(html.Tr(cells))
    # Dash refuses id=None, so the id is passed only when there is one
    identity: dict[str, Any] = {"id": table_id} if table_id is not None else {}
    table = html.Table(
        [html.Caption(caption), head, html.Tbody(body_rows)],
        className="table table-sm table-striped data-table",
        **identity,
    )
    return html.Div(table, className="table-responsive", tabIndex="0", role="region", **attrs({"aria-label": caption}))
