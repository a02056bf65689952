"""The demo's made-up details: people's names, phone numbers, references, support contacts.

Names are from a short list of surnames nobody is called; phone numbers are in Ofcom's range for
drama (07700 900000 to 900999, 0113 496 0000 to 0999, 0161 496 0000 to 0999); addresses are on
Example Street and its like.
"""

from __future__ import annotations

from lantern.safeguarding.rules.nrm import ConsentRecord

DEMO_MARK = "-DEMO-"
"""Every demo crime reference holds this, so a second load can tell the demo cases are there."""

# The forces the crime references belong to.
WY = "WY"
GMP = "GMP"

# The made-up people. Surnames are from a short list nobody is called; first names vary.
NAMES: dict[str, tuple[str, str]] = {
    "car_wash_victim": ("Marius", "Example"),
    "car_wash_declined": ("Bogdan", "Sample"),
    "car_wash_owner": ("Adrian", "Placeholder"),
    "brothel_victim": ("Elena", "Specimen"),
    "brothel_controller": ("Viktor", "Fictional"),
    "brothel_driver": ("Dana", "Fictional"),
    "county_lines_child": ("Rhys", "Sample"),
    "line_holder": ("Jordan", "Placeholder"),
    "servitude_victim": ("Joy", "Example"),
    "servitude_employer": ("Richard", "Madeup"),
    "cannabis_gardener": ("Minh", "Specimen"),
    "cannabis_landlord": ("Karl", "Madeup"),
    "factory_worker": ("Daria", "Sample"),
    "nail_bar_worker": ("Linh", "Example"),
    "nail_bar_owner": ("Mai", "Placeholder"),
    "site_labourer": ("Tariq", "Sample"),
    "gangmaster": ("Gary", "Fictional"),
    "packhouse_worker": ("Kofi", "Specimen"),
    "packhouse_witness": ("Ruth", "Example"),
    "hotel_victim": ("Precious", "Sample"),
    "shoplifting_victim": ("Andrei", "Example"),
    "shoplifting_suspect": ("Florin", "Madeup"),
    "farm_victim": ("Tomasz", "Specimen"),
    "farm_boss": ("Lee", "Placeholder"),
    "cleaning_victim": ("Maria", "Example"),
    "cleaning_boss": ("Neil", "Madeup"),
    "gmp_car_wash_victim": ("Arben", "Sample"),
    "gmp_car_wash_owner": ("Adi", "Placeholder"),
    "gmp_runner": ("Kai", "Example"),
    "gmp_flat_victim": ("Amara", "Specimen"),
    "gmp_flat_witness": ("Beth", "Sample"),
}

# Ofcom's drama numbers. The car wash owner's phone turns up again in Greater Manchester.
SHARED_SUSPECT_PHONE = "07700 900123"


def phone(n: int) -> str:
    """A mobile number in Ofcom's drama range."""
    if not 0 <= n <= 999:
        raise ValueError("Ofcom's drama range is 07700 900000 to 07700 900999.")
    return f"07700 900{n:03d}"


# What the adults were told before an NRM referral, and whether they agreed.
CONSENTED = ConsentRecord(nrm_explained=True, support_explained=True, outcomes_explained=True,
                          consent_given=True)
DECLINED = ConsentRecord(nrm_explained=True, support_explained=True, outcomes_explained=True,
                         consent_given=False)

# The agencies and supporters the cases deal with.
IMMIGRATION_ENFORCEMENT = "Immigration Enforcement, National Command and Control Unit (NCCU)"
LEEDS_CHILDRENS_SERVICES = "Leeds City Council"
LEEDS_CHILDRENS_PHONE = "0113 496 0123"
VLO_NAME = "Aisha Rahman (West Yorkshire Police VLO)"
VLO_CONTACT = "vlo@demo.lantern.invalid"
