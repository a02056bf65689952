"""The linkage room's pages through the real URLconf: task list, match page, run request, look-up."""

from __future__ import annotations

from datetime import date

import pytest

from lantern.accounts.rules import Role
from lantern.cases import services as cases
from lantern.cases.rules import InvolvementRole
from lantern.linkage import queries, services, views
from lantern.linkage.models import LinkRun, MatchDecision, SuggestedMatch
from lantern.linkage.rules import RunStatus
from tests import factories

pytestmark = pytest.mark.django_db


def _held(org: str, last: str) -> int:
    officer = factories.user(Role.INVESTIGATOR, org=org)
    case = factories.investigation(officer)
    return cases.person_add_to_investigation(
        user=officer, investigation_id=case.pk, role=InvolvementRole.SUSPECT, first_name="Arben",
        last_name=last,
        date_of_birth=date(1985, 3, 4), nationality="Albanian").person_id


def test_an_officer_decides_on_a_match_from_the_page() -> None:
    _held("greater-manchester", "Hoxha")
    _held("west-yorkshire", "Hoxha")
    lead = factories.user(Role.FORCE_LEAD)
    services.run_execute(run_id=services.run_request(user=None).pk)
    client = factories.signed_in_client(lead)
    listing = client.get("/linkage/").content.decode()
    assert "1 new connection to check" in listing and "Another force" in listing
    match = SuggestedMatch.objects.get()
    page = client.get(f"/linkage/matches/{match.pk}/").content.decode()
    assert "A record held by Greater Manchester Police" in page and "Why Lantern suggests this match" in page
    refused = client.post(f"/linkage/matches/{match.pk}/", {"outcome": "rejected", "reason": ""})
    assert "Say why you decided this" in refused.content.decode() and not MatchDecision.objects.exists()
    done = client.post(f"/linkage/matches/{match.pk}/",
                       {"outcome": "rejected", "reason": "Different people."})
    assert done.status_code == 302 and MatchDecision.objects.get().outcome == "rejected"
    assert "1 new connection" not in client.get("/linkage/").content.decode()


def test_the_matches_are_listed_strongest_first_a_page_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(views, "MATCHES_PAGE_SIZE", 2)
    for surname in ("Hoxha", "Krasniqi", "Berisha"):
        _held("greater-manchester", surname)
        _held("west-yorkshire", surname)
    services.run_execute(run_id=services.run_request(user=None).pk)
    lead = factories.user(Role.FORCE_LEAD)
    ranked = [m.pk for m in queries.matches_for(lead)]  # strongest first, those touching West Yorkshire
    assert 3 <= len(ranked) <= 2 * 50
    client = factories.signed_in_client(lead)
    first = client.get("/linkage/").content.decode()
    assert f"Match {ranked[0]}<" in first and f"Match {ranked[1]}<" in first
    assert f"Match {ranked[2]}<" not in first
    assert "matches 1 to 2" in first and 'href="?page=2" rel="next"' in first
    second = client.get("/linkage/?page=2").content.decode()
    assert f"Match {ranked[2]}<" in second and f"Match {ranked[0]}<" not in second
    assert 'href="?page=1" rel="prev"' in second
    last = -(-len(ranked) // 2)
    final = client.get(f"/linkage/?page={last}").content.decode()
    assert f"Match {ranked[-1]}<" in final and 'rel="next"' not in final
    assert "No more matches" in client.get(f"/linkage/?page={last + 1}").content.decode()
    assert f"Match {ranked[0]}<" in client.get("/linkage/?page=nonsense").content.decode()


def test_a_third_force_gets_404_for_the_match_and_a_partner_403() -> None:
    _held("greater-manchester", "Hoxha")
    _held("west-yorkshire", "Hoxha")
    services.run_execute(run_id=services.run_request(user=None).pk)
    match = SuggestedMatch.objects.get()
    outsider = factories.signed_in_client(factories.user(Role.INVESTIGATOR, org="merseyside"))
    assert outsider.get(f"/linkage/matches/{match.pk}/").status_code == 404
    partner = factories.signed_in_client(factories.user(Role.PARTNER_AGENCY, org="immigration-enforcement"))
    assert partner.get(f"/linkage/matches/{match.pk}/").status_code == 403


def test_an_analyst_queues_a_run_and_an_investigator_may_not() -> None:
    analyst = factories.signed_in_client(factories.user(Role.INTELLIGENCE_ANALYST))
    assert analyst.post("/linkage/runs/new/", {"threshold": "0.95"}).status_code == 302
    run = LinkRun.objects.get()
    assert run.status == RunStatus.QUEUED.value and run.threshold == 0.95
    assert f'hx-get="/linkage/runs/{run.pk}/"' in analyst.get("/linkage/").content.decode()
    investigator = factories.signed_in_client(factories.user(Role.INVESTIGATOR))
    assert investigator.post("/linkage/runs/new/", {"threshold": "0.9"}).status_code == 403


def test_the_seen_before_box_answers_as_the_officer_types() -> None:
    _held("greater-manchester", "Hoxha")
    client = factories.signed_in_client(factories.user(Role.FRONTLINE_OFFICER))
    empty = client.post("/linkage/seen-before/", {"first_name": ""}).content.decode()
    assert "Enter a name to check" in empty
    found = client.post("/linkage/seen-before/", {
        "first_name": "Arben", "last_name": "Hoxha", "date_of_birth": "1985-03-04",
        "estimated_age": "x"}).content.decode()
    assert "A record held by <strong>Greater Manchester Police</strong>" in found
    assert "1985" not in found
    assert client.get("/linkage/seen-before/").status_code == 405
