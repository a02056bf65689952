"""Who may see what: the one place that scopes every query to a user.

Rooms never filter by organisation themselves. They ask here:
- ``can(user, capability)`` / ``require(user, capability)`` for the work a role opens;
- ``visible(user, queryset, capability)`` for the rows the user may see;
- ``get_visible(user, queryset, capability, **lookup)`` for one row, or ``NotVisible``.

A model declares how it belongs to an organisation with ``ACCESS_ORGANISATION_PATH`` (a lookup
path to the owning organisation's id). A model without one is invisible to everybody: access fails
closed. ``NotVisible`` is answered exactly like a missing record (404), so nobody learns from a
refusal that another organisation's record exists.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import models
from django.db.models import Q

from lantern.access.rules import Capability, capabilities_of
from lantern.accounts.rules import Region, Role

M = TypeVar("M", bound=models.Model)


class AccessDenied(Exception):
    """The user's roles do not open this kind of work (answered 403)."""


class NotVisible(Exception):
    """No such record, or not one this user may see: the two are indistinguishable (404)."""


def _is_active_member(user: Any) -> bool:
    return bool(
        user is not None
        and getattr(user, "is_authenticated", False)
        and user.is_active
        and getattr(user, "organisation_id", None) is not None
    )


def capabilities(user: Any) -> frozenset[Capability]:
    """Everything this user may do now; nothing for a signed-out or disabled user."""
    if not _is_active_member(user):
        return frozenset()
    return capabilities_of(user.role_set)


def can(user: Any, capability: Capability) -> bool:
    return capability in capabilities(user)


def require(user: Any, capability: Capability) -> None:
    """Refuse (403) unless the user's roles give this capability."""
    if not can(user, capability):
        raise AccessDenied(f"Your role does not allow this ({capability.value}).")


def _organisation_paths(model: type[models.Model]) -> tuple[str, ...]:
    """How a model's rows belong to organisations: one lookup path, or several (any of them)."""
    paths = getattr(model, "ACCESS_ORGANISATION_PATH", None)
    if not paths:
        raise ImproperlyConfigured(
            f"{model.__name__} has no ACCESS_ORGANISATION_PATH, so nobody may see it."
        )
    return (paths,) if isinstance(paths, str) else tuple(paths)


def visible(user: Any, queryset: models.QuerySet[M], capability: Capability) -> models.QuerySet[M]:
    """The rows of ``queryset`` this user may see: their own organisation's, if their role allows.

    A model shared between organisations (an organised crime group several forces investigate)
    names several paths; a row is visible through any of them.
    """
    paths = _organisation_paths(queryset.model)
    if not can(user, capability):
        return queryset.none()
    condition = Q()
    for path in paths:
        condition |= Q(pk=user.organisation_id) if path == "pk" else Q(**{path: user.organisation_id})
    scoped = queryset.filter(condition)
    return scoped.distinct() if _may_repeat(queryset.model, paths) else scoped


_REPEATS: dict[type[models.Model], bool] = {}


def _may_repeat(model: type[models.Model], paths: tuple[str, ...]) -> bool:
    """Whether filtering through these paths can return a row more than once: only a path through
    a to-many relation (an organised crime group's investigations) joins one row to several. Paths
    of foreign keys alone (a match's two people's forces) cannot, and a ``DISTINCT`` over their
    wide join is most of the query's time (650 ms against 175 ms for the connections page)."""
    if model not in _REPEATS:
        _REPEATS[model] = any(_crosses_many(model, path) for path in paths)
    return _REPEATS[model]


def _crosses_many(model: type[models.Model], path: str) -> bool:
    current: Any = model
    for part in path.split("__"):
        if part == "pk":
            return False
        try:
            field = current._meta.get_field(part)
        except FieldDoesNotExist:  # a lookup such as "in" ends the relations
            return False
        if field.one_to_many or field.many_to_many:
            return True
        if not field.is_relation:
            return False
        current = field.related_model
    return False


def get_visible(
    user: Any, queryset: models.QuerySet[M], capability: Capability, **lookup: Any
) -> M:
    """One row this user may see, or ``NotVisible`` whether it is missing or someone else's."""
    found = visible(user, queryset, capability).filter(**lookup).first()
    if found is None:
        raise NotVisible()
    return found


def countable(user: Any, organisations: Iterable[Any]) -> frozenset[int]:
    """The ids of ``organisations`` if this user may count their records, else ``AccessDenied``.

    For aggregate figures (the national picture), which hold no personal data but are still a
    force's business: the national unit (``SEE_NATIONAL_PICTURE``) counts any organisation; a
    regional coordinator counts those of their own organisation's region; anyone else whose role
    opens casework (``SEE_CASES``) counts their own organisation only. Partner agencies, auditors
    and administrators count nothing. All or nothing: a place with one organisation the user may
    not count is refused whole, so a figure is never silently a part of what its heading says.
    """
    chosen = list(organisations)
    ids = frozenset(organisation.pk for organisation in chosen)
    if can(user, Capability.SEE_NATIONAL_PICTURE):
        return ids
    if not can(user, Capability.SEE_CASES):
        raise AccessDenied("Your role does not allow counting casework records.")
    if Role.REGIONAL_COORDINATOR in user.role_set:
        own_region = user.organisation.region
        if own_region != Region.NATIONAL.value and all(o.region == own_region for o in chosen):
            return ids
        raise AccessDenied("A regional coordinator may count their own region's records only.")
    if ids <= {user.organisation_id}:
        return ids
    raise AccessDenied("You may count your own organisation's records only.")


def across_forces(queryset: models.QuerySet[M], *, purpose: str) -> models.QuerySet[M]:
    """Every force's rows, for a system job with no user: the national linkage run, nothing else.

    The one read here not scoped to a user. It exists because the cross-force connections the
    seeds call for (seed 004: 36% more links once records were shared in one place) can only be
    found by comparing every record with every other. The caller names its purpose and records
    the read in the audit log; what any person then sees of the results is scoped again by
    ``visible``. A model with no ``ACCESS_ORGANISATION_PATH`` is refused here too.
    """
    _organisation_paths(queryset.model)
    if purpose not in SYSTEM_PURPOSES:
        raise ImproperlyConfigured(f"No system read is allowed for {purpose!r}.")
    return queryset


SYSTEM_PURPOSES = frozenset({"linkage"})
