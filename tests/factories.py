"""Test data for people and organisations, made through the same services the product uses."""

from __future__ import annotations

import itertools
from datetime import date

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from lantern.accounts import services
from lantern.accounts.models import Organisation, User
from lantern.accounts.reference_data import organisations_load
from lantern.accounts.rules import Role
from lantern.cases.models import Investigation, Involvement

PASSWORD = "correct-horse-battery-staple-42"
_numbers = itertools.count(1)


def reference_organisations() -> None:
    """The reference data the migrations load (organisations, dated legal rules), loaded again
    after a transactional test emptied the tables."""
    if not Organisation.objects.filter(code="west-yorkshire").exists():
        organisations_load(Organisation)
    from lantern.legal.models import LegalRule
    from lantern.legal.rules import DEFAULT_RULES

    if not LegalRule.objects.exists():
        LegalRule.objects.bulk_create(
            LegalRule(key=r.key.value, value=r.value, in_force_from=r.in_force_from, source=r.source)
            for r in DEFAULT_RULES)


def organisation(code: str = "west-yorkshire") -> Organisation:
    reference_organisations()
    return Organisation.objects.get(code=code)


def user(*roles: Role, org: str = "west-yorkshire", username: str | None = None,
         with_device: bool = True) -> User:
    number = next(_numbers)
    person = services.user_create(
        organisation=organisation(org),
        username=username or f"person{number}",
        first_name="Test", last_name=f"Person {number}",
        email=f"person{number}@example.invalid",
        roles=roles or (Role.INVESTIGATOR,),
        password=PASSWORD,
    )
    if with_device:
        TOTPDevice.objects.create(user=person, name="phone", confirmed=True)
    return person


def totp_code(person: User) -> str:
    """The code the person's authenticator app shows now."""
    device = TOTPDevice.objects.get(user=person, confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def signed_in_client(person: User) -> Client:
    """A client signed in with password and a verified second factor, as after a real sign-in."""
    client = Client()
    client.force_login(person)
    device = TOTPDevice.objects.get(user=person, confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def investigation(owner: User, reference: str | None = None, **overrides: object) -> Investigation:
    """An investigation recorded by ``owner`` in their force, through the service."""
    from lantern.cases import services as case_services
    from lantern.cases.rules import ExploitationType, Offence

    number = next(_numbers)
    fields: dict[str, object] = {
        "crime_reference": reference or f"WY/{number:05d}/26",
        "recorded_on": date(2026, 11, 2),
        "offences": [Offence.MSA_S1],
        "exploitation_types": [ExploitationType.LABOUR],
        **overrides,
    }
    return case_services.investigation_record(user=owner, **fields)  # type: ignore[arg-type]


def victim(owner: User, case: Investigation, first_name: str = "Ana", **person: object) -> Involvement:
    from lantern.cases import services as case_services
    from lantern.cases.rules import InvolvementRole

    return case_services.person_add_to_investigation(
        user=owner, investigation_id=case.pk, role=InvolvementRole.VICTIM,
        first_name=first_name, last_name="Example", **person)
