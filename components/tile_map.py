"""A tile-grid map of Hertfordshire's ten districts: one equal square each, hand-placed in
roughly their real positions (no boundary files), so small districts like Watford count as
much as Dacorum."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analytics.frames import row_dict
from components.formatting import format_value
from components.theme import SIGNIFICANCE_COLOURS, TEXT

#: (row, column) from the top-left; approximate geography, not to scale.
HERTS_TILES: dict[str, tuple[int, int]] = {
    "E07000099": (0, 1),  # North Hertfordshire
    "E07000243": (0, 2),  # Stevenage
    "E07000096": (1, 0),  # Dacorum
    "E07000240": (1, 1),  # St Albans
    "E07000241": (1, 2),  # Welwyn Hatfield
    "E07000242": (1, 3),  # East Hertfordshire
    "E07000102": (2, 0),  # Three Rivers
    "E07000103": (2, 1),  # Watford
    "E07000098": (2, 2),  # Hertsmere
    "E07000095": (2, 3),  # Broxbourne
}
_DARK_FILLS = {"Worse", "Higher"}


def tile_map_figure(frame: pd.DataFrame, *, value_type: str, decimals: int) -> go.Figure:
    """``frame``: area_code, area_name (short), value, status, significance, and optionally
    tile_label (the words a tile shows instead of its significance, e.g. "Higher, not tested")."""
    shapes: list[dict] = []
    annotations: list[dict] = []
    by_code = frame.set_index("area_code")
    for code, (row, col) in HERTS_TILES.items():
        x0, y0 = col, -row
        if code in by_code.index:
            item = row_dict(by_code.loc[code])
            category = str(item["significance"])
            shown = item.get("tile_label")  # an untested difference, in words, where the view gives one
            label = shown if isinstance(shown, str) and shown else category
            name = str(item["area_name"])
            value = format_value(item["value"], value_type, decimals, status=item["status"], short=True)
        else:
            category, label, name, value = "Not compared", "Not compared", "", "not shown"
        fill = SIGNIFICANCE_COLOURS.get(category, "#FFFFFF")
        font_colour = "#FFFFFF" if category in _DARK_FILLS else TEXT
        shapes.append(
            {
                "type": "rect",
                "x0": x0 + 0.04,
                "x1": x0 + 0.96,
                "y0": y0 + 0.04,
                "y1": y0 + 0.96,
                "fillcolor": fill,
                "line": {"color": TEXT, "width": 2},
            }
        )
        annotations.append(
            {
                "x": x0 + 0.5,
                "y": y0 + 0.5,
                "showarrow": False,
                "text": f"<b>{name}</b><br>{value}<br>{label}",
                "font": {"color": font_colour, "size": 14},
            }
        )
    # one layout update instead of one call per tile: plotly's add_shape is slow (profiled)
    fig = go.Figure(layout={"shapes": shapes, "annotations": annotations})
    fig.update_xaxes(visible=False, range=[-0.05, 4.05], fixedrange=True)
    fig.update_yaxes(visible=False, range=[-2.05, 1.05], fixedrange=True, scaleanchor="x")
    fig.update_layout(height=460, margin={"l": 10, "r": 10, "t": 20, "b": 20}, showlegend=False, dragmode=False)
    return fig
