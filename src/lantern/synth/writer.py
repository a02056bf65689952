"""The services writer: a plan written through the services the application uses.

Every rule and the audit trail hold for the records, because the same functions a person's
request calls make them. Where a service stamps today (a triage, a closure, a submission), the
date is moved back afterwards with a queryset ``update()`` on the casework tables, never the audit
trail, as the demo does (``lantern.cases.demo.casework_steps``).

Each batch of cases is one transaction: a run stopped part-way leaves whole batches only. The
synthetic staff of a force (``synth-<force>-investigator`` and ``-supervisor``, with no usable
password and no second factor, so nobody can sign in as them) are made as needed,
before the batch that needs them. Each person's true identity goes into ``synth.TrueIdentity``
in the same transaction as the record.

The rooms' parts: ``write_cases`` (the investigation, its people, its moves and closure),
``write_safeguarding`` (safety, support, referrals and notices, decisions) and ``write_justice``
(s45, the CPS and courts, orders, disruptions, organised crime groups).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import fields
from itertools import islice

from django.db import transaction
from django.utils import timezone

from lantern.accounts.models import Organisation, User
from lantern.accounts.rules import Role
from lantern.accounts.services import user_create
from lantern.synth.plan import CasePlan
from lantern.synth.write_cases import Context, Staff, WriteSummary, write_case

__all__ = ["Progress", "WriteSummary", "staff_for", "write_plan"]

Progress = Callable[[int, int], None]
"""Called after each batch with the cases and persons written so far."""


def staff_username(force: str, role: str) -> str:
    return f"synth-{force}-{role}"


def _staff_member(organisation: Organisation, role: Role, label: str) -> User:
    username = staff_username(organisation.code, label)
    existing = User.objects.filter(username=username).first()
    if existing is not None:
        return existing
    return user_create(
        organisation=organisation, username=username, first_name="Synthetic",
        last_name=f"{label.title()} ({organisation.code})",
        email=f"{username}@synthetic.lantern.invalid", roles=[role],
        password=None, job_title=f"Synthetic {label}")


def staff_for(force: str) -> Staff:
    """The force's synthetic investigator and supervisor, made through the accounts service once."""
    organisation = Organisation.objects.get(code=force)
    with transaction.atomic():
        return Staff(investigator=_staff_member(organisation, Role.INVESTIGATOR, "investigator"),
                     supervisor=_staff_member(organisation, Role.SUPERVISOR, "supervisor"))


def _batches(cases: Iterable[CasePlan], size: int) -> Iterator[list[CasePlan]]:
    stream = iter(cases)
    while batch := list(islice(stream, size)):
        yield batch


def write_plan(cases: Iterable[CasePlan], *, batch_size: int = 25,
               progress: Progress | None = None) -> WriteSummary:
    """Write the planned cases through the services, one transaction per batch."""
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    started = time.monotonic()
    summary = WriteSummary()
    context = Context(today=timezone.localdate(), staff={}, summary=summary)
    for batch in _batches(cases, batch_size):
        for force in sorted({case.force for case in batch} - set(context.staff)):
            context.staff[force] = staff_for(force)
        counts_before = {f.name: getattr(summary, f.name) for f in fields(summary)}
        try:
            with transaction.atomic():
                for case in batch:
                    write_case(context, case)
        except BaseException:
            for name, value in counts_before.items():  # the batch is gone: so are its counts
                setattr(summary, name, value)
            summary.seconds = time.monotonic() - started
            raise
        summary.batches += 1
        if progress is not None:
            progress(summary.investigations, summary.persons)
    summary.seconds = time.monotonic() - started
    return summary
