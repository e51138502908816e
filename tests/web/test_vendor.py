"""The app is self-contained: Bootstrap and plotly.js come from assets/vendor, never node_modules."""

from __future__ import annotations

import json
import re

import pytest

from settings import PROJECT_ROOT
from web.vendor import BOOTSTRAP_CSS, VENDOR_DIR

PACKAGES = {
    "bootstrap.min.css": ("bootstrap", "dist/css/bootstrap.min.css"),
    "plotly-basic.min.js": ("plotly.js-basic-dist-min", "plotly-basic.min.js"),
}


def _links(html: str) -> list[str]:
    return re.findall(r'(?:href|src)="([^"]+)"', html)


def test_page_links_bootstrap_first_and_the_basic_plotly_bundle(client) -> None:
    links = [link for link in _links(client.get("/").get_data(as_text=True)) if link.startswith("/assets/")]
    assert links[0] == BOOTSTRAP_CSS  # before style.css, so the app's own rules win
    assert sum(link.startswith(BOOTSTRAP_CSS) for link in links) == 1  # not auto-included a second time
    assert any(link.startswith("/assets/vendor/plotly-basic.min.js") for link in links)
    assert not any("node_modules" in link for link in links)


@pytest.mark.parametrize(
    "path", ["/assets/vendor/bootstrap.min.css", "/vendor/bootstrap.min.css", "/assets/vendor/plotly-basic.min.js"]
)
def test_vendored_files_are_served_with_their_licence_header(client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    head = response.get_data(as_text=True)[:300]
    assert "Licensed under MIT" in head or "Licensed under the MIT license" in head


def test_unknown_vendor_file_is_404(client) -> None:
    assert client.get("/vendor/nope.css").status_code == 404


def test_full_plotly_bundle_on_request(monkeypatch, app_settings) -> None:
    monkeypatch.setenv("PLOTLY_BUNDLE", "full")
    from app import create_app

    html = create_app(app_settings).server.test_client().get("/").get_data(as_text=True)
    assert not any("plotly-basic" in link for link in _links(html))


@pytest.mark.parametrize("name", sorted(PACKAGES))
def test_vendored_copy_equals_the_pinned_package(name: str) -> None:
    package, inner = PACKAGES[name]
    installed = PROJECT_ROOT / "node_modules" / package
    if not installed.is_dir():
        pytest.skip(f"node_modules/{package} is not installed (run `make node`) - nothing to compare with")
    pinned = json.loads((PROJECT_ROOT / "package.json").read_text())["dependencies"][package]
    assert json.loads((installed / "package.json").read_text())["version"] == pinned
    assert (VENDOR_DIR / name).read_bytes() == (installed / inner).read_bytes(), "run `make vendor`"
