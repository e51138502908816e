"""The SEND mix figure: one bar per category, areas top to bottom, a missing share a gap (never zero)."""

from __future__ import annotations

import math

import pandas as pd

from components.send_charts import mix_figure


def test_mix_figure_one_bar_per_category_in_area_order_with_gaps() -> None:
    frame = pd.DataFrame(
        {
            "area": ["Essex", "Essex", "England", "England"],
            "category": ["Mainstream", "Special", "Mainstream", "Special"],
            "share": [40.0, None, 45.5, 30.0],
        }
    )
    figure = mix_figure(frame, categories=["Mainstream", "Special", "Other"], areas=["England", "Essex"], title_x="Share")
    bars = {bar.name: list(bar.x) for bar in figure.data}
    assert list(bars) == ["Mainstream", "Special", "Other"]
    assert bars["Mainstream"] == [45.5, 40.0]
    assert bars["Special"][0] == 30.0 and math.isnan(bars["Special"][1])
    assert all(math.isnan(x) for x in bars["Other"])
    assert list(figure.data[0].y) == ["England", "Essex"]
