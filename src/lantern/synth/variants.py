"""What one force records about a person: the truth, written down by someone in a hurry.

Plain Python: no Django. ``record_of`` applies the noise seen when the same person is recorded by
several forces: typing slips, spellings that differ by origin (diacritics kept or dropped, another
romanisation, the family name first), nicknames and aliases, a date of birth with day and month
swapped, an estimated age or none, an old or new address, a phone shared with someone else, and
numbers written in every format. Each kind of noise has a rate (``NOISE_RATES``) which
``messiness`` scales: 0 records the truth as it is, 1 applies every rate in full. The rates are
judgement, not measurement: no seed gives them.

``RecordedIdentity.noise`` names the noise applied, so a linkage test can tell which kinds it
misses. Phone formats, case and punctuation never change ``normalise_identifier``'s result;
``phone_typo``, ``address_abbreviated`` and ``other_address`` do, as they would in real records.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from lantern.cases.rules import IdentifierKind, age_on
from lantern.synth.identities import TrueIdentity, draw_name, phone_formats
from lantern.synth.name_pools import (
    CHINESE_SYLLABLES,
    ENGLISH_NAMES_FEMALE,
    ENGLISH_NAMES_MALE,
    FAMILY_FIRST,
    NICKNAMES,
    SPELLINGS,
    STREET_NAMES,
    YORUBA_MARKED,
    Origin,
    strip_marks,
)

# Chance of each kind of noise at messiness 1. Within a group, kinds exclude each other.
NOISE_RATES: Mapping[str, float] = MappingProxyType({
    # names
    "transliteration": 0.35,  # the same letters another way: marks dropped, spacing, hyphens
    "respelling": 0.20,  # another romanisation or spelling: Muhammad, Chang, Hsiao-ming, Novak, Steven
    "nickname": 0.15,  # a familiar form of the given name, where there is one
    "name_order": 0.25,  # given and family swapped (family-first origins; a fifth of this for others)
    "typo": 0.15,  # one letter substituted (a neighbouring key), omitted, doubled or transposed
    "upper_case": 0.25,  # family name in capitals
    "alias": 0.25,  # one or two other names recorded
    # date of birth (one at most)
    "dob_missing": 0.10,
    "estimated_age": 0.15,
    "dob_swapped": 0.08,  # day and month swapped, only where both are 12 or under and differ
    "dob_wrong_year": 0.04,
    # address (one at most of missing/other; then how it is written)
    "address_missing": 0.20,
    "other_address": 0.15,  # an old or new address instead of the current one
    "address_format": 0.25,  # capitals or punctuation: same normalised form
    "address_abbreviated": 0.10,  # "Rd" for "Road", postcode run together or left off
    # phones, vehicles, documents (each item drawn on its own)
    "phone_missing": 0.25,
    "phone_format": 0.60,
    "phone_typo": 0.04,  # one of the last three digits wrong: still a drama number
    "shared_phone": 0.50,  # another person's phone (the ``shared_phone`` argument) recorded too
    "vehicle_missing": 0.40,
    "vehicle_format": 0.30,
    "document_missing": 0.40,
    "document_format": 0.30,
})

_NON_FAMILY_FIRST_ORDER_SHARE = 0.2


@dataclass(frozen=True)
class RecordedIdentity:
    """One force's record of a person; ``noise`` names what was done to the truth."""

    first_name: str
    last_name: str
    aliases: tuple[str, ...]
    date_of_birth: date | None
    estimated_age: int | None
    identifiers: tuple[tuple[IdentifierKind, str], ...]
    noise: tuple[str, ...] = ()


_FOLD_DROP = re.compile(r"[\s\-'\u2019.]")  # spaces, hyphens, apostrophes (straight or curly), dots


def fold(name: str) -> str:
    """A simple fold for comparing names: no diacritics, case, spaces, hyphens or apostrophes."""
    return _FOLD_DROP.sub("", strip_marks(name)).lower()


# ---------------------------------------------------------------- typing slips

_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_ROW_OFFSETS = (0.0, 0.25, 0.75)
_KEY_AT = {ch: (i + _ROW_OFFSETS[r], r) for r, row in enumerate(_ROWS) for i, ch in enumerate(row)}
KEY_NEIGHBOURS: Mapping[str, str] = {
    a: "".join(b for b, (bx, by) in _KEY_AT.items()
               if b != a and ((ax - bx) ** 2 + (ay - by) ** 2) ** 0.5 < 1.3)
    for a, (ax, ay) in _KEY_AT.items()
}


def typo(rng: random.Random, word: str) -> str:
    """The word with one slip: a neighbouring key, a letter left out, doubled or swapped."""
    if not word:
        return word
    if len(word) > 1 and word == word.capitalize():  # "Adam": slip on "adam", capital put back
        return typo(rng, word.lower()).capitalize()
    for _ in range(20):
        i = rng.randrange(len(word))
        ch = word[i]
        kind = rng.choice(("substitute", "omit", "double", "transpose")) if len(word) > 1 else "substitute"
        if kind == "substitute" and ch.lower() in KEY_NEIGHBOURS:
            new = rng.choice(KEY_NEIGHBOURS[ch.lower()])
            result = word[:i] + (new.upper() if ch.isupper() else new) + word[i + 1:]
        elif kind == "transpose" and i + 1 < len(word):
            result = word[:i] + word[i + 1] + ch + word[i + 2:]
        elif kind == "double" and ch.isalpha():
            result = word[:i] + ch + ch.lower() + word[i + 1:]
        elif len(word) > 1:
            result = word[:i] + word[i + 1:]
        else:
            continue
        if result.lower() != word.lower():  # swapping "A" and "a" is no slip at all
            return result
    return word + word[-1]


# ---------------------------------------------------------------- spellings by origin

_WG_INITIALS = (("zh", "ch"), ("ch", "ch'"), ("sh", "sh"), ("x", "hs"), ("q", "ch'"), ("j", "ch"),
                ("z", "ts"), ("c", "ts'"), ("s", "s"), ("r", "j"), ("b", "p"), ("p", "p'"), ("d", "t"),
                ("t", "t'"), ("g", "k"), ("k", "k'"), ("h", "h"))


def wade_giles(syllable: str) -> str:
    """A Wade-Giles-like spelling of one pinyin syllable ("xiao" -> "hsiao", "zhi" -> "chih")."""
    s = syllable.lower()
    pinyin, initial = next(((py, wg) for py, wg in _WG_INITIALS if s.startswith(py)), ("", ""))
    rest = s[len(pinyin):]
    if rest == "i" and pinyin in ("zh", "ch", "sh", "r"):
        rest = "ih"
    elif rest == "i" and pinyin in ("z", "c", "s"):
        initial, rest = {"z": "tz", "c": "tz'", "s": "ss"}[pinyin], "u"
    rest = rest.replace("ong", "ung")
    if rest.endswith("ian"):
        rest = rest[:-3] + "ien"
    if rest.endswith("ie"):
        rest += "h"
    if rest == "e" and pinyin in ("g", "k", "h"):
        rest = "o"
    result = initial + rest
    return result.capitalize() if syllable[:1].isupper() else result


def _article_forms(name: str) -> set[str]:
    """Arabic family names with the article: Al-Masri, El-Masri, Al Masri, Almasri, Masri."""
    match = re.fullmatch(r"(Al|El)-(\w+)", name)
    if not match:
        return set()
    rest = match.group(2)
    return {f"Al-{rest}", f"El-{rest}", f"Al {rest}", f"Al{rest.lower()}", rest}


def _replace_all(text: str, pairs: tuple[tuple[str, str], ...]) -> str:
    for old, new in pairs:
        text = text.replace(old, new)
    return text


def spelling_variants(name: str, origin: Origin) -> tuple[str, ...]:
    """Other ways a force may spell this name, given its origin; sorted, without the name itself."""
    found: set[str] = set(SPELLINGS.get(origin, {}).get(name, ()))
    plain = strip_marks(name)
    found.add(plain)
    if origin is Origin.VIETNAMESE and " " in plain:
        found.add(plain.replace(" ", "-"))
    elif origin is Origin.CHINESE:
        if name in CHINESE_SYLLABLES:
            first, second = CHINESE_SYLLABLES[name]
            found |= {f"{first} {second.capitalize()}", f"{first}-{second}",
                      f"{wade_giles(first)}-{wade_giles(second)}"}
        else:
            found.add(wade_giles(name))
    elif origin in (Origin.ARABIC, Origin.SUDANESE):
        found |= _article_forms(name)
    elif origin is Origin.ALBANIAN:
        found.add(_replace_all(name, (("Xh", "J"), ("xh", "j"), ("Ç", "Ch"), ("ç", "ch"), ("ë", "e"))))
    elif origin is Origin.ROMANIAN:
        found.add(_replace_all(name, (("ș", "ş"), ("ț", "ţ"), ("Ș", "Ş"), ("Ț", "Ţ"))))
    elif origin is Origin.POLISH:
        found.add(_replace_all(plain, (("sz", "sh"), ("Sz", "Sh"), ("cz", "ch"), ("Cz", "Ch"),
                                       ("w", "v"), ("W", "V"))))
    elif origin is Origin.LITHUANIAN:
        found.add(strip_marks(_replace_all(name, (("š", "sh"), ("Š", "Sh"), ("ž", "zh"), ("Ž", "Zh"),
                                                  ("č", "ch"), ("Č", "Ch")))))
    elif origin is Origin.NIGERIAN:
        if name in YORUBA_MARKED:
            found.add(YORUBA_MARKED[name])
        if name.startswith("Oluwa") and len(name) > 6:
            found.add("Olu" + name[5:])
        found.add(name.replace("chukwu", "chuku").replace("Chukwu", "Chuku"))
    elif origin is Origin.ERITREAN:
        if name.startswith("Ghe"):
            found.add("Ge" + name[3:])
        elif name.startswith("Ge"):
            found.add("Ghe" + name[2:])
        if name.endswith("ay"):
            found |= {name[:-2] + "ai", name + "e"}
    elif origin is Origin.INDIAN:
        found.add(name.replace("ee", "i").replace("oo", "u"))
    found.discard(name)
    found.discard("")
    return tuple(sorted(found))


def transliterations(name: str, origin: Origin) -> tuple[str, ...]:
    """Spellings that differ only in marks, spacing or punctuation: the same ``fold``."""
    return tuple(v for v in spelling_variants(name, origin) if fold(v) == fold(name))


def respellings(name: str, origin: Origin) -> tuple[str, ...]:
    """Spellings with other letters: another romanisation, anglicisation or spelling habit."""
    return tuple(v for v in spelling_variants(name, origin) if fold(v) != fold(name))


def nicknames(name: str, origin: Origin) -> tuple[str, ...]:
    """Familiar forms of a given name: "Robert" -> Bob, Rob, Bobby; "Văn Hùng" -> Hùng."""
    if origin is Origin.VIETNAMESE and " " in name:
        return (name.split(" ")[-1],)
    return NICKNAMES.get(origin, {}).get(name, ())


# ---------------------------------------------------------------- numbers and addresses

def _other_format(rng: random.Random, value: str, kind: IdentifierKind) -> str:
    compact = value.replace(" ", "")
    if kind is IdentifierKind.PHONE:
        options = phone_formats(value)
    elif kind is IdentifierKind.VEHICLE:
        options = (compact, value.lower(), compact.lower())
    else:  # a document: "XP1234567", "xp1234567", "XP 123 4567", "XP-1234567"
        options = (compact, value.lower(), f"{compact[:2]} {compact[2:5]} {compact[5:]}",
                   f"{compact[:2]}-{compact[2:]}")
    others = [o for o in options if o != value]
    return rng.choice(others) if others else value


def _phone_typo(rng: random.Random, phone: str) -> str:
    """One of the last three digits wrong, so the number stays inside its drama range."""
    positions = [i for i, ch in enumerate(phone) if ch.isdigit()][-3:]
    i = rng.choice(positions)
    digit = rng.choice([d for d in "0123456789" if d != phone[i]])
    return phone[:i] + digit + phone[i + 1:]


_ABBREVIATIONS = (("Street", "St"), ("Road", "Rd"), ("Lane", "Ln"), ("Close", "Cl"), ("Avenue", "Ave"),
                  ("Terrace", "Terr"), ("Court", "Ct"), ("Drive", "Dr"), ("Crescent", "Cres"),
                  ("Gardens", "Gdns"), ("Place", "Pl"))
_POSTCODE = re.compile(r" ([A-Z]{1,2}\d{1,2}) (\d[A-Z]{2})$")


def _formatted_address(rng: random.Random, address: str) -> str:
    """The same address in capitals, without commas or in lower case: same normalised form."""
    return rng.choice((address.upper(), address.replace(",", ""), address.lower(),
                       address.replace(", ", ",  ")))


def _abbreviated_address(rng: random.Random, address: str) -> str:
    """The address written shorter: street kind abbreviated, postcode run together or left off."""
    shorter = _replace_all(address, tuple((f" {a},", f" {b},") for a, b in _ABBREVIATIONS))
    options = {shorter, _POSTCODE.sub(r" \1\2", address), _POSTCODE.sub("", address)}
    options.discard(address)
    return rng.choice(sorted(options)) if options else address


# ---------------------------------------------------------------- dates

def estimate_age(rng: random.Random, age: int) -> int:
    """An officer's guess at an age: close for children, wider and often rounded for adults."""
    guess = round(age + rng.gauss(0, 1.5 if age < 18 else 2.5 + age / 25))
    if age >= 18 and rng.random() < 0.3:
        guess = 5 * round(guess / 5)
    return max(0, min(120, guess))


def day_month_swappable(day: date) -> bool:
    return day.day <= 12 and day.month <= 12 and day.day != day.month


def _wrong_year(dob: date, rng: random.Random, on: date) -> date:
    year = dob.year + rng.choice((-1, 1))
    if date(year, dob.month, min(dob.day, 28)) > on:
        year = dob.year - 1
    try:
        return dob.replace(year=year)
    except ValueError:
        return date(year, 2, 28)


# ---------------------------------------------------------------- the record

def _alias(rng: random.Random, truth: TrueIdentity, origin: Origin) -> str:
    female = truth.gender == "female" or (truth.gender != "male" and rng.random() < 0.5)
    options = ["other_name", "street_name"]
    if nicknames(truth.given_name, origin):
        options.append("nickname")
    if origin in FAMILY_FIRST:
        options += ["english_name", "english_name"]
    kind = rng.choice(options)
    if kind == "nickname":
        return f"{rng.choice(nicknames(truth.given_name, origin))} {strip_marks(truth.family_name)}"
    if kind == "english_name":
        english = rng.choice(ENGLISH_NAMES_FEMALE if female else ENGLISH_NAMES_MALE)
        return f"{english} {strip_marks(truth.family_name)}"
    if kind == "street_name":
        return rng.choice(STREET_NAMES)
    return " ".join(draw_name(rng, origin, female=female))


def record_of(
    rng: random.Random, truth: TrueIdentity, *, on: date, messiness: float, shared_phone: str | None = None,
) -> RecordedIdentity:
    """What one force records about ``truth`` on ``on``, with noise scaled by ``messiness`` (0 to 1).

    ``shared_phone`` is someone else's number this person may be recorded with (a controller's
    phone given as their contact, say): recorded at the ``shared_phone`` rate.
    """
    if not 0 <= messiness <= 1:
        raise ValueError(f"messiness must be between 0 and 1, not {messiness}.")
    origin = truth.name_origin
    noise: list[str] = []

    def happens(kind: str, scale: float = 1.0) -> bool:
        hit = rng.random() < NOISE_RATES[kind] * messiness * scale
        if hit and kind not in noise:
            noise.append(kind)
        return hit

    # Names: a nickname, another spelling (not of a nickname), the order, a slip, capitals.
    familiar = nicknames(truth.given_name, origin)
    nicknamed = bool(familiar) and happens("nickname")
    given = rng.choice(familiar) if nicknamed else truth.given_name
    family = truth.family_name
    for kind, spellings in (("transliteration", transliterations), ("respelling", respellings)):
        parts = [part for part, name in (("given", given), ("family", family))
                 if not (part == "given" and nicknamed) and spellings(name, origin)]
        if parts and happens(kind):
            for part in (parts if rng.random() < 0.3 else [rng.choice(parts)]):
                if part == "given":
                    given = rng.choice(spellings(given, origin))
                else:
                    family = rng.choice(spellings(family, origin))
    first, last = given, family
    if happens("name_order", 1.0 if origin in FAMILY_FIRST else _NON_FAMILY_FIRST_ORDER_SHARE):
        if origin is Origin.VIETNAMESE and " " in given and rng.random() < 0.5:
            first, last = given.split(" ")[-1], " ".join([family, *given.split(" ")[:-1]])
        else:
            first, last = family, given
    if happens("typo"):
        if rng.random() < 0.5:
            words = first.split(" ")
            i = rng.randrange(len(words))
            first = " ".join([*words[:i], typo(rng, words[i]), *words[i + 1:]])
        else:
            words = last.split(" ")
            i = rng.randrange(len(words))
            last = " ".join([*words[:i], typo(rng, words[i]), *words[i + 1:]])
    if happens("upper_case"):
        last = last.upper()

    aliases: list[str] = []
    if happens("alias"):
        for _ in range(2 if rng.random() < 0.25 else 1):
            alias = _alias(rng, truth, origin)
            if alias not in aliases and alias != f"{first} {last}":
                aliases.append(alias)

    # Date of birth: missing, estimated, day and month swapped, or a year out.
    dob, estimated = truth.date_of_birth, None
    roll = rng.random()
    for kind in ("dob_missing", "estimated_age", "dob_swapped", "dob_wrong_year"):
        if roll >= NOISE_RATES[kind] * messiness:
            roll -= NOISE_RATES[kind] * messiness
            continue
        if dob is None or (kind == "dob_swapped" and not day_month_swappable(dob)):
            break
        noise.append(kind)
        if kind == "estimated_age":
            estimated = estimate_age(rng, age_on(dob, on))
        dob = (None if kind in ("dob_missing", "estimated_age") else
               date(dob.year, dob.day, dob.month) if kind == "dob_swapped" else _wrong_year(dob, rng, on))
        break

    identifiers: list[tuple[IdentifierKind, str]] = []
    for phone in truth.phones:
        if happens("phone_missing"):
            continue
        if happens("phone_typo"):
            phone = _phone_typo(rng, phone)
        if happens("phone_format"):
            phone = _other_format(rng, phone, IdentifierKind.PHONE)
        identifiers.append((IdentifierKind.PHONE, phone))
    if shared_phone is not None and happens("shared_phone"):
        if rng.random() < 0.5:
            shared_phone = _other_format(rng, shared_phone, IdentifierKind.PHONE)
        identifiers.append((IdentifierKind.PHONE, shared_phone))

    address: str | None = truth.addresses[0] if truth.addresses else None
    roll = rng.random()
    if address is not None and roll < NOISE_RATES["address_missing"] * messiness:
        noise.append("address_missing")
        address = None
    elif address is not None and len(truth.addresses) > 1 and (
            roll - NOISE_RATES["address_missing"] * messiness < NOISE_RATES["other_address"] * messiness):
        noise.append("other_address")
        address = rng.choice(truth.addresses[1:])
    if address is not None:
        if happens("address_abbreviated"):
            address = _abbreviated_address(rng, address)
        if happens("address_format"):
            address = _formatted_address(rng, address)
        identifiers.append((IdentifierKind.ADDRESS, address))

    for id_kind, values, missing, fmt in (
        (IdentifierKind.VEHICLE, truth.vehicles, "vehicle_missing", "vehicle_format"),
        (IdentifierKind.DOCUMENT, truth.documents, "document_missing", "document_format"),
    ):
        for value in values:
            if happens(missing):
                continue
            identifiers.append((id_kind, _other_format(rng, value, id_kind) if happens(fmt) else value))

    return RecordedIdentity(
        first_name=first, last_name=last, aliases=tuple(aliases), date_of_birth=dob,
        estimated_age=estimated, identifiers=tuple(identifiers), noise=tuple(noise),
    )
