"""NRM referrals and duty-to-notify notices: start on the right route, complete, submit, export."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from lantern.access.rules import Capability
from lantern.access.scope import get_visible, require, visible
from lantern.accounts.models import Organisation, User
from lantern.audit.rules import Action
from lantern.audit.services import event_record
from lantern.cases.models import Involvement, Person
from lantern.cases.rules import age_uncertain
from lantern.problems import version_check
from lantern.safeguarding.models import Referral
from lantern.safeguarding.nrm_form import NoticeKind, ReferralContent, export, export_problems
from lantern.safeguarding.rules.nrm import (
    AgeAnswer,
    ConsentRecord,
    Gap,
    ReferralFacts,
    Route,
    completeness_gaps,
    consent_problems,
    dtn_allowed_fields,
    route_for,
    what_happened_names_problem,
)
from lantern.safeguarding.services.common import SafeguardingRefused, today, victim_involvement

HOME_OFFICE_NRM = "Home Office Single Competent Authority (NRM digital referral service)"

# What an officer may write into a referral after starting it; identifying ones only where allowed.
CONTENT_FIELDS = (
    "gender", "nationality", "second_nationality", "exploitation_types", "exploitation_location",
    "uk_cities", "overseas_countries", "what_happened", "how_exploitation_started",
    "living_conditions", "treatment", "exploitation_start", "exploitation_end",
    "still_in_exploitative_situation", "current_city", "immigration_status",
    "local_authority_name", "local_authority_phone", "interpreter_language",
)
IDENTIFYING_CONTENT = ("first_name", "last_name", "date_of_birth", "phone", "email")


def age_answer_for(person: Person, on: date) -> AgeAnswer:
    """The form's under-18 answer: yes for a child, not sure when age is uncertain, else no."""
    if person.is_child_on(on):
        return AgeAnswer.YES
    if age_uncertain(date_of_birth=person.date_of_birth, estimated_age=person.estimated_age,
                     age_disputed=person.age_disputed):
        return AgeAnswer.NOT_SURE
    return AgeAnswer.NO


def identifying_allowed(referral: Referral) -> set[str]:
    """The identifying details this referral or notice may hold.

    A referral holds them all; a notice holds names and email only if the adult consented, and
    never a date of birth or phone (the Home Office form's duty-to-notify path).
    """
    if referral.route != Route.DUTY_TO_NOTIFY.value:
        return set(IDENTIFYING_CONTENT)
    return set(IDENTIFYING_CONTENT) & dtn_allowed_fields(referral.identifying_consent)


def _first_phone_and_email(person: Person) -> tuple[str, str]:
    phone = next((i.value for i in person.identifiers.all() if i.kind == "phone"), "")
    email = next((i.value for i in person.identifiers.all() if i.kind == "email"), "")
    return phone, email


@transaction.atomic
def referral_start(
    *,
    user: User,
    involvement_id: int,
    consent: ConsentRecord | None = None,
    refusal_reason: str = "",
    identifying_consent: bool = False,
    made_on: date | None = None,
    first_responder: Organisation | None = None,
) -> Referral:
    """Start a referral or notice on the route the rules demand.

    ``first_responder`` records a referral another first responder made, which the Single
    Competent Authority passed to this force: the force holds it, the other organisation made it.

    A child, or someone whose age is not sure, is referred without consent being asked. An adult
    is referred only after the three explanations and consent; an adult who declines becomes a
    duty-to-notify notice holding no identifying details unless they agreed to them. The age
    answer is the person's age on the day the referral is made (``made_on``, today by default).
    """
    involvement = victim_involvement(user, involvement_id)
    person = involvement.person
    day = made_on or today()
    if day > today():
        raise SafeguardingRefused("The date the referral was made must be today or in the past.")
    age = age_answer_for(person, day)
    SafeguardingRefused.unless_empty(consent_problems(age, consent))
    route = route_for(age, consent)
    if route is Route.UNDECIDED:
        raise SafeguardingRefused("Record all three explanations and their answer before going on.")
    investigation = involvement.investigation
    referral = Referral(
        organisation=user.organisation, involvement=involvement, route=route.value,
        age_answer=age.value, created_by=user,
        first_responder=first_responder if first_responder != user.organisation else None,
        gender=person.gender if person.gender != "not-known" else "",
        nationality=person.nationality, second_nationality=person.second_nationality,
        exploitation_types=sorted(
            investigation.exploitation_types.values_list("exploitation_type", flat=True)),
        exploitation_location=investigation.exploitation_location,
        refusal_reason=refusal_reason if route is Route.DUTY_TO_NOTIFY else "",
        identifying_consent=identifying_consent if route is Route.DUTY_TO_NOTIFY else False,
        interpreter_language=next(
            (lang for lang in person.languages if lang.strip().lower() != "english"), ""),
    )
    if consent is not None:
        referral.nrm_explained = consent.nrm_explained
        referral.support_explained = consent.support_explained
        referral.outcomes_explained = consent.outcomes_explained
        referral.consent_given = consent.consent_given
    phone, email = _first_phone_and_email(person)
    known = {"first_name": person.first_name, "last_name": person.last_name,
             "date_of_birth": person.date_of_birth, "phone": phone, "email": email}
    for name in identifying_allowed(referral):
        setattr(referral, name, known[name])
    referral.save()
    event_record(action=Action.COLLECTION, actor=user, obj=referral,
                 detail={"route": route.value, "age_answer": age.value,
                         "anonymous": referral.anonymous,
                         **({"first_responder": referral.first_responder.code}
                            if referral.first_responder else {})})
    return referral


def _referral_for_update(user: User, referral_id: int) -> Referral:
    require(user, Capability.SAFEGUARD)
    return get_visible(user, Referral.objects.select_for_update().select_related(
        "involvement__person"), Capability.SAFEGUARD, pk=referral_id)


@transaction.atomic
def referral_update(*, user: User, referral_id: int, version: int, **content: Any) -> Referral:
    """Write what happened into a draft. A notice without consent refuses identifying details."""
    referral = _referral_for_update(user, referral_id)
    version_check(referral, version, f"Referral {referral}")
    if referral.state != Referral.State.DRAFT:
        raise SafeguardingRefused(f"{referral} has been submitted: record new facts as an answer "
                                  "to an information request instead.")
    unknown = set(content) - set(CONTENT_FIELDS) - set(IDENTIFYING_CONTENT)
    if unknown:
        raise SafeguardingRefused(f"Unknown referral details: {', '.join(sorted(unknown))}.")
    refused = {k for k in IDENTIFYING_CONTENT if content.get(k)} - identifying_allowed(referral)
    if refused:
        why = ("the adult did not agree to their details being shared" if referral.anonymous
               else "the Home Office takes only names and email in a notice")
        raise SafeguardingRefused(
            f"This duty-to-notify notice cannot hold {', '.join(sorted(refused))}: {why}.")
    person = referral.involvement.person
    names = [person.first_name, person.last_name, *person.aliases]
    problem = what_happened_names_problem(str(content.get("what_happened", "")), names)
    if problem:
        raise SafeguardingRefused(problem)
    changed = sorted(k for k, v in content.items() if getattr(referral, k) != v)
    for key, value in content.items():
        setattr(referral, key, value)
    referral.save()
    event_record(action=Action.ALTERATION, actor=user, obj=referral, detail={"fields": changed})
    return referral


def referral_facts(referral: Referral) -> ReferralFacts:
    first_responder = referral.created_by
    return ReferralFacts(
        route=Route(referral.route), age=AgeAnswer(referral.age_answer), gender=referral.gender,
        nationality=referral.nationality, exploitation_types=tuple(referral.exploitation_types),
        exploitation_location=(referral.exploitation_location
                               if referral.exploitation_location != "not_known" else ""),
        what_happened=referral.what_happened,
        how_exploitation_started=referral.how_exploitation_started,
        living_conditions=referral.living_conditions, treatment=referral.treatment,
        when_exploitation_happened=referral.exploitation_start is not None,
        still_in_exploitative_situation=(
            None if referral.still_in_exploitative_situation is None
            else ("yes" if referral.still_in_exploitative_situation else "no")),
        indicators=tuple(referral.exploitation_types),
        current_location_known=bool(referral.current_city),
        immigration_status_recorded=bool(referral.immigration_status),
        first_responder_contact=bool(first_responder.get_full_name() and first_responder.email),
        local_authority_contacted=bool(referral.local_authority_name),
        interpreter_need_recorded=True,
        reported_to_police=True,
        crime_reference=referral.involvement.investigation.crime_reference,
    )


def referral_gaps(referral: Referral) -> list[Gap]:
    """What the decision-maker will need and is still missing."""
    return completeness_gaps(referral_facts(referral))


@transaction.atomic
def referral_submit(*, user: User, referral_id: int, version: int) -> Referral:
    """Submit to the Home Office: all-or-nothing, only when nothing the decision-maker needs is
    missing. Recorded as a disclosure to the Home Office."""
    referral = _referral_for_update(user, referral_id)
    version_check(referral, version, f"Referral {referral}")
    if referral.state != Referral.State.DRAFT:
        raise SafeguardingRefused(f"{referral} was already submitted.")
    SafeguardingRefused.unless_empty(gap.message for gap in referral_gaps(referral))
    referral.state = Referral.State.SUBMITTED
    referral.submitted_at = timezone.now()
    referral.submitted_by = user
    referral.save()
    event_record(action=Action.DISCLOSURE, actor=user, obj=referral, recipient=HOME_OFFICE_NRM,
                 justification=("Modern Slavery Act 2015 s52 duty to notify"
                                if referral.route == Route.DUTY_TO_NOTIFY.value
                                else "NRM referral"),
                 detail={"route": referral.route, "anonymous": referral.anonymous})
    return referral


def referral_content(referral: Referral) -> ReferralContent:
    """The referral in the NRM form's terms. An anonymous notice reads nothing identifying."""
    investigation: Any = referral.involvement.investigation
    creator = referral.created_by
    return ReferralContent(
        kind=(NoticeKind.DUTY_TO_NOTIFY if referral.route == Route.DUTY_TO_NOTIFY.value
              else NoticeKind.NRM_REFERRAL),
        reference=referral.reference,
        under_age=referral.age_answer,
        fr_email=creator.email, fr_first_name=creator.first_name, fr_last_name=creator.last_name,
        fr_role=creator.job_title,
        fr_organisation=(referral.first_responder or referral.organisation).nrm_name,
        local_authority_name=referral.local_authority_name,
        local_authority_phone=referral.local_authority_phone,
        what_happened=referral.what_happened,
        exploitation_start=referral.exploitation_start, exploitation_end=referral.exploitation_end,
        how_exploitation_started=referral.how_exploitation_started,
        living_conditions=referral.living_conditions, treatment=referral.treatment,
        still_in_exploitative_situation=referral.still_in_exploitative_situation,
        exploitation_types=tuple(referral.exploitation_types),
        exploitation_location=referral.exploitation_location,
        uk_cities=tuple(referral.uk_cities), overseas_countries=tuple(referral.overseas_countries),
        current_city=referral.current_city,
        reported_to_police=True,
        police_force=referral.organisation.nrm_name if referral.organisation.kind_enum.is_police else "",
        crime_reference=investigation.crime_reference,
        pv_wants_referral=referral.consent_given,
        refusal_reason=referral.refusal_reason,
        gender=referral.gender, nationality=referral.nationality,
        second_nationality=referral.second_nationality,
        interpreter_needed=bool(referral.interpreter_language) or None,
        interpreter_language=referral.interpreter_language,
        identifying_consent=referral.identifying_consent,
        **{name: getattr(referral, name) for name in identifying_allowed(referral)},
    )


def referral_export(*, referral: Referral, actor: User | None, recipient: str) -> dict[str, object]:
    """The referral as the NRM service's JSON. Exporting is a disclosure, recorded as one.

    Refused, naming each value, when something is not in the Home Office form's vocabulary.
    """
    content = referral_content(referral)
    SafeguardingRefused.unless_empty(export_problems(content))
    exported = export(content)
    event_record(action=Action.DISCLOSURE, actor=actor, obj=referral, recipient=recipient,
                 username="" if actor else "command line", organisation=referral.organisation,
                 justification="Export in the NRM service's format",
                 detail={"keys": len(exported), "anonymous": referral.anonymous})
    return exported


def referral_export_for_user(*, user: User, referral_id: int) -> tuple[Referral, dict[str, object]]:
    require(user, Capability.SAFEGUARD)
    referral = get_visible(user, Referral.objects.select_related(
        "involvement__investigation", "organisation", "created_by"), Capability.SAFEGUARD,
        pk=referral_id)
    return referral, referral_export(
        referral=referral, actor=user,
        recipient=f"{user.get_full_name() or user.username}, downloaded for the NRM service")


def earlier_referrals(*, user: User, involvement: Involvement) -> list[Referral]:
    """Referrals and notices already made about this person in the user's force."""
    require(user, Capability.SAFEGUARD)
    mine = visible(user, Referral.objects.filter(involvement__person=involvement.person_id),
                   Capability.SAFEGUARD)
    return list(mine.select_related("involvement__investigation").order_by("created_at"))
