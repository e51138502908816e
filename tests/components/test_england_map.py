"""The map of England's councils: every shape drawn with no geo traces, one fill trace per
category (not one per council), the page's councils outlined, London enlarged, meaning given by
marker shapes and words as well as colour, and the ONS/OS attribution on the figure."""

import pandas as pd

from components.district_map import QUARTILE_COLOURS
from components.england_map import england_map_figure
from components.theme import SIGNIFICANCE_COLOURS
from data_access.reads.boundaries import council_boundaries

ATTRIBUTION = "Source: Office for National Statistics licensed under the Open Government Licence v3.0. Contains OS data © Crown copyright and database right 2024"


def _square(code: str, name: str, x0: float, y0: float, hole: bool = False) -> dict:
    ring = [[x0, y0], [x0 + 0.1, y0], [x0 + 0.1, y0 + 0.1], [x0, y0 + 0.1], [x0, y0]]
    inner = [[x0 + 0.03, y0 + 0.03], [x0 + 0.03, y0 + 0.06], [x0 + 0.06, y0 + 0.06], [x0 + 0.03, y0 + 0.03]]
    return {
        "type": "Feature",
        "id": code,
        "properties": {"code": code, "name": name, "label_lon": x0 + 0.05, "label_lat": y0 + 0.05},
        "geometry": {"type": "Polygon", "coordinates": [ring, inner] if hole else [ring]},
    }


GEO = {
    "type": "FeatureCollection",
    "features": [
        _square("E10000001", "Shire", 0.0, 52.0, hole=True),
        _square("E06000001", "Town", 0.2, 52.0),
        _square("E09000001", "Borough", -0.1, 51.5),
    ],
}


def _frame(column: str, values: list) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "area_code": ["E10000001", "E06000001", "E09000001"],
            "area_name": ["Shire", "Town", "Borough"],
            "value": [10.0, 20.5, None],
            "status": [None, None, "x"],
            column: values,
        }
    )


def _figure(frame: pd.DataFrame, **kwargs):
    return england_map_figure(frame, GEO, value_type="rate", decimals=1, attribution=ATTRIBUTION, **kwargs)


def test_one_fill_per_category_and_layer_with_counties_with_holes_drawn_first() -> None:
    fig = _figure(_frame("quartile", ["A", "A", None]), colour_by="quartile")
    fills = [t for t in fig.data if t.fill == "toself"]
    assert all(t.type == "scatter" for t in fig.data)  # basic plotly.js bundle: nothing fetched
    # Shire (a hole: layer 0) first, then Town (A) and Borough (not ranked) in layer 1, then London's inset
    assert [t.fillcolor for t in fills] == [
        QUARTILE_COLOURS["A"],
        QUARTILE_COLOURS["A"],
        QUARTILE_COLOURS["not ranked"],
        QUARTILE_COLOURS["not ranked"],
    ]


def test_markers_name_the_categories_and_the_hover_says_it_in_words() -> None:
    fig = _figure(_frame("significance", ["Better", "Worse", "Not compared"]), colour_by="significance")
    markers = {t.name: t for t in fig.data if t.mode == "markers"}
    assert set(markers) == {"Better", "Worse", "Not compared"}
    assert markers["Better"].marker.symbol != markers["Worse"].marker.symbol
    assert "<b>Shire</b><br>10.0<br>significantly better than England" in markers["Better"].hovertext
    assert markers["Worse"].marker.color == SIGNIFICANCE_COLOURS["Worse"]
    # a suppressed value is shown with its symbol, never as zero
    assert any("x" in h and "0.0" not in h for h in markers["Not compared"].hovertext)


def test_the_page_councils_are_outlined_and_named_in_the_legend() -> None:
    fig = _figure(
        _frame("quartile", ["A", "B", "C"]),
        colour_by="quartile",
        outlined=["E06000001"],
        focus="E10000001",
        outlined_label="Shire's statistical neighbours",
    )
    lines = {t.name: t for t in fig.data if t.mode == "lines" and t.fill != "toself"}
    assert set(lines) == {"Shire (thick orange outline)", "Shire's statistical neighbours (dark outline)"}
    assert lines["Shire (thick orange outline)"].line.width > lines["Shire's statistical neighbours (dark outline)"].line.width


def test_london_is_repeated_enlarged_in_a_framed_inset_and_the_attribution_is_on_the_map() -> None:
    fig = _figure(_frame("quartile", ["A", "B", "C"]), colour_by="quartile")
    texts = [a.text for a in fig.layout.annotations]
    assert any(t.startswith("London (enlarged") for t in texts)
    assert any("Crown copyright" in t and "Open Government Licence v3.0" in t for t in texts)
    assert len(fig.layout.shapes) == 1  # the inset's frame
    no_london = england_map_figure(
        _frame("quartile", ["A", "B", "C"]),
        {"features": GEO["features"][:2]},
        value_type="rate",
        decimals=1,
        attribution=ATTRIBUTION,
    )
    assert not no_london.layout.shapes


def test_every_shipped_council_is_drawn() -> None:
    geo = council_boundaries()
    codes = [f["id"] for f in geo["features"]]
    frame = pd.DataFrame({"area_code": codes, "area_name": codes, "value": 1.0, "status": None, "quartile": "B"})
    fig = england_map_figure(frame, geo, value_type="rate", decimals=1, attribution=geo["attribution"])
    markers = [t for t in fig.data if t.mode == "markers"]
    assert sum(len(t.x) for t in markers) == 153 + 33  # every council, and London's boroughs again in the inset
    assert len(fig.to_json()) < 400_000  # light enough to send to a browser
