"""The network graph: one hop at a time, shared identifiers meeting at one node, and nothing of a
record the viewer may not see, in the graph, the export or the audit trail's wording."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date

import pytest
from django.test import Client

from lantern.access.scope import NotVisible
from lantern.accounts.models import User
from lantern.accounts.rules import Role
from lantern.audit.models import AuditEvent
from lantern.audit.rules import Action
from lantern.cases import groups, services
from lantern.cases.models import Investigation, Involvement, OrganisedCrimeGroup, Person
from lantern.cases.rules import GroupRole, IdentifierKind, InvolvementRole
from lantern.linkage import graph_queries
from lantern.linkage.graph_queries import GraphFilter, GraphRefused, NodeRef
from tests import factories

pytestmark = pytest.mark.django_db

PHONE = "07700 900123"
PHONE_NODE = "phone:07700900123"


@dataclass
class World:
    """Two forces. West Yorkshire: a car wash case (2026) with victim Ana and suspect Boss, an older
    case (2025) with victim Cara; Ana and Cara share a phone; Boss is in a group West Yorkshire
    leads. Greater Manchester: Gus, on the same phone, in a case linked to the same group, a member."""

    analyst: User
    wy: User
    gmp: User
    car_wash: Investigation
    older: Investigation
    gmp_case: Investigation
    ana: Person
    boss: Person
    cara: Person
    gus: Person
    group: OrganisedCrimeGroup


def _person(user: User, case: Investigation, first: str, role: InvolvementRole) -> Person:
    return services.person_add_to_investigation(user=user, investigation_id=case.pk, role=role,
                                                first_name=first, last_name="Example").person


def _world() -> World:
    wy = factories.user(Role.INVESTIGATOR)
    analyst = factories.user(Role.INTELLIGENCE_ANALYST)
    gmp = factories.user(Role.INVESTIGATOR, org="greater-manchester")
    car_wash = factories.investigation(wy, "WY/00001/26", recorded_on=date(2026, 3, 2))
    older = factories.investigation(wy, "WY/00002/25", recorded_on=date(2025, 1, 20))
    gmp_case = factories.investigation(gmp, "GMP/00009/26", recorded_on=date(2026, 2, 1))
    ana = _person(wy, car_wash, "Ana", InvolvementRole.VICTIM)
    boss = _person(wy, car_wash, "Boss", InvolvementRole.SUSPECT)
    cara = _person(wy, older, "Cara", InvolvementRole.VICTIM)
    gus = _person(gmp, gmp_case, "Gus", InvolvementRole.SUSPECT)
    services.identifier_add(user=wy, person_id=ana.pk, kind=IdentifierKind.PHONE, value=PHONE)
    services.identifier_add(user=wy, person_id=cara.pk, kind=IdentifierKind.PHONE, value="+44 7700 900123")
    services.identifier_add(user=wy, person_id=boss.pk, kind=IdentifierKind.VEHICLE, value="YX19 ABC")
    services.identifier_add(user=gmp, person_id=gus.pk, kind=IdentifierKind.PHONE, value=PHONE)
    group = groups.group_record(user=wy, name="Car wash network")
    groups.group_link_investigation(user=wy, investigation_id=car_wash.pk, reference=group.reference)
    groups.group_link_investigation(user=gmp, investigation_id=gmp_case.pk, reference=group.reference)
    groups.group_member_add(user=wy, group_id=group.pk, person_id=boss.pk, role=GroupRole.PRINCIPAL)
    groups.group_member_add(user=gmp, group_id=group.pk, person_id=gus.pk, role=GroupRole.TRANSPORTER)
    return World(analyst, wy, gmp, car_wash, older, gmp_case, ana, boss, cara, gus, group)


def _ids(graph: graph_queries.Graph) -> set[str]:
    return {n.id for n in graph.nodes}


def _edges(graph: graph_queries.Graph) -> set[tuple[str, str, str]]:
    return {(e.source, e.kind, e.target) for e in graph.edges}


def test_a_person_opens_with_their_investigations_groups_and_identifiers_one_hop_out() -> None:
    w = _world()
    graph = graph_queries.graph_expand(user=w.analyst, nodes=[f"person:{w.boss.pk}"])
    assert _ids(graph) == {f"person:{w.boss.pk}", f"investigation:{w.car_wash.pk}",
                           f"group:{w.group.pk}", "vehicle:YX19ABC"}
    assert _edges(graph) == {
        (f"person:{w.boss.pk}", "suspect in", f"investigation:{w.car_wash.pk}"),
        (f"person:{w.boss.pk}", "member of", f"group:{w.group.pk}"),
        (f"person:{w.boss.pk}", "drives", "vehicle:YX19ABC"),
        # Both ends are in the answer, so the link between them comes too.
        (f"investigation:{w.car_wash.pk}", "linked to", f"group:{w.group.pk}"),
    }
    assert graph.expanded == [f"person:{w.boss.pk}"] and not graph.capped
    nodes = {n["id"]: n for n in graph.as_dict()["nodes"]}
    assert nodes[f"investigation:{w.car_wash.pk}"]["label"] == "WY/00001/26"
    assert nodes[f"investigation:{w.car_wash.pk}"]["recorded"] == "2026-03-02"
    assert nodes[f"investigation:{w.car_wash.pk}"]["force"] == "West Yorkshire Police"
    assert nodes["vehicle:YX19ABC"]["label"] == "YX19 ABC"


def test_a_shared_phone_is_one_node_that_joins_two_people() -> None:
    w = _world()
    ana = graph_queries.graph_expand(user=w.analyst, nodes=[f"person:{w.ana.pk}"])
    assert PHONE_NODE in _ids(ana) and f"person:{w.cara.pk}" not in _ids(ana)  # two hops away
    phone = graph_queries.graph_expand(user=w.analyst, nodes=[PHONE_NODE], shown=sorted(_ids(ana)))
    assert _ids(phone) == {PHONE_NODE, f"person:{w.ana.pk}", f"person:{w.cara.pk}"}
    assert _edges(phone) == {(f"person:{w.ana.pk}", "uses phone", PHONE_NODE),
                             (f"person:{w.cara.pk}", "uses phone", PHONE_NODE),
                             # Ana's link to a case the browser already shows comes along.
                             (f"person:{w.ana.pk}", "victim in", f"investigation:{w.car_wash.pk}")}


def test_another_forces_records_never_appear_not_even_through_a_shared_phone_or_group() -> None:
    w = _world()
    phone = graph_queries.graph_expand(user=w.analyst, nodes=[PHONE_NODE])
    group = graph_queries.graph_expand(user=w.analyst, nodes=[f"group:{w.group.pk}"])
    for graph in (phone, group):
        text = json.dumps(graph.as_dict())
        assert f"person:{w.gus.pk}" not in _ids(graph) and "Gus" not in text
        assert f"investigation:{w.gmp_case.pk}" not in _ids(graph) and "GMP/00009/26" not in text
        assert "Greater Manchester" not in text
    assert _ids(group) == {f"group:{w.group.pk}", f"person:{w.boss.pk}", f"investigation:{w.car_wash.pk}"}
    # The phone Gus shares is, for his own force, a phone only he uses.
    gmp_phone = graph_queries.graph_expand(user=w.gmp, nodes=[PHONE_NODE])
    assert _ids(gmp_phone) == {PHONE_NODE, f"person:{w.gus.pk}"}
    with pytest.raises(NotVisible):
        graph_queries.graph_expand(user=w.analyst, nodes=[f"person:{w.gus.pk}"])
    # Asked alongside a visible node, the invisible one is simply left out.
    mixed = graph_queries.graph_expand(user=w.analyst, nodes=[f"person:{w.gus.pk}", f"person:{w.ana.pk}"])
    assert mixed.expanded == [f"person:{w.ana.pk}"] and f"person:{w.gus.pk}" not in _ids(mixed)


def test_filters_narrow_the_neighbours_to_a_force_and_a_period() -> None:
    w = _world()
    services.involvement_add(user=w.wy, investigation_id=w.older.pk, person_id=w.ana.pk,
                             role=InvolvementRole.WITNESS)
    ana = f"person:{w.ana.pk}"
    everything = graph_queries.graph_expand(user=w.analyst, nodes=[ana])
    assert {f"investigation:{w.car_wash.pk}", f"investigation:{w.older.pk}"} <= _ids(everything)
    in_2026 = graph_queries.graph_expand(user=w.analyst, nodes=[ana], filters=GraphFilter(
        date_from=date(2026, 1, 1), date_to=date(2026, 12, 31)))
    assert f"investigation:{w.car_wash.pk}" in _ids(in_2026)
    assert f"investigation:{w.older.pk}" not in _ids(in_2026)
    assert PHONE_NODE in _ids(in_2026)  # only investigations are dated
    other_force = graph_queries.graph_expand(user=w.analyst, nodes=[ana],
                                             filters=GraphFilter(force="greater-manchester"))
    assert _ids(other_force) == {ana}  # the node opened always shows; none of its neighbours do
    own_force = graph_queries.graph_expand(user=w.analyst, nodes=[f"group:{w.group.pk}"],
                                           filters=GraphFilter(force="west-yorkshire"))
    assert f"person:{w.boss.pk}" in _ids(own_force)


def test_the_answer_is_capped_and_says_so() -> None:
    w = _world()
    others = Person.objects.bulk_create(
        Person(organisation=w.wy.organisation, first_name=f"Worker {n:03d}", created_by=w.wy)
        for n in range(graph_queries.NODE_LIMIT + 5))
    Involvement.objects.bulk_create(Involvement(investigation=w.car_wash, person=p,
                                                role=InvolvementRole.VICTIM.value) for p in others)
    graph = graph_queries.graph_expand(user=w.analyst, nodes=[f"investigation:{w.car_wash.pk}"])
    assert len(graph.nodes) == graph_queries.NODE_LIMIT and graph.capped
    assert graph.nodes[0].id == f"investigation:{w.car_wash.pk}"
    assert "showing the first 200" in graph.as_dict()["message"]
    assert {e.source for e in graph.edges} <= _ids(graph) | {f"investigation:{w.car_wash.pk}"}
    small = graph_queries.graph_expand(user=w.analyst, nodes=[f"person:{w.boss.pk}"], limit=3)
    assert len(small.nodes) == 3 and small.capped
    exact = graph_queries.graph_expand(user=w.analyst, nodes=[f"person:{w.boss.pk}"], limit=4)
    assert len(exact.nodes) == 4 and not exact.capped
    event = AuditEvent.objects.filter(object_type="cases.investigation",
                                      object_id=str(w.car_wash.pk), action=Action.CONSULTATION).last()
    assert event is not None and event.detail["capped"] is True


def test_bad_node_ids_are_refused() -> None:
    w = _world()
    for bad in ("person:abc", "car:1", "person:", "person:1; drop", "group:0"):
        with pytest.raises(GraphRefused):
            NodeRef.parse(bad)
    with pytest.raises(GraphRefused):
        graph_queries.graph_expand(user=w.analyst, nodes=["nonsense"])


def _client(user: User) -> Client:
    return factories.signed_in_client(user)


def test_the_page_draws_the_graph_and_lists_it_in_tables_and_is_audited() -> None:
    w = _world()
    client = _client(w.analyst)
    html = client.get(f"/linkage/graph/?start=person:{w.boss.pk}").content.decode()
    assert 'id="graph-data"' in html and 'id="graph-nodes"' in html and 'id="graph-edges"' in html
    assert "WY/00001/26" in html and "YX19 ABC" in html and "member of (principal)" in html
    assert "Showing 4 records and 4 connections." in html
    assert "<script>" not in html  # no inline script: data block and static module only
    assert "lantern/graph.js" in html and "Network graph" in html
    event = AuditEvent.objects.filter(action=Action.CONSULTATION, object_type="cases.person",
                                      object_id=str(w.boss.pk)).get()
    assert event.detail["view"] == "network graph"
    assert event.detail["people_shown"] == [w.boss.pk] and event.detail["nodes_shown"] == 4
    assert "YX19" not in json.dumps(event.detail)  # an identifier's value is never logged


def test_the_start_can_be_a_crime_or_group_reference_and_unknown_ones_are_named() -> None:
    w = _world()
    client = _client(w.analyst)
    landing = client.get("/linkage/graph/")
    assert landing.status_code == 200 and "Start from" in landing.content.decode()
    by_reference = client.get("/linkage/graph/", {"start": "wy/00001/26", "force": "west-yorkshire"})
    assert by_reference["Location"] == (f"/linkage/graph/?start=investigation%3A{w.car_wash.pk}"
                                        "&force=west-yorkshire")
    by_group = client.get("/linkage/graph/", {"start": w.group.reference})
    assert by_group["Location"] == f"/linkage/graph/?start=group%3A{w.group.pk}"
    for unknown in ("GMP/00009/26", "WY/99999/26"):
        html = client.get("/linkage/graph/", {"start": unknown}).content.decode()
        assert "No investigation or group you may see has that reference" in html
    assert client.get(f"/linkage/graph/?start=person:{w.gus.pk}").status_code == 404
    bad_period = client.get("/linkage/graph/", {"start": f"person:{w.ana.pk}", "date_from": "2026-05-01",
                                                "date_to": "2026-01-01"}).content.decode()
    assert "The end of the period must be on or after its start" in bad_period


def test_partner_agencies_cannot_open_the_graph() -> None:
    w = _world()
    partner = _client(factories.user(Role.PARTNER_AGENCY, org="immigration-enforcement"))
    assert partner.get(f"/linkage/graph/?start=person:{w.ana.pk}").status_code == 403
    response = partner.post("/linkage/graph/expand/", json.dumps({"nodes": [f"person:{w.ana.pk}"]}),
                            content_type="application/json")
    assert response.status_code == 403


def test_the_expand_endpoint_answers_json_and_refuses_what_it_cannot_read() -> None:
    w = _world()
    client = _client(w.analyst)

    def expand(body: object) -> object:
        return client.post("/linkage/graph/expand/", json.dumps(body), content_type="application/json")

    answer = expand({"nodes": [f"person:{w.ana.pk}"], "shown": [f"person:{w.ana.pk}"],
                     "force": "west-yorkshire", "date_from": "2026-01-01"})
    assert answer.status_code == 200  # type: ignore[attr-defined]
    data = answer.json()  # type: ignore[attr-defined]
    assert {n["id"] for n in data["nodes"]} == {f"person:{w.ana.pk}", f"investigation:{w.car_wash.pk}",
                                                 PHONE_NODE}
    assert data["filters"] == {"force": "west-yorkshire", "date_from": "2026-01-01"}
    assert expand({"nodes": [f"person:{w.gus.pk}"]}).status_code == 404  # type: ignore[attr-defined]
    assert expand({"nodes": ["person:x"]}).status_code == 400  # type: ignore[attr-defined]
    assert expand({"nodes": []}).status_code == 400  # type: ignore[attr-defined]
    assert expand(["person:1"]).status_code == 400  # type: ignore[attr-defined]
    assert expand({"nodes": [f"person:{w.ana.pk}"], "date_from": "soon"}).status_code == 400  # type: ignore[attr-defined]
    assert client.get("/linkage/graph/expand/").status_code == 405


def test_the_export_checks_every_node_again_and_is_recorded_as_a_disclosure() -> None:
    w = _world()
    client = _client(w.analyst)
    shown = [f"person:{w.ana.pk}", PHONE_NODE, f"person:{w.cara.pk}", f"investigation:{w.car_wash.pk}",
             # Ids the browser has no business sending: another force's person and case.
             f"person:{w.gus.pk}", f"investigation:{w.gmp_case.pk}"]
    response = client.post("/linkage/graph/export/", {
        "nodes": json.dumps(shown), "reason": "Briefing for Operation Lantern", "file_format": "csv",
        "start": f"person:{w.ana.pk}"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="lantern-graph-')
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert {r["id"] for r in rows if r["record"] == "node"} == set(shown[:4])
    assert {(r["source"], r["connection"], r["target"]) for r in rows if r["record"] == "edge"} == {
        (f"person:{w.ana.pk}", "uses phone", PHONE_NODE), (f"person:{w.cara.pk}", "uses phone", PHONE_NODE),
        (f"person:{w.ana.pk}", "victim in", f"investigation:{w.car_wash.pk}")}
    assert "Gus" not in response.content.decode() and "GMP" not in response.content.decode()
    event = AuditEvent.objects.get(action=Action.DISCLOSURE, object_type="linkage.graph")
    assert event.justification == "Briefing for Operation Lantern"
    assert "graph export file" in event.recipient
    assert event.detail["people_exported"] == sorted([w.ana.pk, w.cara.pk])
    assert event.detail["nodes_left_out"] == 2 and event.detail["format"] == "csv"

    as_json = client.post("/linkage/graph/export/", {
        "nodes": json.dumps(shown[:2]), "reason": "Analysis", "file_format": "json"})
    data = json.loads(as_json.content)
    assert [n["id"] for n in data["nodes"]] == shown[:2] and len(data["edges"]) == 1


def test_an_export_without_a_reason_is_refused_and_changes_nothing() -> None:
    w = _world()
    client = _client(w.analyst)
    response = client.post("/linkage/graph/export/", {
        "nodes": json.dumps([f"person:{w.ana.pk}"]), "reason": "", "file_format": "csv",
        "start": f"person:{w.ana.pk}"})
    assert response.status_code == 400
    assert "Say why you are exporting the graph" in response.content.decode()
    assert not AuditEvent.objects.filter(action=Action.DISCLOSURE).exists()
