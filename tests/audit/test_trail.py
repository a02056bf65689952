"""The audit trail on a real database: append-only in the application and in the database."""

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from lantern.accounts.rules import Role
from lantern.audit.append_only import TABLE, guard_install, guard_remove
from lantern.audit.models import AppendOnlyError, AuditChainHead, AuditEvent
from lantern.audit.rules import Action
from lantern.audit.services import AuditError, chain_check, event_record
from tests import factories

pytestmark = pytest.mark.django_db


def test_events_are_chained_in_sequence_with_who_where_and_what() -> None:
    person = factories.user(Role.INVESTIGATOR)
    start = AuditChainHead.objects.get(pk=1).sequence
    first = event_record(action=Action.CONSULTATION, actor=person, obj=person.organisation,
                         detail={"view": "people"})
    second = event_record(action=Action.DISCLOSURE, actor=person, object_type="test.thing",
                          object_id="5", recipient="Home Office Immigration Enforcement",
                          justification="test")
    assert (first.sequence, second.sequence) == (start + 1, start + 2)
    assert second.previous_hash == first.hash
    assert first.user_id == person.pk and first.organisation_name == "West Yorkshire Police"
    assert first.object_type == "accounts.organisation"
    assert first.occurred_at.utcoffset().total_seconds() == 0
    assert AuditChainHead.objects.get(pk=1).hash == second.hash
    assert chain_check().intact


def test_a_disclosure_must_name_its_recipient() -> None:
    person = factories.user(Role.INVESTIGATOR)
    before = AuditEvent.objects.count()
    with pytest.raises(AuditError, match="must name its recipient"):
        event_record(action=Action.DISCLOSURE, actor=person, object_type="x", recipient=" ")
    assert AuditEvent.objects.count() == before


def test_the_application_cannot_change_or_delete_an_event() -> None:
    event = event_record(action=Action.SIGN_IN, actor=factories.user())
    event.username = "someone-else"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(username="x")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).delete()


@pytest.mark.parametrize("statement", [
    f"UPDATE {TABLE} SET username = 'forged'",
    f"DELETE FROM {TABLE}",
])
def test_the_database_refuses_update_and_delete(statement: str) -> None:
    event_record(action=Action.SIGN_IN, actor=factories.user())
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), \
            connection.cursor() as cursor:
        cursor.execute(statement)
    assert AuditEvent.objects.filter(username="forged").count() == 0


def _tamper(sql: str, params: list[object]) -> None:
    """What a database owner could do by hand: lift the guard, change a row, put the guard back."""
    guard_remove(connection)
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
    finally:
        guard_install(connection)


def test_verify_passes_an_intact_trail(capsys: pytest.CaptureFixture[str]) -> None:
    person = factories.user()
    for _ in range(3):
        event_record(action=Action.CONSULTATION, actor=person, obj=person)
    call_command("audit", "verify")
    assert "Audit chain intact" in capsys.readouterr().out


def test_a_row_edited_by_hand_makes_verify_fail() -> None:
    person = factories.user()
    target = event_record(action=Action.CONSULTATION, actor=person, obj=person)
    event_record(action=Action.CONSULTATION, actor=person, obj=person)
    _tamper(f"UPDATE {TABLE} SET username = %s WHERE id = %s", ["innocent", target.pk])
    assert AuditEvent.objects.get(pk=target.pk).username == "innocent"
    with pytest.raises(CommandError, match=f"event {target.sequence} was altered"):
        call_command("audit", "verify")


def test_a_row_deleted_by_hand_makes_verify_fail() -> None:
    person = factories.user()
    target = event_record(action=Action.CONSULTATION, actor=person, obj=person)
    event_record(action=Action.CONSULTATION, actor=person, obj=person)
    _tamper(f"DELETE FROM {TABLE} WHERE id = %s", [target.pk])
    with pytest.raises(CommandError, match=f"event {target.sequence} is missing"):
        call_command("audit", "verify")


def test_the_last_row_deleted_by_hand_makes_verify_fail() -> None:
    person = factories.user()
    last = event_record(action=Action.CONSULTATION, actor=person, obj=person)
    _tamper(f"DELETE FROM {TABLE} WHERE id = %s", [last.pk])
    with pytest.raises(CommandError, match="removed from the end"):
        call_command("audit", "verify")
