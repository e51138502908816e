"""Command line: ``python -m data_access migrate|seed|info|plan|import|fetch [--database-url URL]``.

Each subcommand lives in its own small function; ``register_*`` hooks let the import and
fetch commands live in their own modules.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from data_access import reads, seeding
from data_access.database import Database, normalise_url
from data_access.database_errors import describe_database_error
from data_access.importers.cli import register as register_import
from data_access.plans.cli import register as register_plans
from data_access.schema import migrate
from settings import DEFAULT_DATABASE_URL

Handler = Callable[[argparse.Namespace, Database], int]

# ``python -m data_access --help`` opens with this module's docstring.
DESCRIPTION = __doc__


def _database(args: argparse.Namespace) -> Database:
    url = args.database_url or os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    return Database(normalise_url(url))


def cmd_migrate(args: argparse.Namespace, db: Database) -> int:
    migrate(db)
    print(f"Schema is at the latest revision on {db!r}.")
    return 0


def seed_command(loader: seeding.SeedLoader) -> Handler:
    """The ``seed`` command, loading through ``loader`` (``seed.loader``, handed in by ``__main__``)."""

    def cmd_seed(args: argparse.Namespace, db: Database) -> int:
        illustrative = args.illustrative or os.environ.get("SEED_ILLUSTRATIVE", "").strip().lower() in ("1", "true", "yes")
        summary = seeding.load(db, loader, force=args.force, illustrative_values=illustrative)
        if summary is None:
            print("The seed dataset is already loaded; nothing to do (use --force to reload).")
            return 0
        for table, count in summary.items():
            print(f"  {table:<28} {count:>8}")
        print(
            "Seed dataset loaded: the plans' figures and the published data"
            + (", plus illustrative (invented, flagged) values." if illustrative else "; no illustrative values.")
        )
        return 0

    return cmd_seed


def cmd_info(args: argparse.Namespace, db: Database) -> int:
    print(f"Database: {db!r} ({db.backend})")
    print("Rows per table:")
    for table, count in reads.table_counts(db).items():
        print(f"  {table:<28} {count:>8}")
    currency = reads.data_currency(db)
    print("Data currency:")
    for key, value in currency.items():
        print(f"  {key:<28} {value}")
    return 0


def build_parser(seed_loader: seeding.SeedLoader) -> tuple[argparse.ArgumentParser, dict[str, Handler]]:
    parser = argparse.ArgumentParser(prog="python -m data_access", description=DESCRIPTION)
    parser.add_argument("--database-url", help="SQLAlchemy URL (default: DATABASE_URL or the embedded SQLite file)")
    sub = parser.add_subparsers(dest="command", required=True)
    handlers: dict[str, Handler] = {}

    for name, handler, help_text in (
        ("migrate", cmd_migrate, "create or upgrade the schema (Alembic)"),
        ("seed", seed_command(seed_loader), "load the plans and the published data into an empty database"),
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

    handlers.update(register_plans(sub))
    handlers.update(register_import(sub))
    return parser, handlers


def main(argv: Sequence[str] | None, seed_loader: seeding.SeedLoader) -> int:
    parser, handlers = build_parser(seed_loader)
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
