"""The batch linkage run: normalise, train, score, cluster, respect decisions, keep ids.

``link`` runs Splink on an in-memory DuckDB or on Spark (``backends``); ``explain`` scores one pair
with a trained model in pure Python (no Splink, no database), for explanation pages and the live
look-up.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import pandas as pd
from splink import Linker
from splink.clustering import cluster_pairwise_predictions_at_threshold
from splink.internals.exceptions import SplinkException

from lantern.linkage import model as lm
from lantern.linkage.backends import ENGINES, PEOPLE, TRAINING_SAMPLE, Backend, backend
from lantern.linkage.clusters import ClusterChange, Edge, separate_rejected, stable_ids
from lantern.linkage.normalise import Row, features, name_form, record_names
from lantern.linkage.records import PersonRecord

Progress = Callable[[str, float], None]

# Below this many records EM has too few pairs to learn from, and random pairs too few to say how
# often strangers agree: the fixed priors in ``model`` are used instead.
MIN_RECORDS_TO_TRAIN = 1000
# Random pairs sampled to estimate u (Splink's advice: 1e6 to 1e7; more is slower, barely better).
U_SAMPLE_PAIRS = 2_000_000
U_SAMPLE_SEED = 1
# Above this many records, training reads a random sample of this size (see ``training_sample``).
TRAINING_SAMPLE_RECORDS = 250_000
TRAINING_SAMPLE_SEED = 1

_log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Part:
    """One comparison's contribution to a pair's score."""

    comparison: str
    level: str
    match_weight: float


@dataclass(frozen=True, slots=True)
class Match:
    """A scored pair (``left < right``). ``match_weight`` is the prior plus the parts' weights."""

    left: str
    right: str
    probability: float
    match_weight: float
    parts: tuple[Part, ...]


@dataclass(frozen=True)
class Decision:
    """An officer's decision on a pair, which every run respects."""

    left: str
    right: str
    same: bool


@dataclass
class LinkResult:
    """What one run found."""

    matches: list[Match]
    clusters: dict[str, str]
    model: dict[str, Any]
    seconds: dict[str, float]
    # The merges and splits of clusters since ``previous`` (empty without one).
    changes: list[ClusterChange] = field(default_factory=list)


def normalise_all(records: Sequence[PersonRecord], progress: Progress | None = None) -> list[Row]:
    """Every record's comparable row (associates compared by their names, so across forces)."""
    ids = [r.unique_id for r in records]
    if len(set(ids)) != len(ids):
        raise ValueError("Each record needs its own unique_id; some are repeated.")
    names = {r.unique_id: name_form(*names) for r in records if any(names := record_names(r))}
    rows = []
    for i, record in enumerate(records, start=1):
        rows.append(features(record, names))
        if progress and i % 10_000 == 0:
            progress("normalise", i / len(records))
    return rows


def _train(linker: Linker, progress: Progress) -> None:
    """Splink's usual training, each step falling back to what the model already has if it fails."""
    training = linker.training
    steps: list[tuple[str, Callable[[], Any]]] = [
        ("probability two random records match", partial(
            training.estimate_probability_two_random_records_match,
            list(lm.DETERMINISTIC_RULES), recall=lm.DETERMINISTIC_RECALL)),
        ("u by random sampling", partial(
            training.estimate_u_using_random_sampling, max_pairs=U_SAMPLE_PAIRS, seed=U_SAMPLE_SEED)),
        *((f"EM on {rule}", partial(training.estimate_parameters_using_expectation_maximisation,
                                    rule, estimate_without_term_frequencies=True))
          for rule in lm.TRAINING_RULES),
    ]
    for i, (name, step) in enumerate(steps, start=1):
        try:
            step()
        except (SplinkException, ValueError, ZeroDivisionError) as error:
            # Too few pairs for a step (say no two records share a date of birth): keep the
            # values it would have replaced, which are the priors or the given model's.
            _log.warning("Linkage training step %s skipped: %s", name, error)
        progress("train", i / len(steps))


def training_sample(rows: Sequence[Row], size: int | None = None) -> Sequence[Row]:
    """The records training reads: all of them up to ``size`` (by default
    ``TRAINING_SAMPLE_RECORDS``), else ``size`` drawn at random (the same ones for the same input).

    A uniform sample of records keeps every ratio training estimates: a pair of records survives
    it with the same chance whether they are one person or two, so the share of pairs that match
    (the prior), the share of true pairs each level holds (m) and of random pairs (u) are the
    same in the sample as in the whole, with far fewer pairs to hold in memory.
    """
    size = TRAINING_SAMPLE_RECORDS if size is None else size
    if len(rows) <= size:
        return rows
    return random.Random(TRAINING_SAMPLE_SEED).sample(list(rows), size)  # noqa: S311 (not secret)


def _trained(db: Backend, rows: Sequence[Row], settings: dict[str, Any], report: Progress) -> dict[str, Any]:
    """The model trained on ``training_sample(rows)``, its SQL in ``db``'s dialect."""
    sample = training_sample(rows)
    table = PEOPLE
    if sample is not rows:
        table = TRAINING_SAMPLE
        db.add_table(table, sample)
    trainer = Linker(table, settings, db.api, set_up_basic_logging=False)
    try:
        _train(trainer, report)
        return lm.completed(trainer.misc.save_model_to_json(), db.dialect)
    finally:
        if table != PEOPLE:
            # Splink caches the tables it derives from its input on the database API, under
            # names that do not say which input: the sample's must not stand in for everyone's.
            trainer.table_management.invalidate_cache()
            db.drop_table(table)


def _gamma_of(comparison: lm.Comparison, index: int) -> int:
    """Splink's comparison vector value for a level: -1 for null levels, counting down to 0."""
    if comparison.levels[index].is_null:
        return -1
    return sum(1 for level in comparison.levels[index + 1:] if not level.is_null)


def _null_level(comparison: lm.Comparison, left: Row, right: Row) -> int:
    """Which null level a pair Splink gave -1 is in (a comparison may have two): the first that holds."""
    return next(i for i, level in enumerate(comparison.levels)
                if level.is_null and level.condition.test(left, right))


def _probability(match_weight: float) -> float:
    """A match weight as a probability."""
    if match_weight > 1000:
        return 1.0
    odds = 2.0 ** match_weight
    return odds / (1 + odds)


def _parts_table(model: dict[str, Any]) -> list[list[Part]]:
    """The Part for each comparison's each level: made once, shared by every match."""
    weights = lm.level_weights(model)
    return [[Part(c.description, level.label, weights[ci][li]) for li, level in enumerate(c.levels)]
            for ci, c in enumerate(lm.COMPARISONS)]


def _matches(db: Backend, table: str, model: dict[str, Any], rows: Mapping[str, Row]) -> list[Match]:
    """The scored pairs in Splink's predictions table, each level read from its gamma value."""
    parts = _parts_table(model)
    gamma_columns = [f"gamma_{c.name}" for c in lm.COMPARISONS]
    selected = ", ".join(["unique_id_l", "unique_id_r", "match_weight", "match_probability", *gamma_columns])
    result = db.fetch(f"SELECT {selected} FROM {table}")  # noqa: S608 (Splink's own table name)
    # Splink's gamma value names a level; -1 (not recorded) may be one of two null levels.
    by_gamma = [{_gamma_of(c, i): i for i in range(len(c.levels)) if not c.levels[i].is_null}
                for c in lm.COMPARISONS]
    out = []
    for left, right, weight, probability, *gammas in result:
        a, b = (left, right) if left < right else (right, left)
        levels = [by_gamma[ci][g] if g != -1 else _null_level(c, rows[a], rows[b])
                  for ci, (c, g) in enumerate(zip(lm.COMPARISONS, gammas, strict=True))]
        out.append(Match(a, b, float(probability), float(weight),
                         tuple(parts[ci][li] for ci, li in enumerate(levels))))
    out.sort(key=lambda m: (m.left, m.right))
    return out


def _cluster(db: Backend, edges: Mapping[tuple[str, str], Edge]) -> list[list[str]]:
    """Connected components of the edges, by Splink, as lists of unique_ids (singletons too)."""
    pairs = list(edges.items())
    frame = pd.DataFrame({
        "unique_id_l": pd.Series([a for (a, _), _ in pairs], dtype=object),
        "unique_id_r": pd.Series([b for (_, b), _ in pairs], dtype=object),
        "match_probability": pd.Series([e.probability for _, e in pairs], dtype=float),
    })
    clustered = cluster_pairwise_predictions_at_threshold(
        PEOPLE, frame, db.api, node_id_column_name="unique_id").as_pandas_dataframe()
    groups: dict[str, list[str]] = {}
    for cluster_id, unique_id in clustered[["cluster_id", "unique_id"]].itertuples(index=False, name=None):
        groups.setdefault(cluster_id, []).append(unique_id)
    return list(groups.values())


def link(
    records: Sequence[PersonRecord],
    *,
    threshold: float = 0.9,
    previous: Mapping[str, str] | None = None,
    decisions: Sequence[Decision] = (),
    model: dict[str, Any] | None = None,
    train: bool = True,
    engine: str = "duckdb",
    progress: Progress | None = None,
) -> LinkResult:
    """Find which records are the same person, and give each person a stable cluster id.

    ``model`` (a previous run's ``LinkResult.model``) is the starting point; without one, the
    fixed priors. With ``train`` and at least ``MIN_RECORDS_TO_TRAIN`` records it is trained on
    these records; otherwise used as it is. ``decisions`` are applied to the clusters: a
    confirmed pair is always in one cluster, a rejected pair never (see
    ``clusters.separate_rejected``). ``previous`` is the last run's ``clusters``, whose ids are
    kept. ``progress(stage, fraction)`` is called as each stage advances.
    """
    if engine not in ENGINES:
        raise ValueError(f"Linkage engine {engine!r} is not one of {', '.join(ENGINES)}.")
    report: Progress = progress or (lambda stage, fraction: None)
    seconds: dict[str, float] = {}

    started = time.perf_counter()
    report("normalise", 0.0)
    rows = normalise_all(records, report)
    by_id = {row["unique_id"]: row for row in rows}
    db = backend(engine, rows)
    report("normalise", 1.0)
    seconds["normalise"] = time.perf_counter() - started
    try:
        started = time.perf_counter()
        report("train", 0.0)
        settings = lm.completed(model, db.dialect) if model is not None else lm.prior_settings(db.dialect)
        if train and len(records) >= MIN_RECORDS_TO_TRAIN:
            settings = _trained(db, rows, settings, report)
        report("train", 1.0)
        seconds["train"] = time.perf_counter() - started

        started = time.perf_counter()
        report("predict", 0.0)
        linker = Linker(PEOPLE, settings, db.api, set_up_basic_logging=False)
        predictions = linker.inference.predict(threshold_match_probability=threshold)
        report("predict", 0.5)
        matches = _matches(db, predictions.physical_name, settings, by_id)
        report("predict", 1.0)
        seconds["predict"] = time.perf_counter() - started

        started = time.perf_counter()
        report("cluster", 0.0)
        edges, rejected = _decided_edges(matches, decisions, set(by_id))
        groups = _cluster(db, edges)
        report("cluster", 0.5)
        groups = separate_rejected(groups, edges, rejected)
        clusters, changes = stable_ids(previous, groups)
        report("cluster", 1.0)
        seconds["cluster"] = time.perf_counter() - started
    finally:
        db.close()
    # The model is kept in DuckDB's SQL, whichever backend trained it.
    return LinkResult(matches=matches, clusters=clusters, model=lm.completed(settings), seconds=seconds,
                      changes=changes)


def _decided_edges(
    matches: Sequence[Match], decisions: Sequence[Decision], known: set[str]
) -> tuple[dict[tuple[str, str], Edge], set[tuple[str, str]]]:
    """The graph to cluster: the matches, with every confirmed pair added and every rejected pair's
    own edge removed; and the rejected pairs. For a pair decided twice, the later decision holds;
    decisions about records not in this run are ignored."""
    decided: dict[tuple[str, str], bool] = {}
    for decision in decisions:
        if decision.left in known and decision.right in known and decision.left != decision.right:
            decided[(min(decision.left, decision.right), max(decision.left, decision.right))] = decision.same
    edges = {(m.left, m.right): Edge(m.probability) for m in matches}
    for pair, same in decided.items():
        if same:
            edges[pair] = Edge(1.0, confirmed=True)
        else:
            edges.pop(pair, None)
    return edges, {pair for pair, same in decided.items() if not same}


def explain(model: dict[str, Any], left: PersonRecord, right: PersonRecord, *,
            others: Sequence[PersonRecord] = ()) -> Match:
    """Score one pair with a trained model, in pure Python: the same levels and weights as Splink.

    Associates are compared by their names, so pass the records the two list as associates as
    ``others`` (without them the associates comparison reads "not recorded").
    """
    names = {r.unique_id: name_form(*n) for r in (left, right, *others) if any(n := record_names(r))}
    rows = {r.unique_id: features(r, names) for r in (left, right)}
    a, b = sorted(rows)
    parts_table = _parts_table(model)
    levels = lm.levels_for(rows[a], rows[b])
    parts = tuple(parts_table[ci][li] for ci, li in enumerate(levels))
    weight = lm.prior_weight(model) + sum(p.match_weight for p in parts)
    return Match(a, b, _probability(weight), weight, parts)
