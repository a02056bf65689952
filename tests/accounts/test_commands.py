"""The command-line tools: adduser for the first administrator, demo only in demo mode."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from lantern.accounts.models import User
from lantern.accounts.rules import Role
from lantern.audit.models import AuditEvent
from lantern.audit.rules import Action
from tests import factories

pytestmark = pytest.mark.django_db


def test_adduser_adds_an_administrator_and_records_the_collection(
        monkeypatch: pytest.MonkeyPatch) -> None:
    factories.reference_organisations()
    monkeypatch.setattr("sys.stdin", io.StringIO("a-long-first-password-77\n"))
    call_command("adduser", "first.admin", "--organisation", "west-yorkshire",
                 "--role", "administrator", "--first-name", "First", "--last-name", "Admin",
                 "--email", "first.admin@example.invalid", "--password-from-stdin",
                 stdout=io.StringIO())
    admin = User.objects.get(username="first.admin")
    assert admin.role_set == {Role.ADMINISTRATOR}
    event = AuditEvent.objects.get(action=Action.COLLECTION, object_id=str(admin.pk))
    assert event.username == "command line"
    assert event.organisation_name == "West Yorkshire Police"


def test_adduser_refuses_an_unknown_organisation_and_a_weak_password(
        monkeypatch: pytest.MonkeyPatch) -> None:
    factories.reference_organisations()
    monkeypatch.setattr("sys.stdin", io.StringIO("a-long-first-password-77\n"))
    with pytest.raises(CommandError, match="No organisation has the code 'atlantis'"):
        call_command("adduser", "x", "--organisation", "atlantis", "--role", "investigator",
                     "--first-name", "X", "--last-name", "Y", "--email", "x@example.invalid",
                     "--password-from-stdin")
    monkeypatch.setattr("sys.stdin", io.StringIO("password\n"))
    with pytest.raises(CommandError, match="too short"):
        call_command("adduser", "y", "--organisation", "kent", "--role", "investigator",
                     "--first-name", "X", "--last-name", "Y", "--email", "y@example.invalid",
                     "--password-from-stdin")
    assert not User.objects.filter(username__in=["x", "y"]).exists()


def test_demo_data_loads_only_in_demo_mode() -> None:
    with pytest.raises(CommandError, match="only with LANTERN_ENV=demo"):
        call_command("demo")


@override_settings(IS_DEMO=True)
def test_demo_loads_a_person_for_every_role_and_is_idempotent() -> None:
    factories.reference_organisations()
    out = io.StringIO()
    call_command("demo", stdout=out)
    call_command("demo", stdout=io.StringIO())
    held = {role for user in User.objects.all() for role in user.role_set}
    assert held == set(Role)
    assert "http://127.0.0.1:8000/" in out.getvalue()
    assert User.objects.filter(username="investigator").count() == 1
