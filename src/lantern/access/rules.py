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
    MANAGE_LEGAL_RULES = "manage_legal_rules"
    # Casework: victims, suspects and investigations. Partner agencies hold none of these, so
    # immigration partners never see victim records (seed 002 §12.16).
    SEE_CASES = "see_cases"
    RECORD_ENCOUNTER = "record_encounter"
    WORK_CASES = "work_cases"
    SUPERVISE_CASES = "supervise_cases"
    SAFEGUARD = "safeguard"
    # Counts across every force, with no personal data: the national picture.
    SEE_NATIONAL_PICTURE = "see_national_picture"
    # Connections across forces (the linkage room): deciding whether two records are one person,
    # starting a national linkage run, and seeing another force's side of a match in full.
    DECIDE_MATCHES = "decide_matches"
    RUN_LINKAGE = "run_linkage"
    SEE_LINKED_RECORDS = "see_linked_records"


_EVERYONE = {Capability.SEE_ORGANISATION, Capability.SEE_COLLEAGUES}
_FRONTLINE = _EVERYONE | {Capability.SEE_CASES, Capability.RECORD_ENCOUNTER, Capability.SAFEGUARD}
_CASEWORK = _FRONTLINE | {Capability.WORK_CASES, Capability.DECIDE_MATCHES}
_SUPERVISION = _CASEWORK | {Capability.SUPERVISE_CASES}

ROLE_CAPABILITIES: dict[Role, frozenset[Capability]] = {
    Role.FRONTLINE_OFFICER: frozenset(_FRONTLINE),
    Role.INVESTIGATOR: frozenset(_CASEWORK),
    Role.SUPERVISOR: frozenset(_SUPERVISION),
    Role.FORCE_LEAD: frozenset(_SUPERVISION),
    Role.VICTIM_LIAISON_OFFICER: frozenset(_CASEWORK),
    Role.INTELLIGENCE_ANALYST: frozenset(_EVERYONE | {Capability.SEE_CASES, Capability.DECIDE_MATCHES,
                                                      Capability.RUN_LINKAGE}),
    Role.REGIONAL_COORDINATOR: frozenset(_EVERYONE | {Capability.SEE_CASES}),
    Role.NATIONAL_UNIT: frozenset(_EVERYONE | {Capability.SEE_CASES, Capability.MANAGE_LEGAL_RULES,
                                               Capability.SEE_NATIONAL_PICTURE, Capability.DECIDE_MATCHES,
                                               Capability.RUN_LINKAGE, Capability.SEE_LINKED_RECORDS}),
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
