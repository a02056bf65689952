"""Every vocabulary's members carry their own words: labels never leak between vocabularies that
share a value (NIM level "1" is not outcome type "1")."""

import importlib
import inspect
import pkgutil
from enum import StrEnum

import lantern

RULE_MODULES = [name for _, name, _ in pkgutil.walk_packages(lantern.__path__, "lantern.")
                if name.endswith(".rules") or ".rules." in name]


def _vocabularies() -> list[type[StrEnum]]:
    found = []
    for name in RULE_MODULES:
        module = importlib.import_module(name)
        for _, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, StrEnum) and value.__module__ == name and hasattr(value, "label") \
                    and len(value):
                found.append(value)
    return found


def test_every_member_of_every_vocabulary_has_its_own_label() -> None:
    vocabularies = _vocabularies()
    assert len(vocabularies) >= 25
    for vocabulary in vocabularies:
        labels = [member.label for member in vocabulary]
        assert all(isinstance(label, str) and label for label in labels), vocabulary
        assert len(set(labels)) == len(labels), f"{vocabulary.__name__} repeats a label"


def test_labels_do_not_leak_between_vocabularies_sharing_a_value() -> None:
    from lantern.cases.rules import NimLevel, OutcomeType
    from lantern.justice.rules.disruptions import Tactic, ThreatType

    shared: dict[str, set[str]] = {}
    for vocabulary in _vocabularies():
        for member in vocabulary:
            shared.setdefault(member.value, set()).add(vocabulary.__name__)
    assert {"NimLevel", "OutcomeType"} <= shared["1"] and {"Tactic", "ThreatType"} <= shared["other"]
    assert NimLevel.LOCAL.label == "Level 1: local"
    assert OutcomeType.CHARGED.label == "1: Charged or summonsed"
    assert Tactic.OTHER.label != ThreatType.OTHER.label
