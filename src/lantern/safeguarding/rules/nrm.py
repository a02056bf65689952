"""NRM referral or duty to notify: which route, whose consent, what may go out, what is missing.

Plain Python: no Django. Sources: seed 002 §5.2 (children are always referred; an adult only with
informed consent, after the first responder explains what the NRM is, the support available and
the possible outcomes; an adult who does not consent is notified to the Home Office anonymously
under MSA 2015 s52, through the same portal) and Annex H ("duty to notify"); the Home Office's own
referral form (``lantern/reference/nrm_form/fields.json``: "pv-under-age", "pv-want-to-submit-nrm",
"refuse-nrm", "what-happened"), which refers anyone under 18 *or of uncertain age* without consent.

Field names used here, in plain snake_case (the form's own field in brackets):

- ``gender`` (pv-gender), ``nationality`` (pv-nationality), ``second_nationality``
  (pv-nationality-second);
- ``exploitation_types`` (types-of-exploitation-*), ``exploitation_location``
  (where-exploitation-happened: UK, overseas or both, and the towns or countries);
- ``what_happened`` (what-happened, with no names in it), ``reason_not_referred`` (refuse-nrm);
- identifying: ``first_name``, ``last_name``, ``nickname`` (pv-name-*), ``date_of_birth`` (pv-dob),
  ``phone`` (pv-phone-number), ``email`` and ``address`` (pv-contact-details-*),
  ``home_office_reference`` (pv-ho-reference), ``photos`` (supporting documents).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Route(StrEnum):
    """Where what the officer found goes: a referral into the NRM, or an anonymous notice."""

    NRM_REFERRAL = "nrm_referral"
    DUTY_TO_NOTIFY = "duty_to_notify"
    UNDECIDED = "undecided"

    @property
    def label(self) -> str:
        return _ROUTE_LABELS[self]


_ROUTE_LABELS = {
    Route.NRM_REFERRAL: "Referral into the National Referral Mechanism",
    Route.DUTY_TO_NOTIFY: "Anonymous duty to notify (Modern Slavery Act 2015 s52)",
    Route.UNDECIDED: "Not decided yet: consent not recorded",
}


class AgeAnswer(StrEnum):
    """The form's "Is the potential victim under 18?", with the form's own values."""

    YES = "yes"
    NO = "no"
    NOT_SURE = "not-sure"

    @property
    def label(self) -> str:
        return _AGE_LABELS[self]

    @property
    def treated_as_child(self) -> bool:
        """Not sure counts as a child until an age assessment decides (the form's "not-sure" guidance)."""
        return self is not AgeAnswer.NO


_AGE_LABELS = {
    AgeAnswer.YES: "Under 18",
    AgeAnswer.NO: "18 or over",
    AgeAnswer.NOT_SURE: "Not sure: treated as a child until their age is assessed",
}


@dataclass(frozen=True)
class ConsentRecord:
    """What the officer recorded about an adult's informed consent (seed 002 §5.2).

    ``consent_given`` is None until the adult has been asked.
    """

    nrm_explained: bool
    support_explained: bool
    outcomes_explained: bool
    consent_given: bool | None

    @property
    def fully_explained(self) -> bool:
        return self.nrm_explained and self.support_explained and self.outcomes_explained


def consent_needed(age: AgeAnswer) -> bool:
    """Only an adult's referral needs consent; a child, or someone of uncertain age, is always referred."""
    return not age.treated_as_child


def route_for(age: AgeAnswer, consent: ConsentRecord | None) -> Route:
    """Which route the case takes.

    A child (or someone whose age is not sure) is always referred, without consent. An adult is
    referred only when they consent after all three explanations; an adult who refuses is
    notified anonymously. Anything else is not decided yet.
    """
    if not consent_needed(age):
        return Route.NRM_REFERRAL
    if consent is None or consent.consent_given is None:
        return Route.UNDECIDED
    if consent.consent_given is False:
        return Route.DUTY_TO_NOTIFY
    return Route.NRM_REFERRAL if consent.fully_explained else Route.UNDECIDED


def consent_problems(age: AgeAnswer, consent: ConsentRecord | None) -> list[str]:
    """What the consent record still lacks, in words an officer can act on; empty for a child.

    A refusal needs the explanations too: the form's "No" answer says "I have explained this to
    the potential victim and they do not give consent".
    """
    if not consent_needed(age):
        return []
    record = consent or ConsentRecord(False, False, False, None)
    problems: list[str] = []
    if not record.nrm_explained:
        problems.append("Record that you explained what the NRM is.")
    if not record.support_explained:
        problems.append("Record that you explained the support it gives.")
    if not record.outcomes_explained:
        problems.append("Record that you explained its possible outcomes.")
    if record.consent_given is None:
        problems.append("Ask whether they consent to be referred into the NRM, and record their answer.")
    return problems


# A duty-to-notify notice is anonymous (MSA 2015 s52; seed 002 §5.2). The Home Office form's
# duty-to-notify path asks why they were not referred, their gender and nationality, after what
# happened, where and which types of exploitation.
DTN_FIELDS_ALWAYS: frozenset[str] = frozenset({
    "gender",
    "nationality",
    "second_nationality",
    "exploitation_types",
    "exploitation_location",
    "what_happened",
    "reason_not_referred",
})

IDENTIFYING_FIELDS: frozenset[str] = frozenset({
    "first_name",
    "last_name",
    "nickname",
    "date_of_birth",
    "phone",
    "email",
    "address",
    "home_office_reference",
    "photos",
})

# The identifying details the form's duty-to-notify path takes, and only when the adult agrees to
# be contacted: their name and how to write to them (pv-name-*, pv-contact-details-*).
DTN_FIELDS_WITH_CONSENT: frozenset[str] = frozenset({
    "first_name", "last_name", "nickname", "email", "address",
})


def dtn_allowed_fields(identifying_consent: bool) -> frozenset[str]:
    """The fields a duty-to-notify notice may carry.

    Without consent, nothing that identifies the adult. With it, their name and contact details
    as the form allows; date of birth, phone, Home Office reference and photos never go in a
    notice (the form's duty-to-notify path does not take them).
    """
    if identifying_consent:
        return DTN_FIELDS_ALWAYS | DTN_FIELDS_WITH_CONSENT
    return DTN_FIELDS_ALWAYS


@dataclass(frozen=True, kw_only=True)
class ReferralFacts:
    """What the decision-maker needs from the first responder, as recorded so far.

    Text fields are empty until written; booleans say whether the thing has been recorded.
    ``still_in_exploitative_situation`` holds the form's "yes" or "no", or None until answered.
    """

    route: Route
    age: AgeAnswer
    gender: str = ""
    nationality: str = ""
    exploitation_types: tuple[str, ...] = ()
    exploitation_location: str = ""
    what_happened: str = ""
    how_exploitation_started: str = ""
    living_conditions: str = ""
    treatment: str = ""
    when_exploitation_happened: bool = False
    still_in_exploitative_situation: str | None = None
    indicators: tuple[str, ...] = ()
    current_location_known: bool = False
    immigration_status_recorded: bool = False
    first_responder_contact: bool = False
    local_authority_contacted: bool = False
    interpreter_need_recorded: bool = False
    reported_to_police: bool = False
    crime_reference: str = ""


@dataclass(frozen=True)
class Gap:
    """One thing missing from a referral or notice: which field, and what the officer should do."""

    field: str
    message: str


_GAPS: dict[str, str] = {
    "route": "Record whether they consent to be referred: until then it is neither a referral nor a notice.",
    "route_child": (
        "A child, or someone whose age is not sure, must be referred into the NRM: "
        "a duty-to-notify notice is only for an adult who does not consent."
    ),
    "gender": "Record their gender: the Home Office counts every notice and referral by it.",
    "nationality": "Record their nationality: the Home Office counts every notice and referral by it.",
    "exploitation_types": "Choose at least one type of exploitation: say what they were made to do.",
    "exploitation_location": "Say where the exploitation happened: in the UK, overseas or both.",
    "what_happened": (
        "Say what they told you happened, in as much detail as you can: how they were treated, "
        "an average day and their living conditions."
    ),
    "how_exploitation_started": (
        "Say how the exploitation started: the decision-maker uses it to weigh credibility."
    ),
    "living_conditions": (
        "Describe their living conditions (accommodation, bathroom, sleeping arrangements, food): "
        "they are evidence of control."
    ),
    "treatment": "Describe how the exploiters treated them: threats, force, coercion, documents taken.",
    "when_exploitation_happened": (
        "Give the start and end dates of the exploitation, even approximate: "
        "the decision-maker needs to place it in time."
    ),
    "still_in_exploitative_situation": (
        "Say whether they are still in the exploitative situation: it decides how urgently support is needed."
    ),
    "indicators": (
        "Record the modern slavery indicators you saw: they are the objective factors a reasonable "
        "grounds decision rests on."
    ),
    "current_location_known": (
        "Record where they are now (town or region, or 'unknown'): the support provider needs to reach them."
    ),
    "immigration_status_recorded": (
        "Record their immigration status: the referral must state it, and referral protects them "
        "from immigration enforcement until the conclusive grounds decision."
    ),
    "first_responder_contact": (
        "Give your name and a phone number or email: the support provider and the decision-maker "
        "call the referring officer when facts are missing."
    ),
    "local_authority_contacted": (
        "Record the local authority children's services you contacted: they lead a child's support."
    ),
    "interpreter_need_recorded": "Say whether they need an interpreter, and for which language.",
    "crime_reference": "Give the crime reference for the modern slavery crime they reported.",
}

STILL_IN_SITUATION_ANSWERS = ("yes", "no")  # the form's still-in-exploitative-situation options

_DTN_REQUIRED = ("gender", "nationality", "exploitation_types", "exploitation_location", "what_happened")

_NRM_REQUIRED = (
    "how_exploitation_started",
    "living_conditions",
    "treatment",
    "when_exploitation_happened",
    "still_in_exploitative_situation",
    "indicators",
    "current_location_known",
    "immigration_status_recorded",
    "first_responder_contact",
    "interpreter_need_recorded",
)


def _missing(facts: ReferralFacts, name: str) -> bool:
    value = getattr(facts, name)
    if name == "still_in_exploitative_situation":
        return value not in STILL_IN_SITUATION_ANSWERS
    if isinstance(value, str):
        return not value.strip()
    return not value


def completeness_gaps(facts: ReferralFacts) -> list[Gap]:
    """Everything the decision-maker will need that is not yet recorded: the route, then each field.

    Detail matters: the Salvation Army told the inspectorate that police referral detail was
    inconsistent and that it "often make[s] repeated calls to the police to get enough detail
    for victims to be properly referred" (seed 002 §12.13); the MSOIC programme worked with the
    Single Competent Authority on a "gold standard referral" and on the quality of NRMs (seed
    004 §7). A duty-to-notify notice is anonymous and carries only gender, nationality, the
    exploitation and what happened; a referral needs the rest, and for a child the local
    authority contacted. Names in what happened are checked by ``what_happened_names_problem``.
    """
    gaps: list[Gap] = []
    child = facts.age.treated_as_child
    if facts.route is Route.DUTY_TO_NOTIFY and child:
        gaps.append(Gap("route", _GAPS["route_child"]))
    elif facts.route is Route.UNDECIDED:
        gaps.append(Gap("route", _GAPS["route"]))
    required = list(_DTN_REQUIRED)
    if facts.route is Route.NRM_REFERRAL:
        required += _NRM_REQUIRED
        if child:
            required.append("local_authority_contacted")
    gaps += [Gap(name, _GAPS[name]) for name in required if _missing(facts, name)]
    if facts.reported_to_police and not facts.crime_reference.strip():
        gaps.append(Gap("crime_reference", _GAPS["crime_reference"]))
    return gaps


MIN_NAME_LENGTH = 2


def what_happened_names_problem(text: str, names: Iterable[str]) -> str | None:
    """A message if what happened names anyone given, or None.

    The form says: "Do not include their name or the names of any other potential victims."
    Names match whole words, ignoring case; names shorter than two letters are not checked.
    """
    found: list[str] = []
    seen: set[str] = set()
    for raw in names:
        name = raw.strip()
        if len(name) < MIN_NAME_LENGTH or name.casefold() in seen:
            continue
        seen.add(name.casefold())
        if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, flags=re.IGNORECASE):
            found.append(name)
    if not found:
        return None
    listed = ", ".join(f"'{name}'" for name in found)
    return (
        f"Take {listed} out of what happened: do not include their name "
        "or the names of any other potential victims."
    )
