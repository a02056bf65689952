"""Shared test data for the published-statistics tests: the real reference tables, and small crafted ones.

Reading the real directory (about 570,000 rows) takes seconds, so it is read once per test run;
each test writes that reading into its own transaction.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from lantern.insights.published import DirectoryRead
from lantern.insights.published_import import published_statistics_read

REFERENCE = Path(__file__).resolve().parents[2].parent / "shared" / "reference" / "nrm-statistics"

HEADER = ("First responder type,First responder,Exploitation type,Age at exploitation,Gender,Nationality,"
          "People")


@cache
def reference_read() -> DirectoryRead:
    return published_statistics_read(REFERENCE)


def police_table(total: int = 3, *, year: int = 2023, quarter: int = 1) -> dict[str, str]:
    """A tiny police first responder table for West Yorkshire Police: two leaf rows (2 + 1) and
    every published subtotal, the grand total set to ``total`` (3 is right)."""
    wy = "Police,West Yorkshire Police"
    rows = [
        HEADER,
        f"{wy},Sexual,Adult (18 or over),Female,Albanian,2.0",
        f"{wy},Labour & Criminal,Child (17 or under),Male,UK,1.0",
        f"{wy},Sexual,Adult (18 or over),Total,Albanian,2.0",
        f"{wy},Labour & Criminal,Child (17 or under),Total,UK,1.0",
        f"{wy},Sexual,Total,Total,Albanian,2.0",
        f"{wy},Labour & Criminal,Total,Total,UK,1.0",
        f"{wy},Total,Total,Total,Albanian,2.0",
        f"{wy},Total,Total,Total,UK,1.0",
        f"{wy},Sexual,Adult (18 or over),Female,Total,2.0",
        f"{wy},Labour & Criminal,Child (17 or under),Male,Total,1.0",
        f"{wy},Sexual,Adult (18 or over),Total,Total,2.0",
        f"{wy},Labour & Criminal,Child (17 or under),Total,Total,1.0",
        f"{wy},Sexual,Total,Total,Total,2.0",
        f"{wy},Labour & Criminal,Total,Total,Total,1.0",
        f"{wy},Total,Total,Total,Total,{total}.0",
    ]
    return {f"nrm_referrals_police_{year}_q{quarter}.csv": "\n".join(rows) + "\n"}


def write_tables(directory: Path, tables: dict[str, str]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in tables.items():
        (directory / name).write_text(text, encoding="utf-8")
    return directory
