"""The batch linkage run: normalise, train, score, cluster, respect decisions, keep ids.

``link`` runs Splink on an in-memory DuckDB or on Spark (``backends``); ``explain`` scores one pair
with a trained model in pure Python (no Splink, no database), for explanation pages and the live
look-up.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import pandas as pd
from splink import Linker
from splink.clustering import cluster_pairwise_predictions_at_threshold
from splink.internals.exceptions import SplinkException

from lantern.collector import paused
from lantern.linkage import model as lm
from lantern.linkage.backends import DRAW, ENGINES, PEOPLE, TRAINING_SAMPLE, Backend, backend
from lantern.linkage.clusters import ClusterChange, Edge, separate_rejected, stable_ids
from lantern.linkage.normalise import Row, features, name_form, record_names
from lantern.linkage.records import PersonRecord
from lantern.linkage.rows import Progress, normalised

# Below this many records EM has too few pairs to learn from, and random pairs too few to say how
# often strangers agree: the fixed priors in ``model`` are used instead.
MIN_RECORDS_TO_TRAIN = 1000
# Random pairs sampled to estimate u (Splink's advice: 1e6 to 1e7; more is slower, barely better).
U_SAMPLE_PAIRS = 2_000_000
U_SAMPLE_SEED = 1
# Above this many records, training reads a random sample of this size (see ``_trained``).
TRAINING_SAMPLE_RECORDS = 250_000
# Officers' confirmed pairs re-estimate m once there are this many (fewer would be noise).
MIN_CONFIRMED_TO_TEACH = 50
LABELS = "lantern_confirmed_pairs"

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


def _trained(db: Backend, records: int, settings: dict[str, Any], report: Progress) -> dict[str, Any]:
    """The model trained on the records, or above ``TRAINING_SAMPLE_RECORDS`` on that many drawn
    at random (the same ones for the same input), its SQL in ``db``'s dialect.

    A uniform sample of records keeps every ratio training estimates: a pair of records survives
    it with the same chance whether they are one person or two, so the share of pairs that match
    (the prior), the share of true pairs each level holds (m) and of random pairs (u) are the
    same in the sample as in the whole, with far fewer pairs to hold in memory.
    """
    table = PEOPLE
    if records > TRAINING_SAMPLE_RECORDS:
        table = TRAINING_SAMPLE
        db.subset(table, f"{DRAW} < {TRAINING_SAMPLE_RECORDS:d}")
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


def _taught(db: Backend, settings: dict[str, Any], confirmed: Sequence[tuple[str, str]]) -> dict[str, Any]:
    """The model with its m re-estimated from officers' confirmed pairs (Splink's
    ``estimate_m_from_pairwise_labels``), when there are at least ``MIN_CONFIRMED_TO_TEACH``.

    m is how often two records of one person agree at each level: the pairs officers confirmed
    are records of one person that someone checked, which is what m means. u and the prior
    (strangers) stay as training found them.
    """
    if len(confirmed) < MIN_CONFIRMED_TO_TEACH:
        return settings
    teacher = Linker(PEOPLE, settings, db.api, set_up_basic_logging=False)
    labels = pd.DataFrame({"unique_id_l": [a for a, _ in confirmed], "unique_id_r": [b for _, b in confirmed],
                           "clerical_match_score": [1.0] * len(confirmed)})
    table = teacher.table_management.register_table(labels, LABELS, overwrite=True)
    try:
        teacher.training.estimate_m_from_pairwise_labels(table)
    except (SplinkException, ValueError, ZeroDivisionError) as error:
        _log.warning("Linkage training from officers' decisions skipped: %s", error)
        return settings
    finally:
        table.drop_table_from_database_and_remove_from_cache(force_non_splink_table=True)
    return lm.completed(teacher.misc.save_model_to_json(), db.dialect)


def _predicted(db: Backend, records: int, settings: dict[str, Any], threshold: float, report: Progress
               ) -> list[Match]:
    """Every pair at or above ``threshold``, scored by Splink chunk by chunk.

    Chunk c is the pairs whose left record (the lower unique_id) has ``draw % chunks = c``: every
    blocking rule is asked for those pairs only, so each pair is scored once, in one chunk, and
    only one chunk's candidate pairs are held at a time.
    """
    chunks = db.chunks(records)
    parts = _parts_table(settings)
    found: list[Match] = []
    for chunk in range(chunks):
        chunk_settings = settings
        if chunks > 1:
            chunk_settings = dict(settings, blocking_rules_to_generate_predictions=[
                dict(rule, blocking_rule=f"({rule['blocking_rule']}) AND l.{DRAW} % {chunks:d} = {chunk:d}")
                for rule in settings["blocking_rules_to_generate_predictions"]])
        linker = Linker(PEOPLE, chunk_settings, db.api, set_up_basic_logging=False)
        predictions = linker.inference.predict(threshold_match_probability=threshold)
        found.extend(_matches(db, predictions.physical_name, parts))
        predictions.drop_table_from_database_and_remove_from_cache()
        report("predict", (chunk + 1) / chunks)
    found.sort(key=lambda m: (m.left, m.right))
    return found


def _gamma_of(comparison: lm.Comparison, index: int) -> int:
    """Splink's comparison vector value for a level: -1 for null levels, counting down to 0."""
    if comparison.levels[index].is_null:
        return -1
    return sum(1 for level in comparison.levels[index + 1:] if not level.is_null)


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


def _matches(db: Backend, table: str, parts: list[list[Part]]) -> Iterator[Match]:
    """The scored pairs in Splink's predictions table, each level read from its gamma value.

    Splink's gamma is -1 for every null level; where a comparison has two, the SQL says which.
    """
    gamma_columns = [f"gamma_{c.name}" for c in lm.COMPARISONS]
    which_null = [
        "CASE " + " ".join(f"WHEN {lm.in_dialect(level.condition.sql, db.dialect)} THEN {i}"
                           for i, level in enumerate(c.levels) if level.is_null) + " END"
        if any(level.is_null for level in c.levels) else "NULL"
        for c in lm.COMPARISONS]
    selected = ", ".join(["unique_id_l", "unique_id_r", "match_weight", "match_probability", *gamma_columns,
                          *which_null])
    result = db.fetch(f"SELECT {selected} FROM {table}")  # noqa: S608 (Splink's own table name)  # nosec B608
    # Splink's gamma value names a level; -1 (not recorded) may be one of two null levels.
    by_gamma = [{_gamma_of(c, i): i for i in range(len(c.levels)) if not c.levels[i].is_null}
                for c in lm.COMPARISONS]
    count = len(lm.COMPARISONS)
    for left, right, weight, probability, *levels in result:
        gammas, nulls = levels[:count], levels[count:]
        chosen = [by_gamma[ci][g] if g != -1 else nulls[ci] for ci, g in enumerate(gammas)]
        a, b = (left, right) if left < right else (right, left)
        yield Match(a, b, float(probability), float(weight),
                    tuple(parts[ci][li] for ci, li in enumerate(chosen)))


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
    these records, and its m then re-estimated from the pairs officers confirmed (at least
    ``MIN_CONFIRMED_TO_TEACH``); otherwise used as it is. ``decisions`` are applied to the clusters: a
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
    with paused():  # millions of small objects, none in a cycle (see lantern.collector)
        db = backend(engine, normalised(records, report))
    decided = _decided(decisions, {r.unique_id for r in records})
    report("normalise", 1.0)
    seconds["normalise"] = time.perf_counter() - started
    try:
        started = time.perf_counter()
        report("train", 0.0)
        settings = lm.completed(model, db.dialect) if model is not None else lm.prior_settings(db.dialect)
        if train and len(records) >= MIN_RECORDS_TO_TRAIN:
            settings = _trained(db, len(records), settings, report)
            settings = _taught(db, settings, sorted(pair for pair, same in decided.items() if same))
        report("train", 1.0)
        seconds["train"] = time.perf_counter() - started

        started = time.perf_counter()
        report("predict", 0.0)
        matches = _predicted(db, len(records), settings, threshold, report)
        seconds["predict"] = time.perf_counter() - started

        started = time.perf_counter()
        report("cluster", 0.0)
        edges, rejected = _decided_edges(matches, decided)
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


def _decided(decisions: Sequence[Decision], known: set[str]) -> dict[tuple[str, str], bool]:
    """Each decided pair of known records (lower unique_id first) and whether it is one person.
    For a pair decided twice, the later decision holds; decisions about records not in this run
    are ignored."""
    decided: dict[tuple[str, str], bool] = {}
    for decision in decisions:
        if decision.left in known and decision.right in known and decision.left != decision.right:
            decided[(min(decision.left, decision.right), max(decision.left, decision.right))] = decision.same
    return decided


def _decided_edges(matches: Sequence[Match], decided: Mapping[tuple[str, str], bool]
                   ) -> tuple[dict[tuple[str, str], Edge], set[tuple[str, str]]]:
    """The graph to cluster: the matches, with every confirmed pair added and every rejected pair's
    own edge removed; and the rejected pairs."""
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
    return Scorer(model).explain(left, right, others=others)


class Scorer:
    """``explain`` for many pairs with one model: its weights worked out once, not once a pair.

    Why: the live look-up scores up to 200 candidates a call, and working out the level weights
    from the model was two thirds of each pair's cost.
    """

    def __init__(self, model: dict[str, Any]) -> None:
        self.parts_table = _parts_table(model)
        self.prior = lm.prior_weight(model)
        self._left: tuple[PersonRecord, Row] | None = None

    def explain(self, left: PersonRecord, right: PersonRecord, *,
                others: Sequence[PersonRecord] = ()) -> Match:
        if others or right.unique_id in left.associates or left.unique_id in right.associates:
            names = {r.unique_id: name_form(*n) for r in (left, right, *others) if any(n := record_names(r))}
            rows = {r.unique_id: features(r, names) for r in (left, right)}
        else:
            # Neither lists the other, so neither's associates have a name to compare by: each
            # row is the record's alone, and the left one (the same record against many
            # candidates in a look-up) is worked out once.
            if self._left is None or self._left[0] is not left:
                self._left = (left, features(left))
            rows = {left.unique_id: self._left[1], right.unique_id: features(right)}
        a, b = sorted(rows)
        levels = lm.levels_for(rows[a], rows[b])
        parts = tuple(self.parts_table[ci][li] for ci, li in enumerate(levels))
        weight = self.prior + sum(p.match_weight for p in parts)
        return Match(a, b, _probability(weight), weight, parts)
