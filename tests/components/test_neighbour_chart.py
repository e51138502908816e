"""The LAIT view's chart builders: pure, DataFrame in, figure out."""

from __future__ import annotations

import pandas as pd

from components.neighbour_chart import neighbour_bar_figure, quartile_count_figure


def _rows() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "area_name": ["Hertfordshire", "Trafford", "Oxfordshire", "Bromley"],
            "role": ["council", "neighbour", "neighbour", "neighbour"],
            "value": [11.0, 6.0, 16.0, None],
            "status": [None, None, None, "c"],
            "lower_ci95": [9.0, None, 13.2, None],
            "upper_ci95": [13.1, None, 18.2, None],
        }
    )


def test_council_is_named_not_only_coloured_and_bars_carry_ci_whiskers() -> None:
    fig = neighbour_bar_figure(
        _rows(),
        value_type="percentage",
        decimals=1,
        unit_label="Percentage",
        reference_lines=[("Statistical neighbours (average of 10)", 11.8), ("East of England", 11.0), ("England", 10.0)],
    )
    bars = {t.name: t for t in fig.data if t.type == "bar"}
    council = bars["This council"]
    assert list(council.x) == [11.0]
    assert "Hertfordshire (this council)" in council.y[0]
    assert list(council.error_x.array) == [13.1 - 11.0]
    neighbours = [x for t in fig.data if t.type == "bar" and t.name == "Statistical neighbour" for x in t.x]
    assert sorted(neighbours) == [6.0, 16.0]  # Bromley has no bar at all
    assert list(fig.layout.yaxis.categoryarray)[-1].startswith("<b>Hertfordshire")  # first row drawn at the top


def test_a_missing_interval_draws_no_whisker_not_a_zero_width_one() -> None:
    """plotly.js draws a null whisker length as 0 (a capped zero-width whisker): Trafford, with no
    interval, sits in a trace of its own without error bars, one legend entry for both."""
    fig = neighbour_bar_figure(_rows(), value_type="percentage", decimals=1, unit_label="Percentage")
    neighbours = [t for t in fig.data if t.type == "bar" and t.name == "Statistical neighbour"]
    with_ci = [t for t in neighbours if t.error_x.array is not None]
    without = [t for t in neighbours if t.error_x.array is None]
    assert [list(t.x) for t in with_ci] == [[16.0]] and [list(t.x) for t in without] == [[6.0]]
    assert None not in list(with_ci[0].error_x.array)
    assert [t.showlegend for t in neighbours] == [True, False]
    assert {t.legendgroup for t in neighbours} == {"Statistical neighbour"}


def test_missing_value_has_a_labelled_row_never_a_zero_bar() -> None:
    fig = neighbour_bar_figure(_rows(), value_type="percentage", decimals=1, unit_label="Percentage")
    assert all(x != 0 for t in fig.data if t.type == "bar" for x in t.x)
    bromley = [c for c in fig.layout.yaxis.categoryarray if c.startswith("Bromley")]
    assert bromley and "c: suppressed" in bromley[0]
    assert [a.text for a in fig.layout.annotations] == ["no bar: c – suppressed (confidential)"]


def test_reference_lines_are_drawn_and_named_with_their_values() -> None:
    fig = neighbour_bar_figure(
        _rows(),
        value_type="percentage",
        decimals=1,
        unit_label="Percentage",
        reference_lines=[("Statistical neighbours (average of 10)", 11.8), ("East of England", None), ("England", 10.0)],
    )
    assert [s.x0 for s in fig.layout.shapes] == [11.8, 10.0]  # a missing region value draws no line
    assert len({s.line.dash for s in fig.layout.shapes}) == 2  # told apart by dash style, not colour only
    names = [t.name for t in fig.data if t.type == "scatter"]
    assert names == ["Statistical neighbours (average of 10): 11.8%", "England: 10.0%"]


def test_quartile_counts_stack_by_group_in_order() -> None:
    counts = pd.DataFrame({"group": ["Be Safe", "Be Safe", "Health"], "band": ["A", "not ranked", "D"], "n": [3, 2, 1]})
    fig = quartile_count_figure(counts)
    assert fig.layout.barmode == "stack"
    names = [t.name for t in fig.data]
    assert names == ["Quartile A", "Quartile D", "Not ranked"]
    a = fig.data[0]
    assert list(a.y) == ["Health", "Be Safe"] and list(a.x) == [0, 3]  # first group drawn at the top
