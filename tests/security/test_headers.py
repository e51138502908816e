"""Security headers on every kind of response; framing only for embeds, from configuration;
friendly errors with no traceback."""

from __future__ import annotations

import pytest

PATHS = [
    "/",
    "/compare",
    "/no-such-page",
    "/api/v1/indicators",
    "/api/v1/indicators/nope",
    "/api/v1/data.json",
    "/healthz",
    "/assets/style.css",
    "/vendor/bootstrap.min.css",
    "/vendor/nope.css",
    "/_dash-layout",
    "/_dash-dependencies",
    "/admin/login",
    "/admin/import",
    "/embed/compare",
    "/embed-code/compare",
    "/export/compare.csv",
]


@pytest.fixture
def embed_client(app_settings):
    from dataclasses import replace

    from app import create_app

    settings = replace(app_settings, embed_allowed_origins=("https://www.hertfordshire.gov.uk", "https://intranet.example"))
    return create_app(settings).server.test_client()


def _check_common(response, path: str) -> str:
    csp = response.headers.get("Content-Security-Policy", "")
    assert "default-src 'self'" in csp and "object-src 'none'" in csp and "base-uri 'self'" in csp, path
    assert "frame-ancestors" in csp, path
    assert response.headers.get("X-Content-Type-Options") == "nosniff", path
    assert response.headers.get("Referrer-Policy") == "strict-origin-when-cross-origin", path
    return csp


@pytest.mark.parametrize("path", PATHS)
def test_headers_on_every_response(embed_client, path: str) -> None:
    response = embed_client.get(path)
    csp = _check_common(response, path)
    if path.startswith("/embed/"):
        assert "frame-ancestors 'self' https://www.hertfordshire.gov.uk https://intranet.example" in csp
        assert "X-Frame-Options" not in response.headers
    else:
        assert "frame-ancestors 'none'" in csp
        assert response.headers.get("X-Frame-Options") == "DENY"


def test_headers_on_callbacks_and_errors(embed_client) -> None:
    from tests.security.fuzz_support import router_body

    for response in (
        embed_client.post("/_dash-update-component", json=router_body("/compare", "")),
        embed_client.post("/_dash-update-component", data=b"{", content_type="application/json"),
        embed_client.post("/admin/login", data={}),
        embed_client.delete("/api/v1/indicators"),
    ):
        _check_common(response, "callback/error")


def test_embeds_refuse_framing_when_no_origins_configured(client) -> None:
    csp = client.get("/embed/compare").headers["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in csp and "https://" not in csp.split("frame-ancestors")[1]


def test_unexpected_errors_are_friendly_and_logged(app_settings, caplog) -> None:
    from app import create_app

    app = create_app(app_settings)

    def boom():
        raise RuntimeError("secret internal detail")

    app.server.add_url_rule("/boom-test", "boom_test", boom)
    app.server.add_url_rule("/api/v1/boom-test", "api_boom_test", boom)
    client = app.server.test_client()
    with caplog.at_level("ERROR", logger="outcome_bees.errors"):
        page = client.get("/boom-test")
        api = client.get("/api/v1/boom-test")
    for response in (page, api):
        text = response.get_data(as_text=True)
        assert response.status_code == 500
        assert "Traceback" not in text and "secret internal detail" not in text and "RuntimeError" not in text
        _check_common(response, "500")
    assert "Sorry, something went wrong" in page.get_data(as_text=True)
    assert api.get_json()["error"] == "Internal Server Error"
    assert "secret internal detail" in caplog.text, "the detail goes to the server log"


def test_debug_is_off_by_default_and_in_the_production_config() -> None:
    import runpy

    from settings import PROJECT_ROOT, Settings

    assert Settings().debug is False
    assert Settings.from_env().debug is False or __import__("os").environ.get("DASH_DEBUG") in {"1", "true", "True"}
    config = runpy.run_path(str(PROJECT_ROOT / "deploy" / "gunicorn.conf.py"))
    assert config["worker_class"] == "gthread" and config["preload_app"] is True
    makefile = (PROJECT_ROOT / "Makefile").read_text()
    assert "gunicorn --config deploy/gunicorn.conf.py app:server" in makefile


def test_session_cookie_settings(dash_app) -> None:
    config = dash_app.server.config
    assert config["SESSION_COOKIE_HTTPONLY"] is True
    assert config["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert config["SESSION_COOKIE_SECURE"] is True  # default; SESSION_COOKIE_SECURE=0 only for plain-http development


def test_public_pages_set_no_cookies(client) -> None:
    for path in ("/", "/compare", "/api/v1/indicators", "/healthz"):
        assert "Set-Cookie" not in client.get(path).headers, path
