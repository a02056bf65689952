import json
import re
from collections import Counter
from pathlib import Path

import pytest

from lantern.accounts.models import Organisation
from lantern.accounts.reference_data import organisation_rows
from lantern.accounts.rules import OrganisationKind, PartnerType, Region

NRM_FORM = Path(__file__).parents[2] / "src" / "lantern" / "reference" / "nrm_form"


def _nrm_values(filename: str) -> set[str]:
    text = (NRM_FORM / filename).read_text(encoding="utf-8")
    return {m.group(2) for m in re.finditer(r"value:\s*([\"'])(.*?)\1", text)}


def test_all_43_territorial_forces_of_england_and_wales_each_in_a_region() -> None:
    rows = organisation_rows()
    forces = [r for r in rows if r.kind is OrganisationKind.TERRITORIAL_FORCE]
    assert len(forces) == 43
    by_region = Counter(r.region for r in forces)
    assert by_region == {
        Region.NORTH_EAST: 3, Region.NORTH_WEST: 5, Region.YORKSHIRE_HUMBER: 4,
        Region.EAST_MIDLANDS: 5, Region.WEST_MIDLANDS: 4, Region.EASTERN: 6,
        Region.SOUTH_EAST: 5, Region.SOUTH_WEST: 5, Region.LONDON: 2, Region.WALES: 4,
    }


def test_btp_rocus_national_bodies_and_every_partner_type_are_present() -> None:
    rows = organisation_rows()
    names = {r.name for r in rows}
    assert "British Transport Police" in names
    assert "National Crime Agency" in names
    rocu_regions = {r.region for r in rows if r.kind is OrganisationKind.ROCU}
    assert rocu_regions == set(Region) - {Region.LONDON, Region.NATIONAL}
    assert any(r.kind is OrganisationKind.NATIONAL_UNIT and "Modern Slavery" in r.name for r in rows)
    assert {r.partner_type for r in rows if r.partner_type} == set(PartnerType)
    codes = [r.code for r in rows]
    assert len(codes) == len(set(codes))


def test_nrm_names_are_the_home_office_forms_own_words() -> None:
    known = (_nrm_values("ms_uk_police_forces.js") | _nrm_values("ms_organisations.js")
             | _nrm_values("ms_uk_local_authorities.js"))
    named = [r for r in organisation_rows() if r.nrm_name]
    assert len(named) >= 50
    assert [r.nrm_name for r in named if r.nrm_name not in known] == []


def test_reference_file_is_plain_json_list() -> None:
    assert isinstance(json.loads((Path(__file__).parents[2] / "src" / "lantern" / "accounts"
                                  / "reference" / "organisations.json").read_text()), list)


@pytest.mark.django_db
def test_migration_loaded_the_reference_organisations() -> None:
    assert Organisation.objects.filter(kind=OrganisationKind.TERRITORIAL_FORCE).count() == 43
    assert Organisation.objects.get(code="west-yorkshire").region == Region.YORKSHIRE_HUMBER
