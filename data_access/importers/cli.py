"""``python -m data_access import PATH …`` and ``python -m data_access fetch fingertips|ees …``.

``register(subparsers)`` adds both subcommands to the main parser and returns their
handlers; each handler takes ``(args, db)`` and returns an exit code:
0 imported (or dry run clean), 1 the file was rejected, 2 the source could not be reached.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from typing import TextIO

from tqdm import tqdm

from data_access.database import Database
from data_access.importers import ees_api
from data_access.importers.detect import FORMATS
from data_access.importers.fingertips_api import FetchError, fetch_and_import
from data_access.importers.report import ImportReport
from data_access.importers.service import import_file

MAX_PROBLEMS_SHOWN = 200


class _Progress:
    """tqdm bars per stage on a terminal; silent when output is piped."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.bar = None
        self.stage: str | None = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        if stage == "done":
            self.close()
            return
        if stage != self.stage:
            self.close()
            self.stage = stage
            self.bar = tqdm(total=max(total, 1), desc=stage, unit="rows", file=sys.stderr, leave=False)
        if self.bar is not None:
            self.bar.total = max(total, 1)
            self.bar.n = done
            self.bar.refresh()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def print_report(report: ImportReport, out: TextIO | None = None) -> None:
    out = out if out is not None else sys.stdout
    for note in report.notes:
        print(f"note: {note}", file=out)
    for problem in report.problems[:MAX_PROBLEMS_SHOWN]:
        print(f"problem: {problem}", file=out)
    if len(report.problems) > MAX_PROBLEMS_SHOWN:
        print(f"… and {len(report.problems) - MAX_PROBLEMS_SHOWN:,} more problems", file=out)
    if report.problems:
        print(f"{len(report.problems):,} problem(s); nothing was written.", file=out)
    if report.indicators_registered:
        print(f"registered indicators: {', '.join(report.indicators_registered)}", file=out)
    print(report.summary(), file=out)


def _user() -> str | None:
    """Who ran the import (shown with local figures: "imported on <date> by <user>")."""
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name (a container without one): say nothing rather than guess
        return None


def cmd_import(args: argparse.Namespace, db: Database) -> int:
    progress = _Progress(enabled=not args.no_progress and sys.stderr.isatty())
    try:
        report = import_file(
            db,
            args.path,
            fmt=args.format,
            dry_run=args.dry_run,
            progress=progress,
            update_metadata=getattr(args, "update_metadata", False),
            imported_by=_user(),
        )
    finally:
        progress.close()
    print_report(report)
    return 0 if report.ok else 1


def cmd_fetch(args: argparse.Namespace, db: Database) -> int:
    if args.source == "ees" and not args.dataset:
        print("error: fetch ees needs --dataset ID (the EES API data set id)", file=sys.stderr)
        return 2
    # --indicator (optionally with --profile: the profile whose polarity to read), or --profile, or --group
    selectors = [args.indicator, None if args.indicator is not None else args.profile, args.group]
    if args.source == "fingertips" and selectors.count(None) != 2:
        print("error: fetch fingertips needs exactly one of --indicator, --profile or --group", file=sys.stderr)
        return 2
    if args.source == "fingertips" and args.indicator is not None and args.area_type is None:
        print(
            "error: fetch fingertips --indicator needs --area-type (the Fingertips child area type id, e.g. 502 counties & UAs)",
            file=sys.stderr,
        )
        return 2
    progress = _Progress(enabled=not args.no_progress and sys.stderr.isatty())
    try:
        if args.source == "ees":
            report = ees_api.fetch_and_import(
                db,
                dataset_id=args.dataset,
                version=args.version,
                filters=args.filter,
                base_url=args.base_url,
                dry_run=args.dry_run,
                progress=progress,
                timeout=args.timeout,
                update_metadata=getattr(args, "update_metadata", False),
            )
        else:
            report = fetch_and_import(
                db,
                indicator_id=args.indicator,
                area_type_id=args.area_type,
                parent_code=args.parent,
                profile_id=args.profile,
                group_id=args.group,
                parent_area_type_id=args.parent_area_type,
                base_url=args.base_url,
                dry_run=args.dry_run,
                progress=progress,
                timeout=args.timeout,
                update_metadata=getattr(args, "update_metadata", False),
            )
    except FetchError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    finally:
        progress.close()
    print_report(report)
    return 0 if report.ok else 1


def register(subparsers: argparse._SubParsersAction) -> dict[str, Callable[[argparse.Namespace, Database], int]]:
    _add_import_parser(subparsers)
    _add_fetch_parser(subparsers)
    return {"import": cmd_import, "fetch": cmd_fetch}


def _add_import_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("import", help="import a Fingertips, DfE EES, ONS ELS or native CSV file")
    p.add_argument("path", help="the CSV file to import")
    p.add_argument("--format", default="auto", choices=("auto", *FORMATS), help="file format (default: detect from the header)")
    p.add_argument("--dry-run", action="store_true", help="validate and count, write nothing")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument(
        "--update-metadata",
        action="store_true",
        help="let the source's indicator metadata (polarity) replace what is stored for an existing indicator",
    )
    p.add_argument("--database-url", dest="sub_database_url", help=argparse.SUPPRESS)


def _add_fetch_parser(subparsers: argparse._SubParsersAction) -> None:
    f = subparsers.add_parser("fetch", help="download and import live data (Fingertips API, DfE EES API)")
    f.add_argument("source", choices=("fingertips", "ees"), help="where to fetch from")
    f.add_argument("--indicator", type=int, default=None, help="Fingertips indicator id, e.g. 90284 (fingertips)")
    f.add_argument(
        "--area-type",
        type=int,
        default=None,
        help="Fingertips child area type id (e.g. 502 counties & UAs); required by fingertips",
    )
    f.add_argument("--parent", default=None, help="parent area code (e.g. E12000006)")
    f.add_argument(
        "--profile",
        type=int,
        default=None,
        help="Fingertips profile id: all its indicators (needs --area-type); with --indicator, the profile whose polarity to read",
    )
    f.add_argument("--group", type=int, default=None, help="Fingertips profile group id: all its indicators (needs --area-type)")
    f.add_argument(
        "--parent-area-type",
        type=int,
        default=None,
        help="Fingertips parent area type id (default 15, England)",
    )
    f.add_argument("--dataset", default=None, help="EES API data set id (ees)")
    f.add_argument("--version", default=None, help="EES data set version, e.g. 1.0 or 2.* (ees; default: latest)")
    f.add_argument(
        "--filter",
        action="append",
        default=None,
        metavar="COLUMN=VALUE",
        help="keep only rows whose COLUMN is VALUE (ees; repeatable: same column OR, different columns AND)",
    )
    f.add_argument(
        "--base-url",
        default=None,
        help="API base URL (default: FINGERTIPS_API_URL or https://fingertips.phe.org.uk/api; "
        "for ees EES_API_URL or https://api.education.gov.uk/statistics)",
    )
    f.add_argument("--timeout", type=float, default=60.0, help="seconds to wait for the server")
    f.add_argument("--dry-run", action="store_true", help="validate and count, write nothing")
    f.add_argument("--no-progress", action="store_true", help="no progress bar")
    f.add_argument(
        "--update-metadata",
        action="store_true",
        help="let the source's indicator metadata (polarity) replace what is stored for an existing indicator",
    )
    f.add_argument("--database-url", dest="sub_database_url", help=argparse.SUPPRESS)
