"""The live "seen before?" look-up against a national index, beside plain Splink's, in one run.

    LANTERN_ENV=test .venv/bin/python benchmarks/live_lookup.py 100000

Writes about N persons with the bulk path into a fresh SQLite file, holding back one case in every
``N / lookups`` (its people are the "new records": often a re-recording, with noise, of someone
already held), files every record in the persistent blocking index (``linkage.index``), then
times ``linkage.live.seen_before`` (keys, candidates from the index, records read, scored with the
model, the audit event written) for each held-back person: median, p95 and worst.

The anchor: plain Splink 4 on DuckDB over the same records (first name, surname, date of birth,
postcode), its model trained once, then ``linker.inference.find_matches_to_new_records`` for the
same new records one at a time, which re-joins the whole table each call (the issue measured it
at 0.37 s median against 1,000,000 records).
"""

from __future__ import annotations

import argparse
import os
import pickle
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TARGET_P95_MS = 50.0
HELD = "held-back.pickle"


def _setup(directory: str | None) -> Path:
    """The database's path, migrated; a directory holding one written before (with its held-back
    records) is reused as it is, so the look-ups can be timed again without writing it again."""
    os.environ.setdefault("LANTERN_ENV", "test")
    os.environ["DJANGO_SETTINGS_MODULE"] = "lantern.settings"
    path = Path(directory or tempfile.mkdtemp(prefix="lantern-live-")) / "live.sqlite3"
    if path.exists() and not (path.parent / HELD).exists():
        sys.exit(f"{path} exists but {HELD} beside it does not (an unfinished run): give an empty directory.")
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    print(f"database: {path}")
    return path


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _record(person: Any, case: Any, unique_id: str) -> Any:
    from lantern.cases.rules import IdentifierKind
    from lantern.linkage.records import PersonRecord

    by_kind: dict[IdentifierKind, list[str]] = {k: [] for k in IdentifierKind}
    for kind, value in person.recorded.identifiers:
        by_kind[kind].append(value)
    recorded = person.recorded
    return PersonRecord(
        unique_id=unique_id, source=case.force, given_name=recorded.first_name,
        family_name=recorded.last_name,
        aliases=tuple(recorded.aliases), date_of_birth=recorded.date_of_birth,
        estimated_age=recorded.estimated_age, age_on=case.recorded_on, sex=person.gender,
        nationality=person.nationality, phones=tuple(by_kind[IdentifierKind.PHONE]),
        emails=tuple(by_kind[IdentifierKind.EMAIL]), addresses=tuple(by_kind[IdentifierKind.ADDRESS]),
        vehicles=tuple(by_kind[IdentifierKind.VEHICLE]), documents=tuple(by_kind[IdentifierKind.DOCUMENT]))


def _anchor_row(record: Any) -> dict[str, Any]:
    from lantern.linkage.normalise import postcodes_in

    postcodes = [p for a in record.addresses for p in postcodes_in(a)]
    return {"unique_id": record.unique_id, "first_name": record.given_name.lower() or None,
            "surname": record.family_name.lower() or None,
            "dob": record.date_of_birth.isoformat() if record.date_of_birth else None,
            "postcode": postcodes[0] if postcodes else None}


def _anchor(index_rows: list[dict[str, Any]], new_rows: list[dict[str, Any]]) -> list[float]:
    """Seconds per look-up for plain Splink's ``find_matches_to_new_records``, model trained once."""
    import pandas as pd
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=[cl.ForenameSurnameComparison("first_name", "surname"),
                     cl.DateOfBirthComparison("dob", input_is_string=True),
                     cl.PostcodeComparison("postcode")],
        blocking_rules_to_generate_predictions=[block_on("first_name", "surname"), block_on("dob")],
    )
    linker = Linker(pd.DataFrame(index_rows), settings, db_api=DuckDBAPI())
    linker.training.estimate_probability_two_random_records_match(
        [block_on("first_name", "surname", "dob")], recall=0.7)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("dob"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("first_name", "surname"))
    times = []
    for row in new_rows:
        started = time.perf_counter()
        linker.inference.find_matches_to_new_records([row], match_weight_threshold=-4).as_pandas_dataframe()
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("persons", nargs="?", type=int, default=100_000)
    parser.add_argument("--lookups", type=int, default=200)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--sqlite", help="a directory for the SQLite file: empty, or holding one an earlier "
                        "run wrote, to time the look-ups again (default: a new temp dir)")
    parser.add_argument("--no-anchor", dest="anchor", action="store_false")
    args = parser.parse_args()
    path = _setup(args.sqlite)

    from lantern.accounts.models import Organisation
    from lantern.accounts.rules import Role
    from lantern.accounts.services import user_create
    from lantern.linkage import index, live
    from lantern.linkage.sources import every_person_record
    from lantern.synth.background import plan_cases_in_background
    from lantern.synth.bulk import write_plan_bulk
    from lantern.synth.plan import expected_cases
    from lantern.synth.request import GenerateRequest

    request = GenerateRequest("national", args.seed, 2015, 2025, persons=args.persons)
    every = max(1, expected_cases(request) // args.lookups)
    held: list[Any] = []

    def written() -> Iterator[Any]:
        for number, case in enumerate(plan_cases_in_background(request)):
            # Never a case of an organised crime group: a later case would look for its group.
            if number % every == every // 2 and len(held) < args.lookups and not case.organised:
                held.extend(_record(p, case, f"new{len(held)}-{n}") for n, p in enumerate(case.people))
            else:
                yield case

    if (path.parent / HELD).exists():
        held = pickle.loads((path.parent / HELD).read_bytes())  # noqa: S301 (this script's own file)
        print(f"reusing the database written before, and its {len(held)} held-back records")
    else:
        started = time.perf_counter()
        summary = write_plan_bulk(written())
        print(f"written: {summary.persons} persons in {time.perf_counter() - started:.0f} s "
              "(not timed below)")
        started = time.perf_counter()
        keys = index.index_people(None)
        print(f"blocking index: {keys} keys for {summary.persons} persons "
              f"in {time.perf_counter() - started:.0f} s")
        held = held[:args.lookups]
        (path.parent / HELD).write_bytes(pickle.dumps(held))

    from lantern.accounts.models import User

    officer = User.objects.filter(username="bench-officer").first() or user_create(
                          organisation=Organisation.objects.get(code="west-yorkshire"),
                          username="bench-officer", first_name="Bench", last_name="Officer",
                          email="bench@example.invalid",
                          roles=[Role.FRONTLINE_OFFICER], password=None)
    live.seen_before(user=officer, record=held[0])  # the model loaded, the connection warm
    times, found = [], 0
    for record in held:
        started = time.perf_counter()
        matches = live.seen_before(user=officer, record=record)
        times.append(time.perf_counter() - started)
        found += bool(matches)
    lantern = [t * 1000 for t in times]
    print(f"\nLantern seen_before over {len(held)} new records: "
          f"median {statistics.median(lantern):.1f} ms, "
          f"p95 {_percentile(lantern, 0.95):.1f} ms, worst {max(lantern):.1f} ms "
          f"({found} with a likely match) — target p95 under {TARGET_P95_MS:.0f} ms: "
          f"{'met' if _percentile(lantern, 0.95) < TARGET_P95_MS else 'NOT met'}")
    if not args.anchor:
        return
    records = every_person_record()
    started = time.perf_counter()
    anchor = [t * 1000 for t in _anchor([_anchor_row(r) for r in records], [_anchor_row(r) for r in held])]
    print(f"anchor (plain Splink find_matches_to_new_records, trained in the same call): median "
          f"{statistics.median(anchor):.1f} ms, p95 {_percentile(anchor, 0.95):.1f} ms "
          f"({time.perf_counter() - started:.0f} s with training)")
    print(f"ratio (anchor / Lantern): median {statistics.median(anchor) / statistics.median(lantern):.1f}x, "
          f"p95 {_percentile(anchor, 0.95) / _percentile(lantern, 0.95):.1f}x")


if __name__ == "__main__":
    main()
