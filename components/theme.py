"""The one plotly template, built on the Government Analysis Function's colour-blind-safe palette.

Why here and only here: every figure must look the same and carry the same accessibility
choices (contrast, font size, no colour-only meaning), so builders call ``apply_theme`` or rely
on the registered default instead of repeating style dicts.
"""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

# Analysis Function categorical palette (anchors.md §4), in its recommended order.
DARK_BLUE = "#12436D"
TURQUOISE = "#28A197"
DARK_PINK = "#801650"
ORANGE = "#F46A25"
DARK_GREY = "#3D3D3D"
LIGHT_PURPLE = "#A285D1"
MID_BLUE = "#2073BC"
LIGHT_BLUE = "#6BACE6"
FOCUS_GREY = "#BFBFBF"
TEXT = "#0B0C0C"
SECONDARY_TEXT = "#505A5F"

CATEGORICAL = [DARK_BLUE, TURQUOISE, DARK_PINK, ORANGE, DARK_GREY, LIGHT_PURPLE]

#: Significance colours; always paired with words and marker shapes (never colour alone).
SIGNIFICANCE_COLOURS = {
    "Better": TURQUOISE,
    "Similar": FOCUS_GREY,
    "Worse": DARK_PINK,
    "Higher": DARK_BLUE,
    "Lower": LIGHT_PURPLE,
    "Not compared": "#FFFFFF",
    "Benchmark": DARK_GREY,
}
SIGNIFICANCE_SYMBOLS = {
    "Better": "triangle-up",
    "Similar": "circle",
    "Worse": "triangle-down",
    "Higher": "diamond",
    "Lower": "square",
    "Not compared": "circle-open",
    "Benchmark": "line-ns",
}

FONT_FAMILY = 'Arial, "Helvetica Neue", Helvetica, sans-serif'
TEMPLATE_NAME = "outcome_bees"


def build_template(base_font_size: int = 16) -> go.layout.Template:
    return go.layout.Template(
        layout=go.Layout(
            colorway=CATEGORICAL,
            font={"family": FONT_FAMILY, "size": base_font_size, "color": TEXT},
            title={"font": {"size": base_font_size + 4}, "x": 0, "xanchor": "left"},
            paper_bgcolor="#FFFFFF",
            plot_bgcolor="#FFFFFF",
            margin={"l": 60, "r": 30, "t": 90, "b": 90},
            xaxis={"gridcolor": "#E5E5E5", "linecolor": TEXT, "zerolinecolor": "#B1B4B6", "ticks": "outside"},
            yaxis={"gridcolor": "#E5E5E5", "linecolor": TEXT, "zerolinecolor": "#B1B4B6", "ticks": "outside"},
            legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0},
            hoverlabel={"font": {"family": FONT_FAMILY, "size": base_font_size}},
        )
    )


def register_template() -> None:
    """Register the template and make it the default (idempotent)."""
    pio.templates[TEMPLATE_NAME] = build_template()
    pio.templates[TEMPLATE_NAME + "_large"] = build_template(base_font_size=26)
    pio.templates.default = TEMPLATE_NAME


register_template()
