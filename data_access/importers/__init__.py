"""File imports: Fingertips, DfE EES tidy data, ONS Explore Local Statistics and our native CSV.

The public API is :func:`data_access.importers.service.import_file`, which returns an
:class:`~data_access.importers.report.ImportReport` and never raises for bad data: every
problem is reported with its line and column, and nothing is written unless the whole file
is valid.

Every format goes through the same steps (``service.import_file``): read (``csv_read``: the
file as text cells), normalise (the format's ``parse``, built from ``normalise``, ``cells``
and ``labels``), validate (``validate``) and write (``writer``, one transaction). The
report types live in ``report``; ``common`` re-exports all of these under the old path.
"""

from typing import Any

from data_access.importers.report import ImportProblem, ImportReport

__all__ = ["ImportProblem", "ImportReport", "import_file"]


def import_file(*args: Any, **kwargs: Any) -> ImportReport:
    """``service.import_file``, loaded on first use (it pulls in pandas and every format)."""
    from data_access.importers.service import import_file as _import_file

    return _import_file(*args, **kwargs)
