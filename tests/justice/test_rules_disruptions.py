"""Disruptions: recorded with every threat type they touched, counted once each and once per threat."""

from hypothesis import given
from hypothesis import strategies as st

from lantern.justice.rules.disruptions import (
    Impact,
    Tactic,
    ThreatType,
    count_disruptions,
    disruption_problems,
)

MSHT = ThreatType.MODERN_SLAVERY_HUMAN_TRAFFICKING
DRUGS = ThreatType.DRUGS_SUPPLY_COUNTY_LINES
CSE = ThreatType.CHILD_SEXUAL_EXPLOITATION
OIC = ThreatType.ORGANISED_IMMIGRATION_CRIME
SOUND = {
    "threat_types": [MSHT, DRUGS, CSE],
    "tactic": Tactic.ARREST,
    "target_ocg": True,
    "target_investigation": False,
    "impact": Impact.MAJOR,
    "description": "Line holder and two runners arrested; the line is dead; three children safeguarded.",
}
DISRUPTIONS = st.lists(st.lists(st.sampled_from(list(ThreatType)), max_size=5), max_size=30)


def problems(**changes: object) -> list[str]:
    return disruption_problems(**{**SOUND, **changes})


def test_every_vocabulary_has_labels() -> None:
    for vocabulary in (ThreatType, Tactic, Impact):
        choices = vocabulary.choices()
        assert [value for value, _ in choices] == [m.value for m in vocabulary]
        assert all(label and label[0].isupper() for _, label in choices)
    assert [m.value for m in Impact] == ["major", "moderate", "minor"]
    assert "GLAA" in Tactic.PARTNERSHIP_ENFORCEMENT.label


def test_a_disruption_may_carry_one_threat_type_or_several() -> None:
    """Seed 004 §7: APMIS changed to allow more than one threat type, not to require it."""
    assert problems() == []
    assert problems(threat_types=[MSHT]) == []
    assert problems(threat_types=list(ThreatType)) == []


def test_a_disruption_needs_a_threat_type() -> None:
    assert problems(threat_types=[]) == [
        "Choose the threat types this disruption affected: at least one, and every one that applies."
    ]


def test_each_threat_type_is_chosen_once() -> None:
    assert problems(threat_types=[MSHT, DRUGS, MSHT]) == [
        "Modern slavery and human trafficking is chosen more than once: choose each threat type once."
    ]


def test_a_disruption_needs_a_tactic_and_a_target() -> None:
    assert problems(tactic=None) == ["Choose the tactic that disrupted the offending."]
    assert problems(target_ocg=False) == [
        "Say whom the disruption was against: an organised crime group, an investigation's suspects, or both."
    ]
    assert problems(target_ocg=False, target_investigation=True) == []
    assert problems(target_investigation=True) == []


def test_the_impact_is_assessed_with_its_reasons() -> None:
    assert problems(impact=None) == ["Assess the disruption's impact: major, moderate or minor."]
    assert problems(description="  ") == [
        "Explain what was disrupted and why you assessed its impact as you did."
    ]


def test_everything_missing_is_said_at_once() -> None:
    found = disruption_problems(threat_types=[], tactic=None, target_ocg=False, target_investigation=False,
                                impact=None, description="")
    assert len(found) == 5


def test_a_multi_threat_disruption_counts_once_in_the_total_and_once_under_each_threat() -> None:
    counts = count_disruptions([[MSHT, DRUGS, CSE], [MSHT], [OIC]])
    assert counts.total == 3
    assert counts.by_threat[MSHT] == 2
    assert counts.by_threat[DRUGS] == counts.by_threat[CSE] == counts.by_threat[OIC] == 1
    assert counts.by_threat[ThreatType.FIREARMS] == 0
    assert sum(counts.by_threat.values()) == 5
    assert counts.overcount == 2
    assert counts.untyped == 0


def test_a_threat_listed_twice_in_one_disruption_counts_once() -> None:
    counts = count_disruptions([[MSHT, MSHT]])
    assert counts.by_threat[MSHT] == 1
    assert counts.overcount == 0


def test_no_disruptions_count_zero_under_every_threat() -> None:
    counts = count_disruptions([])
    assert counts.total == 0 and counts.untyped == 0 and counts.overcount == 0
    assert set(counts.by_threat) == set(ThreatType)
    assert not any(counts.by_threat.values())


def test_an_old_record_with_no_threat_type_still_counts_as_a_disruption() -> None:
    counts = count_disruptions([[], [MSHT]])
    assert counts.total == 2
    assert counts.untyped == 1
    assert sum(counts.by_threat.values()) == 1
    assert counts.overcount == 0


def test_counting_reads_any_iterable_once() -> None:
    counts = count_disruptions(iter([(MSHT,), (DRUGS, OIC)]))
    assert counts.total == 2 and counts.overcount == 1


@given(DISRUPTIONS)
def test_counting_invariants(disruptions: list[list[ThreatType]]) -> None:
    counts = count_disruptions(disruptions)
    assert counts.total == len(disruptions)
    assert counts.untyped == sum(1 for d in disruptions if not d)
    for threat in ThreatType:
        assert counts.by_threat[threat] == sum(1 for d in disruptions if threat in d)
        assert counts.by_threat[threat] <= counts.total
    per_threat_sum = sum(counts.by_threat.values())
    assert per_threat_sum + counts.untyped >= counts.total
    assert counts.overcount == sum(len(set(d)) - 1 for d in disruptions if d)
    assert (counts.overcount == 0) is all(len(set(d)) <= 1 for d in disruptions)


@given(st.lists(st.lists(st.sampled_from(list(ThreatType)), min_size=1, max_size=5), max_size=30))
def test_once_every_disruption_has_a_threat_type_the_per_threat_sum_is_at_least_the_total(
    disruptions: list[list[ThreatType]],
) -> None:
    counts = count_disruptions(disruptions)
    assert sum(counts.by_threat.values()) >= counts.total
    assert sum(counts.by_threat.values()) == counts.total + counts.overcount
