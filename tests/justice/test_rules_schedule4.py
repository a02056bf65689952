"""Schedule 4 to the Modern Slavery Act 2015: the offences the s45 defence does not cover."""

import re

from hypothesis import given
from hypothesis import strategies as st

from lantern.justice.rules.schedule4 import (
    ANCILLARY_OFFENCES_NOTE,
    COMMON_LAW,
    SCHEDULE_4,
    SCHEDULE_4_SOURCE,
    ExcludedOffence,
    excluded,
    search,
)

ENTRIES = st.sampled_from(SCHEDULE_4)


def test_codes_are_unique_stable_slugs() -> None:
    codes = [offence.code for offence in SCHEDULE_4]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"[a-z0-9]+(_[a-z0-9]+)*", code) for code in codes)


def test_every_entry_is_worded() -> None:
    for offence in SCHEDULE_4:
        assert offence.act and offence.name
        assert offence.name == offence.name.strip()
        assert bool(offence.section) == (offence.act != COMMON_LAW)


def test_the_common_law_offences_come_first() -> None:
    assert [o.name for o in SCHEDULE_4[:6]] == [
        "false imprisonment", "kidnapping", "manslaughter", "murder", "perverting the course of justice",
        "piracy",
    ]
    assert all(o.act == COMMON_LAW and o.section == "" for o in SCHEDULE_4[:6])
    assert excluded("common_law_perverting_the_course_of_justice") == SCHEDULE_4[4]


def test_a_provision_is_found_by_its_code() -> None:
    assert excluded("oapa_1861_s18") == ExcludedOffence(
        code="oapa_1861_s18",
        act="Offences against the Person Act 1861",
        section="s18",
        name="wounding with intent to cause grievous bodily harm",
    )
    assert excluded("firearms_act_1968_s17_1") is not None
    assert excluded("firearms_act_1968_s16a") is not None
    assert excluded("criminal_damage_act_1971_s1") is not None
    assert excluded("criminal_damage_act_1971_s1_2") is not None
    assert excluded("crime_and_disorder_act_1998_s31_1_a_or_b") is not None
    assert excluded("channel_tunnel_order_1994_part_2") is not None
    assert excluded("misuse_of_drugs_act_1971_s4") is None
    assert excluded("") is None


def test_every_act_the_schedule_names_is_listed() -> None:
    acts = {offence.act for offence in SCHEDULE_4}
    assert {
        "Offences against the Person Act 1861",
        "Explosive Substances Act 1883",
        "Infant Life (Preservation) Act 1929",
        "Children and Young Persons Act 1933",
        "Infanticide Act 1938",
        "Firearms Act 1968",
        "Theft Act 1968",
        "Criminal Damage Act 1971",
        "Immigration Act 1971",
        "Protection of Children Act 1978",
        "Customs and Excise Management Act 1979",
        "Aviation Security Act 1982",
        "Mental Health Act 1983",
        "Child Abduction Act 1984",
        "Public Order Act 1986",
        "Criminal Justice Act 1988",
        "Road Traffic Act 1988",
        "Aviation and Maritime Security Act 1990",
        "Channel Tunnel (Security) Order 1994 (S.I. 1994/570)",
        "Sexual Offences Act 2003",
        "Domestic Violence, Crime and Victims Act 2004",
        "Terrorism Act 2000",
        "Terrorism Act 2006",
        "Modern Slavery Act 2015",
    } <= acts


def test_the_offences_officers_ask_about_most() -> None:
    assert excluded("immigration_act_1971_s25").name == "assisting unlawful immigration to member state"
    assert excluded("mha_1983_s127").name == "ill-treatment of patients"
    assert excluded("cja_1988_s134").name == "torture"
    assert excluded("dvcva_2004_s5").section == "s5"
    assert [o.section for o in SCHEDULE_4 if o.act == "Modern Slavery Act 2015"] == ["s1", "s2"]
    assert [o.section for o in SCHEDULE_4 if o.act == "Firearms Act 1968"] == [
        "s5", "s16", "s16A", "s17(1)", "s17(2)", "s18",
    ]


def test_drug_supply_and_immigration_document_offences_are_not_excluded() -> None:
    """County lines and cannabis farm victims are exactly whom the defence protects (seed 002 §12.18)."""
    assert search("Misuse of Drugs") == []
    assert search("Identity Documents") == []
    assert search("shoplifting") == []


def test_search_is_case_insensitive_and_needs_every_word() -> None:
    assert [o.section for o in search("FIREARMS s16")] == ["s16", "s16A"]
    assert [o.code for o in search("murder")] == ["common_law_murder", "oapa_1861_s4"]
    assert [o.code for o in search("Theft act blackmail")] == ["theft_act_1968_s21"]
    assert search("firearms blackmail") == []


def test_search_for_nothing_finds_nothing() -> None:
    assert search("") == []
    assert search("   ") == []


def test_provisions_read_as_officers_cite_them() -> None:
    assert excluded("common_law_murder").provision == "common law"
    assert excluded("firearms_act_1968_s5").provision == "Firearms Act 1968 s5"


def test_the_source_and_the_ancillary_note_are_stated() -> None:
    assert "Schedule 4" in SCHEDULE_4_SOURCE
    assert "legislation.gov.uk/ukpga/2015/30/schedule/4" in SCHEDULE_4_SOURCE
    assert "attempting or conspiring" in ANCILLARY_OFFENCES_NOTE.lower()
    assert "Serious Crime Act 2007" in ANCILLARY_OFFENCES_NOTE


@given(ENTRIES)
def test_any_entry_is_found_by_its_name_its_act_and_its_code(offence: ExcludedOffence) -> None:
    assert offence in search(offence.name)
    assert offence in search(offence.act.upper())
    assert offence in search(f"{offence.act} {offence.section}".strip())
    assert excluded(offence.code) is offence


@given(st.text(max_size=12))
def test_search_returns_entries_in_the_schedules_order(text: str) -> None:
    found = search(text)
    positions = [SCHEDULE_4.index(offence) for offence in found]
    assert positions == sorted(positions)
    assert len(set(positions)) == len(positions)
