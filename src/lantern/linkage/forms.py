"""Forms for the linkage room: an officer's decision on a match, a request for a run."""

from __future__ import annotations

from django import forms

from lantern.govuk_forms import GovukForm
from lantern.linkage.rules import DecisionOutcome


class DecisionForm(GovukForm):
    outcome = forms.ChoiceField(label="Are these records the same person?", choices=DecisionOutcome.choices(),
                                widget=forms.RadioSelect,
                                error_messages={
                                    "required": "Choose whether these records are the same person"})
    reason = forms.CharField(label="Why", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000,
                             help_text="What you checked, for the officer in the other force and for audit",
                             error_messages={"required": "Say why you decided this"})


class RunForm(GovukForm):
    threshold = forms.FloatField(label="Match probability to suggest a match at", initial=0.9, min_value=0.5,
                                 max_value=0.999,
                                 help_text="From 0.5 to 0.999. The default, 0.9, suits most runs",
                                 error_messages={"required": "Enter a probability such as 0.9",
                                                 "invalid": "Enter a probability such as 0.9"})


class SeenBeforeForm(forms.Form):
    """What an officer has typed so far on the person form: read leniently, nothing is saved."""

    first_name = forms.CharField(required=False, max_length=100)
    last_name = forms.CharField(required=False, max_length=100)
    aliases = forms.CharField(required=False, max_length=1000)
    date_of_birth = forms.DateField(required=False)
    estimated_age = forms.IntegerField(required=False, min_value=0, max_value=120)
    gender = forms.CharField(required=False, max_length=20)
    nationality = forms.CharField(required=False, max_length=80)

    def typed(self) -> dict[str, object]:
        """The fields that could be read; a half-typed date or age is left out, not an error."""
        self.is_valid()
        return {name: value for name, value in getattr(self, "cleaned_data", {}).items()
                if name not in self.errors and value not in (None, "")}
