"""What each role may do: the capability table that ``lantern.access`` enforces.

Plain Python: no Django. Visibility by organisation is decided in ``lantern.access``; this table
decides which kinds of work a role opens.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from lantern.accounts.rules import Role


class Capability(StrEnum):
    SEE_ORGANISATION = "see_organisation"
    SEE_COLLEAGUES = "see_colleagues"
    SEARCH_AUDIT = "search_audit"
    EXPORT_AUDIT = "export_audit"
    MANAGE_USERS = "manage_users"


_EVERYONE = {Capability.SEE_ORGANISATION, Capability.SEE_COLLEAGUES}

ROLE_CAPABILITIES: dict[Role, frozenset[Capability]] = {
    Role.FRONTLINE_OFFICER: frozenset(_EVERYONE),
    Role.INVESTIGATOR: frozenset(_EVERYONE),
    Role.SUPERVISOR: frozenset(_EVERYONE),
    Role.FORCE_LEAD: frozenset(_EVERYONE),
    Role.VICTIM_LIAISON_OFFICER: frozenset(_EVERYONE),
    Role.INTELLIGENCE_ANALYST: frozenset(_EVERYONE),
    Role.REGIONAL_COORDINATOR: frozenset(_EVERYONE),
    Role.NATIONAL_UNIT: frozenset(_EVERYONE),
    Role.PARTNER_AGENCY: frozenset({Capability.SEE_ORGANISATION}),
    Role.AUDITOR: frozenset(_EVERYONE | {Capability.SEARCH_AUDIT, Capability.EXPORT_AUDIT}),
    Role.ADMINISTRATOR: frozenset(_EVERYONE | {Capability.MANAGE_USERS}),
}


def capabilities_of(roles: Iterable[Role]) -> frozenset[Capability]:
    """Everything a person holding these roles may do."""
    granted: set[Capability] = set()
    for role in roles:
        granted |= ROLE_CAPABILITIES[role]
    return frozenset(granted)
