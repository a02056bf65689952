"""The NRM form export: the Home Office's own keys and answers, and nothing identifying in an
anonymous duty-to-notify notice."""

import dataclasses
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lantern.cases.rules import ExploitationLocation, ExploitationType
from lantern.safeguarding import nrm_vocabulary
from lantern.safeguarding.nrm_form import (
    ANONYMOUS_DTN_FIELDS,
    CHECKED,
    CONSENTED_DTN_FIELDS,
    FIELD_LISTS,
    IDENTIFYING_FIELDS,
    NoticeKind,
    ReferralContent,
    accepted_values,
    export,
    export_problems,
    field_options,
    fields,
    identifying_keys,
    list_values,
)

NRM, DTN = NoticeKind.NRM_REFERRAL, NoticeKind.DUTY_TO_NOTIFY
TYPE_PREFIX = "types-of-exploitation-"

# The potential victim's own details, which an anonymous notice must never carry.
PERSONAL: dict[str, Any] = {
    "first_name": "Marjeta",
    "last_name": "Hoxhaj",
    "nickname": "Mimi",
    "phone": "07700 900123",
    "email": "marjeta.h@example.org",
    "street": "12 Example Street",
    "postcode": "LS1 4AP",
    "home_office_reference": "HOREF998877",
}
SAFE_NARRATIVE = (
    "Recruited through an online advert for restaurant work.",
    "Worked fourteen hours a day in a car wash.",
    "Slept in a shared room above the workplace.",
    "Documents were kept by the employer.",
    "",
)


def full_referral(**changes: Any) -> ReferralContent:
    """An adult who consents to an NRM referral, with every detail Lantern can give."""
    content = ReferralContent(
        kind=NRM, reference="LAN-2024-000123", under_age="no",
        fr_email="a.officer@example.police.uk", fr_organisation="West Yorkshire Police",
        fr_location="england", fr_first_name="Alex", fr_last_name="Officer", fr_role="Detective Constable",
        fr_phone="0113 000 0000", fr_alternative_email="msu@example.police.uk",
        under_age_at_exploitation="not-sure",
        what_happened=SAFE_NARRATIVE[0], exploitation_start=date(2023, 1, 5),
        exploitation_end=date(2023, 6, 30), how_exploitation_started=SAFE_NARRATIVE[0],
        taken_somewhere=True, journey_details="By coach from Tirana to Calais, then by lorry.",
        what_required_to_do=SAFE_NARRATIVE[1], living_conditions=SAFE_NARRATIVE[2],
        treatment=SAFE_NARRATIVE[3], still_in_exploitative_situation=False,
        how_they_left="Found during a labour inspection.",
        exploitation_types=tuple(ExploitationType), wages_taken=True, forced_to_commit_fraud=True,
        child_sexual_exploitation=True, held_and_sexually_assaulted=True, other_exploitation="Forced begging",
        exploitation_location=ExploitationLocation.UK_AND_OVERSEAS, uk_cities=("Leeds", "Bradford"),
        overseas_countries=("Albania", "Greece"), current_city="Leeds", current_region="West Yorkshire",
        exploiter_details="Two men who ran the car wash.", reported_to_police=True,
        police_force="West Yorkshire Police", crime_reference="13/123456/23",
        cooperates_with_authorities=True, pv_wants_referral=True, needs_support=True,
        date_of_birth=date(1990, 3, 31), gender="female", nationality="Albanian", second_nationality="Greek",
        town="Leeds", county="West Yorkshire", safe_to_write=True, has_children=True, number_of_children=2,
        interpreter_needed=True, interpreter_language="Albanian", communication_help_needed=True,
        communication_aid="Large print", **PERSONAL,
    )
    return dataclasses.replace(content, **changes)


def child_referral(**changes: Any) -> ReferralContent:
    content = full_referral(
        under_age="yes", pv_wants_referral=None, local_authority_name="Leeds City Council",
        local_authority_phone="0113 222 4403", local_authority_email="duty@example.gov.uk",
        local_authority_contact_first_name="Sam", local_authority_contact_last_name="Worker",
    )
    return dataclasses.replace(content, **changes)


def anonymous_notice(**changes: Any) -> ReferralContent:
    content = full_referral(kind=DTN, pv_wants_referral=False, refusal_reason="Wants to go home first.")
    return dataclasses.replace(content, **changes)


def assert_in_form_vocabulary(exported: dict[str, object]) -> None:
    """Every key is a field of the form; every answer is one the field takes."""
    form = fields()
    json.dumps(exported)
    for key, value in exported.items():
        assert key in form, key
        answers = value if isinstance(value, list) else [value]
        assert answers and all(isinstance(answer, str) and answer for answer in answers), (key, value)
        if key in FIELD_LISTS:
            listed = {entry for name in FIELD_LISTS[key] for entry in list_values(name)}
            assert value in listed, (key, value)
        elif key.startswith(TYPE_PREFIX) or key.endswith("-check"):
            assert value == CHECKED, (key, value)
        elif field_options(key):
            assert set(answers) <= set(field_options(key)), (key, value)


# The vocabulary -------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "count"), [("ms_uk_police_forces", 47), ("ms_countries", 197)])
def test_lists_parse_every_entry(name: str, count: int) -> None:
    assert len(list_values(name)) == count


@pytest.mark.parametrize("name", nrm_vocabulary.LIST_NAMES)
def test_every_value_in_a_list_file_is_read(name: str) -> None:
    text = (nrm_vocabulary.REFERENCE_DIR / f"{name}.js").read_text(encoding="utf-8")
    assert len(list_values(name)) == len(re.findall(r"\bvalue\s*:", text))
    assert all(value.strip() for value in list_values(name))
    assert len({value.strip() for value in list_values(name)}) == len(list_values(name))


def test_the_forms_own_spelling_of_a_list_entry_goes_out() -> None:
    """ms_nationalities keeps a stray space; the Home Office expects its own value back."""
    assert "Citizen of Vanuatu " in list_values("ms_nationalities")
    exported = export(full_referral(nationality="Citizen of Vanuatu", second_nationality=" Albanian "))
    assert exported["pv-nationality"] == "Citizen of Vanuatu "
    assert exported["pv-nationality-second"] == "Albanian"


def test_lists_hold_what_the_form_offers() -> None:
    assert len(list_values("ms_nationalities")) > 150
    assert {"Albanian", "Vietnamese", "British", "Unknown"} <= set(list_values("ms_nationalities"))
    assert "Barnardo's" in list_values("ms_organisations")
    assert "Borough Council of King's Lynn and West Norfolk" in list_values("ms_uk_local_authorities")
    assert "Metropolitan Police Service" in list_values("ms_uk_police_forces")
    assert set(list_values("ms_uk_police_forces")) <= set(list_values("ms_organisations"))


def test_unknown_list_is_refused() -> None:
    with pytest.raises(KeyError, match="ms_uk_cities"):
        list_values("ms_uk_cities")


def test_list_values_reads_both_quotings_over_several_lines(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "ms_regions_test.js").write_text(
        "const x = [\n{value:\"Yarl's Wood\",label:\"Yarl's Wood\"},\n  {\n    value: 'Leeds',\n"
        "    label: 'Leeds'\n  },\n  {value: 'Côte d\\'Ivoire', label: 'x'},\n];\n", encoding="utf-8")
    monkeypatch.setattr(nrm_vocabulary, "REFERENCE_DIR", tmp_path)
    monkeypatch.setattr(nrm_vocabulary, "LIST_NAMES", ("ms_regions_test",))
    parsed = nrm_vocabulary.list_values.__wrapped__("ms_regions_test")
    assert parsed == ("Yarl's Wood", "Leeds", "Côte d'Ivoire")


def test_field_options_reads_the_forms_option_shapes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nrm_vocabulary, "fields", lambda: {
        "mapping": {"options": {"null": "Select...", "yes": {"label": "Yes"}, "no": {"label": "No"}}},
        "strings": {"options": ["email", "post"]},
        "dicts": {"options": [{"value": "", "label": "Select"}, {"value": "uk", "label": "UK"}]},
        "text": {"label": "Free text"},
    })
    options = nrm_vocabulary.field_options.__wrapped__
    assert options("mapping") == ("yes", "no")
    assert options("strings") == ("email", "post")
    assert options("dicts") == ("uk",)
    assert options("text") == ()


def test_field_options_of_the_real_form() -> None:
    assert field_options("pv-under-age") == ("yes", "no", "not-sure")
    assert field_options("where-exploitation-happened") == ("uk", "overseas", "uk-and-overseas")
    assert field_options("pv-gender") == ("female", "male", "unknown")
    assert field_options("pv-nationality") == ()  # a prompt only: the answers are ms_nationalities


def test_every_select_field_has_its_list_except_uk_cities() -> None:
    """A field offering only a "Select..." prompt takes a controlled list; Lantern lacks only the
    form's ms_uk_cities_and_towns."""
    prompt_only = {name for name, field in fields().items()
                   if isinstance(field.get("options"), dict) and not field_options(name)}
    # The unnumbered names hold the prompt the numbered city and country boxes share.
    unlisted = {name for name in prompt_only - set(FIELD_LISTS)
                if not any(listed.startswith(name + "-") for listed in FIELD_LISTS)}
    assert unlisted and all("uk-city" in name for name in unlisted), unlisted
    assert set(FIELD_LISTS) <= set(fields())


def test_accepted_values() -> None:
    assert accepted_values("what-happened") is None
    assert accepted_values("types-of-exploitation-other") == {CHECKED}
    assert accepted_values("pv-under-age") == {"yes", "no", "not-sure"}
    countries = accepted_values("where-exploitation-happened-overseas-country-3")
    assert countries is not None
    assert "Albania" in countries
    assert "United Kingdom" not in countries


def test_identifying_and_anonymous_fields_are_form_fields_and_do_not_overlap() -> None:
    assert set(fields()) >= IDENTIFYING_FIELDS
    assert set(fields()) >= CONSENTED_DTN_FIELDS >= ANONYMOUS_DTN_FIELDS
    assert not IDENTIFYING_FIELDS & ANONYMOUS_DTN_FIELDS
    prefixes = ("pv-name-", "pv-dob", "pv-phone-number", "pv-contact-details", "someone-else",
                "pv-ho-reference")
    assert {name for name in fields() if name.startswith(prefixes)} <= IDENTIFYING_FIELDS


# A referral ------------------------------------------------------------------------------------


def test_full_referral_uses_only_the_forms_keys_and_answers() -> None:
    exported = export(full_referral())
    assert_in_form_vocabulary(exported)
    assert exported["pv-name-first-name"] == "Marjeta"
    assert exported["pv-dob"] == "1990-03-31"
    assert exported["pv-want-to-submit-nrm"] == "yes"
    assert exported["pv-contact-details"] == ["email", "post"]
    assert exported["reported-to-police-police-forces"] == "West Yorkshire Police"
    assert exported["when-did-the-exploitation-take-place"] == "From 5 January 2023 to 30 June 2023"
    assert exported["does-pv-have-children-yes-amount"] == "2"
    assert exported["where-exploitation-happened-uk-city-2"] == "Bradford"
    assert exported["where-exploitation-happened-overseas-country-1"] == "Albania"
    assert list(exported) == [name for name in fields() if name in exported]  # the form's order


def test_child_referral_is_automatic_and_names_the_local_authority() -> None:
    exported = export(child_referral())
    assert_in_form_vocabulary(exported)
    assert "pv-want-to-submit-nrm" not in exported
    assert "pv-under-age-at-time-of-exploitation" not in exported
    assert exported["local-authority-contacted-about-child-local-authority-name"] == "Leeds City Council"
    assert export_problems(child_referral(under_age="not-sure")) == []


@pytest.mark.parametrize("exploitation_type", list(ExploitationType))
def test_each_exploitation_type_ticks_a_box_of_the_form(exploitation_type: ExploitationType) -> None:
    exported = export(full_referral(
        exploitation_types=(exploitation_type,), wages_taken=False, forced_to_commit_fraud=False,
        child_sexual_exploitation=False, held_and_sexually_assaulted=False, other_exploitation=""))
    ticked = [key for key in exported if key.startswith(TYPE_PREFIX)]
    assert len(ticked) == 1
    assert ticked[0] in fields()
    assert exported[ticked[0]] == CHECKED
    expected = {
        "sexual": "prostitution", "labour": "forced-to-work", "domestic_servitude": "unpaid-household-work",
        "criminal_county_lines": "forced-to-commit-crime", "criminal_cannabis": "forced-to-commit-crime",
        "criminal_other": "forced-to-commit-crime", "organ_removal": "organs-removed",
        "forced_marriage": "other",
    }[exploitation_type]
    assert ticked[0] == TYPE_PREFIX + expected
    if exploitation_type == ExploitationType.FORCED_MARRIAGE:
        assert exported["other-exploitation-details"] == "Forced marriage"
    else:
        assert "other-exploitation-details" not in exported


def test_extra_type_flags_and_other_words() -> None:
    exported = export(full_referral(exploitation_types=(ExploitationType.FORCED_MARRIAGE,)))
    for box in ("wages-taken", "forced-to-commit-fraud", "child-exploitation", "taken-somewhere", "other"):
        assert exported[TYPE_PREFIX + box] == CHECKED
    assert exported["other-exploitation-details"] == "Forced marriage; Forced begging"


@pytest.mark.parametrize(("location", "answer"), [
    (ExploitationLocation.UK, "uk"),
    (ExploitationLocation.OVERSEAS, "overseas"),
    (ExploitationLocation.UK_AND_OVERSEAS, "uk-and-overseas"),
    (ExploitationLocation.NOT_KNOWN, None),
])
def test_location_maps_onto_the_forms_answers(location: ExploitationLocation, answer: str | None) -> None:
    exported = export(full_referral(exploitation_location=location, uk_cities=(), overseas_countries=()))
    assert exported.get("where-exploitation-happened") == answer
    if answer is not None:
        assert answer in field_options("where-exploitation-happened")


@pytest.mark.parametrize(("gender", "answer"), [
    ("female", "female"), ("male", "male"), ("other", "unknown"), ("not-known", None), ("", None),
])
def test_gender_maps_onto_the_forms_answers(gender: str, answer: str | None) -> None:
    assert export(full_referral(gender=gender)).get("pv-gender") == answer


def test_empty_answers_are_left_out() -> None:
    content = ReferralContent(kind=NRM, reference="LAN-1", under_age="yes", what_happened="   ",
                              first_name="", taken_somewhere=None, exploitation_types=())
    assert export(content) == {"reference": "LAN-1", "pv-under-age": "yes"}


def test_follow_up_answers_go_out_only_under_yes() -> None:
    exported = export(full_referral(reported_to_police=False, taken_somewhere=False, has_children=False,
                                    interpreter_needed=False))
    assert exported["reported-to-police"] == "no"
    for key in ("reported-to-police-police-forces", "reported-to-police-crime-reference",
                "were-they-taken-somewhere-by-their-exploiter-journey-details",
                "does-pv-have-children-yes-amount", "pv-interpreter-requirements-language"):
        assert key not in exported


# Problems --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("change", "words"), [
    ({"nationality": "Martian"}, ["nationality (pv-nationality)", "'Martian'", "ms_nationalities"]),
    ({"second_nationality": "Atlantean"}, ["pv-nationality-second", "'Atlantean'"]),
    ({"police_force": "Gotham City Police"}, ["reported-to-police-police-forces", "'Gotham City Police'",
                                              "ms_uk_police_forces"]),
    ({"overseas_countries": ("Albania", "Atlantis")}, ["overseas_countries", "'Atlantis'", "ms_countries"]),
    ({"overseas_countries": ("United Kingdom",)}, ["'United Kingdom'", "not overseas"]),
    ({"fr_organisation": "Acme Ltd"}, ["user-organisation", "'Acme Ltd'", "ms_organisations"]),
    ({"current_region": "Mordor"}, ["current-pv-location-uk-region", "'Mordor'"]),
    ({"gender": "unsure"}, ["pv-gender", "'unsure'"]),
    ({"under_age": "maybe"}, ["pv-under-age", "'maybe'"]),
    ({"under_age": ""}, ["pv-under-age", "no answer"]),
    ({"exploitation_types": ("piracy",)}, ["exploitation_types", "'piracy'"]),
    ({"exploitation_location": "moon"}, ["exploitation_location", "'moon'"]),
    ({"uk_cities": tuple(f"Town {n}" for n in range(11))}, ["uk_cities", "at most 10"]),
    ({"exploitation_location": ExploitationLocation.OVERSEAS}, ["uk_cities", "does not include the UK"]),
    ({"pv_wants_referral": None}, ["informed consent"]),
    ({"exploitation_start": date(2024, 1, 1)}, ["exploitation_start"]),
])
def test_problems_name_the_field_and_the_bad_value(change: dict[str, object], words: list[str]) -> None:
    content = full_referral(**change)
    problems = export_problems(content)
    assert len(problems) == 1, problems
    for word in words:
        assert word in problems[0]
    with pytest.raises(ValueError, match=re.escape(problems[0])):
        export(content)


def test_all_problems_are_reported_together() -> None:
    problems = export_problems(full_referral(nationality="Martian", police_force="Gotham City Police"))
    assert len(problems) == 2


def test_police_force_is_an_organisation_that_can_refer() -> None:
    assert export_problems(full_referral(fr_organisation="Avon and Somerset Constabulary")) == []


def test_a_child_is_never_notified_under_the_duty_to_notify() -> None:
    for under_age in ("yes", "not-sure"):
        problems = export_problems(anonymous_notice(under_age=under_age))
        assert any("never notified under the duty to notify" in problem for problem in problems)


def test_an_adult_who_wants_a_referral_is_not_a_duty_to_notify() -> None:
    assert any("pv_wants_referral" in problem
               for problem in export_problems(anonymous_notice(pv_wants_referral=True)))


def test_anonymous_notice_whose_words_name_the_victim_is_refused() -> None:
    content = anonymous_notice(what_happened="MARJETA was made to work for nothing; call 07700 900123.")
    problems = export_problems(content)
    assert {problem.split(":")[0] for problem in problems} == {"what-happened"}
    assert any("first name" in problem for problem in problems)
    assert any("phone number" in problem for problem in problems)
    assert all("Marjeta" not in problem and "07700" not in problem for problem in problems)
    with pytest.raises(ValueError, match="anonymous"):
        export(content)


def test_consented_notice_may_mention_the_victim() -> None:
    assert export_problems(anonymous_notice(identifying_consent=True, what_happened="Marjeta was...")) == []


# Duty to notify --------------------------------------------------------------------------------


def assert_anonymous(exported: dict[str, object]) -> None:
    assert not identifying_keys(exported)
    assert not set(exported) & IDENTIFYING_FIELDS
    assert set(exported) <= ANONYMOUS_DTN_FIELDS
    text = json.dumps(exported, ensure_ascii=False)
    for value in PERSONAL.values():
        assert value not in text
    assert "1990" not in text


def test_anonymous_notice_has_nothing_that_identifies() -> None:
    exported = export(anonymous_notice())
    assert_in_form_vocabulary(exported)
    assert_anonymous(exported)
    assert exported["pv-gender"] == "female"
    assert exported["pv-nationality"] == "Albanian"
    assert exported["pv-nationality-second"] == "Greek"
    assert exported["pv-want-to-submit-nrm"] == "no"
    assert exported["refuse-nrm"] == "Wants to go home first."
    assert exported["where-exploitation-happened"] == "uk-and-overseas"
    assert exported[TYPE_PREFIX + "forced-to-work"] == CHECKED
    for withheld in ("current-pv-location-uk-city", "pv-interpreter-requirements", "does-pv-have-children",
                     "does-pv-need-support"):
        assert withheld not in exported


def test_notice_with_consent_carries_the_details() -> None:
    exported = export(anonymous_notice(identifying_consent=True))
    assert_in_form_vocabulary(exported)
    assert exported["pv-name-first-name"] == "Marjeta"
    assert exported["pv-name-last-name"] == "Hoxhaj"
    assert exported["pv-contact-details-postcode"] == "LS1 4AP"
    assert identifying_keys(exported)
    assert set(exported) <= CONSENTED_DTN_FIELDS
    for withheld in ("pv-dob", "pv-phone-number-yes", "pv-ho-reference-type", "does-pv-need-support"):
        assert withheld not in exported


def test_identifying_keys() -> None:
    assert identifying_keys({"pv-name-first-name": "A", "pv-gender": "male"}) == {"pv-name-first-name"}


# Properties ------------------------------------------------------------------------------------

OVERSEAS = [country for country in list_values("ms_countries") if country != "United Kingdom"]


SAFE_TEXT = st.sampled_from(SAFE_NARRATIVE)


@st.composite
def contents(draw: st.DrawFn, narrative: st.SearchStrategy[str] = SAFE_TEXT) -> ReferralContent:
    kind = draw(st.sampled_from(NoticeKind))
    under_age = "no" if kind == DTN else draw(st.sampled_from(["yes", "no", "not-sure"]))
    location = draw(st.sampled_from(ExploitationLocation))
    in_uk = location in (ExploitationLocation.UK, ExploitationLocation.UK_AND_OVERSEAS)
    overseas = location in (ExploitationLocation.OVERSEAS, ExploitationLocation.UK_AND_OVERSEAS)
    maybe = st.none() | st.booleans()
    identity = PERSONAL if draw(st.booleans()) else dict.fromkeys(PERSONAL, "")
    return full_referral(
        kind=kind, under_age=under_age,
        pv_wants_referral=False if kind == DTN else (True if under_age == "no" else draw(maybe)),
        identifying_consent=draw(st.booleans()),
        exploitation_types=tuple(draw(st.lists(st.sampled_from(ExploitationType), unique=True))),
        wages_taken=draw(st.booleans()), forced_to_commit_fraud=draw(st.booleans()),
        child_sexual_exploitation=draw(st.booleans()), held_and_sexually_assaulted=draw(st.booleans()),
        other_exploitation=draw(narrative), exploitation_location=location,
        uk_cities=tuple(draw(st.lists(st.sampled_from(["Leeds", "Hull"]), max_size=10))) if in_uk else (),
        overseas_countries=tuple(draw(st.lists(st.sampled_from(OVERSEAS), max_size=10))) if overseas else (),
        gender=draw(st.sampled_from(["female", "male", "other", "not-known", ""])),
        nationality=draw(st.sampled_from(list_values("ms_nationalities"))),
        second_nationality=draw(st.sampled_from(("", *list_values("ms_nationalities")))),
        police_force=draw(st.sampled_from(list_values("ms_uk_police_forces"))),
        reported_to_police=draw(maybe), taken_somewhere=draw(maybe), has_children=draw(maybe),
        interpreter_needed=draw(maybe), still_in_exploitative_situation=draw(maybe),
        what_happened=draw(narrative), living_conditions=draw(narrative), refusal_reason=draw(narrative),
        date_of_birth=draw(st.none() | st.just(date(1990, 3, 31))), **identity,
    )


@given(contents())
@settings(deadline=None)
def test_export_is_in_the_forms_vocabulary_and_anonymous_when_it_must_be(content: ReferralContent) -> None:
    assert export_problems(content) == []
    exported = export(content)
    assert_in_form_vocabulary(exported)
    if content.kind == DTN:
        assert set(exported) <= CONSENTED_DTN_FIELDS
    if content.kind == DTN and not content.identifying_consent:
        assert_anonymous(exported)


@given(contents(narrative=st.text(max_size=40)))
@settings(deadline=None)
def test_export_raises_exactly_when_there_are_problems(content: ReferralContent) -> None:
    problems = export_problems(content)
    if problems:
        with pytest.raises(ValueError, match="Cannot export"):
            export(content)
        return
    exported = export(content)
    assert_in_form_vocabulary(exported)
    if content.kind == DTN and not content.identifying_consent:
        assert not identifying_keys(exported)
        assert set(exported) <= ANONYMOUS_DTN_FIELDS
