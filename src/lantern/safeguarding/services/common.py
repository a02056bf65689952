"""What the safeguarding services share: the refusal, today's date, finding a victim."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from lantern.access.rules import Capability
from lantern.access.scope import get_visible, require
from lantern.accounts.models import User
from lantern.cases.models import Involvement
from lantern.problems import Refused
from lantern.safeguarding.models import Referral


class SafeguardingRefused(Refused):
    """A safeguarding step that cannot be taken as asked; the messages say what to do."""


def today() -> date:
    return timezone.localdate()


def victim_involvement(user: User, involvement_id: int,
                       capability: Capability = Capability.SAFEGUARD) -> Involvement:
    """A victim in one of the user's force's investigations, or NotVisible."""
    require(user, capability)
    involvement = get_visible(
        user, Involvement.objects.select_related("person", "investigation"), capability,
        pk=involvement_id)
    if not involvement.role_enum.is_victim:
        raise SafeguardingRefused(f"{involvement.person} is not recorded as a victim in "
                                  f"{involvement.investigation}.")
    return involvement


def involvement_of_force(user: User, involvement_id: int) -> Involvement:
    """Someone's part in one of the user's force's investigations, or NotVisible: checked before a
    safeguarding form about them is shown (the service checks, on saving, that they are a victim)."""
    require(user, Capability.SAFEGUARD)
    return get_visible(user, Involvement.objects.all(), Capability.SAFEGUARD, pk=involvement_id)


def referral_of_force(user: User, referral_id: int) -> Referral:
    """A referral of the user's force, or NotVisible: checked before its forms are shown, so a
    form is never offered for someone else's referral (or to a role that may not safeguard)."""
    require(user, Capability.SAFEGUARD)
    return get_visible(user, Referral.objects.all(), Capability.SAFEGUARD, pk=referral_id)
