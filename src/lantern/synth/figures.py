"""The calibration figures, measured from the database: what ``targets.check`` holds to the table.

The generator's own check of what it wrote, not a page anyone sees: it counts every record,
across every force, with no user (``lantern.access`` is for people's reads; this reads
aggregates only, never a person's details). The national metrics room (``insights``) publishes
the same figures for people, scoped by access. Definitions, each for a calendar year:

- ``investigations.live_monthly_average``: investigations allocated to an investigator and not
  closed on the last day of each month, averaged over the year's twelve months (Table 1
  "average of monthly counts"). A crime recorded and not yet allocated is not yet live.
- ``nrm.police_referrals``: NRM referrals (not duty-to-notify notices) submitted in the year by a
  police organisation as first responder; ``nrm.referrals`` counts every first responder's,
  ``nrm.child_share`` those answered "under 18: yes", ``nrm.police_share`` the police's share.
- ``cps.police_referrals``: investigations whose first referral of a suspect to the CPS was in
  the year (a file may name several suspects; Table 1 has fewer referrals than defendants).
- ``cps.flagged_defendants``: modern-slavery-flagged prosecutions finalised (a verdict) in the
  year; ``cps.conviction_rate``: the share of those convicted.
- ``investigations.criminal_share`` / ``county_lines_share_of_criminal``: of investigations
  recorded in the year, those with any criminal exploitation type, and of those, county lines.
- ``victims`` / ``suspects.british_share_of_known``: of the people recorded as victims (or
  suspects) in investigations recorded in the year whose nationality is known, the British.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from django.db.models import Min, Q

from lantern.accounts.rules import OrganisationKind
from lantern.cases.models import Investigation, InvestigationExploitation, Involvement
from lantern.cases.rules import ExploitationType, InvolvementRole
from lantern.justice.models import CpsReferral, Prosecution
from lantern.justice.rules.prosecution import Verdict
from lantern.safeguarding.models import Referral
from lantern.safeguarding.rules.nrm import AgeAnswer, Route

_CRIMINAL = [t.value for t in ExploitationType if t.is_criminal]
_CONVICTED = [v.value for v in Verdict if v.is_conviction]
_POLICE_KINDS = [k.value for k in OrganisationKind if k.is_police]


def _month_ends(year: int) -> list[date]:
    return [(date(year + (m == 12), m % 12 + 1, 1) - timedelta(days=1)) for m in range(1, 13)]


def live_monthly_average(year: int) -> float:
    counts = [Investigation.objects.filter(allocated_on__lte=end)
              .filter(Q(closed_on__isnull=True) | Q(closed_on__gt=end)).count() for end in _month_ends(year)]
    return sum(counts) / len(counts)


def _share(part: int, whole: int) -> float:
    return part / whole if whole else float("nan")


def _referral_figures(year: int) -> dict[str, float]:
    referrals = Referral.objects.filter(route=Route.NRM_REFERRAL.value, state=Referral.State.SUBMITTED,
                                        submitted_at__year=year)
    police = referrals.filter(first_responder__isnull=True, organisation__kind__in=_POLICE_KINDS).count()
    total = referrals.count()
    children = referrals.filter(age_answer=AgeAnswer.YES.value).count()
    return {"nrm.police_referrals": police, "nrm.referrals": total,
            "nrm.child_share": _share(children, total), "nrm.police_share": _share(police, total)}


def _justice_figures(year: int) -> dict[str, float]:
    files = (CpsReferral.objects.values("involvement__investigation")
             .annotate(first=Min("referred_on")).filter(first__year=year).count())
    finalised = Prosecution.objects.filter(referral__modern_slavery_flagged=True, verdict_on__year=year)
    defendants = finalised.count()
    convicted = finalised.filter(verdict__in=_CONVICTED).count()
    return {"cps.police_referrals": files, "cps.flagged_defendants": defendants,
            "cps.conviction_rate": _share(convicted, defendants)}


def _recorded_figures(year: int) -> dict[str, float]:
    recorded = Investigation.objects.filter(recorded_on__year=year)
    types = InvestigationExploitation.objects.filter(investigation__recorded_on__year=year)
    criminal = types.filter(exploitation_type__in=_CRIMINAL).values("investigation").distinct().count()
    county_lines = types.filter(exploitation_type=ExploitationType.CRIMINAL_COUNTY_LINES.value) \
        .values("investigation").distinct().count()
    figures = {"investigations.criminal_share": _share(criminal, recorded.count()),
               "investigations.county_lines_share_of_criminal": _share(county_lines, criminal)}
    people = Involvement.objects.filter(investigation__recorded_on__year=year).exclude(person__nationality="")
    for kind, roles in (("victims", [InvolvementRole.VICTIM, InvolvementRole.VICTIM_AND_SUSPECT]),
                        ("suspects", [InvolvementRole.SUSPECT])):
        known = people.filter(role__in=[r.value for r in roles])
        british = known.filter(person__nationality="British").count()
        figures[f"{kind}.british_share_of_known"] = _share(british, known.count())
    return figures


def measure(years: Iterable[int]) -> dict[str, float]:
    """Every calibration figure for each year, keyed as ``targets.check`` takes them ("key:year")."""
    measured: dict[str, float] = {}
    for year in years:
        figures = {"investigations.live_monthly_average": live_monthly_average(year),
                   **_referral_figures(year), **_justice_figures(year), **_recorded_figures(year)}
        measured.update({f"{key}:{year}": value for key, value in figures.items()})
    return measured
