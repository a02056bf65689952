"""The plan, drawn in a second process while this one writes: planning and writing overlap.

Plain Python: no Django in the child. Planning is pure Python and single-threaded, and so is
writing a batch; on a machine with two cores the bulk path takes the longer of the two instead of
their sum. The child runs the very same ``plan_cases`` (same seed, same plan, same order) and
hands over chunks of cases through a bounded queue, so memory stays flat: at most ``depth``
chunks wait. A failure in the child is raised here with its message; stopping early (an
interrupted write, a closed generator) stops the child.
"""

from __future__ import annotations

import multiprocessing
import queue
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from lantern.synth.plan import plan_cases
from lantern.synth.plan_types import CasePlan
from lantern.synth.request import GenerateRequest

_POLL_SECONDS = 5.0


class PlanningFailed(RuntimeError):
    """The planning process stopped with an error, or died."""


@dataclass(frozen=True)
class _Failure:
    message: str


def _produce(request: GenerateRequest, today: date | None, chunk: int, out: multiprocessing.Queue) -> None:
    try:
        cases: list[CasePlan] = []
        for case in plan_cases(request, today=today):
            cases.append(case)
            if len(cases) >= chunk:
                out.put(cases)
                cases = []
        if cases:
            out.put(cases)
        out.put(None)
    except Exception as error:  # every failure is reported to the parent
        out.put(_Failure(f"{type(error).__name__}: {error}"))


def plan_cases_in_background(request: GenerateRequest, *, today: date | None = None, chunk: int = 500,
                             depth: int = 8) -> Iterator[CasePlan]:
    """``plan_cases(request, today=today)``, drawn in a child process ``chunk`` cases at a time."""
    context = multiprocessing.get_context("spawn")  # a clean interpreter: no copy of open connections
    handover: multiprocessing.Queue = context.Queue(maxsize=depth)
    child = context.Process(target=_produce, args=(request, today or date.today(), chunk, handover),
                            name="lantern-plan", daemon=True)
    child.start()
    try:
        while True:
            try:
                item = handover.get(timeout=_POLL_SECONDS)
            except queue.Empty:
                if not child.is_alive():
                    stopped = f"The planning process stopped (exit code {child.exitcode})."
                    raise PlanningFailed(stopped) from None
                continue
            if item is None:
                return
            if isinstance(item, _Failure):
                raise PlanningFailed(f"Planning failed: {item.message}")
            yield from item
    finally:
        if child.is_alive():
            child.terminate()
        child.join(timeout=10)
        handover.close()
