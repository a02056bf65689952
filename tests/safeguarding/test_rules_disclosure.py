"""Sharing a victim's information with immigration enforcement: refusals, records, approval, searches."""

from dataclasses import replace

import pytest

from lantern.safeguarding.rules.disclosure import (
    THIRD_PARTY_ADVISER_TEXT,
    DisclosurePolicy,
    DisclosureRequest,
    LegalBasis,
    Purpose,
    approval_problems,
    disclosure_problems,
    search_purpose_problem,
)

DEFAULT = DisclosurePolicy()
NO_STATUS_CHECKS = (
    "Officers should not routinely search databases or share to establish a victim's immigration status"
)

SOUND = DisclosureRequest(
    purpose=Purpose.IMMIGRATION_OFFENCE_SUSPECTED,
    legal_basis=LegalBasis.IAA_1999_S20,
    what_shared="Name, date of birth and the address where found",
    recipient="Immigration Enforcement NCCU",
    domestic_abuse_victim=False,
    evidence_of_immigration_offence=True,
    victim_told=True,
    reason_victim_not_told="",
)

DA_DOUBTS_ONLY = replace(SOUND, domestic_abuse_victim=True, evidence_of_immigration_offence=False)


def test_labels_name_the_statute() -> None:
    assert LegalBasis.IAA_1999_S20.label.startswith("Immigration and Asylum Act 1999 s20")
    assert "Data Protection Act 2018 s35" in LegalBasis.IAA_1999_S20.label
    assert LegalBasis.CCA_2013_S7.label.startswith("Crime and Courts Act 2013 s7")
    assert LegalBasis.CONSENT.label == "Consent of the person: Data Protection Act 2018 s35(2)(a)"
    assert all(label for _, label in [*Purpose.choices(), *LegalBasis.choices()])


def test_the_default_policy_follows_the_super_complaint() -> None:
    assert DEFAULT.refuse_domestic_abuse_doubts_only
    assert "third party" in DEFAULT.third_party_adviser_text
    assert "OISC" in DEFAULT.third_party_adviser_text


def test_a_complete_request_on_a_suspected_offence_has_no_problems() -> None:
    assert disclosure_problems(SOUND, DEFAULT) == []


def test_a_domestic_abuse_victim_with_only_doubts_is_not_shared_about() -> None:
    """Given a domestic abuse victim and no evidence of an offence, Then sharing is refused.

    And the officer is pointed to a third-party adviser.
    """
    assert disclosure_problems(DA_DOUBTS_ONLY, DEFAULT) == [
        "Do not share: this is a victim of domestic abuse and there are only doubts about their immigration "
        f"status, no evidence of an immigration offence. {THIRD_PARTY_ADVISER_TEXT}"
    ]


def test_the_refusal_quotes_the_forces_own_adviser_text() -> None:
    policy = DisclosurePolicy(third_party_adviser_text="Call the Migrant Victims Advice Line on 0100. ")
    (problem,) = disclosure_problems(DA_DOUBTS_ONLY, policy)
    assert problem.endswith("offence. Call the Migrant Victims Advice Line on 0100.")


def test_a_force_can_turn_the_refusal_off_when_national_policy_changes() -> None:
    assert (
        disclosure_problems(DA_DOUBTS_ONLY, DisclosurePolicy(refuse_domestic_abuse_doubts_only=False)) == []
    )


def test_a_domestic_abuse_victim_with_evidence_of_an_offence_may_be_shared_about() -> None:
    assert disclosure_problems(replace(SOUND, domestic_abuse_victim=True), DEFAULT) == []


def test_other_victims_with_only_doubts_are_not_refused_by_the_domestic_abuse_rule() -> None:
    assert disclosure_problems(replace(SOUND, evidence_of_immigration_offence=False), DEFAULT) == []


def test_sharing_only_to_establish_status_is_refused() -> None:
    req = replace(SOUND, purpose=Purpose.ESTABLISH_IMMIGRATION_STATUS_ONLY)
    assert disclosure_problems(req, DEFAULT) == [
        f"{NO_STATUS_CHECKS}: share only for a policing purpose, such as a suspected immigration offence "
        "or safeguarding."
    ]


def test_another_purpose_must_be_described() -> None:
    req = replace(SOUND, purpose=Purpose.OTHER)
    assert disclosure_problems(req, DEFAULT) == ["Say what the purpose of sharing is."]
    assert disclosure_problems(replace(req, purpose_detail="Tracing next of kin"), DEFAULT) == []


def test_what_is_shared_and_to_whom_must_be_recorded() -> None:
    assert disclosure_problems(replace(SOUND, what_shared=" ", recipient=""), DEFAULT) == [
        "Record what information is to be shared.",
        "Record who is to receive the information (the team or unit, not just the Home Office).",
    ]


def test_whether_the_victim_was_told_must_be_decided() -> None:
    assert disclosure_problems(replace(SOUND, victim_told=None), DEFAULT) == [
        "Record whether the victim has been told that their information will be passed on: they should be "
        "told what and why, unless there is a reason not to."
    ]


def test_not_telling_the_victim_needs_a_reason() -> None:
    untold = replace(SOUND, victim_told=False)
    assert disclosure_problems(untold, DEFAULT) == [
        "Record why the victim has not been told that their information will be passed on."
    ]
    reason = "Telling them now would alert the suspect, who controls their phone."
    assert disclosure_problems(replace(untold, reason_victim_not_told=reason), DEFAULT) == []


def test_consent_needs_the_victim_to_have_been_told() -> None:
    req = replace(SOUND, legal_basis=LegalBasis.CONSENT, victim_told=False, reason_victim_not_told="Asleep")
    assert disclosure_problems(req, DEFAULT) == [
        "Consent cannot be the legal basis when the victim has not been told of the sharing: choose the "
        "law that allows it, or tell the victim and ask."
    ]
    assert disclosure_problems(replace(req, victim_told=True), DEFAULT) == []


def test_refusals_come_before_what_is_missing() -> None:
    req = replace(DA_DOUBTS_ONLY, purpose=Purpose.ESTABLISH_IMMIGRATION_STATUS_ONLY, what_shared="")
    problems = disclosure_problems(req, DEFAULT)
    assert [p.split(":")[0] for p in problems] == [
        "Do not share",
        NO_STATUS_CHECKS,
        "Record what information is to be shared.",
    ]


def test_a_supervisor_who_did_not_ask_may_approve() -> None:
    assert approval_problems(requested_by_id=1, approver_id=2, approver_is_supervisor=True) == []


def test_nobody_approves_their_own_request() -> None:
    assert approval_problems(requested_by_id=1, approver_id=1, approver_is_supervisor=True) == [
        "The person who asked to share cannot approve it: a second person must."
    ]


def test_the_approver_must_be_a_supervisor() -> None:
    assert approval_problems(requested_by_id=1, approver_id=1, approver_is_supervisor=False) == [
        "The person who asked to share cannot approve it: a second person must.",
        "Sharing with immigration enforcement must be approved by a supervisor.",
    ]


def test_a_search_for_immigration_status_alone_is_refused() -> None:
    assert search_purpose_problem([Purpose.ESTABLISH_IMMIGRATION_STATUS_ONLY]) == (
        f"{NO_STATUS_CHECKS}: a search whose only purpose is a person's immigration status is refused. "
        "Search only for a policing purpose, such as safeguarding or an offence."
    )


def test_a_search_needs_a_purpose() -> None:
    assert search_purpose_problem(()) == "Give the purpose of the search."


@pytest.mark.parametrize(
    "purposes",
    [
        {Purpose.SAFEGUARDING},
        [Purpose.PREVENTION_OR_DETECTION_OF_CRIME, Purpose.ESTABLISH_IMMIGRATION_STATUS_ONLY],
        (Purpose.IMMIGRATION_OFFENCE_SUSPECTED,),
    ],
)
def test_a_search_with_a_policing_purpose_may_go_ahead(purposes: set[Purpose]) -> None:
    assert search_purpose_problem(purposes) is None
