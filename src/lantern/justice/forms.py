"""The forms of justice: the s45 consideration, CPS referral to verdict, orders, disruptions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms

from lantern.govuk_forms import GovukForm, VersionForm, YesNoField, date_field
from lantern.justice.rules.disruptions import Impact, Tactic, ThreatType
from lantern.justice.rules.orders import OrderKind
from lantern.justice.rules.prosecution import ChargeDecision, NonConvictionReason, ReferralKind, Verdict
from lantern.justice.rules.s45 import TestQuestion
from lantern.justice.rules.schedule4 import SCHEDULE_4


class S45Form(GovukForm):
    offence = forms.CharField(label="The offence they are suspected of", max_length=300,
                              error_messages={"required": "Say which offence they are suspected of"})
    schedule4_code = forms.ChoiceField(
        label="Is it an offence in Schedule 4 (the defence does not apply)?", required=False,
        choices=[("", "No, not a Schedule 4 offence"),
                 *[(o.code, f"{o.name} ({o.provision})") for o in SCHEDULE_4]])
    offence_pursued = YesNoField("Is the offence being pursued?",
                            error_messages={"required": "Say whether the offence is being pursued"})
    rationale = forms.CharField(label="Your reasons, on the evidence",
                                widget=forms.Textarea(attrs={"rows": 4}),
                                error_messages={"required": "Give your reasons"})

    def __init__(self, *args: Any, tests: Sequence[TestQuestion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tests = tests
        for test in tests:
            self.fields[f"test_{test.key}"] = YesNoField(f"{test.question} ({test.provision})",
                                                         required=False)
        self.order_fields(["offence", "schedule4_code", *[f"test_{t.key}" for t in tests],
                           "offence_pursued", "rationale"])
        self.style_fields()

    def clean(self) -> dict[str, Any]:
        """Every test answered, unless the offence is in Schedule 4 (then the tests do not arise)."""
        data = super().clean() or {}
        if not data.get("schedule4_code"):
            for test in self.tests:
                if not self.data.get(f"test_{test.key}"):
                    self.add_error(f"test_{test.key}", f"Answer yes or no: {test.question}")
        return data

    def answers(self) -> dict[str, bool | None]:
        return {t.key: self.cleaned_data.get(f"test_{t.key}") if self.data.get(f"test_{t.key}") else None
                for t in self.tests}


class CpsReferralForm(GovukForm):
    kind = forms.ChoiceField(label="What are you asking the CPS for?", choices=ReferralKind.choices(),
                             widget=forms.RadioSelect)
    referred_on = date_field("Date referred")
    cps_reference = forms.CharField(label="CPS reference (if given)", required=False, max_length=40)
    modern_slavery_flagged = forms.BooleanField(label="The CPS has flagged this defendant as modern slavery",
                                                required=False)


class ChargingDecisionForm(GovukForm):
    decision = forms.ChoiceField(label="The CPS decision", choices=ChargeDecision.choices(),
                                 widget=forms.RadioSelect)
    decided_on = date_field("Date of the decision")
    charges = forms.CharField(label="Charges", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    court = forms.CharField(label="Court (if charged)", required=False, max_length=200)
    first_hearing_on = date_field("First hearing date", required=False)


class VerdictForm(VersionForm):
    verdict = forms.ChoiceField(label="Verdict", choices=Verdict.choices(), widget=forms.RadioSelect)
    verdict_on = date_field("Date of the verdict")
    non_conviction_reason = forms.ChoiceField(
        label="If not convicted: the main reason", required=False,
        choices=[("", "Not applicable"), *NonConvictionReason.choices()])
    sentence = forms.CharField(label="Sentence (if convicted)", required=False, max_length=500)
    sentenced_on = date_field("Date sentenced", required=False)


class OrderApplyForm(GovukForm):
    kind = forms.ChoiceField(label="Order", choices=OrderKind.choices(), widget=forms.RadioSelect)
    applied_on = date_field("Date applied for")
    managing_officer_id = forms.TypedChoiceField(label="Officer managing the subject", coerce=int)
    relevant_offender = forms.BooleanField(
        label="They have been convicted or cautioned for a slavery or trafficking offence not "
              "held in Lantern",
        required=False)

    def __init__(self, *args: Any, colleagues: Sequence[tuple[int, str]] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["managing_officer_id"]
        field.choices = [("", "Choose an officer"), *colleagues]  # type: ignore[attr-defined]


class OrderGrantForm(VersionForm):
    granted_on = date_field("Date the court made the order")
    starts_on = date_field("Date it takes effect")
    ends_on = date_field("Date it ends (blank: until further order)", required=False)
    review_on = date_field("Review date")
    prohibitions = forms.CharField(label="Prohibitions, one per line",
                                   widget=forms.Textarea(attrs={"rows": 4}),
                                   error_messages={"required": "Enter each prohibition the court made"})
    court = forms.CharField(label="Court", required=False, max_length=200)
    notification_requirements = forms.CharField(label="Notification requirements", required=False,
                                                widget=forms.Textarea(attrs={"rows": 2}))

    def prohibition_lines(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["prohibitions"].splitlines() if line.strip()]


class OrderRefuseForm(VersionForm):
    reason = forms.CharField(label="The court's reason", widget=forms.Textarea(attrs={"rows": 2}))


class BreachForm(GovukForm):
    breached_on = date_field("Date of the breach")
    description = forms.CharField(label="What they did", widget=forms.Textarea(attrs={"rows": 3}))


class DisruptionForm(GovukForm):
    on = date_field("Date", required=True)
    threat_types = forms.MultipleChoiceField(label="Threat types it hit (all that apply)",
                                             choices=ThreatType.choices(),
                                             widget=forms.CheckboxSelectMultiple,
                                             error_messages={"required": "Choose at least one threat type"})
    tactic = forms.ChoiceField(label="Tactic", choices=Tactic.choices(), widget=forms.RadioSelect)
    impact = forms.ChoiceField(label="Assessed impact", choices=Impact.choices(), widget=forms.RadioSelect)
    impact_rationale = forms.CharField(label="Why that impact", widget=forms.Textarea(attrs={"rows": 2}))
    description = forms.CharField(label="What was done", widget=forms.Textarea(attrs={"rows": 3}))
    group_id = forms.TypedChoiceField(label="Organised crime group hit", required=False, coerce=int,
                                      empty_value=None)

    def __init__(self, *args: Any, groups: Sequence[tuple[int, str]] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["group_id"]
        field.choices = [("", "None, or not known"), *groups]  # type: ignore[attr-defined]
