"""Adding a row to the table of dated legal rules."""

from __future__ import annotations

from django import forms

from lantern.govuk_forms import GovukForm
from lantern.legal.rules import RuleKey


class LegalRuleForm(GovukForm):
    key = forms.ChoiceField(label="Rule", choices=[(k.value, k.label) for k in RuleKey],
                            widget=forms.RadioSelect)
    value = forms.CharField(label="Value", max_length=300,
                            help_text="Days as a whole number; true or false; or the test's words",
                            error_messages={"required": "Enter the rule's value"})
    in_force_from = forms.DateField(
        label="In force from", widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": "Enter the date it came into force",
                        "invalid": "Enter the date as a date, like 2027-04-01"})
    source = forms.CharField(label="Source", max_length=500,
                             help_text="The Act, regulation or guidance, with its section",
                             error_messages={"required": "Enter the source"})
