"""Greater Manchester Police's cases: a new car wash case whose suspect's phone matches one in
West Yorkshire, a triaged county line with a young person whose age is not sure, and a woman seen
taken between flats, recorded a month ago and not yet triaged."""

from __future__ import annotations

from datetime import date

from lantern.cases.demo.made_up import CONSENTED, GMP, SHARED_SUSPECT_PHONE, phone
from lantern.cases.demo.safeguarding_steps import Demo
from lantern.cases.rules import ExploitationType, Industry, InvolvementRole, NimLevel, Offence, Status
from lantern.safeguarding.models import SafetyArrangement


def car_wash(d: Demo) -> None:
    """Met at a car wash in Salford a few days ago; the NRM referral is still a draft."""
    victim = d.encounter(
        d.gmp, GMP, 1, 6, SafetyArrangement.Place.HOTEL_OR_BB, [ExploitationType.LABOUR],
        victim="gmp_car_wash_victim",
        seen="Hand car wash in Salford: workers living above the premises.",
        date_of_birth=date(1996, 9, 9), gender="male", nationality="Albanian", languages=["Albanian"])
    d.person(d.gmp, victim.investigation, "gmp_car_wash_owner", InvolvementRole.SUSPECT, gender="male",
             phones=[SHARED_SUSPECT_PHONE], addresses=["45 Placeholder Avenue, Manchester"])
    d.given_referral_to_support(d.gmp, victim, 5, "In person, with a telephone interpreter")
    d.draft(d.gmp, victim, 5, hour=14, consent=CONSENTED)


def county_line(d: Demo) -> None:
    """A young person on a county line into Leeds, whose age is disputed: referred, triaged."""
    case = d.record(
        d.gmp, GMP, 2, d.day(20), [Offence.MSA_S1], [ExploitationType.CRIMINAL_COUNTY_LINES],
        "A young person stopped at Manchester Piccadilly with drugs wrapped for sale, on his way to "
        "Leeds. Says he is 18; looks younger.", Industry.DRUG_SUPPLY, nim_level=NimLevel.CROSS_BORDER)
    runner = d.person(d.gmp, case, "gmp_runner", InvolvementRole.VICTIM, spoken_to=20, gender="male",
                      nationality="British", estimated_age=18, age_disputed=True, languages=["English"])
    d.safe(d.gmp, runner, SafetyArrangement.Place.LOCAL_AUTHORITY, 20, hour=22)
    d.refer(d.gmp, runner, started=19, submitted=19, uk_cities=["Manchester", "Leeds"],
            interpreter_language="",
            what_happened="Carrying drugs by train from Manchester to Leeds for people he owes money to.",
            how_exploitation_started="Offered money to carry a bag; later told he owed for a lost package.",
            living_conditions="Lives at home; stays in flats in Leeds for days at a time.",
            treatment="Threatened and assaulted when a package went missing.",
            exploitation_start=d.day(90), exploitation_end=d.day(20), still_in_exploitative_situation=True,
            current_city="Manchester", immigration_status="British citizen",
            local_authority_name="Manchester City Council", local_authority_phone="0161 496 0456")
    d.move(d.gmp, case, Status.TRIAGED, 18, note="Age assessment requested; link with West Yorkshire.")


def flats(d: Demo) -> None:
    """A neighbour's report of a woman driven to different flats each night: recorded, waiting."""
    case = d.record(
        d.gmp, GMP, 3, d.day(33), [Offence.MSA_S2], [ExploitationType.SEXUAL],
        "A woman seen being dropped at different flats each night by the same car; a neighbour reported "
        "it.", Industry.BROTHEL_SEX_INDUSTRY)
    d.person(d.gmp, case, "gmp_flat_victim", InvolvementRole.VICTIM, gender="female",
             nationality="Eritrean", estimated_age=25)
    d.person(d.gmp, case, "gmp_flat_witness", InvolvementRole.WITNESS, gender="female",
             phones=[phone(888)], addresses=["9 Example Street, Manchester"])
