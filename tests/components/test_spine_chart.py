"""Spine chart builder on tiny frames: positions, orientation, distributions, markers."""

from __future__ import annotations

import math

import pandas as pd

from components.spine_chart import distribution, position, row_scale, spine_chart_figure, spine_positions


def _frame(**overrides) -> pd.DataFrame:
    row = {
        "label": "U18 conceptions (2023)",
        "value": 12.0,
        "england": 14.0,
        "county": None,
        "dist_min": 8.0,
        "dist_q1": 10.0,
        "dist_q3": 13.0,
        "dist_max": 18.0,
        "polarity": "lower_better",
        "significance": "Better",
        "hover": "x",
    }
    row.update(overrides)
    return pd.DataFrame([row])


def test_distribution_needs_enough_areas_and_ignores_missing() -> None:
    assert distribution([1, 2, None, 3], minimum=8) is None
    spread = distribution([1, 2, 3, 4, 5, float("nan"), None], minimum=5)
    assert spread == {"dist_min": 1.0, "dist_q1": 2.0, "dist_q3": 4.0, "dist_max": 5.0, "n": 5}


def test_england_is_the_centre_and_better_is_right_for_lower_is_better() -> None:
    placed = spine_positions(_frame()).iloc[0]
    assert math.isclose(placed["pos_england"], 0.5)
    # lower is better: 12 < 14 is better, so it sits to the right of England
    assert placed["pos_value"] > 0.5
    # the worst district (highest rate, 18) is at the left, the best (8) at the right
    assert placed["pos_dist_max"] < placed["pos_dist_min"]
    assert 0 <= placed["pos_dist_max"] < placed["pos_dist_min"] <= 1


def test_higher_is_better_runs_low_to_high() -> None:
    placed = spine_positions(_frame(polarity="higher_better", value=16.0)).iloc[0]
    assert placed["pos_value"] > 0.5 and placed["pos_dist_min"] < placed["pos_dist_max"]


def test_marker_only_rows_do_not_stretch_small_differences() -> None:
    scale = row_scale({"value": 14.5, "england": 14.0, "polarity": "lower_better"})
    assert scale is not None
    # half a point on 14 is well inside the row, not at its edge
    placed = position(14.5, scale)
    assert placed is not None and 0.4 < placed < 0.5


def test_rows_with_nothing_to_compare_are_not_placed() -> None:
    frame = _frame(england=None, county=None, dist_min=None, dist_q1=None, dist_q3=None, dist_max=None)
    assert not spine_positions(frame)["placed"].iloc[0]
    figure = spine_chart_figure(frame, area_name="Stevenage")
    assert all(len(trace.x or []) == 0 for trace in figure.data)


def test_figure_has_range_bars_england_and_significance_marker_with_words() -> None:
    frame = pd.concat([_frame(), _frame(label="Year 6 obesity", value=None, significance="Not compared")], ignore_index=True)
    figure = spine_chart_figure(
        frame, area_name="Stevenage", county_name="Hertfordshire", range_label="Range across Hertfordshire's districts"
    )
    names = [t.name for t in figure.data]
    assert names[0].startswith("Range across Hertfordshire's districts")
    assert "England" in names
    assert "Stevenage: better compared with England" in names
    better = next(t for t in figure.data if t.name == "Stevenage: better compared with England")
    assert better.marker.symbol == "triangle-up"  # shape as well as colour
    # a missing value gets no marker at all (never a zero)
    assert all("Year 6 obesity" not in list(t.y) for t in figure.data if t.type == "scatter" and t.name.startswith("Stevenage"))
    assert figure.layout.title.text is None  # the HTML heading is the title


def test_an_area_with_no_placed_row_gets_an_empty_chart_not_a_key_error() -> None:
    """A ward with no England or range value for any indicator: the page shows its table, never blank."""
    import pandas as pd

    from components.spine_chart import spine_chart_figure

    for frame in (pd.DataFrame(), pd.DataFrame({"label": [], "value": []})):
        figure = spine_chart_figure(frame, area_name="Broxbourne and Hoddesdon South")
        assert list(figure.data) == []
