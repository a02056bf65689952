"""NRM referral or duty to notify: route, consent, what a notice may carry, what a referral lacks."""

import json
from dataclasses import replace
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lantern.safeguarding.rules.nrm import (
    DTN_FIELDS_ALWAYS,
    DTN_FIELDS_WITH_CONSENT,
    IDENTIFYING_FIELDS,
    STILL_IN_SITUATION_ANSWERS,
    AgeAnswer,
    ConsentRecord,
    Gap,
    ReferralFacts,
    Route,
    completeness_gaps,
    consent_needed,
    consent_problems,
    dtn_allowed_fields,
    route_for,
    what_happened_names_problem,
)

EXPLAINED_AND_AGREED = ConsentRecord(True, True, True, True)
EXPLAINED_AND_REFUSED = ConsentRecord(True, True, True, False)
NOT_ASKED = ConsentRecord(False, False, False, None)
NOTICE_FIELDS = ["gender", "nationality", "exploitation_types", "exploitation_location", "what_happened"]

consents = st.none() | st.builds(
    ConsentRecord, st.booleans(), st.booleans(), st.booleans(), st.none() | st.booleans())


def form_fields() -> dict[str, dict[str, object]]:
    text = resources.files("lantern.reference").joinpath("nrm_form/fields.json").read_text()
    return dict(json.loads(text))


def test_age_answers_are_the_forms_own_values() -> None:
    options = form_fields()["pv-under-age"]["options"]
    assert isinstance(options, dict)
    assert {a.value for a in AgeAnswer} == set(options)
    assert {a.label for a in AgeAnswer} == {
        "Under 18", "18 or over", "Not sure: treated as a child until their age is assessed"}


def test_still_in_the_situation_answers_are_the_forms_own() -> None:
    options = form_fields()["still-in-exploitative-situation"]["options"]
    assert isinstance(options, dict)
    assert set(STILL_IN_SITUATION_ANSWERS) == set(options)


def test_routes_have_labels() -> None:
    assert Route.DUTY_TO_NOTIFY.label == "Anonymous duty to notify (Modern Slavery Act 2015 s52)"
    assert Route.NRM_REFERRAL.label == "Referral into the National Referral Mechanism"
    assert Route.UNDECIDED.label == "Not decided yet: consent not recorded"


@given(st.sampled_from([AgeAnswer.YES, AgeAnswer.NOT_SURE]), consents)
def test_a_child_or_someone_of_uncertain_age_is_always_referred(
    age: AgeAnswer, consent: ConsentRecord | None
) -> None:
    """Given an answer of under 18 or not sure, whatever the consent record, the route is a referral."""
    assert route_for(age, consent) is Route.NRM_REFERRAL
    assert consent_problems(age, consent) == []
    assert consent_needed(age) is False


def test_only_an_adult_needs_consent() -> None:
    assert consent_needed(AgeAnswer.NO) is True


def test_an_adult_who_consents_after_all_three_explanations_is_referred() -> None:
    assert route_for(AgeAnswer.NO, EXPLAINED_AND_AGREED) is Route.NRM_REFERRAL
    assert consent_problems(AgeAnswer.NO, EXPLAINED_AND_AGREED) == []


def test_an_adult_who_refuses_is_notified_anonymously() -> None:
    assert route_for(AgeAnswer.NO, EXPLAINED_AND_REFUSED) is Route.DUTY_TO_NOTIFY
    assert route_for(AgeAnswer.NO, ConsentRecord(False, False, False, False)) is Route.DUTY_TO_NOTIFY


@pytest.mark.parametrize("consent", [
    None, NOT_ASKED, ConsentRecord(True, True, True, None),
    ConsentRecord(False, True, True, True), ConsentRecord(True, False, True, True),
    ConsentRecord(True, True, False, True),
])
def test_an_adult_is_undecided_until_informed_consent_or_refusal(consent: ConsentRecord | None) -> None:
    assert route_for(AgeAnswer.NO, consent) is Route.UNDECIDED


@given(consents)
def test_an_adults_route_follows_the_consent_record(consent: ConsentRecord | None) -> None:
    route = route_for(AgeAnswer.NO, consent)
    if route is Route.NRM_REFERRAL:
        assert consent is not None and consent.consent_given is True and consent.fully_explained
    elif route is Route.DUTY_TO_NOTIFY:
        assert consent is not None and consent.consent_given is False
    else:
        assert consent is None or consent.consent_given is None or not consent.fully_explained


def test_consent_problems_tell_the_officer_what_to_record() -> None:
    everything = [
        "Record that you explained what the NRM is.",
        "Record that you explained the support it gives.",
        "Record that you explained its possible outcomes.",
        "Ask whether they consent to be referred into the NRM, and record their answer.",
    ]
    assert consent_problems(AgeAnswer.NO, None) == everything
    assert consent_problems(AgeAnswer.NO, NOT_ASKED) == everything
    assert consent_problems(AgeAnswer.NO, ConsentRecord(True, False, True, True)) == [everything[1]]
    assert consent_problems(AgeAnswer.NO, ConsentRecord(False, True, True, True)) == [everything[0]]
    assert consent_problems(AgeAnswer.NO, ConsentRecord(True, True, False, True)) == [everything[2]]
    assert consent_problems(AgeAnswer.NO, ConsentRecord(True, True, True, None)) == [everything[3]]


def test_a_refusal_needs_the_explanations_too() -> None:
    """The form's "No" answer says the officer explained before the adult refused."""
    assert consent_problems(AgeAnswer.NO, ConsentRecord(False, True, True, False)) == [
        "Record that you explained what the NRM is."]


def test_a_notice_without_consent_carries_nothing_that_identifies_the_adult() -> None:
    allowed = dtn_allowed_fields(identifying_consent=False)
    assert allowed == DTN_FIELDS_ALWAYS
    assert not allowed & IDENTIFYING_FIELDS
    assert set(NOTICE_FIELDS) <= allowed


def test_with_consent_a_notice_also_carries_name_and_contact_details_as_the_form_allows() -> None:
    allowed = dtn_allowed_fields(identifying_consent=True)
    assert allowed == DTN_FIELDS_ALWAYS | DTN_FIELDS_WITH_CONSENT
    assert {"first_name", "last_name", "nickname", "email", "address"} == DTN_FIELDS_WITH_CONSENT
    assert DTN_FIELDS_WITH_CONSENT <= IDENTIFYING_FIELDS
    assert not allowed & {"date_of_birth", "phone", "home_office_reference", "photos"}


def test_identifying_fields_cover_names_contact_details_references_and_photos() -> None:
    assert {
        "first_name", "last_name", "nickname", "date_of_birth", "phone", "email", "address",
        "home_office_reference", "photos"} == IDENTIFYING_FIELDS


COMPLETE_NOTICE = ReferralFacts(
    route=Route.DUTY_TO_NOTIFY, age=AgeAnswer.NO, gender="female", nationality="Albanian",
    exploitation_types=("labour",), exploitation_location="uk",
    what_happened="Worked in a car wash for 14 hours a day without pay.",
)

COMPLETE_ADULT_REFERRAL = replace(
    COMPLETE_NOTICE, route=Route.NRM_REFERRAL, how_exploitation_started="Offered a job by a relative.",
    living_conditions="Slept on the floor above the car wash.", treatment="Threatened; passport taken.",
    when_exploitation_happened=True, still_in_exploitative_situation="no",
    indicators=("documents withheld",), current_location_known=True, immigration_status_recorded=True,
    first_responder_contact=True, interpreter_need_recorded=True,
)


def fields(gaps: list[Gap]) -> list[str]:
    return [gap.field for gap in gaps]


def test_a_complete_notice_and_a_complete_referral_have_no_gaps() -> None:
    assert completeness_gaps(COMPLETE_NOTICE) == []
    assert completeness_gaps(COMPLETE_ADULT_REFERRAL) == []
    child = replace(COMPLETE_ADULT_REFERRAL, age=AgeAnswer.NOT_SURE, local_authority_contacted=True)
    assert completeness_gaps(child) == []


def test_an_empty_notice_needs_only_gender_nationality_the_exploitation_and_what_happened() -> None:
    gaps = completeness_gaps(ReferralFacts(route=Route.DUTY_TO_NOTIFY, age=AgeAnswer.NO))
    assert fields(gaps) == NOTICE_FIELDS


def test_an_empty_referral_needs_everything_the_decision_maker_uses() -> None:
    gaps = completeness_gaps(ReferralFacts(route=Route.NRM_REFERRAL, age=AgeAnswer.NO))
    assert fields(gaps) == [
        "gender", "nationality", "exploitation_types", "exploitation_location", "what_happened",
        "how_exploitation_started", "living_conditions", "treatment", "when_exploitation_happened",
        "still_in_exploitative_situation", "indicators", "current_location_known",
        "immigration_status_recorded", "first_responder_contact", "interpreter_need_recorded",
    ]


@pytest.mark.parametrize("age", [AgeAnswer.YES, AgeAnswer.NOT_SURE])
def test_a_childs_referral_also_needs_the_local_authority_contacted(age: AgeAnswer) -> None:
    facts = replace(COMPLETE_ADULT_REFERRAL, age=age)
    assert completeness_gaps(facts) == [Gap(
        "local_authority_contacted",
        "Record the local authority children's services you contacted: they lead a child's support.")]


def test_an_undecided_case_asks_for_the_consent_answer_and_what_both_routes_need() -> None:
    gaps = completeness_gaps(replace(COMPLETE_NOTICE, route=Route.UNDECIDED, nationality=""))
    assert gaps == [
        Gap("route", "Record whether they consent to be referred: until then it is neither a referral "
                     "nor a notice."),
        Gap("nationality",
            "Record their nationality: the Home Office counts every notice and referral by it."),
    ]


def test_a_child_cannot_be_the_subject_of_a_duty_to_notify_notice() -> None:
    gaps = completeness_gaps(replace(COMPLETE_NOTICE, age=AgeAnswer.YES))
    assert gaps == [Gap(
        "route", "A child, or someone whose age is not sure, must be referred into the NRM: a duty-to-notify "
                 "notice is only for an adult who does not consent.")]


def test_blank_text_counts_as_missing() -> None:
    gaps = completeness_gaps(replace(COMPLETE_NOTICE, what_happened="   \n"))
    assert fields(gaps) == ["what_happened"]


@pytest.mark.parametrize(("answer", "missing"), [
    ("yes", False), ("no", False), (None, True), ("maybe", True)])
def test_still_in_the_situation_needs_a_yes_or_no(answer: str | None, missing: bool) -> None:
    gaps = completeness_gaps(replace(COMPLETE_ADULT_REFERRAL, still_in_exploitative_situation=answer))
    assert ("still_in_exploitative_situation" in fields(gaps)) is missing


def test_a_reported_crime_needs_its_reference() -> None:
    reported = replace(COMPLETE_NOTICE, reported_to_police=True)
    assert completeness_gaps(reported) == [
        Gap("crime_reference", "Give the crime reference for the modern slavery crime they reported.")]
    assert completeness_gaps(replace(reported, crime_reference="42/12345/26")) == []


def test_every_gap_message_tells_the_officer_what_to_do_and_why() -> None:
    empty = ReferralFacts(route=Route.NRM_REFERRAL, age=AgeAnswer.YES, reported_to_police=True)
    gaps = completeness_gaps(empty)
    by_field = {gap.field: gap.message for gap in gaps}
    assert by_field["how_exploitation_started"] == (
        "Say how the exploitation started: the decision-maker uses it to weigh credibility.")
    assert by_field["immigration_status_recorded"].startswith("Record their immigration status:")
    assert "call the referring officer" in by_field["first_responder_contact"]
    assert "objective factors" in by_field["indicators"]
    assert len(gaps) == 17
    for gap in gaps:
        assert gap.message.endswith(".")
        assert gap.message[0].isupper()


def test_what_happened_without_names_is_fine() -> None:
    assert what_happened_names_problem("She was made to work nights.", ["Ana", "Popescu"]) is None
    assert what_happened_names_problem("", []) is None


def test_a_name_in_what_happened_is_caught_whole_word_and_ignoring_case() -> None:
    text = "ANA was taken to Bradford with Mihai's cousin."
    assert what_happened_names_problem(text, ["Ana", "mihai", "Brad"]) == (
        "Take 'Ana', 'mihai' out of what happened: do not include their name or the names of any other "
        "potential victims.")


def test_parts_of_words_and_one_letter_names_are_not_names() -> None:
    assert what_happened_names_problem("Banana farm; a van.", ["Ana", "a", " ", "Va"]) is None


def test_each_name_is_reported_once() -> None:
    problem = what_happened_names_problem("Ion met Ion.", ["Ion", "ion", " ION "])
    assert problem is not None
    assert problem.startswith("Take 'Ion' out of")


def test_names_with_punctuation_are_matched_literally() -> None:
    assert what_happened_names_problem("O'Brien drove.", ["O'Brien"]) is not None
    assert what_happened_names_problem("Jo.n drove.", ["J.n"]) is None


@given(st.text(alphabet="abcdefghij", min_size=2, max_size=8), st.text(alphabet=" .,;", max_size=3))
def test_a_name_surrounded_by_spaces_or_punctuation_is_always_found(name: str, around: str) -> None:
    assert what_happened_names_problem(f"x{around} {name.upper()}{around} y", [name]) is not None
