"""Turning what officers typed into forms two records of one person would share.

Each function takes one raw value and returns its comparable form (or ``None`` when nothing
usable is left); ``features`` applies them all to a ``PersonRecord`` and returns the row the
Splink model and ``engine.explain`` compare. Names are lower-case ASCII; addresses, postcodes,
vehicles and documents upper-case; phones E.164.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from functools import lru_cache
from typing import Any

import phonenumbers
from anyascii import anyascii

from lantern.linkage.nicknames import canonical_given_name
from lantern.linkage.records import PersonRecord

Row = dict[str, Any]
"""One record's comparable features, keyed by the column names ``model`` compares."""

def estimated_age_tolerance(age: int) -> int:
    """Years either side of an estimated age that the person's real age may be: an officer's guess
    is about two years out for a child, and more the older the person (and often rounded to five),
    so about two standard deviations of that."""
    return 2 if age < 18 else 4 + age // 10

_NOT_LETTERS = re.compile(r"[^a-z]+")
_NOT_ALNUM = re.compile(r"[^A-Z0-9]+")


def _is_cjk(char: str) -> bool:
    return unicodedata.name(char, "").startswith(("CJK ", "HANGUL ", "HIRAGANA ", "KATAKANA "))


# The same names, towns and numbers come up again and again in a national run: each value is
# normalised once.
_CACHE_SIZE = 1 << 18


@lru_cache(maxsize=_CACHE_SIZE)
def fold(text: str) -> str:
    """A name or word as lower-case ASCII letters and single spaces, from any script.

    anyascii transliterates (Cyrillic, Greek, Arabic, Devanagari ...) and drops diacritics; each
    CJK character becomes its own syllable, since those names are written without spaces.
    """
    if not text:
        return ""
    if not text.isascii():
        text = anyascii("".join(f" {anyascii(ch)} " if _is_cjk(ch) else ch for ch in text))
    return " ".join(_NOT_LETTERS.sub(" ", text.lower()).split())


# Spelling rules applied before the skeleton is taken, so that the usual transliterations of one
# sound agree: Aleksandr/Alexander, Fillip/Philip, Wladimir/Vladimir, Yelena/Jelena, Khalid/Halid.
_SPELLING_RULES: tuple[tuple[str, str], ...] = (
    ("sch", "sh"), ("tch", "ch"), ("ph", "f"), ("kh", "h"), ("ck", "k"), ("gh", "g"), ("th", "t"),
    ("dh", "d"), ("x", "ks"), ("q", "k"), ("w", "f"), ("v", "f"), ("j", "i"), ("y", "i"), ("z", "s"),
)
_SOFT_C = re.compile(r"c(?=[ei])")
_VOWELS = re.compile(r"[aeiou]")
_DOUBLED = re.compile(r"(.)\1+")


@lru_cache(maxsize=_CACHE_SIZE)
def name_key(folded: str) -> str:
    """A phonetic key for one folded name: spelling variants and transliterations share it.

    The key keeps the first sound (any opening vowel becomes "a", so Aleksandr and Oleksandr
    agree) and the consonant skeleton of the rest, with doubled letters collapsed: Mohammed,
    Muhammad and Mohamed are all "mhmd", as is the Arabic-script محمد.
    """
    text = folded.replace(" ", "")
    if not text:
        return ""
    for old, new in _SPELLING_RULES:
        text = text.replace(old, new)
    text = _SOFT_C.sub("s", text).replace("c", "k")
    if len(text) > 2 and text.endswith("h"):
        text = text[:-1]
    text = _DOUBLED.sub(r"\1", text)
    # J and Y have become "i"; at the start, before a vowel, that is the consonant (Yuri, Iurii,
    # Juri), which must not join the opening vowels (Elena is not Yelena's key, Jolly not Ella's).
    if text[0] == "i" and len(text) > 1 and text[1] in "aeiou":
        head, text = "y", text[1:]
    else:
        head = "a" if text[0] in "aeiou" else text[0]
    return _DOUBLED.sub(r"\1", head + _VOWELS.sub("", text[1:]))


_ARTICLE = re.compile(r"^(?:al|el|ul)[\s-]+(?=\S{3})", re.IGNORECASE)


@lru_cache(maxsize=_CACHE_SIZE)
def family_key(raw_family: str) -> str:
    """The phonetic key of a family name, ignoring an Arabic article (Al-Masri is Masri)."""
    return name_key(fold(_ARTICLE.sub("", raw_family.strip())))


def split_full_name(full_name: str) -> tuple[str, str]:
    """(given, family) from a name written in one field, any order.

    "Smith, John" and police-style "SMITH John" put the family name first; otherwise the last
    word is the family name. Order mistakes left over are caught by the swapped-name level.
    """
    text = " ".join(full_name.split())
    if "," in text:
        family, _, given = text.partition(",")
        return given.strip(), family.strip()
    words = text.split(" ")
    if len(words) < 2:
        return text, ""
    shouted = [w for w in words if len(w) > 1 and w.isupper()]
    if shouted and len(shouted) < len(words):
        return " ".join(w for w in words if w not in shouted), " ".join(shouted)
    return " ".join(words[:-1]), words[-1]


def record_names(record: PersonRecord) -> tuple[str, str]:
    """The record's (given, family) raw names, split from ``full_name`` when not recorded apart."""
    if record.given_name or record.family_name:
        return record.given_name, record.family_name
    text = record.full_name.strip()
    if len(text) > 1 and " " not in text and all(_is_cjk(ch) for ch in text):
        # Chinese, Japanese and Korean names are written family name first, without a space.
        return text[1:], text[0]
    return split_full_name(text)


# Vietnamese middle names that mark sex ("Nguyễn Thị Lan", "Trần Văn Minh"): half the women share
# the first, half the men the second, so they say nothing about who someone is.
_NAME_MARKERS = frozenset({"thi", "van"})


@lru_cache(maxsize=_CACHE_SIZE)
def given_canonical(raw_given: str) -> str:
    """Every given name in its canonical form: Bob is robert, "Sasha Ivanovich" aleksandr ivanovich."""
    return " ".join(canonical_given_name(word) for word in fold(raw_given).split(" "))


@lru_cache(maxsize=_CACHE_SIZE)
def given_key(raw_given: str) -> str:
    """The phonetic key of the first given name that tells people apart, in its canonical form.

    Only the first name counts ("Mohammed Ali" and "Mohammed" agree), and a Vietnamese sex marker
    before it is skipped ("Thị Lan" is keyed on Lan).
    """
    words = given_canonical(raw_given).split(" ")
    while len(words) > 1 and words[0] in _NAME_MARKERS:
        words = words[1:]
    return name_key(words[0])


@lru_cache(maxsize=_CACHE_SIZE)
def name_form(raw_given: str, raw_family: str) -> str:
    """A whole name as an order-free pair of keys, for comparing aliases with names."""
    keys = [k for k in (given_key(raw_given), family_key(raw_family)) if k]
    if len(keys) == 1:
        # A one-word alias ("Tiny") only ever meets another one-word alias.
        return "~" + keys[0]
    return " ".join(sorted(keys))


# A UK number written the usual ways (07700 900123, +44 7700 900123, 0044-113-496-0000): its
# E.164 form is +44 and the ten digits after the trunk 0, exactly what phonenumbers gives (the
# same on all 389,502 distinct numbers of 300,000 generated records) and 14 times faster.
# Anything else goes to phonenumbers.
_PHONE_PUNCTUATION = str.maketrans("", "", " -.()/")
_UK_NATIONAL = re.compile(r"(?:\+44|0044|0)([1-9][0-9]{9})")


def normalise_phone(raw: str) -> str | None:
    """A phone number in E.164 (+447700900123); UK when no country is given; digits if unparseable."""
    text = raw.strip().replace("(0)", "")
    uk = _UK_NATIONAL.fullmatch(text.translate(_PHONE_PUNCTUATION))
    if uk is not None:
        return "+44" + uk[1]
    return _normalise_phone(text)


@lru_cache(maxsize=_CACHE_SIZE)
def _normalise_phone(text: str) -> str | None:
    digits = "".join(ch for ch in text if ch.isdigit())
    if len(digits) < 7:
        return None
    try:
        number = phonenumbers.parse(text, "GB")
    except phonenumbers.NumberParseException:
        number = None
    if number is not None and phonenumbers.is_possible_number(number):
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    international = text.startswith("+") or digits.startswith("00")
    return "+" + digits.removeprefix("00") if international else digits


def normalise_email(raw: str) -> str | None:
    """An email address without spaces, in lower case."""
    text = "".join(raw.split()).lower()
    return text if "@" in text else None


_UK_POSTCODE = re.compile(r"\b([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})\b")


@lru_cache(maxsize=_CACHE_SIZE)
def normalise_postcode(raw: str) -> str | None:
    """A UK postcode in its printed form ("LS1 4AP"); other countries' codes upper-case alphanumeric."""
    text = _NOT_ALNUM.sub("", anyascii(raw).upper())
    if not text:
        return None
    match = _UK_POSTCODE.fullmatch(text[:-3] + " " + text[-3:]) if len(text) >= 5 else None
    return f"{match[1]} {match[2]}" if match else text


@lru_cache(maxsize=_CACHE_SIZE)
def postcodes_in(raw_address: str) -> tuple[str, ...]:
    """The UK postcodes written inside an address line."""
    return tuple(f"{m[1]} {m[2]}" for m in _UK_POSTCODE.finditer(anyascii(raw_address).upper()))


def postcode_district(postcode: str) -> str | None:
    """The outward code of a UK postcode ("LS1"); ``None`` for other countries' codes."""
    outward, _, inward = postcode.partition(" ")
    return outward if inward else None


# Royal Mail's abbreviations, so that "12 High Street" and "12 high st." agree.
_ADDRESS_WORDS = {
    "STREET": "ST", "STR": "ST", "ROAD": "RD", "AVENUE": "AVE", "AV": "AVE", "LANE": "LN", "DRIVE": "DR",
    "COURT": "CT", "CRT": "CT", "PLACE": "PL", "CRESCENT": "CRES", "CLOSE": "CL", "GARDENS": "GDNS",
    "TERRACE": "TCE", "TERR": "TCE", "SQUARE": "SQ", "GROVE": "GRO", "PARADE": "PDE", "HOUSE": "HO",
    "APARTMENT": "FLAT", "APT": "FLAT", "UNIT": "FLAT", "FLT": "FLAT", "ROOM": "FLAT", "NORTH": "N",
    "SOUTH": "S", "EAST": "E", "WEST": "W", "MOUNT": "MT", "SAINT": "ST", "HIGHWAY": "HWY",
}
_FLAT_SLASH = re.compile(r"\b(\d+[A-Z]?)\s*/\s*(\d+[A-Z]?)\b")


@lru_cache(maxsize=_CACHE_SIZE)
def normalise_address(raw: str) -> str | None:
    """An address line in upper case with standard abbreviations, flats as "FLAT 3", no postcode."""
    text = _UK_POSTCODE.sub(" ", anyascii(raw).upper())
    text = _FLAT_SLASH.sub(r"FLAT \1 \2", text)
    words = [_ADDRESS_WORDS.get(w, w) for w in _NOT_ALNUM.sub(" ", text).split()]
    return " ".join(words) or None


_NUMBER = re.compile(r"\d+")


def house_number(address: str) -> str | None:
    """The house number in a normalised address: its last number, so "FLAT 3 12 HIGH ST" is 12."""
    numbers = _NUMBER.findall(address)
    return numbers[-1] if numbers else None


_NOT_STREET_NAMES = {*_ADDRESS_WORDS.values(), "FLAT", "HO", "CL", "CT"}


def street_words(address: str) -> list[str] | None:
    """The words of a normalised address that name places (not numbers, not "ST" or "FLAT")."""
    words = {w for w in address.split() if not w[0].isdigit() and len(w) > 2 and w not in _NOT_STREET_NAMES}
    return sorted(words) or None


@lru_cache(maxsize=_CACHE_SIZE)
def normalise_town(raw: str) -> str | None:
    """A town or suburb in upper case without punctuation."""
    return " ".join(_NOT_ALNUM.sub(" ", anyascii(raw).upper()).split()) or None


@lru_cache(maxsize=_CACHE_SIZE)
def normalise_reference(raw: str) -> str | None:
    """A vehicle registration or document number: upper-case letters and digits only."""
    return _NOT_ALNUM.sub("", anyascii(raw).upper()) or None


_SEXES = {
    "m": "male", "male": "male", "man": "male", "boy": "male",
    "f": "female", "female": "female", "woman": "female", "girl": "female",
}
_UNKNOWN = {"", "u", "nk", "unknown", "not known", "not_known", "not recorded", "not stated", "n a"}


def normalise_sex(raw: str) -> str | None:
    """"male", "female", another recorded value folded, or ``None`` when not known."""
    text = fold(raw)
    if text in _UNKNOWN or raw.strip().lower() in _UNKNOWN:
        return None
    return _SEXES.get(text, text)


# Demonyms and codes officers type for the nationalities met most, to one country name.
_COUNTRIES = {
    "british": "united kingdom", "uk": "united kingdom", "gb": "united kingdom", "gbr": "united kingdom",
    "english": "united kingdom", "scottish": "united kingdom", "welsh": "united kingdom",
    "great britain": "united kingdom", "albanian": "albania", "alb": "albania",
    "vietnamese": "vietnam", "viet nam": "vietnam", "vnm": "vietnam", "romanian": "romania",
    "rou": "romania", "polish": "poland", "pol": "poland", "eritrean": "eritrea", "eri": "eritrea",
    "sudanese": "sudan", "sdn": "sudan", "nigerian": "nigeria", "nga": "nigeria", "chinese": "china",
    "chn": "china", "indian": "india", "ind": "india", "pakistani": "pakistan", "pak": "pakistan",
    "afghan": "afghanistan", "afghani": "afghanistan", "afg": "afghanistan", "iranian": "iran",
    "irn": "iran", "iraqi": "iraq", "irq": "iraq", "syrian": "syria", "syr": "syria",
    "ethiopian": "ethiopia", "eth": "ethiopia", "ukrainian": "ukraine", "ukr": "ukraine",
    "russian": "russia", "rus": "russia", "lithuanian": "lithuania", "latvian": "latvia",
    "bulgarian": "bulgaria", "slovak": "slovakia", "slovakian": "slovakia", "czech": "czechia",
    "czech republic": "czechia", "hungarian": "hungary", "egyptian": "egypt", "somali": "somalia",
    "filipino": "philippines", "thai": "thailand", "bangladeshi": "bangladesh", "sri lankan": "sri lanka",
    "turkish": "turkey", "turkiye": "turkey", "ghanaian": "ghana", "kosovan": "kosovo",
    "kosovar": "kosovo", "moldovan": "moldova", "irish": "ireland", "portuguese": "portugal",
    "spanish": "spain", "italian": "italy", "french": "france", "german": "germany",
    "dutch": "netherlands", "brazilian": "brazil", "kuwaiti": "kuwait", "libyan": "libya",
}


def normalise_nationality(raw: str) -> str | None:
    """A nationality as a country name in lower case: "Albanian", "ALB" and "Albania" agree."""
    text = fold(raw)
    if text in _UNKNOWN:
        return None
    return _COUNTRIES.get(text, text)


def birth_years(record: PersonRecord) -> tuple[int, int] | None:
    """The earliest and latest birth year the record allows: one year from a date of birth, a
    range from an estimated age (widened by ``estimated_age_tolerance``)."""
    if record.date_of_birth is not None:
        return record.date_of_birth.year, record.date_of_birth.year
    if record.estimated_age is None or record.age_on is None:
        return None
    # Someone aged A on day D was born between D minus A+1 years (exclusive) and D minus A years.
    latest = record.age_on.year - record.estimated_age
    tolerance = estimated_age_tolerance(record.estimated_age)
    return latest - 1 - tolerance, latest + tolerance


def swapped_day_month(dob: date) -> str | None:
    """The date with day and month swapped, as YYYYMMDD, when that is a different real date."""
    if dob.day > 12 or dob.day == dob.month:
        return None
    return f"{dob.year:04d}{dob.day:02d}{dob.month:02d}"


def _values(raw: Iterable[str], normaliser: Callable[[str], str | None]) -> list[str] | None:
    """Normalised values, deduplicated and sorted so that the row does not depend on input order;
    ``None`` for an empty list, which the comparisons read as "not recorded"."""
    found = {v for v in (normaliser(r) for r in raw if r and r.strip()) if v}
    return sorted(found) or None


def _first(raw: Iterable[str], normaliser: Callable[[str], str | None]) -> str | None:
    return next((v for v in (normaliser(r) for r in raw if r and r.strip()) if v), None)


def _alias_form(alias: str) -> str | None:
    return name_form(*split_full_name(alias)) if fold(alias) else None


def features(record: PersonRecord, names_by_id: Mapping[str, str] | None = None) -> Row:
    """The comparable row for one record. ``names_by_id`` gives other records' ``name_form``s, so
    that associates can be compared by who they are rather than by another force's ids."""
    raw_given, raw_family = record_names(record)
    given = fold(raw_given)
    canonical = given_canonical(raw_given) if given else ""
    family = fold(raw_family).replace(" ", "")
    aliases = _values(record.aliases, _alias_form)
    # Whole-name aliases ("Beni Kola") and one-word street names ("Tiny") are compared apart: the
    # second kind is shared by many strangers.
    primary = name_form(raw_given, raw_family) if given or family else None
    # An alias that is only the person's own name again ("Steve Ford" for Stephen Ford) says
    # nothing the names do not: dropped, or every namesake would match on it.
    alias_forms = [a for a in aliases or () if not a.startswith("~") and a != primary] or None
    alias_words = [a for a in aliases or () if a.startswith("~") and a != primary] or None
    name_forms = sorted({*(aliases or ()), *([primary] if primary else [])}) or None
    years = birth_years(record)
    dob = record.date_of_birth
    address_lines = [*record.addresses]
    raw_postcodes = [*record.postcodes, *(p for a in address_lines for p in postcodes_in(a))]
    postcodes = _values(raw_postcodes, normalise_postcode)
    address_first = _first(address_lines, normalise_address)
    associates = sorted(set(record.associates)) or None
    associate_names = None
    if associates and names_by_id:
        associate_names = sorted({names_by_id[a] for a in associates if a in names_by_id}) or None
    return {
        "unique_id": record.unique_id,
        "source": record.source,
        "given_name": given or None,
        "given_canonical": canonical or None,
        "given_key": given_key(raw_given) or None,
        "given_initial": given[:1] or None,
        # The whole given name as one word, to compare with the other record's family name.
        "given_whole": given.replace(" ", "") or None,
        "given_whole_key": name_key(given) or None,
        "family_name": family or None,
        "family_key": family_key(raw_family) or None,
        "family_initial": family[:1] or None,
        "initials": "".join(sorted(given[:1] + family[:1])) if given and family else None,
        "name_forms": name_forms,
        "alias_forms": alias_forms,
        "alias_words": alias_words,
        # For blocking only: Splink's exploding blocking drops a record whose list is empty, and
        # that would drop every record without an alias from the other side of an alias rule too.
        "alias_keys": alias_forms or [f"#{record.unique_id}"],
        "dob": f"{dob.year:04d}{dob.month:02d}{dob.day:02d}" if dob else None,
        "dob_swapped": swapped_day_month(dob) if dob else None,
        "birth_year": dob.year if dob else None,
        "birth_year_min": years[0] if years else None,
        "birth_year_max": years[1] if years else None,
        "sex": normalise_sex(record.sex),
        "nationality": normalise_nationality(record.nationality),
        "phones": _values(record.phones, normalise_phone),
        "emails": _values(record.emails, normalise_email),
        "postcodes": postcodes,
        "postcode_first": _first(raw_postcodes, normalise_postcode),
        "postcode_districts": sorted({d for p in postcodes or () if (d := postcode_district(p))}) or None,
        "addresses": _values(address_lines, normalise_address),
        "address_first": address_first,
        "house_number": house_number(address_first) if address_first else None,
        "street_words": street_words(address_first) if address_first else None,
        "towns": _values(record.towns, normalise_town),
        "town_first": _first(record.towns, normalise_town),
        "vehicles": _values(record.vehicles, normalise_reference),
        "documents": _values(record.documents, normalise_reference),
        "associate_ids": associates,
        "associate_names": associate_names,
    }
