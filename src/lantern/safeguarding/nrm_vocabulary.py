"""The Home Office NRM digital referral service's own vocabulary, read from ``reference/nrm_form/``.

Plain Python: no Django. ``fields.json`` is the form's field and option catalogue; the ``ms_*.js``
files are its controlled lists (UKHomeOffice/modern-slavery, MIT; see ``SOURCE.md`` there).
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

REFERENCE_DIR = Path(__file__).resolve().parent.parent / "reference" / "nrm_form"

LIST_NAMES = (
    "ms_countries",
    "ms_nationalities",
    "ms_organisations",
    "ms_uk_local_authorities",
    "ms_uk_police_forces",
    "ms_uk_regions",
)

# Option keys the form uses for "Select..." prompts, never for an answer.
PLACEHOLDER_OPTIONS = frozenset({"", "null", "none_selected"})

# What the form stores for a ticked single checkbox (HOF ``checkbox`` mixin; the form's own
# ``other-exploitation-details`` depends on ``types-of-exploitation-other`` being "true").
CHECKED = "true"

# ``value: "..."`` or ``value: '...'``, on one line or spread over several; a double-quoted
# value may hold apostrophes ("Barnardo's").
_VALUE = re.compile(r"""\bvalue\s*:\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')""")
_ESCAPE = re.compile(r"\\(.)")


@cache
def fields() -> dict[str, Any]:
    """Every field of the NRM referral and duty to notify form, keyed by the form's field name."""
    loaded: dict[str, Any] = json.loads((REFERENCE_DIR / "fields.json").read_text(encoding="utf-8"))
    return loaded


@cache
def list_values(name: str) -> tuple[str, ...]:
    """The values of one controlled list (``"ms_nationalities"``, ...), in the file's order."""
    if name not in LIST_NAMES:
        raise KeyError(f"no NRM list called {name!r}; the lists are {', '.join(LIST_NAMES)}")
    text = (REFERENCE_DIR / f"{name}.js").read_text(encoding="utf-8")
    values = (_ESCAPE.sub(r"\1", double or single) for double, single in _VALUE.findall(text))
    return tuple(dict.fromkeys(values))


@cache
def field_options(field_name: str) -> tuple[str, ...]:
    """The answers a radio or checkbox-group field takes, as the form stores them.

    ``fields.json`` keeps options as a mapping of value to label (``{"yes": {"label": "Yes"}}``);
    the form's code also writes them as a list of strings or of ``{"value": ...}`` dicts, so all
    three shapes are read. "Select..." prompts are not answers: a field whose only option is a
    prompt takes its answers from a controlled list instead (see ``nrm_form.FIELD_LISTS``).
    """
    options = fields()[field_name].get("options")
    if isinstance(options, dict):
        values = list(options)
    elif isinstance(options, list):
        values = [item if isinstance(item, str) else str(item.get("value", "")) for item in options]
    else:
        values = []
    return tuple(value for value in values if value not in PLACEHOLDER_OPTIONS)


MAX_PLACES = 10  # the form has ten city boxes and ten country boxes
UNITED_KINGDOM = "United Kingdom"  # in ms_countries, but not offered for exploitation overseas
TYPE_PREFIX = "types-of-exploitation-"
CITY_FIELDS = tuple(f"where-exploitation-happened-uk-city-{n}" for n in range(1, MAX_PLACES + 1))
COUNTRY_FIELDS = tuple(f"where-exploitation-happened-overseas-country-{n}" for n in range(1, MAX_PLACES + 1))

# Who is making the report: the first responder, never the potential victim.
FIRST_RESPONDER_FIELDS = frozenset({
    "user-email", "user-organisation", "fr-location", "fr-details-first-name", "fr-details-last-name",
    "fr-details-role", "fr-details-phone", "fr-alternative-contact",
})

# Select fields that take an entry of a controlled list. The UK city fields use the form's
# ms_uk_cities_and_towns, which is not in Lantern's copy, so nothing here can check them.
FIELD_LISTS: dict[str, tuple[str, ...]] = {
    "user-organisation": ("ms_organisations", "ms_uk_police_forces"),
    "local-authority-contacted-about-child-local-authority-name": ("ms_uk_local_authorities",),
    "current-pv-location-uk-region": ("ms_uk_regions",),
    "reported-to-police-police-forces": ("ms_uk_police_forces",),
    "pv-nationality": ("ms_nationalities",),
    "pv-nationality-second": ("ms_nationalities",),
    **{name: ("ms_countries",) for name in COUNTRY_FIELDS},
}
# Single checkboxes (HOF ``checkbox`` mixin): ticked is CHECKED, unticked is left out.
CHECKBOX_FIELDS = frozenset({
    *(TYPE_PREFIX + box for box in (
        "forced-to-work", "wages-taken", "forced-to-commit-fraud", "prostitution", "child-exploitation",
        "taken-somewhere", "forced-to-commit-crime", "organs-removed", "unpaid-household-work", "other",
    )),
    "pv-contact-details-email-check", "pv-contact-details-post-check", "someone-else-permission-check",
})


@cache
def accepted_values(field_name: str) -> frozenset[str] | None:
    """The values a field takes, exactly as the form spells them, or None for a field of free text."""
    if field_name in FIELD_LISTS:
        values = frozenset(value for name in FIELD_LISTS[field_name] for value in list_values(name))
        return values - {UNITED_KINGDOM} if field_name in COUNTRY_FIELDS else values
    if field_name in CHECKBOX_FIELDS:
        return frozenset({CHECKED})
    return frozenset(field_options(field_name)) or None


@cache
def _list_entries(field_name: str) -> dict[str, str]:
    return {entry.strip(): entry for entry in accepted_values(field_name) or ()}


def list_entry(field_name: str, value: str) -> str | None:
    """The form's own spelling of an answer from a controlled list, or None if the list lacks it.

    Leading and trailing spaces do not count: the form's lists keep a stray one
    ("Citizen of Vanuatu "), which the Home Office expects back and Lantern's forms trim away.
    """
    return _list_entries(field_name).get(value.strip())
