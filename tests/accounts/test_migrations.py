"""The reference-data migration runs forwards and backwards."""

import pytest
from django.core.management import call_command

from lantern.accounts.models import Organisation, User
from lantern.accounts.reference_data import organisation_rows


@pytest.mark.django_db(transaction=True)
def test_reference_organisations_migration_forwards_and_backwards() -> None:
    expected = len(organisation_rows())
    call_command("migrate", "accounts", "0002", verbosity=0)
    assert Organisation.objects.count() == expected
    # Backwards removes the reference rows (with no people yet, as at first install).
    User.objects.all().delete()
    call_command("migrate", "accounts", "0001", verbosity=0)
    assert Organisation.objects.count() == 0
    call_command("migrate", verbosity=0)  # every app, as rooms depending on accounts went back too
    assert Organisation.objects.count() == expected
