"""The network graph in the browser. An analyst opens the graph for a victim, sees it drawn and
listed in the tables under it, expands the phone she uses (by selecting it in the drawing) to find a
second victim on the same phone, expands the investigation (by its button in the table) to find the
suspect and his group, narrows the graph to another force and back, and exports what is shown.
Another force's man on the same phone never appears. Every page passes axe-core."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from lantern.accounts.models import User
from lantern.accounts.rules import Role
from lantern.audit.models import AuditEvent
from lantern.audit.rules import Action
from lantern.cases import groups, services
from lantern.cases.models import Investigation
from lantern.cases.rules import GroupRole, IdentifierKind, InvolvementRole
from tests import factories
from tests.browser.conftest import AccessibilityLog, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = "07700 900123"
CASE = "WY/00031/26"


def _click_node(page: Page, node_id: str) -> None:
    """Select a node in the drawing where it is drawn, as a mouse does. Where Cytoscape drew it is
    read from the instance it keeps on its container (its ``_cyreg``), the one thing the page does
    not otherwise expose."""
    page.locator("#graph").scroll_into_view_if_needed()
    box = page.locator("#graph").bounding_box()
    assert box is not None
    spot = page.locator("#graph").evaluate(
        "(el, id) => el._cyreg.cy.getElementById(id).renderedPosition()", node_id)
    page.mouse.click(box["x"] + spot["x"], box["y"] + spot["y"])


def test_an_analyst_explores_exports_and_never_sees_another_force(
        live_server: object, page: Page, axe: AccessibilityLog) -> None:
    base = str(live_server.url)  # type: ignore[attr-defined]
    investigator = factories.user(Role.INVESTIGATOR)
    analyst = factories.user(Role.INTELLIGENCE_ANALYST, username="analyst-shah")
    gmp = factories.user(Role.INVESTIGATOR, org="greater-manchester")
    case = factories.investigation(investigator, CASE, recorded_on=date(2026, 3, 2))
    older = factories.investigation(investigator, "WY/00007/25", recorded_on=date(2025, 1, 20))
    gmp_case = factories.investigation(gmp, "GMP/00009/26")

    def person(user: User, where: Investigation, first: str, role: InvolvementRole) -> int:
        return services.person_add_to_investigation(
            user=user, investigation_id=where.pk, role=role, first_name=first,
            last_name="Example").person_id

    ana = person(investigator, case, "Ana", InvolvementRole.VICTIM)
    boss = person(investigator, case, "Boss", InvolvementRole.SUSPECT)
    cara = person(investigator, older, "Cara", InvolvementRole.VICTIM)
    gus = person(gmp, gmp_case, "Gus", InvolvementRole.SUSPECT)
    for user, who, value in ((investigator, ana, PHONE), (investigator, cara, "+44 7700 900123"),
                             (gmp, gus, PHONE)):
        services.identifier_add(user=user, person_id=who, kind=IdentifierKind.PHONE, value=value)
    group = groups.group_record(user=investigator, name="Car wash network")
    groups.group_link_investigation(user=investigator, investigation_id=case.pk, reference=group.reference)
    groups.group_member_add(user=investigator, group_id=group.pk, person_id=boss, role=GroupRole.PRINCIPAL)

    sign_in(page, base, analyst)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Network graph").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Network graph")
    expect(page.get_by_label("Start from")).to_be_visible()
    axe.check(page)

    # Opened for Ana (as from her record): her case and her phone, drawn and listed.
    page.goto(f"{base}/linkage/graph/?start=person:{ana}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ana Example")
    graph = page.locator("#graph")
    expect(graph).to_be_visible()
    expect(graph.locator("canvas").first).to_be_attached()
    expect(graph).to_have_attribute("data-node-count", "3")
    expect(page.locator("#graph-status")).to_have_text("Showing 3 records and 2 connections.")
    nodes = page.locator("#graph-nodes tbody")
    expect(nodes.get_by_role("row")).to_have_count(3)
    expect(nodes.get_by_role("link", name="Ana Example")).to_be_visible()
    expect(nodes.get_by_role("link", name=CASE)).to_be_visible()
    expect(nodes).to_contain_text(PHONE)
    edges = page.locator("#graph-edges tbody")
    expect(edges.get_by_role("row").filter(has_text="uses phone")).to_have_count(1)
    axe.check(page)

    # Selecting the phone in the drawing brings in Cara, who uses it too; Gus (another force) never.
    _click_node(page, "phone:07700900123")
    expect(graph).to_have_attribute("data-node-count", "4")
    expect(nodes.get_by_role("link", name="Cara Example")).to_be_visible()
    expect(edges.get_by_role("row").filter(has_text="uses phone")).to_have_count(2)
    expect(page.locator("main")).not_to_contain_text("Gus")

    # The table's button does the same for keyboards: the case brings in Boss and his group.
    nodes.get_by_role("button", name=f"Expand {CASE}").click()
    expect(graph).to_have_attribute("data-node-count", "6")
    expect(nodes.get_by_role("link", name="Boss Example")).to_be_visible()
    expect(nodes.get_by_role("link", name=re.compile(r"^OCG-.* Car wash network$"))).to_be_visible()
    expect(edges.get_by_role("row").filter(has_text="member of (principal)")).to_have_count(1)
    expect(page.locator("#graph-status")).to_have_text("Showing 6 records and 6 connections.")
    axe.check(page)

    # Narrowed to Greater Manchester: only what the analyst opened stays; back to West Yorkshire.
    page.get_by_text("Filter by force or period").click()
    page.get_by_label("Force").select_option(label="Greater Manchester Police")
    page.get_by_role("button", name="Apply filters").click()
    expect(graph).to_have_attribute("data-node-count", "3")
    expect(page).to_have_url(re.compile(r"force=greater-manchester"))
    expect(nodes.get_by_role("link", name="Cara Example")).to_have_count(0)
    page.get_by_label("Force").select_option(label="West Yorkshire Police")
    page.get_by_role("button", name="Apply filters").click()
    expect(graph).to_have_attribute("data-node-count", "6")
    expect(nodes.get_by_role("link", name="Boss Example")).to_be_visible()
    axe.check(page)

    # Exported as CSV: the six records and their links, recorded as a disclosure with the reason.
    page.get_by_label("Why are you exporting this graph?").fill("Briefing for the car wash operation")
    page.get_by_label("CSV (opens in a spreadsheet)").check()
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Export visible graph").click()
    download = download_info.value
    assert re.fullmatch(r"lantern-graph-\d{8}T\d{6}Z\.csv", download.suggested_filename)
    path = download.path()
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert {r["label"] for r in rows if r["record"] == "node"} == {
        "Ana Example", "Boss Example", "Cara Example", CASE, PHONE, f"{group.reference} Car wash network"}
    assert len([r for r in rows if r["record"] == "edge"]) == 6
    assert "Gus" not in path.read_text(encoding="utf-8")
    event = AuditEvent.objects.get(action=Action.DISCLOSURE, object_type="linkage.graph")
    assert event.justification == "Briefing for the car wash operation"
    assert event.detail["nodes_exported"] == 6
    assert AuditEvent.objects.filter(action=Action.CONSULTATION, detail__view="network graph").count() >= 5

    assert axe.failures() == []
