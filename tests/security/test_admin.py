"""Administration: every /admin path and admin callback refuses anyone not signed in; sign-in is
hashed, CSRF-protected and rate-limited; uploads are checked and stored only under their folder."""

from __future__ import annotations

import base64
import json
import time
from pathlib import Path

import pytest

from tests.security.conftest import ADMIN_PASSWORD, csrf_from, sign_in

ADMIN_PATHS = [
    "/admin",
    "/admin/",
    "/admin/import",
    "/admin/import?x=1",
    "/admin/template.csv",
    "/admin/anything/else",
    "/admin/logout",
]


def _admin_callback_body(contents: str | None = "data:text/csv;base64,YQ==", filename: str = "x.csv") -> dict:
    return {
        "output": "..admin-import-check.children...admin-import-preview.children...admin-import-token.data..."
        "admin-import-confirm.disabled...admin-import-another.hidden..",
        "outputs": [
            {"id": "admin-import-check", "property": "children"},
            {"id": "admin-import-preview", "property": "children"},
            {"id": "admin-import-token", "property": "data"},
            {"id": "admin-import-confirm", "property": "disabled"},
            {"id": "admin-import-another", "property": "hidden"},
        ],
        "inputs": [{"id": "admin-import-upload", "property": "contents", "value": contents}],
        "state": [{"id": "admin-import-upload", "property": "filename", "value": filename}],
        "changedPropIds": ["admin-import-upload.contents"],
    }


@pytest.mark.parametrize("path", ADMIN_PATHS)
def test_admin_paths_redirect_anonymous_visitors_to_sign_in(admin_client, path: str) -> None:
    response = admin_client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/admin/login?next=")


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_admin_writes_without_a_session_are_401(admin_client, method: str) -> None:
    response = getattr(admin_client, method)("/admin/import")
    assert response.status_code == 401


def test_admin_callbacks_are_refused_without_a_session(admin_client) -> None:
    response = admin_client.post("/_dash-update-component", json=_admin_callback_body())
    assert response.status_code == 401
    # a single-output form and a pattern-matching id are refused too
    single = {
        "output": "admin-import-progress.children",
        "outputs": {"id": "admin-import-progress", "property": "children"},
        "inputs": [],
    }
    assert admin_client.post("/_dash-update-component", json=single).status_code == 401
    pattern = {
        "output": '{"index":1,"type":"admin-x"}.children',
        "outputs": {"id": {"type": "admin-x", "index": 1}, "property": "children"},
        "inputs": [],
    }
    assert admin_client.post("/_dash-update-component", json=pattern).status_code == 401


def test_admin_page_layout_through_the_router_asks_to_sign_in(admin_client) -> None:
    admin_client.get("/")  # first request builds the page router
    from tests.dash_routing import routing_request

    body = routing_request("/admin/import")
    response = admin_client.post("/_dash-update-component", json=body)
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Sign in to import data" in text and "admin-import-upload" not in text


def test_login_page_is_public_and_has_a_csrf_token(admin_client) -> None:
    response = admin_client.get("/admin/login")
    assert response.status_code == 200
    assert 'name="csrf_token"' in response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == "no-store"


def test_wrong_password_is_refused(admin_client) -> None:
    response = sign_in(admin_client, password="wrong password here")
    assert response.status_code == 401
    assert "not right" in response.get_data(as_text=True)
    assert admin_client.get("/admin/import").status_code == 302


def test_unknown_user_is_refused(admin_client) -> None:
    assert sign_in(admin_client, user="root", password=ADMIN_PASSWORD).status_code == 401


def test_missing_or_wrong_csrf_token_is_refused(admin_client) -> None:
    admin_client.get("/admin/login")
    response = admin_client.post("/admin/login", data={"username": "admin", "password": ADMIN_PASSWORD, "csrf_token": "forged"})
    assert response.status_code == 400
    assert admin_client.get("/admin/import").status_code == 302


def test_sixth_attempt_in_a_minute_is_429(admin_client) -> None:
    for _ in range(5):
        assert sign_in(admin_client, password="nope nope nope").status_code == 401
    sixth = sign_in(admin_client, password=ADMIN_PASSWORD)  # even the right password waits
    assert sixth.status_code == 429
    assert int(sixth.headers["Retry-After"]) > 0
    # another user name from the same address is limited too (the limit is per address and per user)
    assert sign_in(admin_client, user="someone", password="x").status_code == 429


def test_rate_limit_is_shared_between_app_instances(admin_settings, redis_url) -> None:
    """With REDIS_URL the count lives in Redis, so gunicorn's workers and every server see the same count."""
    import uuid
    from dataclasses import replace

    from app import create_app

    settings = replace(admin_settings, redis_url=redis_url, rate_limit_key_prefix=f"ob-test-{uuid.uuid4().hex}")
    first = create_app(settings).server.test_client()
    second = create_app(settings).server.test_client()
    for client in (first, second, first, second, first):
        assert sign_in(client, password="wrong wrong").status_code == 401
    assert sign_in(second, password=ADMIN_PASSWORD).status_code == 429


def test_rate_limit_without_redis_is_per_process_memory(admin_settings) -> None:
    """Without REDIS_URL each app (each gunicorn worker) counts on its own: docs/security.md says so."""
    from dataclasses import replace

    from app import create_app

    settings = replace(admin_settings, login_max_attempts=2)
    first = create_app(settings).server.test_client()
    second = create_app(settings).server.test_client()
    for _ in range(2):
        assert sign_in(first, password="wrong wrong").status_code == 401
    assert sign_in(first).status_code == 429
    assert sign_in(second).status_code == 302


def test_sign_in_fails_closed_when_the_limit_storage_is_down(admin_settings) -> None:
    from dataclasses import replace

    from app import create_app

    client = create_app(replace(admin_settings, redis_url="redis://127.0.0.1:1/0")).server.test_client()
    response = sign_in(client)
    assert response.status_code == 503 and "Sign-in is unavailable" in response.get_data(as_text=True)
    assert client.get("/admin/import").status_code == 302


def test_rate_limit_window_passes(admin_settings) -> None:
    from dataclasses import replace

    from app import create_app

    client = create_app(replace(admin_settings, login_window_seconds=1, login_max_attempts=2)).server.test_client()
    for _ in range(2):
        assert sign_in(client, password="wrong wrong").status_code == 401
    assert sign_in(client).status_code == 429
    time.sleep(1.2)
    assert sign_in(client).status_code == 302


def test_right_password_opens_the_import_page(admin_client) -> None:
    response = sign_in(admin_client, next_path="/admin/import")
    assert response.status_code == 302 and response.headers["Location"] == "/admin/import"
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert admin_client.get("/admin/import").status_code == 200
    template = admin_client.get("/admin/template.csv")
    assert template.status_code == 200 and template.get_data(as_text=True).startswith("indicator_id,")
    # the callbacks now answer
    assert admin_client.post("/_dash-update-component", json=_admin_callback_body()).status_code == 200


def test_open_redirects_are_refused(admin_client) -> None:
    for target in ("https://evil.example/", "//evil.example/admin", "/compare", "/\\evil.example"):
        response = sign_in(admin_client, next_path=target)
        assert response.headers["Location"] == "/admin/import", target
        admin_client.post("/admin/logout", data={"csrf_token": csrf_from(admin_client, "/admin/logout")})


def test_secure_cookie_flag_by_default(admin_settings) -> None:
    from dataclasses import replace

    from app import create_app

    client = create_app(replace(admin_settings, session_cookie_secure=True)).server.test_client()
    response = sign_in(client)
    assert "Secure" in response.headers["Set-Cookie"]


def test_logout_needs_the_csrf_token(admin_client) -> None:
    sign_in(admin_client)
    assert admin_client.post("/admin/logout", data={"csrf_token": "forged"}).status_code == 400
    assert admin_client.get("/admin/import").status_code == 200
    assert admin_client.post("/admin/logout", data={"csrf_token": csrf_from(admin_client, "/admin/logout")}).status_code == 302
    assert admin_client.get("/admin/import").status_code == 302


def test_unconfigured_admin_refuses_everyone(client) -> None:
    """The default app (no ADMIN_USER) shows no form and every /admin path still redirects."""
    assert "not set up" in client.get("/admin/login").get_data(as_text=True)
    assert client.get("/admin/import").status_code == 302


def test_hashpw_helper_makes_a_checkable_hash(capsys, monkeypatch) -> None:
    import io

    from werkzeug.security import check_password_hash

    from web import hashpw

    monkeypatch.setattr("sys.stdin", io.StringIO("a long enough password\n"))
    assert hashpw.main(["--stdin"]) == 0
    hashed = capsys.readouterr().out.strip()
    assert hashed.startswith("scrypt:") and check_password_hash(hashed, "a long enough password")
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert hashpw.main(["--stdin"]) == 1


# --- uploads -------------------------------------------------------------------------------


def _upload(client, data: bytes, filename: str = "figures.csv", media: str = "text/csv") -> dict:
    contents = f"data:{media};base64," + base64.b64encode(data).decode()
    response = client.post("/_dash-update-component", json=_admin_callback_body(contents, filename))
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return response.get_json()["response"]


def _text(component) -> str:
    from plotly.utils import PlotlyJSONEncoder

    return json.dumps(component, cls=PlotlyJSONEncoder)


def _jobs(settings) -> list:
    from sqlalchemy import select

    from data_access.database import Database
    from data_access.import_jobs import job_database
    from data_access.models import ImportJob

    columns = (ImportJob.id, ImportJob.status, ImportJob.created_by, ImportJob.file_name, ImportJob.upload.is_not(None))
    with job_database(Database(settings.database_url)).read() as session:
        return [
            dict(zip(("id", "status", "created_by", "file_name", "has_upload"), row)) for row in session.execute(select(*columns))
        ]


def _scratch_files(settings) -> list[Path]:
    folder = Path(settings.upload_dir)
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def test_upload_of_the_template_is_checked_then_imported(admin_app, admin_client, admin_settings) -> None:
    from settings import PROJECT_ROOT

    sign_in(admin_client)
    data = (PROJECT_ROOT / "data_access" / "importers" / "native_template.csv").read_bytes()
    result = _upload(admin_client, data, filename="../../etc/passwd.csv")
    token = result["admin-import-token"]["data"]
    assert result["admin-import-confirm"]["disabled"] is False
    assert "no problems found" in _text(result["admin-import-check"])
    [job] = _jobs(admin_settings)
    assert job["id"] == token and job["status"] == "checked" and job["created_by"] == "admin" and job["has_upload"]
    assert job["file_name"] == "../../etc/passwd.csv", "the client's name is only kept to be shown"
    assert _scratch_files(admin_settings) == [], "the checked file is kept in the database, not on this server's disk"
    from data_access import reads
    from data_access.database import Database

    db = Database(admin_settings.database_url)
    assert reads.indicator("local-example-rate", db=db) is None, "a dry run writes nothing"

    start = {
        "output": next(key for key in admin_app.callback_map if "admin-import-job.data" in key),
        "outputs": [
            {"id": "admin-import-job", "property": "data"},
            {"id": "admin-import-poll", "property": "disabled"},
            {"id": "admin-import-confirm", "property": "disabled"},
            {"id": "admin-import-progress", "property": "children"},
        ],
        "inputs": [{"id": "admin-import-confirm", "property": "n_clicks", "value": 1}],
        "state": [{"id": "admin-import-token", "property": "data", "value": token}],
        "changedPropIds": ["admin-import-confirm.n_clicks"],
    }
    from pages import admin_import
    from views.admin_import import EXTENSION

    response = admin_client.post("/_dash-update-component", json=start)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    jobs = admin_app.server.extensions[EXTENSION]
    deadline = time.time() + 30
    status: dict = {}
    while time.time() < deadline:
        status = dict(jobs.status(token) or {})
        if status.get("state") in {"finished", "failed"}:
            break
        time.sleep(0.1)
    assert status.get("state") == "finished" and status.get("ok"), status
    assert reads.indicator("local-example-rate", db=db) is not None
    [job] = _jobs(admin_settings)
    assert job["status"] == "finished" and not job["has_upload"], "the upload is dropped after the import"
    assert _scratch_files(admin_settings) == []
    view, stop = admin_import.progress_view(status)
    assert stop and "Import complete" in _text(view)
    # a second click on the same token does not import it again
    again = admin_client.post("/_dash-update-component", json=start).get_json()["response"]
    assert again["admin-import-job"]["data"] is None and "Choose and check a file first" in _text(again["admin-import-progress"])


@pytest.mark.parametrize(
    ("data", "filename", "media", "expected"),
    [
        (b"a,b\n1,2\n", "figures.xlsx", "text/csv", "Only CSV files"),
        (b"a,b\n1,2\n", "figures.csv", "image/png", "not a CSV file"),
        (b"PK\x03\x04 zipped spreadsheet", "figures.csv", "text/csv", "binary"),
        (b"a,b\x00\n", "figures.csv", "text/csv", "binary"),
        (b"   \n", "figures.csv", "text/csv", "empty"),
        (b"=cmd|' /C calc'!A0,b\n1,2\n", "figures.csv", "text/csv", "header not recognised"),
    ],
)
def test_bad_uploads_are_refused_and_nothing_is_kept(admin_client, admin_settings, data, filename, media, expected) -> None:
    sign_in(admin_client)
    result = _upload(admin_client, data, filename=filename, media=media)
    assert expected in _text(result["admin-import-check"])
    assert result["admin-import-token"]["data"] is None and result["admin-import-confirm"]["disabled"] is True
    assert _jobs(admin_settings) == [] and _scratch_files(admin_settings) == []


def test_oversized_upload_is_refused(admin_settings) -> None:
    from dataclasses import replace

    from app import create_app

    client = create_app(replace(admin_settings, upload_max_bytes=200 * 1024)).server.test_client()
    sign_in(client)
    result = _upload(client, b"a,b\n" + b"1,2\n" * 25_000)  # 100 KB: over the 86 KB file limit, under the request limit
    assert "limit" in _text(result["admin-import-check"])
    # and the request size itself is capped by MAX_CONTENT_LENGTH: 413, no traceback
    huge = client.post("/_dash-update-component", data=b"x" * (300 * 1024), content_type="application/json")
    assert huge.status_code == 413 and "Traceback" not in huge.get_data(as_text=True)


def test_forged_tokens_name_no_job(admin_app) -> None:
    from data_access.import_jobs import valid_token
    from views.admin_import import EXTENSION

    jobs = admin_app.server.extensions[EXTENSION]
    for token in ("../../etc/passwd", "/etc/passwd", "..", "a" * 31, "A" * 32, None, 5, {"x": 1}, "0" * 32 + "/../x"):
        assert not valid_token(token)
    for token in ("../../etc/passwd", "A" * 32, "0" * 32):
        assert jobs.status(token) is None and jobs.start(token) is False


def test_the_sign_in_page_says_why_when_reached_from_the_import_page(admin_client) -> None:
    text = admin_client.get("/admin/login?next=/admin/import").get_data(as_text=True)
    assert "Sign in to import data" in text
    assert "Sign in to import data" not in admin_client.get("/admin/login").get_data(as_text=True)


def test_a_late_answer_to_a_request_sent_before_signing_in_leaves_the_administrator_signed_in(admin_app, admin_client) -> None:
    """Seen in a whole run's browser test (the request trace in ``bench/history/suite.md``): the page
    open before signing in sent a callback with the pre-sign-in session; its answer came after the
    sign-in, and its Set-Cookie (that old session, which Flask-Login's session protection had marked
    "not fresh") replaced the signed-in one, so the import page asked to sign in again. A request
    that only reads who is signed in must not write the session."""
    from tests.dash_routing import routing_request

    csrf_from(admin_client)  # the sign-in form: a session that holds only its CSRF token
    before = admin_client.get_cookie("ob_session")
    assert before is not None
    assert sign_in(admin_client).status_code == 302
    late = admin_app.server.test_client()
    late.set_cookie("ob_session", before.value)
    answer = late.post("/_dash-update-component", json=routing_request("/accessibility"))
    assert answer.status_code == 200
    assert not [c for c in answer.headers.getlist("Set-Cookie") if c.startswith("ob_session=")], "the answer rewrote the session"
    assert admin_client.get("/admin/import").status_code == 200
