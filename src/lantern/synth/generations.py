"""Whether a seed's generation finished: an audit event as ``lantern generate`` starts, another as it ends.

Both writers commit batch by batch, so a run stopped part-way (the process killed, the database
gone, the disk full) keeps whole batches of the seed's cases and nothing of the batch it was in.
Those cases look like a generation; without a mark, ``--if-absent`` would take them for a finished
one and ``make demo`` would carry on with a fraction of its data. So the command records its start
before the first batch and its end after the last: a seed whose latest event is a start was stopped
part-way. A database generated before these events existed has neither, and counts as finished.
"""

from __future__ import annotations

from lantern.audit.models import AuditEvent
from lantern.audit.rules import Action
from lantern.audit.services import event_record
from lantern.synth.request import GenerateRequest
from lantern.synth.write_cases import WriteSummary

OBJECT_TYPE = "synth.generation"
GENERATOR_USERNAME = "synthetic generator"


def generation_started(request: GenerateRequest, *, path: str) -> None:
    """Record that a generation for ``request.seed`` is starting, committed before its first batch."""
    event_record(action=Action.COLLECTION, actor=None, username=GENERATOR_USERNAME, object_type=OBJECT_TYPE,
                 object_id=str(request.seed),
                 detail={"stage": "started", "scale": request.scale, "persons": request.size,
                         "from": request.from_year, "to": request.to_year, "path": path})


def generation_finished(request: GenerateRequest, summary: WriteSummary) -> None:
    """Record that the generation for ``request.seed`` wrote its last batch."""
    event_record(action=Action.COLLECTION, actor=None, username=GENERATOR_USERNAME, object_type=OBJECT_TYPE,
                 object_id=str(request.seed),
                 detail={"stage": "finished", "investigations": summary.investigations,
                         "persons": summary.persons, "batches": summary.batches})


def generation_unfinished(seed: int) -> AuditEvent | None:
    """The start of ``seed``'s latest generation if it never finished, else None."""
    latest = (AuditEvent.objects.filter(object_type=OBJECT_TYPE, object_id=str(seed))
              .order_by("-sequence").first())
    return latest if latest is not None and latest.detail.get("stage") == "started" else None
