"""The linkage model: comparisons, blocking rules, training rules and fixed priors.

Every comparison level is written once as a ``Condition``, which carries both its Splink SQL
(DuckDB dialect) and a pure Python test of the same thing, so that ``levels_for`` (behind
``engine.explain``) puts a pair in the level Splink put it in and gives it the same weight. The
SQL uses only functions the DuckDB wheel ships (``jaro_winkler_similarity``,
``damerau_levenshtein``, ``list_intersect``); jellyfish's Jaro-Winkler (to 1e-15) and
Damerau-Levenshtein (exactly) give the same numbers, checked by the tests.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import jellyfish

from lantern.linkage.normalise import Row

Test = Callable[[Row, Row], bool]


@dataclass(frozen=True)
class Condition:
    """A comparison level's condition, as Splink SQL and as the same test in Python.

    Python treats SQL's NULL as False. That agrees with SQL's CASE WHEN for AND and OR (a NULL
    condition does not select its level), which is why there is no NOT.
    """

    sql: str
    test: Test

    def __and__(self, other: Condition) -> Condition:
        return Condition(f"({self.sql}) AND ({other.sql})", lambda a, b: self.test(a, b) and other.test(a, b))

    def __or__(self, other: Condition) -> Condition:
        return Condition(f"({self.sql}) OR ({other.sql})", lambda a, b: self.test(a, b) or other.test(a, b))


def missing(col: str) -> Condition:
    """Either record lacks the value."""
    return Condition(f"{col}_l IS NULL OR {col}_r IS NULL", lambda a, b: a[col] is None or b[col] is None)


def both_missing(col: str) -> Condition:
    """Neither record has the value."""
    return Condition(f"{col}_l IS NULL AND {col}_r IS NULL", lambda a, b: a[col] is None and b[col] is None)


def equal(col: str, other: str | None = None) -> Condition:
    """The left record's ``col`` equals the right record's ``other`` (by default the same column)."""
    right = other or col
    return Condition(f"{col}_l = {right}_r", lambda a, b: a[col] is not None and a[col] == b[right])


def jaro_winkler_at_least(col: str, threshold: float, other: str | None = None) -> Condition:
    """Jaro-Winkler similarity of the left ``col`` and the right ``other`` (by default the same
    column) at or above ``threshold``."""
    right = other or col
    # DuckDB and jellyfish agree to about 1e-16, not always to the last bit: a similarity of
    # exactly 0.9 could fall either side of ">= 0.9". Both compare with the threshold less 1e-9,
    # which no similarity of names this short comes near.
    cut = threshold - 1e-9

    def test(a: Row, b: Row) -> bool:
        return (a[col] is not None and b[right] is not None
                and jellyfish.jaro_winkler_similarity(a[col], b[right]) >= cut)
    return Condition(f"jaro_winkler_similarity({col}_l, {right}_r) >= {cut!r}", test)


def swapped_names() -> Condition:
    """Each record's given name is (or is spelt close to) the other's family name."""
    return (jaro_winkler_at_least("given_whole", 0.9, "family_name")
            & jaro_winkler_at_least("family_name", 0.9, "given_whole"))


def edits_at_most(col: str, edits: int) -> Condition:
    """At most ``edits`` insertions, deletions, substitutions or transpositions apart."""
    def test(a: Row, b: Row) -> bool:
        return (a[col] is not None and b[col] is not None
                and jellyfish.damerau_levenshtein_distance(a[col], b[col]) <= edits)
    return Condition(f"damerau_levenshtein({col}_l, {col}_r) <= {edits}", test)


def within(col: str, difference: int) -> Condition:
    """Two numbers at most ``difference`` apart."""
    def test(a: Row, b: Row) -> bool:
        return a[col] is not None and b[col] is not None and abs(a[col] - b[col]) <= difference
    return Condition(f"abs({col}_l - {col}_r) <= {difference}", test)


def ranges_overlap(low: str, high: str) -> Condition:
    """The two records' [low, high] ranges overlap."""
    def test(a: Row, b: Row) -> bool:
        values = (a[low], a[high], b[low], b[high])
        return None not in values and a[low] <= b[high] and b[low] <= a[high]
    return Condition(f"{low}_l <= {high}_r AND {low}_r <= {high}_l", test)


def share(col: str, other: str | None = None) -> Condition:
    """The left record's list ``col`` and the right record's list ``other`` have a value in common."""
    right = other or col
    return Condition(
        f"array_length(list_intersect({col}_l, {right}_r)) >= 1",
        lambda a, b: bool(a[col] and b[right] and set(a[col]) & set(b[right])),
    )


def lists_the_other(ids: str) -> Condition:
    """Either record lists the other's unique_id in ``ids`` (they were recorded together)."""
    return Condition(
        f"list_contains({ids}_l, unique_id_r) OR list_contains({ids}_r, unique_id_l)",
        lambda a, b: bool((a[ids] and b["unique_id"] in a[ids]) or (b[ids] and a["unique_id"] in b[ids])),
    )


def one_is_initial(col: str) -> Condition:
    """One of the two values is a single letter."""
    return Condition(f"length({col}_l) = 1 OR length({col}_r) = 1",
                     lambda a, b: (a[col] is not None and len(a[col]) == 1)
                     or (b[col] is not None and len(b[col]) == 1))


ANYTHING_ELSE = Condition("ELSE", lambda a, b: True)


@dataclass(frozen=True)
class Level:
    """One level of a comparison, with its fixed prior m and u (used when training cannot run).

    A ``neutral`` level keeps its trained m but has u set equal to it, so it weighs nothing: for
    agreement that training would count but that is not independent of the names.
    """

    label: str
    condition: Condition
    m: float = 0.0
    u: float = 0.0
    is_null: bool = False
    neutral: bool = False


@dataclass(frozen=True)
class Comparison:
    """One comparison: ``name`` is Splink's output column, ``description`` the words shown to officers."""

    name: str
    description: str
    levels: tuple[Level, ...]


def _null(label: str, condition: Condition) -> Level:
    return Level(label, condition, is_null=True)


NOT_RECORDED = "not recorded"


def _identifier(name: str, description: str, col: str, m_shared: float, u_shared: float) -> Comparison:
    """An identifier only people themselves share (phone, email, vehicle, document)."""
    return Comparison(name, description, (
        _null(NOT_RECORDED, missing(col)),
        Level("shared", share(col), m_shared, u_shared),
        Level("none shared", ANYTHING_ELSE, 1 - m_shared, 1 - u_shared),
    ))


# Priors: m is how often two records of one person fall in the level, u how often two records of
# different people do, in a national index of a million or so records. They are what a model
# trained on national data looks like in round figures, and are used when there are too few
# records to train (see engine.MIN_RECORDS_TO_TRAIN) and for any level training never saw.
COMPARISONS: tuple[Comparison, ...] = (
    Comparison("given_name", "given name", (
        _null(NOT_RECORDED, missing("given_name")),
        Level("exact match", equal("given_name"), 0.80, 0.005),
        Level("nickname or other form of the name", equal("given_canonical"), 0.06, 0.001),
        Level("given and family names swapped", swapped_names(), 0.02, 0.0001),
        Level("transliteration or sounds the same", equal("given_key"), 0.03, 0.002),
        Level("spelling variant (very close)", jaro_winkler_at_least("given_name", 0.92), 0.03, 0.003),
        Level("spelling variant (close)", jaro_winkler_at_least("given_name", 0.8), 0.02, 0.02),
        Level("initial matches", one_is_initial("given_name") & equal("given_initial"), 0.01, 0.003),
        Level("different", ANYTHING_ELSE, 0.03, 0.966),
    )),
    Comparison("family_name", "family name", (
        _null(NOT_RECORDED, missing("family_name")),
        Level("exact match", equal("family_name"), 0.82, 0.002),
        # Counted once, under the given name: the two comparisons are not independent here.
        _null("given and family names swapped (counted under given name)", swapped_names()),
        Level("transliteration or sounds the same", equal("family_key"), 0.05, 0.002),
        Level("spelling variant (very close)", jaro_winkler_at_least("family_name", 0.92), 0.04, 0.002),
        Level("spelling variant (close)", jaro_winkler_at_least("family_name", 0.8), 0.03, 0.02),
        Level("different", ANYTHING_ELSE, 0.04, 0.974),
    )),
    Comparison("other_names", "other names (aliases)", (
        _null(NOT_RECORDED, both_missing("alias_forms") & both_missing("alias_words")),
        Level("an alias matches a name",
              share("alias_forms", "name_forms") | share("name_forms", "alias_forms"), 0.05, 0.0005),
        Level("a one-word alias matches",
              share("alias_words", "name_forms") | share("name_forms", "alias_words"), 0.02, 0.002),
        # Nearly neutral: an alias the other force never heard is no evidence they are different.
        Level("no alias matches", ANYTHING_ELSE, 0.93, 0.9975),
    )),
    Comparison("date_of_birth", "date of birth", (
        _null(NOT_RECORDED, missing("birth_year_min")),
        Level("exact match", equal("dob"), 0.85, 0.00005),
        Level("day and month swapped", equal("dob_swapped", "dob"), 0.02, 0.00005),
        Level("one digit different", edits_at_most("dob", 1), 0.04, 0.001),
        Level("born within a year", within("birth_year", 1), 0.04, 0.03),
        Level("estimated age agrees", ranges_overlap("birth_year_min", "birth_year_max"), 0.05, 0.01),
        Level("different", ANYTHING_ELSE, 0.01, 0.96),
    )),
    # Agreeing on sex or nationality is weighed at nothing (``neutral``): two people with one
    # name mostly share both, so counting it again would make namesakes match. Disagreeing counts.
    Comparison("sex", "sex", (
        _null(NOT_RECORDED, missing("sex")),
        Level("same", equal("sex"), 0.98, 0.98, neutral=True),
        Level("different", ANYTHING_ELSE, 0.02, 0.5),
    )),
    Comparison("nationality", "nationality", (
        _null(NOT_RECORDED, missing("nationality")),
        Level("same", equal("nationality"), 0.95, 0.95, neutral=True),
        Level("different", ANYTHING_ELSE, 0.05, 0.8),
    )),
    _identifier("phone", "phone", "phones", 0.4, 0.00001),
    _identifier("email", "email", "emails", 0.4, 0.000001),
    Comparison("postcode", "postcode", (
        _null(NOT_RECORDED, missing("postcodes")),
        Level("shared", share("postcodes"), 0.5, 0.001),
        Level("one character different", edits_at_most("postcode_first", 1), 0.05, 0.005),
        Level("same postcode district", share("postcode_districts"), 0.1, 0.01),
        Level("different", ANYTHING_ELSE, 0.35, 0.984),
    )),
    Comparison("address", "address", (
        _null(NOT_RECORDED, missing("addresses")),
        Level("shared", share("addresses"), 0.4, 0.0005),
        Level("very similar", jaro_winkler_at_least("address_first", 0.9), 0.1, 0.002),
        Level("same house number and street", equal("house_number") & share("street_words"), 0.05, 0.0005),
        Level("same street", share("street_words"), 0.05, 0.01),
        Level("different", ANYTHING_ELSE, 0.4, 0.9865),
    )),
    Comparison("town", "town", (
        _null(NOT_RECORDED, missing("towns")),
        Level("shared", share("towns"), 0.6, 0.05),
        Level("very similar", jaro_winkler_at_least("town_first", 0.9), 0.05, 0.01),
        Level("different", ANYTHING_ELSE, 0.35, 0.94),
    )),
    _identifier("vehicle", "vehicle", "vehicles", 0.3, 0.000001),
    _identifier("document", "document", "documents", 0.5, 0.0000001),
    Comparison("associates", "associates", (
        # Two people recorded together in one investigation share their associates by
        # construction, so that is no evidence either way.
        _null("recorded together", lists_the_other("associate_ids")),
        _null(NOT_RECORDED, missing("associate_names")),
        Level("an associate in common", share("associate_names"), 0.3, 0.0005),
        Level("no associate in common", ANYTHING_ELSE, 0.7, 0.9995),
    )),
)

PRIOR_PROBABILITY_TWO_RANDOM_RECORDS_MATCH = 0.0001
"""Used with the priors: roughly one in 10,000 for two records drawn from a national index,
which asks for a name and a date of birth, or a name and a shared identifier, before a match."""

# Pairs to score. Each is a cheap equi-join; together they catch a person whose records differ
# in any one of name spelling, date of birth or address. Lists are exploded, so two records
# sharing any one phone (say) are compared.
BORN_NEAR_YEARS = 2
BORN_NEAR = (
    " AND (l.birth_year_min IS NULL OR r.birth_year_min IS NULL"
    f" OR (l.birth_year_min <= r.birth_year_max + {BORN_NEAR_YEARS}"
    f" AND r.birth_year_min <= l.birth_year_max + {BORN_NEAR_YEARS}))"
)
"""Added to every rule that neither compares dates of birth nor shares an identifier: the two
records' birth years (a range, for an estimated age) are within ``BORN_NEAR_YEARS`` or one is not
known. Namesakes a generation apart (and parents and children at one address) are never
candidates; at national scale they were most of the pairs the name and address rules made."""


def _rule(sql: str, *explode: str, born_near: bool = True) -> dict[str, Any]:
    """A blocking rule as Splink settings hold it; ``explode`` names the list columns unnested first.
    ``born_near`` adds ``BORN_NEAR`` (``blocking`` files the index by the equalities alone)."""
    rule = {"blocking_rule": sql + (BORN_NEAR if born_near else "")}
    return {**rule, "arrays_to_explode": list(explode)} if explode else rule


BLOCKING_RULES: tuple[dict[str, Any], ...] = (
    _rule("l.family_key = r.family_key AND l.given_key = r.given_key"),
    _rule("l.given_whole_key = r.family_key AND l.family_key = r.given_whole_key"),
    _rule("l.dob = r.dob AND l.given_initial = r.given_initial", born_near=False),
    _rule("l.dob = r.dob AND l.family_initial = r.family_initial", born_near=False),
    _rule("l.dob = r.dob AND l.initials = r.initials", born_near=False),
    _rule("l.dob = r.dob AND l.postcode_first = r.postcode_first", born_near=False),
    _rule("l.dob = r.dob AND l.town_first = r.town_first", born_near=False),
    # A name key and the town, with the other name's initial: a name key and a town alone ("Khan"
    # in London) is a block of thousands.
    _rule("l.family_key = r.family_key AND l.town_first = r.town_first"
          " AND l.given_initial = r.given_initial"),
    _rule("l.given_key = r.given_key AND l.town_first = r.town_first"
          " AND l.family_initial = r.family_initial"),
    _rule("l.family_key = r.family_key AND l.house_number = r.house_number"),
    _rule("l.address_first = r.address_first"),
    # A street word and the house number, and an initial: the town's name is often one of the
    # street words, and "12 LONDON" alone would be a block of thousands.
    _rule("l.street_words = r.street_words AND l.house_number = r.house_number"
          " AND l.given_initial = r.given_initial", "street_words"),
    _rule("l.street_words = r.street_words AND l.house_number = r.house_number"
          " AND l.family_initial = r.family_initial", "street_words"),
    _rule("l.street_words = r.street_words AND l.dob = r.dob", "street_words", born_near=False),
    _rule("l.postcodes = r.postcodes AND l.town_first = r.town_first", "postcodes"),
    _rule("l.postcodes = r.postcodes AND l.given_initial = r.given_initial", "postcodes"),
    _rule("l.postcodes = r.postcodes AND l.family_initial = r.family_initial", "postcodes"),
    _rule("l.postcodes = r.postcodes AND l.initials = r.initials", "postcodes"),
    _rule("l.postcodes = r.postcodes AND l.house_number = r.house_number", "postcodes"),
    # Identifiers only people themselves share: whatever their dates say.
    _rule("l.phones = r.phones", "phones", born_near=False),
    _rule("l.emails = r.emails", "emails", born_near=False),
    _rule("l.documents = r.documents", "documents", born_near=False),
    _rule("l.vehicles = r.vehicles", "vehicles", born_near=False),
    # An alias is often a common anglicised name ("Tony Nguyen"): with a birth year or a town.
    _rule("l.alias_keys = r.name_forms AND l.birth_year = r.birth_year", "alias_keys", "name_forms",
          born_near=False),
    _rule("l.name_forms = r.alias_keys AND l.birth_year = r.birth_year", "alias_keys", "name_forms",
          born_near=False),
    _rule("l.alias_keys = r.name_forms AND l.town_first = r.town_first", "alias_keys", "name_forms"),
    _rule("l.name_forms = r.alias_keys AND l.town_first = r.town_first", "alias_keys", "name_forms"),
)

# Rules that almost only ever join records of one person, from which Splink estimates how likely
# two random records are to match, and the share of true matches they find.
DETERMINISTIC_RULES: tuple[str, ...] = (
    "l.given_name = r.given_name AND l.family_name = r.family_name AND l.dob = r.dob",
    "l.family_key = r.family_key AND l.dob = r.dob AND l.postcode_first = r.postcode_first",
)
DETERMINISTIC_RECALL = 0.6

# Expectation maximisation runs once per rule; each rule fixes the comparisons it uses, so the two
# between them train every comparison.
TRAINING_RULES: tuple[str, ...] = (
    "l.dob = r.dob",
    "l.family_key = r.family_key AND l.given_key = r.given_key",
)


DIALECTS = ("duckdb", "spark")

# The conditions are written in DuckDB's SQL; these are the only words Spark spells differently.
# Splink's Spark backend registers jaro_winkler and damerau_levenshtein from the Scala jar it
# ships (the same measures, Apache Commons Text's Jaro-Winkler and true Damerau-Levenshtein).
_SPARK_WORDS = (
    ("jaro_winkler_similarity(", "jaro_winkler("),
    ("array_length(list_intersect(", "size(array_intersect("),
    ("list_contains(", "array_contains("),
)


def in_dialect(sql: str, dialect: str) -> str:
    """A condition's SQL as ``dialect`` (``duckdb`` or ``spark``) spells it."""
    if dialect not in DIALECTS:
        raise ValueError(f"Linkage SQL is written for {' or '.join(DIALECTS)}, not {dialect!r}.")
    if dialect == "spark":
        for duckdb_word, spark_word in _SPARK_WORDS:
            sql = sql.replace(duckdb_word, spark_word)
    return sql


def _level_dict(level: Level, dialect: str = "duckdb") -> dict[str, Any]:
    out: dict[str, Any] = {"sql_condition": in_dialect(level.condition.sql, dialect),
                           "label_for_charts": level.label}
    if level.is_null:
        out["is_null_level"] = True
    else:
        out["m_probability"] = level.m
        out["u_probability"] = level.u
    return out


def prior_settings(dialect: str = "duckdb") -> dict[str, Any]:
    """The model with its fixed priors: Splink settings for a dedupe across every source, in
    ``dialect``'s SQL."""
    return {
        "link_type": "dedupe_only",
        "unique_id_column_name": "unique_id",
        "probability_two_random_records_match": PRIOR_PROBABILITY_TWO_RANDOM_RECORDS_MATCH,
        "comparisons": [
            {"output_column_name": c.name, "comparison_description": c.description,
             "comparison_levels": [_level_dict(level, dialect) for level in c.levels]}
            for c in COMPARISONS
        ],
        "blocking_rules_to_generate_predictions": [
            dict(rule, sql_dialect=dialect) for rule in BLOCKING_RULES],
        "additional_columns_to_retain": ["source"],
        # Splink writes the gamma_ columns (which level each pair is in) only with the matching
        # columns; engine reads just the gammas back out of DuckDB.
        "retain_matching_columns": True,
        "retain_intermediate_calculation_columns": False,
        "em_convergence": 0.0001,
        "max_iterations": 25,
        "sql_dialect": dialect,
    }


# An estimate of exactly 0 (or 1) would make a weight infinite: keep probabilities inside this.
_SMALLEST = 1e-10


def _usable(value: Any, prior: float) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return min(1.0, max(_SMALLEST, float(value)))
    return prior


def check(model: dict[str, Any]) -> None:
    """Refuse (``ValueError``) a model whose comparisons or levels are not this version's."""
    comparisons = model.get("comparisons", [])
    if [c.get("output_column_name") for c in comparisons] != [c.name for c in COMPARISONS]:
        raise ValueError("The model's comparisons are not the ones this version of Lantern compares.")
    for spec, comparison in zip(COMPARISONS, comparisons, strict=True):
        labels = [lv.get("label_for_charts") for lv in comparison["comparison_levels"]]
        if labels != [lv.label for lv in spec.levels]:
            raise ValueError(f"The model's {spec.description} levels are not this version's.")


def completed(model: dict[str, Any], dialect: str = "duckdb") -> dict[str, Any]:
    """A copy of the model with every m and u a usable number, so that Splink and ``explain``
    read it the same way, and its SQL in ``dialect`` (a model trained on one backend is used on
    the other as it is).

    A level training never saw (Splink stores a text there) takes its prior, and every
    probability is kept within [1e-10, 1], so no weight is infinite; a neutral level's u is set
    to its m.
    """
    check(model)
    out = copy.deepcopy(model)
    out["sql_dialect"] = dialect
    out["blocking_rules_to_generate_predictions"] = [
        dict(rule, sql_dialect=dialect) for rule in BLOCKING_RULES]
    for spec, comparison in zip(COMPARISONS, out["comparisons"], strict=True):
        for level, stored in zip(spec.levels, comparison["comparison_levels"], strict=True):
            stored["sql_condition"] = in_dialect(level.condition.sql, dialect)
            if not level.is_null:
                stored["m_probability"] = _usable(stored.get("m_probability"), level.m)
                stored["u_probability"] = _usable(stored.get("u_probability"), level.u)
            if level.neutral:
                stored["u_probability"] = stored["m_probability"]
    out["probability_two_random_records_match"] = _prior(out)
    return out


def _prior(model: dict[str, Any]) -> float:
    stored = model.get("probability_two_random_records_match")
    return _usable(stored, PRIOR_PROBABILITY_TWO_RANDOM_RECORDS_MATCH)


def level_weights(model: dict[str, Any]) -> list[list[float]]:
    """Each comparison's levels' match weights (log2 of m/u; 0 for a null level), in order, read
    as ``completed`` would make them (so without copying the model)."""
    check(model)
    weights = []
    for spec, comparison in zip(COMPARISONS, model["comparisons"], strict=True):
        row = []
        for level, stored in zip(spec.levels, comparison["comparison_levels"], strict=True):
            if level.is_null or level.neutral:
                row.append(0.0)
            else:
                m = _usable(stored.get("m_probability"), level.m)
                row.append(math.log2(m / _usable(stored.get("u_probability"), level.u)))
        weights.append(row)
    return weights


def prior_weight(model: dict[str, Any]) -> float:
    """The match weight before any comparison: log2 of the prior odds of a match."""
    p = _prior(model)
    return math.log2(p / (1 - p)) if p < 1 else math.inf


def levels_for(left: Row, right: Row) -> list[int]:
    """The level each comparison puts this pair in: the first whose condition holds, as in SQL."""
    return [next(i for i, level in enumerate(c.levels) if level.condition.test(left, right))
            for c in COMPARISONS]
