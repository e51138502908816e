"""The one entry point for every import: ``import_file(db, path, fmt, dry_run, progress)``.

Read → detect → parse → validate → (only if there is not a single problem) write in one
transaction. Invalid data never raises: the report carries every problem and the database
is exactly as it was.
"""

from __future__ import annotations

import time
from pathlib import Path

from data_access.database import Database
from data_access.importers import ees, fingertips, native, ons_els
from data_access.importers.csv_read import RawTable, read_csv_file
from data_access.importers.detect import FORMATS, describe_expected, detect_format
from data_access.importers.preview import build_preview
from data_access.importers.reference_data import ReferenceData
from data_access.importers.report import ImportProblem, ImportReport, IndicatorSpec, ParseResult, ProgressCallback
from data_access.importers.validate import Validated, validate
from data_access.importers.writer import SourceInfo, write

PARSERS = {
    "fingertips": fingertips.parse,
    "ees": ees.parse,
    "ons-els": ons_els.parse,
    "native": native.parse,
}


def _finish(report: ImportReport, started: float, progress: ProgressCallback | None) -> ImportReport:
    report.seconds = time.perf_counter() - started
    if report.problems:
        report.rejected = len({p.line for p in report.problems if p.line is not None and p.line > 1}) or report.rows_read
        report.inserted = report.updated = report.unchanged = 0
        report.written = False
    if progress:
        progress("done", report.rows_read, report.rows_read)
    return report


def apply_stated_polarity(
    indicators: dict[str, IndicatorSpec], reference: ReferenceData, update_metadata: bool, notes: list[str]
) -> None:
    """Give each indicator the polarity its source states, without overriding a stored one silently.

    Why: a new indicator should compare as Better/Worse the way its publisher does, but an
    indicator already in the database may carry a polarity someone chose on purpose; it is
    only replaced when the user asks (``--update-metadata``). Either way the report says so.
    """
    for spec in indicators.values():
        stated = spec.stated_polarity
        if not stated:
            continue
        evidence = f" (from {spec.polarity_evidence})" if spec.polarity_evidence else ""
        existing = reference.indicator(spec.id)
        if existing is None:
            spec.polarity = stated
            notes.append(f"indicator {spec.id}: polarity {stated}{evidence}")
            continue
        stored = str(existing.get("polarity") or "no_judgement")
        if stored == stated:
            continue
        if update_metadata:
            spec.polarity = stated
            spec.replace_polarity = True
            notes.append(f"indicator {spec.id}: polarity {stored} replaced by {stated}{evidence} (--update-metadata)")
        else:
            spec.polarity = stored
            notes.append(
                f"indicator {spec.id}: the source says polarity {stated}{evidence}; the stored {stored} is kept "
                "(import with --update-metadata to replace it)"
            )


def import_file(
    db: Database,
    path: str | Path,
    fmt: str = "auto",
    dry_run: bool = False,
    progress: ProgressCallback | None = None,
    *,
    raw: RawTable | None = None,
    source_url: str | None = None,
    update_metadata: bool = False,
    stated_polarity: dict[int, tuple[str, str]] | None = None,
    imported_by: str | None = None,
) -> ImportReport:
    """Import one file. Returns a report; never raises for invalid data and then writes nothing.

    ``update_metadata`` lets the source's indicator metadata (polarity) replace what is stored;
    ``stated_polarity`` (Fingertips id -> (polarity, evidence)) is metadata fetched alongside
    the file (the Fingertips API), which wins over what the file itself suggests.
    """
    started = time.perf_counter()
    path = Path(path)
    report = ImportReport(path=str(path), dry_run=dry_run)
    problem = _request_problem(path, fmt)
    if problem is not None:
        report.problems.append(problem)
        return _finish(report, started, progress)
    # read
    if progress:
        progress("read", 0, 1)
    table = raw if raw is not None else read_csv_file(path)
    report.rows_read = len(table.frame)
    report.format = _format_of(table, fmt, report.problems)
    if report.format is None:
        return _finish(report, started, progress)
    if progress:
        progress("read", 1, 1)
    # normalise
    reference = ReferenceData.load(db)
    result = _normalise(table, path, report.format, reference, report, update_metadata, stated_polarity)
    # validate
    if progress:
        progress("validate", 0, report.rows_read)
    validated = validate(result, reference)
    report.problems = result.problems
    report.notes = result.notes
    if progress:
        progress("validate", report.rows_read, report.rows_read)
    if report.problems or validated.frame.empty:
        if not report.problems:
            report.problems.append(ImportProblem(2, None, "the file has no data rows"))
        return _finish(report, started, progress)
    report.preview = build_preview(validated.frame, result.indicators, reference, validated.areas_to_register)
    source = _source_info(table, path, report.format, result, report.rows_read, source_url)
    source.imported_by = imported_by
    _write(db, validated, result, source, report, progress)
    return _finish(report, started, progress)


def _write(
    db: Database,
    validated: Validated,
    result: ParseResult,
    source: SourceInfo,
    report: ImportReport,
    progress: ProgressCallback | None,
) -> None:
    """Write the checked rows in one transaction (none on a dry run) and count them into ``report``."""
    if validated.parent_methods:
        placed = "; ".join(f"{n:,} by the {method}" for method, n in sorted(validated.parent_methods.items()))
        source.note = f"{source.note} Areas placed in their district: {placed}."
    counts = write(db, validated, result.indicators, source, dry_run=report.dry_run, progress=progress)
    report.inserted, report.updated, report.unchanged = counts.inserted, counts.updated, counts.unchanged
    report.source_id = None if report.dry_run else counts.source_id
    report.indicators_registered = counts.indicators_registered or []
    report.written = not report.dry_run


def _request_problem(path: Path, fmt: str) -> ImportProblem | None:
    if fmt not in ("auto", *FORMATS):
        return ImportProblem(None, None, f"unknown format {fmt!r}; use auto or one of {', '.join(FORMATS)}")
    if not path.is_file():
        return ImportProblem(None, None, f"no such file: {path}")
    return None


def _format_of(table: RawTable, fmt: str, problems: list[ImportProblem]) -> str | None:
    """The format to parse the file as, or None (with the problems saying why)."""
    if table.problems and not table.header:
        problems.extend(table.problems)
        return None
    detected = detect_format(table.header)
    if fmt == "auto" and detected is None:
        shown = ", ".join(table.header[:8]) + ("…" if len(table.header) > 8 else "")
        problems.append(ImportProblem(1, None, f"header not recognised ({shown}); {describe_expected()}"))
    elif fmt != "auto" and detected != fmt:
        shown = ", ".join(table.header[:8])
        message = f"header does not look like the {fmt} format ({shown}); detected: {detected or 'nothing known'}"
        problems.append(ImportProblem(1, None, message))
    else:
        return detected if fmt == "auto" else fmt
    problems.extend(table.problems)
    return None


def _normalise(
    table: RawTable,
    path: Path,
    fmt: str,
    reference: ReferenceData,
    report: ImportReport,
    update_metadata: bool,
    stated_polarity: dict[int, tuple[str, str]] | None,
) -> ParseResult:
    """The format's parser, then the polarity each indicator's source states."""
    result = PARSERS[fmt](table, path, reference)
    result.problems[:0] = table.problems
    report.rows_read = result.rows_read
    report.indicators = sorted(result.indicators)
    for spec in result.indicators.values():
        if stated_polarity and spec.fingertips_id in stated_polarity:
            spec.stated_polarity, spec.polarity_evidence = stated_polarity[spec.fingertips_id]
    apply_stated_polarity(result.indicators, reference, update_metadata, result.notes)
    return result


def _source_info(
    table: RawTable, path: Path, fmt: str, result: ParseResult, rows_read: int, source_url: str | None
) -> SourceInfo:
    return SourceInfo(
        key=f"import-{fmt}-{table.sha256[:20]}",
        publisher=result.publisher,
        title=result.title,
        file=path.name,
        url=source_url,
        note=f"Imported by python -m data_access import; SHA-256 {table.sha256}; {rows_read} rows.",
    )
