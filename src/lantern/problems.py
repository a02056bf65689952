"""The refusals every room shares: one base error whose messages tell the user what to do.

Each room's own error subclasses ``Refused``; views show the messages in the error summary and the
API answers 422 (409 for an edit conflict), in one handler each (``lantern.api.site``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol


class Refused(Exception):
    """Something a person asked for that Lantern will not do, with the reasons and what to do."""

    status = 422

    def __init__(self, *messages: str) -> None:
        self.messages = [m for m in messages if m]
        super().__init__(" ".join(self.messages))

    @classmethod
    def unless_empty(cls, problems: Iterable[str]) -> None:
        """Raise with these problems, if there are any."""
        found = [p for p in problems if p]
        if found:
            raise cls(*found)


class EditConflict(Refused):
    """Someone else saved this record after it was opened: nothing was overwritten."""

    status = 409


class Versioned(Protocol):
    version: int


def version_check(record: Versioned, version: int, what: str) -> None:
    """Refuse a change made to an out-of-date copy, and bump the version for this one."""
    if record.version != version:
        raise EditConflict(
            f"{what} was changed by someone else after you opened it. Your changes were not "
            "saved: reload the page to see theirs, then make yours again."
        )
    record.version += 1
