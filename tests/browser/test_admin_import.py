"""/admin/import in a browser: sign in with the keyboard, upload the native template, import it,
and watch the progress area until the import is complete (the job runs on the server's thread pool,
its state in the database)."""

from __future__ import annotations

from pathlib import Path

from settings import PROJECT_ROOT


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
    dash_duo.start_server(create_app(settings))
    driver = dash_duo.driver
    driver.get(dash_duo.server_url + "/admin/import")
    dash_duo.wait_for_element("#admin-user", timeout=10)
    driver.find_element("css selector", "#admin-user").send_keys(ADMIN_USER)
    password = driver.find_element("css selector", "#admin-password")
    password.send_keys(ADMIN_PASSWORD)
    password.send_keys(Keys.ENTER)
    dash_duo.wait_for_element("#admin-import-upload", timeout=15)

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
