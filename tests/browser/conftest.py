"""Browser tests: Debian chromium driven by dash_duo (selenium 4.2, chromedriver on PATH).

Browser tests run in one xdist group, on one worker at a time, while the other worker runs the rest
of the suite. Spreading them over both workers was tried (2026-12-06): on 2 cores two Chromiums
rendering Dash pages starve each other, the suite was no faster (20 min at -n 2, 17.7 min at -n 4)
and waits of 15-60 s timed out. Each worker still starts its servers from its own port range (gw0
from 58050, gw1 from 59050, ...), and each test works on its own copy of the seeded database
(``tests/shared_databases.py``).
"""

from __future__ import annotations

import os
import shutil

import pytest


def _separate_port_range() -> None:
    """Give each xdist worker its own run of ports for dash_duo's servers.

    ``OB_TEST_PORT_BASE`` (default 58050, dash_duo's own first port) moves the whole range, so
    that two checkouts can run browser tests side by side on one machine; worker ``gwN`` starts
    ``N * 1000`` above it."""
    from dash.testing.application_runners import BaseDashRunner

    base = int(os.environ.get("OB_TEST_PORT_BASE", "58050"))
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    offset = int(worker[2:]) * 1000 if worker.startswith("gw") and worker[2:].isdigit() else 0
    BaseDashRunner._next_port = base + offset


_separate_port_range()


def _port_is_free(port: int) -> bool:
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


@pytest.fixture(autouse=True)
def _skip_ports_in_use() -> None:
    """Start each test's server on a port nobody else holds.

    dash_duo takes the next port in sequence without checking it: when another process (a second
    checkout's suite on the same machine) already serves that port, the test's own server fails
    to bind in its thread, dash_duo's readiness probe is answered by the *other* server, and the
    browser talks to the wrong app (seen as a 401 on the admin page: a different secret key)."""
    from dash.testing.application_runners import BaseDashRunner

    for _ in range(200):
        if _port_is_free(BaseDashRunner._next_port):
            return
        BaseDashRunner._next_port += 1


def pytest_setup_options():
    """Chrome flags for a closed network (no background calls to Google)."""
    from selenium.webdriver.chrome.options import Options

    options = Options()
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1400,1000",
    ):
        options.add_argument(flag)
    chromium = shutil.which("chromium")
    if chromium:
        options.binary_location = chromium
    return options


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.xdist_group("browser"))


def open_when_listening(dash_duo, path: str) -> None:
    """Open a deep link, retrying briefly if the threaded server is not accepting connections yet.

    dash_duo's threaded runner can report ready a moment before its socket accepts on a loaded CI
    machine (seen as ``net::ERR_CONNECTION_REFUSED``); that is the harness, not the app."""
    import time

    from selenium.common.exceptions import WebDriverException

    for attempt in range(5):
        try:
            dash_duo.driver.get(dash_duo.server_url + path)
            break
        except WebDriverException as error:
            if "ERR_CONNECTION_REFUSED" not in str(error) or attempt == 4:
                raise
            time.sleep(1.0)
    dash_duo.wait_for_element("#main-content", timeout=10)


@pytest.fixture
def start(dash_duo, dash_app):
    """Start the factory-built app (seeded SQLite) and return a helper to open deep links."""
    dash_duo.start_server(dash_app)

    def open_path(path: str) -> None:
        open_when_listening(dash_duo, path)

    return open_path


@pytest.fixture
def demo_start(dash_duo, demo_sqlite, tmp_path):
    """The app on the demonstration database (``seed --illustrative``), for tests of how invented
    district series and suppressed cells are shown."""
    from app import create_app
    from settings import Settings

    dash_duo.start_server(create_app(Settings(database_url=demo_sqlite.url, cache_dir=str(tmp_path / "demo-cache"))))

    def open_path(path: str) -> None:
        open_when_listening(dash_duo, path)

    return open_path


def choose_option(dash_duo, selector: str, label: str, search: str | None = None) -> None:
    """Pick a dropdown option by typing into its search box first: with every English area the
    option list is virtualised, so an option far down is not in the page until searched for."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    dash_duo.find_element(selector).click()
    box = dash_duo.wait_for_element(".dash-dropdown-search", timeout=5)
    box.send_keys(search or label)

    def option(driver):
        for element in driver.find_elements(By.CSS_SELECTOR, ".dash-dropdown-options .dash-dropdown-option"):
            if element.text == label:
                return element
        return False

    WebDriverWait(dash_duo.driver, 5).until(option).click()


def console_errors(dash_duo) -> list:
    return [entry for entry in dash_duo.get_logs() or [] if entry.get("level") == "SEVERE"]
