"""West Yorkshire's sexual, criminal and domestic servitude cases.

A brothel network (charged, from 2022: the 45-day recovery period), a child on a county line
(under investigation), domestic servitude (allocated; a disclosure refused), a cannabis gardener
who is victim and suspect (a disclosure awaiting approval), a hotel case closed by a supervisor's
override and forced shoplifting closed normally.
"""

from __future__ import annotations

from datetime import date

from lantern.cases.demo.made_up import (
    CONSENTED,
    IMMIGRATION_ENFORCEMENT,
    LEEDS_CHILDRENS_PHONE,
    LEEDS_CHILDRENS_SERVICES,
    WY,
    phone,
)
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
from lantern.safeguarding.rules.disclosure import LegalBasis, Purpose
from lantern.safeguarding.rules.recovery import DecisionStage
from lantern.safeguarding.rules.victims_code import UpdateKind


def brothel(d: Demo) -> None:
    """Sexual exploitation, recorded in 2022: positive reasonable grounds before 13 December 2022
    (45-day recovery period), then positive conclusive grounds. Charged: with the CPS and courts."""
    recorded = date(2022, 9, 14)
    case = d.record(
        d.investigator, WY, 417, recorded, [Offence.MSA_S2], [ExploitationType.SEXUAL],
        "Warrant at a residential brothel in Leeds. Women moved between addresses in Leeds, Bradford "
        "and Sheffield and advertised online. Two suspects charged with arranging travel with a view "
        "to exploitation; trial listed at Leeds Crown Court.",
        Industry.BROTHEL_SEX_INDUSTRY, exploitation_location=ExploitationLocation.UK_AND_OVERSEAS,
        organised_crime_involved=True, nim_level=NimLevel.CROSS_BORDER)
    victim = d.person(d.investigator, case, "brothel_victim", InvolvementRole.VICTIM, spoken_to=recorded,
                      date_of_birth=date(1997, 5, 3), gender="female", nationality="Albanian",
                      languages=["Albanian"], phones=[phone(311)])
    d.safe(d.investigator, victim, SafetyArrangement.Place.SAFE_HOUSE, recorded,
           notes="Salvation Army safe house outside West Yorkshire.", hour=18)
    for key, born in (("brothel_controller", date(1984, 1, 9)), ("brothel_driver", date(1991, 10, 21))):
        d.person(d.investigator, case, key, InvolvementRole.SUSPECT, date_of_birth=born,
                 gender="male" if key == "brothel_controller" else "female", nationality="Albanian")
    d.triage_and_allocate(case, triaged=date(2022, 9, 15), allocated=date(2022, 9, 16),
                          started=date(2022, 9, 16), supervisor=d.lead)
    referral = d.refer(
        d.investigator, victim, started=date(2022, 9, 15), submitted=date(2022, 9, 16),
        consent=CONSENTED, uk_cities=["Leeds", "Bradford", "Sheffield"],
        overseas_countries=["Albania"],
        what_happened="Brought to the UK by a man she believed was her boyfriend. Made to sell sex in "
                      "flats in three cities, moved every few weeks, all money taken.",
        how_exploitation_started="A relationship that began online; he paid for the journey.",
        living_conditions="Locked flats, shared bedrooms, food brought in by a driver.",
        treatment="Beaten, threatened that her family would be hurt, passport kept by the man.",
        exploitation_start=date(2021, 11, 1), exploitation_end=recorded,
        still_in_exploitative_situation=False, current_city="Leeds",
        immigration_status="No leave; asylum claim made after the referral")
    d.decision(d.investigator, referral, DecisionStage.REASONABLE_GROUNDS, date(2022, 10, 20))
    d.decision(d.investigator, referral, DecisionStage.CONCLUSIVE_GROUNDS, date(2023, 8, 9))
    d.request(d.investigator, referral, received=date(2023, 5, 2), due=date(2023, 5, 30),
              asked="The account given in her ABE interview, for the conclusive grounds decision.",
              answered=date(2023, 5, 24),
              answer="Summary of the ABE interview and the charging decision sent by secure email.")
    d.interpreter(d.investigator, victim, "Albanian", "female", "Interpreter A. Sample")
    d.vlo_assigned(victim, date(2022, 9, 16))
    d.supporter(d.vlo, victim, SupportAssignment.Kind.SUPPORT_WORKER,
                "Sam Example (victim care contract)", phone(312), date(2022, 9, 15))
    d.vlo_told(victim, UpdateKind.SUSPECT_ARRESTED, recorded, date(2022, 9, 15),
               "In person at the safe house, with the interpreter")
    d.move(d.investigator, case, Status.WITH_JUSTICE, date(2023, 11, 20),
           note="Both suspects charged on CPS advice.")
    # The charges, hearings and the update they owe her: justice_stories.brothel_prosecution.
    d.vlo_told(victim, UpdateKind.BAIL_CONDITIONS_CHANGED, 25, 24,
               "Phone call with the interpreter: the driver's curfew was lifted")
    d.contact(d.vlo, victim, 24, Contact.Method.PHONE,
              "Told her the driver's bail conditions changed; talked through special measures for the "
              "trial (screens, live link).", interpreter_used=True)
    for raised, closed, text, result in (
        (date(2022, 9, 16), date(2023, 2, 1), "Advertising websites: subscriber and payment data",
         "Adverts paid for from the controller's account."),
        (date(2022, 9, 16), date(2023, 6, 12), "Financial investigation and money flows to Albania",
         "Transfers of £84,000 over 10 months; restraint order obtained."),
    ):
        d.line(case, text, raised, closed, result)
    d.review(case, date(2022, 10, 3), "Cross-border: ROCU informed; keep as a force investigation with "
             "ROCU financial support.", reviewer=d.lead)
    d.review(case, date(2023, 11, 1), "File ready for a charging decision.", reviewer=d.lead)


def county_lines_child(d: Demo) -> None:
    """Criminal exploitation on a county line, with a child victim: referred into the NRM without
    consent being asked; a night in a police station, with the reason; an ICTG; an information
    request from the SCA that is overdue."""
    child = d.encounter(
        d.officer, WY, 2, 64, SafetyArrangement.Place.POLICE_STATION,
        [ExploitationType.CRIMINAL_COUNTY_LINES], victim="county_lines_child",
        why_police_station="Found at 02:10 in an address used to sell drugs. The children's services "
                           "emergency duty team had no placement until the morning: he stayed in the "
                           "station's family room, not a cell, with an appropriate adult.",
        seen="A 16-year-old from Manchester found in a flat used to sell crack cocaine and heroin; "
             "two phones, £400 cash, drugs wrapped for sale. Reported missing from home three days ago.",
        date_of_birth=d.day(16 * 365 + 120), gender="male", nationality="British", languages=["English"])
    case = d.describe(
        d.investigator, child.investigation, [Offence.MSA_S1, Offence.MSA_S2],
        [ExploitationType.CRIMINAL_COUNTY_LINES],
        "County line run from Manchester into Leeds. A 16-year-old found at an address used to sell "
        "drugs. Line holder identified and arrested; phone downloads under way.", Industry.DRUG_SUPPLY,
        organised_crime_involved=True, nim_level=NimLevel.CROSS_BORDER)
    d.given_referral_to_support(d.officer, child, 63, "Referred to Leeds children's services and the "
                                "ICTG service; explained to him and his mother in person")
    d.safe(d.officer, child, SafetyArrangement.Place.LOCAL_AUTHORITY, 63, hour=9,
           notes="Emergency foster placement through Leeds children's services.")
    d.person(d.investigator, case, "line_holder", InvolvementRole.SUSPECT,
             date_of_birth=date(2001, 4, 17), gender="male", nationality="British",
             phones=[phone(456)], addresses=["7 Specimen Close, Leeds"])
    d.triage_and_allocate(case, triaged=62, allocated=60, started=59, team=Team.PUBLIC_PROTECTION)
    referral = d.refer(
        d.officer, child, started=63, submitted=63, uk_cities=["Manchester", "Leeds"],
        interpreter_language="",
        what_happened="Groomed by older boys with gifts and cannabis, then told he owed them for a "
                      "stolen package. Sent to Leeds to sell drugs from a flat for several days at a time.",
        how_exploitation_started="A debt manufactured after a staged robbery of drugs he was holding.",
        living_conditions="Slept on a mattress in the flat, fed takeaway food, not allowed out.",
        treatment="Threats of violence to him and his family; his phone taken and replaced with a "
                  "work phone.",
        exploitation_start=d.day(140), exploitation_end=d.day(64), still_in_exploitative_situation=False,
        current_city="Leeds", immigration_status="British citizen",
        local_authority_name=LEEDS_CHILDRENS_SERVICES, local_authority_phone=LEEDS_CHILDRENS_PHONE)
    d.decision(d.investigator, referral, DecisionStage.REASONABLE_GROUNDS, d.day(45))
    d.request(d.investigator, referral, received=20, due=6,
              asked="The circumstances in which he was found and any evidence of the line's control "
                    "over him (messages from the deal line).")
    d.supporter(d.investigator, child, SupportAssignment.Kind.ICTG, "Chris Example (Barnardo's ICTG)",
                phone(310), 62)
    d.vlo_assigned(child, 60)
    d.contact(d.vlo, child, 58, Contact.Method.IN_PERSON,
              "Met him with his ICTG and foster carer. Explained what happens next; he is worried about "
              "being seen as a grass.")
    d.vlo_told(child, UpdateKind.SUSPECT_ARRESTED, 30, 29, "In person, with his ICTG present")
    d.owed(d.investigator, child, UpdateKind.SUSPECT_INTERVIEWED_UNDER_CAUTION, 0)  # due, not overdue
    d.line(case, "Download the child's phones for messages from the deal line", 60, 41,
           "Deal-line messages direct him to addresses in Leeds; sender attributed to the line holder.")
    d.line(case, "Cell site analysis of the deal line " + phone(456), 41)
    d.review(case, 40, "Treat him as a victim first: s45 defence applies to the possession offences. "
                       "Link with Greater Manchester Police about the line's Manchester end.")


def domestic_servitude(d: Demo) -> None:
    """Domestic servitude: allocated, not yet started. A disclosure to immigration enforcement was
    asked for and refused by the supervisor."""
    case = d.record(
        d.investigator, WY, 3, d.day(28), [Offence.MSA_S1], [ExploitationType.DOMESTIC_SERVITUDE],
        "Referred by a charity: a woman working unpaid as a live-in housekeeper and nanny for a family in "
        "Wakefield for four years; passport held by the employers.", Industry.DOMESTIC_HOUSEHOLD,
        exploitation_location=ExploitationLocation.UK_AND_OVERSEAS)
    victim = d.person(d.investigator, case, "servitude_victim", InvolvementRole.VICTIM, spoken_to=27,
                      date_of_birth=date(1990, 11, 2), gender="female", nationality="Nigerian",
                      languages=["Yoruba", "English"])
    d.person(d.investigator, case, "servitude_employer", InvolvementRole.SUSPECT,
             date_of_birth=date(1975, 6, 5), gender="male", nationality="British",
             addresses=["14 Sample Road, Wakefield"])
    d.safe(d.investigator, victim, SafetyArrangement.Place.SAFE_HOUSE, 27)
    d.owed(d.investigator, victim, UpdateKind.REFERRAL_TO_SUPPORT_SERVICES, 27, given=26,
           how="In person, referred to the victim care contract")
    d.refer(d.investigator, victim, started=27, submitted=25, consent=CONSENTED,
            uk_cities=["Wakefield"], overseas_countries=["Nigeria"],
            what_happened="Came to the UK on a domestic worker visa with a family she had worked for "
                          "abroad. Worked from 06:00 to midnight cooking, cleaning and caring for three "
                          "children, never paid, never allowed out alone.",
            how_exploitation_started="Offered a job abroad through her church; the family paid for the visa.",
            living_conditions="A mattress in the children's room; ate leftovers.",
            treatment="Passport kept by the employers; told she would be arrested if she left.",
            exploitation_start=date(2022, 8, 1), exploitation_end=d.day(28),
            still_in_exploitative_situation=False, current_city="Leeds",
            immigration_status="Overstayed an overseas domestic worker visa")
    d.triage_and_allocate(case, triaged=25, allocated=21, supervisor=d.lead)
    d.interpreter(d.investigator, victim, "Yoruba", "female", "Interpreter Y. Sample")
    d.supporter(d.vlo, victim, SupportAssignment.Kind.SUPPORT_WORKER,
                "Alex Sample (victim care contract)", phone(402), 22)
    d.disclose(d.investigator, victim, 20, purpose=Purpose.IMMIGRATION_OFFENCE_SUSPECTED,
               legal_basis=LegalBasis.IAA_1999_S20,
               what_shared="Name, date of birth and passport details; she says she overstayed her visa.",
               recipient=IMMIGRATION_ENFORCEMENT, victim_told=False,
               reason_not_told="Not yet told: she will be told at the next contact with her interpreter.",
               refused_ago=19,
               refusal_note="Refused. She is in the NRM and protected from immigration enforcement until "
                            "the conclusive grounds decision; sharing serves no policing purpose now. "
                            "Her support worker will link her to a regulated immigration adviser.")


def cannabis(d: Demo) -> None:
    """Cannabis cultivation: the gardener is a victim and a suspect (s45 to consider). Positive
    reasonable grounds (30-day recovery period); a disclosure awaits the supervisor's approval."""
    case = d.record(
        d.investigator, WY, 4, d.day(75), [Offence.MSA_S2], [ExploitationType.CRIMINAL_CANNABIS],
        "Warrant at a house in Bradford converted into a cannabis farm (about 400 plants). A young man "
        "found locked inside tending the plants; arrested, then treated as a potential victim.",
        Industry.DRUG_SUPPLY, exploitation_location=ExploitationLocation.UK_AND_OVERSEAS,
        organised_crime_involved=True)
    gardener = d.person(d.investigator, case, "cannabis_gardener", InvolvementRole.VICTIM_AND_SUSPECT,
                        spoken_to=74, date_of_birth=d.day(19 * 365 + 200), gender="male",
                        nationality="Vietnamese", languages=["Vietnamese"])
    d.person(d.investigator, case, "cannabis_landlord", InvolvementRole.SUSPECT, gender="male",
             nationality="British", addresses=["12 Sample Road, Bradford"], phones=[phone(515)])
    d.safe(d.investigator, gardener, SafetyArrangement.Place.SAFE_HOUSE, 74, hour=19,
           notes="Released from custody to a safe house the same evening.")
    d.triage_and_allocate(case, triaged=74, allocated=73, started=73)
    referral = d.refer(
        d.investigator, gardener, started=74, submitted=73, consent=CONSENTED,
        uk_cities=["Bradford"], overseas_countries=["Vietnam"],
        what_happened="Travelled overland and by lorry to the UK owing a smuggling debt; taken straight "
                      "to a house where he was locked in to water and feed cannabis plants.",
        how_exploitation_started="A debt of about $20,000 to the people who arranged his journey.",
        living_conditions="Slept on the floor between the plants; windows boarded; food left weekly.",
        treatment="Locked in; told his family in Vietnam would pay if he ran.",
        exploitation_start=d.day(200), exploitation_end=d.day(75), still_in_exploitative_situation=False,
        current_city="Leeds", immigration_status="No leave: entered clandestinely")
    d.decision(d.investigator, referral, DecisionStage.REASONABLE_GROUNDS, d.day(50))
    d.interpreter(d.investigator, gardener, "Vietnamese", "male", "Interpreter V. Specimen")
    d.vlo_assigned(gardener, 73)
    d.owed(d.investigator, gardener, UpdateKind.REFERRAL_TO_SUPPORT_SERVICES, 74, given=74,
           how="In custody, with a telephone interpreter")
    d.contact(d.vlo, gardener, 40, Contact.Method.IN_PERSON,
              "Explained the recovery period and that the s45 defence is being considered.",
              interpreter_used=True)
    d.line(case, "Consider the s45 defence for the cultivation offence: compulsion, and whether a "
                 "reasonable person would have had no realistic alternative", 73)
    d.line(case, "Trace the property's owner and lettings agent", 73, 52,
           "Let through an agent to a false identity; the landlord is suspected of knowing.")
    d.review(case, 45, "Keep the s45 line open until the CPS gives early advice; do not charge the "
                       "gardener meanwhile.")
    d.disclose(d.investigator, gardener, 3, purpose=Purpose.PREVENTION_OR_DETECTION_OF_CRIME,
               legal_basis=LegalBasis.IAA_1999_S20,
               what_shared="Fingerprints and custody photograph, to identify the smuggling network "
                           "from its other victims.",
               recipient="Immigration Enforcement Criminal and Financial Investigation, Yorkshire",
               victim_told=True)


def hotel_closed_by_override(d: Demo) -> None:
    """Closed by a supervisor's override: the victim went home and could not be told."""
    case = d.record(
        d.investigator, WY, 9, d.day(200), [Offence.MSA_S2], [ExploitationType.SEXUAL],
        "A woman found by hotel staff in Leeds after being advertised online for sex; she said she had "
        "been moved between hotels by men she could not name.", Industry.HOSPITALITY)
    victim = d.person(d.investigator, case, "hotel_victim", InvolvementRole.VICTIM, spoken_to=199,
                      date_of_birth=date(1999, 1, 25), gender="female", nationality="Nigerian",
                      languages=["English"])
    d.safe(d.investigator, victim, SafetyArrangement.Place.SAFE_HOUSE, 199)
    d.triage_and_allocate(case, triaged=197, allocated=195, started=195)
    d.line(case, "Hotel bookings and payment cards", 195, 150, "Bookings made with stolen cards; no suspect.")
    d.line(case, "Advertising website: subscriber data", 195, 120, "Accounts registered abroad; no suspect.")
    d.review(case, 110, "No suspect identified after all reasonable lines. Close once she is told.")
    for days_ago, summary in ((100, "No answer on her phone; message left."),
                              (90, "Support provider says she returned to Nigeria in August."),
                              (70, "Asked the support provider to pass on a message; no reply.")):
        d.contact(d.vlo, victim, days_ago, Contact.Method.PHONE if days_ago == 100
                  else Contact.Method.THROUGH_SUPPORT_WORKER, summary)
    d.close(d.supervisor, case, OutcomeType.NO_SUSPECT_IDENTIFIED, 60,
            override_reason="She returned home through the voluntary returns service and three attempts "
                            "to reach her have failed (see contacts). All lines are closed and no suspect "
                            "is identified; the VLO will tell her if she gets in touch.")


def shoplifting_closed(d: Demo) -> None:
    """Forced shoplifting, closed normally: evidential difficulties, the victim does not support."""
    case = d.record(
        d.investigator, WY, 10, d.day(180), [Offence.MSA_S2], [ExploitationType.CRIMINAL_OTHER],
        "A man arrested for shoplifting in Bradford said he was made to steal to order by the man he "
        "lived with.", Industry.OTHER)
    victim = d.person(d.investigator, case, "shoplifting_victim", InvolvementRole.VICTIM_AND_SUSPECT,
                      spoken_to=180, date_of_birth=date(1986, 4, 4), gender="male",
                      nationality="Romanian", languages=["Romanian"])
    d.person(d.investigator, case, "shoplifting_suspect", InvolvementRole.SUSPECT, gender="male",
             addresses=["3 Example Street, Bradford"])
    d.triage_and_allocate(case, triaged=176, allocated=172, started=170)
    d.line(case, "Shop CCTV and the suspect's phone", 170, 120,
           "Suspect seen nearby on two occasions; nothing shows direction.")
    d.review(case, 100, "The victim has withdrawn support; no independent evidence. Close with outcome 16.")
    d.told_of_closure(d.vlo, victim, 91)
    d.close(d.investigator, case, OutcomeType.SUSPECT_EVIDENTIAL_DIFFICULTIES_VICTIM_DECLINES, 90)
    d.vlo_told(victim, UpdateKind.INVESTIGATION_CLOSED, 90, 90, "Phone call with an interpreter")
