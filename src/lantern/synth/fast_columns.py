"""One column's values as ``bulk_create`` would send them, converted a whole column at a time.

Why: ``bulk_create`` calls ``field.pre_save(obj, add=True)`` and ``field.get_db_prep_save(value,
connection)`` for every value, four or five method calls deep, which is most of its cost. For the
field types listed here, and values of exactly the listed Python types, those calls are known to
return the value itself or the backend adapter's result, so the column is kept or mapped through
the adapter in one pass (Django 5.2's ``Field``, ``CharField``, ``TextField``, ``BooleanField``,
``IntegerField``, ``AutoFieldMixin``, ``DateField``, ``DateTimeField``, ``JSONField``,
``ForeignKey``). Any other value in the column (a number given as text, a naive datetime, a JSON
string) takes the general path: ``get_db_prep_save`` itself. A field type not listed raises
``Unsupported``, and so does an expression as a value (``F()``, ``Now()``, a database default),
so the caller uses ``bulk_create``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from functools import cache, partial
from typing import Any

from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models.fields import NOT_PROVIDED, AutoField

__all__ = ["Column", "Unsupported", "column_for"]

_NONE = type(None)
_TEXT = (models.CharField, models.TextField)
_INTEGERS = (models.IntegerField, models.SmallIntegerField, models.BigIntegerField,
             models.PositiveIntegerField, models.PositiveSmallIntegerField,
             models.PositiveBigIntegerField)
_AUTO = (models.AutoField, models.BigAutoField, models.SmallAutoField)
_RELATIONS = (models.ForeignKey, models.OneToOneField)


class Unsupported(Exception):
    """A field or value this module does not convert: leave the objects to ``bulk_create``."""


class Column:
    """How one field's values are read off the objects and prepared for the database."""

    def __init__(self, field: models.Field[Any, Any], connection: BaseDatabaseWrapper,
                 plain: frozenset[type], adapt: Callable[[Any], Any] | None = None,
                 aware: bool = False, repeats: bool = False) -> None:
        self.field, self.connection = field, connection
        self.plain, self.adapt, self.aware = plain, adapt, aware
        # Dates and moments recur through a batch (a few thousand days, millions of rows): their
        # adapter's result is remembered for the call. Equal values adapt equally (an aware
        # datetime is equal to another only at the same instant, and the adapter writes UTC).
        self.repeats = repeats
        # DateField/DateTimeField stamp now in pre_save (auto_now, or auto_now_add unless
        # bulk._dated has turned it off for this batch); every other listed type just reads the
        # attribute there.
        self.stamps = bool(getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False))

    def values(self, objs: Sequence[models.Model], raw: Sequence[Any]) -> Sequence[Any]:
        """``raw`` (the attribute of each object) as ``bulk_create`` would bind it."""
        if self.stamps:
            raw = [self.field.pre_save(obj, True) for obj in objs]
        kinds = set(map(type, raw))
        if kinds <= self.plain and (not self.aware or all(v is None or v.utcoffset() is not None
                                                          for v in raw)):
            if self.adapt is None:
                return raw
            return list(map(cache(self.adapt) if self.repeats else self.adapt, raw))
        if any(hasattr(kind, "resolve_expression") for kind in kinds):
            raise Unsupported(f"{self.field}: an expression")
        prepare, connection = self.field.get_db_prep_save, self.connection
        return [prepare(value, connection) for value in raw]


def _integer(field: models.Field[Any, Any], connection: BaseDatabaseWrapper) -> Callable[[Any], Any] | None:
    """The adapter ``get_db_prep_save`` ends in for an ``int`` (or ``None``) in this integer field.

    ``None`` where that adapter is the base backend's, which returns the value as it is.
    """
    ops = connection.ops
    if isinstance(field, AutoField):  # AutoFieldMixin.get_db_prep_value: validate_autopk_value only
        same = type(ops).validate_autopk_value is BaseDatabaseOperations.validate_autopk_value
        return None if same else ops.validate_autopk_value
    if type(ops).adapt_integerfield_value is BaseDatabaseOperations.adapt_integerfield_value:
        return None
    return partial(ops.adapt_integerfield_value, internal_type=field.get_internal_type())


def column_for(field: models.Field[Any, Any], connection: BaseDatabaseWrapper) -> Column:
    """The column for one concrete, non-key field; ``Unsupported`` if it is not one listed here."""
    kind = type(field)
    # A field that writes its own SQL around the value (Django's ``get_placeholder`` hook, as
    # GIS fields do) cannot go through a plain parameter list.
    writes_own_sql = hasattr(field, "get_placeholder")
    if field.generated or field.db_default is not NOT_PROVIDED or writes_own_sql:
        raise Unsupported(f"{field}: generated, a database default, or its own SQL for the value")
    ops = connection.ops
    if kind in _TEXT:
        return Column(field, connection, frozenset({str, _NONE}))
    if kind is models.BooleanField:
        return Column(field, connection, frozenset({bool, _NONE}))
    if kind in _INTEGERS:
        return Column(field, connection, frozenset({int, _NONE}), _integer(field, connection))
    if kind is models.DateField:
        return Column(field, connection, frozenset({date, _NONE}), ops.adapt_datefield_value,
                      repeats=True)
    if kind is models.DateTimeField:
        return Column(field, connection, frozenset({datetime, _NONE}), ops.adapt_datetimefield_value,
                      aware=True, repeats=True)
    if kind is models.JSONField:  # JSONField.get_db_prep_save: None stays SQL NULL, else the adapter
        dumps, encoder = ops.adapt_json_value, field.encoder  # type: ignore[attr-defined]
        return Column(field, connection, frozenset({list, dict, _NONE}),
                      lambda value: None if value is None else dumps(value, encoder))
    if kind in _RELATIONS:
        target = field.target_field  # type: ignore[attr-defined]
        if type(target) not in _AUTO + _INTEGERS:
            raise Unsupported(f"{field}: a relation to {target}")
        return Column(field, connection, frozenset({int, _NONE}), _integer(target, connection))
    raise Unsupported(f"{field}: {kind.__name__} is not converted here")
