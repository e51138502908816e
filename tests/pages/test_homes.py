"""HOME_AREA: the page callbacks for three homes — Hertfordshire, a county with more districts
(Essex, 12), and a unitary council (Medway) — open on the home council and never call it
"not" itself; an unknown or non-council code is refused at start-up."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace

import dash
import pytest
from plotly.utils import PlotlyJSONEncoder


@dataclass(frozen=True)
class Home:
    code: str
    name: str
    kind: str  # county | unitary
    framework: str  # what / opens on


HOMES = [
    Home("E10000015", "Hertfordshire", "county", "our-way-forward-2024-25"),
    Home("E10000012", "Essex", "county", "headline-indicators"),
    Home("E06000035", "Medway", "unitary", "headline-indicators"),
]


@pytest.fixture(params=HOMES, ids=[h.name for h in HOMES])
def home_app(request: pytest.FixtureRequest, app_settings):
    """An app started with ``HOME_AREA`` = the home's code (the default home is put back after)."""
    from app import create_app
    from views import home as home_module

    app = create_app(replace(app_settings, home_area=request.param.code))
    yield request.param, app
    home_module.configure("E10000015")


def _text(component) -> str:
    return json.dumps(component.to_plotly_json(), cls=PlotlyJSONEncoder, ensure_ascii=False)


def test_header_titles_and_summary_open_on_the_home_council(home_app) -> None:
    home, app = home_app
    import pages.summary as summary

    assert f"{home.name} children's services" in _text(app.layout())
    assert summary._title() == f"{home.name}: Outcome Bees summary – Outcome Bees"
    text = _text(summary.layout())
    assert f'"value": "{home.framework}"' in text and f'"value": "{home.code}"' in text
    assert "is a different council from" not in text
    if home.framework == "headline-indicators":
        assert "Children's services headline indicators" in text and "Key Stage 4" in text
    with pytest.raises(dash.exceptions.PreventUpdate):  # the default view is already the URL's
        summary.update_summary_url(home.framework, home.code, "")


def test_compare_opens_on_the_districts_or_the_neighbours(home_app) -> None:
    home, _app = home_app
    import pages.compare as compare
    from views import compare as view
    from views.benchmarks import SN

    q = view.parse_query({})
    if home.kind == "county":
        assert len(q.areas) == (10 if home.name == "Hertfordshire" else 12) and q.benchmark == home.code
        assert f"Show all {home.name}'s districts" in _text(compare.layout())
    else:
        assert q.areas == (home.code,) and q.benchmark == SN
    chosen = list(q.areas)[:2] if home.kind == "county" else [home.code, "E06000019"]
    search = compare.update_compare_url(q.indicator, chosen, None, None, None, None, "?old")
    # a district's default benchmark is its own county; a council's its statistical neighbours
    assert f"benchmark={home.code if home.kind == 'county' else SN}" in search


def test_gaps_trends_neighbours_and_profile_open_on_the_home(home_app) -> None:
    home, _app = home_app
    import pages.area as area
    import pages.neighbours as neighbours
    from views import gaps, trends

    assert gaps.default_areas()[0] == home.code and trends.default_areas() == [home.code]
    assert trends.parse_query({}).areas == (home.code,)
    text = _text(neighbours.layout())
    assert f"{home.name} and its statistical neighbours" in text or home.name in text
    profile = _text(area.layout())
    assert f'"value": "{home.code}"' in profile and f"is not {home.name}" not in profile
    other = "E06000019" if home.name != "Herefordshire" else "E10000015"  # Herefordshire: another council
    assert f"is not {home.name}" in _text(area.layout(code=other))
    assert neighbours.update_neighbours_url(None, None, None, None, "?area=E06000019") == f"?area={home.code}"


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("E07000243", "is Stevenage, a district, not a council"),
        ("E10999999", "not in the area table"),
        ("HERTS", "not a council's GSS code"),
    ],
)
def test_an_unknown_or_non_council_home_is_refused_at_start_up(app_settings, code: str, words: str) -> None:
    from app import create_app
    from views import home as home_module

    try:
        with pytest.raises(SystemExit, match=words):
            create_app(replace(app_settings, home_area=code))
        assert home_module.home_area() == "E10000015"  # the refused code never became the home
    finally:
        home_module.configure("E10000015")
