"""The auditor's search and export forms."""

from __future__ import annotations

from django import forms

from lantern.audit.queries import EventSearch
from lantern.audit.rules import Action
from lantern.govuk_forms import GovukForm


class EventSearchForm(GovukForm):
    action = forms.ChoiceField(
        label="Action", required=False,
        choices=[("", "Any action"), *[(a.value, a.label) for a in Action]],
    )
    username = forms.CharField(label="Username", required=False, max_length=150)
    object_type = forms.CharField(label="Record type", required=False, max_length=60,
                                  help_text="For example accounts.user")
    object_id = forms.CharField(label="Record number", required=False, max_length=64)
    date_from = forms.DateField(
        label="From (date)", required=False, help_text="For example 2026-11-01",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter the from date as a date, like 2026-11-01"},
    )
    date_to = forms.DateField(
        label="To (date)", required=False, help_text="For example 2026-11-30",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter the to date as a date, like 2026-11-30"},
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", "The to date must be the same as or after the from date")
        return data

    def search(self) -> EventSearch:
        data = self.cleaned_data
        return EventSearch(
            action=data.get("action", ""), username=data.get("username", ""),
            object_type=data.get("object_type", ""), object_id=data.get("object_id", ""),
            date_from=data.get("date_from"), date_to=data.get("date_to"),
        )


class ExportForm(EventSearchForm):
    reason = forms.CharField(
        label="Why are you exporting these events?", max_length=500,
        help_text="Kept in the audit trail with the export",
        error_messages={"required": "Say why you are exporting these events"},
    )
