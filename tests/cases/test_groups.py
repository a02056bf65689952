"""Organised crime groups across forces: each force sees its own part in full and the others
only as connections with a contact."""

import pytest

from lantern.access.scope import NotVisible
from lantern.accounts.rules import Role
from lantern.audit.models import AuditEvent
from lantern.audit.rules import Action
from lantern.cases import groups
from lantern.cases.rules import GroupRole, InvolvementRole
from lantern.cases.services import CaseRefused, person_add_to_investigation
from tests import factories

pytestmark = pytest.mark.django_db


def _two_forces():  # type: ignore[no-untyped-def]
    wy = factories.user(Role.INVESTIGATOR)
    gmp = factories.user(Role.INVESTIGATOR, org="greater-manchester")
    group = groups.group_record(user=wy, name="Car wash network", description="Runs 4 car washes")
    wy_case, gmp_case = factories.investigation(wy), factories.investigation(gmp)
    return wy, gmp, group, wy_case, gmp_case


def test_a_group_is_invisible_to_another_force_until_it_links_an_investigation() -> None:
    wy, gmp, group, wy_case, gmp_case = _two_forces()
    assert group.reference == "OCG-WEST-YORKSHI-0001"
    with pytest.raises(NotVisible):
        groups.group_view(user=gmp, group_id=group.pk)
    groups.group_link_investigation(user=wy, investigation_id=wy_case.pk, reference=group.reference)
    groups.group_link_investigation(user=gmp, investigation_id=gmp_case.pk,
                                    reference=group.reference.lower())
    assert AuditEvent.objects.filter(action=Action.COMBINATION, object_id=str(group.pk)).count() == 2
    seen_by_gmp = groups.group_view(user=gmp, group_id=group.pk)
    assert not seen_by_gmp.leads and seen_by_gmp.own_investigations == [gmp_case]
    assert [(c.organisation, c.investigations) for c in seen_by_gmp.other_forces] == [
        ("West Yorkshire Police", 1)]
    assert groups.groups_list(user=gmp) == [group]


def test_members_and_victims_are_seen_only_by_their_own_force() -> None:
    wy, gmp, group, wy_case, gmp_case = _two_forces()
    groups.group_link_investigation(user=wy, investigation_id=wy_case.pk, reference=group.reference)
    groups.group_link_investigation(user=gmp, investigation_id=gmp_case.pk, reference=group.reference)
    suspect = person_add_to_investigation(user=gmp, investigation_id=gmp_case.pk,
                                          role=InvolvementRole.SUSPECT, first_name="Boss")
    factories.victim(gmp, gmp_case, first_name="Dina")
    groups.group_member_add(user=gmp, group_id=group.pk, person_id=suspect.person_id,
                            role=GroupRole.PRINCIPAL)
    gmp_view = groups.group_view(user=gmp, group_id=group.pk)
    assert [m.person.first_name for m in gmp_view.own_members] == ["Boss"]
    assert [v.person.first_name for v in gmp_view.own_victims] == ["Dina"]
    wy_view = groups.group_view(user=wy, group_id=group.pk)
    assert wy_view.own_members == [] and wy_view.own_victims == []
    assert [(c.organisation, c.investigations, c.members) for c in wy_view.other_forces] == [
        ("Greater Manchester Police", 1, 1)]


def test_bad_references_duplicates_and_other_forces_people_are_refused() -> None:
    wy, gmp, group, wy_case, gmp_case = _two_forces()
    with pytest.raises(CaseRefused, match="No organised crime group has the reference"):
        groups.group_link_investigation(user=gmp, investigation_id=gmp_case.pk, reference="OCG-X-1")
    groups.group_link_investigation(user=wy, investigation_id=wy_case.pk, reference=group.reference)
    with pytest.raises(CaseRefused, match="already linked"):
        groups.group_link_investigation(user=wy, investigation_id=wy_case.pk, reference=group.reference)
    gmp_person = factories.victim(gmp, gmp_case).person
    with pytest.raises(NotVisible):
        groups.group_member_add(user=wy, group_id=group.pk, person_id=gmp_person.pk,
                                role=GroupRole.ASSOCIATE)


def test_group_pages() -> None:
    _wy, gmp, group, _wy_case, gmp_case = _two_forces()
    client = factories.signed_in_client(gmp)
    assert client.get(f"/cases/groups/{group.pk}/").status_code == 404
    client.post(f"/cases/{gmp_case.pk}/groups/link/", {"reference": group.reference})
    html = client.get(f"/cases/groups/{group.pk}/").content.decode()
    assert "Another force leads this group" in html and "Runs 4 car washes" not in html
    assert group.reference in client.get(f"/cases/{gmp_case.pk}/").content.decode()
