"""Synthetic people: seeded, made up where it matters, and named from the right pool."""

import random
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import lantern
from lantern.cases.rules import age_on
from lantern.synth.identities import (
    DRAMA_PREFIXES,
    GENDERS,
    JANUARY_FIRST_SHARE,
    TOWNS,
    NumberPool,
    NumberPoolExhausted,
    TrueIdentity,
    birth_date,
    is_drama_number,
    make_identity,
    origin_for,
)
from lantern.synth.name_pools import (
    FAMOUS_NAMES,
    MAIN_ORIGINS,
    NATIONALITY_ORIGINS,
    NICKNAMES,
    POOLS,
    Origin,
    family_name_forms,
    strip_marks,
)

TODAY = date(2026, 11, 24)
NATIONALITIES = sorted(NATIONALITY_ORIGINS)

# Ofcom's drama ranges, written out independently of the module under test.
DRAMA = re.compile(
    r"^(07700 900\d{3}|01(13|14|15|16|17|18|21|51|61) 496 0\d{3}|020 7946 0\d{3}|0191 498 0\d{3}"
    r"|029 2018 0\d{3}|01632 960\d{3})$")
ADDRESS = re.compile(r"^(Flat \d{1,2}, )?\d{1,3} [A-Z][a-z]+ [A-Z][a-z]+, (?P<town>[A-Za-z -]+) "
                     r"[A-Z]{1,2}\d{1,2} \d[ABD-HJLNP-UW-Z]{2}$")
PLATE = re.compile(r"^([A-Z]{2}\d{2} [A-Z]{3}|[A-Z]{1,2} \d{2,3} [A-Z]{3}|[A-Z]{2} \d{5}|[A-Z]{3} \d{3})$")
DOCUMENT = re.compile(r"^X(P\d{7}|I\d{8}|B\d{7}|D\d{9})$")

people = st.builds(
    lambda seed, nationality, gender, age, on: make_identity(
        random.Random(seed), nationality=nationality, gender=gender, age=age, on=on),
    seed=st.integers(0, 2**32),
    nationality=st.sampled_from(NATIONALITIES),
    gender=st.sampled_from(GENDERS),
    age=st.integers(0, 100),
    on=st.dates(date(2005, 1, 1), date(2030, 12, 31)),
)


def _crowd(n: int, seed: int = 7, **fixed: object) -> list[TrueIdentity]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        kwargs: dict = {"nationality": rng.choice(NATIONALITIES), "gender": rng.choice(("male", "female")),
                        "age": rng.randint(0, 80), "on": TODAY}
        kwargs.update(fixed)
        out.append(make_identity(rng, **kwargs))
    return out


def test_the_same_seed_makes_the_same_people() -> None:
    assert _crowd(50, seed=3) == _crowd(50, seed=3)
    assert _crowd(50, seed=3) != _crowd(50, seed=4)


def test_person_keys_are_unique() -> None:
    keys = [p.person_key for p in _crowd(2000)]
    assert len(set(keys)) == len(keys)
    assert all(re.fullmatch(r"SYN-[0-9A-F]{12}", k) for k in keys)


@given(people)
@settings(max_examples=300)
def test_every_identifier_is_made_up_and_well_formed(person: TrueIdentity) -> None:
    for phone in person.phones:
        assert DRAMA.match(phone), phone
        assert is_drama_number(phone)
    assert person.addresses
    for address in person.addresses:
        match = ADDRESS.match(address)
        assert match, address
        assert match["town"] in {t.name for t in TOWNS}
    for vehicle in person.vehicles:
        assert PLATE.match(vehicle), vehicle
    for document in person.documents:
        assert DOCUMENT.match(document), document
    assert len(set(person.phones)) == len(person.phones)


@given(seed=st.integers(0, 2**32), nationality=st.sampled_from(NATIONALITIES), age=st.integers(0, 100),
       on=st.dates(date(2005, 1, 1), date(2030, 12, 31)))
def test_the_date_of_birth_gives_the_age_asked_for(seed: int, nationality: str, age: int, on: date) -> None:
    person = make_identity(random.Random(seed), nationality=nationality, gender="female", age=age, on=on)
    assert person.date_of_birth is not None
    assert age_on(person.date_of_birth, on) == age
    assert person.nationality == nationality


@given(seed=st.integers(0, 2**32), age=st.integers(0, 110), on=st.dates(date(1990, 1, 1), date(2040, 12, 31)),
       origin=st.sampled_from(list(Origin)))
def test_birth_date_is_exact_even_on_29_february(seed: int, age: int, on: date, origin: Origin) -> None:
    dob = birth_date(random.Random(seed), age=age, on=on, origin=origin)
    assert age_on(dob, on) == age


@pytest.mark.parametrize("on", [date(2024, 2, 29), date(2025, 2, 28), date(2025, 3, 1), date(2026, 1, 1)])
def test_birth_dates_at_the_edges(on: date) -> None:
    rng = random.Random(1)
    for age in range(0, 40):
        for _ in range(30):
            assert age_on(birth_date(rng, age=age, on=on), on) == age


def test_children_have_no_vehicles_and_young_children_no_phones() -> None:
    for person in _crowd(600, age=9):
        assert person.phones == ()
        assert person.vehicles == ()
    for person in _crowd(300, age=16):
        assert person.vehicles == ()
        assert person.phones


def _given_pool(origin: Origin, person: TrueIdentity) -> bool:
    pool = POOLS[origin]
    names = pool.given_female if person.gender == "female" else pool.given_male
    if origin is Origin.VIETNAMESE:
        middle, _, given = person.given_name.partition(" ")
        middles = pool.middle_female if person.gender == "female" else pool.middle_male
        return middle in middles and given in names
    return person.given_name in names


def test_names_come_from_the_pool_for_the_nationality() -> None:
    for person in _crowd(3000):
        origin = NATIONALITY_ORIGINS[person.nationality]
        assert person.name_origin is origin
        assert _given_pool(origin, person), person
        forms = {form for name in POOLS[origin].family for form in family_name_forms(origin, name)}
        assert person.family_name in forms, person


def test_gendered_family_names() -> None:
    women = _crowd(600, nationality="Polish", gender="female")
    assert not any(p.family_name.endswith(("ski", "cki")) for p in women)
    assert any(p.family_name.endswith("ska") for p in women)
    lithuanian_women = _crowd(400, nationality="Lithuanian", gender="female")
    assert all(p.family_name.endswith(("ienė", "aitė", "ytė", "utė", "iūtė")) for p in lithuanian_women)
    assert not any(p.family_name == "Kaur" for p in _crowd(800, nationality="Indian", gender="male"))
    assert not any(p.family_name == "Singh" for p in _crowd(800, nationality="Indian", gender="female"))


def test_other_and_unknown_genders_get_names_from_either_list() -> None:
    for gender in ("other", "not-known"):
        people = _crowd(200, nationality="British", gender=gender)
        assert all(p.gender == gender for p in people)
        pool = POOLS[Origin.BRITISH]
        assert all(p.given_name in pool.given_male + pool.given_female for p in people)


def test_vietnamese_and_chinese_family_names_concentrate() -> None:
    counts = Counter(p.family_name for p in _crowd(2000, nationality="Vietnamese"))
    assert 0.25 < counts["Nguyễn"] / 2000 < 0.5
    assert Counter(p.family_name for p in _crowd(2000, nationality="British")).most_common(1)[0][1] < 200


def test_pools_are_big_enough_and_clean() -> None:
    for origin, pool in POOLS.items():
        given_total = len(set(pool.given_male)) + len(set(pool.given_female))
        assert given_total >= (60 if origin in MAIN_ORIGINS else 50), origin
        assert len(set(pool.family)) >= (60 if origin in MAIN_ORIGINS else 30), origin
        for names in (pool.given_male, pool.given_female, pool.family):
            assert len(set(names)) == len(names), origin
            assert all(name.strip() == name and name[0].isupper() for name in names), origin
    main = {Origin.ALBANIAN, Origin.VIETNAMESE, Origin.ROMANIAN, Origin.POLISH, Origin.NIGERIAN,
            Origin.CHINESE, Origin.ARABIC, Origin.BRITISH}
    assert main == MAIN_ORIGINS


def test_every_nationality_is_spelt_as_on_the_nrm_form() -> None:
    source = Path(lantern.__file__).parent / "reference" / "nrm_form" / "ms_nationalities.js"
    spelt = set(re.findall(r"value: '([^']+)'", source.read_text(encoding="utf-8")))
    assert set(NATIONALITY_ORIGINS) <= spelt
    for nationality in ("Albanian", "Vietnamese", "Romanian", "Polish", "Nigerian", "Chinese", "British",
                        "Iraqi", "Syrian", "Eritrean", "Sudanese", "Indian", "Lithuanian"):
        assert nationality in NATIONALITY_ORIGINS


def test_unknown_nationality_needs_an_origin() -> None:
    with pytest.raises(ValueError, match="No name pool"):
        make_identity(random.Random(1), nationality="Unknown", gender="male", age=30, on=TODAY)
    person = make_identity(random.Random(1), nationality="Unknown", gender="male", age=30, on=TODAY,
                           origin=Origin.ALBANIAN)
    assert person.name_origin is Origin.ALBANIAN
    with pytest.raises(ValueError):
        origin_for("Martian")


def test_bad_gender_or_age_is_refused() -> None:
    with pytest.raises(ValueError, match="gender"):
        make_identity(random.Random(1), nationality="British", gender="M", age=30, on=TODAY)
    with pytest.raises(ValueError, match="age"):
        make_identity(random.Random(1), nationality="British", gender="male", age=-1, on=TODAY)


def test_famous_pairings_are_never_drawn() -> None:
    for person in _crowd(4000):
        names = {person.given_name, *NICKNAMES.get(person.name_origin, {}).get(person.given_name, ())}
        for name in names:
            for full in (f"{name} {person.family_name}", f"{person.family_name} {name}"):
                assert " ".join(strip_marks(full).lower().split()) not in FAMOUS_NAMES


def test_undocumented_births_often_read_1_january() -> None:
    people = _crowd(3000, nationality="Eritrean")
    share = sum(p.date_of_birth is not None and (p.date_of_birth.month, p.date_of_birth.day) == (1, 1)
                for p in people) / len(people)
    assert abs(share - (JANUARY_FIRST_SHARE + (1 - JANUARY_FIRST_SHARE) / 365)) < 0.04
    british = _crowd(3000, nationality="British")
    assert sum(p.date_of_birth == date(p.date_of_birth.year, 1, 1) for p in british if p.date_of_birth) < 30


def test_a_number_pool_never_repeats_a_number() -> None:
    rng, numbers = random.Random(2), NumberPool()
    people = [make_identity(rng, nationality="British", gender="female", age=30, on=TODAY, numbers=numbers)
              for _ in range(300)]
    phones = [phone for p in people for phone in p.phones]
    assert len(phones) == len(set(phones))


def test_a_number_pool_runs_out_after_a_thousand() -> None:
    rng, numbers = random.Random(2), NumberPool()
    taken = {numbers.take(rng, "07700 900") for _ in range(1000)}
    assert len(taken) == 1000
    with pytest.raises(NumberPoolExhausted):
        numbers.take(rng, "07700 900")


def test_drama_prefixes_match_the_independent_list() -> None:
    for prefix in DRAMA_PREFIXES:
        assert DRAMA.match(prefix + "123"), prefix
    assert not is_drama_number("07700 901123")
    assert not is_drama_number("0113 496 1123")
    assert is_drama_number("+44 7700 900123")
    assert is_drama_number("020-7946-0999")
    assert not is_drama_number("020 7946 1000")


def test_spare_numbers_are_in_the_unallocated_04_range_and_never_repeat() -> None:
    from lantern.synth.identities import SpareNumbers, is_synthetic_number

    spare = SpareNumbers(random.Random(3))
    numbers = [spare.take(random.Random(0), "07700 900") for _ in range(200_000)]
    assert len(set(numbers)) == len(numbers)
    assert all(n.startswith("04") and len(n.replace(" ", "")) == 11 for n in numbers[:1000])
    assert all(is_synthetic_number(n) and not is_drama_number(n) for n in numbers[:1000])
    assert is_synthetic_number("07700 900123") and not is_synthetic_number("07700 901123")
    assert SpareNumbers(random.Random(3)).take(random.Random(0), "") == numbers[0]  # seeded


def test_a_large_plan_gives_strangers_no_phone_in_common_by_chance() -> None:
    from datetime import date

    from lantern.synth.identities import is_synthetic_number
    from lantern.synth.plan import plan_cases
    from lantern.synth.request import GenerateRequest

    owners: dict[str, set[str]] = {}
    for case in plan_cases(GenerateRequest("regional", 2, 2019, 2020, persons=6000), today=date(2026, 12, 1)):
        for person in case.people:
            for phone in person.truth.phones:
                owners.setdefault(phone, set()).add(person.truth.person_key)
    assert len(owners) > 2000  # well past the 1,000 drama mobiles
    assert all(is_synthetic_number(phone) for phone in owners)
    assert all(len(keys) == 1 for keys in owners.values())
