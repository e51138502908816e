"""``python -m data_access plan import FILE [--dry-run] | export ID [--output FILE] | template ID [--output FILE]``.

Why its own module: the plan commands are one feature (data_access/plans) and register
themselves on the main parser the way the import commands do.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from data_access.database import Database
from data_access.plans import format as plan_format
from data_access.plans import store


def _write(text: str, output: str | None) -> None:
    if output:
        Path(output).write_text(text, encoding="utf-8")
        print(f"Wrote {output} ({len(text.splitlines())} lines).", file=sys.stderr)
    else:
        sys.stdout.write(text)


def cmd_plan(args: argparse.Namespace, db: Database) -> int:
    if args.plan_command == "import":
        path = Path(args.file)
        if not path.is_file():
            print(f"error: no file {path}", file=sys.stderr)
            return 2
        try:
            result = store.import_plan(db, plan_format.decode(path.read_bytes()), dry_run=args.dry_run)
        except plan_format.PlanFileError as error:
            for problem in error.problems:
                print(f"{path.name}: {problem}", file=sys.stderr)
            print(f"{len(error.problems)} problem(s); nothing was written.", file=sys.stderr)
            return 1
        print(result.summary() + (" (dry run: nothing was written)" if result.dry_run else ""))
        return 0
    if args.plan_command == "export":
        plan = store.load_plan(db, args.id)
        if plan is None:
            print(f"error: there is no plan {args.id!r}", file=sys.stderr)
            return 2
        _write(plan_format.to_csv(plan), args.output)
        return 0
    text = store.template(db, args.id)
    if text is None:
        print(f"error: there is no plan {args.id!r}", file=sys.stderr)
        return 2
    _write(text, args.output)
    return 0


def register(subparsers: argparse._SubParsersAction) -> dict[str, Callable[[argparse.Namespace, Database], int]]:
    p = subparsers.add_parser("plan", help="import, export or template a plan file (docs/plan-files.md)")
    p.add_argument("--database-url", dest="sub_database_url", help=argparse.SUPPRESS)
    sub = p.add_subparsers(dest="plan_command", required=True)
    imp = sub.add_parser("import", help="check the whole plan file, then create or update the plan in place")
    imp.add_argument("file", help="the plan CSV")
    imp.add_argument("--dry-run", action="store_true", help="check and count, write nothing")
    for name, help_text in (
        ("export", "write the plan in the plan-file format (standard output, or --output)"),
        ("template", "write a native-CSV template for the plan's local measures (standard output, or --output)"),
    ):
        q = sub.add_parser(name, help=help_text)
        q.add_argument("id", help="the plan's framework_id, e.g. our-way-forward-2024-25")
        q.add_argument("--output", help="write to this file instead of standard output")
    return {"plan": cmd_plan}
