"""The Victims' Code: who is owed enhanced rights, which updates are owed and by when; interpreters.

Plain Python: no Django. Sources: the Code of Practice for Victims of Crime in England and Wales
(in force from 1 April 2021); the Hestia super-complaint report (seed 002 §12.29: the Code says the
police should assess early whether a victim is entitled to an enhanced service, most modern slavery
victims would be, and cases have been closed without victims being told; §12.27: a male or female
interpreter as the victim chooses, and the same interpreter for further interviews; §12.7: an
independent interpreter, not someone present with the victim and known to them).

Deadlines are dated rule rows (``DEFAULT_DEADLINES``), like the NRM recovery period: when the Code
changes, add a row with the new figures and the day they take effect, and updates owed for events
before then keep the deadlines they were owed under.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from lantern.safeguarding.rules.working_days import add_working_days

CODE_2021 = "Code of Practice for Victims of Crime in England and Wales, April 2021"
CODE_2021_IN_FORCE = date(2021, 4, 1)
# The Code it replaced, for records of events before April 2021. Its enhanced service also told
# victims within 1 working day (5 otherwise) and referred them to support within 2 days.
CODE_2015 = "Code of Practice for Victims of Crime, October 2015 (in force 16 November 2015)"
CODE_2015_IN_FORCE = date(2015, 11, 16)


class UpdateKind(StrEnum):
    """Something that happened in the case that the victim must be told of, or a referral owed."""

    REFERRAL_TO_SUPPORT_SERVICES = "referral_to_support_services"
    SUSPECT_ARRESTED = "suspect_arrested"
    SUSPECT_INTERVIEWED_UNDER_CAUTION = "suspect_interviewed_under_caution"
    SUSPECT_RELEASED_WITHOUT_CHARGE = "suspect_released_without_charge"
    SUSPECT_RELEASED_ON_BAIL_OR_RUI = "suspect_released_on_bail_or_rui"
    BAIL_CONDITIONS_CHANGED = "bail_conditions_changed"
    DECISION_NOT_TO_INVESTIGATE = "decision_not_to_investigate"
    INVESTIGATION_CLOSED = "investigation_closed"
    SUSPECT_CHARGED = "suspect_charged"
    CPS_DECISION_NOT_TO_CHARGE_OR_ALTER = "cps_decision_not_to_charge_or_alter"
    CASE_OUTCOME_AND_SENTENCE = "case_outcome_and_sentence"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(m.value, m.label) for m in cls]


_LABELS: dict[UpdateKind, str] = {
    UpdateKind.REFERRAL_TO_SUPPORT_SERVICES: (
        "Referral to victim support services (from the crime being reported)"
    ),
    UpdateKind.SUSPECT_ARRESTED: "Suspect arrested",
    UpdateKind.SUSPECT_INTERVIEWED_UNDER_CAUTION: "Suspect interviewed under caution",
    UpdateKind.SUSPECT_RELEASED_WITHOUT_CHARGE: "Suspect released without charge",
    UpdateKind.SUSPECT_RELEASED_ON_BAIL_OR_RUI: "Suspect released on bail or under investigation",
    UpdateKind.BAIL_CONDITIONS_CHANGED: "Suspect's bail conditions changed or cancelled",
    UpdateKind.DECISION_NOT_TO_INVESTIGATE: "Decision not to investigate, and why",
    UpdateKind.INVESTIGATION_CLOSED: "Decision to end the investigation, and why",
    UpdateKind.SUSPECT_CHARGED: "Suspect charged",
    UpdateKind.CPS_DECISION_NOT_TO_CHARGE_OR_ALTER: (
        "CPS decision not to charge, or to drop or substantially change a charge"
    ),
    UpdateKind.CASE_OUTCOME_AND_SENTENCE: (
        "Case outcome and sentence (from when the witness care unit hears from the court)"
    ),
}


@dataclass(frozen=True)
class CodeDeadline:
    """How many working days the Code allows for one kind of update, from a given day."""

    kind: UpdateKind
    enhanced_days: int
    standard_days: int
    in_force_from: date
    source: str

    def days(self, *, enhanced: bool) -> int:
        return self.enhanced_days if enhanced else self.standard_days


def _rows(in_force_from: date, source: str) -> tuple[CodeDeadline, ...]:
    def row(kind: UpdateKind, enhanced_days: int, standard_days: int) -> CodeDeadline:
        return CodeDeadline(kind, enhanced_days, standard_days, in_force_from, source)

    return (
        # Referral to support services within 2 working days, for every victim (2021: Right 4).
        row(UpdateKind.REFERRAL_TO_SUPPORT_SERVICES, 2, 2),
        row(UpdateKind.SUSPECT_ARRESTED, 1, 5),
        row(UpdateKind.SUSPECT_INTERVIEWED_UNDER_CAUTION, 1, 5),
        row(UpdateKind.SUSPECT_RELEASED_WITHOUT_CHARGE, 1, 5),
        row(UpdateKind.SUSPECT_RELEASED_ON_BAIL_OR_RUI, 1, 5),
        row(UpdateKind.BAIL_CONDITIONS_CHANGED, 1, 5),
        row(UpdateKind.DECISION_NOT_TO_INVESTIGATE, 1, 5),
        row(UpdateKind.INVESTIGATION_CLOSED, 1, 5),
        row(UpdateKind.SUSPECT_CHARGED, 1, 5),
        row(UpdateKind.CPS_DECISION_NOT_TO_CHARGE_OR_ALTER, 1, 5),
        # Counted from the day the witness care unit receives the outcome from the court.
        row(UpdateKind.CASE_OUTCOME_AND_SENTENCE, 1, 5),
    )


DEFAULT_DEADLINES: tuple[CodeDeadline, ...] = (
    *_rows(CODE_2015_IN_FORCE, CODE_2015),
    *_rows(CODE_2021_IN_FORCE, CODE_2021),
)


class NoDeadlineInForce(LookupError):
    """No row of the deadline table covers this kind of update on this day."""


def deadline_in_force(
    kind: UpdateKind, on: date, table: Iterable[CodeDeadline] = DEFAULT_DEADLINES
) -> CodeDeadline:
    """The deadline row for ``kind`` in force on ``on``: the latest that took effect on or before it.

    Of two rows taking effect on the same day, the one later in the table wins (a correction).
    """
    rows = [row for row in table if row.kind == kind and row.in_force_from <= on]
    if not rows:
        raise NoDeadlineInForce(
            f"No Victims' Code deadline for {kind.label.lower()} was in force on {on:%d %B %Y}: "
            "the deadline table starts later, so add the rule that applied then."
        )
    return max(reversed(rows), key=lambda row: row.in_force_from)


def entitled_to_enhanced_rights(
    *,
    modern_slavery_victim: bool,
    child: bool,
    vulnerable_or_intimidated: bool,
    persistently_targeted: bool,
    serious_crime_bereaved: bool,
) -> bool:
    """Is this victim owed the Code's enhanced rights?

    The Code's categories: victims of the most serious crime (human trafficking among them) and
    close relatives bereaved by criminal conduct; persistently targeted victims; vulnerable or
    intimidated victims. Everyone under 18 is vulnerable. A modern slavery or trafficking victim
    qualifies twice over: the crime is among the most serious, and its complainants are treated
    as intimidated. ``serious_crime_bereaved`` stands for the first category for any other crime.
    """
    return any(
        (
            modern_slavery_victim,
            child,
            vulnerable_or_intimidated,
            persistently_targeted,
            serious_crime_bereaved,
        )
    )


def update_due(
    kind: UpdateKind, event_on: date, *, enhanced: bool, table: Iterable[CodeDeadline] = DEFAULT_DEADLINES
) -> date:
    """The last day on which the victim can be told of ``kind`` (or referred) without being let down.

    Working days after the event under the rule in force on the event's day; see
    ``add_working_days`` for how they are counted (the event's own day does not count).
    """
    deadline = deadline_in_force(kind, event_on, table)
    return add_working_days(event_on, deadline.days(enhanced=enhanced))


@dataclass(frozen=True)
class UpdateOwed:
    """One update the victim is owed: what, since when, by when, and when it was given."""

    kind: UpdateKind
    event_on: date
    due_on: date
    given_on: date | None = None


def updates_owed_for(
    event: UpdateKind,
    event_on: date,
    *,
    enhanced: bool,
    table: Iterable[CodeDeadline] = DEFAULT_DEADLINES,
) -> UpdateOwed:
    """The update the victim is owed because ``event`` happened on ``event_on``, not yet given."""
    return UpdateOwed(
        kind=event,
        event_on=event_on,
        due_on=update_due(event, event_on, enhanced=enhanced, table=table),
    )


def is_overdue(owed: UpdateOwed, today: date) -> bool:
    """Not given, and the day it was due has passed. An update given late is ``given_late``."""
    return owed.given_on is None and today > owed.due_on


def given_late(owed: UpdateOwed) -> bool:
    """Given, but after the day it was due."""
    return owed.given_on is not None and owed.given_on > owed.due_on


def days_overdue(owed: UpdateOwed, today: date) -> int:
    """Calendar days past the due day: until it was given, or until ``today`` if it has not been.

    Calendar days, not working days, so that an update due on a Friday and still not given on the
    Saturday shows as one day overdue rather than as overdue by nothing. Zero when on time.
    """
    until = owed.given_on if owed.given_on is not None else today
    return max(0, (until - owed.due_on).days)


def _same_sex(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


def interpreter_problems(
    *,
    language: str,
    preferred_sex: str | None,
    interpreter_sex: str | None,
    same_as_before: bool | None,
    brought_by_someone_present: bool,
) -> list[str]:
    """Warnings for the officer about an interpreter, most serious first; empty when all is well.

    Seed 002 §12.7: the interpreter must be independent, not brought by someone present with the
    victim (who may be an exploiter or an "alpha victim"). §12.27: offer the victim the choice of a
    male or female interpreter, and use the same interpreter for further interviews.
    ``same_as_before`` is None for a first interview; ``preferred_sex`` None if the victim has no
    preference; ``interpreter_sex`` None if it was not recorded.
    """
    problems: list[str] = []
    spoken = language.strip()
    if not spoken:
        problems.append("Record the language the victim needs interpreting.")
    in_language = f"{spoken} interpreter" if spoken else "interpreter"
    if brought_by_someone_present:
        problems.append(
            f"The {in_language} was brought by someone present with the victim: they may be known to "
            "the exploiter. Use an independent interpreter (an interpreting service, by telephone if "
            "need be) and do not continue with this one."
        )
    preference = (preferred_sex or "").strip()
    if preference:
        if interpreter_sex is None or not interpreter_sex.strip():
            problems.append(
                f"The victim asked for a {preference.lower()} interpreter: record the interpreter's sex."
            )
        elif not _same_sex(preference, interpreter_sex):
            problems.append(
                f"The victim asked for a {preference.lower()} interpreter but the {in_language} is "
                f"{interpreter_sex.strip().lower()}: find a {preference.lower()} interpreter, or record "
                "why none could be found and that the victim agreed to continue."
            )
    if same_as_before is False:
        problems.append(
            f"This is a different {in_language} from last time: use the same interpreter for further "
            "interviews where possible, and record why it was not."
        )
    return problems
