"""Sign-in attempts for the ``/admin`` rate limit, kept in the database (shared by every worker).

Why the database and not process memory: gunicorn runs several worker processes, and a
limit held in one worker's memory is no limit at all. On PostgreSQL the read-only web role
is granted INSERT/SELECT/DELETE on this one table (scripts/pg_roles.sql).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, func, select

from data_access.database import Database, current
from data_access.models import LoginAttempt


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def recent_failures(key: str, window_seconds: int, db: Database | None = None) -> int:
    """Failed attempts for ``key`` within the last ``window_seconds``."""
    db = db or current()
    since = _now() - dt.timedelta(seconds=window_seconds)
    with db.read() as session:
        return int(
            session.scalar(
                select(func.count())
                .select_from(LoginAttempt)
                .where(LoginAttempt.key == key[:200], LoginAttempt.attempted_at >= since, LoginAttempt.succeeded.is_(False))
            )
            or 0
        )


def record_attempt(key: str, succeeded: bool, db: Database | None = None, keep_days: int = 7) -> None:
    """Store one attempt; a success clears the key's failures; old rows are pruned."""
    db = db or current()
    now = _now()
    with db.write() as session:
        if succeeded:
            session.execute(delete(LoginAttempt).where(LoginAttempt.key == key[:200], LoginAttempt.succeeded.is_(False)))
        session.execute(delete(LoginAttempt).where(LoginAttempt.attempted_at < now - dt.timedelta(days=keep_days)))
        session.add(LoginAttempt(key=key[:200], attempted_at=now, succeeded=succeeded))
