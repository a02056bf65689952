"""The organisations Lantern knows from the start, read from ``reference/organisations.json``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lantern.accounts.rules import OrganisationKind, PartnerType, Region

REFERENCE_FILE = Path(__file__).with_name("reference") / "organisations.json"


@dataclass(frozen=True)
class OrganisationRow:
    code: str
    name: str
    kind: OrganisationKind
    region: Region
    partner_type: PartnerType | None
    nrm_name: str | None


def organisation_rows() -> list[OrganisationRow]:
    """Every reference organisation, checked against the vocabularies in ``rules.py``."""
    raw = json.loads(REFERENCE_FILE.read_text(encoding="utf-8"))
    return [
        OrganisationRow(
            code=item["code"],
            name=item["name"],
            kind=OrganisationKind(item["kind"]),
            region=Region(item["region"]),
            partner_type=PartnerType(item["partner_type"]) if item["partner_type"] else None,
            nrm_name=item["nrm_name"],
        )
        for item in raw
    ]


def organisations_load(organisation_model: Any) -> int:
    """Create or update the reference organisations; returns how many were written.

    Takes the model class so a migration can pass its historical model.
    """
    count = 0
    for row in organisation_rows():
        organisation_model.objects.update_or_create(
            code=row.code,
            defaults={
                "name": row.name,
                "kind": row.kind.value,
                "region": row.region.value,
                "partner_type": row.partner_type.value if row.partner_type else "",
                "nrm_name": row.nrm_name or "",
            },
        )
        count += 1
    return count


def organisations_unload(organisation_model: Any) -> None:
    organisation_model.objects.filter(code__in=[row.code for row in organisation_rows()]).delete()
