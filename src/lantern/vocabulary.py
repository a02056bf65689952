"""The base of Lantern's vocabularies: enums whose members carry the words people read.

Plain Python: no Django, so every ``rules`` module may use it.
"""

from __future__ import annotations

import sys
from enum import StrEnum


class LabelledEnum(StrEnum):
    """A vocabulary whose members carry their labels.

    The labels live beside the vocabulary, in its module's ``_LABELS``: a mapping from each
    vocabulary class to {value: label}. Keyed by class, so two vocabularies sharing a value (NIM
    level "1" and outcome type "1") never read each other's words. A member without an entry
    reads as its value in words.
    """

    @property
    def label(self) -> str:
        tables = getattr(sys.modules[type(self).__module__], "_LABELS", {})
        return tables.get(type(self), {}).get(self.value) or self.value.replace("_", " ").capitalize()

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(member.value, member.label) for member in cls]


def choices_of(vocabulary: type[StrEnum]) -> list[tuple[str, str]]:
    """(value, label) pairs for any vocabulary whose members have a ``label``."""
    return [(member.value, member.label) for member in vocabulary]  # type: ignore[attr-defined]
