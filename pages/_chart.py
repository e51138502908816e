"""A view's chart on its page: the chart block with the view's own table and its download links.

Every page draws a ``ChartView`` the same way, so this is written once. Not a component: it
reads a view model, and components do not know about views (docs/architecture.md). The leading
underscore keeps Dash from registering it as a page.
"""

from __future__ import annotations

import pandas as pd
from dash import html
from dash.development.base_component import Component

from components.chart_block import chart_block
from components.controls import download_links
from components.indicator_catalogue import linked_table
from components.tables import data_table
from views.base import ChartView


def view_block(
    chart: ChartView,
    *,
    page: str,
    query_string: str,
    graph_id: str,
    table_id: str,
    caption: str | None = None,
    indicator_links: bool = False,
    embed: bool = True,
    figure_height: bool = False,
    table_rows: pd.DataFrame | None = None,
    table_footer: Component | None = None,
) -> html.Section:
    """``indicator_links`` links the table's ``indicator`` column to each row's ``indicator_href``;
    ``embed=False`` leaves out the embed links where a page has no single embeddable chart;
    ``figure_height`` draws the graph as tall as the figure says (charts that grow with their rows);
    ``table_rows`` shows a slice of the view's table (a page of a long one) and ``table_footer``
    goes under it (that table's page navigation)."""
    title = caption or chart.text.title
    rows = chart.table if table_rows is None else table_rows
    if indicator_links:
        table = linked_table(
            rows,
            chart.table_columns,
            caption=title,
            link_column="indicator",
            href_column="indicator_href",
            table_id=table_id,
            numeric=chart.numeric_columns,
        )
    else:
        table = data_table(rows, chart.table_columns, caption=title, table_id=table_id, numeric=chart.numeric_columns)
    return chart_block(
        chart.figure,
        chart.text,
        html.Div([table, table_footer]) if table_footer is not None else table,
        graph_id=graph_id,
        links=download_links(page, query_string, embed=embed),
        graph_height=int(chart.figure.layout.height or 450) if figure_height else None,
    )
