"""The batch linkage engine, end to end on real Splink and DuckDB: no mocks, no database."""

from __future__ import annotations

import random
from datetime import date

import pytest

from lantern.linkage import engine
from lantern.linkage import model as lm
from lantern.linkage.backends import DuckDBBackend
from lantern.linkage.engine import MIN_RECORDS_TO_TRAIN, Decision, LinkResult, explain, link
from lantern.linkage.records import PersonRecord as P
from tests.linkage.people import BY_ID, RECORDS, TRUTH, partition


@pytest.fixture(scope="module")
def result() -> LinkResult:
    return link(RECORDS)


def test_every_record_is_clustered_as_the_truth_says(result: LinkResult) -> None:
    assert set(result.clusters) == set(BY_ID)
    truth: dict[str, set[str]] = {}
    for uid, person in TRUTH.items():
        truth.setdefault(person, set()).add(uid)
    assert partition(result.clusters) == {frozenset(g) for g in truth.values()}


def test_strangers_with_a_common_name_are_not_linked(result: LinkResult) -> None:
    johns = {result.clusters[uid] for uid in ("j1", "j2", "j3")}
    assert len(johns) == 3
    assert result.clusters["c3"] != result.clusters["c1"]


def test_matches_are_ordered_pairs_with_parts_in_plain_words(result: LinkResult) -> None:
    pairs = {(m.left, m.right): m for m in result.matches}
    assert all(m.left < m.right and m.probability >= 0.9 for m in result.matches)
    swapped = {p.comparison: p.level for p in pairs[("a1", "a2")].parts}
    assert swapped["given name"] == "exact match"  # Александр is Aleksandr once transliterated
    assert swapped["date of birth"] == "day and month swapped"
    nickname = {p.comparison: p.level for p in pairs[("b1", "b2")].parts}
    assert nickname["given name"] == "nickname or other form of the name"
    assert nickname["address"] == "different"
    alias = {p.comparison: p.level for p in pairs[("f1", "f2")].parts}
    assert alias["other names (aliases)"] == "an alias matches a name"
    order = {p.comparison: p.level for p in pairs[("d1", "d3")].parts}
    assert order["given name"] == "given and family names swapped"
    assert [p.comparison for p in pairs[("a1", "a2")].parts] == [c.description for c in lm.COMPARISONS]


def test_small_runs_use_the_fixed_priors(result: LinkResult) -> None:
    assert len(RECORDS) < MIN_RECORDS_TO_TRAIN
    assert result.model == lm.completed(lm.prior_settings())
    assert set(result.seconds) == {"normalise", "train", "predict", "cluster"}


def test_explain_agrees_with_splink_on_every_scored_pair(result: LinkResult) -> None:
    scored = link(RECORDS, threshold=0.0)
    assert len(scored.matches) > len(result.matches)
    for match in scored.matches:
        explained = explain(scored.model, BY_ID[match.left], BY_ID[match.right])
        levels = [(p.comparison, p.level) for p in match.parts]
        assert [(p.comparison, p.level) for p in explained.parts] == levels
        assert explained.match_weight == pytest.approx(match.match_weight, abs=0.01)
        assert explained.probability == pytest.approx(match.probability, abs=1e-4)


def test_rejected_pair_is_kept_apart_even_through_others(result: LinkResult) -> None:
    rejected = link(RECORDS, decisions=[Decision("a1", "a3", same=False)])
    assert rejected.clusters["a1"] != rejected.clusters["a3"]
    # a2 still goes with one of them: only the weakest edge on the path was cut.
    assert rejected.clusters["a2"] in {rejected.clusters["a1"], rejected.clusters["a3"]}
    # The score itself is still reported; the decision acts on the clusters.
    assert ("a1", "a3") in {(m.left, m.right) for m in rejected.matches}


def test_confirmed_pair_is_together_without_any_evidence() -> None:
    confirmed = link(RECORDS, decisions=[Decision("s2", "s1", same=True)])
    assert confirmed.clusters["s1"] == confirmed.clusters["s2"]


def test_same_input_same_ids_and_a_merge_keeps_the_majority_id(result: LinkResult) -> None:
    again = link(RECORDS, previous=result.clusters)
    assert again.clusters == result.clusters
    assert again.changes == []
    # Maria Ionescu, known to BTP; another record of her with no date of birth and a phone.
    maria_phone = P("m2", "MET", given_name="Maria", family_name="Ionescu", phones=("07700 900777",))
    first = link([*RECORDS, maria_phone], previous=result.clusters)
    assert first.clusters["m2"] != first.clusters["s0"]
    # Then a record with both her date of birth and her phone: all three are one person.
    bridge = P("m3", "CTP", given_name="Maria", family_name="Ionescu", date_of_birth=date(1993, 2, 2),
               phones=("07700 900777",))
    merged = link([*RECORDS, maria_phone, bridge], previous=first.clusters)
    assert merged.clusters["s0"] == merged.clusters["m2"] == merged.clusters["m3"] == first.clusters["s0"]
    assert [(c.kind, c.cluster_id) for c in merged.changes] == [("merged", first.clusters["s0"])]
    assert set(merged.changes[0].previous_ids) == {first.clusters["s0"], first.clusters["m2"]}
    for uid in BY_ID:
        assert merged.clusters[uid] == result.clusters[uid]


def test_progress_is_reported_for_each_stage() -> None:
    seen: list[tuple[str, float]] = []
    link(RECORDS[:5], progress=lambda stage, fraction: seen.append((stage, fraction)))
    finished = [stage for stage, fraction in seen if fraction == 1.0]
    assert finished == ["normalise", "train", "predict", "cluster"]
    assert all(0.0 <= fraction <= 1.0 for _, fraction in seen)


def test_repeated_unique_ids_are_refused() -> None:
    with pytest.raises(ValueError, match="unique_id"):
        link([P("x"), P("x")])


def test_an_unknown_engine_is_refused() -> None:
    with pytest.raises(ValueError, match="duckdb, spark"):
        link(RECORDS[:2], engine="oracle")


def test_trained_model_is_reusable_and_explain_agrees_with_it(febrl1: list[P]) -> None:
    """Given 1,000 FEBRL1 records (enough to train), when the model is trained and used again
    without training, then the same pairs score the same, and explain agrees with Splink."""
    assert len(febrl1) >= MIN_RECORDS_TO_TRAIN
    trained = link(febrl1, threshold=0.5)
    assert trained.model != lm.completed(lm.prior_settings())
    assert len(trained.matches) > 400  # FEBRL1 has 500 duplicate pairs
    reused = link(febrl1, threshold=0.5, model=trained.model, train=False)
    assert [(m.left, m.right) for m in reused.matches] == [(m.left, m.right) for m in trained.matches]
    by_id = {r.unique_id: r for r in febrl1}
    for match in random.Random(6).sample(trained.matches, 100):
        explained = explain(trained.model, by_id[match.left], by_id[match.right])
        assert explained.match_weight == pytest.approx(match.match_weight, abs=0.01)


def test_python_string_measures_are_duckdbs() -> None:
    """The Python mirror's Jaro-Winkler and Damerau-Levenshtein give DuckDB's numbers (the first
    to the last bit or so, which is why the levels compare with their thresholds less 1e-9)."""
    import duckdb
    import jellyfish

    rng = random.Random(1)
    pairs = []
    for _ in range(3000):
        word = "".join(rng.choice("abcde ") for _ in range(rng.randint(1, 14)))
        other = list(word)
        for _ in range(rng.randint(0, 3)):
            at = rng.randrange(len(other) + 1)
            other[at:at + rng.randint(0, 1)] = rng.choice(["", "a", "bb"])
        pairs.append((word, "".join(other) or "x"))
    con = duckdb.connect()
    found = con.execute(
        "SELECT jaro_winkler_similarity(a, b), damerau_levenshtein(a, b)"
        " FROM (SELECT unnest(?) AS a, unnest(?) AS b)",
        [[a for a, _ in pairs], [b for _, b in pairs]]).fetchall()
    for (a, b), (similarity, distance) in zip(pairs, found, strict=True):
        assert jellyfish.jaro_winkler_similarity(a, b) == pytest.approx(similarity, abs=1e-15)
        assert jellyfish.damerau_levenshtein_distance(a, b) == distance


def test_an_alias_and_a_birth_year_are_enough_to_compare_two_records() -> None:
    """Blocking on an alias explodes two lists; a record without aliases must still be found."""
    known = P("k1", "MET", given_name="Arben", family_name="Krasniqi", aliases=("Beni Kola",),
              date_of_birth=date(1988, 4, 4))
    alias_only = P("k2", "SUR", given_name="Beni", family_name="Kola", date_of_birth=date(1988, 9, 30))
    stranger = P("k3", "SUR", given_name="Tom", family_name="Jones", date_of_birth=date(1988, 9, 30))
    scored = link([known, alias_only, stranger], threshold=0.0)
    pairs = {(m.left, m.right): m for m in scored.matches}
    assert ("k1", "k2") in pairs
    assert {p.comparison: p.level for p in pairs[("k1", "k2")].parts}["other names (aliases)"] == (
        "an alias matches a name")


def test_a_large_run_trains_on_a_random_sample_and_learns_the_same_model(
        febrl1: list[P], monkeypatch: pytest.MonkeyPatch) -> None:
    """Given more records than training reads, when the run trains, then it trains on a seeded
    sample (the same each time) and the model it learns finds the people the full model finds."""
    full = link(febrl1, threshold=0.5)
    monkeypatch.setattr(engine, "TRAINING_SAMPLE_RECORDS", 700)
    sampled = link(febrl1, threshold=0.5)
    assert sampled.model != full.model
    again = link(febrl1, threshold=0.5)  # the same sample, so (up to DuckDB's sampling of u) the same model
    flat = [w for levels in lm.level_weights(sampled.model) for w in levels]
    assert [w for levels in lm.level_weights(again.model) for w in levels] == pytest.approx(flat, abs=0.3)
    # 700 of 1,000 records keep about half the true pairs to learn from, and the same ratios.
    assert len(partition(sampled.clusters) ^ partition(full.clusters)) <= 10
    assert sampled.model["probability_two_random_records_match"] == pytest.approx(
        full.model["probability_two_random_records_match"], rel=0.25)


def test_pairs_scored_chunk_by_chunk_are_the_pairs_scored_at_once(
        febrl1: list[P], monkeypatch: pytest.MonkeyPatch) -> None:
    """Given a model, when the pairs are scored in seven chunks instead of one, then every pair is
    found once, with the same score and parts, and the clusters are the same."""
    whole = link(febrl1, threshold=0.5)
    monkeypatch.setattr(DuckDBBackend, "RECORDS_PER_CHUNK", 150)
    chunked = link(febrl1, threshold=0.5, model=whole.model, train=False)
    assert [(m.left, m.right, m.parts) for m in chunked.matches] == \
        [(m.left, m.right, m.parts) for m in whole.matches]
    assert all(a.match_weight == pytest.approx(b.match_weight, abs=1e-9)
               for a, b in zip(chunked.matches, whole.matches, strict=True))
    assert chunked.clusters == whole.clusters


def test_officers_confirmed_pairs_teach_the_model_what_one_person_looks_like(febrl1: list[P]) -> None:
    """Given at least MIN_CONFIRMED_TO_TEACH pairs officers confirmed, when the run trains, then m
    is re-estimated from those pairs (u and the prior stay as training found them); fewer leave
    the model as training alone made it."""
    ids = {r.unique_id for r in febrl1}
    pairs = sorted((f"rec-{n}-dup-0", f"rec-{n}-org") for n in range(500)
                   if f"rec-{n}-dup-0" in ids and f"rec-{n}-org" in ids)
    confirmed = [Decision(a, b, same=True) for a, b in pairs[:engine.MIN_CONFIRMED_TO_TEACH + 10]]
    alone = link(febrl1, threshold=0.5)
    too_few = link(febrl1, threshold=0.5, decisions=confirmed[:engine.MIN_CONFIRMED_TO_TEACH - 1])
    taught = link(febrl1, threshold=0.5, decisions=confirmed)

    def m_and_u(model: dict) -> tuple[list[float], list[float]]:  # type: ignore[type-arg]
        levels = [lv for c in model["comparisons"] for lv in c["comparison_levels"]
                  if not lv.get("is_null_level")]
        return [lv["m_probability"] for lv in levels], [lv["u_probability"] for lv in levels]

    assert m_and_u(too_few.model)[0] == pytest.approx(m_and_u(alone.model)[0], abs=0.02)
    assert m_and_u(taught.model)[0] != pytest.approx(m_and_u(alone.model)[0], abs=0.02)
    assert m_and_u(taught.model)[1] == pytest.approx(m_and_u(alone.model)[1], abs=0.02)
    # Every confirmed pair is one person, and the taught model still finds FEBRL1's people.
    assert all(taught.clusters[a] == taught.clusters[b] for a, b in pairs[:60])
    assert len(partition(taught.clusters) ^ partition(alone.clusters)) <= 20
