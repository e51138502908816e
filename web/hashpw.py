"""Make a password hash for ``ADMIN_PASSWORD_HASH``: ``python -m web.hashpw`` (asks twice, prints the hash).

The hash (werkzeug's scrypt) is what goes in the environment; the password itself is never stored.
``--stdin`` reads one line from standard input instead of prompting (for scripts).
"""

from __future__ import annotations

import getpass
import sys
from collections.abc import Sequence

from werkzeug.security import generate_password_hash

MIN_LENGTH = 12


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--stdin" in argv:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass("New administrator password: ")
        if getpass.getpass("Same password again: ") != password:
            print("error: the two passwords differ", file=sys.stderr)
            return 1
    if len(password) < MIN_LENGTH:
        print(f"error: use at least {MIN_LENGTH} characters", file=sys.stderr)
        return 1
    print(generate_password_hash(password))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
