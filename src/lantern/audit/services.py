"""Writing to the audit trail: the only code that appends events, and the chain's verification."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from django.db import connection, models, transaction
from django.utils import timezone

from lantern.audit.models import AuditChainHead, AuditEvent
from lantern.audit.rules import (
    GENESIS_HASH,
    NEEDS_RECIPIENT,
    Action,
    ChainedFields,
    ChainVerdict,
    StoredEvent,
    chain_verify,
    event_hash,
)

if TYPE_CHECKING:
    from lantern.accounts.models import Organisation, User


class AuditError(Exception):
    """An event that cannot be recorded as asked."""


def object_type_of(obj: models.Model) -> str:
    return f"{obj._meta.app_label}.{obj._meta.model_name}"


@transaction.atomic
def event_record(
    *,
    action: Action,
    actor: User | None,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    justification: str = "",
    recipient: str = "",
    detail: Mapping[str, Any] | None = None,
    username: str = "",
    organisation: Organisation | None = None,
) -> AuditEvent:
    """Append one event to the chain.

    ``detail`` names what was touched (field names, counts, search terms), never the personal data
    itself. The event belongs to the actor's organisation; with no actor (a command run on the
    server), to ``organisation`` if given. The chain head is locked for the rest of the
    enclosing transaction, so events are sealed in the order they commit.
    """
    if action in NEEDS_RECIPIENT and not recipient.strip():
        raise AuditError(f"A {action.label.lower()} must name its recipient.")
    if obj is not None:
        object_type, object_id = object_type_of(obj), str(obj.pk)
    if actor is not None:
        organisation = actor.organisation
    head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
    fields = ChainedFields(
        sequence=head.sequence + 1,
        occurred_at=timezone.now(),
        action=action.value,
        user_id=actor.pk if actor is not None else None,
        username=actor.get_username() if actor is not None else username,
        organisation_id=organisation.pk if organisation is not None else None,
        organisation_name=organisation.name if organisation is not None else "",
        object_type=object_type,
        object_id=object_id,
        justification=justification,
        recipient=recipient,
        detail=dict(detail or {}),
        previous_hash=head.hash,
    )
    sealed = event_hash(fields)
    event = AuditEvent.objects.create(
        sequence=fields.sequence,
        occurred_at=fields.occurred_at,
        action=fields.action,
        user_id=fields.user_id,
        username=fields.username,
        organisation_id=fields.organisation_id,
        organisation_name=fields.organisation_name,
        object_type=fields.object_type,
        object_id=fields.object_id,
        justification=fields.justification,
        recipient=fields.recipient,
        detail=fields.detail,
        previous_hash=fields.previous_hash,
        hash=sealed,
    )
    AuditChainHead.objects.filter(pk=1).update(sequence=fields.sequence, hash=sealed)
    return event


def _stored_events() -> Iterator[StoredEvent]:
    for event in AuditEvent.objects.order_by("sequence").iterator(chunk_size=5000):
        yield StoredEvent(fields=event.chained_fields(), stored_hash=event.hash)


def chain_check() -> ChainVerdict:
    """Verify the whole trail, in one consistent snapshot of the database.

    Events appended while the check runs are outside its snapshot, so they neither pass nor fail.
    """
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql" and outermost:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        head = AuditChainHead.objects.filter(pk=1).first()
        head_sequence, head_hash = (head.sequence, head.hash) if head else (0, GENESIS_HASH)
        return chain_verify(_stored_events(), head_sequence=head_sequence, head_hash=head_hash)
