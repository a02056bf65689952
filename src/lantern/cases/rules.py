"""Investigations and the people in them: vocabularies, the lifecycle and its guards, who is a child.

Plain Python: no Django. Sources: HMICFRS "Stolen Freedom" (seed 001: cases closed prematurely,
without speaking to victims, with lines of enquiry outstanding, weak supervision); the Hestia
super-complaint report (seed 002 §12.29: victims not told of closure; §12.31: triage and
specialist allocation; Annex H: exploitation types).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from lantern.vocabulary import LabelledEnum


class Offence(LabelledEnum):
    """Offences a modern slavery investigation may record."""

    MSA_S1 = "msa_2015_s1"
    MSA_S2 = "msa_2015_s2"
    MSA_S4 = "msa_2015_s4"
    MSA_S30 = "msa_2015_s30"
    AIA_2004_S4 = "aia_2004_s4"
    SOA_2003_S59A = "soa_2003_s59a"
    CJA_2009_S71 = "cja_2009_s71"


class ExploitationType(LabelledEnum):
    """Forms of exploitation (seed 002 Annex H); one investigation or person can have several."""

    SEXUAL = "sexual"
    LABOUR = "labour"
    DOMESTIC_SERVITUDE = "domestic_servitude"
    CRIMINAL_COUNTY_LINES = "criminal_county_lines"
    CRIMINAL_CANNABIS = "criminal_cannabis"
    CRIMINAL_OTHER = "criminal_other"
    ORGAN_REMOVAL = "organ_removal"
    FORCED_MARRIAGE = "forced_marriage"

    @property
    def is_criminal(self) -> bool:
        return self.value.startswith("criminal_")


class Industry(LabelledEnum):
    """Where exploitation is found (seeds 001, 004)."""

    CAR_WASH = "car_wash"
    NAIL_BAR = "nail_bar"
    BROTHEL_SEX_INDUSTRY = "brothel_sex_industry"
    AGRICULTURE = "agriculture"
    FOOD_PROCESSING = "food_processing"
    SHELLFISH = "shellfish"
    TEXTILES = "textiles"
    CONSTRUCTION = "construction"
    CLEANING = "cleaning"
    HOSPITALITY = "hospitality"
    CARE = "care"
    DRUG_SUPPLY = "drug_supply"
    DOMESTIC_HOUSEHOLD = "domestic_household"
    OTHER = "other"
    NOT_KNOWN = "not_known"


class ExploitationLocation(LabelledEnum):
    UK = "uk"
    OVERSEAS = "overseas"
    UK_AND_OVERSEAS = "uk_and_overseas"
    NOT_KNOWN = "not_known"


class NimLevel(LabelledEnum):
    """National Intelligence Model level: who should lead (seed 004)."""

    LOCAL = "1"
    CROSS_BORDER = "2"
    NATIONAL = "3"


class Team(LabelledEnum):
    """Who an investigation is allocated to (seed 002 §12.31: specialist units work best)."""

    SPECIALIST_UNIT = "specialist_unit"
    PUBLIC_PROTECTION = "public_protection"
    CID = "cid"
    NEIGHBOURHOOD = "neighbourhood"
    ROCU = "rocu"
    NCA = "nca"


class Status(LabelledEnum):
    RECORDED = "recorded"
    TRIAGED = "triaged"
    ALLOCATED = "allocated"
    UNDER_INVESTIGATION = "under_investigation"
    WITH_JUSTICE = "with_justice"
    CLOSED = "closed"


class OutcomeType(LabelledEnum):
    """Home Office crime outcome types, given when an investigation closes."""

    CHARGED = "1"
    ALTERNATIVE_OFFENCE_CHARGED = "1A"
    YOUTH_CAUTION = "2"
    ADULT_CAUTION = "3"
    TAKEN_INTO_CONSIDERATION = "4"
    OFFENDER_DIED = "5"
    COMMUNITY_RESOLUTION = "8"
    CPS_NOT_IN_PUBLIC_INTEREST = "9"
    POLICE_NOT_IN_PUBLIC_INTEREST = "10"
    SUSPECT_BELOW_AGE = "11"
    SUSPECT_TOO_ILL = "12"
    VICTIM_OR_WITNESS_DEAD_OR_ILL = "13"
    NO_SUSPECT_VICTIM_DECLINES = "14"
    SUSPECT_EVIDENTIAL_DIFFICULTIES_VICTIM_SUPPORTS = "15"
    SUSPECT_EVIDENTIAL_DIFFICULTIES_VICTIM_DECLINES = "16"
    TIME_LIMIT_EXPIRED = "17"
    NO_SUSPECT_IDENTIFIED = "18"
    OTHER_BODY_HAS_PRIMACY = "20"
    FURTHER_INVESTIGATION_NOT_IN_PUBLIC_INTEREST = "21"
    DIVERSIONARY_ACTIVITY = "22"


class InvolvementRole(LabelledEnum):
    VICTIM = "victim"
    SUSPECT = "suspect"
    WITNESS = "witness"
    VICTIM_AND_SUSPECT = "victim_and_suspect"

    @property
    def is_victim(self) -> bool:
        return self in (InvolvementRole.VICTIM, InvolvementRole.VICTIM_AND_SUSPECT)

    @property
    def is_suspect(self) -> bool:
        return self in (InvolvementRole.SUSPECT, InvolvementRole.VICTIM_AND_SUSPECT)


class IdentifierKind(LabelledEnum):
    PHONE = "phone"
    ADDRESS = "address"
    VEHICLE = "vehicle"
    DOCUMENT = "document"
    EMAIL = "email"


_LABELS: dict[type, dict[str, str]] = {
    Offence: {
        Offence.MSA_S1.value: "Modern Slavery Act 2015 s1: slavery, servitude, forced or compulsory labour",
        Offence.MSA_S2.value: "Modern Slavery Act 2015 s2: human trafficking",
        Offence.MSA_S4.value: "Modern Slavery Act 2015 s4: committing an offence with intent to traffic",
        Offence.MSA_S30.value: "Modern Slavery Act 2015 s30: breach of a prevention or risk order",
        Offence.AIA_2004_S4.value:
            "Asylum and Immigration Act 2004 s4: trafficking for exploitation (before 31 July "
            "2015)",
        Offence.SOA_2003_S59A.value:
            "Sexual Offences Act 2003 s59A: trafficking for sexual exploitation (before 31 "
            "July 2015)",
        Offence.CJA_2009_S71.value:
            "Coroners and Justice Act 2009 s71: slavery, servitude and forced labour (before "
            "31 July 2015)",
    },
    ExploitationType: {
        ExploitationType.SEXUAL.value: "Sexual exploitation",
        ExploitationType.LABOUR.value: "Labour exploitation (forced labour)",
        ExploitationType.DOMESTIC_SERVITUDE.value: "Domestic servitude",
        ExploitationType.CRIMINAL_COUNTY_LINES.value: "Criminal exploitation: county lines",
        ExploitationType.CRIMINAL_CANNABIS.value: "Criminal exploitation: cannabis cultivation",
        ExploitationType.CRIMINAL_OTHER.value: "Criminal exploitation: other (shoplifting, begging, fraud)",
        ExploitationType.ORGAN_REMOVAL.value: "Organ removal",
        ExploitationType.FORCED_MARRIAGE.value: "Forced marriage",
    },
    Industry: {
        Industry.BROTHEL_SEX_INDUSTRY.value: "Brothel or sex industry",
        Industry.FOOD_PROCESSING.value: "Food processing and packing",
        Industry.DOMESTIC_HOUSEHOLD.value: "Private household",
    },
    ExploitationLocation: {
        ExploitationLocation.UK.value: "In the UK",
        ExploitationLocation.OVERSEAS.value: "Overseas only",
        ExploitationLocation.UK_AND_OVERSEAS.value: "In the UK and overseas",
    },
    NimLevel: {
        NimLevel.LOCAL.value: "Level 1: local",
        NimLevel.CROSS_BORDER.value: "Level 2: cross-border (regional)",
        NimLevel.NATIONAL.value: "Level 3: national or international",
    },
    Team: {
        Team.SPECIALIST_UNIT.value: "Specialist modern slavery unit",
        Team.PUBLIC_PROTECTION.value: "Public protection unit",
        Team.CID.value: "CID",
        Team.NEIGHBOURHOOD.value: "Neighbourhood team",
        Team.ROCU.value: "Regional organised crime unit",
        Team.NCA.value: "National Crime Agency",
    },
    Status: {
        Status.UNDER_INVESTIGATION.value: "Under investigation",
        Status.WITH_JUSTICE.value: "With the CPS or courts",
    },
    OutcomeType: {
        OutcomeType.CHARGED.value: "1: Charged or summonsed",
        OutcomeType.ALTERNATIVE_OFFENCE_CHARGED.value: "1A: Charged with an alternative offence",
        OutcomeType.YOUTH_CAUTION.value: "2: Youth caution",
        OutcomeType.ADULT_CAUTION.value: "3: Adult caution",
        OutcomeType.TAKEN_INTO_CONSIDERATION.value: "4: Taken into consideration",
        OutcomeType.OFFENDER_DIED.value: "5: Offender died",
        OutcomeType.COMMUNITY_RESOLUTION.value: "8: Community resolution",
        OutcomeType.CPS_NOT_IN_PUBLIC_INTEREST.value: "9: Prosecution not in the public interest (CPS)",
        OutcomeType.POLICE_NOT_IN_PUBLIC_INTEREST.value:
            "10: Formal action not in the public interest (police)",
        OutcomeType.SUSPECT_BELOW_AGE.value: "11: Suspect below the age of criminal responsibility",
        OutcomeType.SUSPECT_TOO_ILL.value: "12: Suspect too ill to prosecute",
        OutcomeType.VICTIM_OR_WITNESS_DEAD_OR_ILL.value: "13: Victim or key witness dead or too ill",
        OutcomeType.NO_SUSPECT_VICTIM_DECLINES.value:
            "14: Evidential difficulties, no suspect, victim does not "
            "support",
        OutcomeType.SUSPECT_EVIDENTIAL_DIFFICULTIES_VICTIM_SUPPORTS.value:
            "15: Evidential difficulties, suspect "
            "identified, victim supports",
        OutcomeType.SUSPECT_EVIDENTIAL_DIFFICULTIES_VICTIM_DECLINES.value:
            "16: Evidential difficulties, suspect "
            "identified, victim does not support",
        OutcomeType.TIME_LIMIT_EXPIRED.value: "17: Prosecution time limit expired",
        OutcomeType.NO_SUSPECT_IDENTIFIED.value: "18: Investigation complete, no suspect identified",
        OutcomeType.OTHER_BODY_HAS_PRIMACY.value: "20: Another body has investigation primacy",
        OutcomeType.FURTHER_INVESTIGATION_NOT_IN_PUBLIC_INTEREST.value:
            "21: Further investigation not in the public "
            "interest",
        OutcomeType.DIVERSIONARY_ACTIVITY.value: "22: Diversionary, educational or intervention activity",
    },
    InvolvementRole: {
        InvolvementRole.VICTIM_AND_SUSPECT.value: "Victim and suspect",
    },
}


# The lifecycle: which status may follow which. Closing has its own guards (closure_blockers).
MOVES: dict[Status, frozenset[Status]] = {
    Status.RECORDED: frozenset({Status.TRIAGED}),
    Status.TRIAGED: frozenset({Status.ALLOCATED}),
    Status.ALLOCATED: frozenset({Status.UNDER_INVESTIGATION, Status.ALLOCATED}),
    Status.UNDER_INVESTIGATION: frozenset({Status.WITH_JUSTICE, Status.CLOSED, Status.ALLOCATED}),
    Status.WITH_JUSTICE: frozenset({Status.UNDER_INVESTIGATION, Status.CLOSED}),
    Status.CLOSED: frozenset(),
}


def move_problem(current: Status, target: Status) -> str | None:
    """Why an investigation cannot move from ``current`` to ``target``, or None if it can."""
    if target in MOVES[current]:
        return None
    allowed = ", ".join(s.label.lower() for s in sorted(MOVES[current], key=list(Status).index))
    if not allowed:
        return f"A {current.label.lower()} investigation cannot change status."
    return (
        f"An investigation that is {current.label.lower()} cannot become {target.label.lower()}; "
        f"next it can be: {allowed}."
    )


@dataclass(frozen=True)
class VictimFacts:
    """What closure needs to know about one victim in the investigation."""

    name: str
    spoken_to: bool
    told_of_closure: bool


@dataclass(frozen=True)
class ClosureFacts:
    victims: tuple[VictimFacts, ...]
    open_lines_of_enquiry: int
    supervisor_review_recorded: bool


def closure_blockers(facts: ClosureFacts) -> list[str]:
    """Everything that makes closing this investigation unsafe, in words an officer can act on.

    Seed 001: cases closed without speaking to victims, with lines of enquiry outstanding and with
    weak supervision; seed 002 §12.29: victims not told their case was closed.
    """
    blockers: list[str] = []
    for victim in facts.victims:
        if not victim.spoken_to:
            blockers.append(f"{victim.name} has not been spoken to: record when they were.")
    if facts.open_lines_of_enquiry:
        n = facts.open_lines_of_enquiry
        blockers.append(
            f"{n} line{'s' if n != 1 else ''} of enquiry {'are' if n != 1 else 'is'} still open: "
            "complete or close each with its result."
        )
    if not facts.supervisor_review_recorded:
        blockers.append("No supervisor review is recorded: a supervisor must review the case.")
    for victim in facts.victims:
        if not victim.told_of_closure:
            blockers.append(f"{victim.name} has not been told the case is closing: record when they were.")
    return blockers


ADULT_AGE = 18


def age_on(date_of_birth: date, on: date) -> int:
    years = on.year - date_of_birth.year
    if (on.month, on.day) < (date_of_birth.month, date_of_birth.day):
        years -= 1
    return years


def is_child(
    *,
    on: date,
    date_of_birth: date | None = None,
    estimated_age: int | None = None,
    age_disputed: bool = False,
    reason_to_believe_child: bool = False,
) -> bool:
    """Is this person to be treated as a child today?

    Under 18 by date of birth or, without one, by estimated age; or, where age is disputed, if
    there is reason to believe they are a child (the presumption of age: MSA 2015 s51).
    """
    if age_disputed and reason_to_believe_child:
        return True
    if date_of_birth is not None:
        return age_on(date_of_birth, on) < ADULT_AGE
    if estimated_age is not None:
        return estimated_age < ADULT_AGE
    return False


def age_uncertain(*, date_of_birth: date | None, estimated_age: int | None, age_disputed: bool) -> bool:
    """Nobody knows for sure whether this person is 18: the NRM form's "not sure".

    Their age is disputed, or there is neither a date of birth nor an estimate. An officer who
    estimates an age but doubts which side of 18 it falls records the age as disputed.
    """
    return age_disputed or (date_of_birth is None and estimated_age is None)


def days_between(start: date, end: date) -> int:
    return (end - start).days


def waiting_days(recorded_on: date, moved_on: date | None, today: date) -> int:
    """How long a step took, or has been waiting if it has not happened yet."""
    return days_between(recorded_on, moved_on or today)


def joined(labels: Iterable[str]) -> str:
    items = list(labels)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


_NOT_ALNUM = re.compile(r"[\W_]+")


def normalise_identifier(kind: IdentifierKind, value: str) -> str:
    """The form of an identifier that two officers typing the same thing would both produce.

    Phones keep their digits, with +44 or 0044 written as a leading 0; vehicles and documents
    lose spaces and case; addresses and emails lose case, punctuation and repeated spaces.
    """
    text = value.strip()
    if kind is IdentifierKind.PHONE:
        # "+44 (0)7700 900123": the bracketed trunk zero is not dialled after the country code.
        text = text.replace("(0)", "")
        digits = "".join(filter(str.isdigit, text))
        if text.startswith("+44") or digits.startswith("0044"):
            digits = "0" + digits[2:] if text.startswith("+44") else "0" + digits[4:]
        return digits
    if kind in (IdentifierKind.VEHICLE, IdentifierKind.DOCUMENT):
        return "".join(filter(str.isalnum, text.upper()))
    if kind is IdentifierKind.EMAIL:
        return text.lower()
    # Everything but letters and digits (str.isalnum, which is what \w means less "_") is a space.
    return " ".join(_NOT_ALNUM.sub(" ", text.lower()).split())


def identifier_problem(kind: IdentifierKind, value: str) -> str | None:
    """Why this identifier cannot be recorded as typed, if it cannot."""
    return normalised_problem(kind, normalise_identifier(kind, value))


def normalised_problem(kind: IdentifierKind, normalised: str) -> str | None:
    """``identifier_problem`` for a value already through ``normalise_identifier``."""
    if not normalised:
        return f"Enter the {kind.label.lower()}."
    if kind is IdentifierKind.PHONE and not 7 <= len(normalised) <= 15:
        return "Enter a phone number with 7 to 15 digits, like 07700 900123 or +44 7700 900123."
    if kind is IdentifierKind.EMAIL and ("@" not in normalised or "." not in normalised.split("@")[-1]):
        return "Enter an email address like name@example.com."
    return None


def person_problems(
    *, today: date, date_of_birth: date | None, estimated_age: int | None
) -> list[str]:
    problems: list[str] = []
    if date_of_birth is not None and date_of_birth > today:
        problems.append("Date of birth must be today or in the past.")
    if date_of_birth is not None and age_on(date_of_birth, today) > 120:
        problems.append("Date of birth must be within the last 120 years.")
    if estimated_age is not None and not 0 <= estimated_age <= 120:
        problems.append("Estimated age must be between 0 and 120.")
    return problems


class GroupRole(LabelledEnum):
    """A person's role in an organised crime group."""

    PRINCIPAL = "principal"
    LIEUTENANT = "lieutenant"
    RECRUITER = "recruiter"
    CONTROLLER = "controller"
    TRANSPORTER = "transporter"
    ENFORCER = "enforcer"
    MONEY_HANDLER = "money_handler"
    FACILITATOR = "facilitator"
    ASSOCIATE = "associate"


def group_reference(organisation_code: str, number: int) -> str:
    """A group's national reference, readable on the phone to another force."""
    return f"OCG-{organisation_code.upper()[:12]}-{number:04d}"
