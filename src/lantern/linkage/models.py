"""What the linkage room keeps: runs, stable person ids, suggested matches, officers' decisions, notices.

A run reads every person record in every force (``lantern.access.across_forces``), links them
with the engine (``lantern.linkage.engine``) and keeps its results here. Personal data stays in
the cases room: these rows hold ids, scores and the plain-words explanation of a score, never a
name or an identifier's value.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from lantern.cases.models import Person
from lantern.linkage.rules import DecisionOutcome, NoticeReason, RunStatus


class LinkRun(models.Model):
    """One batch linkage run over every force's person records: its progress and its figures."""

    # A run holds counts and a trained model, no personal data: anyone who may see cases may see
    # that it ran (``queries.run_detail`` requires the capability).
    ACCESS_ORGANISATION_PATH = "requested_by__organisation"

    status = models.CharField(max_length=20, choices=RunStatus.choices(), default=RunStatus.QUEUED.value)
    engine = models.CharField(max_length=20, default="duckdb")
    threshold = models.FloatField(default=0.9)
    stage = models.CharField(max_length=40, blank=True)
    fraction = models.FloatField(default=0.0)
    records = models.PositiveIntegerField(default=0)
    matches = models.PositiveIntegerField(default=0)
    clusters = models.PositiveIntegerField(default=0)
    merges = models.PositiveIntegerField(default=0)
    splits = models.PositiveIntegerField(default=0)
    connections = models.PositiveIntegerField(default=0)
    model = models.JSONField(default=dict, blank=True)
    seconds = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                                     blank=True, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-pk"]

    def __str__(self) -> str:
        return f"Linkage run {self.pk} ({self.status})"


class ClusterMember(models.Model):
    """A person record's stable person id: the cluster it belongs to after the latest run."""

    ACCESS_ORGANISATION_PATH = "person__organisation"

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="cluster")
    cluster_id = models.CharField(max_length=20, db_index=True)
    run = models.ForeignKey(LinkRun, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"{self.person_id} in {self.cluster_id}"


class ClusterChange(models.Model):
    """A stable id's history: made, merged into another, split off. Ids and counts only."""

    ACCESS_ORGANISATION_PATH = "run__requested_by__organisation"

    run = models.ForeignKey(LinkRun, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(max_length=20)
    cluster_id = models.CharField(max_length=20, db_index=True)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.cluster_id} {self.kind} in run {self.run_id}"


class SuggestedMatch(models.Model):
    """Two person records the model scores as likely the same person, with why (``parts``).

    ``left`` is the record with the lower id. The latest run's score replaces an earlier one.
    Visible to either side's force; what the other side sees of a record is decided in ``queries``.
    """

    ACCESS_ORGANISATION_PATH = ("left__organisation", "right__organisation")

    left = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    right = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    run = models.ForeignKey(LinkRun, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    probability = models.FloatField()
    match_weight = models.FloatField()
    parts = models.JSONField(default=list, blank=True)
    cross_force = models.BooleanField(default=False)
    cross_investigation = models.BooleanField(default=False)
    found_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-probability", "pk"]
        # The connections page's matches, strongest first: read in this order until a page of
        # the user's force's is found, not sorted from every match (60 ms on the national data).
        indexes = [models.Index(fields=["-probability", "id"], name="suggestion_strength_idx")]
        constraints = [
            models.UniqueConstraint(fields=["left", "right"], name="one_suggestion_per_pair"),
            models.CheckConstraint(name="suggestion_left_below_right",
                                   condition=models.Q(left__lt=models.F("right"))),
        ]

    def __str__(self) -> str:
        return f"{self.left_id} ~ {self.right_id} ({self.probability:.2f})"


class MatchDecision(models.Model):
    """An officer's decision on two records: the same person, not, or unsure. Later runs obey it."""

    ACCESS_ORGANISATION_PATH = ("left__organisation", "right__organisation")

    left = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    right = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    outcome = models.CharField(max_length=20, choices=DecisionOutcome.choices())
    reason = models.TextField()
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-decided_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["left", "right"], name="one_decision_per_pair"),
            models.CheckConstraint(name="decision_left_below_right",
                                   condition=models.Q(left__lt=models.F("right"))),
        ]

    def __str__(self) -> str:
        return f"{self.left_id} ~ {self.right_id}: {self.outcome}"


class ConnectionNotice(models.Model):
    """A task for one officer: a suggested match joins their record to another investigation or force."""

    ACCESS_ORGANISATION_PATH = "recipient__organisation"

    match = models.ForeignKey(SuggestedMatch, on_delete=models.CASCADE, related_name="notices")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=30, choices=NoticeReason.choices())
    created_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["done_at", "-created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["match", "recipient"], name="one_notice_per_officer")]

    def __str__(self) -> str:
        return f"Notice of match {self.match_id} to user {self.recipient_id}"


class BlockingKey(models.Model):
    """One entry of the persistent blocking index: a record filed under a hashed key (``blocking``)."""

    ACCESS_ORGANISATION_PATH = "person__organisation"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    key = models.BigIntegerField(db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "key"], name="one_key_per_person")]

    def __str__(self) -> str:
        return f"Blocking key {self.pk} of {self.person_id}"
