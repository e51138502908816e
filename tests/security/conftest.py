"""An app with administration configured, on its own migrated SQLite copy of the seed.

Its own file (not the shared seeded database) because uploads write ``import_job`` rows and
imports write observations.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from werkzeug.security import generate_password_hash

ADMIN_USER = "admin"
ADMIN_PASSWORD = "correct horse battery staple"
# a cheap hash method keeps the tests fast; production hashes come from `python -m web.hashpw` (scrypt)
ADMIN_HASH = generate_password_hash(ADMIN_PASSWORD, method="pbkdf2:sha256:1000")


@pytest.fixture
def admin_settings(writable_sqlite_copy: str, tmp_path: Path):
    from settings import Settings

    return Settings(
        database_url=writable_sqlite_copy,
        cache_dir=str(tmp_path / "cache"),
        admin_user=ADMIN_USER,
        admin_password_hash=ADMIN_HASH,
        upload_dir=str(tmp_path / "uploads"),
        session_cookie_secure=False,
    )


TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def redis_available(url: str = TEST_REDIS_URL) -> tuple[bool, str]:
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1).ping()
    except Exception as error:  # noqa: BLE001 - any failure means: no Redis to test against
        return False, f"Redis is not reachable at {url} ({type(error).__name__}); set TEST_REDIS_URL"
    return True, ""


@pytest.fixture
def redis_url() -> str:
    """A reachable Redis (the tests keep apart by unique key prefixes and never flush it)."""
    ok, reason = redis_available()
    if not ok:
        pytest.skip(reason)
    return TEST_REDIS_URL


@pytest.fixture
def admin_app(admin_settings):
    from app import create_app

    return create_app(admin_settings)


@pytest.fixture
def admin_client(admin_app):
    return admin_app.server.test_client()


def csrf_from(client, path: str = "/admin/login") -> str:
    import re

    page = client.get(path).get_data(as_text=True)
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found, page[:500]
    return found.group(1)


def sign_in(client, password: str = ADMIN_PASSWORD, user: str = ADMIN_USER, next_path: str | None = None):
    token = csrf_from(client)
    url = "/admin/login" + (f"?next={next_path}" if next_path else "")
    return client.post(url, data={"username": user, "password": password, "csrf_token": token})
