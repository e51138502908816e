"""What the import page (``pages/admin_import.py``) may ask of the server, without importing ``web``.

Why a contract here: pages may not import ``web`` or the importers (docs/architecture.md), yet the
import page must check an upload, start an import and read its progress. ``web.import_jobs``
implements ``ImportJobs`` and puts it on the Flask app (``app.extensions[EXTENSION]``); the page
finds it there. Who is signed in is Flask-Login's ``current_user`` (``web.admin`` sets it).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol, cast

from flask import current_app, has_request_context
from flask_login import current_user

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


_LEVEL_WORDS = {
    "county": "council",
    "unitary": "unitary council",
    "district": "district",
    "ward": "ward",
    "msoa": "neighbourhood (MSOA)",
}
_POLARITY_WORDS = {
    "high_is_good": "a higher figure is better",
    "low_is_good": "a lower figure is better",
    "no_judgement": "no figure is better or worse",
}


def plain_note(note: str, names: Mapping[str, str]) -> str | None:
    """An importer note (written for the command line) in words a council analyst uses; None drops it.

    Notes the preview already shows in its own words (areas to be added, the column count) are
    dropped; one this function does not know is shown as it is rather than lost.
    """
    if note.startswith("areas not yet in the area table") or re.match(r"^\d+ indicator column\(s\)", note):
        return None
    if match := re.match(r"^area (\S+) \((.*), (\w+)(?:, parent (\S+))?\) is not in the area table; it will be added$", note):
        code, name, level, _ = match.groups()
        return f"{name} ({code}) is new to Outcome Bees and will be added as a {_LEVEL_WORDS.get(level, level)}."
    if match := re.match(
        r"^(\d+) row\(s\) published under (\S+) \((predecessor[_ ]gss|ons[_ ]4char)[^)]*\); stored as (\S+)$", note
    ):
        rows, old, _, new = match.groups()
        return f"{int(rows):,} rows use {old}, an older code for the area now coded {new}; they are stored under {new}."
    if match := re.match(
        r"^(\d+) row\(s\) published under (DfE LA number|\S+ \(dfe[_ ]la)[^;]*?(\d+)?\)?; stored as (\S+)$", note
    ):
        rows, _, _, new = match.groups()
        return f"{int(rows):,} rows name the council by its DfE number; they are stored under its area code {new}."
    if match := re.match(r"^indicator (\S+): (?:the source says )?polarity (\w+)", note):
        indicator, polarity = match.groups()
        said = _POLARITY_WORDS.get(polarity, polarity)
        if "is kept" in note:
            return f"{names.get(indicator, indicator)}: the publisher says {said}; the setting already stored is kept."
        return f"{names.get(indicator, indicator)}: {said}, as the publisher says."
    if match := re.match(r"^(\d+) row\(s\) repeat an earlier row exactly.*?line (\d+)", note):
        rows, line = match.groups()
        return f"{int(rows):,} rows repeat an earlier row exactly (for example line {line}); each is kept once."
    return note
