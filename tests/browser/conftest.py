"""Browser tests: Debian chromium driven by dash_duo (selenium 4.2, chromedriver on PATH).

Browser tests are dealt into one xdist group per worker (at most two, :func:`browser_groups`); each
group runs on one worker with one shared Chromium and app per database. Spreading them over both
workers was tried on 2026-12-06, before the shared browser, and was no faster (each test started its
own Chromium; waits of 15-60 s timed out); with the shared browser and the admin sign-in fix, two
groups brought a quiet whole run from 15 min to 9 min 45 s (2026-12-07). Each worker starts its
servers from its own port range (gw0 from 58050, gw1 from 59050, ...), and each test works on its
own copy of the seeded database (``tests/shared_databases.py``).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import warnings
from pathlib import Path

import pytest
from dash.testing.application_runners import ThreadedRunner

import data_access
from settings import Settings
from views import home


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


def _skip_ports_in_use_now() -> None:
    """Move dash_duo's next port past any port somebody else holds.

    dash_duo takes the next port in sequence without checking it: when another process (a second
    checkout's suite on the same machine) already serves that port, the test's own server fails
    to bind in its thread, dash_duo's readiness probe is answered by the *other* server, and the
    browser talks to the wrong app (seen as a 401 on the admin page: a different secret key)."""
    from dash.testing.application_runners import BaseDashRunner

    for _ in range(200):
        if _port_is_free(BaseDashRunner._next_port):
            return
        BaseDashRunner._next_port += 1


@pytest.fixture(autouse=True)
def _skip_ports_in_use() -> None:
    """Start each test's server on a port nobody else holds."""
    _skip_ports_in_use_now()


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


def browser_groups() -> int:
    """How many xdist groups the browser tests are dealt into: one per xdist worker, at most two
    (``OB_BROWSER_GROUPS`` overrides). Each group runs on one worker with its own shared Chromium
    and app. Two groups on two workers: a quiet whole run 9 min 45 s where one group took 15 min
    (bench/history/suite.md); more than two Chromiums rendering at once on two cores was slower."""
    given = os.environ.get("OB_BROWSER_GROUPS", "")
    if given.strip().isdigit():
        return max(1, int(given))
    return max(1, min(2, int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1") or "1")))


def pytest_collection_modifyitems(config, items):
    groups, dealt = browser_groups(), 0
    for item in items:
        path = str(item.fspath).replace("\\", "/")
        if "tests/browser/" in path:
            item.add_marker(pytest.mark.browser)
            group = dealt % groups  # dealt in turn, test by test: each group gets a share of every file
            item.add_marker(pytest.mark.xdist_group("browser" if group == 0 else f"browser-{group}"))
            dealt += 1


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


class _SharedSite:
    """One Chromium and one server per site for the whole worker session.

    Starting Chromium, building the app and loading its first page cost seconds per test; most
    browser tests only read the seeded database, so they share one browser and one running app
    per database (the seeded pack, the demonstration data). Each test still opens its own deep
    link (a full page load); :func:`_fresh_page` clears what a test can leave behind."""

    def __init__(self, request: pytest.FixtureRequest, download_path: str) -> None:
        from dash.testing.composite import DashComposite

        self.composite = DashComposite(
            server=None,
            browser=request.config.getoption("webdriver"),
            remote=request.config.getoption("remote"),
            remote_url=request.config.getoption("remote_url"),
            headless=request.config.getoption("headless"),
            options=request.config.hook.pytest_setup_options(),
            download_path=download_path,
            percy_assets_root=request.config.getoption("percy_assets"),
            percy_finalize=request.config.getoption("nopercyfinalize"),
            pause=request.config.getoption("pause"),
        )
        self.runners: dict[str, ThreadedRunner] = {}
        self.urls: dict[str, str] = {}

    def url_of(self, name: str, settings: Settings) -> str:
        """The address of the app called ``name`` on ``settings``, started on first use.

        The read API's database and the home council are per process (``create_app`` sets them),
        and other tests in this worker build apps of their own: so before each test the site's
        own database and home council are made current again."""
        data_access.configure(settings.database_url)
        home.configure(settings.home_area)
        if name not in self.urls:
            from app import create_app  # importing app builds its default app: only once a browser test runs

            _skip_ports_in_use_now()
            runner = ThreadedRunner()
            runner.start(create_app(settings))
            self.runners[name] = runner
            self.urls[name] = runner.url
        return self.urls[name]

    def close(self) -> None:
        for runner in self.runners.values():
            runner.stop()
        self.composite.__exit__(None, None, None)


@pytest.fixture(scope="session")
def _shared_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    site = _SharedSite(request, str(tmp_path_factory.mktemp("download")))
    yield site
    site.close()


def _fresh_page(site: _SharedSite, url: str) -> None:
    """Undo what an earlier test may have left in the shared browser: a device-metrics override
    (the reflow checks), a window size, the origin's storage (the board pack's list in
    localStorage) and cookies, and console messages (``console_errors`` sees only this test's)."""
    driver = site.composite.driver
    try:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    except Exception:  # noqa: BLE001 (nothing to clear)
        pass
    driver.set_window_size(1400, 1000)
    driver.get("about:blank")
    origin = "/".join(url.split("/")[:3])
    driver.execute_cdp_cmd("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
    driver.delete_all_cookies()
    site.composite.reset_log_timestamp()
    site.composite._url = url  # dash.testing's server_url without its navigation (each test navigates)


def _uses_shared_site(request: pytest.FixtureRequest) -> bool:
    return "start" in request.fixturenames or "demo_start" in request.fixturenames


@pytest.fixture
def dash_duo(request: pytest.FixtureRequest, tmp_path):
    """dash.testing's ``dash_duo``, except that tests opening pages of the seeded or the
    demonstration database (through ``start`` / ``demo_start``) get the shared browser, already
    pointed at a running app. Tests that build their own app get their own browser, as before."""
    if _uses_shared_site(request):
        yield request.getfixturevalue("_shared_site").composite
        return
    from dash.testing.composite import DashComposite

    runner = request.getfixturevalue("dash_thread_server")
    download = tmp_path / "download"
    download.mkdir()
    with DashComposite(
        server=runner,
        browser=request.config.getoption("webdriver"),
        remote=request.config.getoption("remote"),
        remote_url=request.config.getoption("remote_url"),
        headless=request.config.getoption("headless"),
        options=request.config.hook.pytest_setup_options(),
        download_path=str(download),
        percy_assets_root=request.config.getoption("percy_assets"),
        percy_finalize=request.config.getoption("nopercyfinalize"),
        pause=request.config.getoption("pause"),
    ) as composite:
        yield composite


_SITE_SETTINGS: dict[str, Settings] = {}


def _site_settings(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """One Settings per shared site (its cache folder made once), default home council."""
    if database_url not in _SITE_SETTINGS:
        cache = tmp_path_factory.mktemp("site-cache")
        _SITE_SETTINGS[database_url] = Settings(database_url=database_url, cache_dir=str(cache))
    return _SITE_SETTINGS[database_url]


@pytest.fixture
def start(dash_duo, _shared_site, _seeded_sqlite, tmp_path_factory):
    """Open deep links of the app on the seeded SQLite database (one app per worker session, see
    :class:`_SharedSite`). Treat it as read-only: a test that writes builds its own app."""
    url = _shared_site.url_of("seeded", _site_settings(_seeded_sqlite.url, tmp_path_factory))
    _fresh_page(_shared_site, url)

    def open_path(path: str) -> None:
        open_when_listening(dash_duo, path)

    return open_path


@pytest.fixture
def demo_start(dash_duo, _shared_site, _demo_sqlite, tmp_path_factory):
    """The app on the demonstration database (``seed --illustrative``), for tests of how invented
    district series and suppressed cells are shown. Shared like ``start``'s."""
    url = _shared_site.url_of("demo", _site_settings(_demo_sqlite.url, tmp_path_factory))
    _fresh_page(_shared_site, url)

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


def wait_for_import_page(dash_duo) -> None:
    """After signing in, wait for the import form; open the page once more if it does not come.

    Seen twice in whole runs (never alone): after the sign-in redirect the page's routing callbacks
    answered 200 and yet no form appeared within 60 s, while the same test and its neighbours
    passed on other runs. A second load of ``/admin/import`` (the session cookie is kept) tells
    a lost first render from a real refusal; what the page showed is in the failure message."""
    from selenium.common.exceptions import TimeoutException

    try:
        dash_duo.wait_for_element("#admin-import-upload", timeout=30)
        return
    except TimeoutException:
        first = dash_duo.find_element("#main-content").text[:300]
    dash_duo.driver.get(dash_duo.server_url + "/admin/import")
    try:
        dash_duo.wait_for_element("#admin-import-upload", timeout=30)
    except TimeoutException as error:
        again = dash_duo.find_element("#main-content").text[:300]
        report = f"no import form after signing in; the page showed {first!r}, then {again!r}; {_session_report(dash_duo)}"
        # the admin tests are xfail while this is investigated: a warning puts the trace in the run's summary
        warnings.warn(report, stacklevel=2)
        raise AssertionError(report) from error


class _RequestTrace:
    """WSGI middleware that notes each request's session cookie and each response's Set-Cookie.

    Installed by :func:`start_traced`: when a signed-in administrator is not recognised, the trace
    shows which response changed or dropped the cookie (fingerprints, never the values)."""

    def __init__(self, wsgi_app) -> None:
        self.wsgi_app = wsgi_app
        self.lines: list[str] = []

    @staticmethod
    def _fingerprint(text: str) -> str:
        import hashlib

        return hashlib.sha1(text.encode()).hexdigest()[:8] if text else "-"

    def __call__(self, environ, start_response):
        import http.cookies
        import time

        cookies = http.cookies.SimpleCookie(environ.get("HTTP_COOKIE", ""))
        sent = cookies["ob_session"].value if "ob_session" in cookies else ""
        request = f"{time.strftime('%H:%M:%S')} {environ['REQUEST_METHOD']} {environ.get('PATH_INFO', '')} sent {self._fingerprint(sent)}"

        def noting(status, headers, exc_info=None):
            set_cookie = [value for name, value in headers if name.lower() == "set-cookie" and value.startswith("ob_session=")]
            new = set_cookie[0].split(";", 1)[0].split("=", 1)[1] if set_cookie else ""
            self.lines.append(f"{request} -> {status.split(' ', 1)[0]} set {self._fingerprint(new) if set_cookie else 'no'}")
            return start_response(status, headers, exc_info)

        return self.wsgi_app(environ, noting)


def start_traced(dash_duo, app) -> None:
    """``dash_duo.start_server(app)`` with a :class:`_RequestTrace` in front of the app."""
    trace = _RequestTrace(app.server.wsgi_app)
    app.server.wsgi_app = trace
    dash_duo._ob_trace = trace
    dash_duo.start_server(app)


def _session_report(dash_duo) -> str:
    """What the browser holds and what the app makes of it: tells a lost cookie from a foreign one."""
    cookies = dash_duo.driver.get_cookies()
    names = sorted(cookie["name"] for cookie in cookies)
    app = getattr(dash_duo.server, "_app", None)
    session_cookie = next((cookie for cookie in cookies if cookie["name"] == "ob_session"), None)
    if app is None or session_cookie is None:
        return f"cookies {names}, app {'known' if app else 'unknown'}"
    serializer = app.server.session_interface.get_signing_serializer(app.server)
    try:
        keys = sorted(serializer.loads(session_cookie["value"]))
    except Exception as error:  # noqa: BLE001 (the report says what failed)
        keys = [f"undecodable: {type(error).__name__}"]
    trace = getattr(dash_duo, "_ob_trace", None)
    requests = "\n".join(line for line in (trace.lines if trace else []) if "/_dash-component-suites" not in line)
    report = f"cookies {names}, session keys {keys}, port {dash_duo.server.port}, url {dash_duo.driver.current_url}\n{requests}"
    Path(tempfile.gettempdir(), f"ob-signin-{os.getpid()}-{dash_duo.server.port}.txt").write_text(report, encoding="utf-8")
    return report
