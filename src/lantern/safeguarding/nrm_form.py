"""A Lantern NRM referral or duty-to-notify notice, exported in the Home Office form's own terms.

Plain Python: no Django. Keys are the NRM digital referral service's field names (``fields.json``)
and answers its option values or controlled-list entries (``ms_*.js``), so nothing is keyed twice
(seed 002 §5.2, Annex H; DOMAIN.md, "The victim's path", point 3). A child, or anyone whose age is
not sure, is referred without consent; an adult only with informed consent; an adult who refuses
is notified under the duty to notify (MSA 2015 s52) anonymously, unless they agreed their details
may go (``identifying_consent``).

``export`` is all-or-nothing: it raises ``ValueError`` with every problem ``export_problems``
finds. A follow-up answer goes out only under the answer it follows (a police force only when
reported to police is "yes"), as the form drops it; empty answers are left out, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from lantern.cases.rules import ExploitationLocation, ExploitationType
from lantern.safeguarding.nrm_vocabulary import (
    CHECKED,
    CITY_FIELDS,
    COUNTRY_FIELDS,
    FIELD_LISTS,
    FIRST_RESPONDER_FIELDS,
    MAX_PLACES,
    TYPE_PREFIX,
    accepted_values,
    field_options,
    fields,
    list_entry,
    list_values,
)

__all__ = [  # the vocabulary loaders are re-exported: callers need only this module
    "ANONYMOUS_DTN_FIELDS", "CONSENTED_DTN_FIELDS", "IDENTIFYING_FIELDS", "NoticeKind", "ReferralContent",
    "accepted_values", "export", "export_problems", "field_options", "fields", "identifying_keys",
    "list_entry", "list_values",
]

_Put = Callable[[str, object], None]


class NoticeKind(StrEnum):
    NRM_REFERRAL = "nrm"
    DUTY_TO_NOTIFY = "dtn"


TYPE_FIELDS: dict[str, str] = {
    ExploitationType.SEXUAL: TYPE_PREFIX + "prostitution",
    ExploitationType.LABOUR: TYPE_PREFIX + "forced-to-work",
    ExploitationType.DOMESTIC_SERVITUDE: TYPE_PREFIX + "unpaid-household-work",
    ExploitationType.CRIMINAL_COUNTY_LINES: TYPE_PREFIX + "forced-to-commit-crime",
    ExploitationType.CRIMINAL_CANNABIS: TYPE_PREFIX + "forced-to-commit-crime",
    ExploitationType.CRIMINAL_OTHER: TYPE_PREFIX + "forced-to-commit-crime",
    ExploitationType.ORGAN_REMOVAL: TYPE_PREFIX + "organs-removed",
    ExploitationType.FORCED_MARRIAGE: TYPE_PREFIX + "other",
}
# The form has no box for these: "Other", with the words it asks for in other-exploitation-details.
OTHER_TYPE_WORDS: dict[str, str] = {ExploitationType.FORCED_MARRIAGE: "Forced marriage"}

LOCATION_OPTIONS: dict[str, str | None] = {  # the form has no "not known": it is left out
    ExploitationLocation.UK: "uk", ExploitationLocation.OVERSEAS: "overseas",
    ExploitationLocation.UK_AND_OVERSEAS: "uk-and-overseas", ExploitationLocation.NOT_KNOWN: None,
}
_UK_PLACES = frozenset({ExploitationLocation.UK, ExploitationLocation.UK_AND_OVERSEAS})
_OVERSEAS_PLACES = frozenset({ExploitationLocation.OVERSEAS, ExploitationLocation.UK_AND_OVERSEAS})

# Lantern's genders (cases.models.Gender) onto pv-gender; the form's "unknown" reads "They do not
# identify as male or female", so it is Lantern's "other", and "not known" is left out.
GENDER_OPTIONS: dict[str, str | None] = {
    "female": "female", "male": "male", "other": "unknown", "unknown": "unknown", "not-known": None,
}

# Lantern's flags for the form's boxes that no Lantern exploitation type ticks.
_FLAG_TYPE_FIELDS = {
    "wages_taken": TYPE_PREFIX + "wages-taken",
    "forced_to_commit_fraud": TYPE_PREFIX + "forced-to-commit-fraud",
    "child_sexual_exploitation": TYPE_PREFIX + "child-exploitation",
    "held_and_sexually_assaulted": TYPE_PREFIX + "taken-somewhere",
}

IDENTIFYING_FIELDS: frozenset[str] = frozenset({
    "pv-name-first-name", "pv-name-last-name", "pv-name-nickname", "pv-dob", "birthplace",
    "pv-phone-number", "pv-phone-number-yes", "pv-phone-number-alternative",
    "alternative-number-relation-to-pv", "no-contact-details", "who-contact",
    "pv-contact-details", "pv-contact-details-email-input", "pv-contact-details-email-check",
    "pv-contact-details-street", "pv-contact-details-town", "pv-contact-details-county",
    "pv-contact-details-postcode", "pv-contact-details-post-check",
    "someone-else", "someone-else-first-name", "someone-else-last-name", "someone-else-email-input",
    "someone-else-street", "someone-else-town", "someone-else-county", "someone-else-postcode",
    "someone-else-permission-check", "pv-ho-reference", "pv-ho-reference-type",
    "local-authority-contacted-about-child-local-authority-phone",
    "local-authority-contacted-about-child-local-authority-email",
    "local-authority-contacted-about-child-local-authority-first-name",
    "local-authority-contacted-about-child-local-authority-last-name",
})

# What an anonymous duty-to-notify notice may carry: an allow-list, so a field added later stays
# out until someone decides it is safe. Who is notifying is not anonymous; the victim is.
ANONYMOUS_DTN_FIELDS: frozenset[str] = (
    FIRST_RESPONDER_FIELDS
    | frozenset({
        "reference", "pv-under-age", "pv-under-age-at-time-of-exploitation", "what-happened",
        "when-did-the-exploitation-take-place", "how-did-the-exploitation-start",
        "were-they-taken-somewhere-by-their-exploiter",
        "were-they-taken-somewhere-by-their-exploiter-journey-details", "what-were-they-required-to-do",
        "living-conditions", "how-they-were-treated", "still-in-exploitative-situation",
        "how-why-did-they-leave-the-situation", "where-exploitation-happened", "who-exploited-pv",
        "other-exploitation-details", "reported-to-police", "reported-to-police-police-forces",
        "reported-to-police-crime-reference", "authorities-cooperation", "pv-want-to-submit-nrm",
        "refuse-nrm", "pv-gender", "pv-nationality", "pv-nationality-second",
    })
    | frozenset(CITY_FIELDS) | frozenset(COUNTRY_FIELDS)
    | frozenset(TYPE_FIELDS.values()) | frozenset(_FLAG_TYPE_FIELDS.values())
) - IDENTIFYING_FIELDS
# With the adult's agreement the form's duty-to-notify path adds their name and how to write to
# them, nothing more: never date of birth, phone or Home Office reference.
CONSENTED_DTN_FIELDS: frozenset[str] = ANONYMOUS_DTN_FIELDS | {
    "pv-name-first-name", "pv-name-last-name", "pv-name-nickname", "pv-contact-details",
    "pv-contact-details-email-input", "pv-contact-details-email-check", "pv-contact-details-street",
    "pv-contact-details-town", "pv-contact-details-county", "pv-contact-details-postcode",
    "pv-contact-details-post-check",
}


@dataclass(frozen=True, kw_only=True)
class ReferralContent:
    """Everything Lantern knows for one referral or notice, in Lantern's terms.

    Strings are "" when not known, booleans None; ``under_age`` and ``under_age_at_exploitation``
    take the form's "yes" / "no" / "not-sure"; lists take the Home Office list's own spelling.
    """

    kind: NoticeKind
    reference: str
    under_age: str
    # The first responder: an organisation name from ms_organisations or ms_uk_police_forces.
    fr_email: str = ""
    fr_organisation: str = ""
    fr_location: str = ""  # "england", "wales", ...
    fr_first_name: str = ""
    fr_last_name: str = ""
    fr_role: str = ""
    fr_phone: str = ""
    fr_alternative_email: str = ""
    under_age_at_exploitation: str = ""
    # The local authority told about a child (ms_uk_local_authorities).
    local_authority_name: str = ""
    local_authority_phone: str = ""
    local_authority_email: str = ""
    local_authority_contact_first_name: str = ""
    local_authority_contact_last_name: str = ""
    what_happened: str = ""
    exploitation_start: date | None = None
    exploitation_end: date | None = None
    how_exploitation_started: str = ""
    taken_somewhere: bool | None = None
    journey_details: str = ""
    what_required_to_do: str = ""
    living_conditions: str = ""
    treatment: str = ""
    still_in_exploitative_situation: bool | None = None
    how_they_left: str = ""
    exploitation_types: tuple[str, ...] = ()  # ExploitationType values
    wages_taken: bool = False
    forced_to_commit_fraud: bool = False
    child_sexual_exploitation: bool = False
    held_and_sexually_assaulted: bool = False
    other_exploitation: str = ""
    exploitation_location: str = ExploitationLocation.NOT_KNOWN
    uk_cities: tuple[str, ...] = ()
    overseas_countries: tuple[str, ...] = ()  # ms_countries
    current_city: str = ""
    current_region: str = ""  # ms_uk_regions
    exploiter_details: str = ""
    reported_to_police: bool | None = None
    police_force: str = ""  # ms_uk_police_forces
    crime_reference: str = ""
    cooperates_with_authorities: bool | None = None
    # Consent to an NRM referral (adults only) and, without it, why not.
    pv_wants_referral: bool | None = None
    refusal_reason: str = ""
    needs_support: bool | None = None
    first_name: str = ""
    last_name: str = ""
    nickname: str = ""
    date_of_birth: date | None = None
    gender: str = ""  # see GENDER_OPTIONS
    nationality: str = ""  # ms_nationalities
    second_nationality: str = ""
    phone: str = ""
    email: str = ""
    street: str = ""
    town: str = ""
    county: str = ""
    postcode: str = ""
    safe_to_write: bool = False  # the first responder checked that post and email to them are safe
    has_children: bool | None = None
    number_of_children: int | None = None
    interpreter_needed: bool | None = None
    interpreter_language: str = ""
    communication_help_needed: bool | None = None
    communication_aid: str = ""
    home_office_reference: str = ""
    identifying_consent: bool = False  # duty to notify: the adult agreed their details may go

    @property
    def anonymous(self) -> bool:
        return self.kind == NoticeKind.DUTY_TO_NOTIFY and not self.identifying_consent


def identifying_keys(exported: dict[str, object]) -> set[str]:
    return set(exported) & IDENTIFYING_FIELDS


def export(content: ReferralContent) -> dict[str, object]:
    """The notice as JSON-ready data keyed by the form's field names, or ``ValueError``."""
    problems = export_problems(content)
    if problems:
        raise ValueError("Cannot export to the NRM form:\n- " + "\n- ".join(problems))
    return _build(content)


def export_problems(content: ReferralContent) -> list[str]:
    """Every reason the notice cannot go to the Home Office as it stands."""
    return [
        *_path_problems(content),
        *_vocabulary_problems(content),
        *_place_problems(content),
        *(_mentions(content, _build(content)) if content.anonymous else []),
    ]


def _path_problems(c: ReferralContent) -> list[str]:
    problems = []
    if c.kind not in tuple(NoticeKind):
        problems.append(f"kind: {c.kind!r} is neither an NRM referral nor a duty-to-notify notice")
    if c.kind == NoticeKind.DUTY_TO_NOTIFY:
        if c.under_age != "no":
            problems.append(f"under_age ({c.under_age!r}): a child, or anyone whose age is not sure, is "
                            "referred into the NRM without consent, never notified under the duty to notify")
        if c.pv_wants_referral:
            problems.append("pv_wants_referral: the adult wants an NRM referral, so this is not a "
                            "duty-to-notify notice")
    elif c.kind == NoticeKind.NRM_REFERRAL and c.under_age == "no" and c.pv_wants_referral is not True:
        problems.append("pv_wants_referral: an adult is referred into the NRM only with their informed "
                        "consent; without it, send a duty-to-notify notice")
    if c.exploitation_start and c.exploitation_end and c.exploitation_start > c.exploitation_end:
        problems.append(f"exploitation_start ({c.exploitation_start}) is after exploitation_end "
                        f"({c.exploitation_end})")
    return problems


def _vocabulary_problems(c: ReferralContent) -> list[str]:
    problems = []
    answers = [  # the form asks everyone whether they are under 18
        ("under_age", "pv-under-age", c.under_age or "(no answer)"),
        ("under_age_at_exploitation", "pv-under-age-at-time-of-exploitation", c.under_age_at_exploitation),
        ("fr_location", "fr-location", c.fr_location),
    ]
    for attribute, form_field, value in answers:
        if value and value not in field_options(form_field):
            problems.append(f"{attribute} ({form_field}): {value!r} is not one of the form's answers "
                            f"{', '.join(field_options(form_field))}")
    if c.gender and c.gender not in GENDER_OPTIONS:
        problems.append(f"gender (pv-gender): {c.gender!r} is not one of {', '.join(GENDER_OPTIONS)}")
    for value in c.exploitation_types:
        if value not in TYPE_FIELDS:
            problems.append(f"exploitation_types: {value!r} is not a Lantern exploitation type")
    if c.exploitation_location not in LOCATION_OPTIONS:
        problems.append(f"exploitation_location: {c.exploitation_location!r} is not one of "
                        f"{', '.join(LOCATION_OPTIONS)}")
    listed = [
        ("fr_organisation", "user-organisation", c.fr_organisation),
        ("local_authority_name", "local-authority-contacted-about-child-local-authority-name",
         c.local_authority_name),
        ("current_region", "current-pv-location-uk-region", c.current_region),
        ("police_force", "reported-to-police-police-forces", c.police_force),
        ("nationality", "pv-nationality", c.nationality),
        ("second_nationality", "pv-nationality-second", c.second_nationality),
        *(("overseas_countries", COUNTRY_FIELDS[0], country) for country in c.overseas_countries),
    ]
    for attribute, form_field, value in listed:
        if value.strip() and list_entry(form_field, value) is None:
            but = " (the United Kingdom is not overseas)" if form_field in COUNTRY_FIELDS else ""
            problems.append(f"{attribute} ({form_field}): {value!r} is not in the Home Office list "
                            f"{' or '.join(FIELD_LISTS[form_field])}{but}")
    return problems


def _place_problems(c: ReferralContent) -> list[str]:
    problems = []
    for attribute, places, where, allowed in (
        ("uk_cities", c.uk_cities, "the UK", _UK_PLACES),
        ("overseas_countries", c.overseas_countries, "overseas", _OVERSEAS_PLACES),
    ):
        if len(places) > MAX_PLACES:
            problems.append(f"{attribute}: the form takes at most {MAX_PLACES}, not {len(places)}")
        if places and c.exploitation_location in LOCATION_OPTIONS and c.exploitation_location not in allowed:
            problems.append(f"{attribute}: places given, but exploitation_location "
                            f"({c.exploitation_location!r}) does not include {where}")
    return problems


def _mentions(c: ReferralContent, exported: dict[str, object]) -> list[str]:
    """An anonymous notice whose words name the person it must not identify."""
    born = c.date_of_birth
    personal = [
        ("first name", c.first_name), ("last name", c.last_name), ("nickname", c.nickname),
        ("phone number", c.phone), ("email address", c.email), ("street", c.street), ("postcode", c.postcode),
        ("Home Office reference", c.home_office_reference),
        ("date of birth", born.isoformat() if born else ""), ("date of birth", _spelt(born) if born else ""),
    ]
    patterns = [(what, re.compile(rf"(?<!\w){re.escape(value.strip())}(?!\w)", re.IGNORECASE))
                for what, value in personal if len(value.strip()) >= 2]
    return [
        f"{key}: mentions the potential victim's {what}; an anonymous duty-to-notify notice must not "
        "identify them"
        for key, value in exported.items()
        if key not in FIRST_RESPONDER_FIELDS and isinstance(value, str)
        for what, pattern in patterns if pattern.search(value)
    ]


def _yes_no(value: bool | None) -> str | None:
    return None if value is None else ("yes" if value else "no")


def _spelt(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _when(start: date | None, end: date | None) -> str:
    """The form asks for the dates in words: "From 3 May 2023 to 9 June 2023"."""
    if start:
        return f"From {_spelt(start)}" + (f" to {_spelt(end)}" if end else "")
    return f"Until {_spelt(end)}" if end else ""


def _build(c: ReferralContent) -> dict[str, object]:
    out: dict[str, object] = {}

    def put(key: str, value: object) -> None:
        if isinstance(value, str):
            value = value.strip()
            value = (list_entry(key, value) or value) if key in FIELD_LISTS and value else value
        if value not in (None, "", [], ()):
            out[key] = value

    put("user-email", c.fr_email)
    put("reference", c.reference)
    put("user-organisation", c.fr_organisation)
    put("fr-location", c.fr_location)
    put("pv-under-age", c.under_age)
    if c.under_age == "no":
        put("pv-under-age-at-time-of-exploitation", c.under_age_at_exploitation)
    else:
        for part, value in (("name", c.local_authority_name), ("phone", c.local_authority_phone),
                            ("email", c.local_authority_email),
                            ("first-name", c.local_authority_contact_first_name),
                            ("last-name", c.local_authority_contact_last_name)):
            put("local-authority-contacted-about-child-local-authority-" + part, value)
    put("what-happened", c.what_happened)
    put("when-did-the-exploitation-take-place", _when(c.exploitation_start, c.exploitation_end))
    put("how-did-the-exploitation-start", c.how_exploitation_started)
    put("were-they-taken-somewhere-by-their-exploiter", _yes_no(c.taken_somewhere))
    if c.taken_somewhere:
        put("were-they-taken-somewhere-by-their-exploiter-journey-details", c.journey_details)
    put("what-were-they-required-to-do", c.what_required_to_do)
    put("living-conditions", c.living_conditions)
    put("how-they-were-treated", c.treatment)
    put("still-in-exploitative-situation", _yes_no(c.still_in_exploitative_situation))
    put("how-why-did-they-leave-the-situation", c.how_they_left)
    put("where-exploitation-happened", LOCATION_OPTIONS.get(c.exploitation_location))
    if c.exploitation_location in _UK_PLACES:
        for key, city in zip(CITY_FIELDS, c.uk_cities, strict=False):
            put(key, city)
    if c.exploitation_location in _OVERSEAS_PLACES:
        for key, country in zip(COUNTRY_FIELDS, c.overseas_countries, strict=False):
            put(key, country)
    put("current-pv-location-uk-city", c.current_city)
    put("current-pv-location-uk-region", c.current_region)
    put("who-exploited-pv", c.exploiter_details)
    _put_types(c, put)
    put("reported-to-police", _yes_no(c.reported_to_police))
    if c.reported_to_police:
        put("reported-to-police-police-forces", c.police_force)
        put("reported-to-police-crime-reference", c.crime_reference)
    put("authorities-cooperation", _yes_no(c.cooperates_with_authorities))
    if c.kind == NoticeKind.DUTY_TO_NOTIFY:
        put("pv-want-to-submit-nrm", "no")
        put("refuse-nrm", c.refusal_reason)
    elif c.under_age == "no":  # a child's referral is automatic: the form does not ask
        put("pv-want-to-submit-nrm", _yes_no(c.pv_wants_referral))
        put("does-pv-need-support", _yes_no(c.needs_support))
    _put_person(c, put)
    for part, value in (("first-name", c.fr_first_name), ("last-name", c.fr_last_name), ("role", c.fr_role),
                        ("phone", c.fr_phone)):
        put("fr-details-" + part, value)
    put("fr-alternative-contact", c.fr_alternative_email)
    if c.kind == NoticeKind.DUTY_TO_NOTIFY:
        allowed = CONSENTED_DTN_FIELDS if c.identifying_consent else ANONYMOUS_DTN_FIELDS
        out = {key: value for key, value in out.items() if key in allowed}
    order = list(fields())
    return dict(sorted(out.items(), key=lambda item: order.index(item[0])))


def _put_types(c: ReferralContent, put: _Put) -> None:
    ticked = {TYPE_FIELDS[t] for t in c.exploitation_types if t in TYPE_FIELDS}
    other_words = [OTHER_TYPE_WORDS[t] for t in dict.fromkeys(c.exploitation_types) if t in OTHER_TYPE_WORDS]
    ticked |= {key for flag, key in _FLAG_TYPE_FIELDS.items() if getattr(c, flag)}
    if c.other_exploitation.strip():
        other_words.append(c.other_exploitation.strip())
        ticked.add(TYPE_PREFIX + "other")
    for key in sorted(ticked):
        put(key, CHECKED)
    put("other-exploitation-details", "; ".join(other_words))


def _put_person(c: ReferralContent, put: _Put) -> None:
    put("pv-name-first-name", c.first_name)
    put("pv-name-last-name", c.last_name)
    put("pv-name-nickname", c.nickname)
    put("pv-dob", c.date_of_birth.isoformat() if c.date_of_birth else None)
    put("pv-gender", GENDER_OPTIONS.get(c.gender))
    put("does-pv-have-children", _yes_no(c.has_children))
    if c.has_children and c.number_of_children is not None:
        put("does-pv-have-children-yes-amount", str(c.number_of_children))
    put("pv-nationality", c.nationality)
    put("pv-nationality-second", c.second_nationality)
    put("pv-interpreter-requirements", _yes_no(c.interpreter_needed))
    if c.interpreter_needed:
        put("pv-interpreter-requirements-language", c.interpreter_language)
    put("pv-other-help-with-communication", _yes_no(c.communication_help_needed))
    if c.communication_help_needed:
        put("pv-other-help-with-communication-aid", c.communication_aid)
    if c.home_office_reference.strip():
        put("pv-ho-reference", "yes")
        put("pv-ho-reference-type", c.home_office_reference)
    by_email = bool(c.email.strip())
    by_post = bool(c.street.strip() or c.postcode.strip())
    if by_email or by_post:
        put("who-contact", "potential-victim")
        put("pv-contact-details", [how for how, used in (("email", by_email), ("post", by_post)) if used])
    if by_email:
        put("pv-contact-details-email-input", c.email)
        put("pv-contact-details-email-check", CHECKED if c.safe_to_write else None)
    if by_post:
        put("pv-contact-details-street", c.street)
        put("pv-contact-details-town", c.town)
        put("pv-contact-details-county", c.county)
        put("pv-contact-details-postcode", c.postcode)
        put("pv-contact-details-post-check", CHECKED if c.safe_to_write else None)
    if c.phone.strip():
        put("pv-phone-number", "yes")
        put("pv-phone-number-yes", c.phone)
