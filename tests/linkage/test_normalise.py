"""Normalisation: each kind of value officers type, to the form two records of one person share."""

from datetime import date

import pytest

from lantern.linkage import normalise as n
from lantern.linkage.nicknames import canonical_given_name, variant_table
from lantern.linkage.records import PersonRecord


@pytest.mark.parametrize(("raw", "folded"), [
    ("Zoë O'Brien-Smith", "zoe o brien smith"),
    ("Александр Петров", "aleksandr petrov"),
    ("Γιώργος", "giorgos"),
    ("محمد", "mhmd"),
    ("Nguyễn Văn Anh", "nguyen van anh"),
    ("Łukasz Żółć", "lukasz zolc"),
    ("张伟", "zhang wei"),
])
def test_fold_removes_case_accents_punctuation_and_script(raw: str, folded: str) -> None:
    assert n.fold(raw) == folded


@pytest.mark.parametrize("variants", [
    ("Mohammed", "Muhammad", "Mohamed", "محمد"),
    ("Aleksandr", "Alexander", "Oleksandr", "Александр"),
    ("Philip", "Filip"),
    ("Petrov", "Petroff"),
    ("Vladimir", "Wladimir"),
    ("Yuri", "Iurii", "Juri"),
    ("Khalid", "Halid"),
    ("Matthew", "Mathew"),
])
def test_transliteration_and_spelling_variants_share_a_phonetic_key(variants: tuple[str, ...]) -> None:
    assert len({n.name_key(n.fold(v)) for v in variants}) == 1


def test_phonetic_key_keeps_different_names_apart() -> None:
    assert n.name_key("jolly") != n.name_key("ella")
    assert n.name_key("elena") != n.name_key("yelena")
    assert n.name_key("smith") != n.name_key("jones")


@pytest.mark.parametrize(("nickname", "canonical"), [
    ("Bob", "robert"), ("Bill", "william"), ("Sasha", "aleksandr"), ("Alexander", "aleksandr"),
    ("Misha", "mikhail"), ("Kasia", "katarzyna"), ("Mehmet", "muhammad"), ("Beni", "arben"),
    ("Natasha", "natalia"), ("Robert", "robert"), ("Unlisted", "unlisted"),
])
def test_nicknames_and_diminutives_map_to_a_canonical_given_name(nickname: str, canonical: str) -> None:
    assert n.given_canonical(nickname) == canonical


def test_each_variant_belongs_to_one_canonical_name() -> None:
    seen: dict[str, str] = {}
    for canonical, variants in variant_table().items():
        for variant in (canonical, *variants):
            assert seen.setdefault(variant, canonical) == canonical, variant
            assert canonical_given_name(variant) == canonical


@pytest.mark.parametrize(("full", "given", "family"), [
    ("John Smith", "John", "Smith"),
    ("SMITH John", "John", "SMITH"),
    ("Smith, John", "John", "Smith"),
    ("Ivan PETROV", "Ivan", "PETROV"),
    ("Mary Ann Jones", "Mary Ann", "Jones"),
    ("Madonna", "Madonna", ""),
])
def test_full_names_are_split_either_way_round(full: str, given: str, family: str) -> None:
    assert n.split_full_name(full) == (given, family)


def test_cjk_full_name_is_family_name_first() -> None:
    assert n.record_names(PersonRecord("x", full_name="张伟")) == ("伟", "张")


@pytest.mark.parametrize("raw", ["07700 900123", "+44 (0)7700 900123", "0044 7700 900123", "+44 7700-900-123",
                                 "7700900123"])
def test_uk_phones_become_e164(raw: str) -> None:
    assert n.normalise_phone(raw) == "+447700900123"


def test_other_countries_phones_by_their_prefix() -> None:
    assert n.normalise_phone("+355 69 123 4567") == "+355691234567"
    assert n.normalise_phone("00355 69 123 4567") == "+355691234567"
    assert n.normalise_phone("123") is None


@pytest.mark.parametrize(("raw", "postcode"), [("ls1 4ap", "LS1 4AP"), ("LS14AP", "LS1 4AP"),
                                                (" sw1a 1aa", "SW1A 1AA"), ("2615", "2615")])
def test_postcodes_normalised(raw: str, postcode: str) -> None:
    assert n.normalise_postcode(raw) == postcode


def test_postcode_extracted_from_an_address_line_and_its_district() -> None:
    assert n.postcodes_in("Flat 3, 12 High Street, Leeds ls1 4ap") == ("LS1 4AP",)
    assert n.postcode_district("LS1 4AP") == "LS1"
    assert n.postcode_district("2615") is None


@pytest.mark.parametrize(("raw", "address"), [
    ("Flat 3, 12 High Street, Leeds LS1 4AP", "FLAT 3 12 HIGH ST LEEDS"),
    ("12 high st.", "12 HIGH ST"),
    ("3/12 High St", "FLAT 3 12 HIGH ST"),
    ("Apartment 4B, 7 Church Road", "FLAT 4B 7 CHURCH RD"),
])
def test_addresses_normalised(raw: str, address: str) -> None:
    assert n.normalise_address(raw) == address


def test_house_number_and_street_words() -> None:
    assert n.house_number("FLAT 3 12 HIGH ST LEEDS") == "12"
    assert n.street_words("FLAT 3 12 HIGH ST LEEDS") == ["HIGH", "LEEDS"]


def test_vehicles_documents_and_emails() -> None:
    assert n.normalise_reference("ab12 cde") == "AB12CDE"
    assert n.normalise_reference("P-123 456") == "P123456"
    assert n.normalise_email(" Foo.Bar@Example.COM ") == "foo.bar@example.com"


def test_sex_and_nationality() -> None:
    assert n.normalise_sex("M") == "male"
    assert n.normalise_sex("not_known") is None
    assert {n.normalise_nationality(v) for v in ("Albanian", "ALB", "albania")} == {"albania"}


def test_dates_of_birth_swapped_and_estimated_ages() -> None:
    assert n.swapped_day_month(date(1990, 3, 5)) == "19900503"
    assert n.swapped_day_month(date(1990, 3, 25)) is None  # day 25 cannot be a month
    assert n.birth_years(PersonRecord("x", date_of_birth=date(1990, 3, 5))) == (1990, 1990)
    # 25 on 1 June 2023: born mid-1997 to mid-1998, widened by the tolerance either side.
    assert n.estimated_age_tolerance(25) == 6
    assert n.birth_years(PersonRecord("x", estimated_age=25, age_on=date(2023, 6, 1))) == (1991, 2004)
    assert n.estimated_age_tolerance(15) == 2  # officers guess children's ages more closely
    assert n.birth_years(PersonRecord("x", estimated_age=25)) is None


def test_features_row_for_a_record() -> None:
    record = PersonRecord(
        "p1", "MET", full_name="PETROV Sasha", aliases=("Tiny",), date_of_birth=date(1990, 3, 5),
        phones=("07700 900123", "+44 7700 900123"), addresses=("12 High Street, Leeds LS1 4AP",),
        vehicles=("ab12 cde",), associates=("p2",))
    row = n.features(record, {"p2": "jn smt"})
    assert row["given_name"] == "sasha" and row["given_canonical"] == "aleksandr"
    assert row["family_name"] == "petrov" and row["family_key"] == "ptrf"
    assert row["phones"] == ["+447700900123"]
    assert row["postcodes"] == ["LS1 4AP"] and row["postcode_districts"] == ["LS1"]
    assert row["addresses"] == ["12 HIGH ST LEEDS"]
    assert row["alias_words"] == ["~tn"] and row["alias_forms"] is None  # a street name, not a full name
    assert row["name_forms"] == ["alksndr ptrf", "~tn"]
    assert row["dob"] == "19900305" and row["dob_swapped"] == "19900503"
    assert row["associate_names"] == ["jn smt"]
    assert row["emails"] is None  # nothing recorded reads as "not recorded", never as blank
