"""The dashboards' figures kept for a few minutes (``insights.figures_cache``).

Given the figures kept for five minutes (the production default; the rest of the tests count every
view), when the national unit opens the nation's page twice, then the second view counts nothing
and shows the same figures with when they were counted; a record added meanwhile is counted once
the kept figures are dropped (or an import of published statistics drops them); whoever may not
count a place is still refused though its figures are kept; a regional coordinator is shown the
same figures as the national unit, never a count narrowed to their own organisation; and a kept
entry that cannot be read is counted again.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from lantern.accounts.models import User
from lantern.accounts.rules import Role
from lantern.insights import figures_cache
from lantern.insights.published_import import published_statistics_import
from lantern.safeguarding.models import Referral
from lantern.safeguarding.rules.nrm import Route
from tests import factories
from tests.insights.published_data import police_table, write_tables

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
NATION = "/insights/?period=2026"
WY = "/insights/forces/west-yorkshire/?period=2026-Q1"


@pytest.fixture(autouse=True)
def _kept() -> Iterator[None]:
    figures_cache.forget()
    with override_settings(LANTERN_FIGURES_SECONDS=300):
        yield
    figures_cache.forget()


def _referral(owner: User, day: int) -> None:
    case = factories.investigation(owner)
    involvement = factories.victim(owner, case, first_name="Testperson")
    Referral.objects.create(
        organisation=owner.organisation, involvement=involvement, route=Route.NRM_REFERRAL.value,
        state=Referral.State.SUBMITTED, age_answer="no", exploitation_types=["sexual"],
        nationality="Albanian", created_by=owner, submitted_by=owner,
        submitted_at=datetime(2026, 2, day, 10, 0, tzinfo=LONDON))


@pytest.fixture
def investigator() -> User:
    person = factories.user(Role.INVESTIGATOR, org="west-yorkshire")
    _referral(person, 2)
    return person


def _police_referrals(html: str) -> str:
    row = re.search(r'id="key-nrm-police-referrals">(.*?)</div>', html, re.S)
    assert row is not None
    found = re.search(r">(\d+)<", row[1])
    assert found is not None
    return found[1]


def _get(client: Client, url: str) -> tuple[str, int]:
    """The page's HTML and how many queries it made."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode(), len(queries)


def test_a_second_view_counts_nothing_and_says_when_the_figures_were_counted(investigator: User) -> None:
    national = factories.signed_in_client(factories.user(Role.NATIONAL_UNIT, org="msoicu"))
    first, counted = _get(national, NATION)
    again, kept = _get(national, NATION)
    assert _police_referrals(first) == _police_referrals(again) == "1"
    assert counted >= 20 and kept < counted / 2, (counted, kept)  # the session and user, not the figures
    said = re.search(r'id="counted-at">(.*?)</p>', again, re.S)
    assert said is not None and "counted again when they are more than 5 minutes old" in said[1]
    # Kept: a referral made now is not counted until the kept figures go.
    _referral(investigator, 3)
    assert _police_referrals(_get(national, NATION)[0]) == "1"
    figures_cache.forget()
    assert _police_referrals(_get(national, NATION)[0]) == "2"


def test_old_figures_are_counted_again_by_one_view_while_the_others_are_given_the_old_ones(
        investigator: User, monkeypatch: pytest.MonkeyPatch) -> None:
    national = factories.signed_in_client(factories.user(Role.NATIONAL_UNIT, org="msoicu"))
    assert _police_referrals(_get(national, NATION)[0]) == "1"
    _referral(investigator, 3)
    later = time.time() + 301
    monkeypatch.setattr(figures_cache.time, "time", lambda: later)
    # Another view is counting the old figures now: this one is given them as they were.
    key = next(k for k in caches["figures"]._cache if ":counting" not in k)  # type: ignore[attr-defined]
    assert caches["figures"].add(f"{key.split(':', 2)[-1]}:counting", later)
    page, counted = _get(national, NATION)
    assert _police_referrals(page) == "1" and counted < 20
    # That count over (its mark gone), the next view counts again and keeps the new figures.
    caches["figures"].delete(f"{key.split(':', 2)[-1]}:counting")
    page, counted = _get(national, NATION)
    assert _police_referrals(page) == "2" and counted >= 20
    assert _police_referrals(_get(national, NATION)[0]) == "2"
    assert not any(":counting" in k for k in caches["figures"]._cache)  # type: ignore[attr-defined]


def test_each_view_counts_afresh_when_nothing_is_kept(investigator: User) -> None:
    national = factories.signed_in_client(factories.user(Role.NATIONAL_UNIT, org="msoicu"))
    with override_settings(LANTERN_FIGURES_SECONDS=0):
        assert _police_referrals(_get(national, NATION)[0]) == "1"
        _referral(investigator, 3)
        page = _get(national, NATION)[0]
    assert _police_referrals(page) == "2"
    assert 'id="counted-at"' not in page


def test_kept_figures_are_refused_to_whoever_may_not_count_the_place(investigator: User) -> None:
    national = factories.signed_in_client(factories.user(Role.NATIONAL_UNIT, org="msoicu"))
    _get(national, WY)
    kent = factories.signed_in_client(factories.user(Role.INVESTIGATOR, org="kent"))
    assert kent.get(WY).status_code == 403
    partner = factories.signed_in_client(factories.user(Role.PARTNER_AGENCY, org="sca"))
    assert partner.get(NATION).status_code == 403


def test_a_regional_coordinator_and_the_national_unit_are_shown_the_same_reconciliation(
        investigator: User, tmp_path: Path) -> None:
    """Published 3 for 2026 Q1, held 1: the same for whoever counts it first."""
    published_statistics_import(directory=write_tables(tmp_path, police_table(3, year=2026, quarter=1)))
    coordinator = factories.signed_in_client(factories.user(Role.REGIONAL_COORDINATOR,
                                                            org="rocu-yorkshire-humber"))
    national = factories.signed_in_client(factories.user(Role.NATIONAL_UNIT, org="msoicu"))
    for client in (coordinator, national):
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", _get(client, WY)[0]))
        assert "2026 Q1: published 3, held in Lantern 1" in text


def test_an_import_of_published_statistics_drops_the_kept_figures(
        investigator: User, tmp_path: Path, django_capture_on_commit_callbacks: Any) -> None:
    client = factories.signed_in_client(investigator)
    assert "No published statistics for West Yorkshire Police" in _get(client, WY)[0]
    with django_capture_on_commit_callbacks(execute=True) as done:  # dropped once the import commits
        published_statistics_import(directory=write_tables(tmp_path, police_table(3, year=2026, quarter=1)))
    assert figures_cache.forget in done
    assert "2026 Q1: published 3, held in Lantern 1" in re.sub(
        r"\s+", " ", re.sub(r"<[^>]+>", " ", _get(client, WY)[0]))


def test_a_kept_entry_that_cannot_be_read_is_counted_again(investigator: User, tmp_path: Path) -> None:
    """The directory every server process shares, with one entry damaged on disk."""
    location = tmp_path / "figures"
    shared = {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(location)}
    national = factories.signed_in_client(factories.user(Role.NATIONAL_UNIT, org="msoicu"))
    with override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
                                   "figures": shared}):
        caches["figures"].clear()
        _get(national, NATION)
        entries = list(location.glob("*.djcache"))
        assert len(entries) == 1
        entries[0].write_bytes(entries[0].read_bytes()[:40] + b"damaged")
        page, counted = _get(national, NATION)
        assert _police_referrals(page) == "1" and counted >= 20
