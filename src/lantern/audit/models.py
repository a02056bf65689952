"""The append-only audit trail and the head of its hash chain."""

from __future__ import annotations

from typing import Any, NoReturn

from django.db import models

from lantern.audit.rules import GENESIS_HASH, Action, ChainedFields


class AppendOnlyError(Exception):
    """Raised when code tries to change or remove an audit event."""


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Audit events cannot be changed.")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("Audit events cannot be deleted.")


class AuditEvent(models.Model):
    """One thing done to personal data (or to a session), by whom, when, to what, and why.

    Users and organisations are kept by id and by name as they were at the time, so the trail
    still reads true after a person changes name or leaves.
    """

    ACCESS_ORGANISATION_PATH = "organisation_id"

    sequence = models.PositiveBigIntegerField(unique=True)
    occurred_at = models.DateTimeField(db_index=True)
    action = models.CharField(max_length=30, choices=[(a.value, a.label) for a in Action])
    user_id = models.BigIntegerField(null=True, db_index=True)
    username = models.CharField(max_length=150, blank=True)
    organisation_id = models.BigIntegerField(null=True, db_index=True)
    organisation_name = models.CharField(max_length=200, blank=True)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    justification = models.TextField(blank=True)
    recipient = models.CharField(max_length=200, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["sequence"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object_idx")]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.action} {self.object_type}:{self.object_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Audit events cannot be deleted.")

    @property
    def action_label(self) -> str:
        return Action(self.action).label

    def chained_fields(self) -> ChainedFields:
        return ChainedFields(
            sequence=self.sequence,
            occurred_at=self.occurred_at,
            action=self.action,
            user_id=self.user_id,
            username=self.username,
            organisation_id=self.organisation_id,
            organisation_name=self.organisation_name,
            object_type=self.object_type,
            object_id=self.object_id,
            justification=self.justification,
            recipient=self.recipient,
            detail=self.detail,
            previous_hash=self.previous_hash,
        )


class AuditChainHead(models.Model):
    """The last event's sequence and hash: one row, locked while an event is appended."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    sequence = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default=GENESIS_HASH)

    class Meta:
        constraints = [models.CheckConstraint(name="single_chain_head", condition=models.Q(id=1))]

    def __str__(self) -> str:
        return f"head at {self.sequence}"
