"""Disclosures of a victim's information to immigration enforcement: requested with purpose and
legal basis, approved by a supervisor, recorded in the audit trail as disclosures, counted."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from lantern.access.rules import Capability
from lantern.access.scope import can, get_visible, require
from lantern.accounts.models import User
from lantern.audit.rules import Action
from lantern.audit.services import event_record
from lantern.safeguarding.models import Disclosure
from lantern.safeguarding.rules.disclosure import (
    DisclosurePolicy,
    DisclosureRequest,
    LegalBasis,
    Purpose,
    approval_problems,
    disclosure_problems,
)
from lantern.safeguarding.services.common import SafeguardingRefused, today, victim_involvement


def disclosure_policy() -> DisclosurePolicy:
    """The force's configured policy (settings ``LANTERN_REFUSE_DA_DOUBTS_ONLY_DISCLOSURES``)."""
    return DisclosurePolicy(refuse_domestic_abuse_doubts_only=settings.LANTERN_REFUSE_DA_DOUBTS_ONLY)


@transaction.atomic
def disclosure_request(*, user: User, involvement_id: int, purpose: Purpose, legal_basis: LegalBasis,
                       what_shared: str, recipient: str, domestic_abuse_victim: bool,
                       evidence_of_immigration_offence: bool, victim_told: bool | None,
                       reason_victim_not_told: str = "", purpose_detail: str = "") -> Disclosure:
    """Ask to share a victim's information with immigration enforcement. Nothing is shared until
    a supervisor approves; a request the policy forbids is refused with the alternative."""
    involvement = victim_involvement(user, involvement_id)
    request = DisclosureRequest(
        purpose=purpose, legal_basis=legal_basis, what_shared=what_shared, recipient=recipient,
        domestic_abuse_victim=domestic_abuse_victim,
        evidence_of_immigration_offence=evidence_of_immigration_offence, victim_told=victim_told,
        reason_victim_not_told=reason_victim_not_told, purpose_detail=purpose_detail)
    SafeguardingRefused.unless_empty(disclosure_problems(request, disclosure_policy()))
    disclosure = Disclosure.objects.create(
        involvement=involvement, purpose=purpose.value, purpose_detail=purpose_detail,
        legal_basis=legal_basis.value, what_shared=what_shared, recipient=recipient,
        domestic_abuse_victim=domestic_abuse_victim,
        evidence_of_immigration_offence=evidence_of_immigration_offence,
        victim_told=bool(victim_told), victim_told_on=today() if victim_told else None,
        reason_victim_not_told=reason_victim_not_told, requested_by=user)
    event_record(action=Action.ALTERATION, actor=user, obj=involvement.person,
                 detail={"fields": ["disclosures"], "disclosure": disclosure.pk,
                         "state": "awaiting_approval"})
    return disclosure


@transaction.atomic
def disclosure_decide(*, user: User, disclosure_id: int, approve: bool, note: str = "") -> Disclosure:
    """A supervisor, not the requester, approves (and the information goes) or refuses."""
    require(user, Capability.SAFEGUARD)
    disclosure = get_visible(user, Disclosure.objects.select_for_update().select_related(
        "involvement__person"), Capability.SAFEGUARD, pk=disclosure_id)
    if disclosure.state != Disclosure.State.AWAITING_APPROVAL:
        raise SafeguardingRefused("This disclosure has already been decided.")
    SafeguardingRefused.unless_empty(approval_problems(
        requested_by_id=disclosure.requested_by_id, approver_id=user.pk,
        approver_is_supervisor=can(user, Capability.SUPERVISE_CASES)))
    if not approve and not note.strip():
        raise SafeguardingRefused("Say why the disclosure is refused.")
    disclosure.state = Disclosure.State.APPROVED if approve else Disclosure.State.REFUSED
    disclosure.decided_by, disclosure.decided_at, disclosure.decision_note = user, timezone.now(), note
    disclosure.save()
    if approve:
        event_record(action=Action.DISCLOSURE, actor=user, obj=disclosure.involvement.person,
                     recipient=disclosure.recipient,
                     justification=f"{Purpose(disclosure.purpose).label}; "
                                   f"{LegalBasis(disclosure.legal_basis).label}",
                     detail={"disclosure": disclosure.pk, "victim_told": disclosure.victim_told,
                             "requested_by": disclosure.requested_by_id})
    else:
        event_record(action=Action.ALTERATION, actor=user, obj=disclosure.involvement.person,
                     detail={"fields": ["disclosures"], "disclosure": disclosure.pk,
                             "state": "refused"})
    return disclosure
