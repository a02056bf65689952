"""NRM referrals and duty-to-notify notices, decisions, and the support around a victim."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from lantern.accounts.models import Organisation
from lantern.cases.models import Involvement
from lantern.cases.rules import ExploitationLocation, ExploitationType
from lantern.safeguarding.rules.disclosure import LegalBasis, Purpose
from lantern.safeguarding.rules.nrm import AgeAnswer, Route
from lantern.safeguarding.rules.recovery import (
    CompetentAuthority,
    DecisionResult,
    DecisionStage,
    DisqualificationGround,
)
from lantern.safeguarding.rules.victims_code import UpdateKind
from lantern.vocabulary import choices_of

_USER = settings.AUTH_USER_MODEL


class Referral(models.Model):
    """An NRM referral, or an anonymous duty-to-notify notice, about one potential victim.

    A notice's own content is only what the Home Office takes for one: no names or email unless
    the adult consented to them (``identifying_consent``), and never a date of birth or phone.
    """

    ACCESS_ORGANISATION_PATH = "organisation"

    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        WITHDRAWN = "withdrawn", "Withdrawn"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    involvement = models.ForeignKey(Involvement, on_delete=models.PROTECT, related_name="referrals")
    # Who made it, when not the recording organisation: another first responder's referral (a
    # local authority, the Home Office, an NGO) that the Single Competent Authority passed to the
    # force, which recorded the crime from it. Null: the recording organisation made it.
    first_responder = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True, blank=True,
                                        related_name="+")
    route = models.CharField(max_length=30, choices=choices_of(Route))
    state = models.CharField(max_length=20, choices=State.choices, default=State.DRAFT)
    age_answer = models.CharField(max_length=10, choices=choices_of(AgeAnswer))
    nrm_explained = models.BooleanField(default=False)
    support_explained = models.BooleanField(default=False)
    outcomes_explained = models.BooleanField(default=False)
    consent_given = models.BooleanField(null=True)
    refusal_reason = models.TextField(blank=True)
    identifying_consent = models.BooleanField(default=False)
    # What happened, in the NRM form's terms (no names in what_happened).
    gender = models.CharField(max_length=20, blank=True)
    nationality = models.CharField(max_length=80, blank=True)
    second_nationality = models.CharField(max_length=80, blank=True)
    exploitation_types = models.JSONField(default=list, blank=True)
    exploitation_location = models.CharField(max_length=20, choices=ExploitationLocation.choices(),
                                             default=ExploitationLocation.NOT_KNOWN)
    uk_cities = models.JSONField(default=list, blank=True)
    overseas_countries = models.JSONField(default=list, blank=True)
    what_happened = models.TextField(blank=True)
    how_exploitation_started = models.TextField(blank=True)
    living_conditions = models.TextField(blank=True)
    treatment = models.TextField(blank=True)
    exploitation_start = models.DateField(null=True, blank=True)
    exploitation_end = models.DateField(null=True, blank=True)
    still_in_exploitative_situation = models.BooleanField(null=True)
    current_city = models.CharField(max_length=100, blank=True)
    immigration_status = models.CharField(max_length=200, blank=True)
    local_authority_name = models.CharField(max_length=200, blank=True)
    local_authority_phone = models.CharField(max_length=40, blank=True)
    interpreter_language = models.CharField(max_length=80, blank=True)
    # Identifying details: only for a referral, or a notice whose adult consented.
    first_name = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    email = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(_USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(_USER, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The national picture counts referrals and notices by their submission day
            # (insights.figures); holding every column it reads, the index answers alone.
            models.Index(fields=["submitted_at", "state", "route", "age_answer", "first_responder",
                                 "organisation"], name="referral_submitted_idx"),
        ]
        constraints = [
            # The database itself refuses a notice that holds more than the Home Office takes.
            models.CheckConstraint(
                name="anonymous_notice_holds_no_identity",
                condition=~models.Q(route=Route.DUTY_TO_NOTIFY.value, identifying_consent=False)
                | models.Q(first_name="", last_name="", email=""),
            ),
            models.CheckConstraint(
                name="notice_never_holds_birth_date_or_phone",
                condition=~models.Q(route=Route.DUTY_TO_NOTIFY.value)
                | models.Q(phone="", date_of_birth__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        prefix = "NRM" if self.route == Route.NRM_REFERRAL.value else "DTN"
        return f"{prefix}-{self.organisation_id:03d}-{self.pk:06d}"

    @property
    def anonymous(self) -> bool:
        return self.route == Route.DUTY_TO_NOTIFY.value and not self.identifying_consent

    @property
    def exploitation_labels(self) -> list[str]:
        return [ExploitationType(e).label for e in self.exploitation_types]


class Decision(models.Model):
    """A competent authority's reasonable or conclusive grounds decision on a referral."""

    ACCESS_ORGANISATION_PATH = "referral__organisation"

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="decisions")
    stage = models.CharField(max_length=30, choices=choices_of(DecisionStage))
    result = models.CharField(max_length=20, choices=choices_of(DecisionResult))
    decided_on = models.DateField()
    authority = models.CharField(max_length=60, choices=choices_of(CompetentAuthority))
    reconsideration = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(_USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["decided_on", "pk"]

    def __str__(self) -> str:
        return f"{self.stage} {self.result} {self.decided_on}"


class RecoveryChange(models.Model):
    """A further recovery period granted, or a disqualification, under the rules that allow them."""

    class Kind(models.TextChoices):
        FURTHER_PERIOD = "further_period", "Further recovery period"
        DISQUALIFICATION = "disqualification", "Disqualification"

    ACCESS_ORGANISATION_PATH = "referral__organisation"

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="recovery_changes")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    on = models.DateField()
    days = models.PositiveIntegerField(null=True, blank=True)
    ground = models.CharField(max_length=20, choices=choices_of(DisqualificationGround), blank=True)
    reason = models.TextField()
    recorded_by = models.ForeignKey(_USER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["on", "pk"]

    def __str__(self) -> str:
        return f"{self.kind} {self.on}"


class InformationRequest(models.Model):
    """The competent authority asking the police for information, with the date it is due."""

    ACCESS_ORGANISATION_PATH = "referral__organisation"

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE,
                                 related_name="information_requests")
    received_on = models.DateField()
    due_on = models.DateField()
    what_is_asked = models.TextField()
    answered_on = models.DateField(null=True, blank=True)
    answer_summary = models.TextField(blank=True)
    recorded_by = models.ForeignKey(_USER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return f"Request due {self.due_on}"


class SafetyArrangement(models.Model):
    """Where a victim was made safe, and when. A police station is a last resort (002 §12.11)."""

    class Place(models.TextChoices):
        SAFE_HOUSE = "safe_house", "Safe house"
        HOTEL_OR_BB = "hotel_or_bb", "Hotel or B&B"
        LOCAL_AUTHORITY = "local_authority", "Local authority accommodation"
        FAMILY_OR_FRIENDS = "family_or_friends", "Family or friends"
        HOSPITAL = "hospital", "Hospital"
        POLICE_STATION = "police_station", "Police station (last resort)"

    ACCESS_ORGANISATION_PATH = "involvement__investigation__organisation"

    involvement = models.ForeignKey(Involvement, on_delete=models.CASCADE,
                                    related_name="safety_arrangements")
    place = models.CharField(max_length=30, choices=Place.choices)
    arranged_at = models.DateTimeField()
    why_police_station = models.TextField(blank=True)
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(_USER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-arranged_at"]

    def __str__(self) -> str:
        return self.place


class SupportAssignment(models.Model):
    """A VLO, victim navigator or child trafficking guardian assigned to a victim."""

    class Kind(models.TextChoices):
        VLO = "vlo", "Victim liaison officer"
        NAVIGATOR = "navigator", "Victim navigator (Justice and Care)"
        ICTG = "ictg", "Independent child trafficking guardian"
        SUPPORT_WORKER = "support_worker", "Support worker (victim care contract)"

    ACCESS_ORGANISATION_PATH = "involvement__investigation__organisation"

    involvement = models.ForeignKey(Involvement, on_delete=models.CASCADE, related_name="supporters")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    name = models.CharField(max_length=200)
    # The supporter's Lantern account, when they have one (a VLO): their task list then shows
    # the updates this victim is owed.
    user = models.ForeignKey(_USER, on_delete=models.PROTECT, null=True, blank=True,
                             related_name="victims_supported")
    contact = models.CharField(max_length=200, blank=True)
    assigned_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(_USER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-assigned_on"]

    def __str__(self) -> str:
        return f"{self.kind}: {self.name}"


class InterpreterNeed(models.Model):
    """The language a victim needs, the interpreter's sex they prefer, and who interpreted last."""

    ACCESS_ORGANISATION_PATH = "involvement__investigation__organisation"

    involvement = models.OneToOneField(Involvement, on_delete=models.CASCADE,
                                       related_name="interpreter_need")
    language = models.CharField(max_length=80)
    preferred_sex = models.CharField(max_length=20, blank=True)
    interpreter_name = models.CharField(max_length=200, blank=True)
    interpreter_sex = models.CharField(max_length=20, blank=True)
    version = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return self.language


class VictimUpdate(models.Model):
    """A Victims' Code update owed to a victim: the event, the date it is due, and when given."""

    ACCESS_ORGANISATION_PATH = "involvement__investigation__organisation"

    involvement = models.ForeignKey(Involvement, on_delete=models.CASCADE, related_name="updates")
    kind = models.CharField(max_length=40, choices=choices_of(UpdateKind))
    event_on = models.DateField()
    due_on = models.DateField()
    enhanced = models.BooleanField()
    given_on = models.DateField(null=True, blank=True)
    given_by = models.ForeignKey(_USER, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+")
    how_given = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["given_on", "due_on"], name="victim_update_due_idx")]

    def __str__(self) -> str:
        return f"{self.kind} due {self.due_on}"


class Contact(models.Model):
    """One contact with a victim: when, how, by whom, and what was said."""

    class Method(models.TextChoices):
        IN_PERSON = "in_person", "In person"
        PHONE = "phone", "Phone"
        VIDEO = "video", "Video call"
        LETTER = "letter", "Letter"
        EMAIL = "email", "Email"
        THROUGH_SUPPORT_WORKER = "support_worker", "Through their support worker"

    ACCESS_ORGANISATION_PATH = "involvement__investigation__organisation"

    involvement = models.ForeignKey(Involvement, on_delete=models.CASCADE, related_name="contacts")
    at = models.DateTimeField()
    method = models.CharField(max_length=20, choices=Method.choices)
    summary = models.TextField()
    interpreter_used = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(_USER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.method} {self.at}"


class Disclosure(models.Model):
    """Information about a victim shared with immigration enforcement: why, on what basis, to
    whom, whether the victim was told, and the supervisor who approved it (002 §12.16, Annex G)."""

    class State(models.TextChoices):
        AWAITING_APPROVAL = "awaiting_approval", "Awaiting approval"
        APPROVED = "approved", "Approved and shared"
        REFUSED = "refused", "Refused"

    ACCESS_ORGANISATION_PATH = "involvement__investigation__organisation"

    involvement = models.ForeignKey(Involvement, on_delete=models.PROTECT, related_name="disclosures")
    purpose = models.CharField(max_length=40, choices=choices_of(Purpose))
    purpose_detail = models.TextField(blank=True)
    legal_basis = models.CharField(max_length=40, choices=choices_of(LegalBasis))
    what_shared = models.TextField()
    recipient = models.CharField(max_length=200)
    domestic_abuse_victim = models.BooleanField()
    evidence_of_immigration_offence = models.BooleanField()
    victim_told = models.BooleanField()
    victim_told_on = models.DateField(null=True, blank=True)
    reason_victim_not_told = models.TextField(blank=True)
    state = models.CharField(max_length=20, choices=State.choices, default=State.AWAITING_APPROVAL)
    requested_by = models.ForeignKey(_USER, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(_USER, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"Disclosure to {self.recipient}"
