"""The annual report reproduces the generator's calibration: its figures are the ones the targets check.

``tests/synth/test_calibration.py`` writes the national plan for 2017-2020 (about 50,000 persons,
a minute or two) inside its own test and holds ``synth.figures.measure`` to every target in
``synth.targets.TARGETS``; it has no fixture to share, and writing the national plan a second time
would double the slowest test in the suite. So this test takes the same generator and seed on a
smaller plan (4,000 persons, 2017-2020, the bulk path) and shows that the reports for 2019 and
2020, read back from their JSON, give exactly ``measure``'s figures, key for key, so that
``targets.check`` says the same of the report as of the generator's own check. With the national
test holding those figures to the published ones, the report over the national plan reproduces
the calibration targets. At this size the counts are a fraction of the national ones, and a rate
over a few dozen defendants strays outside a 5% band, so those are checked for equality only;
the "over half" shares (criminal exploitation, British victims and suspects) hold at any size.
"""

from __future__ import annotations

import json
import math
from datetime import date

import pytest

from lantern.insights import report as annual
from lantern.insights.metrics import BY_KEY, Unit
from lantern.insights.places import nation
from lantern.insights.report_json import report_json
from lantern.synth import figures
from lantern.synth.bulk import write_plan_bulk
from lantern.synth.plan import plan_cases
from lantern.synth.request import GenerateRequest
from lantern.synth.targets import TARGETS, Bound, check

TODAY = date(2026, 12, 1)
YEARS = (2019, 2020)


@pytest.mark.django_db
def test_the_reports_figures_are_the_calibration_checks() -> None:
    plan = GenerateRequest("regional", seed=5, from_year=2017, to_year=2020, persons=4000)
    write_plan_bulk(plan_cases(plan, today=TODAY))
    measured = figures.measure(YEARS)

    from_report: dict[str, float] = {}
    table1_rows: dict[str, dict[str, object]] = {}
    for year in YEARS:
        data = json.loads(report_json(annual.report_build(user=annual.national_unit_system(), year=year,
                                                          place=nation(), today=TODAY)))
        for key in figures.CALIBRATED:
            value = data["figures"][key]["value"]
            from_report[f"{key}:{year}"] = float("nan") if value is None else value
        table1_rows |= {f"{row['key']}:{year}": row for row in data["table1"]}

    assert set(from_report) == set(measured)
    assert all(from_report[k] == measured[k] or (math.isnan(from_report[k]) and math.isnan(measured[k]))
               for k in measured), {k: (from_report[k], measured[k]) for k in measured}
    assert [str(miss) for miss in check(from_report)] == [str(miss) for miss in check(measured)]
    # Table 1 prints the same figures, rounded as the published table rounds them.
    for name, row in table1_rows.items():
        unit = BY_KEY[name.split(":")[0]].unit
        expected = measured[name] * 100 if unit is Unit.RATE else measured[name]
        assert row["value"] == (round(expected, 1) if unit is Unit.RATE else round(expected)), name
    # The "over half" shares hold whatever the volume; the 5% bands need the national volume.
    over = [t for t in TARGETS if t.bound is Bound.OVER]
    assert len(over) == 3 and not check(from_report, over), "\n".join(map(str, check(from_report, over)))
