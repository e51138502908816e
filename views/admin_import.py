"""What the import page (``pages/admin_import.py``) may ask of the server, without importing ``web``.

Why a contract here: pages may not import ``web`` or the importers (docs/architecture.md), yet the
import page must check an upload, start an import and read its progress. ``web.import_jobs``
implements ``ImportJobs`` and puts it on the Flask app (``app.extensions[EXTENSION]``); the page
finds it there. Who is signed in is Flask-Login's ``current_user`` (``web.admin`` sets it).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol, cast

from flask import current_app

EXTENSION = "outcome_bees.import_jobs"


@dataclass(frozen=True)
class CheckOutcome:
    """The dry run of one upload: ``token`` names the kept upload when the file can be imported."""

    token: str | None
    report: Mapping[str, Any] = field(default_factory=dict)  # ImportReport.as_dict() + indicators_registered
    problems: tuple[str, ...] = ()
    failed: bool = False  # the check itself broke (logged); the person is told nothing technical


class ImportJobs(Protocol):
    def check(self, data: bytes, file_name: str, who: str) -> CheckOutcome: ...

    def start(self, token: str) -> bool:
        """Run a checked upload's import; False when there is no such upload or it already ran."""
        ...

    def status(self, token: str) -> Mapping[str, Any] | None:
        """The job's progress as ``data_access.import_jobs.JobStatus``, from whichever server asks."""
        ...


def import_jobs() -> ImportJobs:
    return cast(ImportJobs, current_app.extensions[EXTENSION])  # installed by web.import_jobs.install_import_jobs


def signed_in_user() -> str | None:
    """The signed-in administrator's name, or None (also outside a request)."""
    from flask import has_request_context
    from flask_login import current_user

    if not has_request_context():
        return None
    try:
        if current_user.is_authenticated:
            return str(current_user.get_id())
    except AttributeError:  # an app without Flask-Login installed
        return None
    return None


def is_signed_in() -> bool:
    return signed_in_user() is not None
