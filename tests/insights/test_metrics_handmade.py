"""Every metric against a small hand-made dataset whose every figure is known.

Given seven made-up investigations in three forces (West Yorkshire and South Yorkshire, one
region; Greater Manchester, another), with the edges each definition must get right: a case open
across a year end, one with two exploitation types, a victim who is also a suspect, an outcome
assigned a year after the offence was recorded, a duty-to-notify notice, a referral submitted at
23:30 on New Year's Eve, drafts and withdrawn referrals, a second suspect's CPS file in a later
year, an unflagged prosecution, a disruption with three threat types and one with none, a victim
whose 18th birthday is the day after the crime was recorded; when the figures are counted for the
nation, a region and a force, for 2019, 2020 and a year with nothing (2016); then each is the
number worked out by hand in this file's comments.

All names are obviously fake; nothing comes from a real case.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from lantern.accounts.models import User
from lantern.accounts.rules import Role
from lantern.cases.models import Investigation, InvestigationExploitation, Involvement, Person
from lantern.cases.rules import ExploitationType, Industry, InvolvementRole, Status
from lantern.insights import metrics
from lantern.insights.figures import FIGURE_KEYS, Counting, counting, figures_for
from lantern.insights.figures_breakdowns import BREAKDOWNS, breakdown
from lantern.insights.figures_series import (
    crime_outcomes_by_quarter,
    justice_outcomes_by_quarter,
    monthly_series,
)
from lantern.insights.periods import calendar_year, span
from lantern.insights.places import force, nation, region
from lantern.justice.models import (
    CpsReferral,
    Disruption,
    DisruptionThreat,
    Order,
    OrderBreach,
    Prosecution,
    S45Consideration,
)
from lantern.justice.rules.disruptions import ThreatType
from lantern.safeguarding.models import Disclosure, Referral, VictimUpdate
from lantern.synth import figures as synth_figures
from tests import factories

LONDON = ZoneInfo("Europe/London")
YEAR, BEFORE, EMPTY = calendar_year(2020), calendar_year(2019), calendar_year(2016)


@dataclass
class Handmade:
    national: User  # the national unit: counts anything
    coordinator: User  # Yorkshire and the Humber's regional coordinator
    officer: User  # a West Yorkshire investigator
    manchester: User  # a Greater Manchester investigator


def _at(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=LONDON)


def build_handmade() -> Handmade:
    """The dataset, written straight to the tables with every date chosen by hand."""
    officer = factories.user(Role.INVESTIGATOR, org="west-yorkshire")
    sheffield = factories.user(Role.INVESTIGATOR, org="south-yorkshire")
    manchester = factories.user(Role.INVESTIGATOR, org="greater-manchester")
    national = factories.user(Role.NATIONAL_UNIT, org="msoicu")
    coordinator = factories.user(Role.REGIONAL_COORDINATOR, org="rocu-yorkshire-humber")
    wy, sy, gm = officer.organisation, sheffield.organisation, manchester.organisation

    def case(owner: User, ref: str, recorded: date, types: list[ExploitationType], *,
             allocated: date | None = None, closed: date | None = None, outcome: str = "",
             override: str = "", industry: Industry = Industry.OTHER) -> Investigation:
        status = Status.CLOSED if closed else Status.UNDER_INVESTIGATION if allocated else Status.RECORDED
        made = Investigation.objects.create(
            organisation=owner.organisation, crime_reference=ref, recorded_on=recorded,
            allocated_on=allocated, closed_on=closed, outcome_type=outcome,
            closure_override_reason=override, status=status.value, industry=industry.value, created_by=owner)
        for kind in types:
            InvestigationExploitation.objects.create(investigation=made, exploitation_type=kind.value)
        return made

    def person(owner: User, investigation: Investigation, name: str, role: InvolvementRole, nationality: str,
               **age: object) -> Involvement:
        someone = Person.objects.create(organisation=owner.organisation, first_name=name, last_name="Example",
                                        nationality=nationality, created_by=owner, **age)
        return Involvement.objects.create(investigation=investigation, person=someone, role=role.value)

    victim, suspect = InvolvementRole.VICTIM, InvolvementRole.SUSPECT
    both = InvolvementRole.VICTIM_AND_SUSPECT
    # I1: recorded 2019, open across the year end: live at the end of Nov and Dec 2019 and Jan 2020.
    i1 = case(officer, "WY/1/19", date(2019, 11, 10), [ExploitationType.LABOUR], allocated=date(2019, 11, 20),
              closed=date(2020, 2, 15), outcome="1")
    a = person(officer, i1, "Alfa", victim, "British")
    n = person(officer, i1, "November", suspect, "British")
    o = person(officer, i1, "Oscar", suspect, "British")
    # I2: two exploitation types; live March-December 2020 (10 month ends); no outcome yet.
    i2 = case(officer, "WY/2/20", date(2020, 3, 1),
              [ExploitationType.CRIMINAL_COUNTY_LINES, ExploitationType.SEXUAL], allocated=date(2020, 3, 5))
    b = person(officer, i2, "Bravo", victim, "Albanian", date_of_birth=date(1990, 5, 5))
    c = person(officer, i2, "Charlie", both, "British", date_of_birth=date(2005, 1, 1))  # 15: a child
    d = person(officer, i2, "Delta", suspect, "British")
    e = person(officer, i2, "Echo", suspect, "")
    # I3: closed on a month's last day (never live at a month end), by supervisor override.
    i3 = case(officer, "WY/3/20", date(2020, 6, 1), [ExploitationType.LABOUR], allocated=date(2020, 6, 2),
              closed=date(2020, 6, 30), outcome="18", override="Victim could not be found; made-up reason.")
    f = person(officer, i3, "Foxtrot", victim, "", estimated_age=16)
    # I4: recorded December 2020, outcome assigned December 2021: counted in 2020's outcomes.
    i4 = case(officer, "WY/4/20", date(2020, 12, 20), [ExploitationType.CRIMINAL_OTHER],
              allocated=date(2021, 1, 5), closed=date(2021, 12, 1), outcome="1A",
              industry=Industry.DRUG_SUPPLY)
    g = person(officer, i4, "Golf", suspect, "Romanian")
    # I5: recorded, never allocated: never live.
    i5 = case(officer, "WY/5/20", date(2020, 4, 1), [ExploitationType.DOMESTIC_SERVITUDE])
    h = person(officer, i5, "Hotel", victim, "Vietnamese", date_of_birth=date(2010, 2, 2))
    # I6 (South Yorkshire): live May-December 2020 (8); age disputed without reason to believe a child.
    i6 = case(sheffield, "SY/6/20", date(2020, 5, 5), [ExploitationType.CRIMINAL_CANNABIS],
              allocated=date(2020, 5, 6))
    j = person(sheffield, i6, "Juliett", victim, "British", age_disputed=True, estimated_age=25)
    # I7 (Greater Manchester): live July-December 2020 (6); criminal but not drug supply.
    i7 = case(manchester, "GM/7/20", date(2020, 7, 7),
              [ExploitationType.LABOUR, ExploitationType.CRIMINAL_OTHER], allocated=date(2020, 7, 8),
              industry=Industry.CAR_WASH)
    k = person(manchester, i7, "Kilo", victim, "Polish", date_of_birth=date(2002, 7, 8))  # 18 the next day
    m = person(manchester, i7, "Mike", victim, "Romanian", estimated_age=30)
    p = person(manchester, i7, "Papa", suspect, "")
    person(manchester, i7, "Lima", InvolvementRole.WITNESS, "British")

    def referral(owner: User, involvement: Involvement, submitted: datetime | None, age: str, *,
                 route: str = "nrm_referral", state: str = "submitted", responder: str | None = None) -> None:
        Referral.objects.create(
            organisation=owner.organisation, involvement=involvement, route=route, state=state,
            age_answer=age, first_responder=factories.organisation(responder) if responder else None,
            submitted_at=submitted, created_by=owner)

    referral(officer, b, _at(2020, 3, 2, 10), "no")  # R1 police
    referral(officer, c, _at(2020, 12, 31, 23, 30), "yes")  # R2 police, late on New Year's Eve
    referral(officer, h, _at(2020, 4, 2), "yes", responder="leeds-childrens-services")  # R3 Local Authority
    referral(manchester, m, _at(2020, 7, 9), "no", route="duty_to_notify")  # R4 a notice, not a referral
    referral(sheffield, j, _at(2020, 5, 6), "not-sure", responder="salvation-army")  # R5 NGO
    referral(manchester, k, _at(2020, 7, 8), "yes", responder="immigration-enforcement")  # R6 Government
    referral(officer, a, _at(2019, 11, 11), "no")  # R7 police, 2019
    referral(officer, f, None, "yes", state="draft")  # R8 never submitted
    referral(officer, f, _at(2020, 3, 3), "yes", state="withdrawn")  # R9 withdrawn
    referral(manchester, k, _at(2021, 1, 1, 0, 30), "yes")  # R10 just into 2021

    def cps(involvement: Involvement, referred: date, flagged: bool = True) -> CpsReferral:
        return CpsReferral.objects.create(involvement=involvement, kind="charging_decision",
                                          referred_on=referred, modern_slavery_flagged=flagged,
                                          recorded_by=officer)

    def prosecution(file: CpsReferral, charged: date, verdict: str = "", on: date | None = None) -> None:
        Prosecution.objects.create(referral=file, charged_on=charged, verdict=verdict, verdict_on=on)

    prosecution(cps(n, date(2019, 12, 1)), date(2020, 1, 10), "guilty_plea", date(2020, 6, 1))
    prosecution(cps(o, date(2019, 12, 1)), date(2019, 12, 5), "guilty_plea", date(2019, 12, 20))
    prosecution(cps(d, date(2020, 5, 1)), date(2020, 6, 1), "acquitted", date(2020, 11, 1))
    prosecution(cps(c, date(2020, 6, 1), flagged=False), date(2020, 7, 1), "convicted_after_trial",
                date(2020, 12, 1))
    prosecution(cps(e, date(2021, 2, 1)), date(2021, 3, 1))  # I2's second file, in 2021: I2 counts in 2020
    cps(g, date(2021, 3, 1))

    def s45(involvement: Involvement, age: str, applies: bool, pursued: bool, on: date) -> None:
        S45Consideration.objects.create(involvement=involvement, offence="Possession (made up)",
                                        age_group=age, defence_applies=applies, offence_pursued=pursued,
                                        rationale="Made up.", decided_by=officer, decided_on=on)

    s45(c, "under_18", True, False, date(2020, 4, 1))
    s45(d, "adult", False, True, date(2020, 5, 1))
    s45(n, "adult", False, True, date(2019, 12, 1))

    def order(owner: User, subject: Involvement, kind: str, applied: date, granted: date) -> Order:
        return Order.objects.create(organisation=owner.organisation, subject=subject.person, kind=kind,
                                    state="granted", applied_on=applied, granted_on=granted,
                                    managing_officer=owner)

    stpo = order(officer, n, "stpo", date(2020, 5, 1), date(2020, 6, 1))
    order(officer, d, "stro", date(2020, 11, 1), date(2021, 1, 10))
    order(manchester, p, "interim_stro", date(2020, 8, 1), date(2020, 8, 2))
    for breached in (date(2020, 9, 1), date(2021, 2, 1)):
        OrderBreach.objects.create(order=stpo, breached_on=breached, description="Made up.", crime=i2,
                                   recorded_by=officer)

    def disruption(owner: User, on: date, threats: list[str]) -> None:
        made = Disruption.objects.create(organisation=owner.organisation, on=on, tactic="arrest",
                                         investigation=i2, impact="major", impact_rationale="Made up.",
                                         description="Made up.", recorded_by=owner)
        for threat in threats:
            DisruptionThreat.objects.create(disruption=made, threat_type=threat)

    disruption(officer, date(2020, 3, 10), ["msht", "drugs_supply_county_lines", "firearms"])
    disruption(officer, date(2020, 8, 10), ["msht"])
    disruption(manchester, date(2020, 9, 10), [])
    disruption(officer, date(2019, 5, 5), ["oic"])

    def disclosure(involvement: Involvement, state: str, decided: datetime | None) -> None:
        Disclosure.objects.create(involvement=involvement, purpose="safeguarding", legal_basis="iaa_1999_s20",
                                  what_shared="Made up.", recipient="Immigration Enforcement NCCU",
                                  domestic_abuse_victim=False, evidence_of_immigration_offence=False,
                                  victim_told=True, state=state, requested_by=officer, decided_at=decided)

    disclosure(b, "approved", _at(2020, 4, 1))
    disclosure(k, "refused", _at(2020, 8, 1))
    disclosure(h, "awaiting_approval", None)
    disclosure(a, "approved", _at(2019, 12, 1))

    def update(involvement: Involvement, due: date, given: date | None) -> None:
        VictimUpdate.objects.create(involvement=involvement, kind="suspect_arrested", event_on=due,
                                    due_on=due, enhanced=True, given_on=given)

    update(b, date(2020, 3, 10), date(2020, 3, 9))
    update(b, date(2020, 4, 10), date(2020, 4, 10))  # on the day it is due: on time
    update(c, date(2020, 5, 10), date(2020, 5, 12))
    update(h, date(2020, 6, 10), None)
    update(a, date(2019, 12, 10), date(2019, 12, 1))
    del wy, sy, gm
    return Handmade(national=national, coordinator=coordinator, officer=officer, manchester=manchester)


@pytest.fixture
def handmade(db: None) -> Handmade:
    return build_handmade()


NATION_2020 = {
    "investigations.live_monthly_average": 25 / 12,  # I1 1 + I2 10 + I6 8 + I7 6
    "investigations.recorded": 6, "investigations.closed": 2, "investigations.closed_by_override": 1,
    "investigations.criminal": 4, "investigations.drug_supply": 3,
    "investigations.criminal_share": 4 / 6, "investigations.county_lines_share_of_criminal": 1 / 4,
    "investigations.involving_children": 4,  # I2 (Charlie), I3 (Foxtrot), I5 (Hotel), I7 (Kilo)
    "victims.british_share_of_known": 2 / 6, "suspects.british_share_of_known": 1 / 2,
    "nrm.referrals": 5, "nrm.police_referrals": 2, "nrm.police_share": 2 / 5, "nrm.child_share": 3 / 5,
    "nrm.duty_to_notify": 1, "cps.police_referrals": 1, "justice.charges": 3, "cps.flagged_defendants": 2,
    "cps.convictions": 1, "cps.conviction_rate": 1 / 2, "s45.considerations": 2, "orders.granted": 2,
    "orders.breaches": 1, "disruptions.total": 3, "disclosures.immigration": 1,
    "victims_code.updates_due": 4, "victims_code.updates_on_time": 2, "victims_code.on_time_rate": 1 / 2,
}
NATION_2019 = {
    "investigations.live_monthly_average": 2 / 12, "investigations.recorded": 1, "investigations.closed": 0,
    "investigations.criminal_share": 0.0, "victims.british_share_of_known": 1.0,
    "suspects.british_share_of_known": 1.0, "nrm.referrals": 1, "nrm.police_referrals": 1,
    "nrm.duty_to_notify": 0, "cps.police_referrals": 1, "justice.charges": 1, "cps.flagged_defendants": 1,
    "cps.conviction_rate": 1.0, "s45.considerations": 1, "orders.granted": 0, "disruptions.total": 1,
    "disclosures.immigration": 1, "victims_code.updates_due": 1, "victims_code.on_time_rate": 1.0,
}


def _values(c: Counting, period: object) -> dict[str, float | int | None]:
    return {key: found.value for key, found in figures_for(c, period).items()}  # type: ignore[arg-type]


def test_every_single_figure_for_the_nation_in_2020(handmade: Handmade,
                                                    django_assert_max_num_queries: object) -> None:
    c = counting(user=handmade.national, place=nation())
    with django_assert_max_num_queries(16):  # type: ignore[operator]
        found = _values(c, YEAR)
    assert set(found) == set(FIGURE_KEYS) == set(NATION_2020)
    assert found == pytest.approx(NATION_2020)


def test_the_year_before_and_the_year_after(handmade: Handmade) -> None:
    c = counting(user=handmade.national, place=nation())
    before = _values(c, BEFORE)
    assert {key: before[key] for key in NATION_2019} == pytest.approx(NATION_2019)
    after = figures_for(c, calendar_year(2021), ["investigations.live_monthly_average",
                                                 "cps.police_referrals", "nrm.referrals", "orders.breaches"])
    # I2 12, I4 11 (closed 1 December), I6 12, I7 12; I2's second CPS file is not a new referral.
    assert after["investigations.live_monthly_average"].value == pytest.approx(47 / 12)
    assert after["cps.police_referrals"].value == 1
    assert after["nrm.referrals"].value == 1 and after["orders.breaches"].value == 1


def test_a_period_with_nothing_counts_nothing_and_divides_by_nothing(handmade: Handmade) -> None:
    found = _values(counting(user=handmade.national, place=nation()), EMPTY)
    rates = {m.key for m in metrics.METRICS if m.unit is metrics.Unit.RATE}
    assert all(found[key] is None for key in rates)
    assert all(found[key] == 0 for key in found if key not in rates)
    assert all(row.values[-1] == 0 for row in breakdown(counting(user=handmade.national, place=nation()),
                                                        EMPTY, "outcomes.by_type").rows)


def test_a_force_and_a_region_count_their_own_records(handmade: Handmade) -> None:
    keys = ["investigations.live_monthly_average", "investigations.recorded", "nrm.referrals",
            "nrm.police_referrals", "nrm.duty_to_notify", "investigations.involving_children",
            "disruptions.total", "orders.granted"]
    west = _values(counting(user=handmade.officer, place=force("west-yorkshire")), YEAR)
    yorkshire = _values(counting(user=handmade.coordinator, place=region("yorkshire_humber")), YEAR)
    greater_manchester = _values(counting(user=handmade.manchester, place=force("greater-manchester")), YEAR)
    assert [west[k] for k in keys] == pytest.approx([11 / 12, 4, 3, 2, 0, 3, 2, 1])
    assert [yorkshire[k] for k in keys] == pytest.approx([19 / 12, 5, 4, 2, 0, 3, 2, 1])
    assert [greater_manchester[k] for k in keys] == pytest.approx([6 / 12, 1, 1, 0, 1, 1, 1, 1])


def _rows(table: object) -> dict[str, tuple[object, ...]]:
    return {row.label: row.values for row in table.rows}  # type: ignore[attr-defined]


def test_every_breakdown_for_the_nation_in_2020(handmade: Handmade) -> None:
    c = counting(user=handmade.national, place=nation())
    assert set(BREAKDOWNS) == {m.key for m in metrics.METRICS if m.shape is metrics.Shape.TABLE}

    outcomes = _rows(breakdown(c, YEAR, "outcomes.by_type"))
    assert outcomes["Not yet assigned"] == (4,) and outcomes["Total"] == (6,)
    assert outcomes["1A: Charged with an alternative offence"] == (1,)  # assigned in 2021, offence of 2020
    assert outcomes["1: Charged or summonsed"] == (0,)  # I1's charge: its offence was recorded in 2019
    assert sum(v[0] for label, v in outcomes.items() if label != "Total") == 6  # type: ignore[misc]
    assert _rows(breakdown(c, BEFORE, "outcomes.by_type"))["1: Charged or summonsed"] == (1,)

    types = _rows(breakdown(c, YEAR, "investigations.by_exploitation_type"))
    assert types[ExploitationType.LABOUR.label] == (2,) and types[ExploitationType.SEXUAL.label] == (1,)
    assert types[ExploitationType.CRIMINAL_COUNTY_LINES.label] == (1,)
    assert types[ExploitationType.CRIMINAL_OTHER.label] == (2,)
    assert types["Criminal exploitation (any type)"] == (4,)
    assert types["of which county lines and other drug supply"] == (3,)
    assert types["All investigations recorded (each once)"] == (6,)

    victims = breakdown(c, YEAR, "victims.by_nationality")
    assert [(r.label, r.values[0]) for r in victims.rows] == [
        ("British", 2), ("Albanian", 1), ("Polish", 1), ("Romanian", 1), ("Vietnamese", 1), ("Not known", 1),
        ("Total", 7)]  # Charlie, victim and suspect, is a victim
    assert victims.total_row
    suspects = breakdown(c, YEAR, "suspects.by_nationality")
    assert [(r.label, r.values[0]) for r in suspects.rows] == [
        ("British", 1), ("Romanian", 1), ("Not known", 2), ("Total", 4)]  # not Charlie

    responders = _rows(breakdown(c, YEAR, "nrm.by_first_responder"))
    assert responders == {"Police": (1, 1, 0, 2), "Government agency": (1, 0, 0, 1),
                          "Local Authority": (1, 0, 0, 1), "NGO and third sector": (0, 0, 1, 1),
                          "Total": (3, 1, 1, 5)}

    assert _rows(breakdown(c, YEAR, "s45.results")) == {
        "Defence applies: offence not pursued": (0, 1, 1), "Defence applies: offence pursued": (0, 0, 0),
        "Defence does not apply: offence pursued": (1, 0, 1),
        "Defence does not apply: offence not pursued": (0, 0, 0), "Total": (1, 1, 2)}

    orders = breakdown(c, YEAR, "orders.by_kind")
    assert [r.values for r in orders.rows] == [(1, 1, 1), (1, 0, 0), (0, 0, 0), (1, 1, 0), (3, 2, 1)]

    threats = _rows(breakdown(c, YEAR, "disruptions.by_threat"))
    by_value = {threat.value: threats[threat.label] for threat in ThreatType}
    assert by_value["msht"] == (2,) and by_value["drugs_supply_county_lines"] == (1,)
    assert by_value["firearms"] == (1,) and by_value["oic"] == (0,)
    assert threats["No threat type recorded"] == (1,) and threats["All disruptions (each once)"] == (3,)


def test_tables_name_their_place_period_and_definition(handmade: Handmade) -> None:
    c = counting(user=handmade.officer, place=force("west-yorkshire"))
    table = breakdown(c, YEAR, "outcomes.by_type")
    assert table.key == "outcomes-by-type-west-yorkshire-2020"
    assert table.title == "Crime outcomes by outcome type, West Yorkshire Police, 2020"
    assert table.description == metrics.metric("outcomes.by_type").definition
    assert _rows(table)["Total"] == (4,)


def test_monthly_and_quarterly_series_add_up_to_the_year(handmade: Handmade) -> None:
    c = counting(user=handmade.national, place=nation())
    monthly = monthly_series(c, span(YEAR))
    live = monthly.column("Live investigations at the month end")
    assert live == (1, 0, 1, 1, 2, 2, 3, 3, 3, 3, 3, 3)
    assert sum(live) / 12 == pytest.approx(NATION_2020["investigations.live_monthly_average"])  # type: ignore[arg-type]
    assert monthly.column("Police NRM referrals") == (0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1)
    assert monthly.column("All NRM referrals") == (0, 0, 1, 1, 1, 0, 1, 0, 0, 0, 0, 1)
    assert monthly.column("Investigations involving children") == (0, 0, 1, 1, 0, 1, 1, 0, 0, 0, 0, 0)
    across = monthly_series(c, span(BEFORE, YEAR))
    # November and December 2019, January 2020: I1, open across the year end.
    assert across.column("Live investigations at the month end")[10:13] == (1, 1, 1)

    outcomes = crime_outcomes_by_quarter(c, span(YEAR))
    assert [r.label for r in outcomes.rows] == ["2020 Q1", "2020 Q2", "2020 Q3", "2020 Q4"]
    assert sum(outcomes.column("Not yet assigned")) == 4  # type: ignore[arg-type]
    assert outcomes.column("Charged or summonsed") == (0, 0, 0, 1)
    assert outcomes.column("No suspect identified") == (0, 1, 0, 0)

    justice = justice_outcomes_by_quarter(c, span(YEAR))
    assert justice.column("Police referrals to the CPS") == (0, 1, 0, 0)
    assert justice.column("Suspects charged") == (1, 1, 1, 0)
    assert justice.column("CPS-flagged defendants finalised") == (0, 1, 0, 1)
    assert justice.column("Convictions") == (0, 1, 0, 0)


def test_the_generators_check_counts_through_the_same_definitions(handmade: Handmade) -> None:
    measured = synth_figures.measure([2016, 2020])
    for key in synth_figures.CALIBRATED:
        assert measured[f"{key}:2020"] == pytest.approx(NATION_2020[key])
        assert key in metrics.BY_KEY
    assert math.isnan(measured["cps.conviction_rate:2016"]) and measured["nrm.referrals:2016"] == 0
    assert synth_figures.live_monthly_average(2020) == pytest.approx(25 / 12)


def test_the_definitions_document_every_metric_once() -> None:
    assert len(metrics.BY_KEY) == len(metrics.METRICS)
    written = metrics.definitions_markdown()
    documented = (Path(__file__).resolve().parents[2] / "docs" / "insights.md").read_text(encoding="utf-8")
    assert all(f"`{m.key}`" in written and f"`{m.key}`" in documented and m.source for m in metrics.METRICS)
    assert metrics.first_responder_type(None, None) == "Police"
    assert metrics.first_responder_type("national_agency", "") == "Government agency"
    assert metrics.first_responder_type("partner", "childrens_services") == "Local Authority"
