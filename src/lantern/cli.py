"""The ``lantern`` console script: Django's management commands plus Lantern's own."""

from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lantern.settings")
    from django.core.management import execute_from_command_line
    from django.db import Error as DatabaseError

    from lantern.database_failures import database_failure

    try:
        execute_from_command_line(["lantern", *command_args(sys.argv[1:])])
    except DatabaseError as failed:
        # A full disk or a lost server is the operator's to fix, not a bug: say so, not a traceback.
        if (reason := database_failure(failed)) is None:
            raise
        sys.stderr.write(f"Stopped: {reason}\n")
        sys.exit(1)


def command_args(args: list[str]) -> list[str]:
    """Lantern's commands read as words (export-referral); Django's modules use underscores."""
    if args and not args[0].startswith("-"):
        return [args[0].replace("-", "_"), *args[1:]]
    return args


if __name__ == "__main__":
    main()
