"""The demo's investigations: cases at every stage, made through the services a person would use.

Everything is recorded by the demo people (``lantern.accounts.demo_people``) through the same
services, access checks and audit entries as real work, then dated back (``casework_steps``,
``safeguarding_steps`` and ``justice_steps``). Personal data is made up (``made_up``). The cases are
told in ``west_yorkshire_labour``, ``west_yorkshire_sexual_criminal_servitude`` and
``greater_manchester``; their s45 considerations, prosecutions, orders, disruptions and the
organised crime group two forces share, in ``justice_stories``, after them. Loads only with
LANTERN_ENV=demo, and only once.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import QuerySet

from lantern.cases.demo import greater_manchester as gm
from lantern.cases.demo import justice_stories as justice
from lantern.cases.demo import west_yorkshire_labour as wy_labour
from lantern.cases.demo import west_yorkshire_sexual_criminal_servitude as wy_other
from lantern.cases.demo.justice_steps import JusticeDemo
from lantern.cases.demo.made_up import DEMO_MARK
from lantern.cases.models import Investigation

__all__ = ["BUILDERS", "DEMO_MARK", "demo_cases_load", "demo_investigations"]

BUILDERS: tuple[Callable[[JusticeDemo], None], ...] = (
    # Recorded in this order, which fixes the rows' ids and the audit trail's order.
    wy_labour.car_wash, wy_other.brothel, wy_other.county_lines_child, wy_other.domestic_servitude,
    wy_other.cannabis, wy_labour.food_factory_waiting, wy_labour.nail_bar_new,
    wy_labour.construction_triaged, wy_labour.packhouse_closed, wy_other.hotel_closed_by_override,
    wy_other.shoplifting_closed, wy_labour.farm_with_justice, wy_labour.cleaning_further_recovery,
    gm.car_wash, gm.county_line, gm.flats,
    # Then the justice side of those cases, and one more case that needs only it.
    justice.victims_who_offended, justice.brothel_prosecution, justice.packhouse_conviction,
    justice.takeaway_acquitted, justice.car_wash_group, justice.cleaning_orders,
    justice.county_line_disruption, justice.gmp_car_wash_link,
)


def demo_investigations() -> QuerySet[Investigation]:
    return Investigation.objects.filter(crime_reference__contains=DEMO_MARK)


def demo_cases_load() -> int:
    """Record the demo investigations through the services; 0 if they are already there."""
    if not settings.IS_DEMO:
        raise ImproperlyConfigured("The demo cases load only with LANTERN_ENV=demo.")
    if demo_investigations().exists():
        return 0
    with transaction.atomic():
        demo = JusticeDemo.start()
        for build in BUILDERS:
            build(demo)
        return demo_investigations().count()
