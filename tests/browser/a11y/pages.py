"""Which URLs the accessibility tests visit: every registered page (``dash.page_registry``, so new
pages are covered automatically) in its default state, plus the main states named here.

A page with a path variable (``/area/<code>``) gets a real value from the seeded database.
"""

from __future__ import annotations

import re

import dash

#: extra states per page path template (the default state is always visited)
STATES: dict[str, list[str]] = {
    # the multi-select area dropdowns with several, one and no areas chosen (WCAG 2.5.3: the
    # button's name must hold what it shows: values, "n selected" count or placeholder)
    "/compare": [
        "?areas=all",
        "?indicator=no-such-indicator",
        "?areas=E07000243",
        "?areas=E07000243,E07000095,E07000096",
        "?indicator=cla-three-plus-placements&areas=E10000015,E10000012&benchmark=sn",
    ],
    "/trends": [
        "?indicator=no-such-indicator",
        "?areas=E07000243,E07000095&benchmark=E92000001,E10000015",
        "?areas=E07000243&benchmark=E92000001",
        "?indicator=cla-three-plus-placements&areas=E10000015&benchmark=sn,E92000001",
    ],
    "/gaps": ["?phase=ks4", "?areas=E10000015", "?areas=E10000015,E92000001,E07000243"],
    "/indicators": ["?q=conception"],
    "/area/<code>": ["/area/E07000243", "/area/NOPE", "/area/E10000015?benchmark=sn", "/area/E07000243?range=county"],
    "/": ["?area=E07000243"],
    "/send": ["?area=E07000243", "?area=E06000023&benchmark=sn"],
    # /neighbours' other states (indicator view, 2021 model, district, unknown area) run axe in
    # tests/browser/test_neighbours.py; the default state (the scorecard) is visited here
}
SKIP = {"/404"}  # visited as an unknown path instead
EXTRA = ["/no/such/page", "/admin/login"]


def sample_values() -> dict[str, str]:
    from data_access import reads

    values = {"code": "E10000015"}
    try:
        frame = reads.indicators()
        with_data = frame[frame["has_data"]] if "has_data" in frame else frame
        values["indicator_id"] = str(with_data["id"].iloc[0])
    except Exception:  # noqa: BLE001
        values["indicator_id"] = "u18-conceptions"
    try:
        decks = reads.decks()
        values["deck_id"] = str(decks["id"].iloc[0]) if len(decks) else "none"
    except Exception:  # noqa: BLE001
        values["deck_id"] = "none"
    return values


def urls_to_visit() -> list[str]:
    values = sample_values()
    urls: list[str] = []
    for page in sorted(dash.page_registry.values(), key=lambda p: p.get("order") or 0):
        template = page.get("path_template") or page["path"]
        if template in SKIP or template.startswith("/admin"):
            continue
        default = re.sub(r"<([^>]+)>", lambda m: values.get(m.group(1), "x"), template)
        urls.append(default)
        for state in STATES.get(template, []):
            urls.append(state if state.startswith("/") else default + state)
    return urls + EXTRA
