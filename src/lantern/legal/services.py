"""Reading and extending the table of dated legal rules."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from lantern.access.rules import Capability
from lantern.access.scope import require
from lantern.accounts.models import User
from lantern.audit.rules import Action
from lantern.audit.services import event_record
from lantern.legal.models import LegalRule
from lantern.legal.rules import DatedRule, RuleKey, new_rule_problems
from lantern.problems import Refused


class RuleRefused(Refused):
    """A new legal rule row that cannot be added as given."""


def rules_table() -> list[DatedRule]:
    """Every dated rule, as plain rows for the rules modules."""
    return [row.as_dated_rule() for row in LegalRule.objects.all()]


@transaction.atomic
def legal_rule_add(*, user: User, key: RuleKey, value: str, in_force_from: date,
                   source: str) -> LegalRule:
    """Add a row when the law changes. Earlier rows stay, for records decided under them."""
    require(user, Capability.MANAGE_LEGAL_RULES)
    candidate = DatedRule(key=key, value=value.strip(), in_force_from=in_force_from,
                          source=source.strip())
    RuleRefused.unless_empty(new_rule_problems(rules_table(), candidate, timezone.localdate()))
    row = LegalRule.objects.create(key=key.value, value=candidate.value, in_force_from=in_force_from,
                                   source=candidate.source, added_by=user)
    event_record(action=Action.ALTERATION, actor=user, obj=row,
                 detail={"key": key.value, "in_force_from": in_force_from.isoformat()})
    return row
