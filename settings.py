"""Runtime configuration, read once from the environment.

Why a frozen dataclass: ``create_app(settings)`` lets tests build an app against their own
database without touching process-wide environment variables.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent
DEFAULT_SQLITE_PATH = PROJECT_ROOT / "instance" / "outcome_bees.db"
DEFAULT_DATABASE_URL = f"sqlite:///{DEFAULT_SQLITE_PATH}"


def normalise_prefix(value: str | None) -> str:
    """``URL_PREFIX`` as Dash wants it: one leading and one trailing slash (``/`` when unset), so
    ``dashboards/outcome-bees`` and ``/dashboards/outcome-bees/`` mean the same thing."""
    parts = [part for part in (value or "").strip().split("/") if part]
    return "/" + "".join(f"{part}/" for part in parts)


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.replace(",", " ").split() if part.strip())


def _non_negative_int(name: str, value: str) -> int:
    try:
        number = int(value.strip() or "0")
    except ValueError:
        raise ValueError(f"{name} must be a whole number, not {value!r}") from None
    if number < 0:
        raise ValueError(f"{name} must be 0 or more, not {number}")
    return number


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    debug: bool = False
    redis_url: str | None = None
    cache_dir: str = str(PROJECT_ROOT / "instance" / "cache")
    embed_allowed_origins: tuple[str, ...] = field(default_factory=tuple)
    # No fixed default: a known key would let anyone forge an admin session. Without SECRET_KEY a
    # random key is made per process (gunicorn's preload shares it with its workers); set it for
    # several servers or for sessions that survive a restart.
    secret_key: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    admin_user: str | None = None
    admin_password_hash: str | None = None
    upload_max_bytes: int = 60 * 1024 * 1024
    # security (web/admin.py, docs/security.md)
    session_cookie_secure: bool = True
    import_database_url: str | None = None  # writer role for /admin imports; default: database_url
    upload_dir: str = str(PROJECT_ROOT / "instance" / "uploads")  # scratch: the copy the importer reads while it runs
    login_max_attempts: int = 5  # failed sign-ins allowed per user+address per window
    login_window_seconds: int = 60
    rate_limit_key_prefix: str = "ob-login"  # Flask-Limiter's keys (in Redis when REDIS_URL is set)
    # hosting (docs/deploy.md): the public path the whole app lives under, and how many proxies in
    # front may set X-Forwarded-For/-Proto/-Host/-Prefix (0: those headers are ignored)
    url_prefix: str = "/"
    trusted_proxies: int = 0
    # whose product it is (views/home.py): a council's GSS code; app.create_app refuses anything else
    home_area: str = "E10000015"

    def __post_init__(self) -> None:
        # Settings(url_prefix="dashboards/x") in a test means the same as URL_PREFIX=dashboards/x
        object.__setattr__(self, "url_prefix", normalise_prefix(self.url_prefix))
        object.__setattr__(self, "home_area", (self.home_area or "").strip().upper())

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        env = os.environ
        # one value per field, each of its own field's type: the dataclass constructor checks the names
        values: dict[str, Any] = {
            "database_url": env.get("DATABASE_URL", DEFAULT_DATABASE_URL),
            "debug": env.get("DASH_DEBUG", "0") in {"1", "true", "True"},
            "redis_url": env.get("REDIS_URL") or None,
            "cache_dir": env.get("CACHE_DIR", str(PROJECT_ROOT / "instance" / "cache")),
            "embed_allowed_origins": _split(env.get("EMBED_ALLOWED_ORIGINS", "")),
            "secret_key": env.get("SECRET_KEY") or secrets.token_urlsafe(32),
            "admin_user": env.get("ADMIN_USER") or None,
            "admin_password_hash": env.get("ADMIN_PASSWORD_HASH") or None,
            "session_cookie_secure": env.get("SESSION_COOKIE_SECURE", "1") not in {"0", "false", "False"},
            "import_database_url": env.get("IMPORT_DATABASE_URL") or None,
            "upload_dir": env.get("UPLOAD_DIR", str(PROJECT_ROOT / "instance" / "uploads")),
            "url_prefix": normalise_prefix(env.get("URL_PREFIX")),
            "trusted_proxies": _non_negative_int("TRUSTED_PROXIES", env.get("TRUSTED_PROXIES", "0")),
            "home_area": env.get("HOME_AREA") or "E10000015",
        }
        values.update(overrides)
        return cls(**values)
