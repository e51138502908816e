"""Sign-in for the administration pages: ``/admin/login``, ``/admin/logout`` and the guard.

Everything outside ``/admin`` is read-only and public. Everything under ``/admin`` — Flask
routes and Dash pages alike — needs a signed-in administrator:

* a ``before_request`` hook redirects (GET) or refuses (401) any ``/admin…`` request without
  a signed-in session, and refuses ``/_dash-update-component`` calls whose outputs belong to
  admin components (ids starting ``admin-``), so the import callbacks cannot be driven
  directly;
* credentials come from configuration (``ADMIN_USER``, ``ADMIN_PASSWORD_HASH`` made with
  ``python -m web.hashpw``); the password is only ever compared with werkzeug's hash check;
* failed attempts are counted in the database (``login_attempt``) so the limit holds across
  gunicorn workers: after ``login_max_attempts`` failures in ``login_window_seconds`` from one
  address (or for one user name) the form answers 429 until the window passes;
* the form carries a CSRF token kept in the (HttpOnly, SameSite=Lax) session cookie.
"""

from __future__ import annotations

import hmac
import logging
import re
import secrets
from functools import lru_cache, wraps
from html import escape
from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, Flask, Response, current_app, jsonify, redirect, request, session

from components.paths import app_root
from settings import Settings

log = logging.getLogger("outcome_bees.admin")
admin_blueprint = Blueprint("admin", __name__)

ADMIN_PREFIX = "/admin"
ADMIN_ID_PREFIX = "admin-"
_OPEN_PATHS = {"/admin/login"}
# a Dash output spec names component ids: "id.prop", "..id1.prop...id2.prop..", or JSON for pattern ids
_ADMIN_OUTPUT = re.compile(r'(?:^|\.\.\.?|")' + re.escape(ADMIN_ID_PREFIX))


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """A real hash to check unknown user names against, so timing does not reveal them."""
    from werkzeug.security import generate_password_hash

    return generate_password_hash(secrets.token_urlsafe(16))


def _settings() -> Settings:
    return current_app.config["OUTCOME_BEES_SETTINGS"]


def writer_database():  # type: ignore[no-untyped-def]
    """The database administrators write through (the writer role where one is configured)."""
    from data_access.database import Database

    settings = _settings()
    return Database(settings.import_database_url or settings.database_url)


def is_signed_in() -> bool:
    try:
        return bool(session.get("admin_user"))
    except RuntimeError:  # outside a request
        return False


def csrf_token() -> str:
    token = session.get("csrf")
    if not token:
        token = secrets.token_urlsafe(32)
        session["csrf"] = token
    return token


def _csrf_ok(sent: str | None) -> bool:
    expected = session.get("csrf")
    return bool(expected and sent and hmac.compare_digest(str(expected), str(sent)))


def login_required(view):  # type: ignore[no-untyped-def]
    """For Flask views outside ``/admin`` that must also be guarded."""

    @wraps(view)
    def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
        if not is_signed_in():
            return _refuse()
        return view(*args, **kwargs)

    return wrapper


def _safe_next(raw: str | None) -> str:
    """Only a local ``/admin`` path: never an open redirect."""
    if not raw:
        return "/admin/import"
    parts = urlsplit(raw)
    if parts.scheme or parts.netloc or not parts.path.startswith(ADMIN_PREFIX) or raw.startswith("//") or "\\" in raw:
        return "/admin/import"
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _refuse() -> Response:
    if request.method == "GET" and not request.path.startswith("/_dash"):
        target = request.full_path.rstrip("?") if request.query_string else request.path
        return redirect(f"{app_root()}/admin/login?next={_quote(target)}", code=302)
    response = jsonify({"error": "Unauthorized", "message": "Sign in at /admin/login first."})
    response.status_code = 401
    return response


def _quote(value: str) -> str:
    from urllib.parse import quote

    return quote(value, safe="/")


def callback_touches_admin(body: Any) -> bool:
    """True when a ``/_dash-update-component`` body writes to an admin component."""
    if not isinstance(body, dict):
        return False
    output = body.get("output")
    if isinstance(output, str) and _ADMIN_OUTPUT.search(output):
        return True
    outputs = body.get("outputs")
    specs = outputs if isinstance(outputs, list) else [outputs]
    for spec in specs:
        if isinstance(spec, dict):
            ident = spec.get("id")
            if isinstance(ident, str) and ident.startswith(ADMIN_ID_PREFIX):
                return True
            if isinstance(ident, dict) and any(str(v).startswith(ADMIN_ID_PREFIX) for v in ident.values()):
                return True
    return False


def _guard() -> Response | None:
    path = request.path
    if path == ADMIN_PREFIX or path.startswith(ADMIN_PREFIX + "/"):
        if path in _OPEN_PATHS or is_signed_in():
            return None
        return _refuse()
    if path.endswith("/_dash-update-component") and request.method == "POST" and not is_signed_in():
        body = request.get_json(silent=True, cache=True)
        if callback_touches_admin(body):
            log.warning("refused an admin callback from %s without a session", request.remote_addr)
            return _refuse()
    return None


# --- the sign-in form ---------------------------------------------------------------------

_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} – Outcome Bees</title><link rel="icon" href="{root}/_favicon.ico">
<link rel="stylesheet" href="{root}/vendor/bootstrap.min.css"><link rel="stylesheet" href="{root}/assets/style.css">
</head><body>
<a class="skip-link" href="#main-content">Skip to main content</a>
<header class="navbar navbar-dark site-header"><div class="container-fluid">
<a class="navbar-brand" href="{root}/"><span class="brand-name">Outcome Bees</span><span class="brand-sub"> Hertfordshire children's services</span></a>
</div></header>
<main id="main-content" tabindex="-1"><div class="container-fluid page-body" style="max-width:40rem">
{body}
</div></main>
<footer class="site-footer"><div class="container-fluid"><p><a href="{root}/accessibility">Accessibility statement</a></p></div></footer>
</body></html>"""


def _login_page(error: str | None = None, status: int = 200, user: str = "") -> Response:
    settings = _settings()
    configured = bool(settings.admin_user and settings.admin_password_hash)
    parts = ["<h1>Sign in to administer Outcome Bees</h1>"]
    if error:
        parts.append(
            '<div class="admin-error" role="alert" tabindex="-1" id="error-summary">'
            f'<h2 class="h5">There is a problem</h2><p>{escape(error)}</p></div>'
        )
    if not configured:
        parts.append(
            "<p>Administration is not set up on this server. Set <code>ADMIN_USER</code> and "
            "<code>ADMIN_PASSWORD_HASH</code> (make one with <code>python -m web.hashpw</code>) and restart.</p>"
        )
    else:
        parts.append(
            "<p>Only administrators can import data. Everything else in Outcome Bees is public and read-only.</p>"
            f'<form method="post" action="{escape(app_root())}/admin/login?next={escape(_quote(_safe_next(request.args.get("next"))))}" novalidate>'
            f'<input type="hidden" name="csrf_token" value="{escape(csrf_token())}">'
            '<div class="mb-3"><label class="form-label fw-bold" for="admin-user">User name</label>'
            f'<input class="form-control" id="admin-user" name="username" type="text" autocomplete="username" spellcheck="false" value="{escape(user)}" required></div>'
            '<div class="mb-3"><label class="form-label fw-bold" for="admin-password">Password</label>'
            '<input class="form-control" id="admin-password" name="password" type="password" autocomplete="current-password" required></div>'
            '<button class="btn btn-primary admin-button" type="submit">Sign in</button></form>'
        )
    response = Response(
        _PAGE.format(title="Sign in", body="".join(parts), root=escape(app_root())), status=status, mimetype="text/html"
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@admin_blueprint.get("/admin/login")
def login_form() -> Response:
    if is_signed_in():
        return redirect(app_root() + _safe_next(request.args.get("next")))
    return _login_page()


def _client_address() -> str:
    return str(request.remote_addr or "unknown")


@admin_blueprint.post("/admin/login")
def login_submit() -> Response:
    from werkzeug.security import check_password_hash

    from data_access import login_attempts

    settings = _settings()
    user = (request.form.get("username") or "").strip()[:100]
    password = request.form.get("password") or ""
    if not _csrf_ok(request.form.get("csrf_token")):
        return _login_page("The form had expired. Please sign in again.", status=400, user=user)
    if not (settings.admin_user and settings.admin_password_hash):
        return _login_page("Administration is not set up on this server.", status=403)

    keys = (f"ip|{_client_address()}", f"user|{user.lower()}")
    window = settings.login_window_seconds
    try:
        limited = any(login_attempts.recent_failures(key, window) >= settings.login_max_attempts for key in keys)
    except Exception:  # noqa: BLE001 - fail closed: no database, no sign-in
        log.exception("could not read sign-in attempts")
        return _login_page("Sign-in is unavailable right now. Please try again later.", status=503, user=user)
    if limited:
        log.warning("sign-in rate limit hit for %s from %s", user, _client_address())
        response = _login_page(f"Too many failed sign-in attempts. Wait {window} seconds and try again.", status=429, user=user)
        response.headers["Retry-After"] = str(window)
        return response

    user_ok = hmac.compare_digest(user.encode(), (settings.admin_user or "").encode())
    stored = settings.admin_password_hash if user_ok else _dummy_hash()
    try:
        password_ok = check_password_hash(stored, password)
    except (ValueError, TypeError):
        password_ok = False
    success = user_ok and password_ok
    try:
        for key in keys:
            login_attempts.record_attempt(key, success)
    except Exception:  # noqa: BLE001
        log.exception("could not record a sign-in attempt")
        return _login_page("Sign-in is unavailable right now. Please try again later.", status=503, user=user)
    if not success:
        log.info("failed sign-in for %r from %s", user, _client_address())
        return _login_page("The user name or password is not right.", status=401, user=user)

    session.clear()
    session.permanent = True
    session["admin_user"] = settings.admin_user
    session["csrf"] = secrets.token_urlsafe(32)
    log.info("administrator %s signed in from %s", user, _client_address())
    return redirect(app_root() + _safe_next(request.args.get("next")))


@admin_blueprint.route("/admin/logout", methods=["GET", "POST"])
def logout() -> Response:
    if request.method == "POST":
        if _csrf_ok(request.form.get("csrf_token")):
            session.clear()
            return redirect(f"{app_root()}/admin/login")
        return _login_page("The form had expired. Please try again.", status=400)
    body = (
        "<h1>Sign out</h1>"
        f'<form method="post" action="{escape(app_root())}/admin/logout">'
        f'<input type="hidden" name="csrf_token" value="{escape(csrf_token())}">'
        '<button class="btn btn-primary admin-button" type="submit">Sign out</button></form>'
    )
    return Response(_PAGE.format(title="Sign out", body=body, root=escape(app_root())), mimetype="text/html")


@admin_blueprint.get("/admin/template.csv")
def native_template() -> Response:
    """The native import template (guarded: everything under /admin needs sign-in)."""
    from settings import PROJECT_ROOT

    path = PROJECT_ROOT / "data_access" / "importers" / "native_template.csv"
    return Response(
        path.read_bytes(),
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="outcome-bees-native-template.csv"'},
    )


def install_admin(server: Flask, settings: Settings) -> None:
    server.register_blueprint(admin_blueprint)
    server.before_request(_guard)
