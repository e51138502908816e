"""Runs ``/admin/import`` jobs: the dry-run check, the import itself, and progress for any server.

The upload and the job's state live in ``data_access.import_jobs`` (the database, or Redis when
``REDIS_URL`` is set), so the check, the "Import this file" click and each progress poll may land
on different servers. The import runs on a worker thread of the server that took the click.

Why a thread pool and not RQ, Celery or Dash background callbacks: a queue needs a separate
always-running worker process on every deployment (measured: a Python process that has imported
the importers holds 157 MB resident before it does anything), and Redis becomes mandatory for imports;
background callbacks with the diskcache manager keep progress on one machine's disk, and with
Celery need the same extra worker. An import is rare (an administrator, a few times a month),
takes seconds, and writes in one transaction, so running it where it was started costs nothing
that matters; what had to be shared was the state, and that is what moved. If the server dies
mid-import the transaction rolls back and the job, no longer updated, is reported as stopped.
"""

from __future__ import annotations

import logging
import re
import tempfile
import time
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from flask import Flask

from data_access.database import Database
from data_access.import_jobs import ImportJobStore, JobStatus, job_store
from data_access.writes import describe_database_error, import_file
from settings import Settings
from views.admin_import import EXTENSION, CheckOutcome

log = logging.getLogger("outcome_bees.admin.import")

MAX_PROBLEMS_SHOWN = 50
# no progress for this long means the server running the import went away (its transaction rolled back)
STALE_SECONDS = 15 * 60
PROGRESS_EVERY_SECONDS = 0.3
_UNSAFE = re.compile(r"[^A-Za-z0-9 ._()-]+")


def kept_name(file_name: str) -> str:
    """The name the importer reads the upload under: the person's own file name, made safe.

    Why not a random name: a file's name is part of its identity (an EES data set's indicator ids
    are ``ees-<file name>-<column>``, ``data_access.importers.ees.data_set``) and of the source it is
    recorded under, so the check, the import and a later re-import must all see the same name.
    Only the base name is kept (no folders), in a fresh temporary folder of its own.
    """
    base = re.split(r"[\\/]", file_name or "")[-1]
    stem = _UNSAFE.sub("_", base[:-4] if base.lower().endswith(".csv") else base).strip(" ._")[:120]
    return f"{stem or 'upload'}.csv"


class ImportJobService:
    """``views.admin_import.ImportJobs`` for one app."""

    def __init__(self, settings: Settings, store: ImportJobStore | None = None) -> None:
        self.settings = settings
        self.db = Database(settings.import_database_url or settings.database_url)
        self.store = store or job_store(self.db, settings.redis_url)
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="import")

    def _scratch(self) -> Path:
        """Where the importer reads the file from while it runs (a copy; deleted straight after)."""
        folder = Path(self.settings.upload_dir).resolve()
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def check(self, data: bytes, file_name: str, who: str) -> CheckOutcome:
        try:
            with tempfile.TemporaryDirectory(dir=self._scratch()) as folder:
                path = Path(folder) / kept_name(file_name)
                path.write_bytes(data)
                report = import_file(self.db, path, dry_run=True)
        except Exception:  # details to the log, a plain message to the person
            log.exception("dry run failed for an upload by %s", who)
            return CheckOutcome(token=None, failed=True)
        summary = report.as_dict()
        summary["indicators_registered"] = list(report.indicators_registered)
        problems = tuple(str(problem) for problem in report.problems)
        if problems:
            return CheckOutcome(token=None, report=summary, problems=problems)
        try:
            token = self.store.create(data, file_name, who)
        except Exception:
            log.exception("could not keep an upload by %s", who)
            return CheckOutcome(token=None, failed=True)
        return CheckOutcome(token=token, report=summary)

    def start(self, token: str) -> bool:
        if not self.store.claim(token):
            return False
        self.executor.submit(self._run, token)
        return True

    def status(self, token: str) -> Mapping[str, Any] | None:
        status = self.store.status(token)
        if status and status.get("state") == "running" and time.time() - status.get("updated_at", time.time()) > STALE_SECONDS:
            return JobStatus(
                state="failed",
                message="The import stopped (the server running it went away) and nothing was written. Please upload the file again.",
            )
        return status

    def _run(self, token: str) -> None:
        last = [0.0]

        def progress(stage: str, done: int, total: int) -> None:
            now = time.monotonic()
            if now - last[0] > PROGRESS_EVERY_SECONDS or stage == "done":
                last[0] = now
                self.store.progress(token, stage, done, total)

        try:
            data = self.store.upload(token)
            job = self.store.status(token) or JobStatus()
            if data is None:
                self.store.finish(
                    token, JobStatus(state="failed", message="The upload was no longer there. Please choose the file again.")
                )
                return
            with tempfile.TemporaryDirectory(dir=self._scratch()) as folder:
                path = Path(folder) / kept_name(str(job.get("file_name") or ""))
                path.write_bytes(data)
                who = str(job.get("created_by") or "") or None  # the signed-in administrator who checked it
                report = import_file(self.db, path, dry_run=False, progress=progress, imported_by=who)
            self.store.finish(
                token,
                JobStatus(
                    state="finished",
                    ok=report.ok,
                    report=report.as_dict(),
                    problems=[str(p) for p in report.problems[:MAX_PROBLEMS_SHOWN]],
                ),
            )
        except Exception as error:
            log.exception("import job %s failed", token)
            message = describe_database_error(error) or "a problem on our side (logged)"
            try:
                self.store.finish(
                    token, JobStatus(state="failed", message=f"The import failed and nothing was written: {message}.")
                )
            except Exception:  # the store itself is down; the poll will report the job as stopped
                log.exception("could not record the failure of import job %s", token)


def install_import_jobs(server: Flask, settings: Settings) -> None:
    server.extensions[EXTENSION] = ImportJobService(settings)
