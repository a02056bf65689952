"""The REST API answers through the same queries, access rules and audit trail as the pages."""

import pytest
from django.test import Client

from lantern.accounts.rules import Role
from lantern.api.site import api
from lantern.audit.models import AuditEvent
from lantern.audit.rules import Action
from tests import factories

pytestmark = pytest.mark.django_db


def test_signed_out_callers_get_401() -> None:
    for path in ("/api/me", "/api/organisations", "/api/audit/events"):
        assert Client().get(path).status_code == 401


def test_me_and_own_organisation() -> None:
    me = factories.user(Role.INVESTIGATOR, Role.SUPERVISOR)
    client = factories.signed_in_client(me)
    body = client.get("/api/me").json()
    assert body["username"] == me.username
    assert body["roles"] == ["investigator", "supervisor"]
    assert body["organisation"] == "west-yorkshire"
    assert client.get("/api/organisations/west-yorkshire").json()["region"] == "yorkshire_humber"
    people = client.get("/api/organisations/west-yorkshire/people").json()
    assert me.username in {p["username"] for p in people}


def test_other_organisations_records_are_404_and_directory_is_open() -> None:
    me = factories.user(Role.INVESTIGATOR)
    stranger = factories.user(Role.INVESTIGATOR, org="greater-manchester")
    client = factories.signed_in_client(me)
    assert client.get("/api/organisations/greater-manchester").status_code == 404
    assert client.get("/api/organisations/greater-manchester/people").status_code == 404
    assert client.get(f"/api/people/{stranger.pk}").status_code == 404
    assert len(client.get("/api/organisations").json()) >= 70


def test_api_reads_of_people_are_audited() -> None:
    me = factories.user(Role.INVESTIGATOR)
    colleague = factories.user(Role.INVESTIGATOR)
    factories.signed_in_client(me).get(f"/api/people/{colleague.pk}")
    assert AuditEvent.objects.filter(action=Action.CONSULTATION, user_id=me.pk,
                                     object_id=str(colleague.pk)).exists()


def test_audit_api_is_for_auditors_only_and_verifies_the_chain() -> None:
    officer = factories.signed_in_client(factories.user(Role.INVESTIGATOR))
    assert officer.get("/api/audit/events").status_code == 403
    assert officer.get("/api/audit/verify").status_code == 403
    auditor = factories.signed_in_client(factories.user(Role.AUDITOR))
    assert auditor.get("/api/audit/verify").json()["intact"] is True
    events = auditor.get("/api/audit/events", {"action": "collection"}).json()
    assert events and {e["action"] for e in events} == {"collection"}
    assert auditor.get("/api/audit/events", {"action": "nonsense"}).status_code == 422


def test_the_openapi_schema_documents_every_route() -> None:
    schema = api.get_openapi_schema()
    assert {"/api/me", "/api/organisations/{code}", "/api/audit/events"} <= set(schema["paths"])
