"""Investigations, the people in them and their identifiers."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models

from lantern.accounts.models import Organisation
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
    is_child,
)


class Gender(models.TextChoices):
    """Gender as recorded; the NRM export maps it onto the form's ``pv-gender`` answers."""

    FEMALE = "female", "Female"
    MALE = "male", "Male"
    OTHER = "other", "Other"
    NOT_KNOWN = "not-known", "Not known"


class Person(models.Model):
    """One real person, whatever roles they take in investigations."""

    ACCESS_ORGANISATION_PATH = "organisation"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="people")
    first_name = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100, blank=True)
    aliases = models.JSONField(default=list, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    estimated_age = models.PositiveSmallIntegerField(null=True, blank=True)
    age_disputed = models.BooleanField(default=False)
    reason_to_believe_child = models.BooleanField(default=False)
    gender = models.CharField(max_length=20, choices=Gender.choices, default=Gender.NOT_KNOWN)
    nationality = models.CharField(max_length=80, blank=True)
    second_nationality = models.CharField(max_length=80, blank=True)
    languages = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["last_name", "first_name", "pk"]
        constraints = [
            models.CheckConstraint(name="estimated_age_plausible",
                                   condition=models.Q(estimated_age__lte=120)),
        ]

    def __str__(self) -> str:
        name = f"{self.first_name} {self.last_name}".strip()
        return name or f"Unnamed person {self.pk}"

    def is_child_on(self, day: date) -> bool:
        return is_child(on=day, date_of_birth=self.date_of_birth, estimated_age=self.estimated_age,
                        age_disputed=self.age_disputed,
                        reason_to_believe_child=self.reason_to_believe_child)


class Identifier(models.Model):
    """A phone, address, vehicle, document or email that identifies a person."""

    ACCESS_ORGANISATION_PATH = "person__organisation"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="identifiers")
    kind = models.CharField(max_length=20, choices=IdentifierKind.choices())
    value = models.CharField(max_length=300)
    normalised = models.CharField(max_length=300, db_index=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "pk"]
        constraints = [models.UniqueConstraint(fields=["person", "kind", "normalised"],
                                               name="one_identifier_per_person")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value}"


class Investigation(models.Model):
    """A modern slavery investigation, owned by the force (or unit) that records it."""

    ACCESS_ORGANISATION_PATH = "organisation"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT,
                                     related_name="investigations")
    crime_reference = models.CharField(max_length=40)
    recorded_on = models.DateField()
    summary = models.TextField(blank=True)
    industry = models.CharField(max_length=30, choices=Industry.choices(), default=Industry.NOT_KNOWN)
    exploitation_location = models.CharField(max_length=20, choices=ExploitationLocation.choices(),
                                             default=ExploitationLocation.UK)
    organised_crime_involved = models.BooleanField(default=False)
    nim_level = models.CharField(max_length=1, choices=NimLevel.choices(), default=NimLevel.LOCAL)
    team = models.CharField(max_length=30, choices=Team.choices(), blank=True)
    officer_in_charge = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                          null=True, blank=True, related_name="+")
    supervisor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")
    status = models.CharField(max_length=30, choices=Status.choices(), default=Status.RECORDED)
    triaged_on = models.DateField(null=True, blank=True)
    allocated_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    outcome_type = models.CharField(max_length=3, choices=OutcomeType.choices(), blank=True)
    closure_override_reason = models.TextField(blank=True)
    closure_override_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                            null=True, blank=True, related_name="+")
    closure_blockers_overridden = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-recorded_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "crime_reference"],
                                    name="crime_reference_unique_in_force"),
            models.CheckConstraint(
                name="closed_has_outcome",
                condition=~models.Q(status=Status.CLOSED.value)
                | (~models.Q(outcome_type="") & models.Q(closed_on__isnull=False)),
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "status"], name="investigation_status_idx"),
            # The national picture's live investigations (insights.figures.live_counts) read only
            # these three columns: the database answers from the index without the table's rows.
            models.Index(fields=["allocated_on", "closed_on", "organisation"], name="investigation_live_idx"),
            # A force's list, newest first (cases.queries.investigations_list): a page of it is
            # read from the index's start, not sorted from all the force's investigations.
            models.Index(fields=["organisation", "-recorded_on", "-id"], name="investigation_list_idx"),
        ]

    def __str__(self) -> str:
        return self.crime_reference

    @property
    def status_enum(self) -> Status:
        return Status(self.status)

    @property
    def closed_by_override(self) -> bool:
        return bool(self.closure_override_reason)


class InvestigationOffence(models.Model):
    investigation = models.ForeignKey(Investigation, on_delete=models.CASCADE, related_name="offences")
    offence = models.CharField(max_length=30, choices=Offence.choices())

    class Meta:
        constraints = [models.UniqueConstraint(fields=["investigation", "offence"],
                                               name="offence_once_per_investigation")]

    def __str__(self) -> str:
        return self.offence


class InvestigationExploitation(models.Model):
    investigation = models.ForeignKey(Investigation, on_delete=models.CASCADE,
                                      related_name="exploitation_types")
    exploitation_type = models.CharField(max_length=30, choices=ExploitationType.choices())

    class Meta:
        constraints = [models.UniqueConstraint(fields=["investigation", "exploitation_type"],
                                               name="exploitation_once_per_investigation")]

    def __str__(self) -> str:
        return self.exploitation_type


class Involvement(models.Model):
    """A person's role in one investigation, and what closure needs to know about it."""

    ACCESS_ORGANISATION_PATH = "investigation__organisation"

    investigation = models.ForeignKey(Investigation, on_delete=models.CASCADE,
                                      related_name="involvements")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="involvements")
    role = models.CharField(max_length=30, choices=InvolvementRole.choices())
    spoken_to_on = models.DateField(null=True, blank=True)
    told_of_closure_on = models.DateField(null=True, blank=True)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["investigation", "person"],
                                               name="one_involvement_per_person")]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"

    @property
    def role_enum(self) -> InvolvementRole:
        return InvolvementRole(self.role)


class LineOfEnquiry(models.Model):
    ACCESS_ORGANISATION_PATH = "investigation__organisation"

    investigation = models.ForeignKey(Investigation, on_delete=models.CASCADE,
                                      related_name="lines_of_enquiry")
    description = models.TextField()
    raised_on = models.DateField()
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    closed_on = models.DateField(null=True, blank=True)
    result = models.TextField(blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.description[:60]


class SupervisorReview(models.Model):
    investigation = models.ForeignKey(Investigation, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reviewed_at = models.DateTimeField(auto_now_add=True)
    note = models.TextField()

    class Meta:
        ordering = ["-reviewed_at"]

    def __str__(self) -> str:
        return f"Review of {self.investigation_id}"


class StatusChange(models.Model):
    """The investigation's history of status moves: who, when, from what to what."""

    investigation = models.ForeignKey(Investigation, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(max_length=30, choices=Status.choices(), blank=True)
    to_status = models.CharField(max_length=30, choices=Status.choices())
    changed_at = models.DateTimeField(auto_now_add=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status} -> {self.to_status}"


class OrganisedCrimeGroup(models.Model):
    """An organised crime group, recorded by one force and linked to investigations in any force.

    Visible to the recording force, and to each force with a linked investigation, which sees
    the group as a connection (seed 004 Deliverable A: associations found once data is shared).
    """

    ACCESS_ORGANISATION_PATH = ("organisation", "investigation_links__investigation__organisation")

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="groups")
    reference = models.CharField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    lead_officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["reference"]

    def __str__(self) -> str:
        return f"{self.reference} ({self.name})"


class GroupMembership(models.Model):
    """A person's part in a group. Each force sees the memberships of its own people."""

    ACCESS_ORGANISATION_PATH = "person__organisation"

    group = models.ForeignKey(OrganisedCrimeGroup, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="group_memberships")
    role = models.CharField(max_length=20, choices=GroupRole.choices())
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["group", "person"], name="one_membership_per_person")]

    def __str__(self) -> str:
        return f"{self.person_id} in {self.group_id}"


class GroupInvestigation(models.Model):
    """An investigation that touches a group. Each force sees its own investigations' links."""

    ACCESS_ORGANISATION_PATH = "investigation__organisation"

    group = models.ForeignKey(OrganisedCrimeGroup, on_delete=models.CASCADE,
                              related_name="investigation_links")
    investigation = models.ForeignKey(Investigation, on_delete=models.CASCADE, related_name="group_links")
    linked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    linked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["group", "investigation"],
                                               name="investigation_linked_once")]

    def __str__(self) -> str:
        return f"{self.investigation_id} in {self.group_id}"
