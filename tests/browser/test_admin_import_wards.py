"""A ward file through /admin/import, then a ward's own page.

The 179 Hertfordshire wards of the NCMP Fingertips file used to arrive with no district (so
``/api/v1/areas?level=ward&parent=E07000095`` was empty) and every ``/area/<ward>`` page was blank
(a KeyError in the spine chart). The preview now says "179 wards in Hertfordshire, new", the wards
get their districts from the ONS lookup in the pack, and a ward's page shows its values.
"""

from __future__ import annotations

import os
from pathlib import Path

from tests.browser.test_admin_import_large import _settings, check_and_import, sign_in_to_import

WARDS = "fingertips_ncmp_fingertips_data_2021-22_to_2023-24.csv"


def test_ward_file_through_the_page_then_a_ward_page(dash_duo, writable_sqlite_copy: str, tmp_path: Path, realdata: Path):
    from tests.browser.conftest import open_when_listening

    settings = _settings(writable_sqlite_copy, tmp_path)
    sign_in_to_import(dash_duo, settings)
    result = check_and_import(dash_duo, realdata / WARDS, "sqlite-wards")
    preview = dash_duo.find_element("#admin-import-areas").text
    assert "179 wards in Hertfordshire, new" in preview
    assert "760 new values" in str(result["final"])

    response = dash_duo.driver.execute_script("return fetch('/api/v1/areas?level=ward&parent=E07000095').then(r => r.json())")
    assert {"E05009002", "E05009003"} <= {area["code"] for area in response["areas"]}

    open_when_listening(dash_duo, "/area/E05009002")
    dash_duo.wait_for_contains_text("h1", "Broxbourne and Hoddesdon South", timeout=20)
    dash_duo.wait_for_contains_text("#main-content", "is an electoral ward in Broxbourne", timeout=20)
    text = dash_duo.find_element("#main-content").text
    assert "Reception prevalence of obesity" in text and "9.1%" in text
    assert "No range is drawn for Broxbourne and Hoddesdon South" in text
    if os.environ.get("OB_SCREENSHOT_DIR"):
        dash_duo.driver.save_screenshot(str(Path(os.environ["OB_SCREENSHOT_DIR"]) / "sqlite-ward-page.png"))
    assert dash_duo.get_logs() == [], "no browser console errors"
