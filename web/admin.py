"""Sign-in for the administration pages: ``/admin/login``, ``/admin/logout`` and the guard.

Everything outside ``/admin`` is read-only and public. Everything under ``/admin`` — Flask
routes and Dash pages alike — needs a signed-in administrator:

* a ``before_request`` hook redirects (GET) or refuses (401) any ``/admin…`` request without
  a signed-in session, and refuses ``/_dash-update-component`` calls whose outputs belong to
  admin components (ids starting ``admin-``), so the import callbacks cannot be driven
  directly;
* credentials come from configuration (``ADMIN_USER``, ``ADMIN_PASSWORD_HASH`` made with
  ``python -m web.hashpw``); the password is only ever compared with werkzeug's hash check;
  the signed-in session is Flask-Login's;
* failed attempts are counted by Flask-Limiter: after ``login_max_attempts`` failures in
  ``login_window_seconds`` from one address (or for one user name) the form answers 429 until the
  window passes. The count lives in Redis when ``REDIS_URL`` is set (shared by every worker and
  server), else in the process's memory (docs/security.md says what that means);
* every form POST carries a Flask-WTF CSRF token. Dash's own ``/_dash-update-component`` POSTs are
  exempt: they are JSON-only (a cross-site form cannot send ``application/json`` without a CORS
  preflight, which is never granted) and the session cookie is ``SameSite=Lax``, so a cross-site
  page cannot make them with the administrator's session.
"""

from __future__ import annotations

import hmac
import logging
import re
import secrets
from collections.abc import Callable
from functools import lru_cache, wraps
from typing import Any, ParamSpec, TypeVar
from urllib.parse import quote, urlsplit

from flask import Blueprint, Flask, Response, current_app, jsonify, redirect, render_template, request, session
from flask_limiter import Limiter
from flask_limiter.errors import RateLimitExceeded
from flask_limiter.util import get_remote_address
from flask_login import LoginManager, UserMixin, login_user, logout_user
from flask_wtf import FlaskForm
from flask_wtf.csrf import CSRFError, CSRFProtect
from limits.errors import StorageError
from werkzeug.security import check_password_hash, generate_password_hash
from werkzeug.wrappers import Response as BaseResponse
from wtforms import PasswordField, StringField

from components.paths import app_root
from components.routes import url_for
from settings import PROJECT_ROOT, Settings
from views.admin_import import is_signed_in, signed_in_user
from views.home import home_name
from web.admin_plans import plans_blueprint
from web.session import writer_database

__all__ = ["install_admin", "is_signed_in", "signed_in_user", "writer_database", "login_required", "AdminUser"]

log = logging.getLogger("outcome_bees.admin")

ADMIN_PREFIX = "/admin"
ADMIN_ID_PREFIX = "admin-"
_OPEN_PATHS = {url_for("admin-login")}
# a Dash output spec names component ids: "id.prop", "..id1.prop...id2.prop..", or JSON for pattern ids
_ADMIN_OUTPUT = re.compile(r'(?:^|\.\.\.?|")' + re.escape(ADMIN_ID_PREFIX))
_UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}

P = ParamSpec("P")
R = TypeVar("R")


class AdminUser(UserMixin):
    """The one configured administrator, as Flask-Login wants a user."""

    def __init__(self, name: str) -> None:
        self.id = name


class LoginForm(FlaskForm):
    """The sign-in form; its CSRF token is checked by ``CSRFProtect`` before the view runs."""

    class Meta:
        csrf = False  # CSRFProtect (installed below) checks every form POST already

    username = StringField("User name")
    password = PasswordField("Password")


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """A real hash to check unknown user names against, so timing does not reveal them."""
    return generate_password_hash(secrets.token_urlsafe(16))


def _settings() -> Settings:
    settings: Settings = current_app.config["OUTCOME_BEES_SETTINGS"]
    return settings


def login_required(view: Callable[P, R]) -> Callable[P, R | BaseResponse]:
    """For Flask views outside ``/admin`` that must also be guarded."""

    @wraps(view)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R | BaseResponse:
        if not is_signed_in():
            return _refuse()
        return view(*args, **kwargs)

    return wrapper


def _safe_next(raw: str | None) -> str:
    """Only a local ``/admin`` path: never an open redirect."""
    if not raw:
        return url_for("admin-import")
    parts = urlsplit(raw)
    if parts.scheme or parts.netloc or not parts.path.startswith(ADMIN_PREFIX) or raw.startswith("//") or "\\" in raw:
        return url_for("admin-import")
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _refuse() -> BaseResponse:
    if request.method == "GET" and not request.path.startswith("/_dash"):
        target = request.full_path.rstrip("?") if request.query_string else request.path
        return redirect(f"{app_root()}/admin/login?next={quote(target, safe='/')}", code=302)
    response = jsonify({"error": "Unauthorized", "message": "Sign in at /admin/login first."})
    response.status_code = 401
    return response


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


def _is_dash_callback() -> bool:
    return request.path.endswith("/_dash-update-component")


def _guard() -> BaseResponse | None:
    path = request.path
    if path == ADMIN_PREFIX or path.startswith(ADMIN_PREFIX + "/"):
        if path in _OPEN_PATHS or is_signed_in():
            return None
        return _refuse()
    if _is_dash_callback() and request.method == "POST" and not is_signed_in():
        body = request.get_json(silent=True, cache=True)
        if callback_touches_admin(body):
            log.warning("refused an admin callback from %s without a session", request.remote_addr)
            return _refuse()
    return None


# --- pages ----------------------------------------------------------------------------------


def _no_store(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    return response


def _login_page(form: LoginForm | None = None, error: str | None = None, status: int = 200) -> Response:
    settings = _settings()
    html = render_template(
        "admin/login.html",
        form=form or LoginForm(),
        error=error,
        configured=bool(settings.admin_user and settings.admin_password_hash),
        # say why the form appeared: the import page sends signed-out visitors here
        from_import=_safe_next(request.args.get("next")).startswith(url_for("admin-import")) and "next" in request.args,
        action=app_root() + "/admin/login?next=" + quote(_safe_next(request.args.get("next")), safe="/"),
    )
    return _no_store(Response(html, status=status, mimetype="text/html"))


def _client_address() -> str:
    return str(get_remote_address() or "unknown")


def _form_user() -> str:
    return (request.form.get("username") or "").strip()[:100]


def _failed(response: Response) -> bool:
    """Only a wrong user name or password counts towards the limit."""
    return response.status_code == 401


def login_form() -> BaseResponse:
    if is_signed_in():
        return redirect(app_root() + _safe_next(request.args.get("next")))
    return _login_page()


def login_submit() -> BaseResponse:
    """POST /admin/login (registered with its rate limits in ``install_admin``)."""
    settings = _settings()
    form = LoginForm()
    user = _form_user()
    password = form.password.data or ""
    if not (settings.admin_user and settings.admin_password_hash):
        return _login_page(error="Administration is not set up on this server.", status=403)

    user_ok = hmac.compare_digest(user.encode(), settings.admin_user.encode())
    stored = settings.admin_password_hash if user_ok else _dummy_hash()
    try:
        password_ok = check_password_hash(stored, password)
    except (ValueError, TypeError):
        password_ok = False
    if not (user_ok and password_ok):
        log.info("failed sign-in for %r from %s", user, _client_address())
        return _login_page(form, error="The user name or password is not right.", status=401)

    session.clear()  # a fresh session (and CSRF token) after sign-in: no fixation
    session.permanent = True
    login_user(AdminUser(settings.admin_user))
    log.info("administrator %s signed in from %s", user, _client_address())
    return redirect(app_root() + _safe_next(request.args.get("next")))


def logout() -> BaseResponse:
    if request.method == "POST":  # the CSRF token was checked before the view runs
        logout_user()
        session.clear()
        return redirect(f"{app_root()}/admin/login")
    return _no_store(Response(render_template("admin/logout.html"), mimetype="text/html"))


def native_template() -> Response:
    """The native import template (guarded: everything under /admin needs sign-in)."""
    path = PROJECT_ROOT / "data_access" / "importers" / "native_template.csv"
    return Response(
        path.read_bytes(),
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="outcome-bees-native-template.csv"'},
    )


def _csrf_refused(_error: CSRFError) -> Response:
    if request.path == url_for("admin-login"):
        return _login_page(LoginForm(), error="The form had expired. Please sign in again.", status=400)
    return _login_page(error="The form had expired. Please try again.", status=400)


def _rate_limited(_error: RateLimitExceeded) -> Response:
    """The sign-in page with 429 (a blueprint handler, so the app-wide HTTPException page does not replace it)."""
    window = _settings().login_window_seconds
    log.warning("sign-in rate limit hit for %r from %s", _form_user(), _client_address())
    response = _login_page(
        LoginForm(), error=f"Too many failed sign-in attempts. Wait {window} seconds and try again.", status=429
    )
    response.headers["Retry-After"] = str(max(1, window))
    return response


def _limit_unavailable(_error: StorageError) -> Response:
    """Redis (the rate limit's storage) is down: fail closed, no sign-in without the limit."""
    log.exception("the sign-in rate limit's storage is unavailable")
    return _login_page(LoginForm(), error="Sign-in is unavailable right now. Please try again later.", status=503)


# --- wiring ---------------------------------------------------------------------------------


def _limiter(server: Flask, settings: Settings) -> Limiter:
    """One limiter per app: Redis storage when ``REDIS_URL`` is set, else this process's memory."""
    limiter = Limiter(
        get_remote_address,
        storage_uri=settings.redis_url or "memory://",
        strategy="moving-window",
        key_prefix=settings.rate_limit_key_prefix,
        storage_options={
            "wrap_exceptions": True,
            **({"socket_timeout": 2, "socket_connect_timeout": 2} if settings.redis_url else {}),
        },
    )
    limiter.init_app(server)
    return limiter


def _rate(settings: Settings) -> str:
    return f"{settings.login_max_attempts} per {settings.login_window_seconds} second"


def _blueprint(limiter: Limiter, settings: Settings) -> Blueprint:
    """Built per app: the sign-in POST carries this app's limiter (tests build several apps per process)."""
    rate = _rate(settings)
    per_user = limiter.limit(rate, key_func=lambda: f"user|{_form_user().lower()}", deduct_when=_failed)
    per_address = limiter.limit(rate, key_func=_client_address, deduct_when=_failed)
    blueprint = Blueprint("admin", __name__, template_folder="templates")
    blueprint.add_url_rule("/admin/login", "login_form", login_form, methods=["GET"])
    blueprint.add_url_rule("/admin/login", "login_submit", per_address(per_user(login_submit)), methods=["POST"])
    blueprint.add_url_rule("/admin/logout", "logout", logout, methods=["GET", "POST"])
    blueprint.add_url_rule("/admin/template.csv", "native_template", native_template, methods=["GET"])
    blueprint.register_error_handler(CSRFError, _csrf_refused)
    blueprint.register_error_handler(RateLimitExceeded, _rate_limited)
    blueprint.register_error_handler(StorageError, _limit_unavailable)
    return blueprint


def install_admin(server: Flask, settings: Settings) -> None:
    server.config["WTF_CSRF_CHECK_DEFAULT"] = False  # checked in _protect, after the sign-in guard
    server.config["WTF_CSRF_TIME_LIMIT"] = server.config.get("PERMANENT_SESSION_LIFETIME")
    csrf = CSRFProtect(server)

    login_manager = LoginManager(server)
    # No session protection. Its "basic" mode never signs anyone out of our (permanent) sessions;
    # it only writes "_fresh": False into any session without its identifier whenever the sign-in
    # state is read, which made the answer to a callback sent before signing in carry the old
    # session back and replace the signed-in one (nothing here uses freshness).
    login_manager.session_protection = None

    @login_manager.user_loader
    def _load_user(user_id: str) -> AdminUser | None:
        configured = settings.admin_user
        if configured and settings.admin_password_hash and hmac.compare_digest(str(user_id), configured):
            return AdminUser(configured)
        return None

    server.register_blueprint(_blueprint(_limiter(server, settings), settings))

    server.register_blueprint(plans_blueprint())

    @server.context_processor
    def _hosting() -> dict[str, str]:
        """The sign-in templates' links start with the app's public path (URL_PREFIX); the header
        names the home council (HOME_AREA)."""
        return {"root": app_root(), "home_name": home_name()}

    def _protect() -> None:
        if request.method in _UNSAFE_METHODS and not _is_dash_callback():
            csrf.protect()

    server.before_request(_guard)
    server.before_request(_protect)
