"""Pure gap-chart builders on tiny frames."""

from __future__ import annotations

import pandas as pd

from components.gap_chart import dumbbell_figure, gap_text, gap_trend_figure


def _rows() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "area_name": ["Hertfordshire", "Stevenage", "England"],
            "disadvantaged": [35.8, None, 37.1],
            "other": [52.6, 53.0, 49.9],
            "gap": [16.8, None, 12.8],
            "status_disadvantaged": [None, "c", None],
            "status_other": [None, None, None],
            "illustrative_disadvantaged": [False, True, False],
            "illustrative_other": [False, True, False],
            "gap_label": ["gap 16.8 points (England 12.8)", "", "gap 12.8 points"],
        }
    )


def test_gap_text_never_per_cent() -> None:
    assert gap_text(16.8, "points", 1) == "16.8 points"
    assert gap_text(3.24, "percentage points", 1) == "3.2 percentage points"
    assert gap_text(None, "points", 1) == "not calculated"


def test_dumbbell_draws_both_groups_labels_the_gap_and_leaves_suppressed_blank() -> None:
    fig = dumbbell_figure(_rows(), value_type="score", decimals=1, unit_label="Score", gap_unit="points", axis_title="A8")
    names = [t.name for t in fig.data]
    assert "Disadvantaged pupils" in names and "Other pupils (not disadvantaged)" in names
    disadvantaged = next(t for t in fig.data if t.name == "Disadvantaged pupils")
    # top-first display order is reversed for plotly: England, Stevenage, Hertfordshire
    assert list(disadvantaged.x) == [37.1, None, 35.8]
    assert disadvantaged.marker.symbol[1].endswith("-open")  # illustrative
    texts = [a.text for a in fig.layout.annotations]
    assert "gap 16.8 points (England 12.8)" in texts
    assert any("No gap" in t and "c" in t for t in texts)
    assert not any("0.0" in (t or "") for t in texts)
    assert "Published figure (filled marker)" in names  # mixed provenance gets a key


def test_gap_trend_is_categorical_in_given_order_with_gaps() -> None:
    frame = pd.DataFrame(
        {
            "area_code": ["A", "A", "A", "E92000001", "E92000001"],
            "area_name": ["Herts", "Herts", "Herts", "England", "England"],
            "period_label": ["2015/16", "2016/17", "2018/19", "2015/16", "2016/17"],
            "period_sort": [20160831, 20170831, 20190831, 20160831, 20170831],
            "gap": [17.0, None, 16.0, 13.0, 12.8],
            "illustrative": [True, True, True, False, False],
        }
    )
    order = ["2015/16", "2016/17", "2018/19"]
    fig = gap_trend_figure(frame, period_order=order, gap_unit="points", decimals=1)
    assert list(fig.layout.xaxis.categoryarray) == order
    herts = next(t for t in fig.data if t.name == "Herts")
    assert list(herts.y) == [17.0, None, 16.0]
    england = next(t for t in fig.data if t.name == "England")
    assert england.line.dash == "dash"
    assert fig.layout.yaxis.title.text == "Gap (points)"
    assert any("England" in a.text and "12.8" in a.text for a in fig.layout.annotations)
