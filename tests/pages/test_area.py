"""Area profile page: layout called as a function, and the area picker callback."""

from __future__ import annotations

import dash
import pytest


def _text(component) -> str:
    if component is None:
        return ""
    if isinstance(component, (str, int, float)):
        return str(component)
    if isinstance(component, (list, tuple)):
        return " ".join(_text(c) for c in component)
    return _text(getattr(component, "children", None))


def _ids(component, found=None):
    found = [] if found is None else found
    if isinstance(component, (list, tuple)):
        for child in component:
            _ids(child, found)
    elif hasattr(component, "to_plotly_json"):
        if getattr(component, "id", None):
            found.append(component.id)
        _ids(getattr(component, "children", None), found)
    return found


def test_county_profile_has_bees_spine_charts_and_jar_in_words(dash_app) -> None:
    import pages.area as page

    layout = page.layout(code="E10000015")
    text = _text(layout)
    assert "Hertfordshire area profile" in text
    assert "Be Ambitious" in text and "Other indicators" in text
    assert "Grade 3 of 4 (good) on the JAR scale, where 4 is outstanding" in text
    assert "not today's Ofsted scale" in text
    ids = _ids(layout)
    assert "area-chart-be-ambitious" in ids and "area-code" in ids and "area-judgements" in ids


def test_no_arguments_is_cheap_and_valid(dash_app) -> None:
    import pages.area as page

    assert "area-code" in _ids(page.layout())


def test_district_herefordshire_alias_and_unknown(dash_app) -> None:
    import pages.area as page

    assert "Compared with Hertfordshire" in _text(page.layout(code="E07000243"))
    hereford = _text(page.layout(code="E06000019"))
    assert (
        "Herefordshire is not Hertfordshire" in hereford and "Herefordshire Children and Young People's Plan 2006-8" in hereford
    )
    alias = _text(page.layout(code="E07000101"))
    assert "E07000101 is an earlier code for Stevenage" in alias
    missing = _text(page.layout(code="E99999999"))
    assert "We could not find that" in missing and "E99999999" in missing


def test_picker_navigates_but_not_to_the_same_area(dash_app) -> None:
    import pages.area as page

    assert page.update_area_url("E07000243", "/area/E10000015") == "/area/E07000243"
    for current in ("/area/E07000243", "/area/E07000101"):
        with pytest.raises(dash.exceptions.PreventUpdate):
            page.update_area_url("E07000243", current)
