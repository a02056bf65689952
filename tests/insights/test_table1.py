"""Table 1 (each key figure beside the period before, with the change) and who may count what.

Given the hand-made dataset of ``test_metrics_handmade`` (every figure known), when Table 1 is
built for 2020 it shows 2019 beside it with the change as the annual report prints it; and the
national picture's counts are refused to anyone whose role does not reach the place counted.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from lantern.access.scope import AccessDenied, countable
from lantern.accounts.models import Organisation
from lantern.accounts.rules import Role
from lantern.insights.figures import counting
from lantern.insights.periods import calendar_year, quarter
from lantern.insights.places import PlaceError, force, nation, parse_place, place_organisations, region
from lantern.insights.table1 import format_change, key_figures, table1
from tests import factories
from tests.insights.test_metrics_handmade import Handmade, build_handmade


@pytest.fixture
def handmade(db: None) -> Handmade:
    return build_handmade()


def test_table_1_compares_the_year_with_the_year_before(handmade: Handmade,
                                                        django_assert_max_num_queries: object) -> None:
    c = counting(user=handmade.national, place=nation())
    with django_assert_max_num_queries(4):  # type: ignore[operator]
        table = table1(c, calendar_year(2020))  # one query per source table, both years at once
    assert table.columns == ("2019", "2020", "Change", "Change (%)")
    rows = {row.label: row.values for row in table.rows}
    assert list(rows) == ["Modern slavery live investigations", "Police referrals to the NRM",
                          "Police referrals to the CPS", "CPS-flagged modern slavery defendants",
                          "CPS modern slavery conviction rate (%)"]
    # Live: 2/12 then 25/12, shown whole as published; the change is counted before rounding.
    assert rows["Modern slavery live investigations"] == (0, 2, 1.9, 1150.0)
    assert rows["Police referrals to the NRM"] == (1, 2, 1, 100.0)
    assert rows["Police referrals to the CPS"] == (1, 1, 0, 0.0)
    assert rows["CPS-flagged modern slavery defendants"] == (1, 2, 1, 100.0)
    # A rate's change is in percentage points and its change (%) is "n/a", as in the published table.
    assert rows["CPS modern slavery conviction rate (%)"] == (100.0, 50.0, -50.0, None)
    assert table.key == "table-1-england-and-wales-2020" and "Table 1" in table.source


def test_a_period_with_nothing_before_it_has_no_percentage_change(handmade: Handmade) -> None:
    c = counting(user=handmade.officer, place=force("west-yorkshire"))
    figures = {f.key: f for f in key_figures(c, calendar_year(2019))}
    police = figures["nrm.police_referrals"]
    assert (police.previous.value, police.current.value) == (0, 1)
    assert (police.change, police.percent_change) == (1, None)
    rate = figures["cps.conviction_rate"]
    assert rate.previous.value is None and rate.change is None
    assert [row.values[-1] for row in table1(c, calendar_year(2016)).rows] == [None] * 5


def test_any_period_is_compared_with_the_one_before_it(handmade: Handmade) -> None:
    c = counting(user=handmade.national, place=nation())
    table = table1(c, quarter(2020, 2))
    assert table.columns[:2] == ("2020 Q1", "2020 Q2")
    rows = {row.label: row.values for row in table.rows}
    assert rows["CPS-flagged modern slavery defendants"][:2] == (0, 1)  # November's verdict is Q4


def test_changes_are_written_as_the_report_writes_them() -> None:
    assert format_change(20.36) == "+20.4%"
    assert format_change(-23.5) == "-23.5%"
    assert format_change(0.0) == "+0.0%"
    assert format_change(None) == "n/a"


def test_a_force_user_counts_their_own_force_only(handmade: Handmade) -> None:
    assert counting(user=handmade.officer, place=force("west-yorkshire")).organisation_ids == {
        handmade.officer.organisation_id}
    for elsewhere in (force("greater-manchester"), force("south-yorkshire"), region("yorkshire_humber"),
                      nation()):
        with pytest.raises(AccessDenied, match="own organisation"):
            counting(user=handmade.officer, place=elsewhere)


def test_a_regional_coordinator_counts_their_region_and_its_forces(handmade: Handmade) -> None:
    coordinator = handmade.coordinator
    yorkshire = counting(user=coordinator, place=region("yorkshire_humber"))
    codes = set(Organisation.objects.filter(pk__in=yorkshire.organisation_ids).values_list("code", flat=True))
    assert codes == {"west-yorkshire", "south-yorkshire", "north-yorkshire", "humberside",
                     "rocu-yorkshire-humber"}  # the region's forces and its ROCU, no partners, no BTP
    assert counting(user=coordinator, place=force("south-yorkshire")).organisation_ids
    for elsewhere in (region("north_west"), force("greater-manchester"), force("btp"), nation()):
        with pytest.raises(AccessDenied, match="own region"):
            counting(user=coordinator, place=elsewhere)


def test_the_national_unit_counts_any_place(handmade: Handmade) -> None:
    everywhere = counting(user=handmade.national, place=nation())
    police = Organisation.objects.exclude(kind="partner")
    assert everywhere.organisation_ids == set(police.values_list("pk", flat=True))
    # 43 territorial forces, BTP, 9 ROCUs, the NCA and 2 national units; the partners are the others.
    assert len(everywhere.organisation_ids) == 56 and len(everywhere.other_ids) == 14
    assert counting(user=handmade.national, place=region("wales")).organisation_ids
    assert counting(user=handmade.national, place=force("btp")).organisation_ids


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "org"), [(Role.PARTNER_AGENCY, "immigration-enforcement"),
                                           (Role.AUDITOR, "west-yorkshire"),
                                           (Role.ADMINISTRATOR, "west-yorkshire")])
def test_partners_auditors_and_administrators_count_nothing(role: Role, org: str) -> None:
    person = factories.user(role, org=org)
    for place in (force("west-yorkshire"), nation()):
        with pytest.raises(AccessDenied, match="counting casework"):
            counting(user=person, place=place)


@pytest.mark.django_db
def test_nobody_signed_in_counts_nothing() -> None:
    with pytest.raises(AccessDenied):
        countable(AnonymousUser(), place_organisations(nation()))


@pytest.mark.django_db
def test_places_are_read_from_their_codes() -> None:
    factories.reference_organisations()
    assert parse_place("nation") == nation() and parse_place("Yorkshire_Humber") == region("yorkshire_humber")
    assert parse_place("west-yorkshire").name == "West Yorkshire Police"
    assert force("btp").name == "British Transport Police"
    for wrong in ("atlantis", "rocu-north-east", "cps"):  # a ROCU and a partner are not forces
        with pytest.raises(PlaceError):
            parse_place(wrong)
    with pytest.raises(PlaceError, match="choose one of"):
        region("national")
