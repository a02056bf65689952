"""``lantern backup`` and ``lantern restore`` on the database the suite runs on (SQLite's online
backup, or PostgreSQL's custom-format dump): a round trip gives back every table's rows exactly,
in order, with the audit chain still whole; a file that is not a backup is refused and changes
nothing."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from lantern.accounts.rules import Role
from lantern.audit.models import AuditEvent
from lantern.audit.services import chain_check
from lantern.backups import engines
from lantern.backups.checksums import table_sums
from lantern.cases import services as case_services
from lantern.cases.models import Investigation, Person
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def _casework() -> Investigation:
    investigator = factories.user(Role.INVESTIGATOR)
    case = factories.investigation(investigator, reference="WY/88001/26")
    factories.victim(investigator, case, first_name="Maja", date_of_birth=date(1990, 5, 4))
    factories.victim(investigator, case, first_name="Ion")
    return case


def test_a_round_trip_gives_back_every_table_exactly_and_the_chain_verifies(tmp_path: Path) -> None:
    case = _casework()
    before = table_sums()
    assert before["cases_person"].rows == 2 and before["audit_auditevent"].rows > 0
    path = tmp_path / "lantern.backup"
    engines.backup(path)

    # Afterwards work goes on: a case recorded, a person changed, the audit trail grows.
    later = factories.user(Role.INVESTIGATOR)
    factories.investigation(later, reference="WY/88002/26")
    person = Person.objects.get(first_name="Ion")
    case_services.person_update(user=later, person_id=person.pk, version=person.version, last_name="Changed")
    assert table_sums() != before

    engines.restore(path)

    after = table_sums()
    assert set(after) == set(before)
    assert {t: s for t, s in after.items() if s != before[t]} == {}
    assert Investigation.objects.get().pk == case.pk
    assert Person.objects.get(first_name="Ion").last_name == "Example"
    verdict = chain_check()
    assert verdict.intact and verdict.events_checked == before["audit_auditevent"].rows


def test_the_commands_record_the_backup_and_the_restore_in_the_audit_trail(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _casework()
    path = tmp_path / "lantern.backup"
    call_command("backup", str(path))
    assert "Backed up the" in capsys.readouterr().out
    made = AuditEvent.objects.order_by("sequence").last()
    assert made is not None and made.action == "disclosure" and made.recipient == f"backup file {path}"

    call_command("restore", str(path), yes=True)
    out = capsys.readouterr().out
    assert "Restored the" in out and "Audit chain intact" in out
    restored = AuditEvent.objects.order_by("sequence").last()
    assert restored is not None and restored.action == "alteration"
    assert restored.detail["restored_from"] == str(path)
    assert chain_check().intact
    # The backup's own event was written after the dump, so the restored trail no longer holds it,
    # and the restore follows straight on from the last event the backup held.
    assert not AuditEvent.objects.filter(action="disclosure", recipient=f"backup file {path}").exists()


def test_a_backup_never_overwrites_a_file(tmp_path: Path) -> None:
    path = tmp_path / "taken"
    path.write_text("someone's file")
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", str(path))
    assert path.read_text() == "someone's file"


def _not_lantern(tmp_path: Path) -> Path:
    path = tmp_path / "other.sqlite3"
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE t (x)")
    other.commit()
    other.close()
    return path


@pytest.mark.parametrize(("make", "message"), [
    (lambda d: (d / "notes.txt", (d / "notes.txt").write_text("not a backup"))[0], "not"),
    (lambda d: (d / "empty.backup", (d / "empty.backup").write_bytes(b""))[0], "not"),
    (lambda d: (d / "missing.backup"), "is not a file"),
    (_not_lantern, "not"),
])
def test_a_file_that_is_not_a_backup_is_refused_and_changes_nothing(tmp_path: Path, make: object,
                                                                    message: str) -> None:
    _casework()
    path = make(tmp_path)  # type: ignore[operator]
    before = table_sums()
    with pytest.raises(CommandError, match=message) as refused:
        call_command("restore", str(path), yes=True)
    assert "Nothing was changed" in str(refused.value)
    assert table_sums() == before


def test_restore_asks_before_replacing_everything(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _casework()
    path = tmp_path / "lantern.backup"
    engines.backup(path)
    factories.investigation(factories.user(Role.INVESTIGATOR), reference="WY/88003/26")
    before = table_sums()
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="nothing was changed"):
        call_command("restore", str(path))
    assert table_sums() == before


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a SQLite file cannot be a PostgreSQL dump")
def test_postgresql_refuses_a_sqlite_file(tmp_path: Path) -> None:
    path = _not_lantern(tmp_path)
    with pytest.raises(engines.BackupRefused, match="not a PostgreSQL custom-format dump"):
        engines.restore(path)
