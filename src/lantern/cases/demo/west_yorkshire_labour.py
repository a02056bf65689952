"""West Yorkshire's labour exploitation cases, at every stage from just recorded to closed.

A car wash (under investigation), a food factory (waiting for triage), a nail bar (recorded
yesterday), building sites (triaged), a packhouse (closed after conviction), farms (with the CPS)
and office cleaning (under investigation with the regional unit, a further recovery period).
"""

from __future__ import annotations

from datetime import date

from lantern.cases.demo.made_up import CONSENTED, DECLINED, SHARED_SUSPECT_PHONE, WY, phone
from lantern.cases.demo.safeguarding_steps import Demo
from lantern.cases.rules import (
    ExploitationLocation,
    ExploitationType,
    Industry,
    InvolvementRole,
    NimLevel,
    Offence,
    OutcomeType,
    Status,
    Team,
)
from lantern.safeguarding.models import Contact, SafetyArrangement, SupportAssignment
from lantern.safeguarding.rules.recovery import DecisionStage
from lantern.safeguarding.rules.victims_code import UpdateKind
from lantern.safeguarding.services import decisions


def car_wash(d: Demo) -> None:
    """Labour exploitation at a car wash: under investigation. One worker consented to an NRM
    referral (positive reasonable grounds after 13 December 2022: 30 days), one declined (an
    anonymous duty-to-notify notice). A Victims' Code update is overdue; the SCA wants
    information soon."""
    victim = d.encounter(
        d.officer, WY, 1, 118, SafetyArrangement.Place.HOTEL_OR_BB,
        [ExploitationType.LABOUR], victim="car_wash_victim",
        seen="Hand car wash on a retail park: five workers, no gloves or boots in the cold, living in a "
             "caravan behind the site. Two spoke to officers away from the supervisor.",
        date_of_birth=date(1994, 2, 11), gender="male", nationality="Romanian", languages=["Romanian"])
    case = d.describe(
        d.investigator, victim.investigation, [Offence.MSA_S1, Offence.MSA_S2], [ExploitationType.LABOUR],
        "Hand car wash on a retail park in Leeds. Workers recruited in Romania with promises of hotel "
        "work, charged a transport and housing debt, paid £10 a day. Five workers found; two "
        "disclosed. Site owner arrested; released under investigation.", Industry.CAR_WASH)
    d.given_referral_to_support(d.officer, victim, 117, "Phone call with an interpreter; referred to "
                                "the victim care contract provider")
    declined = d.person(d.officer, case, "car_wash_declined", InvolvementRole.VICTIM, spoken_to=118,
                        date_of_birth=date(1988, 7, 30), gender="male", nationality="Romanian",
                        languages=["Romanian"])
    d.safe(d.officer, declined, SafetyArrangement.Place.FAMILY_OR_FRIENDS, 118, hour=13,
           notes="Declined the hotel; staying with a friend in Bradford. Has the VLO's number.")
    d.person(d.officer, case, "car_wash_owner", InvolvementRole.SUSPECT,
             date_of_birth=date(1979, 12, 2), gender="male", nationality="British",
             phones=[SHARED_SUSPECT_PHONE], addresses=["Unit 3, Example Trading Estate, Leeds"])
    d.person(d.investigator, case, "packhouse_witness", InvolvementRole.WITNESS, gender="female",
             addresses=["2 Example Street, Leeds"])
    d.triage_and_allocate(case, triaged=116, allocated=113, started=112)

    referral = d.refer(
        d.officer, victim, started=117, submitted=116, consent=CONSENTED,
        uk_cities=["Leeds"], what_happened=(
            "Recruited through a social media advert for hotel work. On arrival his identity card was "
            "taken and he was told he owed £1,500 for transport and the caravan. Worked 06:30 to 21:00, "
            "seven days a week, for £10 a day paid in cash, some weeks nothing."),
        how_exploitation_started="A job advert on social media; a man met him at the coach station.",
        living_conditions="A caravan behind the car wash shared by five men, no heating, one toilet "
                          "in the car wash.",
        treatment="Shouted at and threatened with being reported to the police; identity card kept by "
                  "the owner; told his family at home knew where he was.",
        exploitation_start=d.day(390), exploitation_end=d.day(118),
        still_in_exploitative_situation=False, current_city="Leeds",
        immigration_status="EU Settlement Scheme: pre-settled status (applied for him by the owner)")
    d.decision(d.investigator, referral, DecisionStage.REASONABLE_GROUNDS, d.day(100))
    d.request(d.investigator, referral, received=6, due=-4,
              asked="For the conclusive grounds decision: any evidence corroborating the debt and the "
                    "hours worked (witness statements, CCTV, financial records).")
    d.refer(d.officer, declined, started=118, submitted=117, consent=DECLINED,
            refusal_reason="Does not want to be in contact with the Home Office; plans to return home.",
            uk_cities=["Leeds"],
            what_happened="Worked at a hand car wash for about six months for £10 a day, living on the "
                          "site, with a debt for transport he was told he could never pay off.")

    d.interpreter(d.investigator, victim, "Romanian", "male", "Interpreter R. Example")
    d.vlo_assigned(victim, 112)
    d.supporter(d.vlo, victim, SupportAssignment.Kind.NAVIGATOR, "Jo Sample (Justice and Care)",
                phone(201), 110)
    d.contact(d.vlo, victim, 112, Contact.Method.IN_PERSON,
              "Introduced myself as his single point of contact; explained the investigation and the "
              "Victims' Code. Telephone interpreter, male, as he asked.", interpreter_used=True)
    d.vlo_told(victim, UpdateKind.SUSPECT_ARRESTED, 61, 60, "In person, with the same interpreter")
    d.owed(d.investigator, victim, UpdateKind.SUSPECT_RELEASED_ON_BAIL_OR_RUI, 12)  # not told: overdue
    d.contact(d.vlo, victim, 30, Contact.Method.THROUGH_SUPPORT_WORKER,
              "Navigator says he has started work at a warehouse through an agency and is doing well.")
    d.line(case, "CCTV from the neighbouring units: arrivals and departures of workers", 112, 95,
           "Footage shows workers arriving in the owner's van at 06:30 and leaving after 21:00 on 26 of 28 "
           "days.")
    d.line(case, "Financial investigation: car wash takings and wage payments (production orders on "
                 "the business accounts)", 110)
    d.line(case, "Download and examine the owner's phone", 61)
    d.review(case, 90, "Reviewed the investigation plan. Directed a financial investigation and early "
                       "advice from the CPS; victim care is in place.")
    d.review(case, 20, "Financial investigation progressing. The victim has not been told the owner "
                       "was released under investigation: VLO to tell him this week.")


def food_factory_waiting(d: Demo) -> None:
    """Recorded by a frontline officer over a month ago and still waiting for triage."""
    victim = d.encounter(
        d.officer, WY, 5, 41, SafetyArrangement.Place.HOTEL_OR_BB, [ExploitationType.LABOUR],
        victim="factory_worker",
        seen="Woman approached officers at a bus stop at 05:00 asking for help: works nights at a food "
             "packing factory through a man who takes her wages.",
        date_of_birth=date(1985, 6, 19), gender="female", nationality="Polish", languages=["Polish"])
    d.describe(d.investigator, victim.investigation, [Offence.MSA_S1],
               [ExploitationType.LABOUR], "Night shifts at a food packing factory in Wakefield arranged by "
               "a man who holds her bank card and takes her wages for rent.", Industry.FOOD_PROCESSING)
    d.given_referral_to_support(d.officer, victim, 40, "In person, with a telephone interpreter")
    d.interpreter(d.officer, victim, "Polish", "female", "Interpreter P. Example")
    d.refer(d.officer, victim, started=41, submitted=40, consent=CONSENTED, uk_cities=["Wakefield"],
            what_happened="Recruited in Poland for factory work. A man who met her at the airport opened a "
                          "bank account for her, keeps the card and gives her £20 a week.",
            how_exploitation_started="A job offer from an acquaintance of her cousin.",
            living_conditions="A house shared by eleven workers, three to a room.",
            treatment="Told she owes for the flight, rent and transport; shouted at, never hit.",
            exploitation_start=d.day(330), exploitation_end=d.day(41),
            still_in_exploitative_situation=False, current_city="Leeds",
            immigration_status="EU Settlement Scheme: settled status")


def nail_bar_new(d: Demo) -> None:
    """Recorded yesterday by a frontline officer: an NRM referral in draft, a Victims' Code
    referral to support services due."""
    victim = d.encounter(
        d.officer, WY, 6, 1, SafetyArrangement.Place.SAFE_HOUSE, [ExploitationType.LABOUR],
        victim="nail_bar_worker",
        seen="Welfare visit to a nail bar with the local authority: a young woman sleeping in the back "
             "room, frightened to speak in front of the manager.",
        date_of_birth=date(2003, 8, 12), gender="female", nationality="Vietnamese",
        languages=["Vietnamese"])
    d.person(d.officer, victim.investigation, "nail_bar_owner", InvolvementRole.SUSPECT, gender="female",
             addresses=["1 Example Street, Leeds"])
    d.draft(d.officer, victim, 1, hour=15, consent=CONSENTED, uk_cities=["Leeds"],
            what_happened="Works twelve hours a day in a nail bar and sleeps in the back room; has not "
                          "been paid.")


def construction_triaged(d: Demo) -> None:
    """Triaged, waiting to be allocated: an intelligence-led construction case, victims not yet
    spoken to."""
    case = d.record(
        d.investigator, WY, 7, d.day(12), [Offence.MSA_S1], [ExploitationType.LABOUR],
        "Intelligence from the GLAA: labourers on building sites across West Yorkshire collected from a "
        "house each morning by the same van; wages paid into accounts controlled by a gangmaster.",
        Industry.CONSTRUCTION, organised_crime_involved=True, nim_level=NimLevel.CROSS_BORDER)
    d.person(d.investigator, case, "site_labourer", InvolvementRole.VICTIM, gender="male",
             nationality="Sudanese", languages=["Arabic"], estimated_age=30)
    d.person(d.investigator, case, "gangmaster", InvolvementRole.SUSPECT, gender="male",
             phones=[phone(777)], addresses=["45 Example Street, Huddersfield"])
    d.move(d.lead, case, Status.TRIAGED, 9, note="Modern slavery confirmed; needs the specialist unit "
           "and early financial work. Awaiting capacity.")


def packhouse_closed(d: Demo) -> None:
    """Closed normally after conviction: every victim spoken to and told, every line closed, a
    supervisor review recorded. Reasonable and conclusive grounds both positive."""
    case = d.record(
        d.investigator, WY, 8, d.day(430), [Offence.MSA_S1, Offence.MSA_S2], [ExploitationType.LABOUR],
        "Workers at a vegetable packhouse near Selby housed and transported by a gangmaster who took "
        "most of their wages. Gangmaster convicted and sentenced to six years; STPO made.",
        Industry.AGRICULTURE)
    victim = d.person(d.investigator, case, "packhouse_worker", InvolvementRole.VICTIM, spoken_to=429,
                      date_of_birth=date(1992, 3, 14), gender="male", nationality="Ghanaian",
                      languages=["English"])
    d.person(d.investigator, case, "farm_boss", InvolvementRole.SUSPECT, gender="male",
             nationality="British", date_of_birth=date(1969, 9, 9))
    d.triage_and_allocate(case, triaged=428, allocated=425, started=425)
    referral = d.refer(
        d.investigator, victim, started=428, submitted=427, consent=CONSENTED, uk_cities=["Selby"],
        interpreter_language="",
        what_happened="Packed vegetables twelve hours a day; the gangmaster took rent, transport and "
                      "'fees' from his wages, leaving about £30 a week.",
        how_exploitation_started="Recruited at a church in London with the offer of farm work.",
        living_conditions="A static caravan shared with five others.",
        treatment="Threatened with eviction and with the police; bank card kept by the gangmaster.",
        exploitation_start=d.day(700), exploitation_end=d.day(430), still_in_exploitative_situation=False,
        current_city="Leeds", immigration_status="Skilled worker visa, sponsor licence revoked")
    d.decision(d.investigator, referral, DecisionStage.REASONABLE_GROUNDS, d.day(410))
    d.decision(d.investigator, referral, DecisionStage.CONCLUSIVE_GROUNDS, d.day(250))
    d.vlo_assigned(victim, 425)
    d.line(case, "Payroll and bank records from the packhouse and the gangmaster", 425, 300,
           "Wages paid into accounts the gangmaster controlled; £210,000 over two years.")
    d.line(case, "Identify and speak to the other workers housed at the caravans", 425, 330,
           "Eleven workers traced; four gave statements.")
    d.review(case, 320, "Evidence supports charge without relying on the victims alone: submit to the CPS.")
    d.move(d.investigator, case, Status.WITH_JUSTICE, 300, note="Charged with s1 and s2 offences.")
    # The charge, trial, sentence, order and the updates they owe him: justice_stories.packhouse_conviction.
    d.told_of_closure(d.vlo, victim, 31)
    d.close(d.investigator, case, OutcomeType.CHARGED, 30)
    d.vlo_told(victim, UpdateKind.INVESTIGATION_CLOSED, 30, 30, "Letter")


def farm_with_justice(d: Demo) -> None:
    """Labour exploitation on farms: charged, with the CPS."""
    case = d.record(
        d.investigator, WY, 11, d.day(260), [Offence.MSA_S1], [ExploitationType.LABOUR],
        "Men recruited in Poland to pick vegetables, housed in a barn, wages withheld. Farm labour "
        "provider charged; awaiting trial.", Industry.AGRICULTURE)
    victim = d.person(d.investigator, case, "farm_victim", InvolvementRole.VICTIM, spoken_to=259,
                      date_of_birth=date(1979, 2, 2), gender="male", nationality="Polish",
                      languages=["Polish"])
    d.triage_and_allocate(case, triaged=258, allocated=255, started=254)
    d.owed(d.investigator, victim, UpdateKind.REFERRAL_TO_SUPPORT_SERVICES, 259, given=258,
           how="Referred to the victim care contract")
    d.interpreter(d.investigator, victim, "Polish", "male", "Interpreter P. Example")
    d.line(case, "Statements from the other pickers", 254, 150, "Six statements taken.")
    d.review(case, 140, "Ready for a charging decision.")
    d.move(d.investigator, case, Status.WITH_JUSTICE, 120, note="Charged on CPS advice.")
    d.vlo_told(victim, UpdateKind.SUSPECT_CHARGED, 120, 119, "Phone call")
    d.owed(d.investigator, victim, UpdateKind.BAIL_CONDITIONS_CHANGED, 8)  # not told: overdue


def cleaning_further_recovery(d: Demo) -> None:
    """Office cleaning crews run by an organised group, allocated to the regional unit's team: the
    victim was granted a further recovery period (allowed from 30 January 2023)."""
    case = d.record(
        d.investigator, WY, 12, d.day(160), [Offence.MSA_S1, Offence.MSA_S2], [ExploitationType.LABOUR],
        "Night cleaning crews in offices across Leeds and Sheffield supplied by a company whose "
        "directors control the workers' bank accounts and housing.", Industry.CLEANING,
        exploitation_location=ExploitationLocation.UK_AND_OVERSEAS, organised_crime_involved=True,
        nim_level=NimLevel.CROSS_BORDER)
    victim = d.person(d.investigator, case, "cleaning_victim", InvolvementRole.VICTIM, spoken_to=158,
                      date_of_birth=date(1983, 12, 1), gender="female", nationality="Filipino",
                      languages=["Tagalog", "English"], phones=[phone(620)])
    d.person(d.investigator, case, "cleaning_boss", InvolvementRole.SUSPECT, gender="male",
             nationality="British", addresses=["10 Example Street, Sheffield"])
    d.safe(d.investigator, victim, SafetyArrangement.Place.SAFE_HOUSE, 158)
    d.triage_and_allocate(case, triaged=157, allocated=150, started=149, team=Team.ROCU)
    referral = d.refer(
        d.investigator, victim, started=157, submitted=156, consent=CONSENTED,
        uk_cities=["Leeds", "Sheffield"], overseas_countries=["Philippines"],
        what_happened="Recruited abroad for cleaning work with a fee of £4,000 deducted from wages. "
                      "Cleaned offices at night and a director's house by day, for almost no pay.",
        how_exploitation_started="A recruitment agency abroad charged a fee and arranged a visa.",
        living_conditions="A two-bedroom flat shared by nine cleaners.",
        treatment="Bank card and passport kept by a director; threatened with deportation.",
        exploitation_start=date(2024, 2, 1), exploitation_end=d.day(160),
        still_in_exploitative_situation=False, current_city="Leeds",
        immigration_status="Seasonal worker visa expired; asylum not claimed")
    d.decision(d.investigator, referral, DecisionStage.REASONABLE_GROUNDS, d.day(130))
    decisions.further_recovery_record(
        user=d.investigator, referral_id=referral.pk, on=d.day(35), days=45,
        reason="She is a key witness and at risk of re-trafficking; her support provider asked for "
               "more time while the trial date is set.")
    d.interpreter(d.investigator, victim, "Tagalog", "female", "Interpreter T. Sample")
    d.vlo_assigned(victim, 149)
    d.vlo_told(victim, UpdateKind.SUSPECT_ARRESTED, 100, 99, "In person")
    d.vlo_told(victim, UpdateKind.SUSPECT_RELEASED_ON_BAIL_OR_RUI, 98, 98,
               "Phone call: released on bail, not to contact any worker")
    d.line(case, "Company accounts and directors' bank accounts (regional financial investigators)", 149)
    d.line(case, "Identify the other cleaners from rotas and building access records", 149, 90,
           "Twenty-three cleaners identified; seven gave statements.")
    d.review(case, 80, "Joint work with the regional unit is going well; set a date for a file to the CPS.")
