"""Pure builders for the Outcome Bees summary: sparkline and bee card, on tiny inputs."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import unquote

import pandas as pd
from dash.development.base_component import Component
from plotly.utils import PlotlyJSONEncoder

from components.bee_card import bee_card, comparison_badge, key_panel, measure_row
from components.sparkline import sparkline, sparkline_alt, sparkline_svg


def _texts(component) -> str:
    return json.dumps(component.to_plotly_json(), cls=PlotlyJSONEncoder, ensure_ascii=False)


def _prop(component: Component, name: str) -> Any:
    """A prop by name: Dash sets props as instance attributes that its typed classes do not declare."""
    return getattr(component, name)


def _measure(**over):
    base = {
        "measure_id": "m1",
        "wording": "Under-18 conceptions",
        "priority_label": "1",
        "priority_title": "Healthy start",
        "indicator_id": "u18-conceptions",
        "indicator_name": "Under-18 conception rate",
        "legacy_code": "NI 112",
        "unit": "per 1,000 females aged 15-17",
        "value_type": "rate_per_1000",
        "decimals": 1,
        "polarity": "lower_better",
        "has_data": True,
        "no_data_reason": None,
        "value": 12.6,
        "status": None,
        "value_shown": "12.6",
        "period": "2023",
        "source": "Generator, line 4",
        "illustrative": True,
        "value_note": None,
        "comparisons": [
            {
                "code": "E92000001",
                "name": "England",
                "short_name": "England",
                "label": "Better",
                "benchmark_shown": "13.1",
                "reason": None,
            },
            {
                "code": "E10000015",
                "name": "Hertfordshire",
                "short_name": "Herts",
                "label": "Not compared",
                "benchmark_shown": "no value",
                "reason": "no confidence interval",
            },
        ],
        "direction": "Improving",
        "direction_arrow": "↓",
        "direction_text": "Improving: 12.6 in 2023, 14.0 in 2022",
        "rag": "Green",
        "rag_text": "Green: latest 12.6 against a target of at most 20.",
        "target_text": None,
        "spark_periods": ["2021", "2022", "2023"],
        "spark_values": [15.0, None, 12.6],
        "trend_href": "/trends?indicator=u18-conceptions&areas=E07000243",
    }
    base.update(over)
    return base


def test_sparkline_gaps_for_missing_values_and_words_in_alt() -> None:
    svg = sparkline_svg([1.0, 2.0, None, 4.0, 5.0])
    assert svg.count("<polyline") == 2  # the missing value breaks the line; it is not drawn as zero
    assert sparkline_svg([None, None]).count("<polyline") == 0
    alt = sparkline_alt([15.0, None, 12.6], ["2021", "2022", "2023"])
    assert "2021" in alt and "2023" in alt and "1 period suppressed or missing" in alt
    img = sparkline([1.0, 3.0], ["a", "b"])
    assert _prop(img, "src").startswith("data:image/svg+xml") and "<svg" in unquote(_prop(img, "src"))
    assert _prop(img, "alt") and _prop(img, "alt") == _prop(img, "title")


def test_measure_row_has_words_source_and_illustrative_badge() -> None:
    text = _texts(measure_row(_measure(), "Stevenage"))
    for words in (
        "Better than England",
        "Herts: not compared",
        "Improving",
        "Target: Green",
        "Illustrative",
        "12.6",
        "2023",
        "per 1,000 females aged 15-17",
        "Generator, line 4",
        "/trends?indicator=u18-conceptions&areas=E07000243",
    ):
        assert words in text, words


def test_suppressed_value_shows_symbol_not_zero() -> None:
    row = measure_row(
        _measure(value=None, status="c", value_shown="c – suppressed (confidential)", illustrative=False), "Stevenage"
    )
    text = _texts(row)
    assert "c – suppressed (confidential)" in text and '"0"' not in text and "Illustrative" not in text


def test_no_data_row_is_listed_and_marked() -> None:
    row = measure_row(
        _measure(has_data=False, no_data_reason="Not yet linked to a published indicator", indicator_id=None, trend_href=None),
        "Stevenage",
    )
    assert "no-data" in _prop(row, "className")
    assert "No data yet" in _texts(row) and "Not yet linked" in _texts(row)


def test_comparison_badge_not_compared_explains_why() -> None:
    badge = comparison_badge(
        {
            "code": "X",
            "name": "England",
            "short_name": "England",
            "label": "Not compared",
            "benchmark_shown": "no value for this period",
            "reason": "no benchmark value for the same period",
        },
        "5%",
    )
    assert "not compared" in _texts(badge) and "no benchmark value" in _prop(badge, "title")


def test_bee_card_counts_measures_with_data_and_shows_notice() -> None:
    measures = pd.DataFrame(
        [
            _measure(),
            _measure(
                measure_id="m2",
                wording="CSE support",
                has_data=False,
                illustrative=False,
                no_data_reason="Not yet linked to a published indicator",
            ),
        ]
    )
    card = bee_card(
        name="Be Safe",
        code="be-safe",
        summary="Be Safe: 1 of 2 measures have data; 1 better than England.",
        measures=measures,
        area_name="Stevenage",
        priorities=[("1", "Develop safe communities")],
    )
    text = _texts(card)
    assert _prop(card, "id") == "bee-be-safe"
    assert "1 of 2 with data" in text and "1 of 2 measures have data" in text
    assert "Illustrative data" in text and "Develop safe communities" in text and "CSE support" in text


def test_bee_card_with_no_measures() -> None:
    empty = pd.DataFrame(columns=["measure_id", "has_data", "illustrative"])
    text = _texts(
        bee_card(
            name="Be Happy",
            code="be-happy",
            summary="Be Happy: the plan lists no measures for this outcome.",
            measures=empty,
            area_name="Hertfordshire",
        )
    )
    assert "No measures" in text and "lists no measures" in text


def test_key_panel_explains_every_label() -> None:
    text = _texts(key_panel(["England", "East of England"]))
    for label in ("Better", "Similar", "Worse", "Higher", "Lower", "Not compared", "95% confidence"):
        assert label in text
