from datetime import date

import pytest

from lantern.accounts.rules import Role
from lantern.legal.models import LegalRule
from tests import factories

pytestmark = pytest.mark.django_db


def test_everyone_reads_the_table_and_the_migration_loaded_the_known_rules() -> None:
    html = factories.signed_in_client(factories.user(Role.INVESTIGATOR)).get("/legal/").content.decode()
    assert "13 December 2022" in html and "Minimum recovery period" in html
    assert LegalRule.objects.filter(key="nrm_min_recovery_days").count() == 2


def test_the_national_unit_adds_a_row_and_others_cannot() -> None:
    assert factories.signed_in_client(factories.user(Role.INVESTIGATOR)).get("/legal/new/").status_code == 403
    client = factories.signed_in_client(factories.user(Role.NATIONAL_UNIT, org="msoicu"))
    bad = client.post("/legal/new/", {"key": "nrm_min_recovery_days", "value": "a month",
                                      "in_force_from": "2027-04-01", "source": "Test Act 2027"})
    assert bad.status_code == 200 and LegalRule.objects.count() == 10
    client.post("/legal/new/", {"key": "nrm_min_recovery_days", "value": "40",
                                "in_force_from": "2027-04-01", "source": "Test Act 2027 s2"})
    assert LegalRule.objects.get(in_force_from=date(2027, 4, 1)).value == "40"
