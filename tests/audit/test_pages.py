"""The auditor's search page and export."""

import csv
import io

import pytest

from lantern.accounts.rules import Role
from lantern.audit.models import AuditEvent
from lantern.audit.rules import Action
from lantern.audit.services import event_record
from tests import factories

pytestmark = pytest.mark.django_db


def test_an_auditor_searches_their_own_organisations_events_and_the_search_is_logged() -> None:
    auditor = factories.user(Role.AUDITOR)
    officer = factories.user(Role.INVESTIGATOR)
    stranger = factories.user(Role.INVESTIGATOR, org="greater-manchester")
    event_record(action=Action.CONSULTATION, actor=officer, obj=officer, detail={"x": 1})
    event_record(action=Action.CONSULTATION, actor=stranger, obj=stranger)
    client = factories.signed_in_client(auditor)
    page = client.get("/audit/", {"username": officer.username, "action": "consultation"})
    html = page.content.decode()
    assert page.status_code == 200
    assert officer.username in html
    assert list(page.context["page"].object_list) == list(
        AuditEvent.objects.filter(username=officer.username, action="consultation")
        .order_by("-sequence"))
    everything = client.get("/audit/").context["page"].paginator.object_list
    assert stranger.username not in {e.username for e in everything}
    assert AuditEvent.objects.filter(action=Action.CONSULTATION, object_type="audit.search",
                                     user_id=auditor.pk).exists()


def test_a_search_with_impossible_dates_says_so() -> None:
    client = factories.signed_in_client(factories.user(Role.AUDITOR))
    html = client.get("/audit/", {"date_from": "2026-11-20", "date_to": "2026-11-01"}).content.decode()
    assert "The to date must be the same as or after the from date" in html
    html = client.get("/audit/", {"date_from": "yesterday"}).content.decode()
    assert "Enter the from date as a date" in html


def test_only_auditors_open_the_audit_trail() -> None:
    for role in (Role.INVESTIGATOR, Role.ADMINISTRATOR, Role.SUPERVISOR):
        client = factories.signed_in_client(factories.user(role))
        assert client.get("/audit/").status_code == 403
        assert client.post("/audit/export/", {"reason": "x"}).status_code == 403


def test_export_needs_a_reason_is_recorded_as_a_disclosure_and_escapes_formulas() -> None:
    auditor = factories.user(Role.AUDITOR)
    officer = factories.user(Role.INVESTIGATOR)
    event_record(action=Action.ALTERATION, actor=officer, obj=officer,
                 justification="=HYPERLINK(\"http://evil\")")
    client = factories.signed_in_client(auditor)
    refused = client.post("/audit/export/", {"reason": ""})
    assert refused.status_code == 400
    assert "Say why you are exporting" in refused.content.decode()
    response = client.post("/audit/export/", {"reason": "Quarterly review",
                                              "username": officer.username})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][0] == "sequence"
    assert any(r[7] == "'=HYPERLINK(\"http://evil\")" for r in rows[1:])
    assert all(r[3] == officer.username for r in rows[1:])
    disclosure = AuditEvent.objects.filter(action=Action.DISCLOSURE, user_id=auditor.pk).latest(
        "sequence")
    assert disclosure.justification == "Quarterly review"
    assert auditor.username in disclosure.recipient or str(auditor) in disclosure.recipient
    assert disclosure.detail["events_exported"] == len(rows) - 1
