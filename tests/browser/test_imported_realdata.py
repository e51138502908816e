"""Imported real data shows on the pages: a real Fingertips district file on /compare."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import console_errors
from tests.conftest import seeded_sqlite_copy

FILE = "fingertips_ncmp_reception_prev_overweight_dist.csv"


@pytest.fixture
def imported_app(realdata: Path, tmp_path: Path):
    from app import create_app
    from data_access import reads
    from data_access.importers.service import import_file
    from settings import Settings

    db = seeded_sqlite_copy(tmp_path, "small")
    report = import_file(db, realdata / FILE)
    assert not report.problems, report.problems
    indicators = reads.indicators(db=db)
    indicator_id = str(indicators.loc[indicators["fingertips_id"] == 93106, "id"].iloc[0])
    stevenage = reads.series(indicator_id, ["E07000243"], db=db)
    app = create_app(Settings(database_url=db.url, cache_dir=str(tmp_path / "cache")))
    return app, indicator_id, stevenage.iloc[-1]


def test_compare_shows_real_imported_district_values(dash_duo, imported_app) -> None:
    app, indicator_id, stevenage = imported_app
    dash_duo.start_server(app)
    dash_duo.driver.get(f"{dash_duo.server_url}/compare?indicator={indicator_id}&areas=E07000243,E07000095&benchmark=E10000015")
    dash_duo.wait_for_element("#compare-table", timeout=20)
    table = dash_duo.find_element("#compare-table").text
    expected = f"{float(stevenage['value']):.1f}"
    assert "Stevenage" in table and expected in table
    assert not bool(stevenage["illustrative"]), "real imported values are not illustrative"
    assert "Illustrative data" not in dash_duo.find_element(".chart-block").text
    assert "Fingertips" in table or "fingertips" in table.lower() or FILE in table
    assert console_errors(dash_duo) == []
