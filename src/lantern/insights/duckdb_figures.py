"""The Table 1 figures counted by DuckDB over a Parquet snapshot (``insights.snapshot``).

Why: at national scale the ORM asks the database a dozen counts a year, each over every force's
records (twelve month-end counts for the live investigations alone). DuckDB counts over the
snapshot's columns instead, every requested year in one pass per table, and never touches the
database people are working in.

The definitions are ``lantern.synth.figures``'s (read its docstring); this module must give the
very same numbers, and ``tests/insights/test_snapshot.py`` holds it to that. The counts are made
in SQL; the shares and the monthly average are divided here exactly as ``synth.figures`` divides
them (Python's ``int / int``), so the floats are equal, not merely close. A year with nothing to
divide by gives "not a number", as there.

Live investigations at a month end are those allocated on or before it and not closed by then:
counted as the running sum of allocations less closures, where a case closed before it was
allocated leaves the count when it was allocated (it was never live). That is the ORM's
``allocated_on <= end and (closed_on is null or closed_on > end)``, in one pass instead of one
scan per month.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import duckdb

from lantern.accounts.rules import OrganisationKind
from lantern.cases.rules import ExploitationType, InvolvementRole
from lantern.insights.snapshot import TABLES, part_glob, snapshot_manifest
from lantern.justice.rules.prosecution import Verdict
from lantern.safeguarding.models import Referral
from lantern.safeguarding.rules.nrm import AgeAnswer, Route

_CRIMINAL = [t.value for t in ExploitationType if t.is_criminal]
_CONVICTED = [v.value for v in Verdict if v.is_conviction]
_POLICE_KINDS = [k.value for k in OrganisationKind if k.is_police]
_VICTIM_ROLES = [InvolvementRole.VICTIM.value, InvolvementRole.VICTIM_AND_SUSPECT.value]
_SUSPECT_ROLES = [InvolvementRole.SUSPECT.value]

_LIVE_MONTH_ENDS = """
WITH changes AS (
    SELECT allocated_on AS day, 1 AS change FROM investigations WHERE allocated_on IS NOT NULL
    UNION ALL
    SELECT greatest(allocated_on, closed_on), -1 FROM investigations
    WHERE allocated_on IS NOT NULL AND closed_on IS NOT NULL
), by_month AS (
    SELECT last_day(day) AS month_end, sum(change) AS change FROM changes GROUP BY 1
), running AS (
    SELECT month_end, sum(change) OVER (ORDER BY month_end) AS live FROM by_month
), month_ends AS (
    SELECT last_day(make_date(y.year, m.month, 1)) AS month_end
    FROM figure_years AS y, (SELECT generate_series AS month FROM generate_series(1, 12)) AS m
)
SELECT year(e.month_end) AS year, sum(coalesce(r.live, 0)) AS live_month_ends, count(*) AS months
FROM month_ends AS e ASOF LEFT JOIN running AS r ON e.month_end >= r.month_end
GROUP BY 1
"""

_REFERRALS = """
SELECT year(r.submitted_on) AS year,
       count(*) FILTER (WHERE r.first_responder_id IS NULL AND list_contains($police, o.kind)) AS police,
       count(*) AS referrals,
       count(*) FILTER (WHERE r.age_answer = $child) AS children
FROM referrals AS r LEFT JOIN organisations AS o ON o.id = r.organisation_id
WHERE r.route = $route AND r.state = $submitted AND year(r.submitted_on) IN (SELECT year FROM figure_years)
GROUP BY 1
"""

_CPS_FILES = """
SELECT year(first_referred_on) AS year, count(*) AS files
FROM (SELECT investigation_id, min(referred_on) AS first_referred_on FROM cps_referrals GROUP BY 1)
WHERE year(first_referred_on) IN (SELECT year FROM figure_years)
GROUP BY 1
"""

_FINALISED = """
SELECT year(verdict_on) AS year, count(*) AS defendants,
       count(*) FILTER (WHERE list_contains($convicted, verdict)) AS convicted
FROM prosecutions
WHERE modern_slavery_flagged AND year(verdict_on) IN (SELECT year FROM figure_years)
GROUP BY 1
"""

_RECORDED = """
WITH types AS (
    SELECT investigation_id,
           bool_or(list_contains($criminal, exploitation_type)) AS criminal,
           bool_or(exploitation_type = $county_lines) AS county_lines
    FROM exploitation_types GROUP BY 1
)
SELECT year(i.recorded_on) AS year, count(*) AS recorded,
       count(*) FILTER (WHERE t.criminal) AS criminal, count(*) FILTER (WHERE t.county_lines) AS county_lines
FROM investigations AS i LEFT JOIN types AS t ON t.investigation_id = i.id
WHERE year(i.recorded_on) IN (SELECT year FROM figure_years)
GROUP BY 1
"""

_NATIONALITY_KNOWN = """
SELECT year(i.recorded_on) AS year,
       count(*) FILTER (WHERE list_contains($victims, v.role)) AS victims,
       count(*) FILTER (WHERE list_contains($victims, v.role) AND v.nationality = $british)
           AS british_victims,
       count(*) FILTER (WHERE list_contains($suspects, v.role)) AS suspects,
       count(*) FILTER (WHERE list_contains($suspects, v.role) AND v.nationality = $british)
           AS british_suspects
FROM involvements AS v JOIN investigations AS i ON i.id = v.investigation_id
WHERE v.nationality <> '' AND year(i.recorded_on) IN (SELECT year FROM figure_years)
GROUP BY 1
"""


def snapshot_open(directory: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection with one view per snapshot table over its Parquet parts."""
    snapshot_manifest(directory)  # refuses an incomplete snapshot or another format
    duck = duckdb.connect()
    for table in TABLES:
        duck.read_parquet(part_glob(Path(directory), table.name)).create_view(table.name)
    return duck


def _share(part: int, whole: int) -> float:
    return part / whole if whole else float("nan")


def _by_year(duck: duckdb.DuckDBPyConnection, sql: str, parameters: dict[str, Any] | None = None
             ) -> dict[int, dict[str, int]]:
    """The query's counts keyed by its first column, the year."""
    result = duck.execute(sql, parameters or {})
    names = [column[0] for column in result.description][1:]
    return {row[0]: dict(zip(names, (int(v) for v in row[1:]), strict=True)) for row in result.fetchall()}


def figures_by_year(duck: duckdb.DuckDBPyConnection, years: Iterable[int]) -> dict[int, dict[str, float]]:
    """Every Table 1 figure for each year, counted over the snapshot ``duck`` has open."""
    wanted = sorted(set(years))
    duck.execute("CREATE OR REPLACE TEMPORARY TABLE figure_years (year INTEGER)")
    duck.executemany("INSERT INTO figure_years VALUES (?)", [(year,) for year in wanted])
    live = _by_year(duck, _LIVE_MONTH_ENDS)
    referrals = _by_year(duck, _REFERRALS, {"police": _POLICE_KINDS, "child": AgeAnswer.YES.value,
                                            "route": Route.NRM_REFERRAL.value,
                                            "submitted": Referral.State.SUBMITTED.value})
    files = _by_year(duck, _CPS_FILES)
    finalised = _by_year(duck, _FINALISED, {"convicted": _CONVICTED})
    recorded = _by_year(duck, _RECORDED, {"criminal": _CRIMINAL,
                                          "county_lines": ExploitationType.CRIMINAL_COUNTY_LINES.value})
    people = _by_year(duck, _NATIONALITY_KNOWN, {"victims": _VICTIM_ROLES, "suspects": _SUSPECT_ROLES,
                                                 "british": "British"})
    figures: dict[int, dict[str, float]] = {}
    for year in wanted:
        nrm = referrals.get(year, {"police": 0, "referrals": 0, "children": 0})
        justice = finalised.get(year, {"defendants": 0, "convicted": 0})
        cases = recorded.get(year, {"recorded": 0, "criminal": 0, "county_lines": 0})
        known = people.get(year, {"victims": 0, "british_victims": 0, "suspects": 0, "british_suspects": 0})
        figures[year] = {
            "investigations.live_monthly_average": live[year]["live_month_ends"] / live[year]["months"],
            "nrm.police_referrals": nrm["police"], "nrm.referrals": nrm["referrals"],
            "nrm.child_share": _share(nrm["children"], nrm["referrals"]),
            "nrm.police_share": _share(nrm["police"], nrm["referrals"]),
            "cps.police_referrals": files.get(year, {"files": 0})["files"],
            "cps.flagged_defendants": justice["defendants"],
            "cps.conviction_rate": _share(justice["convicted"], justice["defendants"]),
            "investigations.criminal_share": _share(cases["criminal"], cases["recorded"]),
            "investigations.county_lines_share_of_criminal": _share(cases["county_lines"], cases["criminal"]),
            "victims.british_share_of_known": _share(known["british_victims"], known["victims"]),
            "suspects.british_share_of_known": _share(known["british_suspects"], known["suspects"]),
        }
    return figures


def measure(directory: Path, years: Iterable[int]) -> dict[str, float]:
    """``synth.figures.measure(years)``'s figures, keyed the same way ("key:year"), from a snapshot."""
    duck = snapshot_open(directory)
    try:
        by_year = figures_by_year(duck, years)
    finally:
        duck.close()
    return {f"{key}:{year}": value for year, figures in by_year.items() for key, value in figures.items()}
