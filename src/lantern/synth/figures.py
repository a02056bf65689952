"""The calibration figures, measured from the database: what ``targets.check`` holds to the table.

The generator's own check of what it wrote, not a page anyone sees: it counts every police
organisation's records with no user (``insights.figures_counting.calibration_counting``; counts
only, never a person's details). The figures and their definitions are the national metrics
room's (``lantern.insights.metrics``, one place for every definition, read there): this module
only names the calibrated subset and keys them as ``targets.check`` takes them ("key:year"),
each for a calendar year. A share with nothing to divide by is "not a number" here (``targets``
reports it as a miss), where ``insights`` says None ("not available").
"""

from __future__ import annotations

from collections.abc import Iterable

from lantern.insights.figures import calibration_counting, figures_for
from lantern.insights.periods import calendar_year

CALIBRATED: tuple[str, ...] = (
    "investigations.live_monthly_average",
    "nrm.police_referrals", "nrm.referrals", "nrm.child_share", "nrm.police_share",
    "cps.police_referrals", "cps.flagged_defendants", "cps.conviction_rate",
    "investigations.criminal_share", "investigations.county_lines_share_of_criminal",
    "victims.british_share_of_known", "suspects.british_share_of_known",
)


def live_monthly_average(year: int) -> float:
    """Investigations live at each month end of ``year``, averaged (Table 1)."""
    figure = figures_for(calibration_counting(), calendar_year(year), ["investigations.live_monthly_average"])
    return float(figure["investigations.live_monthly_average"].value or 0)


def measure(years: Iterable[int]) -> dict[str, float]:
    """Every calibration figure for each year, keyed as ``targets.check`` takes them ("key:year")."""
    counting = calibration_counting()
    measured: dict[str, float] = {}
    for year in years:
        for key, figure in figures_for(counting, calendar_year(year), CALIBRATED).items():
            measured[f"{key}:{year}"] = float("nan") if figure.value is None else figure.value
    return measured
