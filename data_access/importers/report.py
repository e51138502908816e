"""The importers' vocabulary: what a parser hands on, what an import reports, and the problems.

Kept apart from reading and cell parsing so the CLI, the admin pages and the API fetchers can
use the report types without loading the CSV machinery.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from data_access.models import FIGURE_COLUMNS, PUBLISHED_VERDICT_COLUMNS

#: Called as ``progress(stage, done, total)``; stages are read, validate, write, done.
ProgressCallback = Callable[[str, int, int], None]

#: An area a file may introduce: (name, level) or (name, level, parent code).
RegistrableArea = tuple[str, str] | tuple[str, str, str | None]

NORM_COLUMNS = [
    "line",
    "indicator_id",
    "area_code_raw",
    "area_name",
    "area_level",
    "period_label",
    "period_hint",
    "breakdown_dimension",
    "breakdown_value",
    "kind",
    *FIGURE_COLUMNS,
    "unit",
    "value_column",
    *PUBLISHED_VERDICT_COLUMNS,
]
NUMERIC_FIELDS = ("value", "lower_ci95", "upper_ci95", "lower_ci998", "upper_ci998", "count", "denominator")
#: Fields compared to decide whether a re-imported row changed (a revision is kept if so).
FIGURE_FIELDS = ("value", "lower_ci95", "upper_ci95", "lower_ci998", "upper_ci998", "count", "denominator", "status")


@dataclass(frozen=True)
class ImportProblem:
    """One reason the file cannot be imported; ``line`` is the 1-based line in the file."""

    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line is not None else "file"
        if self.column:
            where += f", column {self.column!r}"
        return f"{where}: {self.message}"


@dataclass
class ImportReport:
    """What an import did (or, for a dry run or an invalid file, would have done)."""

    path: str
    format: str | None = None
    rows_read: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    seconds: float = 0.0
    problems: list[ImportProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    dry_run: bool = False
    written: bool = False
    source_id: int | None = None
    indicators: list[str] = field(default_factory=list)
    indicators_registered: list[str] = field(default_factory=list)
    #: what the file holds in a person's terms (``data_access.importers.preview``)
    preview: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        verb = "would insert" if self.dry_run else "inserted"
        state = "DRY RUN, nothing written" if self.dry_run else ("written" if self.written else "NOTHING WRITTEN")
        rate = (
            f", {self.rows_read / self.seconds:,.0f} rows/s" if self.seconds > 0 and self.rows_read and not self.problems else ""
        )
        return (
            f"{Path(self.path).name} [{self.format or 'unknown format'}]: rows read {self.rows_read:,}, "
            f"{verb} {self.inserted:,}, updated {self.updated:,}, unchanged {self.unchanged:,}, "
            f"rejected {self.rejected:,}, {self.seconds:.2f} s{rate} ({state})"
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "format": self.format,
            "rows_read": self.rows_read,
            "inserted": self.inserted,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
            "seconds": self.seconds,
            "dry_run": self.dry_run,
            "written": self.written,
            "problems": [{"line": p.line, "column": p.column, "message": p.message} for p in self.problems],
            "notes": list(self.notes),
            "indicators": list(self.indicators),
            "indicators_registered": list(self.indicators_registered),
            "preview": self.preview,
        }


@dataclass
class IndicatorSpec:
    """An indicator a file refers to; registered if no indicator with this id exists."""

    id: str
    name: str
    unit: str
    value_type: str
    period_type: str = "not_stated"
    polarity: str = "no_judgement"
    ci_method: str = "none"
    decimals: int = 1
    publisher: str | None = None
    definition: str | None = None
    topic: str | None = None
    fingertips_id: int | None = None
    dfe_code: str | None = None
    #: where the unit came from, for messages ("Value column", ".meta.csv", "unit column")
    unit_stated: bool = False
    #: the polarity the source itself states (file or API metadata); None when it says nothing
    stated_polarity: str | None = None
    #: where ``stated_polarity`` came from, for the report
    polarity_evidence: str | None = None
    #: set by the service when the user asked to replace a stored polarity (--update-metadata)
    replace_polarity: bool = False


@dataclass
class ParseResult:
    """What a format parser hands to validation: candidate rows, indicators and problems."""

    format: str
    frame: pd.DataFrame
    indicators: dict[str, IndicatorSpec]
    problems: list[ImportProblem]
    publisher: str
    title: str
    rows_read: int
    #: normalised field -> the file's column name, for messages
    columns: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    #: area codes the file may introduce if missing
    registrable_areas: dict[str, RegistrableArea] = field(default_factory=dict)
