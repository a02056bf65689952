"""The demo's people: one or more per role, across a force, a ROCU, the national unit and partners."""

from __future__ import annotations

from dataclasses import dataclass

from lantern.accounts.rules import Role

DEMO_PASSWORD = "lantern-demo-2026"  # noqa: S105 -- demo data, printed on screen for everyone


@dataclass(frozen=True)
class DemoPerson:
    username: str
    first_name: str
    last_name: str
    organisation_code: str
    roles: tuple[Role, ...]
    job_title: str


DEMO_PEOPLE: tuple[DemoPerson, ...] = (
    DemoPerson("officer", "Priya", "Nair", "west-yorkshire", (Role.FRONTLINE_OFFICER,),
               "Police constable, neighbourhood team"),
    DemoPerson("investigator", "Tom", "Hale", "west-yorkshire", (Role.INVESTIGATOR,),
               "Detective constable, modern slavery unit"),
    DemoPerson("supervisor", "Grace", "Okafor", "west-yorkshire", (Role.SUPERVISOR,),
               "Detective sergeant, modern slavery unit"),
    DemoPerson("lead", "Martin", "Shaw", "west-yorkshire", (Role.FORCE_LEAD,),
               "Detective chief inspector, force modern slavery lead"),
    DemoPerson("vlo", "Aisha", "Rahman", "west-yorkshire", (Role.VICTIM_LIAISON_OFFICER,),
               "Victim liaison officer"),
    DemoPerson("analyst", "Dan", "Whitley", "west-yorkshire", (Role.INTELLIGENCE_ANALYST,),
               "Intelligence analyst"),
    DemoPerson("auditor", "Helen", "Marsh", "west-yorkshire", (Role.AUDITOR,),
               "Information assurance auditor"),
    DemoPerson("admin", "Sam", "Kerr", "west-yorkshire", (Role.ADMINISTRATOR,),
               "Systems administrator"),
    DemoPerson("gmp-investigator", "Liam", "Doyle", "greater-manchester", (Role.INVESTIGATOR,),
               "Detective constable"),
    DemoPerson("gmp-supervisor", "Erin", "Walsh", "greater-manchester", (Role.SUPERVISOR,),
               "Detective sergeant"),
    DemoPerson("coordinator", "Nadia", "Price", "rocu-yorkshire-humber",
               (Role.REGIONAL_COORDINATOR,), "Regional modern slavery coordinator"),
    DemoPerson("national", "Owen", "Booth", "msoicu", (Role.NATIONAL_UNIT,),
               "National unit analyst"),
    DemoPerson("sca", "Ruth", "Ellis", "sca", (Role.PARTNER_AGENCY,),
               "Single Competent Authority decision maker"),
)
