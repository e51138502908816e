"""components.paths: app paths gain the URL prefix only where the running request has one."""

from __future__ import annotations

import pytest
from flask import Flask

from components.paths import app_path, app_root, strip_app_root


@pytest.fixture
def flask_app() -> Flask:
    return Flask(__name__)


def test_outside_a_request_paths_are_unchanged() -> None:
    assert app_root() == ""
    assert app_path("/compare?indicator=x") == "/compare?indicator=x"
    assert strip_app_root("/compare") == "/compare"


def test_at_the_root_of_the_host_every_path_is_unchanged(flask_app: Flask) -> None:
    with flask_app.test_request_context("/compare"):
        for path in ("/", "/compare?a=1", "/export/compare.csv?a=1", "#main-content", "https://example.org/x"):
            assert app_path(path) == path
        assert strip_app_root("/area/E10000015") == "/area/E10000015"


def test_under_a_prefix_site_paths_gain_it(flask_app: Flask) -> None:
    with flask_app.test_request_context("/compare", base_url="http://localhost/dashboards/outcome-bees/"):
        assert app_root() == "/dashboards/outcome-bees"
        assert app_path("/") == "/dashboards/outcome-bees/"
        assert app_path("/compare?a=1") == "/dashboards/outcome-bees/compare?a=1"
        assert app_path("/export/compare.csv?a=1") == "/dashboards/outcome-bees/export/compare.csv?a=1"
        # not site paths: left alone
        assert app_path("#main-content") == "#main-content"
        assert app_path("https://example.org/x") == "https://example.org/x"
        assert app_path("//cdn.example.org/x.js") == "//cdn.example.org/x.js"
        # already under the prefix (a builder handed a finished href): not prefixed twice
        assert app_path("/dashboards/outcome-bees/compare") == "/dashboards/outcome-bees/compare"
        assert app_path(app_path("/trends")) == "/dashboards/outcome-bees/trends"


def test_browser_paths_lose_the_prefix(flask_app: Flask) -> None:
    with flask_app.test_request_context("/", base_url="http://localhost/dashboards/outcome-bees/"):
        assert strip_app_root("/dashboards/outcome-bees/area/E10000015") == "/area/E10000015"
        assert strip_app_root("/dashboards/outcome-bees/") == "/"
        assert strip_app_root("/dashboards/outcome-bees") == "/"
        assert strip_app_root("/dashboards/outcome-beesx") == "/dashboards/outcome-beesx"
        assert strip_app_root("/compare") == "/compare"
