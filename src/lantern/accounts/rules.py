"""Who works in Lantern: the kinds of organisation, their regions, and the roles people hold.

Plain Python: no Django. The database stores these values; the meaning lives here.
"""

from __future__ import annotations

from enum import StrEnum


class OrganisationKind(StrEnum):
    TERRITORIAL_FORCE = "territorial_force"
    SPECIAL_FORCE = "special_force"
    ROCU = "rocu"
    NATIONAL_AGENCY = "national_agency"
    NATIONAL_UNIT = "national_unit"
    PARTNER = "partner"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]

    @property
    def is_police(self) -> bool:
        return self is not OrganisationKind.PARTNER


_KIND_LABELS = {
    OrganisationKind.TERRITORIAL_FORCE: "Territorial police force",
    OrganisationKind.SPECIAL_FORCE: "Special police force",
    OrganisationKind.ROCU: "Regional organised crime unit",
    OrganisationKind.NATIONAL_AGENCY: "National law enforcement agency",
    OrganisationKind.NATIONAL_UNIT: "National unit",
    OrganisationKind.PARTNER: "Partner agency",
}


class Region(StrEnum):
    """The policing regions of England and Wales, plus national bodies."""

    NORTH_EAST = "north_east"
    NORTH_WEST = "north_west"
    YORKSHIRE_HUMBER = "yorkshire_humber"
    EAST_MIDLANDS = "east_midlands"
    WEST_MIDLANDS = "west_midlands"
    EASTERN = "eastern"
    SOUTH_EAST = "south_east"
    SOUTH_WEST = "south_west"
    LONDON = "london"
    WALES = "wales"
    NATIONAL = "national"

    @property
    def label(self) -> str:
        return _REGION_LABELS[self]


_REGION_LABELS = {
    Region.NORTH_EAST: "North East",
    Region.NORTH_WEST: "North West",
    Region.YORKSHIRE_HUMBER: "Yorkshire and the Humber",
    Region.EAST_MIDLANDS: "East Midlands",
    Region.WEST_MIDLANDS: "West Midlands",
    Region.EASTERN: "Eastern",
    Region.SOUTH_EAST: "South East",
    Region.SOUTH_WEST: "South West",
    Region.LONDON: "London",
    Region.WALES: "Wales",
    Region.NATIONAL: "National",
}


class PartnerType(StrEnum):
    SINGLE_COMPETENT_AUTHORITY = "single_competent_authority"
    IMMIGRATION_ENFORCEMENT = "immigration_enforcement"
    BORDER_FORCE = "border_force"
    CPS = "cps"
    GLAA = "glaa"
    CHILDRENS_SERVICES = "childrens_services"
    VICTIM_CARE = "victim_care"

    @property
    def label(self) -> str:
        return _PARTNER_LABELS[self]


_PARTNER_LABELS = {
    PartnerType.SINGLE_COMPETENT_AUTHORITY: "Single Competent Authority",
    PartnerType.IMMIGRATION_ENFORCEMENT: "Immigration enforcement",
    PartnerType.BORDER_FORCE: "Border Force",
    PartnerType.CPS: "Crown Prosecution Service",
    PartnerType.GLAA: "Gangmasters and Labour Abuse Authority",
    PartnerType.CHILDRENS_SERVICES: "Local authority children's services",
    PartnerType.VICTIM_CARE: "Victim care and support",
}


class Role(StrEnum):
    """A job a person does in Lantern. One person may hold several."""

    FRONTLINE_OFFICER = "frontline_officer"
    INVESTIGATOR = "investigator"
    SUPERVISOR = "supervisor"
    FORCE_LEAD = "force_lead"
    VICTIM_LIAISON_OFFICER = "victim_liaison_officer"
    INTELLIGENCE_ANALYST = "intelligence_analyst"
    REGIONAL_COORDINATOR = "regional_coordinator"
    NATIONAL_UNIT = "national_unit"
    PARTNER_AGENCY = "partner_agency"
    AUDITOR = "auditor"
    ADMINISTRATOR = "administrator"

    @property
    def label(self) -> str:
        return _ROLE_LABELS[self]


_ROLE_LABELS = {
    Role.FRONTLINE_OFFICER: "Frontline officer",
    Role.INVESTIGATOR: "Investigator",
    Role.SUPERVISOR: "Supervisor",
    Role.FORCE_LEAD: "Force modern slavery lead",
    Role.VICTIM_LIAISON_OFFICER: "Victim liaison officer",
    Role.INTELLIGENCE_ANALYST: "Intelligence analyst",
    Role.REGIONAL_COORDINATOR: "Regional coordinator",
    Role.NATIONAL_UNIT: "National unit",
    Role.PARTNER_AGENCY: "Partner agency user",
    Role.AUDITOR: "Auditor",
    Role.ADMINISTRATOR: "Administrator",
}

def roles_allowed_for(kind: OrganisationKind) -> frozenset[Role]:
    """Which roles a person in an organisation of this kind may hold.

    A partner agency's people hold the partner role, and may audit or administer their own
    organisation's accounts; police bodies grant every role but the partner one.
    """
    if kind is OrganisationKind.PARTNER:
        return frozenset({Role.PARTNER_AGENCY, Role.AUDITOR, Role.ADMINISTRATOR})
    return frozenset(Role) - {Role.PARTNER_AGENCY}


def role_problems(kind: OrganisationKind, roles: set[Role]) -> list[str]:
    """Why this set of roles cannot be given to someone in this kind of organisation, if it can't."""
    problems: list[str] = []
    if not roles:
        problems.append("Choose at least one role.")
    not_allowed = sorted(r.label for r in roles - roles_allowed_for(kind))
    if not_allowed:
        problems.append(
            f"A {kind.label.lower()} cannot grant: {', '.join(not_allowed)}."
        )
    return problems
