"""``python -m data_access``: the command line's composition root.

The commands live in ``data_access.cli``; this entry hands them the seed's loader
(``seed.loader``, which satisfies ``data_access.seeding.SeedLoader``). It is the one module of
``data_access`` that imports ``seed``, and nothing imports it (import-linter contracts).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

import seed.loader
from data_access import cli
from data_access.database_errors import describe_database_error

__all__ = ["build_parser", "describe_database_error", "main"]


def build_parser() -> tuple[argparse.ArgumentParser, dict[str, cli.Handler]]:
    """The full parser with its handlers (``--help`` text, docs)."""
    return cli.build_parser(seed.loader)


def main(argv: Sequence[str] | None = None) -> int:
    return cli.main(argv, seed.loader)


if __name__ == "__main__":
    raise SystemExit(main())
