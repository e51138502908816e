"""Pure trend-chart builder on tiny frames."""

from __future__ import annotations

import pandas as pd

from components.trend_chart import marker_symbols, trend_figure


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "area_code": ["E10000015"] * 3 + ["E92000001"] * 3,
            "area_name": ["Hertfordshire"] * 3 + ["England"] * 3,
            "period_label": ["2005-06", "April 2007", "2008"] * 2,
            "value": [25.6, None, 20.0, 39.5, 35.0, 30.0],
            "lower_ci95": [None, None, 18.0, None, 34.0, 29.0],
            "upper_ci95": [None, None, 22.0, None, 36.0, 31.0],
            "status": [None, "c", None, None, None, None],
            "illustrative": [False, True, True, False, True, True],
        }
    )


def test_marker_symbols_open_for_illustrative() -> None:
    assert marker_symbols("circle", [False, True]) == ["circle", "circle-open"]


def test_lines_follow_period_order_with_gaps_not_zero() -> None:
    order = ["2005-06", "April 2007", "2008"]
    fig = trend_figure(_frame(), period_order=order, value_type="rate_per_1000", decimals=1, unit_label="Per 1,000", show_ci=True)
    assert fig.layout.xaxis.type == "category"
    assert list(fig.layout.xaxis.categoryarray) == order
    herts = next(t for t in fig.data if t.name == "Hertfordshire")
    assert list(herts.y) == [25.6, None, 20.0]
    assert herts.connectgaps is False
    assert list(herts.marker.symbol) == ["circle", "circle-open", "circle-open"]
    england = next(t for t in fig.data if t.name == "England")
    assert england.line.dash == "dash"
    assert any(t.fill == "toself" for t in fig.data)
    names = [t.name for t in fig.data]
    assert "Published figure (filled marker)" in names and "Illustrative value (open marker)" in names


def test_ci_off_and_targets_drawn() -> None:
    targets = pd.DataFrame(
        {"area_code": ["E10000015"], "area_name": ["Hertfordshire"], "period_label": ["2008"], "value": [15.0]}
    )
    fig = trend_figure(
        _frame(),
        period_order=["2005-06", "April 2007", "2008"],
        value_type="rate_per_1000",
        decimals=1,
        unit_label="Per 1,000",
        show_ci=False,
        targets=targets,
        legend_suffix={"E10000015": " – Decreasing"},
    )
    assert not any(t.fill == "toself" for t in fig.data)
    target = next(t for t in fig.data if t.name == "Target: Hertfordshire")
    assert list(target.y) == [15.0] and target.marker.symbol == "star"
    assert any(t.name == "Hertfordshire – Decreasing" for t in fig.data)
