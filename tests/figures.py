"""Figures the proof tests measure (cells checked, cases fuzzed, crashes survived), printed once at
the end of the run by ``conftest.pytest_terminal_summary``, with or without ``-s``."""

from __future__ import annotations

FIGURES: dict[str, int] = {}


def count(name: str, n: int) -> None:
    """Add ``n`` to the figure called ``name`` (e.g. "access matrix cells checked")."""
    FIGURES[name] = FIGURES.get(name, 0) + n
