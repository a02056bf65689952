"""Every read of organisations and their people, always given the user who asks."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from lantern.access.rules import Capability
from lantern.access.scope import can, get_visible, require, visible
from lantern.accounts.models import Organisation, RoleGrant, User
from lantern.audit.rules import Action
from lantern.audit.services import event_record


def organisation_directory() -> QuerySet[Organisation]:
    """Every organisation by name, kind and region: reference data, with nobody's personal data."""
    return Organisation.objects.all()


def organisation_get(*, user: User, code: str) -> Organisation:
    """An organisation's own page: only for its own people."""
    return get_visible(user, Organisation.objects.all(), Capability.SEE_ORGANISATION, code=code)


def _with_roles(users: QuerySet[User]) -> QuerySet[User]:
    return users.select_related("organisation").prefetch_related(
        Prefetch("role_grants", queryset=RoleGrant.objects.order_by("role"))
    )


def colleagues_list(*, user: User, organisation: Organisation) -> list[User]:
    """The people of an organisation, for a member allowed to see colleagues. A consultation."""
    if not can(user, Capability.SEE_COLLEAGUES):
        return []
    members = list(
        _with_roles(visible(user, User.objects.filter(organisation=organisation),
                            Capability.SEE_COLLEAGUES))
    )
    event_record(
        action=Action.CONSULTATION,
        actor=user,
        obj=organisation,
        detail={"view": "people", "people_shown": len(members)},
    )
    return members


def colleague_get(*, user: User, user_id: int, capability: Capability = Capability.SEE_COLLEAGUES
                  ) -> User:
    """One colleague's record. A consultation of their personal data."""
    require(user, capability)
    colleague = get_visible(user, _with_roles(User.objects.all()), capability, pk=user_id)
    event_record(action=Action.CONSULTATION, actor=user, obj=colleague)
    return colleague
