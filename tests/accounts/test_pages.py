"""An organisation's page and its people: own organisation only, every read of a person logged."""

import re

import pytest

from lantern.accounts.models import User
from lantern.accounts.rules import Role
from lantern.audit.models import AuditEvent
from lantern.audit.rules import Action
from tests import factories

pytestmark = pytest.mark.django_db


def _without_csrf(html: bytes) -> bytes:
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", html)


def test_own_organisation_page_lists_its_people_and_logs_the_consultation() -> None:
    me = factories.user(Role.INVESTIGATOR)
    colleague = factories.user(Role.SUPERVISOR)
    page = factories.signed_in_client(me).get("/organisations/west-yorkshire/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "West Yorkshire Police" in html and str(colleague) in html
    event = AuditEvent.objects.filter(action=Action.CONSULTATION, user_id=me.pk).latest("sequence")
    assert event.object_type == "accounts.organisation"
    assert event.object_id == str(me.organisation_id)
    assert event.detail["people_shown"] >= 2


def test_another_organisations_page_answers_404_like_a_missing_one() -> None:
    me = factories.user(Role.FORCE_LEAD)
    factories.user(Role.INVESTIGATOR, org="greater-manchester")
    client = factories.signed_in_client(me)
    other = client.get("/organisations/greater-manchester/")
    missing = client.get("/organisations/no-such-force/")
    assert other.status_code == missing.status_code == 404
    assert _without_csrf(other.content) == _without_csrf(missing.content)
    assert "Greater Manchester" not in other.content.decode()


def test_a_person_page_is_a_logged_consultation_and_other_forces_people_are_not_found() -> None:
    me = factories.user(Role.INVESTIGATOR)
    colleague = factories.user(Role.SUPERVISOR)
    stranger = factories.user(Role.INVESTIGATOR, org="greater-manchester")
    client = factories.signed_in_client(me)
    assert client.get(f"/people/{colleague.pk}/").status_code == 200
    assert AuditEvent.objects.filter(action=Action.CONSULTATION, user_id=me.pk,
                                     object_type="accounts.user",
                                     object_id=str(colleague.pk)).exists()
    assert client.get(f"/people/{stranger.pk}/").status_code == 404
    assert not AuditEvent.objects.filter(object_type="accounts.user",
                                         object_id=str(stranger.pk), user_id=me.pk).exists()


def test_partner_users_see_their_organisation_but_not_a_staff_list() -> None:
    partner = factories.user(Role.PARTNER_AGENCY, org="sca")
    client = factories.signed_in_client(partner)
    page = client.get("/organisations/sca/")
    assert page.status_code == 200
    assert "People" not in page.content.decode()
    assert client.get(f"/people/{partner.pk}/").status_code == 403


def test_the_directory_lists_every_organisation_but_links_only_your_own() -> None:
    me = factories.user(Role.INVESTIGATOR)
    html = factories.signed_in_client(me).get("/organisations/").content.decode()
    assert "Greater Manchester Police" in html
    assert 'href="/organisations/west-yorkshire/"' in html
    assert 'href="/organisations/greater-manchester/"' not in html


def test_an_administrator_adds_a_person_with_roles() -> None:
    admin = factories.user(Role.ADMINISTRATOR)
    client = factories.signed_in_client(admin)
    response = client.post("/people/new/", {
        "username": "new-officer", "first_name": "Ada", "last_name": "Lovelace",
        "email": "ada@example.invalid", "roles": [Role.FRONTLINE_OFFICER.value],
        "password": "a-long-first-password-77",
    })
    assert response.status_code == 302
    created = User.objects.get(username="new-officer")
    assert created.organisation == admin.organisation
    assert created.role_set == {Role.FRONTLINE_OFFICER}
    assert created.password.startswith("argon2")
    assert AuditEvent.objects.filter(action=Action.COLLECTION, object_id=str(created.pk),
                                     user_id=admin.pk).exists()


def test_bad_input_gets_specific_messages_and_changes_nothing() -> None:
    admin = factories.user(Role.ADMINISTRATOR)
    before = User.objects.count()
    response = factories.signed_in_client(admin).post("/people/new/", {
        "username": "x", "first_name": "", "last_name": "L", "email": "not-an-email",
        "password": "short",
    })
    html = response.content.decode()
    assert response.status_code == 200
    for message in ("Enter their first name", "Enter an email address like",
                    "Choose at least one role", "at least 12 characters"):
        assert message in html
    assert 'href="#id_first_name"' in html
    assert User.objects.count() == before


def test_partner_roles_cannot_be_given_in_a_police_force() -> None:
    admin = factories.user(Role.ADMINISTRATOR)
    response = factories.signed_in_client(admin).post("/people/new/", {
        "username": "odd", "first_name": "O", "last_name": "D", "email": "o@example.invalid",
        "roles": [Role.PARTNER_AGENCY.value], "password": "a-long-first-password-77",
    })
    assert "Select a valid choice" in response.content.decode()
    assert not User.objects.filter(username="odd").exists()


def test_two_administrators_editing_one_person_are_told_of_the_conflict() -> None:
    admin = factories.user(Role.ADMINISTRATOR)
    person = factories.user(Role.INVESTIGATOR)
    client = factories.signed_in_client(admin)
    form = {"first_name": "Changed", "last_name": person.last_name, "email": person.email,
            "job_title": "", "collar_number": "", "roles": [Role.INVESTIGATOR.value],
            "is_active": "on", "version": person.version}
    assert client.post(f"/people/{person.pk}/edit/", form).status_code == 302
    stale = client.post(f"/people/{person.pk}/edit/", {**form, "first_name": "Overwrite"})
    assert stale.status_code == 200
    assert "changed by someone else" in stale.content.decode()
    person.refresh_from_db()
    assert person.first_name == "Changed" and person.version == 2


def test_an_administrator_disables_a_person_and_the_change_is_audited() -> None:
    admin = factories.user(Role.ADMINISTRATOR)
    person = factories.user(Role.INVESTIGATOR)
    factories.signed_in_client(admin).post(f"/people/{person.pk}/edit/", {
        "first_name": person.first_name, "last_name": person.last_name, "email": person.email,
        "roles": [Role.INVESTIGATOR.value, Role.SUPERVISOR.value], "version": person.version,
    })
    person.refresh_from_db()
    assert not person.is_active
    event = AuditEvent.objects.filter(action=Action.ALTERATION, object_id=str(person.pk)).latest(
        "sequence")
    assert "is_active" in event.detail["fields"]
    assert event.detail["roles_added"] == [Role.SUPERVISOR.value]


def test_resetting_two_factor_needs_a_reason_and_removes_the_device() -> None:
    admin = factories.user(Role.ADMINISTRATOR)
    person = factories.user(Role.INVESTIGATOR)
    client = factories.signed_in_client(admin)
    assert "Say why" in client.post(f"/people/{person.pk}/reset-two-factor/",
                                    {"reason": ""}).content.decode()
    client.post(f"/people/{person.pk}/reset-two-factor/", {"reason": "Lost phone"})
    from django_otp.plugins.otp_totp.models import TOTPDevice

    assert not TOTPDevice.objects.filter(user=person).exists()
    assert AuditEvent.objects.filter(object_id=str(person.pk), justification="Lost phone").exists()


def test_only_administrators_manage_people_and_only_in_their_own_organisation() -> None:
    investigator = factories.user(Role.INVESTIGATOR)
    colleague = factories.user(Role.INVESTIGATOR)
    client = factories.signed_in_client(investigator)
    assert client.get("/people/new/").status_code == 403
    assert client.get(f"/people/{colleague.pk}/edit/").status_code == 403
    admin_elsewhere = factories.user(Role.ADMINISTRATOR, org="greater-manchester")
    other = factories.signed_in_client(admin_elsewhere)
    assert other.get(f"/people/{colleague.pk}/edit/").status_code == 404


def test_error_pages_reveal_nothing_and_keep_the_layout() -> None:
    client = factories.signed_in_client(factories.user(Role.INVESTIGATOR))
    html = client.get("/people/999999/").content.decode()
    assert "Page not found" in html and "999999" not in html
    assert "govuk-header" in html
