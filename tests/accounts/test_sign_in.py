"""Signing in: password, then a TOTP code; lockout; sign-out; the demo-only bypass."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lantern.accounts.mfa import DEMO_BYPASS_SESSION_KEY
from lantern.accounts.rules import Role
from lantern.audit.models import AuditEvent
from lantern.audit.rules import Action
from tests import factories

pytestmark = pytest.mark.django_db
SIGN_IN = "/sign-in/"
TWO_FACTOR = "/sign-in/two-factor/"


def _password_step(client: Client, username: str, password: str = factories.PASSWORD):
    return client.post(SIGN_IN, {"username": username, "password": password})


def test_every_page_needs_sign_in_first() -> None:
    response = Client().get("/organisations/west-yorkshire/")
    assert response.status_code == 302
    assert response["Location"] == "/sign-in/?next=/organisations/west-yorkshire/"


def test_password_alone_does_not_open_any_page() -> None:
    person = factories.user(Role.INVESTIGATOR)
    client = Client()
    assert _password_step(client, person.username)["Location"] == TWO_FACTOR
    response = client.get(f"/organisations/{person.organisation.code}/")
    assert response.status_code == 302 and response["Location"] == TWO_FACTOR
    assert client.get("/api/me").status_code == 401


def test_password_and_totp_code_sign_in_and_land_on_the_next_page() -> None:
    person = factories.user(Role.INVESTIGATOR)
    client = Client()
    client.post(f"{SIGN_IN}?next=/organisations/", {"username": person.username,
                                                     "password": factories.PASSWORD})
    response = client.post(TWO_FACTOR, {"token": factories.totp_code(person)})
    assert response.status_code == 302 and response["Location"] == "/organisations/"
    assert client.get("/").status_code == 302
    page = client.get(f"/organisations/{person.organisation.code}/")
    assert page.status_code == 200
    assert AuditEvent.objects.filter(action=Action.SIGN_IN, user_id=person.pk,
                                     detail__second_factor="totp").exists()


def test_a_wrong_code_is_refused_with_a_clear_message_and_recorded() -> None:
    person = factories.user(Role.INVESTIGATOR)
    client = Client()
    _password_step(client, person.username)
    wrong = f"{(int(factories.totp_code(person)) + 1) % 1_000_000:06d}"
    response = client.post(TWO_FACTOR, {"token": wrong})
    assert response.status_code == 200
    assert "That code is not right" in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()
    assert client.get("/organisations/").status_code == 302
    assert AuditEvent.objects.filter(action=Action.SIGN_IN_FAILED, username=person.username,
                                     detail__stage="two_factor").exists()
    bad_format = client.post(TWO_FACTOR, {"token": "12ab"})
    assert "The code must be 6 digits" in bad_format.content.decode()


def test_wrong_password_is_refused_without_saying_which_part_was_wrong() -> None:
    person = factories.user(Role.INVESTIGATOR)
    response = _password_step(Client(), person.username, "not-the-password")
    assert response.status_code == 200
    assert "The username or password is not right" in response.content.decode()
    assert AuditEvent.objects.filter(action=Action.SIGN_IN_FAILED, username=person.username,
                                     detail__stage="password").exists()


def test_an_account_locks_after_repeated_failures_even_with_the_right_password() -> None:
    person = factories.user(Role.INVESTIGATOR)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _password_step(Client(), person.username, "wrong-password-again")
    locked = _password_step(Client(), person.username)
    assert locked.status_code == 429
    assert "locked for 30 minutes" in locked.content.decode()


def test_a_new_user_sets_up_an_authenticator_before_anything_else() -> None:
    person = factories.user(Role.INVESTIGATOR, with_device=False)
    client = Client()
    _password_step(client, person.username)
    assert client.get(TWO_FACTOR)["Location"] == "/sign-in/set-up-two-factor/"
    page = client.get("/sign-in/set-up-two-factor/")
    assert page.status_code == 200 and "<svg" in page.content.decode()
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user=person, confirmed=False)
    code = f"{TOTP(device.bin_key).token():06d}"
    response = client.post("/sign-in/set-up-two-factor/", {"token": code})
    assert response.status_code == 302
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    assert client.get(f"/organisations/{person.organisation.code}/").status_code == 200


def test_sign_out_ends_the_session() -> None:
    person = factories.user(Role.INVESTIGATOR)
    client = factories.signed_in_client(person)
    assert client.get("/organisations/").status_code == 200
    response = client.post("/sign-out/")
    assert response["Location"] == SIGN_IN
    assert client.get("/organisations/").status_code == 302
    assert AuditEvent.objects.filter(action=Action.SIGN_OUT, user_id=person.pk).exists()


def test_sessions_end_after_30_idle_minutes_each_request_pushing_the_end_on_once_a_minute() -> None:
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    person = factories.user(Role.INVESTIGATOR)
    client = factories.signed_in_client(person)
    key = client.cookies["sessionid"].value

    def ends_in() -> float:
        return (Session.objects.get(session_key=key).expire_date - timezone.now()).total_seconds()

    client.get("/organisations/")
    assert 29 * 60 < ends_in() <= 30 * 60
    # Twenty minutes idle (the session's end ten minutes off), then a request: thirty again.
    stored = SessionStore(session_key=key)
    stored["lantern_refreshed_at"] -= 20 * 60
    stored.save()
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() + timedelta(minutes=10))
    client.get("/organisations/")
    assert 29 * 60 < ends_in() <= 30 * 60
    # Within the minute, a request writes nothing.
    with CaptureQueriesContext(connection) as queries:
        client.get("/organisations/")
    assert not [q for q in queries.captured_queries
                if q["sql"].startswith("UPDATE") and "django_session" in q["sql"]]
    # A session idle past its end is over: the next request is sent to sign in.
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - timedelta(seconds=1))
    assert client.get("/organisations/").status_code == 302


def test_a_disabled_user_is_signed_out_on_their_next_request() -> None:
    person = factories.user(Role.INVESTIGATOR)
    client = factories.signed_in_client(person)
    person.is_active = False
    person.save()
    assert client.get("/organisations/").status_code == 302


def test_outside_demo_mode_there_is_no_bypass() -> None:
    person = factories.user(Role.INVESTIGATOR)
    client = Client()
    _password_step(client, person.username)
    page = client.get(TWO_FACTOR).content.decode()
    assert "Skip (demo only)" not in page
    client.post(TWO_FACTOR, {"demo_bypass": "1"})
    assert client.get("/organisations/").status_code == 302
    assert not client.session.get(DEMO_BYPASS_SESSION_KEY)


@override_settings(LANTERN_MFA_DEMO_BYPASS=True)
def test_in_demo_mode_the_bypass_works_and_every_page_says_so() -> None:
    person = factories.user(Role.INVESTIGATOR)
    client = Client()
    _password_step(client, person.username)
    assert "Skip (demo only)" in client.get(TWO_FACTOR).content.decode()
    client.post(TWO_FACTOR, {"demo_bypass": "1"})
    page = client.get(f"/organisations/{person.organisation.code}/").content.decode()
    assert "Two-factor sign-in was skipped" in page
    assert AuditEvent.objects.filter(action=Action.SIGN_IN, user_id=person.pk,
                                     detail__second_factor="demo bypass").exists()


def test_pages_are_never_cached() -> None:
    client = factories.signed_in_client(factories.user(Role.INVESTIGATOR))
    assert client.get("/organisations/")["Cache-Control"] == "no-store"
    assert Client().get(reverse("accounts:sign-in"))["Cache-Control"] == "no-store"
