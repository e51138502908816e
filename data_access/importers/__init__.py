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

from data_access.importers.report import ImportProblem, ImportReport
from data_access.importers.service import import_file

__all__ = ["ImportProblem", "ImportReport", "import_file"]
