"""The s45 defence for victims of slavery or trafficking who commit an offence.

Plain Python: no Django. Sources: Modern Slavery Act 2015 s45 (the tests, quoted for the form) and
Schedule 4 (offences it does not cover: ``schedule4``); the Hestia super-complaint report (seed 002
§12.18-12.21): victims arrested and dealt with only as offenders; HMICFRS's 2017 recommendation of
"early and continuing consideration" of the defence; when offences are not pursued because the
defence applies, a modern slavery crime is still recorded so that it can be investigated, and the
Home Office is notified or an NRM referral made when the defence is raised; no systematic data on
its use. DOMAIN.md "The victim's path" points 4 and 7.

Coaching is a known misuse: forces and the CPS report criminal gangs coaching people to claim the
defence if caught, and once it is raised the prosecution must disprove it beyond reasonable doubt
(seed 002 §12.20). That is why each test is answered separately, on the evidence, and recorded:
an assessment is a reasoned record of the officer's view, not a tick for "the suspect said so".
Deciding whether to prosecute stays with the CPS.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar

from lantern.justice.rules.schedule4 import ExcludedOffence


class AgeGroup(StrEnum):
    """The person's age when they did the act: it decides which tests apply (s45(1) or s45(4))."""

    ADULT = "adult"
    UNDER_18 = "under_18"

    @property
    def label(self) -> str:
        return _AGE_LABELS[self]

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(m.value, m.label) for m in cls]


_AGE_LABELS = {
    AgeGroup.ADULT: "18 or over when they did the act",
    AgeGroup.UNDER_18: "Under 18 when they did the act",
}


@dataclass(frozen=True)
class TestQuestion:
    """One limb of the defence, worded for the form: answered yes or no on the evidence."""

    __test__: ClassVar[bool] = False  # not a pytest test class, despite its name

    key: str
    question: str
    provision: str


ADULT_TESTS: tuple[TestQuestion, ...] = (
    TestQuestion(
        key="compelled",
        question=(
            "Did the person do the act because they were compelled to do it, by another person or by "
            "their circumstances?"
        ),
        provision="s45(1)(b) and (2)",
    ),
    TestQuestion(
        key="compulsion_attributable_to_slavery_or_exploitation",
        question=(
            "Is the compulsion attributable to slavery or to relevant exploitation: part of conduct that "
            "is a slavery offence or relevant exploitation, or a direct consequence of the person being, "
            "or having been, a victim of slavery or of relevant exploitation?"
        ),
        provision="s45(1)(c) and (3)",
    ),
    TestQuestion(
        key="no_realistic_alternative",
        question=(
            "Would a reasonable person in the same situation, with the person's relevant characteristics "
            "(age, sex and any physical or mental illness or disability), have no realistic alternative "
            "to doing the act?"
        ),
        provision="s45(1)(d) and (5)",
    ),
)

UNDER_18_TESTS: tuple[TestQuestion, ...] = (
    TestQuestion(
        key="direct_consequence_of_being_a_victim",
        question=(
            "Did the person do the act as a direct consequence of being, or having been, a victim of "
            "slavery or of relevant exploitation?"
        ),
        provision="s45(4)(b)",
    ),
    TestQuestion(
        key="reasonable_person_would_do_the_act",
        question=(
            "Would a reasonable person in the same situation, with the person's relevant characteristics "
            "(including their age, sex and any physical or mental illness or disability), do that act?"
        ),
        provision="s45(4)(c) and (5)",
    ),
)

_TESTS = {AgeGroup.ADULT: ADULT_TESTS, AgeGroup.UNDER_18: UNDER_18_TESTS}


def tests_for(age_group: AgeGroup) -> tuple[TestQuestion, ...]:
    """The questions the defence asks of someone in this age group, in the statute's order.

    Under-18s face no compulsion test and a lower reasonable-person bar, in recognition of
    children's particular vulnerability (seed 002 §12.20).
    """
    return _TESTS[age_group]


@dataclass(frozen=True)
class S45Assessment:
    """An officer's recorded consideration of the defence for one person and one offence.

    ``answers`` maps each test's key to yes (True), no (False) or not yet answered (None or absent).
    ``offence_excluded`` is the Schedule 4 offence the person is suspected of, if it is one.
    """

    age_group: AgeGroup
    answers: Mapping[str, bool | None]
    offence_excluded: ExcludedOffence | None


def excluded_offence_problem(offence: ExcludedOffence) -> str:
    """Why the defence cannot be relied on for this offence."""
    return (
        f"The s45 defence cannot be relied on for {offence.name} ({offence.provision}): it is listed in "
        "Schedule 4 to the Modern Slavery Act 2015, offences to which the defence does not apply (s45(7))."
    )


def assessment_problems(assessment: S45Assessment) -> list[str]:
    """What stops this assessment standing as a complete record, in words an officer can act on.

    For a Schedule 4 offence the tests do not arise, so the only thing to say is that the defence is
    not available. Otherwise every test for the person's age group needs a yes or a no, and an
    answer left over from the other age group's tests must be cleared.
    """
    if assessment.offence_excluded is not None:
        return [excluded_offence_problem(assessment.offence_excluded)]
    problems: list[str] = []
    tests = tests_for(assessment.age_group)
    for test in tests:
        if assessment.answers.get(test.key) is None:
            problems.append(f"Answer yes or no ({test.provision}): {test.question}")
    keys = {test.key for test in tests}
    other_group = next(group for group in AgeGroup if group is not assessment.age_group)
    for test in tests_for(other_group):
        if test.key not in keys and assessment.answers.get(test.key) is not None:
            problems.append(
                f"An answer is recorded to a test for someone {other_group.label.lower()} "
                f"({test.provision}): clear it, or correct the person's age."
            )
    return problems


def defence_applies(assessment: S45Assessment) -> bool:
    """Does the assessment find every limb of the defence met, for an offence it covers?"""
    if assessment.offence_excluded is not None:
        return False
    return all(assessment.answers.get(test.key) is True for test in tests_for(assessment.age_group))


def consideration_due(*, is_victim: bool, is_suspect: bool, slavery_indicators: bool) -> bool:
    """Must the s45 defence be considered for this person?

    Whenever someone is a suspect and is also a victim, or shows signs of slavery or exploitation:
    early and continuing consideration (HMICFRS 2017, quoted in seed 002 §12.20), because victims are
    otherwise dealt with solely as offenders (§12.18).
    """
    return is_suspect and (is_victim or slavery_indicators)


def charging_blocked_problem(*, consideration_due: bool, consideration_recorded: bool) -> str | None:
    """Why a charging decision on this person cannot be recorded yet, or None if it can."""
    if consideration_due and not consideration_recorded:
        return (
            "This person may be a victim of modern slavery: record your consideration of the s45 defence "
            "before a charging decision (Modern Slavery Act 2015 s45)."
        )
    return None


def exploiter_crime_problem(
    *, defence_applies: bool, offence_pursued: bool, exploiter_crime_recorded: bool
) -> str | None:
    """Why a crime against the exploiter is still owed, or None.

    Where the defence applies and the victim's offence is not pursued, a modern slavery crime is
    recorded against the exploiter so that it can be investigated (seed 002 §12.20).
    """
    if defence_applies and not offence_pursued and not exploiter_crime_recorded:
        return (
            "The s45 defence applies and the offence is not being pursued: record a modern slavery crime "
            "against the exploiter so that it can be investigated."
        )
    return None


def referral_problem(*, defence_raised: bool, referral_or_notice_recorded: bool) -> str | None:
    """Why an NRM referral or a duty-to-notify notice is owed, or None.

    When the defence is raised, the person is referred into the NRM or notified to the Home Office
    (seed 002 §12.20, MSOICU guidance).
    """
    if defence_raised and not referral_or_notice_recorded:
        return (
            "The s45 defence has been raised: refer this person into the National Referral Mechanism, or "
            "notify the Home Office under the duty to notify, and record which."
        )
    return None
