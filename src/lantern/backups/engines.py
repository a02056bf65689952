"""Backing up and restoring Lantern's database: PostgreSQL's custom-format dump, or SQLite's
online backup. Either way, the whole database or nothing.

- PostgreSQL: ``pg_dump --format=custom`` of the database Lantern uses, and ``pg_restore --clean
  --if-exists --single-transaction --no-owner``, so a restore that fails part-way leaves the
  database as it was.
- SQLite: the online backup API, page by page in one go, from the live connection to the file and
  back; readers and writers elsewhere wait for it, and nobody sees half a copy.

A file is checked before anything is changed: it must be a backup of the same kind of database,
holding Lantern's tables, made by this version of Lantern or an earlier one.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import connection
from django.db.migrations.loader import MigrationLoader

# A backup must hold these, or it is not Lantern's.
_REQUIRED_TABLES = ("django_migrations", "audit_auditevent", "audit_auditchainhead", "accounts_user")


class BackupRefused(Exception):
    """The file cannot be restored (or written): the message says why; nothing was changed."""


@dataclass(frozen=True)
class Outcome:
    path: Path
    size: int
    engine: str


def vendor() -> str:
    return str(connection.vendor)


def backup(path: Path) -> Outcome:
    """Write the whole database to ``path`` (which must not exist yet)."""
    if path.exists():
        raise BackupRefused(f"{path} already exists: choose a new file, so no backup is overwritten.")
    if not path.parent.is_dir():
        raise BackupRefused(f"{path.parent} is not a directory.")
    if vendor() == "postgresql":
        _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(path)], "pg_dump")
    elif vendor() == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    else:
        raise BackupRefused(f"Backups of {vendor()} databases are not supported.")
    return Outcome(path, path.stat().st_size, vendor())


def restore(path: Path) -> Outcome:
    """Replace the whole database with the backup in ``path``, after checking it is one."""
    if not path.is_file():
        raise BackupRefused(f"{path} is not a file.")
    if vendor() == "postgresql":
        _pg_check(path)
        connection.close()  # our own connection holds no lock on what is dropped
        _run(["pg_restore", "--clean", "--if-exists", "--single-transaction", "--no-owner",
              "--exit-on-error", "--dbname", _pg_env()["PGDATABASE"], str(path)], "pg_restore")
    elif vendor() == "sqlite":
        source = _sqlite_check(path)
        try:
            connection.ensure_connection()
            source.backup(connection.connection)
        finally:
            source.close()
    else:
        raise BackupRefused(f"Restoring {vendor()} databases is not supported.")
    return Outcome(path, path.stat().st_size, vendor())


def _known_migrations() -> set[tuple[str, str]]:
    return set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)


def _newer_than_this_code(applied: set[tuple[str, str]]) -> None:
    unknown = sorted(applied - _known_migrations())
    if unknown:
        names = ", ".join(f"{app}.{name}" for app, name in unknown[:3])
        raise BackupRefused(f"The backup was made by a newer Lantern (its migrations {names} are not in this "
                            "version): restore it with the version that made it.")


def _sqlite_check(path: Path) -> sqlite3.Connection:
    """The backup opened read-only, once it has shown it is a sound SQLite copy of Lantern."""
    with path.open("rb") as file:
        if file.read(16) != b"SQLite format 3\x00":
            raise BackupRefused(f"{path} is not a SQLite database, so not a backup of this one.")
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        if source.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise BackupRefused(f"{path} is damaged (SQLite's quick_check failed): not restored.")
        tables = {row[0] for row in source.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        missing = [t for t in _REQUIRED_TABLES if t not in tables]
        if missing:
            raise BackupRefused(f"{path} is a SQLite database but not Lantern's (no {', '.join(missing)}).")
        _newer_than_this_code(set(source.execute("SELECT app, name FROM django_migrations")))
    except sqlite3.DatabaseError as error:
        source.close()
        raise BackupRefused(f"{path} cannot be read as a SQLite database: {error}.") from error
    except BackupRefused:
        source.close()
        raise
    return source


def _pg_check(path: Path) -> None:
    with path.open("rb") as file:
        if file.read(5) != b"PGDMP":
            raise BackupRefused(f"{path} is not a PostgreSQL custom-format dump (lantern backup makes one).")
    listing = _run(["pg_restore", "--list", str(path)], "pg_restore --list")
    tables = {m.group(1) for m in re.finditer(r"^\d+; \d+ \d+ TABLE public (\S+)", listing, re.MULTILINE)}
    missing = [t for t in _REQUIRED_TABLES if t not in tables]
    if missing:
        raise BackupRefused(f"{path} is a PostgreSQL dump but not Lantern's (no {', '.join(missing)}).")


def _pg_env() -> dict[str, str]:
    """libpq's environment for the database Django uses (its password never on a command line)."""
    settings: dict[str, Any] = connection.settings_dict
    env = dict(os.environ)
    for key, name in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"),
                      ("PGPASSWORD", "PASSWORD"), ("PGDATABASE", "NAME")):
        if settings.get(name):
            env[key] = str(settings[name])
    return env


def _run(command: list[str], what: str) -> str:
    if shutil.which(command[0]) is None:
        raise BackupRefused(f"{command[0]} is not installed here (PostgreSQL's client programs are needed).")
    result = subprocess.run(command, env=_pg_env(), capture_output=True, text=True,  # noqa: S603  # nosec B603
                            check=False)
    if result.returncode != 0:
        raise BackupRefused(f"{what} failed: {result.stderr.strip() or result.stdout.strip()}")
    return result.stdout
