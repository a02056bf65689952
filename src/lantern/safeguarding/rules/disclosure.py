"""Sharing a victim's information with immigration enforcement: when it is refused, what it must record.

Plain Python: no Django. Sources: the Hestia super-complaint report (seed 002 §12.16: police may
share with the Home Office when an officer suspects a victim is an immigration offender and should
tell the victim; officers will not routinely search police databases to establish a victim's
immigration status; nobody records how many contacts there are, why, or what followed) and its
Annex G (the Liberty and Southall Black Sisters super-complaint, recommendation 1: where officers
have only doubts about a domestic abuse victim's immigration status, stop sharing and link the
victim to a third party for advice instead). DOMAIN.md "The victim's path" point 8.

National policy is still moving (Annex G recommendations 2 and 3), so the refusal that follows a
recommendation rather than the law is configuration a force sets: ``DisclosurePolicy``.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from lantern.vocabulary import LabelledEnum


class Purpose(LabelledEnum):
    """Why information about a person is shared with, or searched for, immigration enforcement."""

    SAFEGUARDING = "safeguarding"
    PREVENTION_OR_DETECTION_OF_CRIME = "prevention_or_detection_of_crime"
    IMMIGRATION_OFFENCE_SUSPECTED = "immigration_offence_suspected"
    ESTABLISH_IMMIGRATION_STATUS_ONLY = "establish_immigration_status_only"
    OTHER = "other"


class LegalBasis(LabelledEnum):
    """The law that allows the sharing. Police processing is for a law enforcement purpose
    (Data Protection Act 2018 Part 3), which s35 requires to be based on law: these are the bases."""

    IAA_1999_S20 = "iaa_1999_s20"
    CCA_2013_S7 = "cca_2013_s7"
    COMMON_LAW_POLICING_PURPOSE = "common_law_policing_purpose"
    CONSENT = "consent"


_LABELS: dict[type, dict[str, str]] = {
    Purpose: {
        Purpose.SAFEGUARDING.value: "Safeguarding the victim or others",
        Purpose.PREVENTION_OR_DETECTION_OF_CRIME.value: "Prevention or detection of crime",
        Purpose.IMMIGRATION_OFFENCE_SUSPECTED.value: "The person is suspected of an immigration offence",
        Purpose.ESTABLISH_IMMIGRATION_STATUS_ONLY.value: "Only to establish the person's immigration status",
        Purpose.OTHER.value: "Another purpose (say what)",
    },
    LegalBasis: {
        LegalBasis.IAA_1999_S20.value: (
            "Immigration and Asylum Act 1999 s20: supply of information to the Secretary of State, "
            "processed under Data Protection Act 2018 s35"
        ),
        LegalBasis.CCA_2013_S7.value: (
            "Crime and Courts Act 2013 s7: disclosure of information to the National Crime Agency, "
            "processed under Data Protection Act 2018 s35"
        ),
        LegalBasis.COMMON_LAW_POLICING_PURPOSE.value: (
            "Common law power to share information for a policing purpose, "
            "processed under Data Protection Act 2018 s35"
        ),
        LegalBasis.CONSENT.value: "Consent of the person: Data Protection Act 2018 s35(2)(a)",
    },
}

THIRD_PARTY_ADVISER_TEXT = (
    "Link the victim instead to a third party who can advise them and speak for them to Immigration "
    "Enforcement: a specialist victim support organisation, or an immigration adviser regulated by the "
    "Immigration Advice Authority (formerly the OISC)."
)

NO_ROUTINE_STATUS_CHECKS = (
    "Officers should not routinely search databases or share to establish a victim's immigration status"
)


@dataclass(frozen=True)
class DisclosurePolicy:
    """What a force has decided, following national policy as it changes.

    The defaults follow the Liberty and Southall Black Sisters super-complaint, recommendation 1
    (seed 002 Annex G): no sharing about a domestic abuse victim when there are only doubts about
    their immigration status, and a referral to a third-party adviser instead.
    """

    refuse_domestic_abuse_doubts_only: bool = True
    third_party_adviser_text: str = THIRD_PARTY_ADVISER_TEXT


@dataclass(frozen=True)
class DisclosureRequest:
    """One proposed sharing of a victim's information with immigration enforcement.

    ``victim_told`` is None until someone decides; False needs ``reason_victim_not_told``.
    ``purpose_detail`` says what the purpose is when it is ``Purpose.OTHER``.
    """

    purpose: Purpose
    legal_basis: LegalBasis
    what_shared: str
    recipient: str
    domestic_abuse_victim: bool
    evidence_of_immigration_offence: bool
    victim_told: bool | None
    reason_victim_not_told: str = ""
    purpose_detail: str = ""


def disclosure_problems(req: DisclosureRequest, policy: DisclosurePolicy) -> list[str]:
    """Why this sharing must not go ahead as it stands, in words an officer can act on.

    Refusals first (they cannot be fixed by filling in a field), then what is missing.
    """
    problems: list[str] = []
    if (
        policy.refuse_domestic_abuse_doubts_only
        and req.domestic_abuse_victim
        and not req.evidence_of_immigration_offence
    ):
        problems.append(
            "Do not share: this is a victim of domestic abuse and there are only doubts about their "
            "immigration status, no evidence of an immigration offence. "
            f"{policy.third_party_adviser_text.strip()}"
        )
    if req.purpose == Purpose.ESTABLISH_IMMIGRATION_STATUS_ONLY:
        problems.append(
            f"{NO_ROUTINE_STATUS_CHECKS}: share only for a policing purpose, such as a suspected "
            "immigration offence or safeguarding."
        )
    if req.purpose == Purpose.OTHER and not req.purpose_detail.strip():
        problems.append("Say what the purpose of sharing is.")
    if not req.what_shared.strip():
        problems.append("Record what information is to be shared.")
    if not req.recipient.strip():
        problems.append(
            "Record who is to receive the information (the team or unit, not just the Home Office)."
        )
    if req.victim_told is None:
        problems.append(
            "Record whether the victim has been told that their information will be passed on: they "
            "should be told what and why, unless there is a reason not to."
        )
    elif req.victim_told is False and not req.reason_victim_not_told.strip():
        problems.append("Record why the victim has not been told that their information will be passed on.")
    if req.legal_basis == LegalBasis.CONSENT and req.victim_told is False:
        problems.append(
            "Consent cannot be the legal basis when the victim has not been told of the sharing: "
            "choose the law that allows it, or tell the victim and ask."
        )
    return problems


def approval_problems(*, requested_by_id: int, approver_id: int, approver_is_supervisor: bool) -> list[str]:
    """Why this person cannot approve the sharing: it needs a second person, who is a supervisor."""
    problems: list[str] = []
    if approver_id == requested_by_id:
        problems.append("The person who asked to share cannot approve it: a second person must.")
    if not approver_is_supervisor:
        problems.append("Sharing with immigration enforcement must be approved by a supervisor.")
    return problems


def search_purpose_problem(purposes: Collection[Purpose]) -> str | None:
    """Why a search for a person cannot go ahead for these purposes, or None if it can.

    Seed 002 §12.16: officers will not routinely search police databases to establish a victim's
    immigration status, so a search with that as its only purpose is refused.
    """
    chosen = set(purposes)
    if not chosen:
        return "Give the purpose of the search."
    if chosen == {Purpose.ESTABLISH_IMMIGRATION_STATUS_ONLY}:
        return (
            f"{NO_ROUTINE_STATUS_CHECKS}: a search whose only purpose is a person's immigration status "
            "is refused. Search only for a policing purpose, such as safeguarding or an offence."
        )
    return None
