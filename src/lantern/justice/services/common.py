"""What the justice services share: the refusal, today, and finding a suspect."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from lantern.access.rules import Capability
from lantern.access.scope import get_visible, require
from lantern.accounts.models import User
from lantern.cases.models import Involvement
from lantern.problems import Refused


class JusticeRefused(Refused):
    """A justice record that cannot be made as asked; the messages say what to do."""


def today() -> date:
    return timezone.localdate()


def suspect_involvement(user: User, involvement_id: int) -> Involvement:
    """A suspect (or victim and suspect) in one of the user's force's investigations."""
    require(user, Capability.WORK_CASES)
    involvement = get_visible(user, Involvement.objects.select_related("person", "investigation"),
                              Capability.WORK_CASES, pk=involvement_id)
    if not involvement.role_enum.is_suspect:
        raise JusticeRefused(f"{involvement.person} is not a suspect in {involvement.investigation}: "
                             "change their role first.")
    return involvement
