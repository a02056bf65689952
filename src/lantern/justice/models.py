"""The justice records: s45 considerations, CPS referrals to sentence, orders and their breaches,
disruptions. Each makes countable something the seeds found invisible (DOMAIN.md 7, 9, 10, 11)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from lantern.accounts.models import Organisation
from lantern.cases.models import Investigation, Involvement, OrganisedCrimeGroup, Person
from lantern.justice.rules.disruptions import Impact, Tactic, ThreatType
from lantern.justice.rules.orders import OrderKind, OrderState
from lantern.justice.rules.prosecution import ChargeDecision, NonConvictionReason, ReferralKind, Verdict
from lantern.justice.rules.s45 import AgeGroup
from lantern.vocabulary import choices_of

_USER = settings.AUTH_USER_MODEL


class S45Consideration(models.Model):
    """An officer's reasoned consideration of the s45 defence for one suspect and one offence."""

    ACCESS_ORGANISATION_PATH = "involvement__investigation__organisation"

    involvement = models.ForeignKey(Involvement, on_delete=models.PROTECT, related_name="s45_considerations")
    offence = models.CharField(max_length=300)
    schedule4_code = models.CharField(max_length=80, blank=True)
    age_group = models.CharField(max_length=10, choices=AgeGroup.choices())
    answers = models.JSONField(default=dict)
    defence_applies = models.BooleanField()
    offence_pursued = models.BooleanField()
    rationale = models.TextField()
    exploiter_crime = models.ForeignKey(Investigation, on_delete=models.PROTECT, null=True, blank=True,
                                        related_name="s45_considerations_recorded_for")
    decided_by = models.ForeignKey(_USER, on_delete=models.PROTECT, related_name="+")
    decided_on = models.DateField()
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_on", "-pk"]

    def __str__(self) -> str:
        return f"s45 consideration {self.pk}"


class CpsReferral(models.Model):
    """A police referral of one suspect to the CPS, and the CPS's charging decision."""

    ACCESS_ORGANISATION_PATH = "involvement__investigation__organisation"

    involvement = models.ForeignKey(Involvement, on_delete=models.PROTECT, related_name="cps_referrals")
    kind = models.CharField(max_length=30, choices=choices_of(ReferralKind))
    referred_on = models.DateField()
    cps_reference = models.CharField(max_length=40, blank=True)
    decision = models.CharField(max_length=30, choices=choices_of(ChargeDecision), blank=True)
    decided_on = models.DateField(null=True, blank=True)
    charges = models.TextField(blank=True)
    modern_slavery_flagged = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(_USER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-referred_on", "-pk"]

    def __str__(self) -> str:
        return f"CPS referral {self.pk}"


class Prosecution(models.Model):
    """A defendant's prosecution from charge to verdict and sentence."""

    ACCESS_ORGANISATION_PATH = "referral__involvement__investigation__organisation"

    referral = models.OneToOneField(CpsReferral, on_delete=models.PROTECT, related_name="prosecution")
    charged_on = models.DateField()
    court = models.CharField(max_length=200, blank=True)
    first_hearing_on = models.DateField(null=True, blank=True)
    verdict = models.CharField(max_length=30, choices=choices_of(Verdict), blank=True)
    verdict_on = models.DateField(null=True, blank=True)
    non_conviction_reason = models.CharField(max_length=30, choices=choices_of(NonConvictionReason),
                                             blank=True)
    sentence = models.TextField(blank=True)
    sentenced_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return f"Prosecution {self.pk}"


class Hearing(models.Model):
    ACCESS_ORGANISATION_PATH = "prosecution__referral__involvement__investigation__organisation"

    prosecution = models.ForeignKey(Prosecution, on_delete=models.CASCADE, related_name="hearings")
    on = models.DateField()
    court = models.CharField(max_length=200)
    purpose = models.CharField(max_length=200)
    outcome = models.TextField(blank=True)

    class Meta:
        ordering = ["on", "pk"]

    def __str__(self) -> str:
        return f"{self.purpose} {self.on}"


class Order(models.Model):
    """A slavery and trafficking prevention or risk order (or an interim one) on a person."""

    ACCESS_ORGANISATION_PATH = "organisation"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    subject = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="orders")
    investigation = models.ForeignKey(Investigation, on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="orders")
    kind = models.CharField(max_length=20, choices=choices_of(OrderKind))
    state = models.CharField(max_length=20, choices=choices_of(OrderState), default=OrderState.APPLIED.value)
    applied_on = models.DateField()
    granted_on = models.DateField(null=True, blank=True)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    review_on = models.DateField(null=True, blank=True)
    court = models.CharField(max_length=200, blank=True)
    prohibitions = models.JSONField(default=list, blank=True)
    notification_requirements = models.TextField(blank=True)
    managing_officer = models.ForeignKey(_USER, on_delete=models.PROTECT, related_name="orders_managed")
    refusal_reason = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-applied_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.subject}"


class OrderBreach(models.Model):
    """A breach of an order: an offence under MSA 2015 s30, recorded as its own crime."""

    ACCESS_ORGANISATION_PATH = "order__organisation"

    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="breaches")
    breached_on = models.DateField()
    description = models.TextField()
    crime = models.ForeignKey(Investigation, on_delete=models.PROTECT, related_name="order_breaches")
    recorded_by = models.ForeignKey(_USER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-breached_on"]

    def __str__(self) -> str:
        return f"Breach {self.breached_on}"


class Disruption(models.Model):
    """Action that disrupted an organised crime group or an investigation's targets."""

    ACCESS_ORGANISATION_PATH = "organisation"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    on = models.DateField()
    tactic = models.CharField(max_length=30, choices=choices_of(Tactic))
    group = models.ForeignKey(OrganisedCrimeGroup, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="disruptions")
    investigation = models.ForeignKey(Investigation, on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="disruptions")
    impact = models.CharField(max_length=20, choices=choices_of(Impact))
    impact_rationale = models.TextField()
    description = models.TextField()
    recorded_by = models.ForeignKey(_USER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-on", "-pk"]

    def __str__(self) -> str:
        return f"Disruption {self.on}"

    @property
    def threat_labels(self) -> list[str]:
        return [ThreatType(t.threat_type).label for t in self.threats.all()]


class DisruptionThreat(models.Model):
    """One threat type a disruption hit; a disruption may hit several and still counts once."""

    disruption = models.ForeignKey(Disruption, on_delete=models.CASCADE, related_name="threats")
    threat_type = models.CharField(max_length=40, choices=choices_of(ThreatType))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["disruption", "threat_type"],
                                               name="threat_once_per_disruption")]

    def __str__(self) -> str:
        return self.threat_type
