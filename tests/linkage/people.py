"""Hand-made person records whose truth is known, shared by the engine's tests."""

from __future__ import annotations

from datetime import date

from lantern.linkage.records import PersonRecord as P

# Each person's records, as different forces might have typed them. The truth is the grouping.
PEOPLE: dict[str, list[P]] = {
    "aleksandr": [
        P("a1", "MET", given_name="Aleksandr", family_name="Petrov", date_of_birth=date(1990, 3, 5),
          phones=("07700 900123",), sex="male"),
        # Transliterated by another force, with day and month swapped.
        P("a2", "WMP", full_name="Александр Петров", date_of_birth=date(1990, 5, 3), sex="M"),
        # Surname first, a diminutive, and the phone written the international way.
        P("a3", "GMP", full_name="PETROV Sasha", date_of_birth=date(1990, 3, 5),
          phones=("+44 (0)7700 900123",)),
    ],
    "robert": [
        P("b1", "WYP", given_name="Robert", family_name="Smith", date_of_birth=date(1985, 7, 21),
          addresses=("Flat 2, 10 Church Road, Bradford BD1 1AA",), towns=("Bradford",)),
        # A nickname, and moved house.
        P("b2", "HUM", given_name="Bob", family_name="Smith", date_of_birth=date(1985, 7, 21),
          addresses=("5 Mill Lane, Hull HU1 2AB",), towns=("Hull",)),
        # A typo in the family name, the old address written differently.
        P("b3", "WYP", given_name="Robert", family_name="Smyth", date_of_birth=date(1985, 7, 21),
          addresses=("10 church rd, flat 2",), postcodes=("bd11aa",)),
    ],
    "mohammed": [
        P("c1", "LAN", given_name="Mohammed", family_name="Khan", date_of_birth=date(1978, 11, 2),
          nationality="Pakistani", phones=("07700 900456",)),
        P("c2", "MET", given_name="Muhammad", family_name="Khan", date_of_birth=date(1978, 11, 2),
          nationality="Pakistan"),
    ],
    "anh": [
        P("d1", "MET", full_name="NGUYEN Anh", date_of_birth=date(2001, 1, 15), sex="female"),
        P("d2", "KEN", given_name="Anh", family_name="Nguyễn", date_of_birth=date(2001, 1, 15), sex="F"),
        # Written family name first in the given-name field, by someone who did not know.
        P("d3", "ESS", given_name="Nguyen", family_name="Anh", date_of_birth=date(2001, 1, 15)),
    ],
    "ilir": [
        # Only an estimated age at first.
        P("e1", "NCA", given_name="Ilir", family_name="Hoxha", estimated_age=25, age_on=date(2023, 6, 1),
          nationality="Albanian"),
        P("e2", "MET", given_name="Ilir", family_name="Hoxha", date_of_birth=date(1998, 2, 10),
          nationality="ALB"),
    ],
    "arben": [
        P("f1", "MET", given_name="Arben", family_name="Krasniqi", aliases=("Beni Kola",),
          date_of_birth=date(1988, 4, 4)),
        # Known to another force only by his alias.
        P("f2", "SUR", given_name="Beni", family_name="Kola", date_of_birth=date(1988, 4, 4)),
    ],
    "katarzyna": [
        P("g1", "NOT", given_name="Katarzyna", family_name="Kowalska", date_of_birth=date(1995, 9, 9),
          vehicles=("AB12 CDE",)),
        P("g2", "DER", given_name="Kasia", family_name="Kowalksa", vehicles=("ab12cde",)),
    ],
    # Strangers sharing a common name: three different men called John Smith, two Mohammed Khans.
    "john 1": [P("j1", "MET", given_name="John", family_name="Smith", date_of_birth=date(1970, 1, 1),
                 towns=("London",), phones=("07700 900001",))],
    "john 2": [P("j2", "GMP", given_name="John", family_name="Smith", date_of_birth=date(1992, 8, 19),
                 towns=("Manchester",), phones=("07700 900002",))],
    "john 3": [P("j3", "WMP", given_name="John", family_name="Smith", towns=("Birmingham",),
                 addresses=("4 Station Road, Birmingham B1 1AA",))],
    "mohammed 2": [P("c3", "WMP", given_name="Mohammed", family_name="Khan",
                     date_of_birth=date(1999, 6, 30))],
}
PEOPLE.update({
    f"stranger {i}": [P(f"s{i}", "BTP", given_name=given, family_name=family, date_of_birth=dob)]
    for i, (given, family, dob) in enumerate([
        ("Maria", "Ionescu", date(1993, 2, 2)), ("Tom", "Jones", date(1960, 12, 1)),
        ("Ahmed", "Ali", date(1999, 3, 3)), ("Olga", "Ivanova", date(1980, 7, 7)),
        ("Ivan", "Ivanov", date(1975, 5, 5)), ("Liam", "Murphy", date(2000, 10, 10)),
    ])
})
RECORDS = [r for records in PEOPLE.values() for r in records]
TRUTH = {r.unique_id: person for person, records in PEOPLE.items() for r in records}
BY_ID = {r.unique_id: r for r in RECORDS}


def partition(clusters: dict[str, str]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for uid, cid in clusters.items():
        groups.setdefault(cid, set()).add(uid)
    return {frozenset(g) for g in groups.values()}
