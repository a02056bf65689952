"""What forces record: the truth at messiness 0, each kind of noise at its rate at messiness 1."""

import math
import random
import re
from collections import Counter
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lantern.cases.rules import IdentifierKind, normalise_identifier
from lantern.synth.identities import GENDERS, TrueIdentity, is_drama_number, make_identity, phone_formats
from lantern.synth.name_pools import (
    CHINESE_SYLLABLES,
    FAMILY_FIRST,
    NATIONALITY_ORIGINS,
    NICKNAMES,
    POOLS,
    YORUBA_MARKED,
    Origin,
    strip_marks,
)
from lantern.synth.variants import (
    KEY_NEIGHBOURS,
    NOISE_RATES,
    RecordedIdentity,
    day_month_swappable,
    estimate_age,
    fold,
    nicknames,
    record_of,
    respellings,
    spelling_variants,
    transliterations,
    typo,
    wade_giles,
)

TODAY = date(2026, 11, 24)
NATIONALITIES = sorted(NATIONALITY_ORIGINS)
PHONE = IdentifierKind.PHONE
ITEM_KINDS = {"phone_missing", "phone_typo", "phone_format", "vehicle_missing", "vehicle_format",
              "document_missing", "document_format"}

people = st.builds(
    lambda seed, nationality, gender, age: make_identity(
        random.Random(seed), nationality=nationality, gender=gender, age=age, on=TODAY),
    seed=st.integers(0, 2**32), nationality=st.sampled_from(NATIONALITIES),
    gender=st.sampled_from(GENDERS), age=st.integers(0, 90),
)
drama_phones = st.builds(
    lambda prefix, n: f"{prefix}{n:03d}",
    st.sampled_from(("07700 900", "0113 496 0", "0161 496 0", "020 7946 0", "0191 498 0", "029 2018 0",
                     "01632 960", "0121 496 0")),
    st.integers(0, 999),
)


def _normalised(identifiers: tuple[tuple[IdentifierKind, str], ...]) -> list[tuple[IdentifierKind, str]]:
    return sorted((kind, normalise_identifier(kind, value)) for kind, value in identifiers)


def _truth_identifiers(truth: TrueIdentity) -> tuple[tuple[IdentifierKind, str], ...]:
    return (*((PHONE, p) for p in truth.phones),
            *((IdentifierKind.ADDRESS, a) for a in truth.addresses[:1]),
            *((IdentifierKind.VEHICLE, v) for v in truth.vehicles),
            *((IdentifierKind.DOCUMENT, d) for d in truth.documents))


@pytest.fixture(scope="module")
def sample() -> list[tuple[TrueIdentity, RecordedIdentity, str]]:
    """Many people, each recorded once at messiness 1; a third with someone else's phone offered."""
    rng = random.Random(2026)
    out = []
    for i in range(12000):
        truth = make_identity(rng, nationality=NATIONALITIES[i % len(NATIONALITIES)],
                              gender=rng.choice(("male", "female")), age=rng.randint(12, 70), on=TODAY)
        shared = "07700 900999" if i % 3 == 0 else None
        out.append((truth, record_of(rng, truth, on=TODAY, messiness=1.0, shared_phone=shared),
                    shared or ""))
    return out


def _assert_rate(kind: str, hits: int, eligible: int, expected: float | None = None) -> None:
    expected = NOISE_RATES[kind] if expected is None else expected
    assert eligible > 300, (kind, eligible)
    spread = 4.5 * math.sqrt(expected * (1 - expected) / eligible)
    assert abs(hits / eligible - expected) <= spread, (kind, hits / eligible, expected)


# ---------------------------------------------------------------- determinism and messiness 0

@given(people, st.integers(0, 2**32), st.floats(0, 1))
@settings(max_examples=150)
def test_the_same_seed_records_the_same(truth: TrueIdentity, seed: int, messiness: float) -> None:
    first = record_of(random.Random(seed), truth, on=TODAY, messiness=messiness, shared_phone="07700 900001")
    again = record_of(random.Random(seed), truth, on=TODAY, messiness=messiness, shared_phone="07700 900001")
    assert first == again


@given(people, st.integers(0, 2**32))
@settings(max_examples=300)
def test_messiness_0_records_the_truth(truth: TrueIdentity, seed: int) -> None:
    record = record_of(random.Random(seed), truth, on=TODAY, messiness=0.0, shared_phone="07700 900001")
    assert (record.first_name, record.last_name) == (truth.given_name, truth.family_name)
    assert record.aliases == ()
    assert record.date_of_birth == truth.date_of_birth
    assert record.estimated_age is None
    assert _normalised(record.identifiers) == _normalised(_truth_identifiers(truth))
    assert record.identifiers == _truth_identifiers(truth)
    assert record.noise == ()


def test_messiness_outside_0_to_1_is_refused() -> None:
    truth = make_identity(random.Random(1), nationality="British", gender="male", age=30, on=TODAY)
    for bad in (-0.1, 1.5):
        with pytest.raises(ValueError, match="messiness"):
            record_of(random.Random(1), truth, on=TODAY, messiness=bad)


def test_more_mess_means_more_noise() -> None:
    rng = random.Random(4)
    truths = [make_identity(rng, nationality="Vietnamese", gender="female", age=25, on=TODAY)
              for _ in range(400)]
    counts = [sum(len(record_of(rng, t, on=TODAY, messiness=m).noise) for t in truths)
              for m in (0.2, 0.5, 1.0)]
    assert counts[0] < counts[1] < counts[2]


# ---------------------------------------------------------------- each kind of noise at its rate

def test_record_level_noise_occurs_at_its_rate(sample: list) -> None:
    tally: Counter[str] = Counter()
    eligible: Counter[str] = Counter()
    for truth, record, shared in sample:
        origin = truth.name_origin
        noise = set(record.noise)
        for kind in ("typo", "upper_case", "alias", "dob_missing", "estimated_age", "dob_wrong_year",
                     "address_missing"):
            eligible[kind] += 1
            tally[kind] += kind in noise
        spellable = (truth.family_name,) if "nickname" in noise else (truth.given_name, truth.family_name)
        if any(transliterations(n, origin) for n in spellable):
            eligible["transliteration"] += 1
            tally["transliteration"] += "transliteration" in noise
        if "transliteration" not in noise and any(respellings(n, origin) for n in spellable):
            eligible["respelling"] += 1
            tally["respelling"] += "respelling" in noise
        if nicknames(truth.given_name, origin):
            eligible["nickname"] += 1
            tally["nickname"] += "nickname" in noise
        order = "name_order" if origin in FAMILY_FIRST else "name_order_elsewhere"
        eligible[order] += 1
        tally[order] += "name_order" in noise
        if truth.date_of_birth and day_month_swappable(truth.date_of_birth):
            eligible["dob_swapped"] += 1
            tally["dob_swapped"] += "dob_swapped" in noise
        if len(truth.addresses) > 1:
            eligible["other_address"] += 1
            tally["other_address"] += "other_address" in noise
        if "address_missing" not in noise:
            for kind in ("address_format", "address_abbreviated"):
                eligible[kind] += 1
                tally[kind] += kind in noise
        if shared:
            eligible["shared_phone"] += 1
            tally["shared_phone"] += "shared_phone" in noise
    for kind in eligible:
        expected = NOISE_RATES["name_order"] * 0.2 if kind == "name_order_elsewhere" else None
        _assert_rate(kind, tally[kind], eligible[kind], expected)
    assert set(eligible) - {"name_order_elsewhere"} | ITEM_KINDS == set(NOISE_RATES)


def test_item_level_noise_occurs_at_its_rate(sample: list) -> None:
    """Measured on people with exactly one item of a kind, so the record's noise is that item's."""
    tally: Counter[str] = Counter()
    eligible: Counter[str] = Counter()
    for truth, record, _ in sample:
        noise = set(record.noise)
        for items, missing, others in ((truth.phones, "phone_missing", ("phone_typo", "phone_format")),
                                       (truth.vehicles, "vehicle_missing", ("vehicle_format",)),
                                       (truth.documents, "document_missing", ("document_format",))):
            if len(items) != 1:
                continue
            eligible[missing] += 1
            tally[missing] += missing in noise
            if missing not in noise:
                for kind in others:
                    eligible[kind] += 1
                    tally[kind] += kind in noise
    for kind in eligible:
        _assert_rate(kind, tally[kind], eligible[kind])
    assert set(eligible) == ITEM_KINDS


def test_the_noise_named_is_the_noise_done(sample: list) -> None:
    for truth, record, shared in sample:
        noise = set(record.noise)
        dob = truth.date_of_birth
        assert dob is not None
        if "dob_missing" in noise:
            assert (record.date_of_birth, record.estimated_age) == (None, None)
        elif "estimated_age" in noise:
            assert record.date_of_birth is None
            assert record.estimated_age is not None
        elif "dob_swapped" in noise:
            assert record.date_of_birth == date(dob.year, dob.day, dob.month) != dob
        elif "dob_wrong_year" in noise:
            assert record.date_of_birth is not None
            assert abs(record.date_of_birth.year - dob.year) == 1
            assert record.date_of_birth <= TODAY
        else:
            assert (record.date_of_birth, record.estimated_age) == (dob, None)
        if not noise & {"typo", "transliteration", "respelling", "nickname", "name_order", "upper_case"}:
            assert (record.first_name, record.last_name) == (truth.given_name, truth.family_name)
        if "upper_case" in noise:
            assert record.last_name == record.last_name.upper()
        if not noise & {"alias"}:
            assert record.aliases == ()
        phones = [normalise_identifier(PHONE, v) for k, v in record.identifiers if k is PHONE]
        if shared and shared not in truth.phones:  # drawn without a NumberPool, a phone may be theirs too
            assert ("shared_phone" in noise) == (normalise_identifier(PHONE, shared) in phones)
        elif not shared:
            assert "shared_phone" not in noise
        addresses = [v for k, v in record.identifiers if k is IdentifierKind.ADDRESS]
        assert len(addresses) == (0 if "address_missing" in noise else 1)
        if addresses and not noise & {"other_address", "address_abbreviated"}:
            assert normalise_identifier(IdentifierKind.ADDRESS, addresses[0]) == normalise_identifier(
                IdentifierKind.ADDRESS, truth.addresses[0])


def test_day_and_month_are_swapped_only_when_both_could_be_either(sample: list) -> None:
    swapped = 0
    for truth, record, _ in sample:
        dob, recorded = truth.date_of_birth, record.date_of_birth
        assert dob is not None
        if recorded is None or recorded == dob:
            continue
        if recorded.year == dob.year:
            swapped += 1
            assert (recorded.day, recorded.month) == (dob.month, dob.day)
            assert dob.day <= 12 and dob.month <= 12 and dob.day != dob.month
            assert "dob_swapped" in record.noise
        else:  # otherwise only the year moves
            assert (recorded.month, recorded.day) == (dob.month, dob.day) or (dob.month, dob.day) == (2, 29)
    assert swapped > 50


def test_day_month_swappable() -> None:
    assert day_month_swappable(date(1990, 3, 7))
    assert not day_month_swappable(date(1990, 3, 13))
    assert not day_month_swappable(date(1990, 5, 5))
    assert not day_month_swappable(date(1990, 1, 1))


def test_estimated_ages_are_near_the_truth() -> None:
    rng = random.Random(8)
    for age in (9, 15, 17, 25, 40, 70):
        guesses = [estimate_age(rng, age) for _ in range(500)]
        assert all(0 <= g <= 120 for g in guesses)
        assert abs(sum(guesses) / len(guesses) - age) < 1.5
        assert max(abs(g - age) for g in guesses) <= (8 if age < 18 else 25)


# ---------------------------------------------------------------- phones

@given(drama_phones)
def test_every_phone_format_normalises_to_the_truth(phone: str) -> None:
    formats = phone_formats(phone)
    assert len(set(formats)) >= 7
    truth = normalise_identifier(PHONE, phone)
    for written in formats:
        assert normalise_identifier(PHONE, written) == truth, written
    assert any(f.startswith("+44") for f in formats)
    assert any(f.startswith("0044") for f in formats)
    assert any("-" in f for f in formats)


@given(people, st.integers(0, 2**32))
@settings(max_examples=200)
def test_recorded_phones_link_back_unless_mistyped(truth: TrueIdentity, seed: int) -> None:
    record = record_of(random.Random(seed), truth, on=TODAY, messiness=1.0, shared_phone="+44 7700 900000")
    known = {normalise_identifier(PHONE, p) for p in (*truth.phones, "07700 900000")}
    for kind, value in record.identifiers:
        if kind is PHONE:
            assert is_drama_number(value), value
            if "phone_typo" not in record.noise:
                assert normalise_identifier(PHONE, value) in known


def test_phone_typos_stay_in_the_drama_range(sample: list) -> None:
    typos = [r for _, r, _ in sample if "phone_typo" in r.noise]
    assert typos
    for record in typos:
        assert all(is_drama_number(v) for k, v in record.identifiers if k is PHONE)


# ---------------------------------------------------------------- names

def test_typical_spellings() -> None:
    assert "Nguyen" in transliterations("Nguyễn", Origin.VIETNAMESE)
    assert "Dang" in transliterations("Đặng", Origin.VIETNAMESE)
    assert {"Muhammad", "Mohamed"} <= set(respellings("Mohammed", Origin.ARABIC))
    assert {"El-Masri", "Al Masri", "Almasri"} <= set(spelling_variants("Al-Masri", Origin.ARABIC))
    assert {"Chang", "Cheung"} <= set(respellings("Zhang", Origin.CHINESE))
    assert "Hsiao-ming" in spelling_variants("Xiaoming", Origin.CHINESE)
    assert {"Xiao Ming", "Xiao-ming"} <= set(transliterations("Xiaoming", Origin.CHINESE))
    assert "Cela" in transliterations("Çela", Origin.ALBANIAN)
    assert "Gezim" in transliterations("Gëzim", Origin.ALBANIAN)
    assert "Lukasz" in transliterations("Łukasz", Origin.POLISH)
    assert {"Stefan", "Ştefan"} <= set(transliterations("Ștefan", Origin.ROMANIAN))
    assert "Adébáyọ̀" in transliterations("Adebayo", Origin.NIGERIAN)
    assert "Emeka" in nicknames("Chukwuemeka", Origin.NIGERIAN)
    assert "Chukuemeka" in respellings("Chukwuemeka", Origin.NIGERIAN)
    assert {"Bob", "Rob"} <= set(nicknames("Robert", Origin.BRITISH))
    assert "Stephen" in respellings("Steven", Origin.BRITISH)
    assert nicknames("Văn Hùng", Origin.VIETNAMESE) == ("Hùng",)
    assert "Tesfai" in respellings("Tesfay", Origin.ERITREAN)
    assert "Kazlauskiene" in transliterations("Kazlauskienė", Origin.LITHUANIAN)
    assert wade_giles("Zhi") == "Chih" and wade_giles("qiang") == "ch'iang" and wade_giles("Si") == "Ssu"


def _pool_names() -> list[tuple[Origin, str]]:
    return sorted({(origin, name) for origin, pool in POOLS.items()
                   for name in (*pool.given_male, *pool.given_female, *pool.family)})


def test_spelling_variants_are_distinct_strings() -> None:
    for origin, name in _pool_names():
        variants = spelling_variants(name, origin)
        assert name not in variants
        assert len(set(variants)) == len(variants) == len(set(transliterations(name, origin)) |
                                                           set(respellings(name, origin)))
        assert all(v.strip() == v and v for v in variants)


def test_transliterations_share_a_fold_and_every_marked_name_has_one() -> None:
    for origin, name in _pool_names():
        assert all(fold(v) == fold(name) for v in transliterations(name, origin))
        assert all(fold(v) != fold(name) for v in respellings(name, origin))
        if strip_marks(name) != name:
            assert transliterations(name, origin), name


def test_respelt_names_mostly_share_a_fold(sample: list) -> None:
    """Most respelt records fold to the truth; where the script has marks, nearly all do."""
    spelt = Counter[bool]()
    marked = Counter[bool]()
    for truth, record, _ in sample:
        noise = set(record.noise)
        if not noise & {"transliteration", "respelling"} or noise & {"typo", "nickname", "name_order"}:
            continue
        same = fold(record.first_name + record.last_name) == fold(truth.given_name + truth.family_name)
        spelt[same] += 1
        if truth.name_origin in (Origin.VIETNAMESE, Origin.ROMANIAN, Origin.LITHUANIAN):
            marked[same] += 1
    assert spelt[True] > spelt[False]
    assert marked[True] > 0.8 * (marked[True] + marked[False])


def test_the_spelling_tables_fit_the_pools() -> None:
    for origin, table in NICKNAMES.items():
        pool = POOLS[origin]
        assert set(table) <= {*pool.given_male, *pool.given_female}, origin
    nigerian = POOLS[Origin.NIGERIAN]
    for plain, marked in YORUBA_MARKED.items():
        assert strip_marks(marked) == plain != marked
        assert plain in {*nigerian.given_male, *nigerian.given_female, *nigerian.family}
    chinese = POOLS[Origin.CHINESE]
    for name, (first, second) in CHINESE_SYLLABLES.items():
        assert name in {*chinese.given_male, *chinese.given_female}
        assert first + second == name


def test_fold() -> None:
    assert fold("Nguyễn") == fold("NGUYEN") == "nguyen"
    assert fold("Al-Masri") == fold("Al Masri") == fold("Almasri") == "almasri"
    assert fold("O'Brien") == fold("O\u2019Brien") == fold("OBrien")
    assert fold("Łukasz") == "lukasz"


@given(st.text(alphabet=st.sampled_from(sorted({ch for _, n in _pool_names() for ch in n if ch.isalpha()})),
               min_size=1, max_size=14), st.integers(0, 2**32))
def test_a_typo_is_one_slip(word: str, seed: int) -> None:
    slipped = typo(random.Random(seed), word)
    assert slipped != word
    assert _one_edit(slipped.lower(), word.lower()) or slipped.lower() == word.lower() + word[-1].lower()


def _one_edit(a: str, b: str) -> bool:
    """Exactly one substitution, omission, insertion or transposition of neighbours apart."""
    if a == b:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = sorted((a, b), key=len)
    return len(long_) == len(short) + 1 and any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def test_keyboard_neighbours_are_near() -> None:
    assert set(KEY_NEIGHBOURS["a"]) == {"q", "w", "s", "z"}
    assert set(KEY_NEIGHBOURS["g"]) == {"t", "y", "f", "h", "v", "b"}
    assert all(a in KEY_NEIGHBOURS[b] for a, near in KEY_NEIGHBOURS.items() for b in near)


def test_aliases_are_other_names(sample: list) -> None:
    with_aliases = [record for _, record, _ in sample if record.aliases]
    assert with_aliases
    for record in with_aliases:
        assert len(record.aliases) == len(set(record.aliases)) <= 2
        assert f"{record.first_name} {record.last_name}" not in record.aliases
        for alias in record.aliases:
            assert re.fullmatch(r"[^\W\d_]+([ '-][^\W\d_]+)*", alias), alias
