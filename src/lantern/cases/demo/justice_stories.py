"""The justice side of the demo's cases, told after the casework and safeguarding stories.

Victims who offended (the cannabis gardener, the forced shoplifter): the s45 defence applies, the
offence is not pursued and the exploiter's crime stands. The brothel network: both suspects
charged, the driver's claim of coercion considered (a Schedule 4 offence). The packhouse: convicted
after trial, six years and a prevention order whose review falls due soon. A takeaway kitchen:
acquitted when the victim withdrew. The car wash group: recorded by West Yorkshire, with a risk
order breached by its principal, then linked by Greater Manchester when the shared phone turned up
in Salford. Office cleaning: an interim risk order refused. Disruptions with one threat type and
with several.
"""

from __future__ import annotations

from datetime import date

from lantern.cases.demo.justice_steps import JusticeDemo
from lantern.cases.demo.made_up import GMP, WY
from lantern.cases.rules import (
    ExploitationType,
    GroupRole,
    Industry,
    InvolvementRole,
    Offence,
    OutcomeType,
    Status,
)
from lantern.justice.rules.disruptions import Impact, Tactic, ThreatType
from lantern.justice.rules.orders import OrderKind, earliest_end
from lantern.justice.rules.prosecution import NonConvictionReason, ReferralKind, Verdict
from lantern.legal.rules import long_date
from lantern.safeguarding.models import Contact
from lantern.safeguarding.rules.victims_code import UpdateKind

MSHT = ThreatType.MODERN_SLAVERY_HUMAN_TRAFFICKING
CAR_WASH_GROUP = "Leeds hand car wash network"


def victims_who_offended(d: JusticeDemo) -> None:
    """The s45 defence applies to the cannabis gardener (after early advice from the CPS) and to the
    forced shoplifter: neither offence is pursued; each case records the exploiter's crime."""
    case = d.case(WY, 4)
    gardener, landlord = d.involved(case, "cannabis_gardener"), d.involved(case, "cannabis_landlord")
    for suspect in (gardener, landlord):
        d.refer_to_cps(d.investigator, suspect, 44, kind=ReferralKind.EARLY_INVESTIGATIVE_ADVICE)
    d.consider_s45(
        d.investigator, gardener, 30, "Producing a controlled drug of class B (cannabis), Misuse of Drugs "
        "Act 1971 s4(2)",
        "Compelled: locked in the house, his family in Vietnam threatened over a smuggling debt "
        "(his account, the boarded windows and padlocks found on the warrant, positive reasonable "
        "grounds). The compulsion is a direct consequence of his trafficking. A reasonable 19-year-old "
        "with no English, no documents and no money, locked in, had no realistic alternative. The CPS "
        "advised (early investigative advice) that the offence should not be pursued.")
    d.close_line(case, "Consider the s45 defence", 30,
                 "The defence applies; the cultivation offence is not pursued (CPS early advice). The "
                 "exploiters' s2 crime stands in this investigation.")
    d.contact(d.vlo, gardener, 29, Contact.Method.IN_PERSON,
              "Told him, with the interpreter, that he will not be prosecuted for the cannabis and that "
              "the investigation is now into the people who held him.", interpreter_used=True)
    d.disrupt(d.investigator, 75, [MSHT, ThreatType.DRUGS_SUPPLY_COUNTY_LINES,
                                   ThreatType.ORGANISED_IMMIGRATION_CRIME], Tactic.WARRANT, Impact.MODERATE,
              "The farm was one of several the smuggling network runs; it lost 400 plants and a "
              "gardener but not its organisers.",
              "Warrant at a cannabis farm in Bradford: about 400 plants seized, the power bypass "
              "removed, a trafficked gardener recovered.", case=case)
    shoplifter = d.involved(d.case(WY, 10), "shoplifting_victim")
    d.consider_s45(
        d.investigator, shoplifter, 168, "Theft from shops on six occasions, Theft Act 1968 s1",
        "Made to steal to order by the man he lived with, who kept his passport and took everything "
        "he stole (his account, consistent with the shop CCTV of the suspect nearby). A reasonable "
        "person in his position, owing a debt and threatened with eviction onto the street, had no "
        "realistic alternative. The thefts are not pursued; the s2 crime against the man stands.")


def brothel_prosecution(d: JusticeDemo) -> None:
    """Both suspects charged; the driver's claim that she was coerced considered first (the
    defence does not cover human trafficking, a Schedule 4 offence); trial fixed."""
    case = d.case(WY, 417)
    controller, driver = d.involved(case, "brothel_controller"), d.involved(case, "brothel_driver")
    d.consider_s45(
        d.investigator, driver, date(2023, 10, 25), "Arranging or facilitating the travel of another "
        "person with a view to exploitation, Modern Slavery Act 2015 s2", schedule4_code="msa_2015_s2",
        applies=False, pursued=True, rationale=(
            "In interview she said the controller made her drive the women. Human trafficking is in "
            "Schedule 4, so the defence cannot be relied on; her account was still tested: her phone "
            "shows her booking the flats, collecting the money and recruiting two of the women, she "
            "came and went freely and kept a share. No indication that she is a victim; her account "
            "matches a script found on the controller's phone."))
    charges = {
        controller: "Arranging or facilitating travel with a view to exploitation (MSA 2015 s2), three "
                    "counts; controlling prostitution for gain (Sexual Offences Act 2003 s53)",
        driver: "Arranging or facilitating travel with a view to exploitation (MSA 2015 s2), two counts",
    }
    trial_fixed = f"Not guilty pleas. Trial fixed for {long_date(d.day(-45))} with special measures."
    for suspect, what in charges.items():
        referral = d.refer_to_cps(d.investigator, suspect, date(2023, 11, 1))
        trial = d.charge(d.investigator, referral, date(2023, 11, 20), what, "Leeds Magistrates' Court",
                         first_hearing=date(2023, 11, 21))
        d.hearing(d.investigator, trial, date(2023, 11, 21), "Leeds Magistrates' Court", "First appearance",
                  "Sent to Leeds Crown Court; " + ("remanded in custody." if suspect == controller else
                                                   "bail with a curfew, no contact with the women."))
        d.hearing(d.investigator, trial, date(2023, 12, 18), "Leeds Crown Court",
                  "Plea and trial preparation hearing", trial_fixed)
    d.tell_victims(case, UpdateKind.SUSPECT_CHARGED, date(2023, 11, 21), "Phone call with the interpreter")
    d.disrupt(d.investigator, date(2023, 6, 12), [MSHT, ThreatType.MONEY_LAUNDERING], Tactic.ASSET_SEIZURE,
              Impact.MODERATE, "The controller's accounts held the network's takings; the flats kept "
              "running for a few weeks under a relative.",
              "Restraint order on £84,000 in the controller's accounts and two cars.", case=case)


def packhouse_conviction(d: JusticeDemo) -> None:
    """The gangmaster convicted after trial, sentenced to six years, and a prevention order made on
    sentencing, managed by the investigator, whose first review is due in nine days."""
    case = d.case(WY, 8)
    gangmaster = d.involved(case, "farm_boss")
    referral = d.refer_to_cps(d.investigator, gangmaster, 318)
    trial = d.charge(d.investigator, referral, 300,
                     "Requiring a person to perform forced or compulsory labour (MSA 2015 s1), eleven "
                     "counts; arranging or facilitating travel with a view to exploitation (s2), four counts",
                     "York Magistrates' Court", first_hearing=299)
    d.tell_victims(case, UpdateKind.SUSPECT_CHARGED, 300, "Phone call")
    for on, court, purpose, outcome in (
        (299, "York Magistrates' Court", "First appearance", "Sent to York Crown Court; remanded."),
        (270, "York Crown Court", "Plea and trial preparation hearing", "Not guilty pleas; trial fixed."),
        (47, "York Crown Court", "Trial", "Eight-day trial; four workers gave evidence."),
        (33, "York Crown Court", "Sentence", "Six years' imprisonment; prevention order made."),
    ):
        d.hearing(d.investigator, trial, on, court, purpose, outcome)
    d.verdict(d.investigator, trial, Verdict.CONVICTED_AFTER_TRIAL, 40,
              sentence="Six years' imprisonment on each count, concurrent", sentenced=33)
    d.tell_victims(case, UpdateKind.CASE_OUTCOME_AND_SENTENCE, 32,
                   "In person: convicted, six years, with a slavery and trafficking prevention order")
    order = d.apply_for_order(d.investigator, gangmaster, OrderKind.STPO, 40)
    d.grant(d.investigator, order, 33, review=-9, court="York Crown Court", prohibitions=[
        "Not to recruit, transport, house or supply any worker, or act for a labour provider",
        "Not to hold another person's identity document, bank card or wages",
        "Not to contact any of the workers named in the schedule to the order"],
        notification="Notify the police of his name and address within 3 days of release, and of any "
                     "change; give the police 7 days' notice of travel abroad.")
    d.disrupt(d.investigator, 33, [MSHT], Tactic.ORDER, Impact.MAJOR,
              "The group's organiser is in prison and then bound by an order with no end date.",
              "Conviction and a prevention order, until further order, on the gangmaster.", case=case)


def takeaway_acquitted(d: JusticeDemo) -> None:
    """Forced labour in a takeaway kitchen: charged, then acquitted when the victim withdrew his
    support before trial; closed after he was told."""
    case = d.record(
        d.investigator, WY, 13, d.day(480), [Offence.MSA_S1], [ExploitationType.LABOUR],
        "A kitchen porter at a takeaway in Huddersfield working fourteen-hour days for food and a mattress "
        "above the shop; the owner held his passport. Owner charged; acquitted after the victim withdrew "
        "his support before trial.", Industry.HOSPITALITY)
    victim = d.newcomer(d.investigator, case, ("Bilal", "Sample"), InvolvementRole.VICTIM, spoken_to=479,
                        date_of_birth=date(1990, 7, 7), gender="male", nationality="Pakistani",
                        languages=["Urdu", "English"])
    owner = d.newcomer(d.investigator, case, ("Colin", "Specimen"), InvolvementRole.SUSPECT, gender="male",
                       nationality="British", date_of_birth=date(1971, 3, 3))
    d.triage_and_allocate(case, triaged=478, allocated=476, started=476)
    d.vlo_assigned(victim, 476)
    d.line(case, "Statements from the delivery drivers and the neighbouring shops", 476, 400,
           "Two drivers saw him working every day; nobody saw him paid.")
    d.review(case, 392, "Enough for a charging decision: refer to the CPS.")
    referral = d.refer_to_cps(d.investigator, owner, 390)
    trial = d.charge(d.investigator, referral, 360, "Requiring a person to perform forced or compulsory "
                     "labour (MSA 2015 s1)", "Kirklees Magistrates' Court", first_hearing=359)
    d.move(d.investigator, case, Status.WITH_JUSTICE, 360, note="Owner charged on CPS advice.")
    d.tell_victims(case, UpdateKind.SUSPECT_CHARGED, 359, "Phone call")
    d.hearing(d.investigator, trial, 330, "Leeds Crown Court", "Plea and trial preparation hearing",
              "Not guilty plea; trial fixed.")
    d.contact(d.vlo, victim, 90, Contact.Method.PHONE,
              "He no longer wants to give evidence: he has gone back to his family and is frightened for "
              "them. Talked through special measures; he has not changed his mind.")
    d.verdict(d.investigator, trial, Verdict.ACQUITTED, 62, reason=NonConvictionReason.VICTIM_NOT_SUPPORTING)
    d.tell_victims(case, UpdateKind.CASE_OUTCOME_AND_SENTENCE, 61,
                   "Phone call: the prosecution offered no evidence and the owner was found not guilty")
    d.review(case, 58, "No evidence to go on without him. Close; the risk to other workers is noted for "
                       "intelligence.")
    d.told_of_closure(d.vlo, victim, 56)
    d.close(d.investigator, case, OutcomeType.CHARGED, 55)
    d.vlo_told(victim, UpdateKind.INVESTIGATION_CLOSED, 55, 55, "Letter")


def car_wash_group(d: JusticeDemo) -> None:
    """West Yorkshire records the car wash group, its principal and a disruption; a risk order on
    him is granted, then breached (a new s30 crime, under investigation)."""
    case = d.case(WY, 1)
    owner = d.involved(case, "car_wash_owner")
    group = d.group(d.investigator, CAR_WASH_GROUP,
                    "Hand car washes in Leeds and Bradford staffed by workers recruited abroad, charged a "
                    "transport and housing debt and moved between sites in the same van.", 100)
    d.link(d.investigator, group, case, 100)
    d.member(d.investigator, group, owner, GroupRole.PRINCIPAL, 61)
    d.disrupt(d.investigator, 61, [MSHT, ThreatType.MONEY_LAUNDERING], Tactic.ARREST, Impact.MODERATE,
              "The site closed for a week and £14,000 in cash was seized; the van and the other sites "
              "kept running.", "Owner arrested at the Leeds site; cash seized from the site office.",
              group=group, case=case)
    order = d.apply_for_order(d.investigator, owner, OrderKind.STRO, 58)
    granted = d.day(45)
    d.grant(d.investigator, order, granted, review=-75, court="Leeds Magistrates' Court",
            ends=earliest_end(OrderKind.STRO, granted), prohibitions=[
                "Not to employ, house or transport any worker except through a licensed labour provider",
                "Not to hold another person's identity document or bank card"])
    d.breach(d.investigator, order, 9,
             "Seen at 06:30 driving four men from a house in Leeds to a hand car wash in Bradford in his "
             "van; the men said he pays them in cash.")
    crime = order.breaches.get().crime
    d.triage_and_allocate(crime, triaged=8, allocated=7, started=7)


def cleaning_orders(d: JusticeDemo) -> None:
    """A risk order applied for on the cleaning company's director, and an interim order refused
    while it waits for the court."""
    boss = d.involved(d.case(WY, 12), "cleaning_boss")
    d.apply_for_order(d.investigator, boss, OrderKind.STRO, 96)
    interim = d.apply_for_order(d.investigator, boss, OrderKind.INTERIM_STRO, 96)
    d.refuse(d.investigator, interim,
             "The district judge refused an interim order: his bail conditions already forbid contact "
             "with the workers and the company's sites until the full application is heard.")


def county_line_disruption(d: JusticeDemo) -> None:
    """The line holder's arrest stopped the line into Leeds: two threat types, counted once."""
    case = d.case(WY, 2)
    d.disrupt(d.investigator, 30, [MSHT, ThreatType.DRUGS_SUPPLY_COUNTY_LINES], Tactic.ARREST, Impact.MAJOR,
              "The deal line went quiet after the arrest and no replacement number has been seen.",
              "Line holder arrested and the deal line seized; the flat used to sell drugs closed.",
              case=case)


def gmp_car_wash_link(d: JusticeDemo) -> None:
    """Greater Manchester's car wash suspect shares a phone with West Yorkshire's principal: GMP
    links its investigation to the group by its reference and records its own member."""
    case = d.case(GMP, 1)
    group = d.case(WY, 1).group_links.get().group
    d.link(d.gmp, group, case, 4)
    d.member(d.gmp, group, d.involved(case, "gmp_car_wash_owner"), GroupRole.LIEUTENANT, 4)
    d.disrupt(d.gmp, 6, [MSHT], Tactic.SAFEGUARDING_VICTIM_RECOVERY, Impact.MINOR,
              "The site reopened the next day with other workers.",
              "Workers removed from the Salford car wash and offered support.", group=group, case=case)

