"""Every safeguarding read, always given the user, scoped by ``lantern.access``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet

from lantern.access.rules import Capability
from lantern.access.scope import can, get_visible, require, visible
from lantern.accounts.models import User
from lantern.audit.rules import Action
from lantern.audit.services import event_record
from lantern.cases.models import Involvement
from lantern.safeguarding.models import Disclosure, InformationRequest, Referral, VictimUpdate
from lantern.safeguarding.services.common import today, victim_involvement


def victim_get(*, user: User, involvement_id: int) -> Involvement:
    """A victim's safeguarding record: a consultation of their personal data."""
    involvement = victim_involvement(user, involvement_id, Capability.SAFEGUARD)
    event_record(action=Action.CONSULTATION, actor=user, obj=involvement.person,
                 detail={"view": "safeguarding"})
    return involvement


def referral_get(*, user: User, referral_id: int) -> Referral:
    require(user, Capability.SAFEGUARD)
    referral = get_visible(user, Referral.objects.select_related(
        "involvement__person", "involvement__investigation", "organisation", "first_responder", "created_by",
        "submitted_by").prefetch_related("decisions", "information_requests", "recovery_changes"),
        Capability.SAFEGUARD, pk=referral_id)
    event_record(action=Action.CONSULTATION, actor=user, obj=referral)
    return referral


def referral_by_reference(reference: str) -> Referral:
    """For the command line (server rights): a referral by its printed reference."""
    try:
        _, _, number = reference.strip().upper().split("-")
        return Referral.objects.select_related("involvement__investigation", "organisation",
                                               "created_by").get(pk=int(number))
    except (ValueError, Referral.DoesNotExist) as missing:
        raise LookupError(f"No referral or notice has the reference {reference!r}.") from missing


@dataclass(frozen=True)
class TaskList:
    """Each kind of task, the most pressing ``TASKS_SHOWN`` of it; ``totals`` counts them all."""

    overdue_updates: list[VictimUpdate]
    due_updates: list[VictimUpdate]
    information_requests: list[InformationRequest]
    disclosures_to_approve: list[Disclosure]
    draft_referrals: list[Referral]
    totals: dict[str, int] = field(default_factory=dict)

    @property
    def count(self) -> int:
        """Every task, shown or not."""
        return sum(self.total(name) for name in _TASK_KINDS)

    def total(self, name: str) -> int:
        return self.totals.get(name, len(getattr(self, name)))

    @property
    def not_shown(self) -> dict[str, int]:
        """Of each kind with more than ``TASKS_SHOWN``, how many are not listed."""
        return {name: self.total(name) - len(getattr(self, name)) for name in _TASK_KINDS
                if self.total(name) > len(getattr(self, name))}


_TASK_KINDS = ("overdue_updates", "due_updates", "information_requests", "disclosures_to_approve",
               "draft_referrals")
# A force's supervisor sees every task in the force: the most pressing of each kind are listed,
# and how many more there are, so that the page stays a page (the largest forces hold hundreds).
TASKS_SHOWN = 50


def _most_pressing(queryset: QuerySet) -> tuple[list[Any], int]:
    """The first ``TASKS_SHOWN`` rows and how many there are in all (counted only if more)."""
    shown = list(queryset[:TASKS_SHOWN])
    return shown, (queryset.count() if len(shown) == TASKS_SHOWN else len(shown))


def _mine(user: User, queryset: QuerySet, path: str) -> QuerySet:
    """An officer's own work (cases they lead or recorded, victims they support); a
    supervisor's, everything in their force."""
    if can(user, Capability.SUPERVISE_CASES):
        return queryset
    involvement = path.removesuffix("__investigation")
    return queryset.filter(Q(**{f"{path}__officer_in_charge": user})
                           | Q(**{f"{path}__created_by": user})
                           | Q(**{f"{involvement}__supporters__user": user})).distinct()


def tasks_for(*, user: User) -> TaskList:
    """What the user must do: Victims' Code updates due or overdue, requests for information,
    disclosures awaiting their approval, referrals they have not submitted."""
    require(user, Capability.SAFEGUARD)
    day = today()
    updates = _mine(user, visible(user, VictimUpdate.objects.filter(given_on__isnull=True),
                                  Capability.SAFEGUARD), "involvement__investigation")
    updates = updates.select_related("involvement__person", "involvement__investigation")
    requests = _mine(user, visible(user, InformationRequest.objects.filter(answered_on__isnull=True),
                                   Capability.SAFEGUARD), "referral__involvement__investigation")
    disclosures = (visible(user, Disclosure.objects.filter(
        state=Disclosure.State.AWAITING_APPROVAL), Capability.SAFEGUARD).exclude(requested_by=user)
        .select_related("involvement__person", "requested_by")
        if can(user, Capability.SUPERVISE_CASES) else Disclosure.objects.none())
    drafts = visible(user, Referral.objects.filter(state=Referral.State.DRAFT, created_by=user),
                     Capability.SAFEGUARD).select_related("involvement__person")
    lists = {
        "overdue_updates": _most_pressing(updates.filter(due_on__lt=day).order_by("due_on", "pk")),
        "due_updates": _most_pressing(updates.filter(due_on__gte=day).order_by("due_on", "pk")),
        "information_requests": _most_pressing(requests.select_related("referral").order_by("due_on", "pk")),
        "disclosures_to_approve": _most_pressing(disclosures.order_by("pk")),
        "draft_referrals": _most_pressing(drafts.order_by("pk")),
    }
    task_list = TaskList(**{name: shown for name, (shown, _) in lists.items()},
                         totals={name: total for name, (_, total) in lists.items()})
    # The list names victims and what is owed to them: a consultation of their records.
    event_record(action=Action.CONSULTATION, actor=user, object_type="safeguarding.tasks",
                 detail={"updates_shown": len(task_list.overdue_updates) + len(task_list.due_updates),
                         "requests_shown": len(task_list.information_requests),
                         "disclosures_shown": len(task_list.disclosures_to_approve),
                         "referrals_shown": len(task_list.draft_referrals)})
    return task_list


def colleagues(*, user: User) -> list[tuple[int, str]]:
    """The user's active colleagues, for choosing a supporter."""
    return [(c.pk, str(c)) for c in visible(user, User.objects.filter(is_active=True),
                                            Capability.SEE_COLLEAGUES)]


@dataclass(frozen=True)
class DisclosureRegister:
    disclosures: list[Disclosure]
    by_state: dict[str, int]
    by_purpose: dict[str, int]
    victim_not_told: int


def disclosure_for_decision(*, user: User, disclosure_id: int) -> Disclosure:
    """A disclosure awaiting a supervisor's decision, with whom it is about: a consultation of
    that person's record."""
    require(user, Capability.SUPERVISE_CASES)
    item = get_visible(user, Disclosure.objects.select_related("involvement__person", "requested_by"),
                       Capability.SAFEGUARD, pk=disclosure_id)
    event_record(action=Action.CONSULTATION, actor=user, obj=item.involvement.person,
                 detail={"disclosure": item.pk})
    return item


def disclosure_register(*, user: User) -> DisclosureRegister:
    """Every disclosure to immigration enforcement in the user's force, counted (002 §12.16: no
    data showed how many contacts there were, why, or what followed)."""
    require(user, Capability.SUPERVISE_CASES)
    items = list(visible(user, Disclosure.objects.all(), Capability.SUPERVISE_CASES)
                 .select_related("involvement__person", "requested_by", "decided_by"))
    event_record(action=Action.CONSULTATION, actor=user, object_type="safeguarding.disclosure_register",
                 detail={"disclosures_shown": len(items)})
    by_state: dict[str, int] = {}
    by_purpose: dict[str, int] = {}
    for item in items:
        by_state[item.get_state_display()] = by_state.get(item.get_state_display(), 0) + 1
        by_purpose[item.get_purpose_display()] = by_purpose.get(item.get_purpose_display(), 0) + 1
    return DisclosureRegister(items, by_state, by_purpose,
                              sum(1 for d in items if not d.victim_told))
