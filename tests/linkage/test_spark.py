"""The same linkage on Splink's Spark backend (local mode, real Spark and Java): same model, same
comparisons, same clusters as DuckDB."""

from __future__ import annotations

import shutil

import pytest

from lantern.linkage import model as lm
from lantern.linkage.engine import LinkResult, explain, link
from lantern.linkage.records import PersonRecord as P
from tests.linkage.people import RECORDS, partition

pytestmark = pytest.mark.skipif(shutil.which("java") is None,
                                reason="Spark needs Java 17 (apt-get install openjdk-17-jre-headless)")


@pytest.fixture(scope="module")
def on_duckdb(febrl1: list[P]) -> LinkResult:
    return link(febrl1, threshold=0.5)


@pytest.fixture(scope="module")
def on_spark(febrl1: list[P]) -> LinkResult:
    return link(febrl1, threshold=0.5, engine="spark")


def test_spark_trains_the_same_model_and_finds_the_same_people(
        febrl1: list[P], on_duckdb: LinkResult, on_spark: LinkResult) -> None:
    """Given FEBRL1's 1,000 records (enough to train), when Spark and DuckDB each train and link
    them, then the people found are the same, pair weights agree, and the model Spark trained is
    kept in DuckDB's SQL so that explain (and a later DuckDB run) can use it."""
    assert partition(on_spark.clusters) == partition(on_duckdb.clusters)
    assert len(on_spark.matches) > 400  # FEBRL1 has 500 duplicate pairs
    duckdb_weights = {(m.left, m.right): m.match_weight for m in on_duckdb.matches}
    shared = [m for m in on_spark.matches if (m.left, m.right) in duckdb_weights]
    assert len(shared) >= 0.99 * len(on_duckdb.matches)
    # u comes from random pairs, which each backend samples its own way: weights agree closely.
    assert all(abs(m.match_weight - duckdb_weights[(m.left, m.right)]) < 1.5 for m in shared)
    assert on_spark.model["sql_dialect"] == "duckdb"
    assert "jaro_winkler_similarity(" in str(on_spark.model["comparisons"])
    by_id = {r.unique_id: r for r in febrl1}
    for match in on_spark.matches[:50]:
        assert explain(on_spark.model, by_id[match.left], by_id[match.right]).match_weight == \
            pytest.approx(match.match_weight, abs=0.01)


def test_with_a_given_model_spark_scores_every_pair_as_duckdb_does(on_duckdb: LinkResult) -> None:
    """Given the hand-made records and a model, Spark and DuckDB score the same pairs the same and
    give the same clusters: the comparisons' SQL means the same in both dialects."""
    duckdb_run = link(RECORDS, threshold=0.5, model=on_duckdb.model, train=False)
    spark_run = link(RECORDS, threshold=0.5, model=on_duckdb.model, train=False, engine="spark")
    assert spark_run.clusters == duckdb_run.clusters
    assert [(m.left, m.right, m.parts) for m in spark_run.matches] == \
        [(m.left, m.right, m.parts) for m in duckdb_run.matches]
    for a, b in zip(spark_run.matches, duckdb_run.matches, strict=True):
        assert a.match_weight == pytest.approx(b.match_weight, abs=1e-9)


def test_the_spark_sql_is_spelt_for_spark() -> None:
    settings = lm.prior_settings("spark")
    conditions = str(settings["comparisons"])
    assert "jaro_winkler(" in conditions and "size(array_intersect(" in conditions
    assert "jaro_winkler_similarity" not in conditions and "list_" not in conditions
    assert {rule["sql_dialect"] for rule in settings["blocking_rules_to_generate_predictions"]} == {"spark"}
    with pytest.raises(ValueError, match="duckdb or spark"):
        lm.prior_settings("oracle")
