"""Disruptions: one or more threat types, the tactic, the target, the assessed impact."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.db import transaction

from lantern.access.rules import Capability
from lantern.access.scope import get_visible, require, visible
from lantern.accounts.models import User
from lantern.audit.rules import Action
from lantern.audit.services import event_record
from lantern.cases.models import Investigation, OrganisedCrimeGroup
from lantern.justice.models import Disruption, DisruptionThreat
from lantern.justice.rules.disruptions import (
    DisruptionCounts,
    Impact,
    Tactic,
    ThreatType,
    count_disruptions,
    disruption_problems,
)
from lantern.justice.services.common import JusticeRefused, today


@transaction.atomic
def disruption_record(*, user: User, on: date, threat_types: Sequence[ThreatType], tactic: Tactic,
                      impact: Impact, impact_rationale: str, description: str,
                      group_id: int | None = None, investigation_id: int | None = None) -> Disruption:
    """Record a disruption against a group or an investigation's targets (seed 004 §7)."""
    require(user, Capability.WORK_CASES)
    group = (get_visible(user, OrganisedCrimeGroup.objects.all(), Capability.WORK_CASES, pk=group_id)
             if group_id is not None else None)
    investigation = (get_visible(user, Investigation.objects.all(), Capability.WORK_CASES,
                                 pk=investigation_id) if investigation_id is not None else None)
    problems = disruption_problems(threat_types=threat_types, tactic=tactic, target_ocg=group is not None,
                                   target_investigation=investigation is not None, impact=impact,
                                   description=description)
    if not impact_rationale.strip():
        problems.append("Say why you assessed the impact as you did.")
    if on > today():
        problems.append("The date of the disruption must be today or in the past.")
    JusticeRefused.unless_empty(problems)
    disruption = Disruption.objects.create(
        organisation=user.organisation, on=on, tactic=tactic.value, group=group, investigation=investigation,
        impact=impact.value, impact_rationale=impact_rationale, description=description, recorded_by=user)
    DisruptionThreat.objects.bulk_create(DisruptionThreat(disruption=disruption, threat_type=t.value)
                                         for t in dict.fromkeys(threat_types))
    event_record(action=Action.COLLECTION, actor=user, obj=disruption,
                 detail={"threat_types": [t.value for t in threat_types]})
    return disruption


def disruption_counts(*, user: User) -> DisruptionCounts:
    """The force's disruptions counted once each, and once per threat type they hit."""
    require(user, Capability.SEE_CASES)
    rows = visible(user, Disruption.objects.prefetch_related("threats"), Capability.SEE_CASES)
    return count_disruptions([ThreatType(t.threat_type) for t in d.threats.all()] for d in rows)
