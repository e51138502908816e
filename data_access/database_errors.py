"""What to tell a person when the database refuses: one line they can act on.

Why its own module: the command line, the pages' write functions (``data_access.writes``) and the
admin import jobs (``web.import_jobs``) all meet the same failures, and the write paths sit under
the command line, never on top of it (an import-linter contract keeps ``data_access.__main__`` a leaf).
"""

from __future__ import annotations

from sqlalchemy.exc import OperationalError, ProgrammingError


def describe_database_error(error: BaseException) -> str | None:
    """One line a person can act on for the database errors a CLI user meets; None otherwise."""
    if not isinstance(error, (OperationalError, ProgrammingError)):
        return None
    detail = str(getattr(error, "orig", error)).strip().splitlines()[0]
    lowered = detail.lower()
    if "no such table" in lowered or "does not exist" in lowered and "relation" in lowered:
        return f"the database schema is missing or out of date ({detail}); run `python -m data_access migrate` first"
    if "readonly" in lowered or "read-only" in lowered or "permission denied" in lowered:
        return f"the database refused to write ({detail}); check the file or role permissions"
    if "disk" in lowered and "full" in lowered:
        return f"the database disk is full ({detail})"
    return f"cannot reach the database: {detail}"
