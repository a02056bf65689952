"""The forms of safeguarding: the encounter, consent, the referral's content, support, disclosure."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms

from lantern.cases.forms import nationality_choices
from lantern.cases.models import Gender
from lantern.cases.rules import ExploitationLocation, ExploitationType
from lantern.govuk_forms import GovukForm, VersionForm, YesNoField, date_field
from lantern.safeguarding.models import Contact, SafetyArrangement, SupportAssignment
from lantern.safeguarding.rules.disclosure import LegalBasis, Purpose
from lantern.safeguarding.rules.nrm import ConsentRecord
from lantern.safeguarding.rules.recovery import (
    CompetentAuthority,
    DecisionResult,
    DecisionStage,
    DisqualificationGround,
)
from lantern.safeguarding.rules.victims_code import UpdateKind
from lantern.vocabulary import choices_of


class EncounterForm(GovukForm):
    """Safety first, then who they are and what happened: a few taps on a phone."""

    place_of_safety = forms.ChoiceField(
        label="Where are they safe now?", choices=SafetyArrangement.Place.choices,
        widget=forms.RadioSelect, error_messages={"required": "Choose where they are safe now"},
        help_text="A police station is a last resort")
    why_police_station = forms.CharField(label="If a police station: why was nowhere else possible?",
                                         required=False, widget=forms.Textarea(attrs={"rows": 2}))
    exploitation_types = forms.MultipleChoiceField(
        label="What were they made to do?", choices=ExploitationType.choices(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one type of exploitation"})
    exploitation_location = forms.ChoiceField(label="Where did it happen?",
                                              choices=ExploitationLocation.choices(),
                                              widget=forms.RadioSelect,
                                              initial=ExploitationLocation.UK.value)
    age = forms.ChoiceField(
        label="Are they under 18?", widget=forms.RadioSelect,
        choices=[("child", "Yes, or they may be"), ("not_sure", "Not sure"), ("adult", "No, an adult")],
        error_messages={"required": "Say whether they are under 18, or that you are not sure"})
    estimated_age = forms.IntegerField(label="Their age, or your best estimate", required=False,
                                       min_value=0, max_value=120)
    first_name = forms.CharField(label="First name (if known)", required=False, max_length=100)
    last_name = forms.CharField(label="Last name (if known)", required=False, max_length=100)
    gender = forms.ChoiceField(label="Gender", choices=Gender.choices, initial=Gender.NOT_KNOWN,
                               widget=forms.RadioSelect)
    nationality = forms.ChoiceField(label="Nationality", required=False)
    language = forms.CharField(label="Language they speak", required=False, max_length=80)
    what_was_seen = forms.CharField(label="What did you see or hear?", required=False,
                                    widget=forms.Textarea(attrs={"rows": 3}))
    crime_reference = forms.CharField(label="Crime reference (if you have one)", required=False,
                                      max_length=40, help_text="Leave blank for a provisional one")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["nationality"].choices = nationality_choices()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        age, estimate = data.get("age"), data.get("estimated_age")
        if age == "adult" and estimate is None:
            self.add_error("estimated_age", "Give their age or your best estimate of it")
        if age == "adult" and estimate is not None and estimate < 18:
            self.add_error("age", "You estimated an age under 18: answer yes, or not sure")
        return data

    def person(self) -> dict[str, Any]:
        """The person's details; "not sure" records the age as disputed, so they are treated
        as a child for the NRM (the form's own "not sure")."""
        data = self.cleaned_data
        age = data["age"]
        return {
            "first_name": data["first_name"], "last_name": data["last_name"],
            "estimated_age": data["estimated_age"],
            "age_disputed": age == "not_sure" or (age == "child" and data["estimated_age"] is None),
            "reason_to_believe_child": age == "child",
            "gender": data["gender"], "nationality": data["nationality"],
            "languages": [data["language"]] if data["language"] else [],
        }


class ConsentForm(GovukForm):
    explained = forms.MultipleChoiceField(
        label="What did you explain to them?", required=False, widget=forms.CheckboxSelectMultiple,
        choices=[("nrm", "I explained what the NRM is"),
                 ("support", "I explained the support it gives (housing, money, legal advice, "
                             "medical care)"),
                 ("outcomes", "I explained its possible outcomes")],
        help_text="All three are needed before they can agree or decline")
    consent_given = YesNoField("Do they agree to be referred into the NRM?",
                          error_messages={"required": "Record whether they agree to be referred"})
    refusal_reason = forms.CharField(label="If not: why do they not want to be referred?",
                                     required=False, widget=forms.Textarea(attrs={"rows": 2}))
    identifying_consent = forms.BooleanField(
        label="If not: they agree to their name and email going in the anonymous notice",
        required=False, help_text="Without this, the notice carries only gender, nationality and "
                                  "what happened")

    def consent(self) -> ConsentRecord:
        explained = set(self.cleaned_data["explained"])
        return ConsentRecord("nrm" in explained, "support" in explained, "outcomes" in explained,
                             self.cleaned_data["consent_given"])


class ReferralContentForm(VersionForm):
    gender = forms.ChoiceField(label="Gender", choices=[("", "Not known"), *Gender.choices[:3]],
                               required=False)
    nationality = forms.ChoiceField(label="Nationality", required=False)
    exploitation_types = forms.MultipleChoiceField(label="Types of exploitation",
                                                   choices=ExploitationType.choices(),
                                                   widget=forms.CheckboxSelectMultiple, required=False)
    exploitation_location = forms.ChoiceField(label="Where did it happen?",
                                              choices=ExploitationLocation.choices())
    what_happened = forms.CharField(
        label="What happened", required=False, widget=forms.Textarea(attrs={"rows": 6}),
        help_text="As much detail as you can. Do not include their name or the names of other "
                  "potential victims")
    how_exploitation_started = forms.CharField(label="How it started", required=False,
                                               widget=forms.Textarea(attrs={"rows": 3}))
    living_conditions = forms.CharField(label="Their living conditions", required=False,
                                        widget=forms.Textarea(attrs={"rows": 3}))
    treatment = forms.CharField(label="How they were treated", required=False,
                                widget=forms.Textarea(attrs={"rows": 3}))
    exploitation_start = date_field("Date the exploitation started", required=False,
                               help_text="Approximate is fine")
    exploitation_end = date_field("Date it ended", required=False)
    still_in_exploitative_situation = forms.TypedChoiceField(
        label="Are they still in the exploitative situation?", required=False,
        choices=[("", "Not answered"), ("yes", "Yes"), ("no", "No")],
        coerce=lambda v: v == "yes", empty_value=None)
    current_city = forms.CharField(label="Town or city they are in now", required=False, max_length=100)
    immigration_status = forms.CharField(label="Immigration status", required=False, max_length=200,
                                         help_text="As they or their documents state; do not search "
                                                   "databases just to find it")
    local_authority_name = forms.CharField(label="Children's services contacted (for a child)",
                                           required=False, max_length=200)
    local_authority_phone = forms.CharField(label="Their phone number", required=False, max_length=40)
    interpreter_language = forms.CharField(label="Interpreter language (if needed)", required=False,
                                           max_length=80)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["nationality"].choices = nationality_choices()  # type: ignore[attr-defined]

    def content(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("version")
        return data


class SubmitForm(VersionForm):
    """Submitting a referral: only the version, so a stale page cannot submit old content."""


class DecisionForm(GovukForm):
    stage = forms.ChoiceField(label="Decision", choices=choices_of(DecisionStage), widget=forms.RadioSelect)
    result = forms.ChoiceField(label="Result", choices=choices_of(DecisionResult), widget=forms.RadioSelect)
    decided_on = date_field("Date of the decision")
    authority = forms.ChoiceField(label="Decided by", choices=choices_of(CompetentAuthority),
                                  widget=forms.RadioSelect)
    reconsideration = forms.BooleanField(label="This is a reconsideration of an earlier decision",
                                         required=False)


class InformationRequestForm(GovukForm):
    received_on = date_field("Date received")
    due_on = date_field("Date the answer is due")
    what_is_asked = forms.CharField(label="What they asked for", widget=forms.Textarea(attrs={"rows": 3}),
                                    error_messages={"required": "Say what they asked for"})


class AnswerForm(GovukForm):
    answered_on = date_field("Date answered")
    summary = forms.CharField(label="What was sent", widget=forms.Textarea(attrs={"rows": 3}),
                              error_messages={"required": "Summarise what was sent"})


class FurtherRecoveryForm(GovukForm):
    on = date_field("Date granted")
    days = forms.IntegerField(label="Length in days", min_value=1)
    reason = forms.CharField(label="Why", widget=forms.Textarea(attrs={"rows": 2}))


class DisqualificationForm(GovukForm):
    on = date_field("Date decided")
    ground = forms.ChoiceField(label="Ground", choices=choices_of(DisqualificationGround),
                               widget=forms.RadioSelect)
    reason = forms.CharField(label="Reasons given", widget=forms.Textarea(attrs={"rows": 3}))


class SafetyForm(GovukForm):
    place = forms.ChoiceField(label="Where were they made safe?", choices=SafetyArrangement.Place.choices,
                              widget=forms.RadioSelect)
    why_police_station = forms.CharField(label="If a police station: why?", required=False,
                                         widget=forms.Textarea(attrs={"rows": 2}))
    notes = forms.CharField(label="Notes (food, clothing, medical needs)", required=False,
                            widget=forms.Textarea(attrs={"rows": 2}))


class SupportForm(GovukForm):
    kind = forms.ChoiceField(label="Who is supporting them?", choices=SupportAssignment.Kind.choices,
                             widget=forms.RadioSelect)
    colleague_id = forms.TypedChoiceField(label="A colleague in Lantern (for a VLO)", required=False,
                                          coerce=int, empty_value=None)
    name = forms.CharField(label="Or their name, if they are not in Lantern", max_length=200,
                           required=False)
    contact = forms.CharField(label="How to contact them", required=False, max_length=200)
    assigned_on = date_field("Date assigned")

    def __init__(self, *args: Any, colleagues: Sequence[tuple[int, str]] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["colleague_id"]
        field.choices = [("", "Not a Lantern user"), *colleagues]  # type: ignore[attr-defined]


class InterpreterForm(GovukForm):
    language = forms.CharField(label="Language", max_length=80,
                               error_messages={"required": "Enter the language they need"})
    preferred_sex = forms.ChoiceField(label="Interpreter's sex they prefer", required=False,
                                      choices=[("", "No preference recorded"), ("female", "Female"),
                                               ("male", "Male"), ("no preference", "No preference")])
    interpreter_name = forms.CharField(label="Interpreter used (name or booking reference)",
                                       required=False, max_length=200)
    interpreter_sex = forms.ChoiceField(label="Interpreter's sex", required=False,
                                        choices=[("", "Not recorded"), ("female", "Female"),
                                                 ("male", "Male")])
    brought_by_someone_present = forms.BooleanField(
        label="The interpreter was brought by someone present", required=False)


class UpdateOwedForm(GovukForm):
    kind = forms.ChoiceField(label="What happened that they must be told of?",
                             choices=choices_of(UpdateKind), widget=forms.RadioSelect)
    event_on = date_field("Date it happened")


class UpdateGivenForm(GovukForm):
    given_on = date_field("Date they were told")
    how = forms.CharField(label="How they were told", max_length=200)


class ContactForm(GovukForm):
    at = forms.DateTimeField(label="When", widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
                             error_messages={"invalid": "Enter the date and time, like 2026-11-24 14:30"})
    method = forms.ChoiceField(label="How", choices=Contact.Method.choices, widget=forms.RadioSelect)
    summary = forms.CharField(label="What was said", widget=forms.Textarea(attrs={"rows": 3}))
    interpreter_used = forms.BooleanField(label="An interpreter was used", required=False)


class DisclosureForm(GovukForm):
    purpose = forms.ChoiceField(label="Why share this?", choices=choices_of(Purpose),
                                widget=forms.RadioSelect)
    purpose_detail = forms.CharField(label="If other: the purpose", required=False)
    legal_basis = forms.ChoiceField(label="Legal basis", choices=choices_of(LegalBasis),
                                    widget=forms.RadioSelect)
    what_shared = forms.CharField(label="Exactly what would be shared",
                                  widget=forms.Textarea(attrs={"rows": 3}),
                                  required=False)
    recipient = forms.CharField(label="With whom", initial="Immigration Enforcement NCCU",
                                max_length=200, required=False)
    domestic_abuse_victim = YesNoField("Is the victim a domestic abuse victim?")
    evidence_of_immigration_offence = YesNoField(
        "Is there evidence of an immigration offence (not only doubts about status)?")
    victim_told = YesNoField("Has the victim been told this will be shared?")
    reason_victim_not_told = forms.CharField(label="If not: why not", required=False,
                                             widget=forms.Textarea(attrs={"rows": 2}))


class DisclosureDecisionForm(GovukForm):
    approve = YesNoField("Approve this disclosure?")
    note = forms.CharField(label="Note (required to refuse)", required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))
