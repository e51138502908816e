"""The district map builder: shapes matched by code, filled by significance or quartile, named,
described in the hover, with the ONS/OS attribution on the figure; no geo traces, no tiles."""

import pandas as pd
import pytest

from components.district_map import QUARTILE_COLOURS, district_map_figure, missing_shapes, place_labels
from components.theme import SIGNIFICANCE_COLOURS
from data_access.reads.boundaries import district_boundaries

ATTRIBUTION = "Source: Office for National Statistics licensed under the Open Government Licence v.3.0. Contains OS data © Crown copyright and database right 2024"


def _square(code: str, name: str, x0: float, y0: float) -> dict:
    ring = [[x0, y0], [x0 + 0.1, y0], [x0 + 0.1, y0 + 0.1], [x0, y0 + 0.1], [x0, y0]]
    return {
        "type": "Feature",
        "id": code,
        "properties": {"code": code, "name": name, "label_lon": x0 + 0.05, "label_lat": y0 + 0.05},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


GEO = {
    "type": "FeatureCollection",
    "features": [_square("A1", "Alpha", 0.0, 51.0), _square("B2", "Beta", 0.2, 51.0), _square("C3", "Gamma", 0.0, 51.2)],
}


def _frame(**extra) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "area_code": ["A1", "B2", "Z9"],
            "area_name": ["Alpha", "Beta", "Zed"],
            "value": [12.34, None, 9.0],
            "status": [None, "c", None],
            "significance": ["Worse", "Not compared", "Better"],
        }
    )
    return frame.assign(**extra)


def _figure(frame: pd.DataFrame, **kwargs):
    return district_map_figure(
        frame, GEO, value_type="percentage", decimals=1, benchmark_name="Hertfordshire", attribution=ATTRIBUTION, **kwargs
    )


def test_districts_are_matched_by_code_and_filled_by_significance() -> None:
    fig = _figure(_frame())
    fills = [t for t in fig.data if t.fill == "toself"]
    assert len(fills) == 2  # Gamma has no row; Zed has no shape
    by_name = {t.name.split("<br>")[0]: t for t in fills}
    assert by_name["<b>Alpha</b>"].fillcolor == SIGNIFICANCE_COLOURS["Worse"]
    assert by_name["<b>Beta</b>"].fillcolor == SIGNIFICANCE_COLOURS["Not compared"]
    assert all(t.type == "scatter" for t in fig.data)  # in the basic plotly.js bundle; nothing fetched


def test_hover_gives_name_value_and_comparison_in_words() -> None:
    fig = _figure(_frame())
    hovers = [t.name for t in fig.data if t.fill == "toself"]
    assert "<b>Alpha</b><br>12.3%<br>significantly worse than Hertfordshire" in hovers
    assert any(
        h.startswith("<b>Beta</b><br>") and "not tested against Hertfordshire" in h and "0" not in h.split("<br>")[1]
        for h in hovers
    )


def test_categories_have_a_shape_and_a_legend_word_not_colour_alone() -> None:
    fig = _figure(_frame())
    markers = [t for t in fig.data if t.mode == "markers"]
    assert [t.name for t in markers] == ["Worse", "Not compared"]  # legend order
    assert markers[0].marker.symbol == "triangle-down"
    labels = [a.text for a in fig.layout.annotations]
    assert "<b>Alpha</b>" in labels and "<b>Beta</b>" in labels


def test_the_ons_attribution_is_on_the_figure() -> None:
    fig = _figure(_frame())
    texts = " ".join(a.text for a in fig.layout.annotations)
    assert "Open Government Licence v.3.0" in texts and "Crown copyright and database right 2024" in texts


def test_quartile_colouring() -> None:
    fig = _figure(_frame(quartile=["A", None, "D"]), colour_by="quartile")
    fills = {t.name.split("<br>")[0]: t.fillcolor for t in fig.data if t.fill == "toself"}
    assert fills == {"<b>Alpha</b>": QUARTILE_COLOURS["A"], "<b>Beta</b>": QUARTILE_COLOURS["not ranked"]}
    assert [t.name for t in fig.data if t.mode == "markers"] == ["Quartile A (best)", "Not ranked"]


def test_fitted_to_the_districts_shown_with_true_proportions() -> None:
    fig = _figure(_frame())
    assert fig.layout.yaxis.scaleanchor == "x"
    x_range = fig.layout.xaxis.range
    assert x_range[0] < 0.0 and x_range[1] < 0.3 * 0.7  # Gamma (not shown) does not widen it; x scaled by cos(lat)
    assert fig.layout.xaxis.visible is False and fig.layout.dragmode is False


def test_missing_shapes_keep_the_given_order() -> None:
    assert missing_shapes(["Z9", "A1", "Y8"], GEO) == ["Z9", "Y8"]


def test_labels_move_aside_instead_of_overlapping() -> None:
    labels = [(0.0, 0.0, "Watford", 1.0), (0.01, 0.0, "Three Rivers", 2.0), (5.0, 5.0, "Dacorum", 9.0)]
    placed = place_labels(labels, px_per_unit=1000)
    offsets = {a["text"]: (a["xshift"], a["yshift"]) for a in placed}
    assert offsets["<b>Watford</b>"] != offsets["<b>Three Rivers</b>"]
    assert place_labels(labels, px_per_unit=1000) == placed  # deterministic


HERTS = [
    "E07000095",
    "E07000096",
    "E07000098",
    "E07000099",
    "E07000102",
    "E07000103",
    "E07000240",
    "E07000241",
    "E07000242",
    "E07000243",
]


def test_shipped_herts_shapes_draw_all_ten() -> None:
    geo = district_boundaries(HERTS)
    codes = [f["id"] for f in geo["features"]]
    assert len(codes) == 10
    frame = pd.DataFrame({"area_code": codes, "area_name": codes, "value": range(10), "status": None, "significance": "Similar"})
    fig = district_map_figure(frame, geo, value_type="rate", decimals=1, benchmark_name="England", attribution=geo["attribution"])
    assert len([t for t in fig.data if t.fill == "toself"]) == 10


@pytest.mark.parametrize("codes, expected", [(["E07000243", "E99999999"], ["E07000243"]), ([], [])])
def test_boundaries_read_only_the_codes_asked_for(codes, expected) -> None:
    geo = district_boundaries(codes)
    assert [f["id"] for f in geo["features"]] == expected
    assert ("Crown copyright" in geo["attribution"]) == bool(expected)
    geo["features"].clear()  # a caller's change does not reach the next caller
    assert len(district_boundaries()["features"]) == 296  # every English district and unitary


def test_hertfordshire_keeps_its_more_detailed_shapes_and_any_county_has_its_own() -> None:
    herts = district_boundaries(["E07000243"])
    assert herts["attribution"].endswith("2024")  # the May 2024 BSC file, not the ultra-generalised 2023 one
    assert len(herts["features"][0]["geometry"]["coordinates"][0]) > 20
    essex = district_boundaries([f"E070000{n}" for n in range(66, 78)])
    assert len(essex["features"]) == 12 and essex["attribution"].endswith("database right 2023")


def test_council_shapes_are_a_separate_level() -> None:
    from data_access.reads.boundaries import council_boundaries

    councils = council_boundaries()
    assert len(councils["features"]) == 153
    assert "E10000015" in {f["id"] for f in councils["features"]}
    assert "E10000015" not in {f["id"] for f in district_boundaries()["features"]}  # a county is no district
    assert "Open Government Licence v3.0" in councils["attribution"]
