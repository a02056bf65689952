from lantern.access.rules import Capability, capabilities_of
from lantern.accounts.rules import OrganisationKind, Role, role_problems, roles_allowed_for


def test_partner_agencies_grant_only_partner_auditor_and_administrator_roles() -> None:
    assert roles_allowed_for(OrganisationKind.PARTNER) == {
        Role.PARTNER_AGENCY, Role.AUDITOR, Role.ADMINISTRATOR}


def test_police_bodies_grant_every_role_but_the_partner_one() -> None:
    for kind in OrganisationKind:
        if kind is OrganisationKind.PARTNER:
            continue
        assert Role.PARTNER_AGENCY not in roles_allowed_for(kind)
        assert Role.INVESTIGATOR in roles_allowed_for(kind)


def test_role_problems_name_what_is_wrong() -> None:
    assert role_problems(OrganisationKind.TERRITORIAL_FORCE, set()) == ["Choose at least one role."]
    problems = role_problems(OrganisationKind.PARTNER, {Role.INVESTIGATOR, Role.PARTNER_AGENCY})
    assert problems == ["A partner agency cannot grant: Investigator."]
    assert role_problems(OrganisationKind.ROCU, {Role.REGIONAL_COORDINATOR}) == []


def test_only_auditors_search_the_audit_trail_and_only_administrators_manage_users() -> None:
    for role in Role:
        granted = capabilities_of([role])
        assert (Capability.SEARCH_AUDIT in granted) == (role is Role.AUDITOR)
        assert (Capability.MANAGE_USERS in granted) == (role is Role.ADMINISTRATOR)
    assert capabilities_of([]) == frozenset()


def test_partner_users_do_not_see_police_colleague_lists() -> None:
    assert Capability.SEE_COLLEAGUES not in capabilities_of([Role.PARTNER_AGENCY])


def test_capabilities_of_several_roles_are_the_union() -> None:
    both = capabilities_of([Role.AUDITOR, Role.ADMINISTRATOR])
    assert {Capability.SEARCH_AUDIT, Capability.MANAGE_USERS} <= both
