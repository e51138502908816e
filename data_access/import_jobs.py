"""Where ``/admin/import`` keeps an upload and its import's progress: one interface, two backends.

Why not the local disk: behind a load balancer the upload, the "Import this file" click and every
progress poll can each reach a different server (docs/deploy.md). So the file and the job's state
live where every server sees them: the database (``import_job``) by default, or Redis when
``REDIS_URL`` is set (no large rows in the database, and expiry for free).

On SQLite the job table lives in a small database file of its own beside the main one
(``job_database``): SQLite has one writer at a time, and an import holds the write lock for its
whole transaction, so progress written to the main file waited for the import that was reporting
it and failed it after the 30 s busy timeout ("database is locked"). The side file has its own
lock, every worker process on the machine sees it, and the import's transaction stays one
transaction (a failure still writes nothing). PostgreSQL locks rows, so its jobs stay in
``import_job`` beside the data.

A job moves ``checked`` (uploaded and dry-run clean) → ``running`` (claimed by exactly one server)
→ ``finished`` or ``failed``; the upload is dropped once the import has run.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
import uuid
from pathlib import Path
from typing import Any, Protocol, TypedDict, cast

from sqlalchemy import delete, select, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from data_access.database import Database
from data_access.models import Base, ImportJob

TOKEN = re.compile(r"^[0-9a-f]{32}$")
KEEP_SECONDS = 24 * 3600
RESULT_KEYS = frozenset({"ok", "report", "problems", "message"})  # what finish() adds to the progress fields


class JobStatus(TypedDict, total=False):
    """What a progress poll reads; JSON-safe so both backends store it as is."""

    state: str  # checked | running | finished | failed
    stage: str  # read | validate | write | done
    done: int
    total: int
    ok: bool
    report: dict[str, Any]
    problems: list[str]
    message: str
    file_name: str
    created_by: str
    updated_at: float  # seconds since the epoch: lets a poll notice a job whose server went away


class ImportJobStore(Protocol):
    def create(self, data: bytes, file_name: str, who: str) -> str:
        """Keep an upload that passed its dry run; return the job's token."""
        ...

    def upload(self, token: str) -> bytes | None: ...

    def claim(self, token: str) -> bool:
        """``checked`` → ``running``; True for exactly one caller, so a job never runs twice."""
        ...

    def progress(self, token: str, stage: str, done: int, total: int) -> None: ...

    def finish(self, token: str, outcome: JobStatus) -> None:
        """Record the outcome (``state`` finished or failed) and drop the upload."""
        ...

    def status(self, token: str) -> JobStatus | None: ...


def valid_token(token: object) -> bool:
    """Tokens are generated here; anything else (a path, a forged string) names no job."""
    return isinstance(token, str) and bool(TOKEN.match(token))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _epoch(moment: dt.datetime) -> float:
    return moment.replace(tzinfo=dt.UTC).timestamp()


class DatabaseJobStore:
    """``import_job`` rows, written through the writer role (``IMPORT_DATABASE_URL``)."""

    def __init__(self, db: Database, keep_seconds: int = KEEP_SECONDS) -> None:
        self.db = db
        self.keep_seconds = keep_seconds

    def create(self, data: bytes, file_name: str, who: str) -> str:
        token = uuid.uuid4().hex
        now = _now()
        with self.db.write() as session:
            session.execute(delete(ImportJob).where(ImportJob.updated_at < now - dt.timedelta(seconds=self.keep_seconds)))
            session.add(
                ImportJob(
                    id=token,
                    status="checked",
                    stage="",
                    done=0,
                    total=0,
                    file_name=file_name[:255],
                    created_by=who[:100],
                    upload=data,
                    created_at=now,
                    updated_at=now,
                )
            )
        return token

    def upload(self, token: str) -> bytes | None:
        if not valid_token(token):
            return None
        with self.db.read() as session:
            return session.scalar(select(ImportJob.upload).where(ImportJob.id == token))

    def claim(self, token: str) -> bool:
        if not valid_token(token):
            return False
        with self.db.write() as session:
            claimed = session.execute(
                update(ImportJob)
                .where(ImportJob.id == token, ImportJob.status == "checked")
                .values(status="running", stage="read", done=0, total=1, updated_at=_now())
                .returning(ImportJob.id)
            ).first()
        return claimed is not None

    def progress(self, token: str, stage: str, done: int, total: int) -> None:
        with self.db.write() as session:
            session.execute(
                update(ImportJob)
                .where(ImportJob.id == token, ImportJob.status == "running")
                .values(stage=stage[:20], done=done, total=total, updated_at=_now())
            )

    def finish(self, token: str, outcome: JobStatus) -> None:
        result = {key: value for key, value in outcome.items() if key in RESULT_KEYS}
        with self.db.write() as session:
            session.execute(
                update(ImportJob)
                .where(ImportJob.id == token)
                .values(status=outcome.get("state", "failed"), stage="done", result=result, upload=None, updated_at=_now())
            )

    def status(self, token: str) -> JobStatus | None:
        if not valid_token(token):
            return None
        with self.db.read() as session:
            row = session.get(ImportJob, token)
            if row is None:
                return None
            status: dict[str, object] = {
                "state": row.status,
                "stage": row.stage,
                "done": row.done,
                "total": row.total,
                "file_name": row.file_name,
                "created_by": row.created_by,
                "updated_at": _epoch(row.updated_at),
            }
            status.update(row.result or {})
            return cast(JobStatus, status)  # the result column holds what finish() stored from a JobStatus


class RedisJobStore:
    """Two keys per job (state as JSON, upload as bytes), both expiring after ``keep_seconds``."""

    def __init__(self, client: Any, keep_seconds: int = KEEP_SECONDS, prefix: str = "ob:import-job:") -> None:
        self.client = client
        self.keep_seconds = keep_seconds
        self.prefix = prefix

    def _state_key(self, token: str) -> str:
        return f"{self.prefix}{token}"

    def _upload_key(self, token: str) -> str:
        return f"{self.prefix}{token}:upload"

    def _write(self, token: str, status: JobStatus) -> None:
        status["updated_at"] = time.time()
        self.client.set(self._state_key(token), json.dumps(status), ex=self.keep_seconds)

    def create(self, data: bytes, file_name: str, who: str) -> str:
        token = uuid.uuid4().hex
        self.client.set(self._upload_key(token), data, ex=self.keep_seconds)
        self._write(token, JobStatus(state="checked", stage="", done=0, total=0, file_name=file_name[:255], created_by=who[:100]))
        return token

    def upload(self, token: str) -> bytes | None:
        if not valid_token(token):
            return None
        data = self.client.get(self._upload_key(token))
        return bytes(data) if data is not None else None

    def claim(self, token: str) -> bool:
        current = self.status(token)
        if current is None or current.get("state") != "checked":
            return False
        # SET NX on a claim key is atomic across servers: only the first caller gets True
        if not self.client.set(f"{self._state_key(token)}:claim", "1", nx=True, ex=self.keep_seconds):
            return False
        current.update(JobStatus(state="running", stage="read", done=0, total=1))
        self._write(token, current)
        return True

    def progress(self, token: str, stage: str, done: int, total: int) -> None:
        current = self.status(token)
        if current is None or current.get("state") != "running":
            return
        current.update(JobStatus(stage=stage, done=done, total=total))
        self._write(token, current)

    def finish(self, token: str, outcome: JobStatus) -> None:
        current = self.status(token) or JobStatus()
        current.update(outcome)
        current.setdefault("state", "failed")
        current["stage"] = "done"
        self._write(token, current)
        self.client.delete(self._upload_key(token))

    def status(self, token: str) -> JobStatus | None:
        if not valid_token(token):
            return None
        raw = self.client.get(self._state_key(token))
        if raw is None:
            return None
        loaded = json.loads(raw)
        return cast(JobStatus, loaded) if isinstance(loaded, dict) else None  # written by _write() from a JobStatus


JOBS_SUFFIX = "-import-jobs.sqlite3"


def job_database(db: Database) -> Database:
    """Where ``db``'s import jobs are kept: ``db`` itself, or for a SQLite file a side file beside it.

    The side file's one table is created here (not by Alembic): it holds only jobs of the last
    24 hours, so it is scratch state, not part of the schema the migrations version.
    """
    url = make_url(db.url)
    if db.backend != "sqlite" or not url.database or url.database == ":memory:":
        return db
    # a URI filename (``file:/path?mode=ro&uri=true``) names the same file; the side file is plain
    # scratch state, so it drops the main file's query (a read-only main file still gets a writable
    # job table, and the import itself is refused cleanly when it writes)
    main = Path(url.database.removeprefix("file:"))
    side = url.set(database=str(main.with_name(main.name + JOBS_SUFFIX)), query={})
    jobs = Database(side.render_as_string(hide_password=False))
    try:
        Base.metadata.tables[ImportJob.__tablename__].create(jobs.engine, checkfirst=True)
    except SQLAlchemyError:
        return db  # no writable folder beside the database: keep the jobs in it, as before the side file
    return jobs


def job_store(db: Database, redis_url: str | None = None) -> ImportJobStore:
    """Redis when ``REDIS_URL`` is set, else the database (on SQLite its side file, ``job_database``)."""
    if redis_url:
        # deferred: the Redis client loads only where REDIS_URL is set (about 0.4 s of start-up otherwise)
        import redis

        return RedisJobStore(redis.Redis.from_url(redis_url, socket_timeout=5, socket_connect_timeout=5))
    return DatabaseJobStore(job_database(db))
