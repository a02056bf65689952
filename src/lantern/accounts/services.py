"""Every change to organisations' people: one function per thing a person does."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from lantern.access.rules import Capability
from lantern.access.scope import get_visible, require
from lantern.accounts.models import Organisation, RoleGrant, User
from lantern.accounts.rules import Role, role_problems
from lantern.audit.rules import Action
from lantern.audit.services import event_record
from lantern.problems import Refused, version_check


class AccountError(Refused):
    """A change to an account that cannot be made as asked; the message says why."""


def _check_roles(organisation: Organisation, roles: Iterable[Role]) -> set[Role]:
    chosen = set(roles)
    problems = role_problems(organisation.kind_enum, chosen)
    if problems:
        raise AccountError(" ".join(problems))
    return chosen


def _grant_roles(user: User, roles: set[Role]) -> None:
    user.role_grants.exclude(role__in=[r.value for r in roles]).delete()
    existing = set(user.role_grants.values_list("role", flat=True))
    RoleGrant.objects.bulk_create(
        RoleGrant(user=user, role=r.value) for r in roles if r.value not in existing
    )
    user.__dict__.pop("role_set", None)


@transaction.atomic
def user_create(
    *,
    organisation: Organisation,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    roles: Iterable[Role],
    password: str | None,
    job_title: str = "",
    collar_number: str = "",
    created_by: User | None = None,
) -> User:
    """Add a person to an organisation with their roles. They set up two-factor sign-in on first use.

    ``created_by`` is the administrator doing it; ``None`` only for set-up from the command line.
    ``password`` None makes an account nobody can sign in to with a password (the generator's
    synthetic staff, who own the records it writes).
    """
    if created_by is not None:
        require(created_by, Capability.MANAGE_USERS)
        if created_by.organisation_id != organisation.pk:
            raise AccountError("You can only add people to your own organisation.")
    chosen = _check_roles(organisation, roles)
    if User.objects.filter(username__iexact=username).exists():
        raise AccountError(f"The username {username!r} is already taken: choose another.")
    user = User(
        organisation=organisation,
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        job_title=job_title,
        collar_number=collar_number,
    )
    if password is None:
        user.set_unusable_password()
    else:
        try:
            validate_password(password, user)
        except ValidationError as invalid:
            raise AccountError(" ".join(invalid.messages)) from invalid
        user.set_password(password)
    user.save()
    _grant_roles(user, chosen)
    event_record(
        action=Action.COLLECTION,
        actor=created_by,
        obj=user,
        username="" if created_by else "command line",
        organisation=organisation,
        detail={"roles": sorted(r.value for r in chosen), "organisation": organisation.code},
    )
    return user


@transaction.atomic
def user_update(
    *,
    administrator: User,
    user_id: int,
    version: int,
    first_name: str,
    last_name: str,
    email: str,
    job_title: str,
    collar_number: str,
    roles: Iterable[Role],
    is_active: bool,
) -> User:
    """Change a colleague's details, roles or whether they may sign in.

    Refused with ``EditConflict`` when someone else saved the record after ``version`` was read.
    """
    require(administrator, Capability.MANAGE_USERS)
    user = get_visible(
        administrator, User.objects.select_for_update(), Capability.MANAGE_USERS, pk=user_id
    )
    version_check(user, version, str(user))
    if user.pk == administrator.pk and not is_active:
        raise AccountError("You cannot disable your own account.")
    chosen = _check_roles(user.organisation, roles)
    before = {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "job_title": user.job_title,
        "collar_number": user.collar_number,
        "is_active": user.is_active,
    }
    user.first_name, user.last_name, user.email = first_name, last_name, email
    user.job_title, user.collar_number, user.is_active = job_title, collar_number, is_active
    changed = sorted(k for k, v in before.items() if getattr(user, k) != v)
    old_roles = set(user.role_set)
    if old_roles != chosen:
        changed.append("roles")
    user.save()
    _grant_roles(user, chosen)
    event_record(
        action=Action.ALTERATION,
        actor=administrator,
        obj=user,
        detail={
            "fields": changed,
            "roles_added": sorted(r.value for r in chosen - old_roles),
            "roles_removed": sorted(r.value for r in old_roles - chosen),
        },
    )
    return user


@transaction.atomic
def mfa_reset(*, administrator: User, user_id: int, reason: str) -> User:
    """Remove a colleague's two-factor devices (a lost phone); they set up again at next sign-in."""
    require(administrator, Capability.MANAGE_USERS)
    if not reason.strip():
        raise AccountError("Say why two-factor sign-in is being reset.")
    user = get_visible(administrator, User.objects.all(), Capability.MANAGE_USERS, pk=user_id)
    removed, _ = TOTPDevice.objects.filter(user=user).delete()
    event_record(
        action=Action.ALTERATION,
        actor=administrator,
        obj=user,
        justification=reason,
        detail={"fields": ["two_factor_devices"], "devices_removed": removed},
    )
    return user


def totp_device_for_set_up(*, user: User) -> TOTPDevice:
    """The unconfirmed authenticator this user is setting up, made if there is none yet."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return device


@transaction.atomic
def totp_device_confirm(*, user: User, device: TOTPDevice, token: str) -> bool:
    """Confirm an authenticator app by its first code; false if the code is wrong."""
    if device.user_id != user.pk or device.confirmed or not device.verify_token(token):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    event_record(
        action=Action.ALTERATION, actor=user, obj=user, detail={"fields": ["two_factor_devices"]}
    )
    return True


def sign_in_record(*, user: User, method: str) -> None:
    event_record(action=Action.SIGN_IN, actor=user, obj=user, detail={"second_factor": method})


def sign_in_failure_record(*, username: str, stage: str) -> None:
    """A failed password or code. The username typed is kept, never the password."""
    event_record(
        action=Action.SIGN_IN_FAILED, actor=None, username=username[:150], detail={"stage": stage}
    )


def sign_out_record(*, user: User) -> None:
    event_record(action=Action.SIGN_OUT, actor=user, obj=user)
