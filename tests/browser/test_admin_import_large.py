"""/admin/import at the sizes analysts load, on SQLite (the default) and PostgreSQL.

The DfE KS2 file (3,444 rows, 92,988 values) used to fail on SQLite after 30 s with "database is
locked": the job's progress was written on a second connection while the import held SQLite's
write lock. Here it goes through the page on both databases and is then imported again, which
must add 0 values and 0 indicators (its indicator ids come from the file, not the upload path).
``OB_SCREENSHOT_DIR`` keeps a screenshot of each step, and the timings are printed (``-s``).

The lock-out was SQLite's, so SQLite takes the whole file in every run. PostgreSQL takes the
file's first ``POSTGRES_SLICE_ROWS`` rows (the same path through the page, the same re-import
rule) unless ``OB_FULL_SIZE_IMPORTS=1``: its full-size timings are a bench figure (BENCHMARKS.md,
"import through the page"), and a minute of the suite's time each run.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

KS2 = "dfe_csc_ks2_la.csv"
KS2_VALUES = 92_988
POSTGRES_SLICE_ROWS = 400


def _first_rows(source: Path, rows: int, folder: Path) -> Path:
    """The header and the first ``rows`` data rows of ``source``, under the same file name."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / source.name
    with source.open(encoding="utf-8", newline="") as reader, target.open("w", encoding="utf-8", newline="") as writer:
        for number, line in enumerate(reader):
            if number > rows:
                break
            writer.write(line)
    return target


def _shot(dash_duo, name: str) -> None:
    folder = os.environ.get("OB_SCREENSHOT_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        dash_duo.driver.save_screenshot(str(Path(folder) / f"{name}.png"))


def sign_in_to_import(dash_duo, settings) -> None:
    from selenium.webdriver.common.keys import Keys

    from app import create_app
    from tests.browser.conftest import open_when_listening, start_traced, wait_for_import_page
    from tests.security.conftest import ADMIN_PASSWORD, ADMIN_USER

    start_traced(dash_duo, create_app(settings))
    open_when_listening(dash_duo, "/admin/import")
    dash_duo.wait_for_element("#admin-user", timeout=10)
    dash_duo.driver.find_element("css selector", "#admin-user").send_keys(ADMIN_USER)
    password = dash_duo.driver.find_element("css selector", "#admin-password")
    password.send_keys(ADMIN_PASSWORD)
    password.send_keys(Keys.ENTER)
    wait_for_import_page(dash_duo)


def check_and_import(dash_duo, path: Path, step: str, timeout: float = 240) -> dict[str, object]:
    """Upload ``path``, wait for its check, press "Import this file", wait for "Import complete"."""
    from selenium.webdriver.common.keys import Keys

    driver = dash_duo.driver
    started = time.perf_counter()
    driver.find_element("css selector", "#admin-import-upload input[type=file]").send_keys(str(path))
    dash_duo.wait_for_contains_text("#admin-import-check", "no problems found", timeout=timeout)
    checked = time.perf_counter()
    check_text = dash_duo.find_element("#admin-import-check").text
    _shot(dash_duo, f"{step}-1-checked")
    button = dash_duo.find_element("#admin-import-confirm")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    dash_duo.wait_for_element_by_css_selector("#admin-import-confirm:not([disabled])", timeout=10)
    button.send_keys(Keys.ENTER)
    seen: list[str] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = dash_duo.find_element("#admin-import-progress").text
        if text and (not seen or seen[-1] != text):
            seen.append(text)
            if len(seen) == 2:
                _shot(dash_duo, f"{step}-2-progress")
        if "Import complete" in text or "failed" in text or "Nothing was imported" in text:
            break
        time.sleep(0.1)
    imported = time.perf_counter()
    _shot(dash_duo, f"{step}-3-done")
    result = {
        "check_s": round(checked - started, 2),
        "import_s": round(imported - checked, 2),
        "check_text": check_text,
        "progress_seen": seen,
        "final": seen[-1] if seen else "",
    }
    print(f"\n[{step}] {result}")
    assert "Import complete" in str(result["final"]), result
    return result


def _settings(database_url: str, tmp_path: Path):
    from settings import Settings
    from tests.security.conftest import ADMIN_HASH, ADMIN_USER

    return Settings(
        database_url=database_url,
        cache_dir=str(tmp_path / "cache"),
        admin_user=ADMIN_USER,
        admin_password_hash=ADMIN_HASH,
        session_cookie_secure=False,
        upload_dir=str(tmp_path / "uploads"),
    )


def _import_twice(dash_duo, settings, source: Path, backend: str, expected_values: int | None) -> None:
    """Import ``source`` through the page, then again; ``expected_values`` when known (the whole file)."""
    from sqlalchemy import func, select

    from data_access.database import Database
    from data_access.models import Indicator, Observation

    db = Database(settings.database_url)

    def counts() -> tuple[int, int]:
        with db.read() as session:
            return int(session.scalar(select(func.count()).select_from(Observation)) or 0), int(
                session.scalar(select(func.count()).select_from(Indicator)) or 0
            )

    values_before, indicators_before = counts()
    sign_in_to_import(dash_duo, settings)
    first = check_and_import(dash_duo, source, f"{backend}-ks2-first")
    values_after, indicators_after = counts()
    added = values_after - values_before
    assert added > 0 and (expected_values is None or added == expected_values)
    assert f"{added:,} new values" in str(first["final"])
    new_indicators = indicators_after - indicators_before
    assert new_indicators > 0
    with source.open(encoding="utf-8") as reader:
        rows = sum(1 for _ in reader) - 1
    print(
        f"[{backend}] page import of {source.name} ({rows:,} rows): {first['import_s']} s after the check, "
        f"{rows / float(str(first['import_s'])):,.0f} rows/s"
    )

    dash_duo.find_element("#admin-import-another").click()
    dash_duo.wait_for_contains_text("#admin-import-check", "", timeout=5)
    second = check_and_import(dash_duo, source, f"{backend}-ks2-again")
    assert "0 new values" in str(second["final"]) and f"{added:,} unchanged" in str(second["final"])
    assert "0 new indicators" in str(second["check_text"])
    assert counts() == (values_after, indicators_after), "a re-import adds no values and no indicators"
    assert dash_duo.get_logs() == [], "no browser console errors"


def test_ks2_file_through_the_page_on_sqlite_then_again(dash_duo, writable_sqlite_copy: str, tmp_path: Path, realdata: Path):
    _import_twice(dash_duo, _settings(writable_sqlite_copy, tmp_path), realdata / "national" / KS2, "sqlite", KS2_VALUES)


def test_ks2_file_through_the_page_on_postgresql_then_again(
    dash_duo, writable_postgres_copy: str, tmp_path: Path, realdata: Path
):
    source = realdata / "national" / KS2
    if os.environ.get("OB_FULL_SIZE_IMPORTS") == "1":
        _import_twice(dash_duo, _settings(writable_postgres_copy, tmp_path), source, "postgresql", KS2_VALUES)
    else:
        sliced = _first_rows(source, POSTGRES_SLICE_ROWS, tmp_path / "slice")
        _import_twice(dash_duo, _settings(writable_postgres_copy, tmp_path), sliced, "postgresql", None)
