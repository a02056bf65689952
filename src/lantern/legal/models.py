"""The table of dated legal rules: each rule's value, when it came into force, and the source."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from lantern.legal.rules import DatedRule, RuleKey


class LegalRule(models.Model):
    """One row of the law as it stood from a date. Rows are added as the law changes, never edited."""

    key = models.CharField(max_length=60, choices=[(k.value, k.label) for k in RuleKey])
    value = models.CharField(max_length=300)
    in_force_from = models.DateField()
    source = models.CharField(max_length=500)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                                 blank=True, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["key", "in_force_from"]
        constraints = [models.UniqueConstraint(fields=["key", "in_force_from"],
                                               name="one_rule_per_key_and_date")]

    def __str__(self) -> str:
        return f"{self.key} from {self.in_force_from}: {self.value}"

    def as_dated_rule(self) -> DatedRule:
        return DatedRule(key=RuleKey(self.key), value=self.value, in_force_from=self.in_force_from,
                         source=self.source)
