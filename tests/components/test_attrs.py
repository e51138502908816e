"""Wildcard HTML attributes reach the rendered component unchanged."""

import pytest
from dash import html

from components.attrs import attrs


def test_aria_and_data_attributes_are_passed_through() -> None:
    nav = html.Nav("x", **attrs({"aria-label": "Main", "data-title": "t"}))
    props = nav.to_plotly_json()["props"]
    assert props["aria-label"] == "Main" and props["data-title"] == "t"


def test_a_named_property_is_refused_so_it_stays_type_checked() -> None:
    with pytest.raises(ValueError, match="hidden"):
        attrs({"hidden": "hidden"})
