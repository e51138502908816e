"""Pure builders for the comparison page, on tiny frames."""

import pandas as pd

from components.compare_chart import comparison_bar_figure, significance_legend_text
from components.formatting import format_value, gap_unit
from components.tile_map import HERTS_TILES, tile_map_figure


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "area_code": ["E07000243", "E07000095", "E10000015"],
            "area_name": ["Stevenage", "Broxbourne", "Hertfordshire"],
            "value": [31.2, None, 27.0],
            "lower_ci95": [28.0, None, 26.0],
            "upper_ci95": [34.5, None, 28.0],
            "status": [None, "c", None],
            "significance": ["Worse", "Not compared", "Benchmark"],
        }
    )


def test_bars_carry_values_and_words_not_just_colour() -> None:
    fig = comparison_bar_figure(
        _frame(), value_type="rate_per_1000", decimals=1, unit_label="Per 1,000", reference_lines=[("Hertfordshire", 27.0)]
    )
    categories = [c for trace in fig.data for c in trace.y]
    assert any("Stevenage" in c and "31.2" in c and "Worse" in c for c in categories)
    assert {trace.name for trace in fig.data} == {"Worse", "Benchmark"}
    # the suppressed area has no bar and is annotated with its symbol, never zero
    assert not any("Broxbourne" in c for trace in fig.data for c in trace.y)
    assert any("suppressed" in (a.text or "") for a in fig.layout.annotations)


def test_bars_without_an_interval_carry_no_whisker() -> None:
    """The same rule as the neighbour chart (components.chart_bars): no interval, no error bar."""
    frame = pd.DataFrame(
        {
            "area_name": ["Stevenage", "Broxbourne", "Hertfordshire"],
            "value": [31.2, 29.0, 27.0],
            "lower_ci95": [28.0, None, 26.0],
            "upper_ci95": [34.5, None, 28.0],
            "status": [None, None, None],
            "significance": ["Not compared", "Not compared", "Benchmark"],
        }
    )
    fig = comparison_bar_figure(frame, value_type="percentage", decimals=1, unit_label="%")
    whiskers = {x: t.error_x.array for t in fig.data for x in t.x}
    assert whiskers[29.0] is None
    assert list(whiskers[31.2]) == [34.5 - 31.2] and list(whiskers[27.0]) == [1.0]
    assert sum(1 for t in fig.data if t.showlegend is not False) == 2  # one legend entry per label


def test_legend_text_explains_each_label() -> None:
    text = significance_legend_text(["Worse", "Similar", "Benchmark"], "Hertfordshire")
    assert "significantly worse than Hertfordshire" in text
    assert "not significantly different" in text


def test_tile_map_places_all_ten_districts() -> None:
    frame = _frame().assign(area_name=["Stevenage", "Broxbourne", "Herts"])
    fig = tile_map_figure(frame, value_type="percentage", decimals=1)
    assert len(fig.layout.shapes) == len(HERTS_TILES) == 10
    texts = " ".join(a.text for a in fig.layout.annotations)
    assert "Stevenage" in texts and "c: suppressed" in texts


def test_format_value_never_turns_missing_into_zero() -> None:
    assert format_value(None, "percentage", status="c") == "c – suppressed (confidential)"
    assert format_value(float("nan"), "percentage") == "no data"
    assert format_value(25.6, "rate_per_1000") == "25.6"
    assert format_value(72.2, "percentage") == "72.2%"
    assert format_value(95, "percentage", value_text="over 95%") == "over 95%"
    assert gap_unit("percentage", "%") == "percentage points"
