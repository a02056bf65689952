"""The forms for investigations and people."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms

from lantern.cases.models import Gender
from lantern.cases.rules import (
    ExploitationLocation,
    ExploitationType,
    GroupRole,
    IdentifierKind,
    Industry,
    InvolvementRole,
    NimLevel,
    Offence,
    OutcomeType,
    Status,
    Team,
)
from lantern.govuk_forms import GovukForm, VersionForm
from lantern.safeguarding.nrm_vocabulary import list_values
from lantern.safeguarding.rules.disclosure import Purpose


def nationality_choices() -> list[tuple[str, str]]:
    """The Home Office NRM form's nationality list, so a referral needs no re-keying."""
    return [("", "Not known"), *[(n, n) for n in list_values("ms_nationalities")]]


class _InvestigationFields(GovukForm):
    offences = forms.MultipleChoiceField(
        label="Offences", choices=Offence.choices(), widget=forms.CheckboxSelectMultiple,
        required=False, help_text="Select all that apply")
    exploitation_types = forms.MultipleChoiceField(
        label="Types of exploitation", choices=ExploitationType.choices(),
        widget=forms.CheckboxSelectMultiple, help_text="Select all that apply",
        error_messages={"required": "Select at least one type of exploitation"})
    industry = forms.ChoiceField(label="Industry or setting", choices=Industry.choices(),
                                 initial=Industry.NOT_KNOWN.value)
    exploitation_location = forms.ChoiceField(
        label="Where did the exploitation happen?", choices=ExploitationLocation.choices(),
        widget=forms.RadioSelect, initial=ExploitationLocation.UK.value)
    organised_crime_involved = forms.BooleanField(
        label="An organised crime group is involved", required=False)
    nim_level = forms.ChoiceField(label="NIM level", choices=NimLevel.choices(),
                                  initial=NimLevel.LOCAL.value,
                                  help_text="Level 2 or 3 goes to regional or national tasking")
    summary = forms.CharField(label="Summary", required=False, widget=forms.Textarea(attrs={"rows": 5}),
                              help_text="What is known so far")

    def enums(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "offences": [Offence(o) for o in data["offences"]],
            "exploitation_types": [ExploitationType(e) for e in data["exploitation_types"]],
            "industry": Industry(data["industry"]),
            "exploitation_location": ExploitationLocation(data["exploitation_location"]),
            "organised_crime_involved": data["organised_crime_involved"],
            "nim_level": NimLevel(data["nim_level"]),
            "summary": data["summary"],
        }


class InvestigationRecordForm(_InvestigationFields):
    crime_reference = forms.CharField(label="Crime reference", max_length=40,
                                      error_messages={"required": "Enter the crime reference"})
    recorded_on = forms.DateField(
        label="Date recorded", widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": "Enter the date the crime was recorded",
                        "invalid": "Enter the date recorded as a date, like 2026-11-24"})
    field_order = ["crime_reference", "recorded_on"]


class InvestigationEditForm(VersionForm, _InvestigationFields):
    pass


class MoveForm(VersionForm):
    to = forms.ChoiceField(label="Move to", widget=forms.RadioSelect,
                           error_messages={"required": "Choose where the investigation moves to"})
    team = forms.ChoiceField(label="Team (when allocating)", required=False,
                             choices=[("", "Choose a team"), *Team.choices()])
    officer_in_charge = forms.TypedChoiceField(label="Officer in charge (when allocating)",
                                               required=False, coerce=int, empty_value=None)
    supervisor = forms.TypedChoiceField(label="Supervisor (when allocating)", required=False,
                                        coerce=int, empty_value=None)
    note = forms.CharField(label="Note", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, moves: list[Status], colleagues: list[tuple[int, str]],
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [(m.value, m.label) for m in moves]  # type: ignore[attr-defined]
        people = [("", "Choose a person"), *colleagues]
        self.fields["officer_in_charge"].choices = people  # type: ignore[attr-defined]
        self.fields["supervisor"].choices = people  # type: ignore[attr-defined]


class CloseForm(VersionForm):
    outcome = forms.ChoiceField(label="Outcome type", choices=[("", "Choose the outcome"),
                                                               *OutcomeType.choices()],
                                error_messages={"required": "Choose the Home Office outcome type"})
    override_reason = forms.CharField(
        label="Supervisor override: why close now?", required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Only a supervisor may close a case that is not ready; the reason shows on "
                  "the case and in reports")


class PersonForm(GovukForm):
    first_name = forms.CharField(label="First name", max_length=100, required=False)
    last_name = forms.CharField(label="Last name", max_length=100, required=False)
    aliases = forms.CharField(label="Other names or nicknames", required=False,
                              help_text="Separate names with commas")
    date_of_birth = forms.DateField(
        label="Date of birth", required=False, widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter the date of birth as a date, like 2008-03-14"})
    estimated_age = forms.IntegerField(label="Estimated age (if no date of birth)", required=False,
                                       min_value=0, max_value=120,
                                       error_messages={"min_value": "Estimated age must be 0 or more",
                                                       "max_value": "Estimated age must be 120 or less"})
    age_disputed = forms.BooleanField(label="Their age is disputed or uncertain", required=False)
    reason_to_believe_child = forms.BooleanField(
        label="There is reason to believe they are under 18", required=False,
        help_text="Treat them as a child until their age is established (MSA 2015 s51)")
    gender = forms.ChoiceField(label="Gender", choices=Gender.choices, initial=Gender.NOT_KNOWN)
    nationality = forms.ChoiceField(label="Nationality", required=False)
    second_nationality = forms.ChoiceField(label="Second nationality", required=False)
    languages = forms.CharField(label="Languages spoken", required=False,
                                help_text="Separate languages with commas")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["nationality"].choices = nationality_choices()  # type: ignore[attr-defined]
        self.fields["second_nationality"].choices = nationality_choices()  # type: ignore[attr-defined]

    def person_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        data.pop("role", None)
        data["aliases"] = [a.strip() for a in data["aliases"].split(",") if a.strip()]
        data["languages"] = [a.strip() for a in data["languages"].split(",") if a.strip()]
        return data


class PersonEditForm(VersionForm, PersonForm):
    pass


class PersonInvolvementForm(PersonForm):
    role = forms.ChoiceField(label="Their role in this investigation", choices=InvolvementRole.choices(),
                             widget=forms.RadioSelect,
                             error_messages={"required": "Choose their role in this investigation"})
    field_order = ["role"]


class RoleForm(GovukForm):
    role = forms.ChoiceField(label="Role", choices=InvolvementRole.choices(), widget=forms.RadioSelect)


class DateForm(GovukForm):
    on = forms.DateField(label="Date", widget=forms.DateInput(attrs={"type": "date"}),
                         error_messages={"required": "Enter the date",
                                         "invalid": "Enter the date as a date, like 2026-11-24"})


class IdentifierForm(GovukForm):
    kind = forms.ChoiceField(label="Kind", choices=IdentifierKind.choices(), widget=forms.RadioSelect)
    value = forms.CharField(label="Phone, address, registration, document number or email",
                            max_length=300, error_messages={"required": "Enter the identifier"})


class TextForm(GovukForm):
    text = forms.CharField(label="Details", widget=forms.Textarea(attrs={"rows": 4}),
                           error_messages={"required": "Enter the details"})

    def __init__(self, *args: Any, label: str = "Details", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].label = label


class PersonSearchForm(GovukForm):
    name = forms.CharField(label="Name or alias", max_length=100)
    purposes = forms.MultipleChoiceField(label="Why are you searching?",
                                         choices=[(p.value, p.label) for p in Purpose],
                                         widget=forms.CheckboxSelectMultiple,
                                         error_messages={"required": "Say why you are searching"})


class GroupForm(GovukForm):
    name = forms.CharField(label="Name or working name", max_length=200,
                           error_messages={"required": "Give the group's name"})
    description = forms.CharField(label="What is known about it", required=False,
                                  widget=forms.Textarea(attrs={"rows": 4}))


class GroupLinkForm(GovukForm):
    reference = forms.CharField(label="Group reference", max_length=40,
                                help_text="For example OCG-WEST-YORKSHI-0001",
                                error_messages={"required": "Enter the group's reference"})


class GroupMemberForm(GovukForm):
    person_id = forms.TypedChoiceField(label="Person", coerce=int,
                                       error_messages={"required": "Choose the person"})
    role = forms.ChoiceField(label="Their role in the group", choices=GroupRole.choices(),
                             widget=forms.RadioSelect)

    def __init__(self, *args: Any, people: Sequence[tuple[int, str]] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["person_id"]
        field.choices = [("", "Choose a person from your force's linked investigations"),  # type: ignore[attr-defined]
                         *people]
