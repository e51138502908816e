"""Command line: ``python -m data_access migrate|seed|info|plan|import|fetch [--database-url URL]``.

Each subcommand lives in its own small function; ``register_*`` hooks let the import and
fetch commands live in their own modules.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from data_access.database import Database, normalise_url
from settings import DEFAULT_DATABASE_URL

Handler = Callable[[argparse.Namespace, Database], int]


def _database(args: argparse.Namespace) -> Database:
    url = args.database_url or os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    return Database(normalise_url(url))


def cmd_migrate(args: argparse.Namespace, db: Database) -> int:
    from data_access.schema import migrate

    migrate(db)
    print(f"Schema is at the latest revision on {db!r}.")
    return 0


def cmd_seed(args: argparse.Namespace, db: Database) -> int:
    from seed.loader import load_seed, seed_is_loaded

    if seed_is_loaded(db) and not args.force:
        print("The seed dataset is already loaded; nothing to do (use --force to reload).")
        return 0
    illustrative = args.illustrative or os.environ.get("SEED_ILLUSTRATIVE", "").strip().lower() in ("1", "true", "yes")
    summary = load_seed(db, replace=args.force, illustrative_values=illustrative)
    for table, count in summary.items():
        print(f"  {table:<28} {count:>8}")
    print(
        "Seed dataset loaded: the plans' figures and the published-data pack"
        + (", plus illustrative (invented, flagged) values." if illustrative else "; no illustrative values.")
    )
    return 0


def cmd_info(args: argparse.Namespace, db: Database) -> int:
    from data_access import reads

    print(f"Database: {db!r} ({db.backend})")
    print("Rows per table:")
    for table, count in reads.table_counts(db).items():
        print(f"  {table:<28} {count:>8}")
    currency = reads.data_currency(db)
    print("Data currency:")
    for key, value in currency.items():
        print(f"  {key:<28} {value}")
    return 0


def build_parser() -> tuple[argparse.ArgumentParser, dict[str, Handler]]:
    parser = argparse.ArgumentParser(prog="python -m data_access", description=__doc__)
    parser.add_argument("--database-url", help="SQLAlchemy URL (default: DATABASE_URL or the embedded SQLite file)")
    sub = parser.add_subparsers(dest="command", required=True)
    handlers: dict[str, Handler] = {}

    for name, handler, help_text in (
        ("migrate", cmd_migrate, "create or upgrade the schema (Alembic)"),
        ("seed", cmd_seed, "load the plans and the published-data pack into an empty database"),
        ("info", cmd_info, "row counts per table and data currency"),
    ):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("--database-url", dest="sub_database_url", help=argparse.SUPPRESS)
        if name == "seed":
            p.add_argument("--force", action="store_true", help="delete existing seed data and reload")
            p.add_argument(
                "--illustrative",
                action="store_true",
                help="also add the invented demonstration series (flagged; never where a published value exists)."
                " SEED_ILLUSTRATIVE=1 does the same",
            )
        handlers[name] = handler

    from data_access.plans.cli import register as register_plans

    handlers.update(register_plans(sub))
    try:
        from data_access.importers.cli import register as register_import
    except ImportError:  # the import feature is optional at this layer
        return parser, handlers
    handlers.update(register_import(sub))
    return parser, handlers


def main(argv: Sequence[str] | None = None) -> int:
    parser, handlers = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "sub_database_url", None):
        args.database_url = args.sub_database_url
    db = _database(args)
    try:
        return handlers[args.command](args, db)
    except KeyboardInterrupt:
        print("Interrupted; nothing was committed by the unfinished step.", file=sys.stderr)
        return 130
    except Exception as error:  # a CLI user gets one clear line, not a traceback
        message = describe_database_error(error)
        if message is None:
            raise
        print(f"error: {message}", file=sys.stderr)
        return 2


def describe_database_error(error: BaseException) -> str | None:
    """One line a person can act on for the database errors a CLI user meets; None otherwise."""
    from sqlalchemy.exc import OperationalError, ProgrammingError

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


if __name__ == "__main__":
    raise SystemExit(main())
