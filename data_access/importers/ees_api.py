"""Live refresh from DfE Explore Education Statistics (EES) public statistics API.

``fetch ees --dataset ID [--version V] [--filter COLUMN=VALUE …]``:

1. ``GET {base}/v1/data-sets/{id}/csv?dataSetVersion=V`` — the data set as the tidy CSV an
   analyst downloads (time_period, time_identifier, geographic_level, geography columns,
   filter columns, indicator columns); the API renders its metadata human-readable there.
2. ``GET {base}/v1/data-sets/{id}/meta?dataSetVersion=V`` — the data set's JSON metadata.
   Its ``indicators`` (column, label, unit, decimalPlaces) and ``filters`` (column, label)
   are written beside the CSV as the ``.meta.csv`` an EES download ships, so the import
   gets the published labels and units. Metadata is optional: a 404 there is a note, and
   the import then classifies columns itself as it does for a file without ``.meta.csv``.
3. ``--filter COLUMN=VALUE`` keeps the CSV rows whose COLUMN equals one of the given values
   (repeat the option; values for one column are OR-ed, different columns AND-ed). It runs
   on the downloaded CSV, before validation, because the CSV endpoint takes no filters.
4. The result goes through ``import_file(…, fmt="ees")``: the same validation as a file import.

The base URL comes from ``--base-url``, else ``EES_API_URL``, else the public service.
Offline, the user gets one clear line (``FetchError``, exit status 2), never a traceback.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from pathlib import Path
from urllib.parse import quote, urlencode

from data_access.database import Database
from data_access.importers.common import ImportReport, ProgressCallback
from data_access.importers.http_get import FetchError, http_error, http_get
from data_access.importers.service import import_file

DEFAULT_BASE_URL = "https://api.education.gov.uk/statistics"
META_COLUMNS = [
    "col_name",
    "col_type",
    "label",
    "indicator_grouping",
    "indicator_unit",
    "indicator_dp",
    "filter_hint",
    "filter_grouping_column",
]


def base_url(explicit: str | None = None) -> str:
    return (explicit or os.environ.get("EES_API_URL") or DEFAULT_BASE_URL).rstrip("/")


def build_url(dataset_id: str, what: str, version: str | None = None, base: str | None = None) -> str:
    """``what`` is ``csv`` or ``meta``; the data set id is a path segment, so it is quoted."""
    query = f"?{urlencode({'dataSetVersion': version})}" if version else ""
    return f"{base_url(base)}/v1/data-sets/{quote(dataset_id, safe='')}/{what}{query}"


def _get(url: str, timeout: float, destination: Path | None = None) -> tuple[int, bytes, int]:
    """(status, body, size); a 200 body is streamed to ``destination`` when given (body then b"")."""
    return http_get(
        url,
        timeout,
        service="the EES API",
        setting="--base-url / EES_API_URL",
        destination=destination,
        accept="text/csv, application/json",
    )


def parse_filters(specs: list[str] | None) -> dict[str, set[str]]:
    """``["la_name=Hertfordshire", "geographic_level=National"]`` -> {column: {values}}."""
    wanted: dict[str, set[str]] = {}
    for spec in specs or []:
        column, sep, value = spec.partition("=")
        if not sep or not column.strip():
            raise FetchError(f"--filter {spec!r} is not COLUMN=VALUE (e.g. la_name=Hertfordshire)")
        wanted.setdefault(column.strip(), set()).add(value.strip())
    return wanted


def filter_csv(path: Path, wanted: dict[str, set[str]]) -> tuple[int, int]:
    """Keep the rows matching every filter column; returns (rows before, rows kept)."""
    if not wanted:
        return 0, 0
    kept_path = path.with_name(path.stem + ".filtered.csv")
    with path.open(newline="", encoding="utf-8-sig") as source, kept_path.open("w", newline="", encoding="utf-8") as sink:
        reader = csv.reader(source)
        header = next(reader, [])
        names = [h.strip() for h in header]
        missing = [c for c in wanted if c not in names]
        if missing:
            raise FetchError(f"--filter column(s) {', '.join(missing)} not in the data set (columns: {', '.join(names)})")
        positions = {names.index(c): values for c, values in wanted.items()}
        writer = csv.writer(sink, lineterminator="\n")
        writer.writerow(header)
        before = kept = 0
        for row in reader:
            before += 1
            if all(i < len(row) and row[i].strip() in values for i, values in positions.items()):
                writer.writerow(row)
                kept += 1
    kept_path.replace(path)
    return before, kept


def write_meta_csv(meta: dict, destination: Path) -> int:
    """The EES ``.meta.csv`` for the API's JSON metadata; returns the columns described."""
    rows = []
    for item in meta.get("filters") or []:
        column = item.get("column") or item.get("id")
        if column:
            rows.append(
                {
                    "col_name": column,
                    "col_type": "Filter",
                    "label": item.get("label") or "",
                    "filter_hint": item.get("hint") or "",
                }
            )
    for item in meta.get("indicators") or []:
        column = item.get("column") or item.get("id")
        if column:
            dp = item.get("decimalPlaces")
            rows.append(
                {
                    "col_name": column,
                    "col_type": "Indicator",
                    "label": item.get("label") or "",
                    "indicator_unit": item.get("unit") or "",
                    "indicator_dp": "" if dp is None else str(dp),
                }
            )
    with destination.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=META_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
    return len(rows)


def fetch_and_import(
    db: Database,
    dataset_id: str,
    version: str | None = None,
    filters: list[str] | None = None,
    *,
    base_url: str | None = None,  # mirrors the CLI option
    dry_run: bool = False,
    progress: ProgressCallback | None = None,
    timeout: float = 60.0,
    update_metadata: bool = False,
) -> ImportReport:
    wanted = parse_filters(filters)
    csv_url = build_url(dataset_id, "csv", version, base_url)
    meta_url = build_url(dataset_id, "meta", version, base_url)
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="ob-ees-") as folder:
        safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in dataset_id)[:80] or "dataset"
        path = Path(folder) / f"ees_{safe}.csv"
        if progress:
            progress("download", 0, 2)
        status, error_body, size = _get(csv_url, timeout, path)
        if status != 200:  # EES explains itself in ProblemDetails JSON: its title and detail go on the line
            raise FetchError(http_error("EES API", status, csv_url, error_body))
        if not size:
            raise FetchError(f"the EES API returned an empty file for data set {dataset_id} ({csv_url})")
        notes.append(f"downloaded {size:,} bytes from {csv_url}")
        status, body, _ = _get(meta_url, timeout)
        if progress:
            progress("download", 2, 2)
        if status == 200:
            try:
                described = write_meta_csv(json.loads(body), path.with_name(path.stem + ".meta.csv"))
                notes.append(f"metadata from {meta_url}: {described} column(s) described")
            except (ValueError, AttributeError):
                notes.append(f"metadata from {meta_url} was not JSON in the documented shape; columns classified from the data")
        else:
            notes.append(f"no metadata ({http_error('the EES API', status, meta_url, body)}); columns classified from the data")
        if wanted:
            before, kept = filter_csv(path, wanted)
            shown = "; ".join(f"{c} in {sorted(v)}" for c, v in wanted.items())
            notes.append(f"--filter {shown}: kept {kept:,} of {before:,} rows")
            if kept == 0:
                raise FetchError(f"no rows of data set {dataset_id} match --filter {shown}")
        report = import_file(
            db, path, fmt="ees", dry_run=dry_run, progress=progress, source_url=csv_url, update_metadata=update_metadata
        )
    report.notes[:0] = notes
    return report
