"""/admin/import in a browser: sign in with the keyboard, upload the native template, import it,
and watch the progress area until the import is complete (the job runs on the server's thread pool,
its state in the database). Then the journey issue 22 asks for: a plan's local-measure template,
filled in part, imported through the same page, changes the measure's card on ``/``."""

from __future__ import annotations

from pathlib import Path

from settings import PROJECT_ROOT
from tests.browser.conftest import start_traced, wait_for_import_page


def test_sign_in_upload_and_import_in_the_browser(dash_duo, writable_sqlite_copy: str, tmp_path: Path) -> None:
    from selenium.webdriver.common.keys import Keys

    from app import create_app
    from data_access import reads
    from data_access.database import Database
    from settings import Settings
    from tests.security.conftest import ADMIN_HASH, ADMIN_PASSWORD, ADMIN_USER

    settings = Settings(
        database_url=writable_sqlite_copy,
        cache_dir=str(tmp_path / "cache"),
        admin_user=ADMIN_USER,
        admin_password_hash=ADMIN_HASH,
        session_cookie_secure=False,
        upload_dir=str(tmp_path / "uploads"),
    )
    start_traced(dash_duo, create_app(settings))
    driver = dash_duo.driver
    driver.get(dash_duo.server_url + "/admin/import")
    dash_duo.wait_for_element("#admin-user", timeout=10)
    driver.find_element("css selector", "#admin-user").send_keys(ADMIN_USER)
    password = driver.find_element("css selector", "#admin-password")
    password.send_keys(ADMIN_PASSWORD)
    password.send_keys(Keys.ENTER)
    wait_for_import_page(dash_duo)

    upload = driver.find_element("css selector", "#admin-import-upload input[type=file]")
    upload.send_keys(str(PROJECT_ROOT / "data_access" / "importers" / "native_template.csv"))
    dash_duo.wait_for_contains_text("#admin-import-check", "no problems found", timeout=60)
    db = Database(settings.database_url)
    assert reads.indicator("local-example-rate", db=db) is None

    button = dash_duo.find_element("#admin-import-confirm")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    dash_duo.wait_for_element_by_css_selector("#admin-import-confirm:not([disabled])", timeout=10)
    button.send_keys(Keys.ENTER)  # keyboard activation: a pointer click at this window size was intercepted by another element
    dash_duo.wait_for_contains_text("#admin-import-progress", "Import complete", timeout=30)
    assert "4 new values" in dash_duo.find_element("#admin-import-progress").text
    assert reads.indicator("local-example-rate", db=db) is not None
    assert dash_duo.find_element("#admin-import-confirm").get_attribute("disabled") is not None
    assert dash_duo.get_logs() == [], "no browser console errors"

    _import_a_filled_local_measure_template(dash_duo, db, tmp_path)


def _import_a_filled_local_measure_template(dash_duo, db, tmp_path: Path) -> None:
    """Our Way Forward's template, one of its 19 rows filled, the rest left blank as a team would."""
    import csv
    import datetime as dt
    import io

    from selenium.webdriver.common.keys import Keys

    from data_access.plans import store
    from tests.browser.conftest import open_when_listening
    from tests.security.conftest import ADMIN_USER

    text = store.template(db, "our-way-forward-2024-25")
    assert text is not None
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["indicator_id"] == "local-owf-66a"
    rows[0]["unit"], rows[0]["value"] = "%", "61.5"
    filled = tmp_path / "our-way-forward-local-measures.csv"
    with filled.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)

    driver = dash_duo.driver
    dash_duo.find_element("#admin-import-another").click()
    driver.find_element("css selector", "#admin-import-upload input[type=file]").send_keys(str(filled))
    dash_duo.wait_for_contains_text("#admin-import-check", "no problems found", timeout=60)
    assert "not filled in yet" in dash_duo.find_element("#admin-import-notes").text, "the blank rows are left out, and said so"
    button = dash_duo.find_element("#admin-import-confirm")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    dash_duo.wait_for_element_by_css_selector("#admin-import-confirm:not([disabled])", timeout=10)
    button.send_keys(Keys.ENTER)
    dash_duo.wait_for_contains_text("#admin-import-progress", "Import complete", timeout=30)
    assert "1 new value" in dash_duo.find_element("#admin-import-progress").text

    open_when_listening(dash_duo, "/?framework=our-way-forward-2024-25")
    dash_duo.wait_for_contains_text(
        "#main-content", f"Local figures, imported on {dt.date.today().isoformat()} by {ADMIN_USER}", timeout=30
    )
    assert "61.5%" in dash_duo.find_element("#main-content").text
